package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/tagsnap/tagsnap/crawler"
	"github.com/tagsnap/tagsnap/internal/demosite"
	"github.com/tagsnap/tagsnap/storage"
	"github.com/tagsnap/tagsnap/storage/export"
)

// DemoCommand shows the whole job offline on an embedded site.
type DemoCommand struct {
	*Main
}

const demoUsage = `Usage: tagsnap demo [flags]

Shows what tagsnap does, offline: it serves an embedded think-tank tag
archive ("Tag Archives: ISKP", 3 pages) on 127.0.0.1, crawls it, changes the
site (a new article, a rewritten headline, a deleted article), crawls again,
prints the diff and writes every export into --out.

Examples:

	tagsnap demo
	tagsnap demo --out /tmp/demo && sqlite3 /tmp/demo/demo.db 'SELECT * FROM v_runs'

Flags:
`

// demoSource is the demo site's source name.
const demoSource = "demo-iskp"

// Run runs the command.
func (c *DemoCommand) Run(ctx context.Context, args []string) error {
	fs := c.newFlagSet("demo", demoUsage)
	out := fs.String("out", "tagsnap-demo", "directory for the demo's database and exports")
	dbPath := fs.String("db", "", "the archive's SQLite file (default: a fresh OUT/demo.db)")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	if *dbPath == "" {
		*dbPath = filepath.Join(*out, "demo.db")
		// A fresh archive each time: the demo site gets a new port, so old
		// runs would be another site's history.
		for _, suffix := range []string{"", "-wal", "-shm"} {
			if err := os.Remove(*dbPath + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("demo: %w", err)
			}
		}
	}

	site := demosite.New()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("demo: serve the demo site: %w", err)
	}
	srv := &http.Server{Handler: site, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	listing := site.ListingURL("http://" + ln.Addr().String())

	db, err := openDB(ctx, *dbPath, false)
	if err != nil {
		return err
	}
	defer db.Close()
	cr := &crawler.Crawler{Store: db, UserAgent: defaultUserAgent(), Delay: 10 * time.Millisecond}
	src := crawler.Source{Name: demoSource, URL: listing, Full: true}
	p := func(format string, args ...any) { fmt.Fprintf(c.Stdout, format, args...) }

	p("tagsnap demo — an embedded tag archive served at %s\n\n", listing)
	p("1. First crawl (--full: every page, so the run may decide removals)\n\n")
	first, err := cr.Crawl(ctx, src)
	if err != nil {
		return err
	}
	if err := writeResults(c.Stdout, []crawler.Result{first}); err != nil {
		return err
	}
	if first.Status != storage.StatusOK {
		return fmt.Errorf("demo: the first crawl did not succeed: %s", first.Error)
	}
	p("\nThe listing as run %d saw it (first 5 of %d):\n\n", first.RunID, first.Stats.ItemsSeen)
	shown := 0
	err = db.Snapshot(ctx, first.RunID, func(e storage.Entry) error {
		if shown < 5 {
			p("  %2d. %s\n      %s\n", e.Position, e.Title, clip(e.Summary, 90))
		}
		shown++
		return nil
	})
	if err != nil {
		return err
	}

	added, edited, removed := demosite.Change(site)
	p("\n2. The site changes: a new article (%s), a rewritten headline (%s), a deleted article (%s)\n\n", added, edited, removed)
	p("3. Second crawl\n\n")
	second, err := cr.Crawl(ctx, src)
	if err != nil {
		return err
	}
	if err := writeResults(c.Stdout, []crawler.Result{second}); err != nil {
		return err
	}
	if second.Status != storage.StatusOK {
		return fmt.Errorf("demo: the second crawl did not succeed: %s", second.Error)
	}

	p("\n4. tagsnap diff --source %s\n\n", demoSource)
	changes, err := db.Diff(ctx, demoSource, first.RunID, second.RunID)
	if err != nil {
		return err
	}
	if err := writeDiffText(c.Stdout, demoSource, first.RunID, second.RunID, changes); err != nil {
		return err
	}

	p("\n5. Exports in %s\n\n", *out)
	for _, e := range []struct{ what, format string }{
		{storage.ExportItems, "csv"}, {storage.ExportVersions, "csv"}, {storage.ExportChanges, "csv"},
		{storage.ExportSnapshot, "csv"}, {storage.ExportRuns, "csv"}, {storage.ExportChanges, "json"},
		{storage.ExportSnapshot, "jsonl"},
	} {
		path := filepath.Join(*out, e.what+"."+e.format)
		n, err := writeExport(ctx, db, storage.ExportQuery{What: e.what}, export.Format(e.format), path)
		if err != nil {
			return err
		}
		p("  %-28s %3d rows\n", path, n)
	}
	p("\nTry:\n\n  tagsnap runs --db %[1]s\n  tagsnap diff --db %[1]s --source %[2]s\n  tagsnap export --db %[1]s --what versions --format json\n  sqlite3 %[1]s 'SELECT * FROM v_items'\n", *dbPath, demoSource)
	return nil
}

// writeExport writes one export to path atomically.
func writeExport(ctx context.Context, db *storage.DB, q storage.ExportQuery, format export.Format, path string) (int, error) {
	columns, err := storage.ExportColumns(q.What)
	if err != nil {
		return 0, err
	}
	f, err := export.CreateAtomic(path)
	if err != nil {
		return 0, err
	}
	defer f.Abort()
	enc, err := export.NewEncoder(f, format, columns, export.Options{})
	if err != nil {
		return 0, err
	}
	n, err := db.Export(ctx, q, enc)
	if err != nil {
		return n, fmt.Errorf("export %s: %w", q.What, err)
	}
	if err := enc.Close(); err != nil {
		return n, err
	}
	return n, f.Commit()
}
