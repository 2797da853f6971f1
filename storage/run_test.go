package storage

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tagsnap/tagsnap/extract"
)

func openTestDB(t *testing.T) *DB {
	t.Helper()
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	clock := time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { clock = clock.Add(time.Second); return clock }
	t.Cleanup(func() { db.Close() })
	return db
}

func item(n int, title string) extract.Item {
	return extract.Item{
		Title:     title,
		URL:       fmt.Sprintf("https://example.org/2026/01/%02d/post-%d/", n%28+1, n),
		Summary:   fmt.Sprintf("Summary of post %d.", n),
		Published: extract.Date{Time: time.Date(2026, 1, n%28+1, 9, 0, 0, 0, time.UTC), HasTime: true, Raw: "2026-01-01"},
	}
}

// listing is a site: items newest first, split into pages of per.
type listing struct {
	items []extract.Item
	per   int
}

func newListing(n, per int) *listing {
	l := &listing{per: per}
	for i := n; i >= 1; i-- {
		l.items = append(l.items, item(i, fmt.Sprintf("Post %d", i)))
	}
	return l
}

func (l *listing) pages() [][]extract.Item {
	var out [][]extract.Item
	for i := 0; i < len(l.items); i += l.per {
		out = append(out, l.items[i:min(i+l.per, len(l.items))])
	}
	return out
}

// crawl records a run over the listing; fail makes those pages fail (and
// the crawl stop there, as a real one must: the next link is lost).
func crawl(t *testing.T, db *DB, l *listing, maxPages int, fail map[int]bool) (*Run, RunStats) {
	t.Helper()
	ctx := context.Background()
	src, err := db.EnsureSource(ctx, "example", "https://example.org/tag/x/")
	if err != nil {
		t.Fatal(err)
	}
	run, err := db.BeginRun(ctx, src, maxPages == 0)
	if err != nil {
		t.Fatal(err)
	}
	pages := l.pages()
	status, complete := StatusOK, true
	for i, items := range pages {
		n := i + 1
		if maxPages > 0 && n > maxPages {
			complete = false
			break
		}
		p := Page{Page: n, URL: fmt.Sprintf("https://example.org/tag/x/page/%d/", n), Status: 200,
			Body: []byte(fmt.Sprintf("<html>%v</html>", items)), Items: items}
		if fail[n] {
			p = Page{Page: n, URL: p.URL, Status: 503, Err: "503 Service Unavailable"}
		}
		if _, err := run.AddPage(ctx, p); err != nil {
			t.Fatal(err)
		}
		if fail[n] {
			status, complete = StatusPartial, false
			if n == 1 {
				status = StatusFailed
			}
			break
		}
	}
	stats, err := run.Finish(ctx, Outcome{Status: status, Complete: complete})
	if err != nil {
		t.Fatal(err)
	}
	return run, stats
}

func snapshotTitles(t *testing.T, db *DB, run int64) []string {
	t.Helper()
	var out []string
	err := db.Snapshot(context.Background(), run, func(e Entry) error {
		if e.Position != len(out)+1 {
			t.Errorf("entry %q has position %d, want %d", e.Title, e.Position, len(out)+1)
		}
		if e.CaptureSHA256 == "" || e.FetchedAt.IsZero() {
			t.Errorf("entry %q has no evidence", e.Title)
		}
		out = append(out, e.Title)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func count(t *testing.T, db *DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := db.read.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

func titles(items []extract.Item) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Title)
	}
	return out
}

func equal(a, b []string) bool { return fmt.Sprint(a) == fmt.Sprint(b) }

func TestRunVersioning(t *testing.T) {
	db := openTestDB(t)
	site := newListing(25, 10)

	t.Run("FirstCrawl", func(t *testing.T) {
		run, stats := crawl(t, db, site, 0, nil)
		if stats.ItemsNew != 25 || stats.PagesFetched != 3 || stats.ItemsSeen != 25 {
			t.Errorf("stats = %+v", stats)
		}
		if got := snapshotTitles(t, db, run.ID); !equal(got, titles(site.items)) {
			t.Errorf("snapshot = %v", got)
		}
	})

	t.Run("IdenticalRecrawlAddsAlmostNothing", func(t *testing.T) {
		blobs, versions, listings := count(t, db, `SELECT count(*) FROM blobs`), count(t, db, `SELECT count(*) FROM item_versions`),
			count(t, db, `SELECT count(*) FROM page_listings`)
		_, stats := crawl(t, db, site, 0, nil)
		if stats.ItemsNew != 0 || stats.ItemsChanged != 0 || stats.ItemsRemoved != 0 {
			t.Errorf("stats = %+v", stats)
		}
		if got := count(t, db, `SELECT count(*) FROM blobs`); got != blobs {
			t.Errorf("blobs %d -> %d", blobs, got)
		}
		if got := count(t, db, `SELECT count(*) FROM item_versions`); got != versions {
			t.Errorf("versions %d -> %d", versions, got)
		}
		if got := count(t, db, `SELECT count(*) FROM page_listings`); got != listings {
			t.Errorf("listings %d -> %d", listings, got)
		}
	})

	t.Run("NewItemsPushOthersToNextPage", func(t *testing.T) {
		site.items = append([]extract.Item{item(26, "Post 26"), item(27, "Post 27")}, site.items...)
		run, stats := crawl(t, db, site, 0, nil)
		if stats.ItemsNew != 2 || stats.ItemsChanged != 0 {
			t.Errorf("stats = %+v", stats)
		}
		if got := snapshotTitles(t, db, run.ID); !equal(got, titles(site.items)) {
			t.Errorf("snapshot = %v", got)
		}
	})

	t.Run("EditedHeadlineIsOneNewVersion", func(t *testing.T) {
		site.items[12].Title = "Post 15, rewritten"
		site.items[3].Summary = "  A   new\nsummary. "
		_, stats := crawl(t, db, site, 0, nil)
		if stats.ItemsNew != 0 || stats.ItemsChanged != 2 {
			t.Errorf("stats = %+v", stats)
		}
		if got := count(t, db, `SELECT count(*) FROM items`); got != 27 {
			t.Errorf("items = %d, want 27", got)
		}
		if got := count(t, db, `SELECT count(*) FROM item_versions v JOIN items i ON i.id = v.item_id WHERE i.url LIKE '%post-15/'`); got != 2 {
			t.Errorf("versions of post 15 = %d, want 2", got)
		}
		if got := count(t, db, `SELECT count(*) FROM item_versions WHERE summary = 'A new summary.'`); got != 1 {
			t.Errorf("normalised summary not stored")
		}
		// Whitespace alone is not a rewrite.
		site.items[3].Summary = "A new summary."
		_, stats = crawl(t, db, site, 0, nil)
		if stats.ItemsChanged != 0 {
			t.Errorf("whitespace made a version: %+v", stats)
		}
	})

	t.Run("TrackingParametersAreTheSameItem", func(t *testing.T) {
		site.items[0].URL += "?utm_source=feed&utm_medium=rss#comments"
		_, stats := crawl(t, db, site, 0, nil)
		if stats.ItemsNew != 0 || stats.ItemsChanged != 0 {
			t.Errorf("stats = %+v", stats)
		}
	})

	t.Run("FailedPageRemovesNothing", func(t *testing.T) {
		gone := site.items[25] // on page 3
		site.items = append(site.items[:25:25], site.items[26:]...)
		run, stats := crawl(t, db, site, 0, map[int]bool{2: true})
		if stats.ItemsRemoved != 0 || stats.PagesFailed != 1 {
			t.Errorf("stats = %+v", stats)
		}
		ri, err := db.Run(context.Background(), run.ID)
		if err != nil || ri.Status != StatusPartial || ri.Complete {
			t.Errorf("run = %+v, %v", ri, err)
		}
		if got := count(t, db, `SELECT count(*) FROM items WHERE removed_run IS NOT NULL`); got != 0 {
			t.Errorf("%d items removed by a partial run", got)
		}
		// The view carries pages 2 and 3 over from the last run that had them.
		got := snapshotTitles(t, db, run.ID)
		if len(got) != 27 || got[0] != "Post 26" {
			t.Errorf("carried view = %d entries: %v", len(got), got)
		}
		// A max-pages run is not complete either.
		_, stats = crawl(t, db, site, 1, nil)
		if stats.ItemsRemoved != 0 {
			t.Errorf("max-pages run removed: %+v", stats)
		}
		// The next full clean run decides the removal.
		run, stats = crawl(t, db, site, 0, nil)
		if stats.ItemsRemoved != 1 {
			t.Errorf("stats = %+v", stats)
		}
		if got := count(t, db, `SELECT count(*) FROM items WHERE removed_run = ?`, run.ID); got != 1 {
			t.Errorf("removed = %d", got)
		}
		if got := snapshotTitles(t, db, run.ID); !equal(got, titles(site.items)) {
			t.Errorf("snapshot = %v", got)
		}
		// It comes back.
		site.items = append(site.items, gone)
		_, stats = crawl(t, db, site, 0, nil)
		if stats.ItemsNew != 1 || stats.ItemsRemoved != 0 {
			t.Errorf("stats = %+v", stats)
		}
		if got := count(t, db, `SELECT count(*) FROM items WHERE removed_run IS NOT NULL`); got != 0 {
			t.Errorf("returned item still removed")
		}
	})

	t.Run("FailedFirstPage", func(t *testing.T) {
		run, stats := crawl(t, db, site, 0, map[int]bool{1: true})
		ri, _ := db.Run(context.Background(), run.ID)
		if ri.Status != StatusFailed || stats.ItemsRemoved != 0 {
			t.Errorf("run = %+v", ri)
		}
		if got := snapshotTitles(t, db, run.ID); !equal(got, titles(site.items)) {
			t.Errorf("view of a failed run should be the previous one: %v", got)
		}
	})
}

func TestDiff(t *testing.T) {
	db := openTestDB(t)
	ctx := context.Background()
	site := newListing(12, 5)
	r1, _ := crawl(t, db, site, 0, nil)
	site.items = append([]extract.Item{item(13, "Post 13")}, site.items...)
	site.items[4].Title = "Post 9, rewritten"
	site.items = append(site.items[:7:7], site.items[8:]...) // Post 6 deleted
	r2, _ := crawl(t, db, site, 0, nil)
	changes, err := db.Diff(ctx, "example", r1.ID, r2.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range changes {
		s := c.Kind + " " + c.URL
		if c.Old != nil {
			s += " old=" + c.Old.Title
		}
		if c.New != nil {
			s += " new=" + c.New.Title
		}
		got = append(got, s)
	}
	want := []string{
		"added https://example.org/2026/01/14/post-13/ new=Post 13",
		"changed https://example.org/2026/01/10/post-9/ old=Post 9 new=Post 9, rewritten",
		"removed https://example.org/2026/01/07/post-6/ old=Post 6",
	}
	if !equal(got, want) {
		t.Errorf("diff =\n%v\nwant\n%v", got, want)
	}
	// From the beginning everything present is "added", nothing else.
	changes, err = db.Diff(ctx, "example", 0, r2.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(changes) != 12 {
		t.Errorf("diff from 0 has %d changes, want 12", len(changes))
	}
}

func TestRelativeDatesDoNotMakeVersions(t *testing.T) {
	db := openTestDB(t)
	site := newListing(3, 10)
	site.items[0].Published = extract.Date{Time: time.Date(2026, 1, 15, 9, 0, 0, 0, time.UTC), HasTime: true, Raw: "3 hours ago"}
	crawl(t, db, site, 0, nil)
	site.items[0].Published = extract.Date{Time: time.Date(2026, 1, 15, 8, 0, 0, 0, time.UTC), HasTime: true, Raw: "5 hours ago"}
	_, stats := crawl(t, db, site, 0, nil)
	if stats.ItemsChanged != 0 {
		t.Errorf("relative date drift made a version: %+v", stats)
	}
	site.items[0].Published = extract.Date{Time: time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC), Raw: "1 December 2025"}
	_, stats = crawl(t, db, site, 0, nil)
	if stats.ItemsChanged != 1 {
		t.Errorf("a real new date is a change: %+v", stats)
	}
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	t.Run("NotADatabase", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "x.db")
		writeFile(t, p, "this is not sqlite, it is a text file that is long enough to have a header......................................")
		_, err := Open(ctx, p)
		if err == nil || !contains(err.Error(), p) {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("MissingDirectory", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "no", "such", "dir", "x.db")
		_, err := Open(ctx, p)
		if err == nil || !contains(err.Error(), p) {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("Reopen", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "x.db")
		for i := 0; i < 2; i++ {
			db, err := Open(ctx, p)
			if err != nil {
				t.Fatal(err)
			}
			if v, err := db.SchemaVersion(ctx); err != nil || v != 1 {
				t.Errorf("schema version = %d, %v", v, err)
			}
			db.Close()
		}
	})
}

func TestPlainTextAndCredentials(t *testing.T) {
	for in, want := range map[string]string{
		"  <b>Bold</b> move\u00a0\u200b now ": "Bold move now",
		"a < b and c > d":                     "a < b and c > d",
		"Cafe\u0301 \x07bell":                 "Café bell",
		"<!-- c -->x<br/>y":                   "x y",
		"naïvely & <safely>.":                 "naïvely & <safely>.",
		`<a href="/x">Link</a> text`:          "Link text",
	} {
		if got := PlainText(in); got != want {
			t.Errorf("PlainText(%q) = %q, want %q", in, got, want)
		}
	}
	db := openTestDB(t)
	site := newListing(2, 10)
	site.items[0].URL = "https://alice:s3cret@example.org/2026/01/post-2/"
	run, _ := crawl(t, db, site, 0, nil)
	db.Snapshot(context.Background(), run.ID, func(e Entry) error {
		if strings.Contains(e.URL, "s3cret") {
			t.Errorf("a password was stored: %s", e.URL)
		}
		return nil
	})
	if n := count(t, db, `SELECT count(*) FROM item_versions WHERE link LIKE '%s3cret%'`); n != 0 {
		t.Errorf("a password was stored in %d versions", n)
	}
}

func FuzzPlainText(f *testing.F) {
	for _, s := range []string{"<b>x</b>", "a < b", "Cafe\u0301", "\x00\x07", "<!-- x", "<a href='>'>", "\uFEFFx"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := PlainText(s)
		if PlainText(got) != got {
			t.Errorf("PlainText is not idempotent on %q: %q -> %q", s, got, PlainText(got))
		}
		if strings.ContainsAny(got, "\x00\x07\n\t") {
			t.Errorf("control characters left in %q", got)
		}
	})
}

func TestPlainTextNFCAfterRemoval(t *testing.T) {
	if got := PlainText("e\u200B\u0301"); got != "é" {
		t.Errorf("got %q", got)
	}
}
