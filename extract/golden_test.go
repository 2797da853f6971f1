package extract

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite golden files from the extractor's output")

// goldenNow is the capture time of every golden page (for relative dates).
var goldenNow = time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC)

// TestGolden runs the extractor on every testdata/golden/NAME.html and
// compares with NAME.golden.json, written by hand (see testdata/LABELING.md).
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/golden/*.html")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no golden pages")
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".html")
		t.Run(name, func(t *testing.T) {
			goldenPath := strings.TrimSuffix(file, ".html") + ".golden.json"
			want := readExpected(t, goldenPath)
			body, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Extract(body, Options{URL: want.PageURL, Now: goldenNow})
			if err != nil {
				t.Fatal(err)
			}
			got := res.JSON()
			if *update {
				var buf bytes.Buffer
				enc := json.NewEncoder(&buf)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				if err := enc.Encode(got); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(goldenPath, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			compareResults(t, got, want)
		})
	}
}

func readExpected(t *testing.T, path string) JSONResult {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var r JSONResult
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return r
}

func compareResults(t *testing.T, got, want JSONResult) {
	t.Helper()
	if s(got.NextPage) != s(want.NextPage) {
		t.Errorf("next_page: got %q, want %q", s(got.NextPage), s(want.NextPage))
	}
	if got.Strategy != want.Strategy {
		t.Errorf("strategy: got %q, want %q", got.Strategy, want.Strategy)
	}
	gotBy := make(map[string]int, len(got.Items))
	for i, it := range got.Items {
		gotBy[it.URL] = i
	}
	wantBy := make(map[string]bool, len(want.Items))
	last := -1
	for i, w := range want.Items {
		wantBy[w.URL] = true
		gi, ok := gotBy[w.URL]
		if !ok {
			t.Errorf("item %d missing: %q <%s>", i+1, w.Title, w.URL)
			continue
		}
		if gi < last {
			t.Errorf("item %d <%s> out of order: got at position %d", i+1, w.URL, gi+1)
		}
		last = gi
		g := got.Items[gi]
		check := func(field, gv, wv string) {
			if gv != wv {
				t.Errorf("item %d %s:\n got %q\nwant %q", i+1, field, gv, wv)
			}
		}
		check("title", g.Title, w.Title)
		check("summary", s(g.Summary), s(w.Summary))
		check("published", s(g.Published), s(w.Published))
		check("author", s(g.Author), s(w.Author))
		check("image", s(g.Image), s(w.Image))
	}
	for i, g := range got.Items {
		if !wantBy[g.URL] {
			t.Errorf("item %d extra: %q <%s>", i+1, g.Title, g.URL)
		}
	}
}

func s(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
