package extract

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// labeled is a hand-labeled real page (testdata/corpus/NAME.labels.json).
type labeled struct {
	JSONResult
	CapturedAt time.Time `json:"captured_at"`
	Notes      any       `json:"notes"`
}

// pageScore is how well one extraction matches the labels.
type pageScore struct {
	name                  string
	want, got, matched    int
	titles, summaries     int // matched items whose field agrees
	wantSummary, wantDate int // matched items whose label has the field
	dates                 int
	nextOK                bool
}

func (p pageScore) precision() float64 { return ratio(p.matched, p.got) }
func (p pageScore) recall() float64    { return ratio(p.matched, p.want) }
func (p pageScore) f1() float64 {
	pr, rc := p.precision(), p.recall()
	if pr+rc == 0 {
		return 0
	}
	return 2 * pr * rc / (pr + rc)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// score compares got with the labels: items match by canonical URL; titles
// must be equal; summaries equal after whitespace/case folding or one a
// ≥80% prefix of the other; dates equal on the day.
func score(name string, got JSONResult, want JSONResult) pageScore {
	p := pageScore{name: name, want: len(want.Items), got: len(got.Items)}
	byKey := make(map[string]JSONItem, len(got.Items))
	for _, it := range got.Items {
		if k, err := CanonicalURL(it.URL); err == nil {
			byKey[k] = it
		}
	}
	for _, w := range want.Items {
		k, err := CanonicalURL(w.URL)
		if err != nil {
			continue
		}
		g, ok := byKey[k]
		if !ok {
			continue
		}
		p.matched++
		if g.Title == w.Title {
			p.titles++
		}
		if w.Summary != nil {
			p.wantSummary++
			if similarText(s(g.Summary), *w.Summary) {
				p.summaries++
			}
		}
		if w.Published != nil {
			p.wantDate++
			if len(s(g.Published)) >= 10 && len(*w.Published) >= 10 && s(g.Published)[:10] == (*w.Published)[:10] {
				p.dates++
			}
		}
	}
	gn, wn := s(got.NextPage), s(want.NextPage)
	if gn != "" {
		gn, _ = CanonicalURL(gn)
	}
	if wn != "" {
		wn, _ = CanonicalURL(wn)
	}
	p.nextOK = gn == wn
	return p
}

func similarText(a, b string) bool {
	a, b = strings.ToLower(collapse(a)), strings.ToLower(collapse(b))
	if a == b {
		return true
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	return a != "" && strings.HasPrefix(b, a) && float64(len(a)) >= 0.8*float64(len(b))
}

// TestCorpus measures zero-config extraction on hand-labeled real pages and
// fails when the aggregate falls below the floors (regressions).
func TestCorpus(t *testing.T) {
	files, _ := filepath.Glob("testdata/corpus/*.labels.json")
	if len(files) == 0 {
		t.Skip("no labeled corpus pages")
	}
	sort.Strings(files)
	var all []pageScore
	for _, lf := range files {
		name := strings.TrimSuffix(filepath.Base(lf), ".labels.json")
		var want labeled
		b, err := os.ReadFile(lf)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &want); err != nil {
			t.Fatalf("%s: %v", lf, err)
		}
		body, err := os.ReadFile(filepath.Join("testdata/corpus", name+".html"))
		if err != nil {
			t.Fatal(err)
		}
		res, err := Extract(body, Options{URL: want.PageURL, Now: want.CapturedAt})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		p := score(name, res.JSON(), want.JSONResult)
		all = append(all, p)
		if testing.Verbose() {
			t.Logf("%-42s want %3d got %3d  P %.2f R %.2f F1 %.2f  title %.2f  summary %.2f  date %.2f  next %v  [%s]",
				name, p.want, p.got, p.precision(), p.recall(), p.f1(), ratio(p.titles, p.matched),
				ratio(p.summaries, p.wantSummary), ratio(p.dates, p.wantDate), p.nextOK, res.Diagnostics.Reason)
		}
	}
	tot := aggregate(all)
	t.Log(tot)
	floors := corpusFloors
	if tot.f1 < floors.f1 || tot.titles < floors.titles || tot.summaries < floors.summaries ||
		tot.dates < floors.dates || tot.next < floors.next {
		t.Errorf("corpus quality below floors %+v", floors)
	}
}

type totals struct {
	pages                                       int
	f1, microF1, titles, summaries, dates, next float64
}

func (t totals) String() string {
	return fmt.Sprintf("%d pages: mean F1 %.3f, micro F1 %.3f, titles %.3f, summaries %.3f, dates %.3f, next page %.3f",
		t.pages, t.f1, t.microF1, t.titles, t.summaries, t.dates, t.next)
}

// corpusFloors are the measured quality, rounded down: a change that
// lowers any of them is a regression to look at.
var corpusFloors = totals{f1: 0.955, titles: 0.99, summaries: 0.98, dates: 0.99, next: 0.99}

func aggregate(ps []pageScore) totals {
	var t totals
	var matched, want, got, titles, sums, wantSums, dates, wantDates, next int
	for _, p := range ps {
		t.f1 += p.f1()
		matched += p.matched
		want += p.want
		got += p.got
		titles += p.titles
		sums += p.summaries
		wantSums += p.wantSummary
		dates += p.dates
		wantDates += p.wantDate
		if p.nextOK {
			next++
		}
	}
	t.pages = len(ps)
	t.f1 /= float64(len(ps))
	pr, rc := ratio(matched, got), ratio(matched, want)
	if pr+rc > 0 {
		t.microF1 = 2 * pr * rc / (pr + rc)
	}
	t.titles = ratio(titles, matched)
	t.summaries = ratio(sums, wantSums)
	t.dates = ratio(dates, wantDates)
	t.next = ratio(next, len(ps))
	return t
}
