package extract

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestNextHint checks on every test page that Parse/NextHint/Result give
// what Extract gives, and counts how often the hint a crawler fetches
// ahead on is the final next page.
func TestNextHint(t *testing.T) {
	type page struct {
		name, url string
		now       time.Time
	}
	var pages []page
	golden, _ := filepath.Glob("testdata/golden/*.golden.json")
	corpus, _ := filepath.Glob("testdata/corpus/*.labels.json")
	for _, f := range append(golden, corpus...) {
		var meta struct {
			PageURL    string    `json:"page_url"`
			CapturedAt time.Time `json:"captured_at"`
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &meta); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		html := strings.TrimSuffix(strings.TrimSuffix(f, ".golden.json"), ".labels.json") + ".html"
		pages = append(pages, page{html, meta.PageURL, meta.CapturedAt})
	}
	same := 0
	for _, pg := range pages {
		body, err := os.ReadFile(pg.name)
		if err != nil {
			t.Fatal(err)
		}
		opts := Options{URL: pg.url, Now: pg.now}
		want, err := Extract(body, opts)
		if err != nil {
			t.Fatal(err)
		}
		p, err := Parse(body, opts)
		if err != nil {
			t.Fatal(err)
		}
		hint := p.NextHint()
		got := p.Result()
		if got.NextPage != want.NextPage || len(got.Items) != len(want.Items) {
			t.Errorf("%s: Parse/Result next %q, %d items; Extract next %q, %d items", pg.name, got.NextPage, len(got.Items), want.NextPage, len(want.Items))
		}
		if hint == want.NextPage {
			same++
		} else {
			t.Logf("%s: hint %q, next %q", pg.name, hint, want.NextPage)
		}
	}
	t.Logf("the hint was the next page on %d of %d pages", same, len(pages))
	if len(pages) < 40 || same < len(pages)*9/10 {
		t.Errorf("the hint was right on only %d of %d pages", same, len(pages))
	}
}

func TestTokenIn(t *testing.T) {
	for _, tc := range []struct {
		s, w string
		want bool
	}{
		{"nav-next", "next", true}, {"next", "next", true}, {"nextpostslink", "next", false}, {"a next_b", "next", true},
		{"pagination-next-x", "next", true}, {"unext", "next", false}, {"next-", "next", true}, {"", "next", false},
		{"nexnext", "next", false}, {"x nex next", "next", true},
	} {
		old := false
		for _, tok := range strings.FieldsFunc(tc.s, func(r rune) bool { return r == ' ' || r == '-' || r == '_' }) {
			old = old || tok == tc.w
		}
		if got := tokenIn(tc.s, tc.w); got != tc.want || got != old {
			t.Errorf("tokenIn(%q, %q) = %v, want %v (fields: %v)", tc.s, tc.w, got, tc.want, old)
		}
	}
}

func TestSummaryStartingWithADate(t *testing.T) {
	var b strings.Builder
	b.WriteString("<html><body><main>")
	for i, s := range []string{
		"15 January 2026 saw the largest attack on the city in a decade, and officials were caught off guard.",
		"12.01.2026 | Kabul – The Taliban announced new measures against the group after the bombing.",
		"A plain summary about the group's finances and its recruitment in Central Asia this year.",
	} {
		fmt.Fprintf(&b, `<article class="post"><h2><a href="/2026/01/post-%d/">Headline number %d about ISKP</a></h2><div class="entry-summary"><p>%s</p></div></article>`, i, i, s)
	}
	b.WriteString("</main></body></html>")
	res, err := Extract([]byte(b.String()), Options{URL: "https://example.org/tag/iskp/", Now: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil || len(res.Items) != 3 {
		t.Fatalf("%v, %d items", err, len(res.Items))
	}
	if got := res.Items[0].Summary; !strings.HasPrefix(got, "15 January 2026 saw") {
		t.Errorf("a sentence starting with a date lost it: %q", got)
	}
	if got := res.Items[1].Summary; !strings.HasPrefix(got, "Kabul") {
		t.Errorf("a dateline was kept: %q", got)
	}
}

// TestResultMarshalJSON: encoding a *Result with encoding/json gives the
// documented contract (snake_case keys, nulls), not the Go field names.
func TestResultMarshalJSON(t *testing.T) {
	res, err := Extract([]byte(`<html><body><main>`+strings.Repeat(`<article><h2><a href="/a/">A headline about the group</a></h2><p>A summary long enough to count as an excerpt of the article.</p></article>`, 1)+
		`<article><h2><a href="/b/">Another headline about the group</a></h2><p>Another summary long enough to count as an excerpt.</p></article>`+
		`<article><h2><a href="/c/">A third headline about the group</a></h2><p>A third summary long enough to count as an excerpt here.</p></article></main></body></html>`),
		Options{URL: "https://example.org/tag/x/"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"page_url", "next_page", "strategy", "items"} {
		if _, ok := got[k]; !ok {
			t.Errorf("json.Marshal(*Result) lacks %q: %s", k, b)
		}
	}
	if items, _ := got["items"].([]any); len(items) != 3 {
		t.Errorf("items = %v", got["items"])
	}
}
