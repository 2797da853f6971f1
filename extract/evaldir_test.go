package extract

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestEvalDir scores zero-config extraction on a directory of pages
// labeled elsewhere: NAME.html beside NAME.expected.json (the JSON
// contract, optionally with "captured_at"), set in EXTRACT_EVAL. It
// prints per-page and total scores and, with -v, every disagreement.
//
//	EXTRACT_EVAL=/path/to/pages go test ./extract -run TestEvalDir -v
//
// With EXTRACT_EVAL_STRICT=1 every field must match, as in TestGolden.
func TestEvalDir(t *testing.T) {
	dir := os.Getenv("EXTRACT_EVAL")
	if dir == "" {
		t.Skip("set EXTRACT_EVAL to a directory of NAME.html + NAME.expected.json")
	}
	if tot, ok := scoreDir(t, dir, os.Getenv("EXTRACT_EVAL_STRICT") != ""); ok {
		t.Log(tot)
	}
}

// TestHoldout measures extraction on testdata/holdout: pages of CMS
// families and newspaper fronts written by people who had not seen the
// extractor (see its README), and fails below the floors.
func TestHoldout(t *testing.T) {
	tot, ok := scoreDir(t, "testdata/holdout", false)
	if !ok {
		t.Fatal("no holdout pages")
	}
	t.Log(tot)
	if tot.f1 < holdoutFloors.f1 || tot.titles < holdoutFloors.titles || tot.summaries < holdoutFloors.summaries ||
		tot.dates < holdoutFloors.dates || tot.next < holdoutFloors.next {
		t.Errorf("holdout quality below floors %+v", holdoutFloors)
	}
}

// holdoutFloors are the measured quality on testdata/holdout, rounded down.
var holdoutFloors = totals{f1: 0.985, titles: 0.99, summaries: 0.99, dates: 0.99, next: 0.99}

// scoreDir scores every NAME.html + NAME.expected.json of dir, logging a
// line per page (and, with -v, every disagreement; with strict, failing
// on any field that differs). It reports false when dir has no pages.
func scoreDir(t *testing.T, dir string, strict bool) (totals, bool) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.expected.json"))
	sort.Strings(files)
	var all []pageScore
	for _, lf := range files {
		name := strings.TrimSuffix(filepath.Base(lf), ".expected.json")
		var want labeled
		b, err := os.ReadFile(lf)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &want); err != nil {
			t.Errorf("%s: %v", lf, err)
			continue
		}
		body, err := os.ReadFile(filepath.Join(dir, name+".html"))
		if err != nil {
			t.Error(err)
			continue
		}
		now := want.CapturedAt
		if now.IsZero() {
			now = goldenNow
		}
		res, err := Extract(body, Options{URL: want.PageURL, Now: now})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		got := res.JSON()
		p := score(name, got, want.JSONResult)
		all = append(all, p)
		t.Logf("%-40s want %3d got %3d  F1 %.2f  title %.2f  summary %.2f  date %.2f  next %v",
			name, p.want, p.got, p.f1(), ratio(p.titles, p.matched), ratio(p.summaries, p.wantSummary), ratio(p.dates, p.wantDate), p.nextOK)
		if testing.Verbose() {
			logDisagreements(t, got, want.JSONResult)
		}
		if strict {
			t.Run(name, func(t *testing.T) {
				want.Strategy = got.Strategy
				compareResults(t, got, want.JSONResult)
			})
		}
	}
	if len(all) == 0 {
		return totals{}, false
	}
	return aggregate(all), true
}
