package sitegen

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Stats is what a Site served since New or the last ResetStats.
type Stats struct {
	Requests    int64 // every request, any path and method
	Listing     int64 // listing-page requests, redirects and failures included
	NotModified int64 // 304 Not Modified answers
	RobotsTxt   int64 // requests for /robots.txt
	// MaxInFlight is the largest number of requests that were in the
	// handler at once, all paths together. A request is in from its start
	// until its answer is complete: when the handler returns, or just
	// before it writes the last byte of a body with a Content-Length or
	// drops the connection, so that a client which waits for each answer
	// before sending the next request never counts twice.
	MaxInFlight int64
	// Disallowed counts requests for paths that the robots.txt being served
	// at the time disallows for User-agent * (robots.txt itself excepted).
	Disallowed int64
	// BytesSent counts the response bodies' bytes as the handler wrote
	// them (headers not included, nor bodies of HEAD answers; a truncated
	// body counts the half sent).
	BytesSent int64
	// ByStatus counts answers by status code; 0 counts connections dropped
	// before a status line (the "reset" flaky mode).
	ByStatus map[int]int64
}

// counters keep a Site's Stats.
type counters struct {
	requests, listing, notModified, robotsTxt, disallowed, bytes atomic.Int64
	inFlight, maxInFlight                                        atomic.Int64

	mu       sync.Mutex
	byStatus map[int]int64
}

// Stats returns what the site served since New or the last ResetStats.
func (s *Site) Stats() Stats {
	c := &s.ctr
	st := Stats{
		Requests:    c.requests.Load(),
		Listing:     c.listing.Load(),
		NotModified: c.notModified.Load(),
		RobotsTxt:   c.robotsTxt.Load(),
		MaxInFlight: c.maxInFlight.Load(),
		Disallowed:  c.disallowed.Load(),
		BytesSent:   c.bytes.Load(),
	}
	c.mu.Lock()
	st.ByStatus = make(map[int]int64, len(c.byStatus))
	for k, v := range c.byStatus {
		st.ByStatus[k] = v
	}
	c.mu.Unlock()
	return st
}

// ResetStats zeroes the Stats and the FlakyStats counts. It does not re-arm
// flaky pages that have already failed (SetFlaky does), nor change
// Requests.
func (s *Site) ResetStats() {
	c := &s.ctr
	for _, v := range []*atomic.Int64{&c.requests, &c.listing, &c.notModified, &c.robotsTxt, &c.disallowed, &c.bytes, &c.maxInFlight} {
		v.Store(0)
	}
	c.mu.Lock()
	clear(c.byStatus)
	c.mu.Unlock()
	s.flaky.mu.Lock()
	clear(s.flaky.counts)
	s.flaky.mu.Unlock()
}

// statsWriter records the status and body size of an answer and counts it
// (finish) before the client can see it complete.
type statsWriter struct {
	http.ResponseWriter
	ctr      *counters
	head     bool  // a HEAD request: the body is not sent
	status   int   // 0 until the header is written
	length   int64 // the Content-Length sent, or -1
	bytes    int64 // body bytes written
	dropped  bool  // the connection was closed before a status line
	finished bool
}

func (w *statsWriter) WriteHeader(code int) {
	if w.status == 0 && code >= 200 {
		w.status = code
		w.length = -1
		if n, err := strconv.ParseInt(w.Header().Get("Content-Length"), 10, 64); err == nil && !w.head {
			w.length = n
		}
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statsWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.WriteHeader(http.StatusOK)
	}
	if !w.head {
		w.bytes += int64(len(p))
		if w.length >= 0 && w.bytes >= w.length {
			w.finish() // the client may have it all once p is written
		}
	}
	return w.ResponseWriter.Write(p)
}

// Unwrap gives http.ResponseController the underlying writer.
func (w *statsWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// begin counts a request coming in.
func (s *Site) begin(w http.ResponseWriter, r *http.Request) *statsWriter {
	c := &s.ctr
	c.requests.Add(1)
	cur := c.inFlight.Add(1)
	for {
		m := c.maxInFlight.Load()
		if cur <= m || c.maxInFlight.CompareAndSwap(m, cur) {
			break
		}
	}
	if r.URL.Path != "/robots.txt" && s.robots.Load().disallows(r.URL.RequestURI()) {
		c.disallowed.Add(1)
	}
	return &statsWriter{ResponseWriter: w, ctr: c, head: r.Method == http.MethodHead, length: -1}
}

// end counts the answer to a request if it is not counted yet; it runs
// even when the handler panics.
func (s *Site) end(w *statsWriter) { w.finish() }

// finish takes the request out of flight and counts its answer, once.
func (w *statsWriter) finish() {
	if w.finished {
		return
	}
	w.finished = true
	c := w.ctr
	c.inFlight.Add(-1)
	status := w.status
	switch {
	case w.dropped:
		status = 0
	case status == 0:
		status = http.StatusOK // net/http sends an empty 200
	}
	if status == http.StatusNotModified {
		c.notModified.Add(1)
	}
	c.bytes.Add(w.bytes)
	c.mu.Lock()
	c.byStatus[status]++
	c.mu.Unlock()
}

// SetLatency makes every listing-page request wait d before it is answered
// (0 turns the wait off), so that a client's concurrency shows in
// Stats.MaxInFlight.
func (s *Site) SetLatency(d time.Duration) { s.latency.Store(int64(max(d, 0))) }

// sleep waits the latency set by SetLatency, or until r is canceled.
func (s *Site) sleep(r *http.Request) {
	d := time.Duration(s.latency.Load())
	if d <= 0 {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-r.Context().Done():
	}
}

// The failure modes of flaky listing pages, the keys of FlakyStats.
const (
	// Flaky503 is a 503 Service Unavailable with "Retry-After: 1".
	Flaky503 = "503"
	// Flaky429 is a 429 Too Many Requests whose Retry-After is an HTTP date
	// one to two seconds ahead.
	Flaky429 = "429"
	// FlakyReset is a connection reset: the server writes the first bytes
	// of a status line ("HTTP/1.1 "), then closes the connection with a TCP
	// RST. Sending those bytes first makes a Go client report the error
	// even on a kept-alive connection, instead of silently retrying the
	// request on a new one as net/http does when a reused connection dies
	// before answering.
	FlakyReset = "reset"
	// FlakyTruncated is a truncated body: the full headers, Content-Length
	// included, and about half of the body, then the connection is closed.
	FlakyTruncated = "truncated"
	// Flaky500 is a 500 Internal Server Error.
	Flaky500 = "500"
)

var flakyModes = [...]string{Flaky503, Flaky429, FlakyReset, FlakyTruncated, Flaky500}

// flakyState holds SetFlaky's settings and what it served.
type flakyState struct {
	mu     sync.Mutex
	rate   float64
	seed   int64
	served map[string]bool // paths that have failed
	counts map[string]int  // failures served per mode
}

// SetFlaky makes listing pages fail once each. Each listing page's path is
// chosen with probability rate, deterministically from seed and the path;
// the first request for a chosen page after SetFlaky fails and later ones
// are answered normally. Listing page n fails in mode
// [Flaky503, Flaky429, FlakyReset, FlakyTruncated, Flaky500][(n+seed) mod 5],
// so with rate 1 and seed 0 pages 1 to 5 show the modes 429, reset,
// truncated, 500 and 503. SetFlaky re-arms every page and zeroes FlakyStats;
// SetFlaky(0, 0) turns failures off. Failures come before those of Fail.
func (s *Site) SetFlaky(rate float64, seed int64) {
	f := &s.flaky
	f.mu.Lock()
	defer f.mu.Unlock()
	if !(rate > 0) { // NaN too
		rate = 0
	}
	f.rate, f.seed = rate, seed
	f.served = map[string]bool{}
	f.counts = map[string]int{}
}

// FlakyStats returns the number of failures served per mode (the Flaky*
// constants) since the last SetFlaky or ResetStats.
func (s *Site) FlakyStats() map[string]int {
	f := &s.flaky
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make(map[string]int, len(flakyModes))
	for _, m := range flakyModes {
		out[m] = f.counts[m]
	}
	return out
}

// FlakyMode returns the mode in which listing page n fails under the
// current SetFlaky, "" when it does not, and whether that failure is still
// to come.
func (s *Site) FlakyMode(n int) (mode string, pending bool) {
	path := s.listingPath(n)
	f := &s.flaky
	f.mu.Lock()
	defer f.mu.Unlock()
	mode = f.plan(path, n)
	return mode, mode != "" && !f.served[path]
}

// plan returns the failure mode of listing page n at path, or "". The
// caller holds f.mu.
func (f *flakyState) plan(path string, n int) string {
	if f.rate <= 0 {
		return ""
	}
	h := fnv.New64a()
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], uint64(f.seed))
	h.Write(b[:])
	h.Write([]byte(path))
	x := mix64(h.Sum64())
	if float64(x>>11)/(1<<53) >= f.rate {
		return ""
	}
	return flakyModes[(uint64(n)+uint64(f.seed))%uint64(len(flakyModes))]
}

// mix64 is the SplitMix64 finalizer: it spreads FNV's weak low bits.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}

// take returns the failure to serve now for listing page n at path, or "",
// and marks it served.
func (f *flakyState) take(path string, n int) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.rate <= 0 || f.served[path] {
		return ""
	}
	mode := f.plan(path, n)
	if mode != "" {
		f.served[path] = true
		f.counts[mode]++
	}
	return mode
}

// serveFlaky answers a listing request with a failure in mode.
func (s *Site) serveFlaky(w *statsWriter, r *http.Request, mode, base, path string, n int) {
	switch mode {
	case Flaky503:
		writeFailure(w, http.StatusServiceUnavailable, "1")
	case Flaky429:
		// The next whole second at least one second ahead, so that a client
		// honouring the date waits about a second.
		at := time.Now().Add(time.Second)
		if t := at.Truncate(time.Second); t.Before(at) {
			at = t.Add(time.Second)
		}
		writeFailure(w, http.StatusTooManyRequests, at.UTC().Format(http.TimeFormat))
	case Flaky500:
		writeFailure(w, http.StatusInternalServerError, "")
	case FlakyReset:
		w.dropped = true
		conn, _, err := http.NewResponseController(w.ResponseWriter).Hijack()
		if err != nil { // HTTP/2: abort the stream
			panic(http.ErrAbortHandler)
		}
		w.finish()
		_, _ = conn.Write([]byte("HTTP/1.1 "))
		if tc, ok := conn.(interface{ SetLinger(int) error }); ok {
			_ = tc.SetLinger(0) // close with RST, not FIN
		}
		_ = conn.Close()
	case FlakyTruncated:
		s.mu.RLock()
		pg := s.listingPage(base, path, n)
		s.mu.RUnlock()
		s.writeTruncated(w, r, base, pg)
	default:
		panic("sitegen: unknown flaky mode " + mode)
	}
}

// writeTruncated sends pg with its full Content-Length but only about half
// of its body, then closes the connection.
func (s *Site) writeTruncated(w *statsWriter, r *http.Request, base string, pg *page) {
	half := pg.body[:len(pg.body)/2]
	if w.head {
		half = nil
	}
	h := http.Header{}
	s.setPageHeader(h, base, pg)
	h.Set("Content-Length", strconv.Itoa(len(pg.body)))
	conn, brw, err := http.NewResponseController(w.ResponseWriter).Hijack()
	if err != nil { // HTTP/2: send what we can, then abort the stream
		for k, v := range h {
			w.Header()[k] = v
		}
		w.WriteHeader(pg.status)
		_, _ = w.Write(half)
		_ = http.NewResponseController(w.ResponseWriter).Flush()
		panic(http.ErrAbortHandler)
	}
	defer conn.Close()
	w.status, w.bytes = pg.status, int64(len(half))
	w.finish()
	h.Set("Date", time.Now().UTC().Format(http.TimeFormat))
	bw := brw.Writer
	if bw == nil {
		bw = bufio.NewWriter(conn)
	}
	proto := "HTTP/1.1"
	if !r.ProtoAtLeast(1, 1) {
		proto = "HTTP/1.0"
	}
	fmt.Fprintf(bw, "%s %d %s\r\n", proto, pg.status, http.StatusText(pg.status))
	_ = h.Write(bw)
	_, _ = bw.WriteString("\r\n")
	_, _ = bw.Write(half)
	_ = bw.Flush()
}

// defaultRobots is the robots.txt a Site serves until SetRobots.
const defaultRobots = "User-agent: *\nDisallow: /wp-admin/\n"

// SetRobots makes /robots.txt answer status with body. Status 0 means 200,
// and SetRobots("", 0) restores the default robots.txt, which disallows
// /wp-admin/ only.
//
// Stats.Disallowed follows what the answer means to a crawler (RFC 9309):
// the Allow and Disallow rules of the User-agent * groups of a 2xx body
// (the longest matching rule wins, Allow on a tie; * and $ are understood),
// nothing disallowed after a 4xx but 429, everything disallowed after a 429
// or a 5xx.
func (s *Site) SetRobots(body string, status int) {
	if status == 0 {
		status = http.StatusOK
		if body == "" {
			body = defaultRobots
		}
	}
	s.robots.Store(newRobots(body, status))
}

// robotsTxt is the robots.txt a Site serves and what it disallows.
type robotsTxt struct {
	body        []byte
	status      int
	disallowAll bool
	rules       []robotsRule // of the User-agent * groups
}

type robotsRule struct {
	allow   bool
	pattern string
}

func newRobots(body string, status int) *robotsTxt {
	rb := &robotsTxt{body: []byte(body), status: status}
	switch {
	case status >= 500 || status == http.StatusTooManyRequests:
		rb.disallowAll = true
	case status >= 200 && status < 300:
		rb.rules = parseRobots(body)
	}
	return rb
}

// parseRobots returns the Allow and Disallow rules of the groups of body
// that name User-agent *.
func parseRobots(body string) []robotsRule {
	var rules []robotsRule
	applies, agentLine := false, false
	for line := range strings.Lines(body) {
		line, _, _ = strings.Cut(line, "#")
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		key, value = strings.ToLower(strings.TrimSpace(key)), strings.TrimSpace(value)
		switch key {
		case "user-agent":
			if !agentLine { // a new group starts
				applies = false
			}
			agentLine = true
			if value == "*" {
				applies = true
			}
		case "allow", "disallow":
			agentLine = false
			if applies && value != "" {
				rules = append(rules, robotsRule{allow: key == "allow", pattern: value})
			}
		default:
			agentLine = false
		}
	}
	return rules
}

// disallows reports whether uri, a path with its query, is disallowed.
func (rb *robotsTxt) disallows(uri string) bool {
	if rb.disallowAll {
		return true
	}
	best, allow := -1, true
	for _, r := range rb.rules {
		if !robotsMatch(r.pattern, uri) {
			continue
		}
		if n := len(r.pattern); n > best || n == best && r.allow {
			best, allow = n, r.allow
		}
	}
	return !allow
}

// robotsMatch reports whether a robots.txt path pattern, with * for any
// characters and a final $ for the end, matches uri.
func robotsMatch(pattern, uri string) bool {
	anchored := strings.HasSuffix(pattern, "$")
	if anchored {
		pattern = pattern[:len(pattern)-1]
	}
	parts := strings.Split(pattern, "*")
	rest, ok := strings.CutPrefix(uri, parts[0])
	if !ok {
		return false
	}
	if len(parts) == 1 {
		return !anchored || rest == ""
	}
	for _, p := range parts[1 : len(parts)-1] {
		i := strings.Index(rest, p)
		if i < 0 {
			return false
		}
		rest = rest[i+len(p):]
	}
	last := parts[len(parts)-1]
	if anchored {
		return strings.HasSuffix(rest, last)
	}
	return strings.Contains(rest, last)
}
