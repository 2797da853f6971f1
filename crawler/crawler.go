package crawler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/gocolly/colly/v2"

	"github.com/tagsnap/tagsnap/extract"
	"github.com/tagsnap/tagsnap/storage"
)

// Store is what a crawl needs from the archive. *storage.DB is one.
type Store interface {
	EnsureSource(ctx context.Context, name, url string) (storage.Source, error)
	BeginRun(ctx context.Context, src storage.Source, full bool) (*storage.Run, error)
}

var _ Store = (*storage.DB)(nil)

// Defaults, polite unless told otherwise.
const (
	DefaultMaxPages    = 10
	DefaultPerHost     = 2
	DefaultDelay       = time.Second
	DefaultTimeout     = 30 * time.Second
	DefaultMaxBodySize = 8 << 20
)

// Source is what to crawl and how.
type Source struct {
	Name      string
	URL       string
	Selectors *extract.Selectors // nil: zero-config
	MaxPages  int                // 0: DefaultMaxPages
	Full      bool               // follow the listing to its end, ignoring MaxPages
	Delay     time.Duration      // between requests to one host; 0: the Crawler's
	UserAgent string             // "": the Crawler's
	Timeout   time.Duration      // per request; 0: the Crawler's
	// AllowHosts are other hosts pagination may lead to.
	AllowHosts []string
}

// Result is how one run went.
type Result struct {
	RunID    int64
	Source   string
	Status   string // storage.StatusOK ...
	Complete bool
	Stats    storage.RunStats
	Error    string // the first problem, for people
	Duration time.Duration
}

// PageEvent reports one page as it is stored (for progress output).
type PageEvent struct {
	Source string
	Page   int
	URL    string
	Items  int
	New    int
	Err    string
}

// Crawler crawls sources into a Store. Set its fields before the first
// Crawl; it is then safe for concurrent use.
type Crawler struct {
	Store     Store
	Logger    *slog.Logger
	UserAgent string
	PerHost   int           // concurrent requests to one host, across all runs
	Delay     time.Duration // between requests to one host
	Timeout   time.Duration // per request
	// MaxBodySize bounds a page; a bigger one is an error for that page.
	MaxBodySize int
	// Transport is the HTTP transport under the politeness gate; nil: a
	// clone of http.DefaultTransport sized to PerHost.
	Transport http.RoundTripper
	// OnPage, when set, is called after each page is stored.
	OnPage func(PageEvent)

	once sync.Once
	gate *gate
}

func (c *Crawler) init() {
	c.once.Do(func() {
		if c.Logger == nil {
			c.Logger = slog.New(slog.DiscardHandler)
		}
		if c.PerHost <= 0 {
			c.PerHost = DefaultPerHost
		}
		if c.Timeout <= 0 {
			c.Timeout = DefaultTimeout
		}
		if c.MaxBodySize <= 0 {
			c.MaxBodySize = DefaultMaxBodySize
		}
		if c.UserAgent == "" {
			c.UserAgent = "tagsnap"
		}
		t := c.Transport
		if t == nil {
			dt := http.DefaultTransport.(*http.Transport).Clone()
			dt.MaxIdleConnsPerHost = c.PerHost
			dt.MaxConnsPerHost = c.PerHost + 1 // robots.txt beside the pages
			t = dt
		}
		c.gate = &gate{next: t, perHost: c.PerHost, delay: c.Delay, hosts: map[string]*hostState{}}
	})
}

// CrawlAll crawls sources with up to workers runs at once and returns their
// results in the order of sources. err is the first storage error (a failed
// fetch is not an error: it is in the Result).
func (c *Crawler) CrawlAll(ctx context.Context, sources []Source, workers int) ([]Result, error) {
	if workers <= 0 {
		workers = 1
	}
	results := make([]Result, len(sources))
	errs := make([]error, len(sources))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, len(sources)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i], errs[i] = c.Crawl(ctx, sources[i])
			}
		}()
	}
	for i := range sources {
		next <- i
	}
	close(next)
	wg.Wait()
	return results, errors.Join(errs...)
}

// Crawl makes one run of src: page 1, then the extractor's next-page links
// up to the page limit (or the end, when Full), each page stored as it
// comes. A failed fetch ends the run as partial (failed when nothing was
// fetched) and is recorded, not returned; the error is for storage failures.
func (c *Crawler) Crawl(ctx context.Context, src Source) (Result, error) {
	c.init()
	start := time.Now()
	res := Result{Source: src.Name}
	if _, err := url.Parse(src.URL); err != nil || src.Name == "" {
		return res, fmt.Errorf("crawl %q: a source needs a name and a valid URL", src.Name)
	}
	s, err := c.Store.EnsureSource(ctx, src.Name, src.URL)
	if err != nil {
		return res, err
	}
	run, err := c.Store.BeginRun(ctx, s, src.Full)
	if err != nil {
		return res, err
	}
	res.RunID = run.ID
	log := c.Logger.With("source", src.Name, "run", run.ID)
	log.Info("crawl started", "url", src.URL, "full", src.Full)

	w := &runner{c: c, src: src, run: run, log: log, seen: map[string]int{}}
	outcome, storeErr := w.crawl(ctx)
	stats, err := run.Finish(ctx, outcome)
	res.Status, res.Stats, res.Error, res.Duration = outcome.Status, stats, outcome.Error, time.Since(start)
	res.Complete = outcome.Complete && outcome.Status == storage.StatusOK && stats.PagesFailed == 0
	if err != nil {
		storeErr = errors.Join(storeErr, err)
	}
	log.Info("crawl finished", "status", res.Status, "complete", res.Complete, "pages", stats.PagesFetched,
		"failed_pages", stats.PagesFailed, "new", stats.ItemsNew, "changed", stats.ItemsChanged,
		"removed", stats.ItemsRemoved, "duration", res.Duration.Round(time.Millisecond), "error", res.Error)
	return res, storeErr
}

// runner is one run in progress.
type runner struct {
	c    *Crawler
	src  Source
	run  *storage.Run
	log  *slog.Logger
	seen map[string]int // page URL -> page number, for cycles
	cur  *fetched       // what the collector's OnResponse fills
}

// fetched is what came back for one URL.
type fetched struct {
	status      int
	finalURL    string
	contentType string
	etag        string
	lastMod     string
	body        []byte
	at          time.Time
}

// crawl fetches and extracts pages in order while a second goroutine stores
// them: on two cores, storing page N overlaps fetching and extracting page
// N+1 (the next link comes from extraction, so fetching cannot run ahead).
func (w *runner) crawl(ctx context.Context) (storage.Outcome, error) {
	fetchCtx, stopFetching := context.WithCancelCause(ctx)
	defer stopFetching(nil)
	pages := make(chan storage.Page, 2)
	var storeErr error
	stored := make(chan struct{})
	// What was fetched is stored even when the run is being cancelled:
	// each page is one short transaction.
	storeCtx := context.WithoutCancel(ctx)
	go func() {
		defer close(stored)
		for p := range pages {
			if storeErr != nil {
				continue
			}
			res, err := w.run.AddPage(storeCtx, p)
			if err != nil {
				storeErr = err
				stopFetching(err)
				continue
			}
			if w.c.OnPage != nil {
				w.c.OnPage(PageEvent{Source: w.src.Name, Page: p.Page, URL: p.URL, Items: res.Seen, New: res.New, Err: p.Err})
			}
		}
	}()
	outcome := w.fetchPages(fetchCtx, pages)
	close(pages)
	<-stored
	if storeErr != nil {
		return storage.Outcome{Status: storage.StatusFailed, Error: storeErr.Error()}, storeErr
	}
	return outcome, nil
}

// fetchPages follows the listing, handing each page to store.
func (w *runner) fetchPages(ctx context.Context, store chan<- storage.Page) storage.Outcome {
	maxPages := w.src.MaxPages
	if maxPages <= 0 {
		maxPages = DefaultMaxPages
	}
	col := w.collector(ctx)
	pageURL := w.src.URL
	fetched := 0
	for page := 1; ; page++ {
		if !w.src.Full && page > maxPages {
			w.log.Info("page limit reached", "max_pages", maxPages, "next", pageURL)
			return storage.Outcome{Status: storage.StatusOK}
		}
		w.seen[pageURL] = page
		f, ferr := w.fetch(ctx, col, pageURL)
		if ctx.Err() != nil {
			return storage.Outcome{Status: storage.StatusInterrupted, Error: "interrupted: " + context.Cause(ctx).Error()}
		}
		p := storage.Page{Page: page, URL: pageURL, Status: f.status, FinalURL: f.finalURL, ContentType: f.contentType,
			ETag: f.etag, LastModified: f.lastMod, FetchedAt: f.at, Body: f.body}
		var next string
		if ferr == nil {
			res, err := extract.Extract(f.body, extract.Options{URL: f.finalURL, ContentType: f.contentType,
				Selectors: w.src.Selectors, Now: f.at})
			if err != nil {
				ferr = fmt.Errorf("extract: %w", err)
			} else {
				p.Items, next = res.Items, res.NextPage
			}
		}
		if ferr != nil {
			p.Err, p.Body = ferr.Error(), nil
		}
		store <- p
		if ferr != nil {
			w.log.Warn("page failed", "page", page, "url", pageURL, "error", ferr)
			msg := fmt.Sprintf("page %d (%s): %v", page, pageURL, ferr)
			if fetched == 0 {
				return storage.Outcome{Status: storage.StatusFailed, Error: msg}
			}
			return storage.Outcome{Status: storage.StatusPartial, Error: msg}
		}
		fetched++
		w.log.Debug("page fetched", "page", page, "url", pageURL, "items", len(p.Items))
		if next == "" {
			return storage.Outcome{Status: storage.StatusOK, Complete: true}
		}
		if n, ok := w.seen[next]; ok {
			w.log.Warn("pagination cycles", "page", page, "next", next, "back_to_page", n)
			return storage.Outcome{Status: storage.StatusOK, Error: fmt.Sprintf("pagination cycles: page %d links back to page %d (%s)", page, n, next)}
		}
		if !w.hostAllowed(next) {
			w.log.Warn("next page on another host not followed", "next", next)
			return storage.Outcome{Status: storage.StatusOK, Error: fmt.Sprintf("next page %s is on another host; add it to allow_hosts to follow", next)}
		}
		pageURL = next
	}
}

func (w *runner) hostAllowed(next string) bool {
	nu, err1 := url.Parse(next)
	su, err2 := url.Parse(w.src.URL)
	if err1 != nil || err2 != nil {
		return false
	}
	host := strings.ToLower(nu.Hostname())
	if host == strings.ToLower(su.Hostname()) {
		return true
	}
	for _, h := range w.src.AllowHosts {
		if strings.EqualFold(h, host) {
			return true
		}
	}
	return false
}

// collector builds the run's colly collector: one per run, so its visited
// set and robots cache live as long as the run.
func (w *runner) collector(ctx context.Context) *colly.Collector {
	delay := w.src.Delay
	if delay <= 0 {
		delay = w.c.Delay
	}
	ua := w.src.UserAgent
	if ua == "" {
		ua = w.c.UserAgent
	}
	timeout := w.src.Timeout
	if timeout <= 0 {
		timeout = w.c.Timeout
	}
	col := colly.NewCollector(colly.StdlibContext(withDelay(ctx, delay)))
	// Set after NewCollector: COLLY_* environment variables must not
	// override what the user configured.
	col.UserAgent = ua
	col.IgnoreRobotsTxt = false
	col.ParseHTTPErrorResponse = true // every status reaches us; we decide
	col.MaxBodySize = w.c.MaxBodySize + 1
	col.AllowURLRevisit = true // cycles are ours to detect, retries must refetch
	col.DetectCharset = false  // the raw bytes are archived; extract decodes
	col.MaxDepth = 0
	col.Async = false
	col.WithTransport(w.c.gate)
	col.SetRequestTimeout(timeout)
	col.SetRedirectHandler(func(req *http.Request, via []*http.Request) error {
		if len(via) >= 10 {
			return fmt.Errorf("stopped after %d redirects", len(via))
		}
		for _, v := range via {
			if v.URL.String() == req.URL.String() {
				return fmt.Errorf("redirect loop at %s", req.URL)
			}
		}
		if !w.hostAllowed(req.URL.String()) {
			return fmt.Errorf("redirect to another host (%s) not followed; add it to allow_hosts", req.URL.Host)
		}
		return nil
	})
	col.OnResponse(func(r *colly.Response) {
		if f := w.cur; f != nil {
			f.status = r.StatusCode
			f.finalURL = r.Request.URL.String()
			f.contentType = r.Headers.Get("Content-Type")
			f.etag = r.Headers.Get("ETag")
			f.lastMod = r.Headers.Get("Last-Modified")
			f.body = r.Body
		}
	})
	return col
}

// fetch GETs one page through col. A response that is not a usable HTML
// page is an error naming why.
func (w *runner) fetch(ctx context.Context, col *colly.Collector, pageURL string) (fetched, error) {
	f := fetched{at: time.Now().UTC()}
	w.cur = &f
	defer func() { w.cur = nil }()
	err := col.Visit(pageURL)
	got := f.status != 0
	if f.finalURL == "" {
		f.finalURL = pageURL
	}
	switch {
	case errors.Is(err, colly.ErrRobotsTxtBlocked):
		return f, fmt.Errorf("blocked by robots.txt for user agent %q", col.UserAgent)
	case err != nil:
		return f, describeNetErr(err)
	case !got:
		return f, errors.New("no response")
	case f.status < 200 || f.status > 299:
		return f, fmt.Errorf("HTTP %d %s", f.status, http.StatusText(f.status))
	case len(f.body) > w.c.MaxBodySize:
		return f, fmt.Errorf("page is larger than the %d MB limit", w.c.MaxBodySize>>20)
	case !isHTML(f.contentType, f.body):
		return f, fmt.Errorf("not an HTML page (Content-Type %q)", f.contentType)
	}
	return f, nil
}

func isHTML(ct string, body []byte) bool {
	ct = strings.ToLower(ct)
	if ct == "" {
		ct = http.DetectContentType(body)
	}
	return strings.Contains(ct, "html") || strings.HasPrefix(ct, "text/plain") && len(body) > 0 && strings.Contains(strings.ToLower(string(body[:min(len(body), 1024)])), "<html")
}

// describeNetErr keeps what a user can act on from colly's and net/http's errors.
func describeNetErr(err error) error {
	var dnsErr *net.DNSError
	var opErr *net.OpError
	switch {
	case errors.As(err, &dnsErr):
		return fmt.Errorf("cannot resolve host %s", dnsErr.Name)
	case errors.Is(err, context.DeadlineExceeded), strings.Contains(err.Error(), "Client.Timeout"):
		return fmt.Errorf("timed out: %w", err)
	case errors.As(err, &opErr) && opErr.Op == "dial":
		return fmt.Errorf("cannot connect: %w", opErr.Err)
	}
	return err
}
