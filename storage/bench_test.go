package storage

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"testing"

	"github.com/tagsnap/tagsnap/storage/export"
)

// BenchmarkAddPage stores pages of 20 items: new ones (a first crawl) and
// unchanged ones (a recrawl without validators), with a ~100 KB body.
func BenchmarkAddPage(b *testing.B) {
	body := make([]byte, 100_000)
	for i := range body {
		body[i] = "<div class=\"post\"><a href=\"/x\">Headline</a><p>summary text</p></div>\n"[i%60]
	}
	for _, known := range []bool{false, true} {
		b.Run(fmt.Sprintf("known=%v", known), func(b *testing.B) {
			ctx := context.Background()
			db, err := Open(ctx, filepath.Join(b.TempDir(), "b.db"))
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			src, _ := db.EnsureSource(ctx, "bench", "https://example.org/tag/x/")
			site := newListing(20*50, 20)
			pages := site.pages()
			if known {
				run, _ := db.BeginRun(ctx, src, true)
				for i, items := range pages {
					run.AddPage(ctx, Page{Page: i + 1, URL: fmt.Sprint("https://example.org/tag/x/page/", i+1), Status: 200, Body: body, Items: items})
				}
				run.Finish(ctx, Outcome{Status: StatusOK})
			}
			run, _ := db.BeginRun(ctx, src, true)
			n := 0
			for b.Loop() {
				i := n % len(pages)
				if !known && i == 0 && n > 0 {
					run.Finish(ctx, Outcome{Status: StatusOK})
					db.write.Exec(`DELETE FROM snapshots; DELETE FROM events; DELETE FROM page_entries; DELETE FROM page_listings;
						UPDATE items SET version_id = NULL; DELETE FROM item_versions; DELETE FROM items;`)
					run, _ = db.BeginRun(ctx, src, true)
				}
				body[n%len(body)]++ // a new body each time, as a real recrawl of a changing page would bring
				if _, err := run.AddPage(ctx, Page{Page: i + 1, URL: fmt.Sprint("https://example.org/tag/x/page/", i+1), Status: 200, Body: body, Items: pages[i]}); err != nil {
					b.Fatal(err)
				}
				n++
			}
		})
	}
}

// BenchmarkExport streams 10,000 items from the archive through the CSV
// and JSONL encoders (reported as rows/s).
func BenchmarkExport(b *testing.B) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(b.TempDir(), "e.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	src, _ := db.EnsureSource(ctx, "bench", "https://example.org/tag/x/")
	run, _ := db.BeginRun(ctx, src, true)
	site := newListing(10_000, 100)
	for i, items := range site.pages() {
		if _, err := run.AddPage(ctx, Page{Page: i + 1, URL: fmt.Sprint("https://example.org/tag/x/page/", i+1), Status: 200,
			Body: []byte(fmt.Sprint("<html>", i, "</html>")), Items: items}); err != nil {
			b.Fatal(err)
		}
	}
	run.Finish(ctx, Outcome{Status: StatusOK, Complete: true})
	cols, _ := ExportColumns(ExportItems)
	for _, f := range []export.Format{export.CSV, export.JSONL} {
		b.Run(string(f), func(b *testing.B) {
			rows := 0
			for b.Loop() {
				enc, _ := export.NewEncoder(io.Discard, f, cols, export.Options{})
				n, err := db.Export(ctx, ExportQuery{What: ExportItems}, enc)
				if err != nil || n != 10_000 {
					b.Fatalf("%d rows, %v", n, err)
				}
				enc.Close()
				rows += n
			}
			b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}
