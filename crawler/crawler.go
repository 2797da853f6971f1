package crawler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"runtime/debug"
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
	RunsSinceComplete(ctx context.Context, sourceID int64) (int, error)
}

var _ Store = (*storage.DB)(nil)

// Defaults, polite unless told otherwise.
const (
	DefaultMaxPages      = 10
	DefaultPerHost       = 2
	DefaultDelay         = time.Second
	DefaultTimeout       = 30 * time.Second
	DefaultRunTimeout    = 30 * time.Minute
	DefaultMaxBodySize   = 8 << 20
	DefaultRetries       = 3
	DefaultRetryBase     = time.Second
	DefaultMaxRetryAfter = 2 * time.Minute
	DefaultKnownPages    = 1
)

// Source is what to crawl and how.
type Source struct {
	Name      string
	URL       string
	Selectors *extract.Selectors // nil: zero-config
	MaxPages  int                // 0: DefaultMaxPages
	// Full follows the listing to its end, ignoring MaxPages and the
	// incremental stop: only such a run can decide removals.
	Full bool
	// FullEvery makes every Nth run full (0: never by itself).
	FullEvery int
	// KnownPages is the incremental stop: after this many pages in a row
	// that bring nothing new or changed, stop (0: DefaultKnownPages).
	KnownPages int
	Delay      time.Duration // between requests to one host; 0: the Crawler's
	UserAgent  string        // "": the Crawler's
	Timeout    time.Duration // per request; 0: the Crawler's
	// AllowHosts are other hosts pagination and redirects may lead to.
	AllowHosts []string
}

// Result is how one run went.
type Result struct {
	RunID    int64
	Source   string
	Status   string // storage.StatusOK ...
	Full     bool
	Complete bool
	Stats    storage.RunStats
	Error    string // the first problem, for people
	Health   string // degraded: what extraction lost
	Duration time.Duration
}

// PageEvent reports one page as it is stored (for progress output).
type PageEvent struct {
	Source      string
	Page        int
	URL         string
	Items       int
	New         int
	NotModified bool
	Err         string
}

// Crawler crawls sources into a Store. Set its fields before the first
// Crawl; it is then safe for concurrent use.
type Crawler struct {
	Store     Store
	Logger    *slog.Logger
	UserAgent string
	PerHost   int           // concurrent requests to one host, across all runs
	MaxConns  int           // concurrent requests overall; 0: no cap
	Delay     time.Duration // between requests to one host
	Timeout   time.Duration // per request
	// RunTimeout bounds a whole run.
	RunTimeout time.Duration
	// MaxBodySize bounds a page (after decompression); a bigger one is an
	// error for that page.
	MaxBodySize int
	// Retries is how often a failed request (network error, 5xx, 429,
	// truncated body) is tried again; negative: never.
	Retries int
	// RetryBase is the first backoff; each retry doubles it, with jitter.
	RetryBase time.Duration
	// MaxRetryAfter bounds how long a Retry-After is honoured; a server
	// asking for longer fails the page.
	MaxRetryAfter time.Duration
	// NoConditional turns off If-None-Match / If-Modified-Since.
	NoConditional bool
	// Transport is the HTTP transport under the politeness gate; nil: a
	// clone of http.DefaultTransport sized to PerHost.
	Transport http.RoundTripper
	// OnPage, when set, is called after each page is stored.
	OnPage func(PageEvent)

	once   sync.Once
	gate   *gate
	robots robotsCache
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
		if c.RunTimeout <= 0 {
			c.RunTimeout = DefaultRunTimeout
		}
		if c.MaxBodySize <= 0 {
			c.MaxBodySize = DefaultMaxBodySize
		}
		if c.Retries == 0 {
			c.Retries = DefaultRetries
		}
		if c.RetryBase <= 0 {
			c.RetryBase = DefaultRetryBase
		}
		if c.MaxRetryAfter <= 0 {
			c.MaxRetryAfter = DefaultMaxRetryAfter
		}
		if c.UserAgent == "" {
			c.UserAgent = "tagsnap"
		}
		t := c.Transport
		if t == nil {
			dt := http.DefaultTransport.(*http.Transport).Clone()
			dt.MaxIdleConnsPerHost = c.PerHost + 1
			t = dt
		}
		c.gate = newGate(t, c.PerHost, c.MaxConns, c.Delay)
		c.robots.entries = map[string]robotsEntry{}
	})
}

// CrawlAll crawls sources with up to workers runs at once and returns their
// results in the order of sources. err joins the storage errors (a failed
// fetch is not an error: it is in the Result).
func (c *Crawler) CrawlAll(ctx context.Context, sources []Source, workers int) ([]Result, error) {
	workers = max(workers, 1)
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

// errRunDeadline ends a run that took longer than RunTimeout.
var errRunDeadline = errors.New("run deadline exceeded")

// Crawl makes one run of src: page 1, then the extractor's next-page links
// up to the page limit (or the end, when Full), each page stored as it
// comes. A failed fetch ends the run as partial (failed when nothing was
// fetched) and is recorded, not returned; the error is for storage failures.
func (c *Crawler) Crawl(ctx context.Context, src Source) (res Result, err error) {
	c.init()
	start := time.Now()
	res = Result{Source: src.Name}
	if u, err := url.Parse(src.URL); err != nil || src.Name == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return res, fmt.Errorf("crawl %q: a source needs a name and an http(s) URL", src.Name)
	}
	s, err := c.Store.EnsureSource(ctx, src.Name, src.URL)
	if err != nil {
		return res, err
	}
	if !src.Full && src.FullEvery > 0 {
		n, err := c.Store.RunsSinceComplete(ctx, s.ID)
		if err != nil {
			return res, err
		}
		src.Full = n >= src.FullEvery-1
	}
	run, err := c.Store.BeginRun(ctx, s, src.Full)
	if err != nil {
		return res, err
	}
	res.RunID, res.Full = run.ID, src.Full
	log := c.Logger.With("source", src.Name, "run", run.ID)
	defer func() {
		// A bug must not leave the run "running" or take the daemon down.
		if p := recover(); p != nil {
			log.Error("crawl panicked", "panic", p, "stack", string(debug.Stack()))
			msg := fmt.Sprintf("panic: %v", p)
			stats, ferr := run.Finish(ctx, storage.Outcome{Status: storage.StatusFailed, Error: msg})
			res.Status, res.Stats, res.Error, res.Duration = storage.StatusFailed, stats, msg, time.Since(start)
			err = errors.Join(fmt.Errorf("crawl of %s: %s", src.Name, msg), ferr)
		}
	}()
	log.Info("crawl started", "url", Redact(src.URL), "full", src.Full)

	runCtx, cancel := context.WithTimeoutCause(ctx, c.RunTimeout, errRunDeadline)
	defer cancel()
	w := &runner{c: c, src: src, run: run, log: log, seen: map[string]int{}, net: &netCounter{}}
	outcome, storeErr := w.crawl(runCtx, ctx)
	stats, err := run.Finish(ctx, outcome)
	if err != nil {
		storeErr = errors.Join(storeErr, err)
	}
	ri := outcome.Status
	if outcome.Health != "" && ri == storage.StatusOK {
		ri = storage.StatusDegraded
	}
	res.Status, res.Stats, res.Error, res.Health, res.Duration = ri, stats, outcome.Error, outcome.Health, time.Since(start)
	res.Complete = outcome.Complete && ri == storage.StatusOK && stats.PagesFailed == 0
	level := slog.LevelInfo
	if res.Status != storage.StatusOK {
		level = slog.LevelWarn
	}
	log.Log(ctx, level, "crawl finished", "status", res.Status, "complete", res.Complete, "pages", stats.PagesFetched,
		"not_modified", stats.PagesNotModified, "failed_pages", stats.PagesFailed, "new", stats.ItemsNew,
		"changed", stats.ItemsChanged, "removed", stats.ItemsRemoved, "requests", stats.Requests, "retries", stats.Retries,
		"duration", res.Duration.Round(time.Millisecond), "error", res.Error, "health", res.Health)
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
	net  *netCounter
	// counted by the fetch loop only
	retries, robotsBlocked int
	lastAttempts           int
	health                 *health
}

func (w *runner) netStats() storage.NetStats {
	return storage.NetStats{Requests: int(w.net.requests.Load()), Retries: w.retries,
		RobotsBlocked: w.robotsBlocked, BytesDownloaded: w.net.bytes.Load()}
}

// crawl runs the fetch loop under runCtx (the run's deadline) and stores
// pages as they come. In a full crawl, storing page N overlaps fetching and
// extracting page N+1 (the next link comes from extraction, so fetching
// cannot run further ahead); an incremental crawl must know what a page
// brought before deciding to go on, so it stores as it goes.
func (w *runner) crawl(runCtx, parent context.Context) (storage.Outcome, error) {
	fetchCtx, stopFetching := context.WithCancelCause(runCtx)
	defer stopFetching(nil)
	// What was fetched is stored even when the run is being cancelled:
	// each page is one short transaction.
	storeCtx := context.WithoutCancel(parent)
	norms, err := w.run.Norms(storeCtx)
	if err != nil {
		return storage.Outcome{Status: storage.StatusFailed, Error: err.Error()}, err
	}
	w.health = newHealth(norms)

	var storeErr error
	store := func(p storage.Page) (storage.PageResult, error) {
		res, err := w.run.AddPage(storeCtx, p)
		if err != nil {
			stopFetching(err)
			return res, err
		}
		if w.c.OnPage != nil {
			w.c.OnPage(PageEvent{Source: w.src.Name, Page: p.Page, URL: p.URL, Items: res.Seen, New: res.New,
				NotModified: p.NotModified, Err: p.Err})
		}
		return res, nil
	}
	var outcome storage.Outcome
	if w.src.Full {
		// A few pages of slack absorb the storer's pauses (a WAL
		// checkpoint) without stalling extraction; ~100 KB each.
		pages := make(chan storage.Page, 8)
		stored := make(chan struct{})
		go func() {
			defer close(stored)
			defer func() {
				if p := recover(); p != nil {
					storeErr = fmt.Errorf("panic while storing: %v\n%s", p, debug.Stack())
					stopFetching(storeErr)
					for range pages { // let the fetch loop finish
					}
				}
			}()
			for p := range pages {
				if storeErr == nil {
					_, storeErr = store(p)
				}
			}
		}()
		outcome = w.fetchFull(fetchCtx, pages)
		close(pages)
		<-stored
	} else {
		outcome = w.fetchPages(fetchCtx, func(p storage.Page) (storage.PageResult, bool) {
			res, err := store(p)
			if err != nil {
				storeErr = err
			}
			return res, err == nil
		})
	}
	outcome.Net = w.netStats()
	outcome.Health = w.health.verdict()
	if storeErr != nil {
		return storage.Outcome{Status: storage.StatusFailed, Error: storeErr.Error(), Net: outcome.Net}, storeErr
	}
	return outcome, nil
}

// fetchPages follows the listing, handing each page to store, which says
// what the page brought when it knows (known = true).
func (w *runner) fetchPages(ctx context.Context, store func(storage.Page) (res storage.PageResult, known bool)) storage.Outcome {
	maxPages := w.src.MaxPages
	if maxPages <= 0 {
		maxPages = DefaultMaxPages
	}
	knownPages := w.src.KnownPages
	if knownPages <= 0 {
		knownPages = DefaultKnownPages
	}
	col := w.collector(ctx)
	pageURL := w.src.URL
	fetched, known := 0, 0
	for page := 1; ; page++ {
		if !w.src.Full && page > maxPages {
			w.log.Info("page limit reached", "max_pages", maxPages, "next", Redact(pageURL))
			return storage.Outcome{Status: storage.StatusOK}
		}
		w.seen[pageURL] = page
		p, next, ferr := w.page(ctx, col, page, pageURL)
		if ctx.Err() != nil {
			cause := context.Cause(ctx)
			if errors.Is(cause, errRunDeadline) {
				return storage.Outcome{Status: storage.StatusPartial,
					Error: fmt.Sprintf("%v after %s at page %d", cause, w.c.RunTimeout, page)}
			}
			return storage.Outcome{Status: storage.StatusInterrupted, Error: "interrupted: " + cause.Error()}
		}
		res, ok := store(p)
		if ferr != nil {
			w.log.Warn("page failed", "page", page, "url", Redact(pageURL), "error", ferr)
			msg := fmt.Sprintf("page %d (%s): %v", page, Redact(pageURL), ferr)
			if fetched == 0 {
				return storage.Outcome{Status: storage.StatusFailed, Error: msg}
			}
			return storage.Outcome{Status: storage.StatusPartial, Error: msg}
		}
		fetched++
		w.log.Debug("page fetched", "page", page, "url", Redact(pageURL), "items", len(p.Items), "not_modified", p.NotModified)
		if !w.src.Full {
			if page == 1 && p.NotModified {
				w.log.Info("page 1 not modified: nothing new")
				return storage.Outcome{Status: storage.StatusOK}
			}
			if ok && res.New == 0 && res.Changed == 0 {
				known++
			} else {
				known = 0
			}
			if known >= knownPages {
				w.log.Info("incremental stop: nothing new", "page", page, "known_pages", known)
				return storage.Outcome{Status: storage.StatusOK}
			}
		}
		if o, stop := w.follow(page, next); stop {
			return o
		}
		pageURL = next
	}
}

// follow decides whether the run goes on from page to next: not when the
// listing ends there (a complete run), the next link cycles back, or it
// leads to a host the source does not allow.
func (w *runner) follow(page int, next string) (storage.Outcome, bool) {
	if next == "" {
		return storage.Outcome{Status: storage.StatusOK, Complete: true}, true
	}
	if n, ok := w.seen[next]; ok {
		w.log.Warn("pagination cycles", "page", page, "next", Redact(next), "back_to_page", n)
		return storage.Outcome{Status: storage.StatusOK, Error: fmt.Sprintf("pagination cycles: page %d links back to page %d (%s)", page, n, Redact(next))}, true
	}
	if !w.hostAllowed(next) {
		w.log.Warn("next page on another host not followed", "next", Redact(next))
		return storage.Outcome{Status: storage.StatusOK, Error: fmt.Sprintf("next page %s is on another host; add it to allow_hosts to follow", Redact(next))}, true
	}
	return storage.Outcome{}, false
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

func (w *runner) delay() time.Duration {
	if w.src.Delay > 0 {
		return w.src.Delay
	}
	return w.c.Delay
}

func (w *runner) userAgent() string {
	if w.src.UserAgent != "" {
		return w.src.UserAgent
	}
	return w.c.UserAgent
}

// collector builds the run's colly collector: one per run, so its state
// lives as long as the run. robots.txt is ours (RFC 9309 policy, shared
// cache), so colly's is off.
func (w *runner) collector(ctx context.Context) *colly.Collector {
	timeout := w.src.Timeout
	if timeout <= 0 {
		timeout = w.c.Timeout
	}
	col := colly.NewCollector(colly.StdlibContext(withPolicy(ctx, &requestPolicy{delay: w.delay(), net: w.net})))
	// Set after NewCollector: COLLY_* environment variables must not
	// override what the user configured.
	col.UserAgent = w.userAgent()
	col.IgnoreRobotsTxt = true
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
			return fmt.Errorf("%w: stopped after %d redirects", errPermanent, len(via))
		}
		for _, v := range via {
			if v.URL.String() == req.URL.String() {
				return fmt.Errorf("%w: redirect loop at %s", errPermanent, Redact(req.URL.String()))
			}
		}
		if !w.hostAllowed(req.URL.String()) {
			return fmt.Errorf("%w: redirect to another host (%s) not followed; add it to allow_hosts", errPermanent, req.URL.Host)
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
			f.retryAfter = r.Headers.Get("Retry-After")
			f.body = r.Body
		}
	})
	return col
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

// Redact hides the password of a URL with user:password@ (for logs,
// errors and exports); other URLs come back unchanged.
func Redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return raw
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}
