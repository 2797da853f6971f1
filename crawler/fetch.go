package crawler

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gocolly/colly/v2"

	"github.com/tagsnap/tagsnap/extract"
	"github.com/tagsnap/tagsnap/storage"
)

// errPermanent marks failures a retry cannot fix.
var errPermanent = errors.New("permanent")

// fetched is what came back for one request.
type fetched struct {
	status      int
	finalURL    string
	contentType string
	etag        string
	lastMod     string
	retryAfter  string
	body        []byte
	at          time.Time
}

// got is one page as fetched (or failed), before extraction.
type got struct {
	p       storage.Page
	f       fetched
	err     error
	prev    storage.Previous
	hasPrev bool
}

// page fetches, retries and extracts one listing page. The returned Page is
// ready to store: on failure it carries the error, on a 304 it points at the
// stored copy.
func (w *runner) page(ctx context.Context, col *colly.Collector, n int, pageURL string) (storage.Page, string, error) {
	return w.extract(w.parse(w.get(ctx, col, n, pageURL)))
}

// get checks robots.txt and fetches one page, conditionally when the
// archive has validators for it, with retries.
func (w *runner) get(ctx context.Context, col *colly.Collector, n int, pageURL string) got {
	g := got{p: storage.Page{Page: n, URL: pageURL, FetchedAt: time.Now().UTC()}}
	u, err := url.Parse(pageURL)
	if err != nil {
		g.err = fmt.Errorf("bad page URL: %w", err)
		return g
	}
	client := &http.Client{Transport: w.c.gate, Timeout: w.c.Timeout}
	if err := w.c.robotsAllowed(withPolicy(ctx, &requestPolicy{delay: w.delay(), net: w.net}), client, u, robotsAgent(w.userAgent())); err != nil {
		if errors.Is(err, ErrRobotsBlocked) {
			w.robotsBlocked++
			err = fmt.Errorf("%w for user agent %q", err, robotsAgent(w.userAgent()))
		}
		g.err = err
		return g
	}
	hdr := http.Header{}
	if !w.c.NoConditional {
		if g.prev, g.hasPrev, err = w.run.Previous(ctx, pageURL); err != nil {
			g.err = fmt.Errorf("read the stored copy: %w", err)
			return g
		}
		if g.hasPrev && g.prev.ETag != "" {
			hdr.Set("If-None-Match", g.prev.ETag)
		}
		if g.hasPrev && g.prev.LastModified != "" {
			hdr.Set("If-Modified-Since", g.prev.LastModified)
		}
	}
	g.f, g.err = w.fetchRetrying(ctx, col, pageURL, hdr)
	g.p.Attempts = w.lastAttempts
	g.p.FetchedAt, g.p.Status, g.p.FinalURL, g.p.ContentType = g.f.at, g.f.status, g.f.finalURL, g.f.contentType
	g.p.ETag, g.p.LastModified = g.f.etag, g.f.lastMod
	return g
}

// parsed is a fetched page, parsed, with the next link as far as it can
// be told before its items are extracted.
type parsed struct {
	got
	doc      *extract.Page // nil for a failure or a 304
	hint     string
	unparsed bool // not parsed yet: the worker parses it
}

// parse parses a fetched page and reads its next-link hint (a 304's next
// link is the stored one).
func (w *runner) parse(g got) parsed {
	pp := parsed{got: g}
	switch {
	case g.err != nil:
	case g.f.status == http.StatusNotModified:
		if g.hasPrev {
			pp.hint = g.prev.NextURL
		}
	default:
		doc, err := extract.Parse(g.f.body, extract.Options{URL: g.f.finalURL, ContentType: g.f.contentType,
			Selectors: w.src.Selectors, Now: g.f.at})
		if err != nil {
			pp.err = fmt.Errorf("extract: %w", err)
			break
		}
		pp.doc, pp.hint = doc, doc.NextHint()
	}
	return pp
}

// extract finishes a parsed page: the Page to store and the next link.
func (w *runner) extract(pp parsed) (storage.Page, string, error) {
	p := pp.p
	fail := func(err error) (storage.Page, string, error) {
		p.Err, p.Body, p.Items = err.Error(), nil, nil
		return p, "", err
	}
	if pp.err != nil {
		return fail(pp.err)
	}
	if pp.f.status == http.StatusNotModified {
		if !pp.hasPrev {
			return fail(errors.New("304 Not Modified to a request without validators"))
		}
		p.NotModified, p.NextURL = true, pp.prev.NextURL
		if p.ETag == "" {
			p.ETag = pp.prev.ETag
		}
		if p.LastModified == "" {
			p.LastModified = pp.prev.LastModified
		}
		return p, pp.prev.NextURL, nil
	}
	p.Body = pp.f.body
	res := pp.doc.Result()
	p.Items, p.NextURL = res.Items, res.NextPage
	p.Keep = w.health.page(p.Page, res.Items)
	return p, res.NextPage, nil
}

// robotsAgent is the product token robots.txt groups are matched against:
// "tagsnap/1.0 (+https://…)" -> "tagsnap".
func robotsAgent(ua string) string {
	token, _, _ := strings.Cut(ua, "/")
	token, _, _ = strings.Cut(token, " ")
	return token
}

// fetchRetrying GETs pageURL, retrying what a retry can fix with
// exponential backoff and jitter, honouring Retry-After within a bound.
func (w *runner) fetchRetrying(ctx context.Context, col *colly.Collector, pageURL string, hdr http.Header) (fetched, error) {
	w.lastAttempts = 0
	for attempt := 0; ; attempt++ {
		w.lastAttempts++
		f, err := w.fetch(col, pageURL, hdr)
		if err == nil || ctx.Err() != nil || errors.Is(err, errPermanent) || attempt >= w.c.Retries {
			return f, err
		}
		wait := w.c.RetryBase << attempt
		wait += time.Duration(rand.Int64N(int64(wait)/2 + 1))
		if ra, ok := parseRetryAfter(f.retryAfter, time.Now()); ok {
			if ra > w.c.MaxRetryAfter {
				return f, fmt.Errorf("%w (the server asks to retry after %s, more than the %s limit)", err, ra.Round(time.Second), w.c.MaxRetryAfter)
			}
			wait = max(ra, w.c.RetryBase/4)
		}
		w.log.Info("retrying", "url", Redact(pageURL), "attempt", attempt+2, "wait", wait.Round(time.Millisecond), "error", err)
		w.retries++
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return f, err
		}
	}
}

// fetch makes one GET. A response that is not a usable HTML page is an
// error saying why; errPermanent marks those a retry cannot fix.
func (w *runner) fetch(col *colly.Collector, pageURL string, hdr http.Header) (fetched, error) {
	f := fetched{at: time.Now().UTC()}
	w.cur = &f
	defer func() { w.cur = nil }()
	err := col.Request(http.MethodGet, pageURL, nil, nil, hdr)
	if f.finalURL == "" {
		f.finalURL = pageURL
	}
	switch {
	case errors.Is(err, errPermanent):
		return f, err
	case err != nil && (errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(err.Error(), "unexpected EOF")):
		return f, errors.New("truncated body (the connection closed early)")
	case err != nil:
		return f, describeNetErr(err)
	case f.status == 0:
		return f, errors.New("no response")
	case f.status == http.StatusNotModified:
		return f, nil
	case f.status == http.StatusTooManyRequests || f.status >= 500:
		return f, fmt.Errorf("HTTP %d %s", f.status, http.StatusText(f.status))
	case f.status < 200 || f.status > 299:
		return f, fmt.Errorf("%w: HTTP %d %s", errPermanent, f.status, http.StatusText(f.status))
	case len(f.body) > w.c.MaxBodySize:
		return f, fmt.Errorf("%w: page is larger than the %d MB limit (after decompression)", errPermanent, w.c.MaxBodySize>>20)
	case !isHTML(f.contentType, f.body):
		return f, fmt.Errorf("%w: not an HTML page (Content-Type %q)", errPermanent, f.contentType)
	}
	return f, nil
}

// parseRetryAfter reads Retry-After: delay-seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.Atoi(v); err == nil && secs >= 0 {
		return time.Duration(secs) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

func isHTML(ct string, body []byte) bool {
	ct = strings.ToLower(ct)
	if ct == "" {
		ct = strings.ToLower(http.DetectContentType(body))
	}
	if strings.Contains(ct, "html") {
		return true
	}
	// Some servers send HTML as text/plain.
	head := strings.ToLower(string(body[:min(len(body), 1024)]))
	return strings.HasPrefix(ct, "text/plain") && (strings.Contains(head, "<html") || strings.Contains(head, "<!doctype html"))
}
