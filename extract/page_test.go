package extract

import (
	"encoding/json"
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
