package extract

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCorpusDetail prints, for the corpus pages named in CORPUS_DETAIL
// (comma-separated name fragments), every disagreement with the labels:
// missed and extra items, and matched items whose fields differ.
//
//	CORPUS_DETAIL=naviny go test ./extract -run TestCorpusDetail -v
func TestCorpusDetail(t *testing.T) {
	sel := os.Getenv("CORPUS_DETAIL")
	if sel == "" {
		t.Skip("set CORPUS_DETAIL=name[,name…]")
	}
	files, _ := filepath.Glob("testdata/corpus/*.labels.json")
	for _, lf := range files {
		name := strings.TrimSuffix(filepath.Base(lf), ".labels.json")
		if !matchesAny(name, strings.Split(sel, ",")) {
			continue
		}
		var want labeled
		b, _ := os.ReadFile(lf)
		if err := json.Unmarshal(b, &want); err != nil {
			t.Fatal(err)
		}
		body, _ := os.ReadFile(filepath.Join("testdata/corpus", name+".html"))
		res, err := Extract(body, Options{URL: want.PageURL, Now: want.CapturedAt})
		if err != nil {
			t.Fatal(err)
		}
		got := res.JSON()
		t.Logf("== %s: next got %q want %q; %s", name, s(got.NextPage), s(want.NextPage), res.Diagnostics.Reason)
		for _, l := range res.Diagnostics.Lists {
			t.Logf("  LIST %6.2f %3d %s  %q  [%s]", l.Score, l.Items, l.Region, l.First, l.Reason)
		}
		logDisagreements(t, got, want.JSONResult)
	}
}

func matchesAny(name string, frags []string) bool {
	for _, f := range frags {
		if f != "" && strings.Contains(name, f) {
			return true
		}
	}
	return false
}

// logDisagreements logs missed and extra items, and matched items whose
// title, summary or date differ from the labels.
func logDisagreements(t *testing.T, got, want JSONResult) {
	t.Helper()
	gk := map[string]JSONItem{}
	for _, it := range got.Items {
		k, _ := CanonicalURL(it.URL)
		gk[k] = it
	}
	wk := map[string]bool{}
	for _, w := range want.Items {
		k, _ := CanonicalURL(w.URL)
		wk[k] = true
		g, ok := gk[k]
		if !ok {
			t.Logf("  MISSED %s  %q", w.URL, w.Title)
			continue
		}
		if g.Title != w.Title {
			t.Logf("  TITLE  %s\n     got  %q\n     want %q", w.URL, g.Title, w.Title)
		}
		if w.Summary != nil && !similarText(s(g.Summary), *w.Summary) {
			t.Logf("  SUMMARY %s\n     got  %.200q\n     want %.200q", w.URL, s(g.Summary), *w.Summary)
		}
		if w.Published != nil && (len(s(g.Published)) < 10 || s(g.Published)[:10] != (*w.Published)[:10]) {
			t.Logf("  DATE   %s got %q want %q", w.URL, s(g.Published), *w.Published)
		}
	}
	for _, g := range got.Items {
		k, _ := CanonicalURL(g.URL)
		if !wk[k] {
			t.Logf("  EXTRA  %s  %q", g.URL, g.Title)
		}
	}
}
