package crawler

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tagsnap/tagsnap/storage"
)

// testSite is a small paginated listing with knobs for misbehaving.
type testSite struct {
	mu     sync.Mutex
	pages  int
	per    int
	status map[int]int    // page -> status to answer
	next   map[int]string // page -> next href override
	hook   func(page int) // called before answering a page
	robots string         // robots.txt body
	ctype  string         // Content-Type override
	extra  func(w http.ResponseWriter, r *http.Request) bool
	hits   atomic.Int64
	// misbehaviour
	failOnce              map[int]string // page -> "503", "429", "reset", "truncate", "hang": once
	robotsStatus          int
	validators            bool           // ETag + 304
	noSummary             bool           // extraction loses summaries
	redesign              bool           // the list is gone from the markup
	edit                  map[int]string // item number -> replacement title
	inFlight, maxInFlight atomic.Int64
}

func (s *testSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.extra != nil && s.extra(w, r) {
		return
	}
	if r.URL.Path == "/robots.txt" {
		if s.robotsStatus != 0 {
			w.WriteHeader(s.robotsStatus)
		}
		fmt.Fprint(w, s.robots)
		return
	}
	page := 1
	if rest, ok := strings.CutPrefix(r.URL.Path, "/tag/x/page/"); ok {
		page, _ = strconv.Atoi(strings.Trim(rest, "/"))
	} else if r.URL.Path != "/tag/x/" {
		http.NotFound(w, r)
		return
	}
	n := s.inFlight.Add(1)
	defer s.inFlight.Add(-1)
	for {
		m := s.maxInFlight.Load()
		if n <= m || s.maxInFlight.CompareAndSwap(m, n) {
			break
		}
	}
	s.hits.Add(1)
	if s.hook != nil {
		s.hook(page)
	}
	s.mu.Lock()
	mode, broken := s.failOnce[page]
	delete(s.failOnce, page)
	s.mu.Unlock()
	if broken && s.misbehave(w, mode) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if st := s.status[page]; st != 0 {
		w.WriteHeader(st)
		return
	}
	if page < 1 || page > s.pages {
		http.NotFound(w, r)
		return
	}
	ct := "text/html; charset=utf-8"
	if s.ctype != "" {
		ct = s.ctype
	}
	body := s.render(page)
	if s.validators {
		etag := fmt.Sprintf(`"%x"`, sha256.Sum256([]byte(body)))
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	io.WriteString(w, body)
}

// misbehave answers in one of the broken ways; false means answer normally.
func (s *testSite) misbehave(w http.ResponseWriter, mode string) bool {
	switch mode {
	case "503":
		w.Header().Set("Retry-After", "0")
		w.WriteHeader(http.StatusServiceUnavailable)
	case "429":
		w.Header().Set("Retry-After", time.Now().Add(-time.Second).UTC().Format(http.TimeFormat))
		w.WriteHeader(http.StatusTooManyRequests)
	case "reset":
		conn, _, err := http.NewResponseController(w).Hijack()
		if err == nil {
			conn.(*net.TCPConn).SetLinger(0)
			conn.Close()
		}
	case "truncate":
		conn, buf, err := http.NewResponseController(w).Hijack()
		if err == nil {
			buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 50000\r\n\r\n<html><body><article>cut")
			buf.Flush()
			conn.Close()
		}
	case "hang":
		time.Sleep(300 * time.Millisecond)
		return false
	default:
		return false
	}
	return true
}

func (s *testSite) render(page int) string {
	var b strings.Builder
	w := &b
	fmt.Fprint(w, "<!doctype html><html><head><title>Tag Archives: X</title></head><body><nav><a href=/>Home</a> <a href=/about/>About</a></nav><main>")
	for i := 0; i < s.per && !s.redesign; i++ {
		n := (s.pages-page)*s.per + (s.per - i)
		title := fmt.Sprintf("Post number %d about things", n)
		if t, ok := s.edit[n]; ok {
			title = t
		}
		summary := fmt.Sprintf(`<div class="entry-summary"><p>Summary of post %d, a sentence long enough to be an excerpt.</p></div>`, n)
		if s.noSummary {
			summary = ""
		}
		fmt.Fprintf(w, `<article class="post"><h2 class="entry-title"><a href="/2026/01/post-%d/">%s</a></h2>
			<time datetime="2026-01-%02dT10:00:00Z">January %d, 2026</time>%s</article>`,
			n, title, n%28+1, n%28+1, summary)
	}
	if s.redesign {
		fmt.Fprint(w, `<div id="app" data-items="loading"></div><script>render()</script>`)
	}
	fmt.Fprint(w, "</main>")
	next := ""
	if page < s.pages {
		next = fmt.Sprintf("/tag/x/page/%d/", page+1)
	}
	if o, ok := s.next[page]; ok {
		next = o
	}
	if next != "" {
		fmt.Fprintf(w, `<nav class="pagination"><a class="next page-numbers" href="%s">Older posts</a></nav>`, next)
	}
	fmt.Fprint(w, "</body></html>")
	return b.String()
}

func newTestSite(t *testing.T, pages int) (*testSite, string) {
	t.Helper()
	s := &testSite{pages: pages, per: 5, status: map[int]int{}, next: map[int]string{}, failOnce: map[int]string{},
		edit: map[int]string{}, robots: "User-agent: *\nDisallow: /private/\n"}
	srv := httptest.NewServer(s) // binds 127.0.0.1
	t.Cleanup(srv.Close)
	return s, srv.URL + "/tag/x/"
}

func newTestCrawler(t *testing.T) (*Crawler, *storage.DB) {
	t.Helper()
	db, err := storage.Open(context.Background(), filepath.Join(t.TempDir(), "crawl.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return &Crawler{Store: db, Delay: time.Millisecond, Timeout: 5 * time.Second, UserAgent: "tagsnap-test", RetryBase: time.Millisecond}, db
}

func TestCrawl(t *testing.T) {
	ctx := context.Background()
	t.Run("OK", func(t *testing.T) {
		site, u := newTestSite(t, 3)
		c, db := newTestCrawler(t)
		res, err := c.Crawl(ctx, Source{Name: "x", URL: u})
		if err != nil {
			t.Fatal(err)
		}
		if res.Status != storage.StatusOK || !res.Complete || res.Stats.PagesFetched != 3 || res.Stats.ItemsNew != 15 {
			t.Errorf("result = %+v", res)
		}
		if site.hits.Load() != 3 {
			t.Errorf("listing hits = %d", site.hits.Load())
		}
		var n int
		db.Snapshot(ctx, res.RunID, func(e storage.Entry) error { n++; return nil })
		if n != 15 {
			t.Errorf("snapshot has %d entries", n)
		}
	})
	t.Run("MaxPages", func(t *testing.T) {
		_, u := newTestSite(t, 5)
		c, _ := newTestCrawler(t)
		res, err := c.Crawl(ctx, Source{Name: "x", URL: u, MaxPages: 2})
		if err != nil {
			t.Fatal(err)
		}
		if res.Status != storage.StatusOK || res.Complete || res.Stats.PagesFetched != 2 {
			t.Errorf("result = %+v", res)
		}
		res, _ = c.Crawl(ctx, Source{Name: "x", URL: u, MaxPages: 2, Full: true})
		if !res.Complete || res.Stats.PagesFetched != 5 {
			t.Errorf("full result = %+v", res)
		}
	})
	t.Run("FailedPageIsPartial", func(t *testing.T) {
		site, u := newTestSite(t, 3)
		site.status[2] = 503
		c, _ := newTestCrawler(t)
		res, err := c.Crawl(ctx, Source{Name: "x", URL: u})
		if err != nil {
			t.Fatal(err)
		}
		if res.Status != storage.StatusPartial || res.Complete || res.Stats.PagesFailed != 1 || !strings.Contains(res.Error, "503") {
			t.Errorf("result = %+v", res)
		}
	})
	t.Run("FailedFirstPage", func(t *testing.T) {
		site, u := newTestSite(t, 3)
		site.status[1] = 404
		c, _ := newTestCrawler(t)
		res, _ := c.Crawl(ctx, Source{Name: "x", URL: u})
		if res.Status != storage.StatusFailed || !strings.Contains(res.Error, "404") {
			t.Errorf("result = %+v", res)
		}
	})
	t.Run("Unreachable", func(t *testing.T) {
		c, _ := newTestCrawler(t)
		res, err := c.Crawl(ctx, Source{Name: "x", URL: "http://127.0.0.1:1/tag/x/"})
		if err != nil {
			t.Fatal(err)
		}
		if res.Status != storage.StatusFailed || !strings.Contains(res.Error, "127.0.0.1:1") {
			t.Errorf("result = %+v", res)
		}
	})
	t.Run("RobotsDisallow", func(t *testing.T) {
		site, u := newTestSite(t, 2)
		site.robots = "User-agent: *\nDisallow: /tag/\n"
		c, _ := newTestCrawler(t)
		res, _ := c.Crawl(ctx, Source{Name: "x", URL: u})
		if res.Status != storage.StatusFailed || !strings.Contains(res.Error, "robots.txt") || site.hits.Load() != 0 {
			t.Errorf("result = %+v, hits %d", res, site.hits.Load())
		}
	})
	t.Run("PaginationCycle", func(t *testing.T) {
		site, u := newTestSite(t, 3)
		site.next[3] = "/tag/x/"
		c, _ := newTestCrawler(t)
		res, _ := c.Crawl(ctx, Source{Name: "x", URL: u, Full: true})
		if res.Status != storage.StatusOK || res.Complete || res.Stats.PagesFetched != 3 || !strings.Contains(res.Error, "cycles") {
			t.Errorf("result = %+v", res)
		}
	})
	t.Run("RedirectLoop", func(t *testing.T) {
		site, u := newTestSite(t, 3)
		site.extra = func(w http.ResponseWriter, r *http.Request) bool {
			switch r.URL.Path {
			case "/tag/x/page/2/":
				http.Redirect(w, r, "/loop/a", http.StatusFound)
			case "/loop/a":
				http.Redirect(w, r, "/loop/b", http.StatusFound)
			case "/loop/b":
				http.Redirect(w, r, "/loop/a", http.StatusFound)
			default:
				return false
			}
			return true
		}
		c, _ := newTestCrawler(t)
		res, _ := c.Crawl(ctx, Source{Name: "x", URL: u})
		if res.Status != storage.StatusPartial || !strings.Contains(res.Error, "redirect") {
			t.Errorf("result = %+v", res)
		}
	})
	t.Run("NotHTML", func(t *testing.T) {
		site, u := newTestSite(t, 1)
		site.ctype = "application/pdf"
		c, _ := newTestCrawler(t)
		res, _ := c.Crawl(ctx, Source{Name: "x", URL: u})
		if res.Status != storage.StatusFailed || !strings.Contains(res.Error, "not an HTML page") {
			t.Errorf("result = %+v", res)
		}
	})
	t.Run("TooBig", func(t *testing.T) {
		site, u := newTestSite(t, 1)
		site.per = 200
		c, _ := newTestCrawler(t)
		c.MaxBodySize = 10_000
		res, _ := c.Crawl(ctx, Source{Name: "x", URL: u})
		if res.Status != storage.StatusFailed || !strings.Contains(res.Error, "larger than") {
			t.Errorf("result = %+v", res)
		}
	})
	t.Run("CancelledHalfWay", func(t *testing.T) {
		site, u := newTestSite(t, 5)
		ctx, cancel := context.WithCancel(ctx)
		site.hook = func(page int) {
			if page == 3 {
				cancel()
			}
		}
		c, db := newTestCrawler(t)
		res, err := c.Crawl(ctx, Source{Name: "x", URL: u})
		if err != nil {
			t.Fatal(err)
		}
		if res.Status != storage.StatusInterrupted || res.Stats.PagesFetched != 2 {
			t.Errorf("result = %+v", res)
		}
		ri, err := db.Run(context.Background(), res.RunID)
		if err != nil || ri.Status != storage.StatusInterrupted || ri.FinishedAt.IsZero() {
			t.Errorf("stored run = %+v, %v", ri, err)
		}
		site.hook = nil
		res, _ = c.Crawl(context.Background(), Source{Name: "x", URL: u, Full: true})
		if res.Status != storage.StatusOK || res.Stats.ItemsNew != 15 {
			t.Errorf("next run = %+v", res)
		}
	})
}

func TestPoliteness(t *testing.T) {
	site, u := newTestSite(t, 4)
	site.hook = func(int) { time.Sleep(20 * time.Millisecond) }
	c, _ := newTestCrawler(t)
	c.PerHost = 2
	var sources []Source
	for i := range 6 {
		sources = append(sources, Source{Name: fmt.Sprintf("s%d", i), URL: u})
	}
	results, err := c.CrawlAll(context.Background(), sources, 4)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		if r.Status != storage.StatusOK {
			t.Errorf("%s: %+v", r.Source, r)
		}
	}
	if got := site.maxInFlight.Load(); got > 2 {
		t.Errorf("%d requests in flight to one host, per-host limit is 2", got)
	}
}

func TestPanicIsARecordedFailure(t *testing.T) {
	for _, full := range []bool{false, true} {
		t.Run(fmt.Sprint("full=", full), func(t *testing.T) {
			_, u := newTestSite(t, 3)
			c, db := newTestCrawler(t)
			c.OnPage = func(e PageEvent) {
				if e.Page == 2 {
					panic("boom")
				}
			}
			res, err := c.Crawl(context.Background(), Source{Name: "x", URL: u, Full: full})
			if err == nil || !strings.Contains(err.Error(), "boom") {
				t.Errorf("err = %v", err)
			}
			ri, rerr := db.Run(context.Background(), res.RunID)
			if rerr != nil || ri.Status != storage.StatusFailed || !strings.Contains(ri.Error, "boom") || ri.FinishedAt.IsZero() {
				t.Errorf("stored run = %+v, %v", ri, rerr)
			}
		})
	}
}

// TestWrongHint: on the last page an item titled "Next" looks like a pager
// link; the full crawl fetches it ahead, then drops it when extraction says
// the listing ends there.
func TestWrongHint(t *testing.T) {
	site, u := newTestSite(t, 3)
	site.edit[1] = "Next"
	c, db := newTestCrawler(t)
	res, err := c.Crawl(context.Background(), Source{Name: "x", URL: u, Full: true})
	if err != nil {
		t.Fatal(err)
	}
	// robots.txt, 3 pages and the article fetched on the wrong hint
	if res.Status != storage.StatusOK || !res.Complete || res.Stats.PagesFetched != 3 || res.Stats.ItemsSeen != 15 || res.Stats.Requests != 5 {
		t.Errorf("result = %+v", res)
	}
	n := 0
	db.Snapshot(context.Background(), res.RunID, func(e storage.Entry) error {
		n++
		if e.Page > 3 {
			t.Errorf("a page fetched on a wrong hint was stored: %+v", e)
		}
		return nil
	})
	if n != 15 {
		t.Errorf("snapshot has %d entries", n)
	}
}

func TestGuessNext(t *testing.T) {
	for _, tc := range []struct {
		urls []string
		want string
	}{
		{[]string{"https://x.org/tag/a/"}, ""},
		{[]string{"https://x.org/tag/a/", "https://x.org/tag/a/page/2/"}, ""},
		{[]string{"https://x.org/tag/a/page/2/", "https://x.org/tag/a/page/3/"}, "https://x.org/tag/a/page/4/"},
		{[]string{"https://x.org/tag/a/page/9/", "https://x.org/tag/a/page/10/"}, "https://x.org/tag/a/page/11/"},
		{[]string{"https://x.org/news?start=20", "https://x.org/news?start=40"}, "https://x.org/news?start=60"},
		{[]string{"https://x.org/2026/p/2/", "https://x.org/2026/p/3/"}, "https://x.org/2026/p/4/"},
		{[]string{"https://x.org/p/3/", "https://x.org/p/2/"}, ""},
		{[]string{"https://x.org/a1/p/2/", "https://x.org/a2/p/3/"}, ""},
		{[]string{"https://x.org/p/2?x", "https://x.org/p/3?y"}, ""},
	} {
		if got := guessNext(tc.urls); got != tc.want {
			t.Errorf("guessNext(%v) = %q, want %q", tc.urls, got, tc.want)
		}
	}
}
