package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tagsnap/tagsnap/internal/sitegen"
)

// archive is a test archive: a database file and a site that changes.
type archive struct {
	t    *testing.T
	db   string
	site *sitegen.Site
	base string
	url  string
}

func newArchive(t *testing.T, items []sitegen.Item, opt sitegen.Options) *archive {
	t.Helper()
	site := sitegen.New(items, opt)
	srv := newLocalServer(t, site)
	return &archive{t: t, db: filepath.Join(t.TempDir(), "archive.db"), site: site, base: srv.URL, url: site.ListingURL(srv.URL)}
}

// crawl runs "tagsnap crawl" on the site and returns the run as runs --format json reports it.
func (a *archive) crawl(wantCode int, flags ...string) runJSON {
	a.t.Helper()
	args := append([]string{"crawl", "--db", a.db, "--delay", "0s", "--format", "json"}, flags...)
	code, out, errs := run(a.t, "", append(args, a.url)...)
	if code != wantCode {
		a.t.Fatalf("crawl exit %d, want %d: %s\n%s", code, wantCode, errs, out)
	}
	runs := a.runs()
	return runs[len(runs)-1]
}

func (a *archive) runs() []runJSON {
	a.t.Helper()
	code, out, errs := run(a.t, "", "runs", "--db", a.db, "--format", "json")
	if code != 0 {
		a.t.Fatalf("runs exit %d: %s", code, errs)
	}
	var runs []runJSON
	if err := json.Unmarshal([]byte(out), &runs); err != nil {
		a.t.Fatalf("runs json: %v\n%s", err, out)
	}
	return runs
}

// export returns an export as JSON objects.
func (a *archive) export(what string, flags ...string) []map[string]any {
	a.t.Helper()
	code, out, errs := run(a.t, "", append([]string{"export", "--db", a.db, "--what", what, "--format", "json"}, flags...)...)
	if code != 0 {
		a.t.Fatalf("export exit %d: %s", code, errs)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		a.t.Fatalf("export json: %v\n%s", err, out)
	}
	return rows
}

// checkSnapshot compares the latest snapshot with the site's truth.
func (a *archive) checkSnapshot(flags ...string) {
	a.t.Helper()
	rows := a.export("snapshot", flags...)
	truth := a.site.Items()
	if len(rows) != len(truth) {
		a.t.Errorf("snapshot has %d rows, site lists %d", len(rows), len(truth))
	}
	for i := range min(len(rows), len(truth)) {
		r, it := rows[i], truth[i]
		want := map[string]any{"url": a.site.ItemURL(a.base, it), "title": it.Title, "summary": it.Summary,
			"published": it.Published.UTC().Format(time.RFC3339), "position": float64(i + 1)}
		for k, v := range want {
			if r[k] != v {
				a.t.Errorf("snapshot row %d %s = %q, want %q", i+1, k, r[k], v)
			}
		}
		if r["capture_sha256"] == nil || r["fetched_at"] == nil || r["run"] == nil {
			a.t.Errorf("snapshot row %d lacks evidence: %v", i+1, r)
		}
	}
}

func TestArchiveEndToEnd(t *testing.T) {
	newest := time.Date(2026, 1, 14, 18, 0, 0, 0, time.UTC)
	items := sitegen.Generate(37, 7, newest)
	a := newArchive(t, items, sitegen.Options{Theme: sitegen.Classic, PerPage: 10})

	// 1. A first full crawl stores the listing exactly.
	r := a.crawl(0, "--full")
	if r.Status != "ok" || !r.Complete || r.PagesFetched != 4 || r.ItemsNew != 37 || r.FinishedAt == nil {
		t.Fatalf("first run = %+v", r)
	}
	a.checkSnapshot()

	// 2. An identical recrawl adds no versions and no page bodies.
	sizeBefore := countRows(t, a.db, "blobs")
	r = a.crawl(0, "--full")
	if r.ItemsNew != 0 || r.ItemsChanged != 0 || r.ItemsRemoved != 0 {
		t.Errorf("identical recrawl = %+v", r)
	}
	if got := countRows(t, a.db, "blobs"); got != sizeBefore {
		t.Errorf("identical recrawl stored %d new page bodies", got-sizeBefore)
	}

	// 3. New items at the top push others to page 2; a headline is
	// rewritten; an item is deleted.
	fresh := sitegen.Generate(2, 99, newest.Add(48*time.Hour))
	for i := len(fresh) - 1; i >= 0; i-- {
		fresh[i].Slug = fmt.Sprintf("fresh-%d", i)
		a.site.Add(fresh[i])
	}
	edited := items[12]
	a.site.Edit(edited.Slug, func(it *sitegen.Item) { it.Title = "Rewritten: " + it.Title })
	a.site.Delete(items[30].Slug)
	r = a.crawl(0, "--full")
	if r.ItemsNew != 2 || r.ItemsChanged != 1 || r.ItemsRemoved != 1 || !r.Complete {
		t.Errorf("run after changes = %+v", r)
	}
	a.checkSnapshot()
	versions := a.export("versions")
	perURL := map[string]int{}
	for _, v := range versions {
		perURL[v["url"].(string)]++
	}
	if got := perURL[a.site.ItemURL(a.base, edited)]; got != 2 {
		t.Errorf("edited item has %d versions, want 2", got)
	}
	if len(perURL) != 39 {
		t.Errorf("%d distinct items, want 39", len(perURL))
	}

	// 4. A failing page removes nothing: the run is partial.
	a.site.Delete(items[20].Slug)
	a.site.Fail(3, 503)
	r = a.crawl(0, "--full")
	if r.Status != "partial" || r.Complete || r.ItemsRemoved != 0 || r.PagesFailed != 1 || r.Error == nil {
		t.Errorf("run with a failed page = %+v", r)
	}
	for _, it := range a.export("items") {
		if it["removed_at"] != nil && it["url"] != a.site.ItemURL(a.base, items[30]) {
			t.Errorf("%s marked removed by a partial run", it["url"])
		}
	}
	a.site.Fail(3, 0)
	r = a.crawl(0, "--full")
	if r.ItemsRemoved != 1 || r.Status != "ok" {
		t.Errorf("clean run after the failure = %+v", r)
	}
	a.checkSnapshot()

	// Every deleted item has removed_at, no present item does.
	present := map[string]bool{}
	for _, it := range a.site.Items() {
		present[a.site.ItemURL(a.base, it)] = true
	}
	for _, it := range a.export("items") {
		u := it["url"].(string)
		if removed := it["removed_at"] != nil; removed == present[u] {
			t.Errorf("%s: removed_at = %v, present on the site = %v", u, it["removed_at"], present[u])
		}
	}

	// 5. diff between the first two runs with changes.
	code, out, errs := run(t, "", "diff", "--db", a.db, "--from", "2", "--to", "3", "--format", "json")
	if code != 0 {
		t.Fatalf("diff exit %d: %s", code, errs)
	}
	var d struct {
		Changes []struct {
			Kind string `json:"kind"`
			URL  string `json:"url"`
			Old  *struct{ Title string }
			New  *struct{ Title string }
		} `json:"changes"`
	}
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, c := range d.Changes {
		kinds[c.Kind]++
		if c.Kind == "changed" && (c.Old == nil || c.New == nil || c.New.Title != "Rewritten: "+c.Old.Title) {
			t.Errorf("changed entry = %+v", c)
		}
	}
	if kinds["added"] != 2 || kinds["changed"] != 1 || kinds["removed"] != 1 {
		t.Errorf("diff kinds = %v\n%s", kinds, out)
	}
	code, out, _ = run(t, "", "diff", "--db", a.db)
	if code != 0 || !strings.Contains(out, "0 added, 0 changed, 1 removed") {
		t.Errorf("default diff (last two runs):\n%s", out)
	}

	// 6. The snapshot as of the first run is the original listing.
	rows := a.export("snapshot", "--run", "1")
	if len(rows) != 37 || rows[0]["title"] != items[0].Title {
		t.Errorf("snapshot of run 1 has %d rows", len(rows))
	}
}

func TestArchiveTrackingParametersAndMaxPages(t *testing.T) {
	items := sitegen.Generate(25, 3, time.Date(2026, 1, 14, 18, 0, 0, 0, time.UTC))
	a := newArchive(t, items, sitegen.Options{Theme: sitegen.Block, PerPage: 10})
	r := a.crawl(0, "--max-pages", "2")
	if r.PagesFetched != 2 || r.Complete || r.ItemsNew != 20 {
		t.Errorf("max-pages run = %+v", r)
	}
	a.site.Delete(items[0].Slug)
	r = a.crawl(0, "--max-pages", "1")
	if r.ItemsRemoved != 0 {
		t.Errorf("an incomplete run removed %d items", r.ItemsRemoved)
	}
	r = a.crawl(0, "--full")
	if r.ItemsNew != 5 || r.ItemsRemoved != 1 {
		t.Errorf("full run = %+v", r)
	}
}

func TestArchiveThemes(t *testing.T) {
	for _, theme := range []sitegen.Theme{sitegen.Classic, sitegen.Block, sitegen.Magazine} {
		t.Run(theme.String(), func(t *testing.T) {
			items := sitegen.Generate(45, int64(theme)+11, time.Date(2026, 1, 14, 18, 0, 0, 0, time.UTC))
			a := newArchive(t, items, sitegen.Options{Theme: theme, PerPage: 10, PadBytes: 20_000})
			r := a.crawl(0, "--full")
			if r.ItemsNew != 45 || !r.Complete {
				t.Fatalf("run = %+v", r)
			}
			rows := a.export("snapshot")
			truth := a.site.Items()
			if len(rows) != len(truth) {
				t.Fatalf("%d rows, want %d", len(rows), len(truth))
			}
			for i, it := range truth {
				if rows[i]["title"] != it.Title || rows[i]["summary"] != it.Summary || rows[i]["url"] != a.site.ItemURL(a.base, it) {
					t.Errorf("row %d = %v\nwant %q %q", i+1, rows[i], it.Title, it.Summary)
				}
				day := it.Published.UTC().Format(time.DateOnly)
				if p, _ := rows[i]["published"].(string); !strings.HasPrefix(p, day) {
					t.Errorf("row %d published %q, want %s", i+1, p, day)
				}
			}
		})
	}
}

func TestExportFormats(t *testing.T) {
	items := []sitegen.Item{
		{Slug: "formula", Title: "=HYPERLINK(\"http://evil.example\",\"click\")", Summary: "-2+3 is a summary that starts with minus.",
			Published: time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC), Author: "A. Analyst"},
		{Slug: "tehran", Title: "Тегеран: ISKP’s “reemergence” — 伊斯兰国", Summary: "Non-ASCII survives, naïvely & <safely>.",
			Published: time.Date(2026, 1, 9, 9, 0, 0, 0, time.UTC), Author: "B. Analyst"},
	}
	a := newArchive(t, items, sitegen.Options{Theme: sitegen.Classic})
	a.crawl(0, "--full")

	t.Run("CSV", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "items.csv")
		code, _, errs := run(t, "", "export", "--db", a.db, "--what", "items", "--format", "csv", "-o", path)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(data), "\ufeffsource,url,title,") {
			t.Errorf("no BOM + header: %q", string(data[:40]))
		}
		recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(data), "\ufeff"))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(recs) != 3 {
			t.Fatalf("%d records", len(recs))
		}
		if got := recs[1][2]; got != `'=HYPERLINK("http://evil.example","click")` {
			t.Errorf("formula title exported as %q", got)
		}
		if got := recs[1][3]; !strings.HasPrefix(got, "'-2+3") {
			t.Errorf("formula summary exported as %q", got)
		}
		if got := recs[2][2]; got != items[1].Title {
			t.Errorf("non-ASCII title exported as %q", got)
		}
		if sha := recs[1][len(recs[1])-1]; len(sha) != 64 {
			t.Errorf("capture_sha256 = %q", sha)
		}
	})
	t.Run("NoFormulaEscape", func(t *testing.T) {
		code, out, _ := run(t, "", "export", "--db", a.db, "--what", "items", "--no-formula-escape", "--no-bom")
		if code != 0 || !strings.Contains(out, `"=HYPERLINK(""http://evil.example"",""click"")"`) {
			t.Errorf("exit %d:\n%s", code, out)
		}
	})
	t.Run("JSONL", func(t *testing.T) {
		code, out, _ := run(t, "", "export", "--db", a.db, "--what", "changes", "--format", "jsonl")
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if code != 0 || len(lines) != 2 {
			t.Fatalf("exit %d, %d lines:\n%s", code, len(lines), out)
		}
		var row map[string]any
		if err := json.Unmarshal([]byte(lines[1]), &row); err != nil {
			t.Fatal(err)
		}
		if row["kind"] != "added" || row["title"] != items[1].Title || row["summary"] != items[1].Summary {
			t.Errorf("row = %v", row)
		}
	})
	t.Run("Runs", func(t *testing.T) {
		rows := a.export("runs")
		if len(rows) != 1 || rows[0]["status"] != "ok" || rows[0]["items_new"] != float64(2) {
			t.Errorf("runs = %v", rows)
		}
	})
}

func TestArchiveCommandErrors(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.db")
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"ExportNoDB", []string{"export", "--db", missing}, 1, "no archive at " + missing},
		{"RunsNoDB", []string{"runs", "--db", missing}, 1, "no archive at"},
		{"ExportBadWhat", []string{"export", "--db", missing, "--what", "things"}, 2, `cannot export "things"`},
		{"ExportBadFormat", []string{"export", "--db", missing, "--format", "xlsx"}, 2, "xlsx"},
		{"ExportRunWithItems", []string{"export", "--db", missing, "--what", "items", "--run", "3"}, 2, "--what snapshot"},
		{"ExportBadTime", []string{"export", "--db", missing, "--since", "yesterday"}, 2, "--since"},
		{"CrawlNothing", []string{"crawl", "--db", missing}, 2, "nothing to crawl"},
		{"CrawlBadURL", []string{"crawl", "--db", missing, "ftp://example.org/x"}, 2, "ftp://example.org/x"},
		{"CrawlMissingConfig", []string{"crawl", "--db", missing, "--config", filepath.Join(dir, "nope.yaml")}, 1, "nope.yaml"},
		{"DiffBadRun", []string{"diff", "--db", missing, "--to", "x"}, 2, "--to"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errs := run(t, "", tc.args...)
			if code != tc.code || !strings.Contains(errs, tc.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errs, tc.code, tc.want)
			}
		})
	}
	if _, err := os.Stat(missing); err == nil {
		t.Errorf("a read-only command created %s", missing)
	}
}

// countRows counts a table's rows with the program's own storage package.
func countRows(t *testing.T, dbPath, table string) int {
	t.Helper()
	db, err := openDB(context.Background(), dbPath, true)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	n, err := db.Count(context.Background(), table)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestDemo(t *testing.T) {
	out := t.TempDir()
	code, stdout, errs := run(t, "", "demo", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errs, stdout)
	}
	for _, want := range []string{"1 added, 1 changed, 1 removed", "ISKP’s transnational reemergence", "ok (complete)"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("demo output lacks %q:\n%s", want, stdout)
		}
	}
	for _, f := range []string{"demo.db", "items.csv", "versions.csv", "changes.csv", "snapshot.csv", "runs.csv", "changes.json", "snapshot.jsonl"} {
		if fi, err := os.Stat(filepath.Join(out, f)); err != nil || fi.Size() == 0 {
			t.Errorf("demo did not write %s: %v", f, err)
		}
	}
	// Run twice: the demo starts from a fresh archive each time.
	code, stdout, _ = run(t, "", "demo", "--out", out)
	if code != 0 || !strings.Contains(stdout, "1 added, 1 changed, 1 removed") {
		t.Errorf("second demo: exit %d\n%s", code, stdout)
	}
}

func TestExportNothingSaysSo(t *testing.T) {
	items := sitegen.Generate(5, 1, time.Date(2026, 1, 14, 0, 0, 0, 0, time.UTC))
	a := newArchive(t, items, sitegen.Options{})
	a.crawl(0)
	code, out, errs := run(t, "", "export", "--db", a.db, "--what", "snapshot", "--as-of", "2001-01-01", "--format", "json")
	if code != 0 || strings.TrimSpace(out) != "[]" || !strings.Contains(errs, "no snapshot rows match") {
		t.Errorf("exit %d, out %q, stderr %q", code, out, errs)
	}
}
