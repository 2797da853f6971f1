// Package sitegen serves a synthetic, mutable WordPress-like site for
// end-to-end tests, the offline demo and crawl benchmarks.
//
// A Site holds an ordered list of items (newest first) and serves one tag
// archive over it: /tag/<tag>/, /tag/<tag>/page/N/, one page per article at
// /YYYY/MM/DD/slug/ and /robots.txt. The markup follows one of three
// realistic theme families (Theme) and carries the noise real pages carry:
// long navigation menus, a "Recent Posts" widget that repeats the newest
// headlines, a tag cloud, an archives widget, footer links, scripts and a
// cookie banner. Tests change the site while it is served (Add, Edit,
// Delete, Fail) and compare what a crawler saw with the truth (Items).
//
// For measuring a crawler's politeness from the server side, a Site can
// make listing pages fail once each in realistic ways (SetFlaky: 503 and
// 429 with Retry-After, a reset connection, a truncated body, a 500), slow
// listing pages down (SetLatency), serve any robots.txt (SetRobots), and it
// counts what it served (Stats: requests, 304s, robots.txt fetches, the
// most requests in flight at once, requests robots.txt disallows, bytes
// and statuses).
//
// Pages are rendered lazily and cached until the next change. Links are
// absolute, built from the request's Host, as WordPress builds them from its
// home URL.
package sitegen

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Item is one post of the site.
type Item struct {
	Slug      string    // unique; the article URL is /YYYY/MM/DD/slug/
	Title     string    // plain text (the site escapes it)
	Summary   string    // plain text, one paragraph, without any "[…]" marker
	Published time.Time // UTC, whole seconds
	Author    string
}

// Theme selects the markup family of a Site.
type Theme int

// The three markup families.
const (
	// Classic is a WordPress classic theme (twentyfifteen-like): article.post
	// entries, entry-summary excerpts, <time datetime> in the entry meta,
	// numbered "Next page" pagination and <link rel="next">.
	Classic Theme = iota
	// Block is a WordPress block theme (twentytwentyfour-like): a query loop
	// of li.wp-block-post entries with a "Read more" link under each excerpt
	// and query pagination without <link rel="next">.
	Block
	// Magazine is a news-magazine theme: a lazy-loaded image and a category
	// label per entry, h3 headlines, excerpts ending in " […]", visible dates
	// without a datetime attribute and a numbered pager with "Older »".
	Magazine
)

// String returns the theme's lower-case name.
func (t Theme) String() string {
	switch t {
	case Classic:
		return "classic"
	case Block:
		return "block"
	case Magazine:
		return "magazine"
	}
	return "theme(" + strconv.Itoa(int(t)) + ")"
}

// Options configure a Site.
type Options struct {
	Theme    Theme
	PerPage  int    // items per listing page; 0 means 10
	SiteName string // e.g. "Long War Analysis"; "" means "Strategic Review"
	Tag      string // e.g. "ISKP": the listing is /tag/iskp/; "" means "ISKP"
	// PadBytes is the approximate number of extra bytes of realistic noise
	// (inline CSS and JavaScript, a long mega menu) added to every listing
	// page, so that pages can weigh ~100 KB like real ones; 0 leaves pages
	// at their natural size (about 30-37 KB for 10 entries). Nine tenths of
	// it is added as new noise, the rest being the kind of noise every page
	// already carries: PadBytes 100_000 makes pages of about 120-130 KB.
	PadBytes int
	// Validators makes the site send a strong ETag (a hash of the body) and
	// Last-Modified, and answer If-None-Match and If-Modified-Since with
	// 304 Not Modified.
	Validators bool
}

// Site is a synthetic site. It is safe for concurrent use.
type Site struct {
	opt     Options
	tagSlug string

	mu     sync.RWMutex
	items  []Item
	bySlug map[string]int
	fails  map[int]int
	born   time.Time // Last-Modified of every page before its first change

	cmu       sync.Mutex
	cache     map[string]*page     // rendered pages of the current version
	monthList []month              // the Archives widget of the current version
	vals      map[string]validator // last ETag and modification time per page

	padOnce sync.Once
	pad     *padText

	requests atomic.Int64

	ctr     counters                  // Stats
	latency atomic.Int64              // SetLatency, a time.Duration
	robots  atomic.Pointer[robotsTxt] // SetRobots
	flaky   flakyState                // SetFlaky
}

// page is a rendered response.
type page struct {
	status int
	body   []byte
	etag   string
	mod    time.Time
}

type validator struct {
	etag string
	mod  time.Time
}

// New returns a site listing items, newest first. It panics when two items
// share a slug. Published times are kept in UTC, cut to whole seconds.
func New(items []Item, opt Options) *Site {
	if opt.PerPage <= 0 {
		opt.PerPage = 10
	}
	if opt.SiteName == "" {
		opt.SiteName = "Strategic Review"
	}
	if opt.Tag == "" {
		opt.Tag = "ISKP"
	}
	if opt.PadBytes < 0 {
		opt.PadBytes = 0
	}
	s := &Site{
		opt:     opt,
		tagSlug: Slugify(opt.Tag),
		items:   make([]Item, len(items)),
		fails:   map[int]int{},
		cache:   map[string]*page{},
		vals:    map[string]validator{},
		born:    time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC),
	}
	if s.tagSlug == "" {
		s.tagSlug = "tag"
	}
	s.ctr.byStatus = map[int]int64{}
	s.robots.Store(newRobots(defaultRobots, http.StatusOK))
	for i, it := range items {
		s.items[i] = normalize(it)
		if s.items[i].Published.After(s.born) {
			s.born = s.items[i].Published
		}
	}
	s.reindex()
	if len(s.bySlug) != len(s.items) {
		panic("sitegen: duplicate slug")
	}
	return s
}

func normalize(it Item) Item {
	it.Published = it.Published.UTC().Truncate(time.Second)
	return it
}

func (s *Site) reindex() {
	s.bySlug = make(map[string]int, len(s.items))
	for i, it := range s.items {
		s.bySlug[it.Slug] = i
	}
}

// changed drops the rendered pages; the caller holds s.mu for writing.
func (s *Site) changed() {
	s.cmu.Lock()
	clear(s.cache)
	s.monthList = nil
	s.cmu.Unlock()
}

// ListingURL returns the first listing page's URL under base, a scheme and
// host like "http://127.0.0.1:1234".
func (s *Site) ListingURL(base string) string {
	return strings.TrimRight(base, "/") + s.listingPath(1)
}

// PageURL returns the URL of listing page n (1-based) under base.
func (s *Site) PageURL(base string, n int) string {
	return strings.TrimRight(base, "/") + s.listingPath(n)
}

func (s *Site) listingPath(n int) string {
	if n <= 1 {
		return "/tag/" + s.tagSlug + "/"
	}
	return "/tag/" + s.tagSlug + "/page/" + strconv.Itoa(n) + "/"
}

// ItemURL returns the article URL of it under base.
func (s *Site) ItemURL(base string, it Item) string {
	return strings.TrimRight(base, "/") + itemPath(it)
}

func itemPath(it Item) string {
	return it.Published.UTC().Format("/2006/01/02/") + it.Slug + "/"
}

// Items returns a copy of the site's items in listing order.
func (s *Site) Items() []Item {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return append([]Item(nil), s.items...)
}

// Pages returns the number of listing pages (at least 1).
func (s *Site) Pages() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.pages()
}

func (s *Site) pages() int {
	n := (len(s.items) + s.opt.PerPage - 1) / s.opt.PerPage
	return max(n, 1)
}

// Options returns the site's options with defaults filled in.
func (s *Site) Options() Options { return s.opt }

// Add puts it at the top of the listing, pushing the others to later pages.
// It panics when the slug is already used.
func (s *Site) Add(it Item) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, dup := s.bySlug[it.Slug]; dup {
		panic(fmt.Sprintf("sitegen: Add: slug %q already used", it.Slug))
	}
	s.items = append([]Item{normalize(it)}, s.items...)
	s.reindex()
	s.changed()
}

// Edit applies f to the item with the given slug and reports whether there
// was one. A change of slug to one already used is refused (the item stays
// as it was, and Edit reports false).
func (s *Site) Edit(slug string, f func(*Item)) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	i, ok := s.bySlug[slug]
	if !ok {
		return false
	}
	it := s.items[i]
	f(&it)
	it = normalize(it)
	if it.Slug != slug {
		if _, dup := s.bySlug[it.Slug]; dup {
			return false
		}
	}
	s.items[i] = it
	s.reindex()
	s.changed()
	return true
}

// Delete removes the item with the given slug and reports whether there was
// one; the items after it move up.
func (s *Site) Delete(slug string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	i, ok := s.bySlug[slug]
	if !ok {
		return false
	}
	s.items = append(s.items[:i:i], s.items[i+1:]...)
	s.reindex()
	s.changed()
	return true
}

// Fail makes listing page n answer with status (a bare error page, with
// Retry-After: 1 for 429 and 503) until it is called again with status 0.
func (s *Site) Fail(page int, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if status == 0 {
		delete(s.fails, page)
	} else {
		s.fails[page] = status
	}
}

// Requests returns the number of listing-page requests served so far,
// error and 304 answers included.
func (s *Site) Requests() int64 { return s.requests.Load() }

// ServeHTTP serves the site, counting what it serves (Stats).
func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	sw := s.begin(w, r)
	defer s.end(sw)
	s.serve(sw, r)
}

func (s *Site) serve(w *statsWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	path := r.URL.Path
	if path == "/robots.txt" {
		s.ctr.robotsTxt.Add(1)
		rb := s.robots.Load()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Content-Length", strconv.Itoa(len(rb.body)))
		w.WriteHeader(rb.status)
		_, _ = w.Write(rb.body)
		return
	}
	base := baseOf(r)
	kind, n, slug := s.route(path)
	if kind == routeNone && !strings.HasSuffix(path, "/") {
		if k, _, _ := s.route(path + "/"); k != routeNone {
			http.Redirect(w, r, path+"/", http.StatusMovedPermanently)
			return
		}
	}
	if kind == routeListing {
		s.requests.Add(1)
		s.ctr.listing.Add(1)
		s.sleep(r)
		if n == 1 && path != s.listingPath(1) { // /tag/x/page/1/
			http.Redirect(w, r, s.listingPath(1), http.StatusMovedPermanently)
			return
		}
		if mode := s.flaky.take(path, n); mode != "" {
			s.serveFlaky(w, r, mode, base, path, n)
			return
		}
	}
	s.mu.RLock()
	var pg *page
	switch kind {
	case routeListing:
		if st := s.fails[n]; st != 0 {
			s.mu.RUnlock()
			writeFailure(w, st, "")
			return
		}
		pg = s.listingPage(base, path, n)
	case routeArticle:
		i, ok := s.bySlug[slug]
		if ok && itemPath(s.items[i]) == path {
			pg = s.cached(base, path, func() (int, []byte) { return http.StatusOK, s.renderArticle(base, s.items[i]) })
		} else {
			pg = s.cached(base, "404", func() (int, []byte) { return http.StatusNotFound, s.renderNotFound(base) })
		}
	default:
		pg = s.cached(base, "404", func() (int, []byte) { return http.StatusNotFound, s.renderNotFound(base) })
	}
	s.mu.RUnlock()
	s.write(w, r, base, pg)
}

// listingPage returns the rendered listing page n at path; the caller holds
// s.mu for reading.
func (s *Site) listingPage(base, path string, n int) *page {
	key := path
	if n > s.pages() { // one "Nothing Found" page serves them all
		key = "listing-404"
	}
	return s.cached(base, key, func() (int, []byte) { return s.renderListing(base, n) })
}

// setPageHeader sets the headers of a full answer with pg, Content-Length
// excepted.
func (s *Site) setPageHeader(h http.Header, base string, pg *page) {
	h.Set("Content-Type", "text/html; charset=UTF-8")
	if s.opt.Theme != Magazine {
		h.Set("Link", "<"+base+"/wp-json/>; rel=\"https://api.w.org/\"")
	}
	if pg.etag != "" {
		h.Set("ETag", pg.etag)
		h.Set("Last-Modified", pg.mod.UTC().Format(http.TimeFormat))
	}
}

func (s *Site) write(w http.ResponseWriter, r *http.Request, base string, pg *page) {
	h := w.Header()
	s.setPageHeader(h, base, pg)
	if pg.etag != "" && notModified(r, pg) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(pg.body)))
	w.WriteHeader(pg.status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(pg.body)
	}
}

// notModified evaluates If-None-Match (weak comparison) and, without it,
// If-Modified-Since.
func notModified(r *http.Request, pg *page) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		for _, t := range strings.Split(inm, ",") {
			t = strings.TrimSpace(t)
			if t == "*" || strings.TrimPrefix(t, "W/") == pg.etag {
				return true
			}
		}
		return false
	}
	if ims := r.Header.Get("If-Modified-Since"); ims != "" {
		if t, err := http.ParseTime(ims); err == nil {
			return !pg.mod.Truncate(time.Second).After(t)
		}
	}
	return false
}

// writeFailure writes a bare error page with status. retryAfter is the
// Retry-After value; "" means "1" for 429 and 503 and none for the others.
func writeFailure(w http.ResponseWriter, status int, retryAfter string) {
	if retryAfter == "" && (status == http.StatusServiceUnavailable || status == http.StatusTooManyRequests) {
		retryAfter = "1"
	}
	if retryAfter != "" {
		w.Header().Set("Retry-After", retryAfter)
	}
	if status < 200 || status == http.StatusNoContent || status == http.StatusNotModified {
		w.WriteHeader(status) // no body allowed
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=UTF-8")
	w.WriteHeader(status)
	text := http.StatusText(status)
	_, _ = fmt.Fprintf(w, "<!DOCTYPE html>\n<html><head><title>%d %s</title></head><body><h1>%s</h1><p>The server could not complete your request. Please try again later.</p></body></html>\n", status, text, text)
}

// cached returns the rendered page for base+key, rendering it on a miss.
// The caller holds s.mu for reading, so the items cannot change meanwhile.
func (s *Site) cached(base, key string, render func() (int, []byte)) *page {
	k := base + " " + key
	s.cmu.Lock()
	pg := s.cache[k]
	s.cmu.Unlock()
	if pg != nil {
		return pg
	}
	status, body := render()
	pg = &page{status: status, body: body}
	s.cmu.Lock()
	defer s.cmu.Unlock()
	if s.opt.Validators && status == http.StatusOK {
		sum := sha256.Sum256(body)
		pg.etag = `"` + hex.EncodeToString(sum[:12]) + `"`
		v, ok := s.vals[k]
		switch {
		case !ok:
			v = validator{etag: pg.etag, mod: s.born}
		case v.etag != pg.etag:
			mod := time.Now().UTC().Truncate(time.Second)
			if !mod.After(v.mod) {
				mod = v.mod.Add(time.Second)
			}
			v = validator{etag: pg.etag, mod: mod}
		}
		s.vals[k] = v
		pg.mod = v.mod
	}
	s.cache[k] = pg
	return pg
}

type routeKind int

const (
	routeNone routeKind = iota
	routeListing
	routeArticle
)

// route classifies path: a listing page and its number, or an article and
// its slug.
func (s *Site) route(path string) (routeKind, int, string) {
	prefix := "/tag/" + s.tagSlug + "/"
	if rest, ok := strings.CutPrefix(path, prefix); ok {
		if rest == "" {
			return routeListing, 1, ""
		}
		if num, ok := strings.CutPrefix(rest, "page/"); ok {
			if num, ok = strings.CutSuffix(num, "/"); ok {
				if n, err := strconv.Atoi(num); err == nil && n >= 1 && num[0] != '0' && num[0] != '+' {
					return routeListing, n, ""
				}
			}
		}
		return routeNone, 0, ""
	}
	// /YYYY/MM/DD/slug/
	parts := strings.Split(strings.Trim(path, "/"), "/")
	if len(parts) != 4 || !strings.HasSuffix(path, "/") || len(parts[0]) != 4 || len(parts[1]) != 2 || len(parts[2]) != 2 || parts[3] == "" {
		return routeNone, 0, ""
	}
	for _, p := range parts[:3] {
		if strings.Trim(p, "0123456789") != "" {
			return routeNone, 0, ""
		}
	}
	return routeArticle, 0, parts[3]
}

// baseOf returns scheme://host of the request.
func baseOf(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	host := r.Host
	if host == "" {
		host = "localhost"
	}
	return scheme + "://" + host
}

// Slugify turns s into a WordPress-style slug: lower-case ASCII letters and
// digits separated by single hyphens, common accented letters transliterated
// and other characters dropped.
func Slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if t, ok := translit[r]; ok {
			b.WriteString(t)
			dash = false
			continue
		}
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case r == '\'' || r == '’' || r == '‘':
			// apostrophes vanish: "taliban’s" -> "talibans"
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	return strings.TrimRight(b.String(), "-")
}

var translit = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'æ': "ae", 'ç': "c", 'č': "c", 'ć': "c",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ě': "e", 'ę': "e", 'ì': "i", 'í': "i", 'î': "i", 'ï': "i",
	'ı': "i", 'ñ': "n", 'ń': "n", 'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'ō': "o",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ū': "u", 'ý': "y", 'ÿ': "y", 'ş': "s", 'š': "s", 'ś': "s",
	'ğ': "g", 'ž': "z", 'ź': "z", 'ż': "z", 'ł': "l", 'ř': "r", 'ß': "ss", 'đ': "d",
}
