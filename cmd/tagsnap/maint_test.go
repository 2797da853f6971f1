package main

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tagsnap/tagsnap/internal/sitegen"
)

// TestReadWhileCrawling exports, lists runs and backs up in a loop while a
// crawl writes: no "database is locked", no partial output.
func TestReadWhileCrawling(t *testing.T) {
	site := sitegen.New(sitegen.Generate(600, 4, time.Date(2026, 1, 14, 0, 0, 0, 0, time.UTC)), sitegen.Options{PerPage: 10})
	site.SetLatency(5 * time.Millisecond)
	a := &archive{t: t, db: filepath.Join(t.TempDir(), "c.db"), site: site}
	srv := newLocalServer(t, site)
	a.base, a.url = srv.URL, site.ListingURL(srv.URL)
	a.crawl(0, "--max-pages", "1") // the file exists before the readers start

	var stop atomic.Bool
	var reads atomic.Int64
	var wg sync.WaitGroup
	var mu sync.Mutex
	var failures []string
	for _, args := range [][]string{
		{"export", "--db", a.db, "--what", "snapshot", "--format", "jsonl"},
		{"export", "--db", a.db, "--what", "items", "--format", "csv"},
		{"runs", "--db", a.db, "--format", "json"},
	} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				code, _, errs := run(t, "", args...)
				reads.Add(1)
				if code != 0 {
					mu.Lock()
					failures = append(failures, strings.Join(args[:1], " ")+": "+errs)
					mu.Unlock()
				}
			}
		}()
	}
	r := a.crawl(0, "--full")
	stop.Store(true)
	wg.Wait()
	if r.Status != "ok" || r.ItemsSeen != 600 {
		t.Errorf("crawl = %+v", r)
	}
	if len(failures) > 0 {
		t.Errorf("%d of %d reads failed, first: %s", len(failures), reads.Load(), failures[0])
	}
	t.Logf("%d reads during the crawl", reads.Load())

	// backup and check
	out := filepath.Join(t.TempDir(), "copy.db")
	if code, _, errs := run(t, "", "backup", "--db", a.db, out); code != 0 {
		t.Fatalf("backup: %s", errs)
	}
	if code, _, errs := run(t, "", "backup", "--db", a.db, out); code == 0 || !strings.Contains(errs, "already exists") {
		t.Errorf("backup over an existing file: exit %d %s", code, errs)
	}
	code, stdout, errs := run(t, "", "check", "--db", out)
	if code != 0 || !strings.Contains(stdout, "integrity: ok") || !strings.Contains(stdout, "items=600") {
		t.Errorf("check of the backup: exit %d\n%s%s", code, stdout, errs)
	}
	garbage := filepath.Join(t.TempDir(), "garbage.db")
	os.WriteFile(garbage, []byte(strings.Repeat("not a database ", 100)), 0o644)
	if code, _, errs := run(t, "", "check", "--db", garbage); code == 0 || !strings.Contains(errs, "garbage.db") {
		t.Errorf("check of garbage: exit %d %s", code, errs)
	}
}
