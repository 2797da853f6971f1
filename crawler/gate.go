package crawler

import (
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"
)

// gate is the politeness of every request to one host, shared by all runs
// of a Crawler: at most perHost requests in flight and a minimum delay between
// the starts of two requests. It is a RoundTripper so robots.txt fetches
// (which colly makes itself) obey it too.
type gate struct {
	next    http.RoundTripper
	perHost int
	delay   time.Duration

	mu    sync.Mutex
	hosts map[string]*hostState
}

type hostState struct {
	slots chan struct{}
	mu    sync.Mutex
	start time.Time // earliest start of the next request
}

type delayKey struct{}

// withDelay asks for delay between requests to a host for requests made
// with ctx (a source's own setting).
func withDelay(ctx context.Context, d time.Duration) context.Context {
	return context.WithValue(ctx, delayKey{}, d)
}

func (g *gate) host(name string) *hostState {
	g.mu.Lock()
	defer g.mu.Unlock()
	h, ok := g.hosts[name]
	if !ok {
		h = &hostState{slots: make(chan struct{}, max(g.perHost, 1))}
		g.hosts[name] = h
	}
	return h
}

func (g *gate) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	h := g.host(strings.ToLower(req.URL.Host))
	select {
	case h.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	release := sync.OnceFunc(func() { <-h.slots })

	delay := g.delay
	if d, ok := ctx.Value(delayKey{}).(time.Duration); ok {
		delay = d
	}
	h.mu.Lock()
	now := time.Now()
	start := now
	if h.start.After(now) {
		start = h.start
	}
	h.start = start.Add(delay)
	h.mu.Unlock()
	if wait := start.Sub(now); wait > 0 {
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			release()
			return nil, ctx.Err()
		}
	}
	resp, err := g.next.RoundTrip(req)
	if err != nil {
		release()
		return nil, err
	}
	// The slot is held until the body is read and closed.
	resp.Body = &releasingBody{ReadCloser: resp.Body, release: release}
	return resp, nil
}

type releasingBody struct {
	io.ReadCloser
	release func()
}

func (b *releasingBody) Close() error {
	err := b.ReadCloser.Close()
	b.release()
	return err
}
