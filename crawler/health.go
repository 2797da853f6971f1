package crawler

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/tagsnap/tagsnap/extract"
	"github.com/tagsnap/tagsnap/storage"
)

// health compares what this run extracts with the source's recent healthy
// runs, to notice a redesign that silently broke extraction before it
// turns into hundreds of false removals or rewrites.
type health struct {
	norms    storage.Norms
	mu       sync.Mutex // pages are checked by concurrent extraction workers
	problems []string
}

// A field counts as "always there" when at least this share of recent items
// had it, and as "gone" when a page with enough items has none.
const (
	fieldAlways   = 0.9
	minItemsNorm  = 3
	minItemsField = 3
)

func newHealth(n storage.Norms) *health { return &health{norms: n} }

// page checks one fetched page and returns the fields to keep from the
// items' previous versions because extraction lost them.
func (h *health) page(n int, items []extract.Item) storage.Fields {
	var keep storage.Fields
	if h.norms.Runs == 0 {
		return keep
	}
	if usual := h.norms.PageItems[n]; usual >= minItemsNorm && len(items) < (usual+2)/3 {
		h.problem(fmt.Sprintf("page %d gave %d items (usually %d)", n, len(items), usual))
	}
	if len(items) < minItemsField || h.norms.Items == 0 {
		return keep
	}
	var summaries, dates int
	for _, it := range items {
		if it.Summary != "" {
			summaries++
		}
		if !it.Published.IsZero() {
			dates++
		}
	}
	if float64(h.norms.WithSummary) >= fieldAlways*float64(h.norms.Items) && summaries == 0 {
		keep.Summary = true
		h.problem(fmt.Sprintf("page %d has no summaries (usually all items do)", n))
	}
	if float64(h.norms.WithDate) >= fieldAlways*float64(h.norms.Items) && dates == 0 {
		keep.Published = true
		h.problem(fmt.Sprintf("page %d has no dates (usually all items do)", n))
	}
	return keep
}

func (h *health) problem(s string) {
	h.mu.Lock()
	h.problems = append(h.problems, s)
	h.mu.Unlock()
}

// verdict is "" for a healthy run, else what dropped.
func (h *health) verdict() string {
	if h == nil {
		return ""
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.problems) == 0 {
		return ""
	}
	sort.Strings(h.problems) // workers finish pages in any order

	const most = 3
	s := strings.Join(h.problems[:min(len(h.problems), most)], "; ")
	if len(h.problems) > most {
		s += fmt.Sprintf("; and %d more", len(h.problems)-most)
	}
	return "extraction looks broken: " + s
}
