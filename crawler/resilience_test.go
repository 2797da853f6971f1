package crawler

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tagsnap/tagsnap/storage"
)

// snapshotLen counts the entries of a run's view.
func snapshotLen(t *testing.T, db *storage.DB, run int64) int {
	t.Helper()
	n := 0
	if err := db.Snapshot(context.Background(), run, func(storage.Entry) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestRetries(t *testing.T) {
	ctx := context.Background()
	for _, mode := range []string{"503", "429", "reset", "truncate", "hang"} {
		t.Run(mode, func(t *testing.T) {
			site, u := newTestSite(t, 3)
			site.failOnce[2] = mode
			c, db := newTestCrawler(t)
			c.Timeout = 150 * time.Millisecond
			res, err := c.Crawl(ctx, Source{Name: "x", URL: u, Full: true})
			if err != nil {
				t.Fatal(err)
			}
			// net/http itself retries a GET reset on a reused connection,
			// so a reset may never reach our retry loop.
			if res.Status != storage.StatusOK || !res.Complete || (res.Stats.Retries != 1 && mode != "reset") || res.Stats.ItemsSeen != 15 {
				t.Errorf("result = %+v", res)
			}
			if got := snapshotLen(t, db, res.RunID); got != 15 {
				t.Errorf("stored %d items, want 15", got)
			}
			if res.Stats.Requests < 4 { // robots.txt + 3 pages + the retry
				t.Errorf("requests = %d", res.Stats.Requests)
			}
		})
	}
	t.Run("GivesUp", func(t *testing.T) {
		site, u := newTestSite(t, 3)
		site.status[2] = 503
		c, _ := newTestCrawler(t)
		c.Retries = 2
		res, _ := c.Crawl(ctx, Source{Name: "x", URL: u, Full: true})
		if res.Status != storage.StatusPartial || res.Stats.Retries != 2 || res.Stats.ItemsRemoved != 0 {
			t.Errorf("result = %+v", res)
		}
	})
	t.Run("RetryAfterTooLong", func(t *testing.T) {
		_, u := newTestSite(t, 1)
		c, _ := newTestCrawler(t)
		c.MaxRetryAfter = time.Second
		site, u := newTestSite(t, 1)
		site.extra = func(w http.ResponseWriter, r *http.Request) bool {
			if r.URL.Path == "/robots.txt" {
				return false
			}
			w.Header().Set("Retry-After", "3600")
			w.WriteHeader(http.StatusServiceUnavailable)
			return true
		}
		start := time.Now()
		res, _ := c.Crawl(ctx, Source{Name: "x", URL: u})
		if res.Status != storage.StatusFailed || !strings.Contains(res.Error, "retry after 1h0m0s") || time.Since(start) > 5*time.Second {
			t.Errorf("result = %+v", res)
		}
	})
	t.Run("NotRetried404", func(t *testing.T) {
		site, u := newTestSite(t, 1)
		site.status[1] = 404
		c, _ := newTestCrawler(t)
		res, _ := c.Crawl(ctx, Source{Name: "x", URL: u})
		if res.Stats.Retries != 0 || site.hits.Load() != 1 {
			t.Errorf("a 404 was retried: %+v", res)
		}
	})
}

func TestRobotsPolicy(t *testing.T) {
	ctx := context.Background()
	t.Run("ServerErrorDisallowsThisRun", func(t *testing.T) {
		site, u := newTestSite(t, 2)
		site.robotsStatus = 503
		c, _ := newTestCrawler(t)
		res, _ := c.Crawl(ctx, Source{Name: "x", URL: u})
		if res.Status != storage.StatusFailed || !strings.Contains(res.Error, "robots.txt unavailable") || site.hits.Load() != 0 {
			t.Errorf("result = %+v, listing hits %d", res, site.hits.Load())
		}
		// Not cached: once robots.txt answers, the next run goes ahead.
		site.robotsStatus = 0
		res, _ = c.Crawl(ctx, Source{Name: "x", URL: u})
		if res.Status != storage.StatusOK {
			t.Errorf("next run = %+v", res)
		}
	})
	t.Run("NotFoundAllowsAll", func(t *testing.T) {
		site, u := newTestSite(t, 2)
		site.robotsStatus = 404
		site.robots = "User-agent: *\nDisallow: /\n" // a 404 body is not rules
		c, _ := newTestCrawler(t)
		res, _ := c.Crawl(ctx, Source{Name: "x", URL: u})
		if res.Status != storage.StatusOK {
			t.Errorf("result = %+v", res)
		}
	})
	t.Run("BlockedIsCounted", func(t *testing.T) {
		site, u := newTestSite(t, 3)
		site.robots = "User-agent: tagsnap-test\nDisallow: /tag/x/page/3/\n"
		c, _ := newTestCrawler(t)
		res, _ := c.Crawl(ctx, Source{Name: "x", URL: u, Full: true})
		if res.Status != storage.StatusPartial || res.Stats.RobotsBlocked != 1 || !strings.Contains(res.Error, "blocked by robots.txt") {
			t.Errorf("result = %+v", res)
		}
		if site.hits.Load() != 2 {
			t.Errorf("a disallowed page was requested: %d listing hits", site.hits.Load())
		}
	})
	t.Run("CrawlDelay", func(t *testing.T) {
		site, u := newTestSite(t, 3)
		site.robots = "User-agent: *\nCrawl-delay: 1\n"
		c, _ := newTestCrawler(t)
		start := time.Now()
		res, _ := c.Crawl(ctx, Source{Name: "x", URL: u, Full: true})
		if res.Status != storage.StatusOK || time.Since(start) < 2*time.Second {
			t.Errorf("3 pages with Crawl-delay 1 took %s: %+v", time.Since(start), res)
		}
	})
}

func TestLimits(t *testing.T) {
	ctx := context.Background()
	t.Run("HugePage", func(t *testing.T) {
		site, u := newTestSite(t, 1)
		site.extra = func(w http.ResponseWriter, r *http.Request) bool {
			if r.URL.Path != "/tag/x/" {
				return false
			}
			w.Header().Set("Content-Type", "text/html")
			chunk := bytes.Repeat([]byte("<p>filler filler filler</p>\n"), 1<<12)
			for written := 0; written < 20<<20; written += len(chunk) {
				if _, err := w.Write(chunk); err != nil {
					break
				}
			}
			return true
		}
		c, _ := newTestCrawler(t)
		res, _ := c.Crawl(ctx, Source{Name: "x", URL: u})
		if res.Status != storage.StatusFailed || !strings.Contains(res.Error, "larger than the 8 MB limit") || res.Stats.Retries != 0 {
			t.Errorf("result = %+v", res)
		}
	})
	t.Run("GzipBomb", func(t *testing.T) {
		var bomb bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&bomb, gzip.BestCompression)
		zeros := make([]byte, 1<<20)
		for range 200 { // 200 MB of zeros, ~200 KB compressed
			zw.Write(zeros)
		}
		zw.Close()
		site, u := newTestSite(t, 1)
		site.extra = func(w http.ResponseWriter, r *http.Request) bool {
			if r.URL.Path != "/tag/x/" {
				return false
			}
			w.Header().Set("Content-Type", "text/html")
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(bomb.Bytes())
			return true
		}
		c, _ := newTestCrawler(t)
		res, _ := c.Crawl(ctx, Source{Name: "x", URL: u})
		if res.Status != storage.StatusFailed || !strings.Contains(res.Error, "larger than") {
			t.Errorf("result = %+v", res)
		}
	})
	t.Run("RunDeadline", func(t *testing.T) {
		site, u := newTestSite(t, 20)
		site.hook = func(int) { time.Sleep(40 * time.Millisecond) }
		c, _ := newTestCrawler(t)
		c.RunTimeout = 150 * time.Millisecond
		res, _ := c.Crawl(ctx, Source{Name: "x", URL: u, Full: true})
		if res.Status != storage.StatusPartial || !strings.Contains(res.Error, "deadline") || res.Stats.ItemsRemoved != 0 {
			t.Errorf("result = %+v", res)
		}
	})
}

func TestConditionalAndIncremental(t *testing.T) {
	ctx := context.Background()
	site, u := newTestSite(t, 6)
	site.validators = true
	c, db := newTestCrawler(t)
	first, _ := c.Crawl(ctx, Source{Name: "x", URL: u, Full: true})
	if first.Stats.PagesFetched != 6 || first.Stats.ItemsNew != 30 {
		t.Fatalf("first = %+v", first)
	}
	size := func() int {
		n := 0
		for _, tbl := range []string{"blobs", "item_versions", "page_entries", "page_listings", "events"} {
			k, _ := db.Count(ctx, tbl)
			n += k
		}
		return n
	}
	before := size()

	t.Run("UnchangedFullIsAll304", func(t *testing.T) {
		hits := site.hits.Load()
		r, _ := c.Crawl(ctx, Source{Name: "x", URL: u, Full: true})
		if r.Status != storage.StatusOK || !r.Complete || r.Stats.PagesNotModified != 6 || r.Stats.PagesFetched != 0 || r.Stats.ItemsRemoved != 0 {
			t.Errorf("result = %+v", r)
		}
		if site.hits.Load()-hits != 6 {
			t.Errorf("%d requests", site.hits.Load()-hits)
		}
		if got := snapshotLen(t, db, r.RunID); got != 30 {
			t.Errorf("the view of an all-304 run has %d items", got)
		}
		if size() != before {
			t.Errorf("an unchanged recrawl added %d content rows", size()-before)
		}
	})
	t.Run("UnchangedPlainStopsAtPage1", func(t *testing.T) {
		hits := site.hits.Load()
		r, _ := c.Crawl(ctx, Source{Name: "x", URL: u})
		if r.Status != storage.StatusOK || r.Stats.PagesNotModified != 1 || site.hits.Load()-hits != 1 {
			t.Errorf("result = %+v, %d requests", r, site.hits.Load()-hits)
		}
		if got := snapshotLen(t, db, r.RunID); got != 30 {
			t.Errorf("the view has %d items", got)
		}
	})
	t.Run("OnlyPage1Changed", func(t *testing.T) {
		site.mu.Lock()
		site.edit[30] = "Post number 30, rewritten"
		site.mu.Unlock()
		hits := site.hits.Load()
		r, _ := c.Crawl(ctx, Source{Name: "x", URL: u})
		if r.Stats.ItemsChanged != 1 || site.hits.Load()-hits > 2 {
			t.Errorf("result = %+v, %d requests", r, site.hits.Load()-hits)
		}
	})
	t.Run("FullEvery", func(t *testing.T) {
		r, _ := c.Crawl(ctx, Source{Name: "x", URL: u, FullEvery: 2})
		if !r.Full || !r.Complete {
			t.Errorf("the second run since a full one should be full: %+v", r)
		}
		r, _ = c.Crawl(ctx, Source{Name: "x", URL: u, FullEvery: 2})
		if r.Full {
			t.Errorf("right after a full run: %+v", r)
		}
	})
}

func TestDegraded(t *testing.T) {
	ctx := context.Background()
	site, u := newTestSite(t, 3)
	c, db := newTestCrawler(t)
	for range 2 {
		if r, _ := c.Crawl(ctx, Source{Name: "x", URL: u, Full: true}); r.Status != storage.StatusOK {
			t.Fatalf("healthy run = %+v", r)
		}
	}
	versions, _ := db.Count(ctx, "item_versions")

	t.Run("SummariesVanish", func(t *testing.T) {
		site.noSummary = true
		r, _ := c.Crawl(ctx, Source{Name: "x", URL: u, Full: true})
		site.noSummary = false
		if r.Status != storage.StatusDegraded || !strings.Contains(r.Health, "no summaries") || r.Stats.ItemsRemoved != 0 {
			t.Errorf("result = %+v", r)
		}
		if got, _ := db.Count(ctx, "item_versions"); got != versions {
			t.Errorf("lost summaries made %d new versions", got-versions)
		}
	})
	t.Run("ListGone", func(t *testing.T) {
		site.redesign = true
		r, _ := c.Crawl(ctx, Source{Name: "x", URL: u, Full: true})
		site.redesign = false
		if r.Status != storage.StatusDegraded || !strings.Contains(r.Health, "page 1 gave 0 items (usually 5)") || r.Stats.ItemsRemoved != 0 {
			t.Errorf("result = %+v", r)
		}
		if got := snapshotLen(t, db, r.RunID); got != 15 {
			t.Errorf("a degraded run's view has %d items, want the previous 15", got)
		}
		ri, _ := db.Run(ctx, r.RunID)
		if ri.Status != storage.StatusDegraded || ri.Health == "" || ri.Complete {
			t.Errorf("stored run = %+v", ri)
		}
		// Its captures are kept for re-extraction.
		if ri.PagesFetched != 3 {
			t.Errorf("pages fetched = %d", ri.PagesFetched)
		}
	})
	t.Run("Recovers", func(t *testing.T) {
		r, _ := c.Crawl(ctx, Source{Name: "x", URL: u, Full: true})
		if r.Status != storage.StatusOK || r.Stats.ItemsRemoved != 0 || r.Stats.ItemsChanged != 0 {
			t.Errorf("result = %+v", r)
		}
	})
}

func TestRobotsFetchedOnceForConcurrentRuns(t *testing.T) {
	site, u := newTestSite(t, 2)
	var robots atomic.Int64
	site.extra = func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path == "/robots.txt" {
			robots.Add(1)
			time.Sleep(50 * time.Millisecond)
		}
		return false
	}
	c, _ := newTestCrawler(t)
	var sources []Source
	for i := range 6 {
		sources = append(sources, Source{Name: fmt.Sprint("s", i), URL: u})
	}
	if _, err := c.CrawlAll(context.Background(), sources, 6); err != nil {
		t.Fatal(err)
	}
	if n := robots.Load(); n != 1 {
		t.Errorf("robots.txt fetched %d times for 6 runs starting together", n)
	}
}
