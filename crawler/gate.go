package crawler

import (
	"context"
	"io"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// gate is the politeness of every request, shared by all runs of a
// Crawler: at most perHost requests in flight to one host, at most total in
// flight overall, and a minimum delay (plus up to 25% jitter, so sources
// sharing a schedule do not march in step) between the starts of two
// requests to one host. It is the collector's RoundTripper, so it sees
// every request, robots.txt included.
type gate struct {
	next    http.RoundTripper
	perHost int
	delay   time.Duration
	total   chan struct{} // nil: no global cap

	mu    sync.Mutex
	hosts map[string]*hostState
}

type hostState struct {
	slots    chan struct{}
	mu       sync.Mutex
	start    time.Time     // earliest start of the next request
	minDelay time.Duration // robots.txt Crawl-delay
}

// requestPolicy travels in a request's context: the run's own delay and
// the counters of the run that made it.
type requestPolicy struct {
	delay time.Duration
	net   *netCounter
}

type policyKey struct{}

func withPolicy(ctx context.Context, p *requestPolicy) context.Context {
	return context.WithValue(ctx, policyKey{}, p)
}

// netCounter counts one run's traffic; the gate and the run's goroutines
// update it concurrently.
type netCounter struct {
	requests atomic.Int64
	bytes    atomic.Int64
}

func newGate(next http.RoundTripper, perHost, total int, delay time.Duration) *gate {
	g := &gate{next: next, perHost: max(perHost, 1), delay: delay, hosts: map[string]*hostState{}}
	if total > 0 {
		g.total = make(chan struct{}, total)
	}
	return g
}

func (g *gate) host(name string) *hostState {
	g.mu.Lock()
	defer g.mu.Unlock()
	name = strings.ToLower(name)
	h, ok := g.hosts[name]
	if !ok {
		h = &hostState{slots: make(chan struct{}, g.perHost)}
		g.hosts[name] = h
	}
	return h
}

// setCrawlDelay records a host's robots.txt Crawl-delay: a lower bound on
// the delay whatever the source asks.
func (g *gate) setCrawlDelay(host string, d time.Duration) {
	h := g.host(host)
	h.mu.Lock()
	h.minDelay = d
	h.mu.Unlock()
}

func (g *gate) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	policy, _ := ctx.Value(policyKey{}).(*requestPolicy)
	h := g.host(req.URL.Host)
	if g.total != nil {
		select {
		case g.total <- struct{}{}:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	select {
	case h.slots <- struct{}{}:
	case <-ctx.Done():
		if g.total != nil {
			<-g.total
		}
		return nil, ctx.Err()
	}
	release := sync.OnceFunc(func() {
		<-h.slots
		if g.total != nil {
			<-g.total
		}
	})

	delay := g.delay
	if policy != nil && policy.delay > 0 {
		delay = policy.delay
	}
	h.mu.Lock()
	delay = max(delay, h.minDelay)
	if delay > 0 {
		delay += time.Duration(rand.Int64N(int64(delay)/4 + 1))
	}
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
	if policy != nil {
		policy.net.requests.Add(1)
	}
	resp, err := g.next.RoundTrip(req)
	if err != nil {
		release()
		return nil, err
	}
	// The slot is held until the body is read and closed.
	resp.Body = &countingBody{ReadCloser: resp.Body, release: release, policy: policy}
	return resp, nil
}

type countingBody struct {
	io.ReadCloser
	release func()
	policy  *requestPolicy
}

func (b *countingBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if b.policy != nil {
		b.policy.net.bytes.Add(int64(n))
	}
	return n, err
}

func (b *countingBody) Close() error {
	err := b.ReadCloser.Close()
	b.release()
	return err
}
