package extract

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"time"

	"golang.org/x/net/html"
)

// Strategy names say which method found a page's items.
const (
	StrategySelectors   = "selectors"
	StrategyAuto        = "auto"
	StrategyJSONLD      = "json-ld"
	StrategyMicrodata   = "microdata"
	StrategyMicroformat = "microformats"
	StrategyNone        = "none"
)

// Options are the inputs of Extract besides the page bytes.
type Options struct {
	// URL is the page's absolute URL; links resolve against it (and <base>).
	URL string
	// ContentType is the HTTP Content-Type header, used as a charset hint.
	ContentType string
	// Selectors, when not nil, are the user's selectors; they win over
	// zero-config extraction.
	Selectors *Selectors
	// Now is the reference (capture) time for relative dates like
	// "3 hours ago"; zero rejects relative dates.
	Now time.Time
}

// Result is what one page lists.
type Result struct {
	PageURL     string
	Items       []Item
	NextPage    string // absolute; "" on the last page
	Strategy    string
	Diagnostics Diagnostics
}

// Diagnostics explain how a result was found, for people and for the
// crawler's extraction-health checks.
type Diagnostics struct {
	Encoding   string     // the charset the page was read as
	Region     string     // a CSS-like path of the list's container
	Reason     string     // the features behind the choice
	Score      float64    // the chosen list's score
	RunnerUp   float64    // the best competing list's score
	Candidates int        // lists considered
	Structured int        // entries found in structured data
	Lists      []ListInfo // the best candidate lists, best first
	Notes      []string
}

// ListInfo describes one candidate list.
type ListInfo struct {
	Region string
	Items  int
	Score  float64
	Reason string
	First  string // the first entry's title
}

// ErrBadURL is returned when the page URL is not absolute http(s).
var ErrBadURL = errors.New("page URL must be absolute http(s)")

// MaxBytes is the largest page Extract parses; bigger input is cut there
// (and a note says so) so that one hostile page cannot exhaust memory.
const MaxBytes = 16 << 20

// Extract finds the listing in one page.
func Extract(body []byte, opts Options) (*Result, error) {
	p, err := Parse(body, opts)
	if err != nil {
		return nil, err
	}
	return p.Result(), nil
}

// Page is a parsed listing page. Parse does the work every strategy
// shares (decode, parse, index); NextHint is cheap; Result does the rest.
// A crawler can so ask for the next page before the items are extracted
// and fetch it meanwhile. A Page is not safe for concurrent use.
type Page struct {
	d    *doc
	opts Options
	res  *Result

	hint     string // NextHint's answer, when asked
	hintDone bool
}

// Parse decodes and parses body, ready for NextHint and Result.
func Parse(body []byte, opts Options) (*Page, error) {
	pageURL, err := url.Parse(opts.URL)
	if err != nil || (pageURL.Scheme != "http" && pageURL.Scheme != "https") || pageURL.Host == "" {
		return nil, fmt.Errorf("extract %q: %w", opts.URL, ErrBadURL)
	}
	res := &Result{PageURL: pageURL.String(), Strategy: StrategyNone}
	if len(body) > MaxBytes {
		body = body[:MaxBytes]
		res.Diagnostics.Notes = append(res.Diagnostics.Notes, fmt.Sprintf("page cut at %d bytes", MaxBytes))
	}
	text, enc := Decode(body, opts.ContentType)
	res.Diagnostics.Encoding = enc
	root, err := html.Parse(bytes.NewReader(text))
	if err != nil { // html.Parse fails only on reader errors
		return nil, fmt.Errorf("extract %s: parse: %w", pageURL, err)
	}
	d := newDoc(root, pageURL)
	d.finishAnchors()
	return &Page{d: d, opts: opts, res: res}, nil
}

// NextHint returns the next page's URL as Result will give it, unless an
// item's own link looks like a pager link (Result leaves item links out);
// a crawler fetching ahead on the hint checks it against Result's.
func (p *Page) NextHint() string {
	if !p.hintDone {
		p.hintDone = true
		if s := p.opts.Selectors; s != nil && s.next != nil {
			p.hint = s.nextPage(p.d)
		}
		if p.hint == "" {
			p.hint = p.d.nextPage(nil)
		}
	}
	return p.hint
}

// Result extracts the items and the next page. Call it once.
func (p *Page) Result() *Result {
	d, opts, res := p.d, p.opts, p.res
	fr := fieldReader{d: d, now: opts.Now}

	structured, kind, allStructured := d.structured(opts.Now)
	res.Diagnostics.Structured = len(structured)

	switch {
	case opts.Selectors != nil:
		res.Items = opts.Selectors.apply(d, fr)
		res.Strategy = StrategySelectors
	default:
		c, runner, cands := d.findList()
		res.Diagnostics.Candidates = len(cands)
		for k, o := range cands {
			if k == 5 {
				break
			}
			if len(o.records) == 0 {
				continue
			}
			res.Diagnostics.Lists = append(res.Diagnostics.Lists, ListInfo{Region: d.describe(o.region), Items: len(o.records),
				Score: o.score, Reason: o.reason(), First: d.anchors[o.records[0].anchor].text})
		}
		if c != nil && c.score >= minScore {
			for _, r := range c.records {
				res.Items = append(res.Items, fr.item(r))
			}
			res.Strategy = StrategyAuto
			res.Diagnostics.Region = d.describe(c.region)
			res.Diagnostics.Reason = c.reason()
			res.Diagnostics.Score = c.score
			res.Diagnostics.RunnerUp = runner
		}
		if len(structured) > 0 && (len(res.Items) == 0 || !d.sharesURLs(res.Items, structured)) && len(structured) >= len(res.Items) {
			if len(res.Items) > 0 {
				res.Diagnostics.Notes = append(res.Diagnostics.Notes, "structured data lists other entries than the HTML; using structured data")
			}
			res.Items = structured
			res.Strategy = kind
		}
	}
	resolveClocks(res.Items, opts.Now)
	res.Items = enrich(res.Items, allStructured)
	var itemKeys map[string]bool
	res.Items, itemKeys = dedupe(res.Items)
	for i := range res.Items {
		res.Items[i].Position = i + 1
	}
	switch {
	case p.hintDone && p.hint == "":
		// Leaving item links out cannot make a next link appear.
	case p.hintDone && !p.hintIsItem(itemKeys):
		// The best pager link among all links is not an item's: it is
		// also the best among the links that are not items'.
		res.NextPage = p.hint
	default:
		if opts.Selectors != nil && opts.Selectors.next != nil {
			res.NextPage = opts.Selectors.nextPage(d)
		}
		if res.NextPage == "" {
			res.NextPage = d.nextPage(itemKeys)
		}
	}
	return res
}

// hintIsItem reports whether NextHint's link is one of the items' links.
func (p *Page) hintIsItem(itemKeys map[string]bool) bool {
	k, err := CanonicalURL(p.hint)
	return err != nil || itemKeys[k]
}

// minScore is the least score a list needs to count as the page's listing;
// below it the page is taken to have no list (an article, an error page).
const minScore = 3.0

// sharesURLs reports whether most structured entries are among the items.
func (d *doc) sharesURLs(items []Item, structured []Item) bool {
	keys := make(map[string]bool, len(items))
	for _, it := range items {
		if k, err := CanonicalURL(it.URL); err == nil {
			keys[k] = true
		}
	}
	hit := 0
	for _, it := range structured {
		if k, err := CanonicalURL(it.URL); err == nil && keys[k] {
			hit++
		}
	}
	return hit*2 >= len(structured)
}

// enrich fills empty fields of items from structured data about the same URL.
func enrich(items, structured []Item) []Item {
	if len(structured) == 0 {
		return items
	}
	byKey := make(map[string]*Item, len(structured))
	for i := range structured {
		if k, err := CanonicalURL(structured[i].URL); err == nil {
			byKey[k] = &structured[i]
		}
	}
	for i := range items {
		k, err := CanonicalURL(items[i].URL)
		if err != nil {
			continue
		}
		s := byKey[k]
		if s == nil {
			continue
		}
		it := &items[i]
		if it.Title == "" {
			it.Title = s.Title
		}
		if it.Summary == "" {
			it.Summary = s.Summary
		}
		if it.Published.IsZero() || (!it.Published.HasTime && s.Published.HasTime && sameDay(it.Published, s.Published)) {
			if !s.Published.IsZero() {
				it.Published = s.Published
			}
		}
		if it.Author == "" {
			it.Author = s.Author
		}
		if it.Image == "" {
			it.Image = s.Image
		}
	}
	return items
}

func sameDay(a, b Date) bool {
	return a.Time.UTC().Format(time.DateOnly) == b.Time.UTC().Format(time.DateOnly)
}

// dedupe keeps the first entry per canonical URL, and drops entries
// without a title or URL. It returns the canonical URLs of the entries
// kept too.
func dedupe(items []Item) ([]Item, map[string]bool) {
	seen := make(map[string]bool, len(items))
	out := items[:0]
	for _, it := range items {
		k, err := CanonicalURL(it.URL)
		if err != nil || it.Title == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, it)
	}
	return out, seen
}

// describe renders element i as a short CSS-like path for diagnostics.
func (d *doc) describe(i int32) string {
	var parts []string
	for p := i; p >= 0 && len(parts) < 4; p = d.els[p].parent {
		n := d.els[p].n
		s := n.Data
		if id := attr(n, "id"); id != "" {
			s += "#" + id
		} else if c := attr(n, "class"); c != "" {
			fields := bytes.Fields([]byte(c))
			if len(fields) > 2 {
				fields = fields[:2]
			}
			for _, f := range fields {
				s += "." + string(f)
			}
		}
		parts = append([]string{s}, parts...)
	}
	out := ""
	for k, p := range parts {
		if k > 0 {
			out += " > "
		}
		out += p
	}
	return out
}
