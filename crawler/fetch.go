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
	return w.finish(w.get(ctx, col, n, pageURL), nil)
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

// finish turns a fetched page into what is stored: the 304's stored copy,
// or the extracted items and next link. early, when set, gets the next
// page's likely URL as soon as the page is parsed, before its items are
// extracted.
func (w *runner) finish(g got, early func(hint string)) (storage.Page, string, error) {
	p := g.p
	fail := func(err error) (storage.Page, string, error) {
		p.Err, p.Body, p.Items = err.Error(), nil, nil
		return p, "", err
	}
	if g.err != nil {
		return fail(g.err)
	}
	f := g.f
	if f.status == http.StatusNotModified {
		if !g.hasPrev {
			return fail(errors.New("304 Not Modified to a request without validators"))
		}
		p.NotModified, p.NextURL = true, g.prev.NextURL
		if p.ETag == "" {
			p.ETag = g.prev.ETag
		}
		if p.LastModified == "" {
			p.LastModified = g.prev.LastModified
		}
		if early != nil && g.prev.NextURL != "" {
			early(g.prev.NextURL)
		}
		return p, g.prev.NextURL, nil
	}
	p.Body = f.body
	parsed, err := extract.Parse(f.body, extract.Options{URL: f.finalURL, ContentType: f.contentType,
		Selectors: w.src.Selectors, Now: f.at})
	if err != nil {
		return fail(fmt.Errorf("extract: %w", err))
	}
	if early != nil {
		if hint := parsed.NextHint(); hint != "" {
			early(hint)
		}
	}
	res := parsed.Result()
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
