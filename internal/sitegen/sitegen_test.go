package sitegen

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/tagsnap/tagsnap/extract"
)

var (
	testNewest = time.Date(2026, 2, 20, 12, 0, 0, 0, time.UTC)
	testNow    = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	themes     = []Theme{Classic, Block, Magazine}
)

func serve(t testing.TB, s *Site) string {
	t.Helper()
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return srv.URL
}

type response struct {
	status int
	header http.Header
	body   []byte
}

func get(t testing.TB, u string, hdr ...string) response {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultTransport.RoundTrip(req) // no redirects followed
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{resp.StatusCode, resp.Header, body}
}

// mismatch is one difference between what the extractor found and the
// truth.
type mismatch struct {
	page         int
	field        string
	got, want    string
	itemPosition int
}

func (m mismatch) String() string {
	return fmt.Sprintf("page %d item %d %s: got %q, want %q", m.page, m.itemPosition, m.field, m.got, m.want)
}

// crawl fetches every listing page of s, extracts it and compares the
// result with the truth. Author differences are returned as notes (the
// brief does not require authors); everything else is an error.
func crawl(t *testing.T, s *Site, base string) (errs, notes []mismatch, sizes []int) {
	t.Helper()
	truth := s.Items()
	per := s.Options().PerPage
	next := s.ListingURL(base)
	for n := 1; n <= s.Pages(); n++ {
		u := s.PageURL(base, n)
		if next != u {
			errs = append(errs, mismatch{page: n - 1, field: "NextPage", got: next, want: u})
		}
		r := get(t, u)
		if r.status != http.StatusOK {
			t.Fatalf("GET %s: status %d", u, r.status)
		}
		if ct := r.header.Get("Content-Type"); ct != "text/html; charset=UTF-8" {
			t.Errorf("GET %s: Content-Type %q", u, ct)
		}
		sizes = append(sizes, len(r.body))
		res, err := extract.Extract(r.body, extract.Options{URL: u, ContentType: r.header.Get("Content-Type"), Now: testNow})
		if err != nil {
			t.Fatal(err)
		}
		want := truth[(n-1)*per : min(n*per, len(truth))]
		if len(res.Items) != len(want) {
			errs = append(errs, mismatch{page: n, field: "len(Items)", got: fmt.Sprint(len(res.Items)), want: fmt.Sprint(len(want))})
			t.Logf("page %d diagnostics: region %s, reason %s, lists %+v", n, res.Diagnostics.Region, res.Diagnostics.Reason, res.Diagnostics.Lists)
		}
		for k := range min(len(res.Items), len(want)) {
			got, w := res.Items[k], want[k]
			add := func(field, g, wv string) {
				if g != wv {
					errs = append(errs, mismatch{page: n, itemPosition: k + 1, field: field, got: g, want: wv})
				}
			}
			add("Title", got.Title, w.Title)
			add("URL", got.URL, s.ItemURL(base, w))
			add("Summary", got.Summary, w.Summary)
			if s.Options().Theme == Magazine {
				add("Published", got.Published.String(), w.Published.Format(time.DateOnly))
			} else {
				add("Published", got.Published.String(), w.Published.Format(time.RFC3339))
			}
			if got.Author != w.Author {
				notes = append(notes, mismatch{page: n, itemPosition: k + 1, field: "Author", got: got.Author, want: w.Author})
			}
		}
		next = res.NextPage
	}
	if next != "" {
		errs = append(errs, mismatch{page: s.Pages(), field: "NextPage", got: next, want: ""})
	}
	return errs, notes, sizes
}

func TestExtractAllThemes(t *testing.T) {
	for _, theme := range themes {
		for _, pad := range []int{0, 100_000} {
			t.Run(fmt.Sprintf("%s/pad%d", theme, pad), func(t *testing.T) {
				s := New(Generate(35, 1, testNewest), Options{Theme: theme, PadBytes: pad, SiteName: "Long War Analysis", Tag: "ISKP"})
				if s.Pages() != 4 {
					t.Fatalf("Pages() = %d, want 4", s.Pages())
				}
				base := serve(t, s)
				errs, notes, sizes := crawl(t, s, base)
				for _, m := range errs {
					t.Error(m)
				}
				for _, m := range notes {
					t.Log("note:", m)
				}
				t.Logf("page sizes: %v", sizes)
				for n, size := range sizes {
					switch {
					case pad == 0 && (size < 15_000 || size > 40_000):
						t.Errorf("page %d: %d bytes, want a natural 15-40 KB", n+1, size)
					case pad == 100_000 && (size < 90_000 || size > 130_000):
						t.Errorf("page %d: %d bytes, want 90-130 KB", n+1, size)
					}
				}
			})
		}
	}
}

func TestRoutes(t *testing.T) {
	for _, theme := range themes {
		t.Run(theme.String(), func(t *testing.T) {
			s := New(Generate(25, 2, testNewest), Options{Theme: theme, Tag: "ISKP"})
			base := serve(t, s)
			if got, want := s.ListingURL(base), base+"/tag/iskp/"; got != want {
				t.Errorf("ListingURL = %q, want %q", got, want)
			}
			if s.Pages() != 3 {
				t.Fatalf("Pages() = %d, want 3", s.Pages())
			}
			r := get(t, base+"/robots.txt")
			if r.status != 200 || string(r.body) != "User-agent: *\nDisallow: /wp-admin/\n" {
				t.Errorf("robots.txt: %d %q", r.status, r.body)
			}
			it := s.Items()[12]
			r = get(t, s.ItemURL(base, it))
			if r.status != 200 || !strings.Contains(string(r.body), escapeText(it.Title)) {
				t.Errorf("article %s: status %d, title present %v", s.ItemURL(base, it), r.status, strings.Contains(string(r.body), escapeText(it.Title)))
			}
			r = get(t, base+"/tag/iskp/page/4/")
			if r.status != 404 || !strings.Contains(strings.ToLower(string(r.body)), "nothing found") {
				t.Errorf("page past the end: status %d, want 404 with Nothing Found", r.status)
			} else {
				res, err := extract.Extract(r.body, extract.Options{URL: base + "/tag/iskp/page/4/", Now: testNow})
				if err != nil {
					t.Fatal(err)
				}
				if len(res.Items) != 0 {
					t.Logf("note: extractor found %d items on the Nothing Found page (region %s), first %q", len(res.Items), res.Diagnostics.Region, res.Items[0].Title)
				}
			}
			for _, p := range []string{"/", "/tag/other/", "/tag/iskp/page/x/", "/tag/iskp/page/0/", "/2026/02/20/no-such-post/", "/wp-admin/"} {
				if r := get(t, base+p); r.status != 404 {
					t.Errorf("GET %s: status %d, want 404", p, r.status)
				}
			}
			// A real article path with the wrong date is not the article.
			if r := get(t, base+"/1999/01/01/"+it.Slug+"/"); r.status != 404 {
				t.Errorf("article under a wrong date: status %d, want 404", r.status)
			}
			for p, loc := range map[string]string{"/tag/iskp": "/tag/iskp/", "/tag/iskp/page/1/": "/tag/iskp/", "/tag/iskp/page/2": "/tag/iskp/page/2/"} {
				if r := get(t, base+p); r.status != http.StatusMovedPermanently || r.header.Get("Location") != loc {
					t.Errorf("GET %s: %d Location %q, want 301 to %s", p, r.status, r.header.Get("Location"), loc)
				}
			}
			req, _ := http.NewRequest(http.MethodPost, s.ListingURL(base), nil)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusMethodNotAllowed {
				t.Errorf("POST: status %d", resp.StatusCode)
			}
		})
	}
}

func escapeText(s string) string {
	var b buf
	b.e(s)
	return b.String()
}

func TestMutations(t *testing.T) {
	for _, theme := range themes {
		t.Run(theme.String(), func(t *testing.T) {
			items := Generate(30, 3, testNewest)
			s := New(items, Options{Theme: theme, PerPage: 10})
			base := serve(t, s)
			before := s.Requests()

			// Add: the new item tops page 1 and the last of page 1 moves to page 2.
			added := Item{Slug: "breaking-new-analysis", Title: "Breaking: a new analysis of ISKP’s finances", Summary: "A short, fresh summary of what changed this week & why it matters.",
				Published: testNewest.Add(3 * time.Hour), Author: "Lucas Møller"}
			s.Add(added)
			if got := s.Items(); len(got) != 31 || got[0].Slug != added.Slug || got[10].Slug != items[9].Slug {
				t.Fatalf("after Add: %d items, first %q", len(got), got[0].Slug)
			}
			if s.Pages() != 4 {
				t.Errorf("after Add: %d pages, want 4", s.Pages())
			}
			// Edit: a headline on page 2.
			if !s.Edit(items[14].Slug, func(it *Item) { it.Title = "Rewritten: " + it.Title }) {
				t.Fatal("Edit of an existing slug reported false")
			}
			if s.Edit("no-such-slug", func(*Item) {}) {
				t.Error("Edit of a missing slug reported true")
			}
			if s.Edit(items[1].Slug, func(it *Item) { it.Slug = items[2].Slug }) {
				t.Error("Edit to a duplicate slug reported true")
			}
			// Delete: an item on page 3.
			if !s.Delete(items[25].Slug) {
				t.Fatal("Delete of an existing slug reported false")
			}
			if s.Delete(items[25].Slug) {
				t.Error("second Delete reported true")
			}
			if s.Pages() != 3 {
				t.Errorf("after Add+Delete: %d pages, want 3", s.Pages())
			}
			if r := get(t, s.ItemURL(base, items[25])); r.status != 404 {
				t.Errorf("deleted article: status %d", r.status)
			}
			errs, _, _ := crawl(t, s, base)
			for _, m := range errs {
				t.Error(m)
			}
			res := extractPage(t, s, base, 2)
			found := false
			for _, it := range res.Items {
				if it.Title == "Rewritten: "+items[14].Title {
					found = true
				}
			}
			if !found {
				t.Error("edited headline not extracted from page 2")
			}
			if got := s.Requests() - before; got != 4 { // crawl: 3 pages; extractPage: 1
				t.Errorf("Requests grew by %d, want 4", got)
			}

			// Fail: page 2 answers 503 until cleared.
			s.Fail(2, http.StatusServiceUnavailable)
			if r := get(t, s.PageURL(base, 2)); r.status != http.StatusServiceUnavailable || r.header.Get("Retry-After") == "" {
				t.Errorf("failed page: status %d, Retry-After %q", r.status, r.header.Get("Retry-After"))
			}
			if r := get(t, s.PageURL(base, 1)); r.status != 200 {
				t.Errorf("other page while page 2 fails: status %d", r.status)
			}
			s.Fail(2, 0)
			if r := get(t, s.PageURL(base, 2)); r.status != 200 {
				t.Errorf("page 2 after Fail(2, 0): status %d", r.status)
			}
		})
	}
}

func extractPage(t *testing.T, s *Site, base string, n int) *extract.Result {
	t.Helper()
	u := s.PageURL(base, n)
	r := get(t, u)
	if r.status != 200 {
		t.Fatalf("GET %s: %d", u, r.status)
	}
	res, err := extract.Extract(r.body, extract.Options{URL: u, ContentType: r.header.Get("Content-Type"), Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestValidators(t *testing.T) {
	s := New(Generate(30, 4, testNewest), Options{Theme: Classic, Validators: true})
	base := serve(t, s)
	u := s.PageURL(base, 2)
	r := get(t, u)
	etag, lm := r.header.Get("ETag"), r.header.Get("Last-Modified")
	if r.status != 200 || !strings.HasPrefix(etag, `"`) || lm == "" {
		t.Fatalf("first GET: status %d, ETag %q, Last-Modified %q", r.status, etag, lm)
	}
	if r := get(t, u, "If-None-Match", etag); r.status != http.StatusNotModified || len(r.body) != 0 || r.header.Get("ETag") != etag {
		t.Errorf("If-None-Match: status %d, %d body bytes, ETag %q", r.status, len(r.body), r.header.Get("ETag"))
	}
	if r := get(t, u, "If-None-Match", `"other", W/`+etag); r.status != http.StatusNotModified {
		t.Errorf("If-None-Match list with weak tag: status %d", r.status)
	}
	if r := get(t, u, "If-None-Match", `"other"`); r.status != 200 {
		t.Errorf("If-None-Match mismatch: status %d", r.status)
	}
	if r := get(t, u, "If-Modified-Since", lm); r.status != http.StatusNotModified {
		t.Errorf("If-Modified-Since: status %d", r.status)
	}
	// An edit to an item on page 3 leaves page 2 as it was...
	items := s.Items()
	s.Edit(items[25].Slug, func(it *Item) { it.Summary += " Updated." })
	if r := get(t, u, "If-None-Match", etag); r.status != http.StatusNotModified {
		t.Errorf("page 2 after an edit on page 3: status %d, want 304", r.status)
	}
	// ...an edit on page 2 changes it.
	s.Edit(items[12].Slug, func(it *Item) { it.Title += " (updated)" })
	r = get(t, u, "If-None-Match", etag, "If-Modified-Since", lm)
	if r.status != 200 || r.header.Get("ETag") == etag {
		t.Errorf("page 2 after an edit on it: status %d, ETag %q (old %q)", r.status, r.header.Get("ETag"), etag)
	}
	if r2 := get(t, u, "If-Modified-Since", lm); r2.status != 200 {
		t.Errorf("If-Modified-Since with the old date after a change: status %d", r2.status)
	}
	if r2 := get(t, u, "If-Modified-Since", r.header.Get("Last-Modified")); r2.status != http.StatusNotModified {
		t.Errorf("If-Modified-Since with the new date: status %d", r2.status)
	}
	if r := get(t, s.ItemURL(base, items[0])); r.header.Get("ETag") == "" {
		t.Error("article page without ETag")
	}
	// Without Validators: no ETag, no 304.
	plain := New(Generate(5, 4, testNewest), Options{})
	pb := serve(t, plain)
	r = get(t, plain.ListingURL(pb))
	if r.header.Get("ETag") != "" || r.header.Get("Last-Modified") != "" {
		t.Errorf("validators sent without Options.Validators")
	}
	if r := get(t, plain.ListingURL(pb), "If-None-Match", "*"); r.status != 200 {
		t.Errorf("304 without Options.Validators: %d", r.status)
	}
}

func TestConcurrency(t *testing.T) {
	s := New(Generate(60, 5, testNewest), Options{Theme: Magazine, Validators: true, PadBytes: 20_000})
	base := serve(t, s)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range 25 {
				resp, err := http.Get(s.PageURL(base, 1+(g+k)%4))
				if err != nil {
					t.Error(err)
					return
				}
				body, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				if err != nil {
					t.Error(err)
					return
				}
				switch {
				case resp.StatusCode == 200 && !strings.HasSuffix(string(body), "</html>\n"):
					t.Errorf("truncated page (%d bytes)", len(body))
				case resp.StatusCode != 200 && resp.StatusCode != 500 && resp.StatusCode != 404:
					t.Errorf("status %d", resp.StatusCode)
				}
				_ = s.Items()
				_ = s.Pages()
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for k := range 40 {
			slug := fmt.Sprintf("concurrent-%d", k)
			s.Add(Item{Slug: slug, Title: "Concurrent item " + slug, Summary: "A summary written while readers read the site.", Published: testNewest.Add(time.Duration(k+1) * time.Hour), Author: "Nadia Karimova"})
			s.Edit(slug, func(it *Item) { it.Title += " (edited)" })
			if k%3 == 0 {
				s.Delete(slug)
			}
			s.Fail(2, 500*(k%2))
			time.Sleep(time.Millisecond)
		}
	}()
	wg.Wait()
	if n := len(s.Items()); n != 60+40-14 {
		t.Errorf("%d items after the run", n)
	}
	if got := s.Requests(); got != 100 {
		t.Errorf("Requests() = %d, want 100", got)
	}
}

func TestGenerate(t *testing.T) {
	a := Generate(2000, 7, testNewest)
	b := Generate(2000, 7, testNewest)
	if len(a) != 2000 {
		t.Fatalf("%d items", len(a))
	}
	slugs := map[string]bool{}
	authors := map[string]bool{}
	var nonASCII, amp, lt, cyr int
	for i, it := range a {
		if it != b[i] {
			t.Fatalf("item %d differs between runs with one seed", i)
		}
		if slugs[it.Slug] || it.Slug == "" || Slugify(it.Slug) != it.Slug {
			t.Errorf("bad or duplicate slug %q", it.Slug)
		}
		slugs[it.Slug] = true
		authors[it.Author] = true
		if n := utf8.RuneCountInString(it.Summary); n < 60 || n > 300 {
			t.Errorf("summary of %d characters: %q", n, it.Summary)
		}
		if it.Title == "" || strings.Contains(it.Title, "{") || strings.Contains(it.Summary, "{") || strings.Contains(it.Title, "  ") {
			t.Errorf("bad text: %q / %q", it.Title, it.Summary)
		}
		if i == 0 && !it.Published.Equal(testNewest) {
			t.Errorf("newest is %v", it.Published)
		}
		if i > 0 {
			gap := a[i-1].Published.Sub(it.Published)
			if gap < 4*time.Hour || gap > 8*time.Hour {
				t.Errorf("gap %v between items %d and %d", gap, i-1, i)
			}
		}
		all := it.Title + it.Summary
		if strings.ContainsFunc(all, func(r rune) bool { return r > 127 }) {
			nonASCII++
		}
		if strings.ContainsRune(all, '&') {
			amp++
		}
		if strings.ContainsRune(all, '<') {
			lt++
		}
		if strings.ContainsFunc(all, func(r rune) bool { return r >= 0x400 && r <= 0x4ff }) {
			cyr++
		}
	}
	if len(authors) < 4 || nonASCII == 0 || amp == 0 || lt == 0 || cyr == 0 {
		t.Errorf("too little variety: %d authors, %d non-ASCII, %d &, %d <, %d Cyrillic", len(authors), nonASCII, amp, lt, cyr)
	}
	if c := Generate(3, 8, testNewest); c[0] == a[0] {
		t.Error("another seed gave the same first item")
	}
	for _, it := range a[:5] {
		t.Logf("%s | %s | %s | %s", it.Published.Format(time.RFC3339), it.Author, it.Title, it.Summary)
	}
}

func TestSlugify(t *testing.T) {
	for in, want := range map[string]string{
		"ISKP": "iskp",
		"Taliban’s “new” war — in Zürich": "talibans-new-war-in-zurich",
		"Q&A: Sofía on <drones>":          "q-a-sofia-on-drones",
		"«Голос Хорасана»: inside":        "inside",
	} {
		if got := Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

func BenchmarkRender(b *testing.B) {
	for _, tc := range []struct {
		theme Theme
		pad   int
	}{{Classic, 0}, {Block, 0}, {Magazine, 0}, {Classic, 100_000}} {
		b.Run(fmt.Sprintf("%s/pad%d", tc.theme, tc.pad), func(b *testing.B) {
			s := New(Generate(10_000, 1, testNewest), Options{Theme: tc.theme, PadBytes: tc.pad})
			b.ReportAllocs()
			var n int
			for b.Loop() {
				s.mu.RLock()
				_, body := s.renderListing("http://127.0.0.1:8080", 250)
				s.mu.RUnlock()
				n = len(body)
			}
			b.SetBytes(int64(n))
		})
	}
}

// client returns a client with its own pool of kept-alive connections.
func client(t *testing.T) *http.Client {
	t.Helper()
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// fetch GETs u and returns the answer, or the error of the request or of
// reading the body (with what was read).
func fetch(c *http.Client, u string, hdr ...string) (response, error) {
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		return response{}, err
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := c.Do(req)
	if err != nil {
		return response{}, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	r := response{resp.StatusCode, resp.Header, body}
	if err == nil && resp.ContentLength >= 0 && int64(len(body)) != resp.ContentLength {
		err = fmt.Errorf("%d body bytes, Content-Length %d", len(body), resp.ContentLength)
	}
	return r, err
}

func TestFlakyModes(t *testing.T) {
	s := New(Generate(60, 6, testNewest), Options{Theme: Classic, Validators: true})
	base := serve(t, s)
	c := client(t)
	// The full pages, before anything fails.
	full := map[int][]byte{}
	for n := 1; n <= 6; n++ {
		r, err := fetch(c, s.PageURL(base, n))
		if err != nil || r.status != 200 {
			t.Fatalf("page %d: %d %v", n, r.status, err)
		}
		full[n] = r.body
	}
	s.SetFlaky(1, 0)
	s.ResetStats()
	want := map[int]string{1: Flaky429, 2: FlakyReset, 3: FlakyTruncated, 4: Flaky500, 5: Flaky503, 6: Flaky429}
	for n, mode := range want {
		if got, pending := s.FlakyMode(n); got != mode || !pending {
			t.Errorf("FlakyMode(%d) = %q, %v; want %q, true", n, got, pending, mode)
		}
	}
	// Each failure on a kept-alive connection: warm it with an article.
	article := s.ItemURL(base, s.Items()[0])
	for n := 1; n <= 5; n++ {
		if r, err := fetch(c, article); err != nil || r.status != 200 {
			t.Fatalf("article: %d %v", r.status, err)
		}
		u := s.PageURL(base, n)
		start := time.Now()
		r, err := fetch(c, u)
		switch want[n] {
		case Flaky503:
			if err != nil || r.status != 503 || r.header.Get("Retry-After") != "1" {
				t.Errorf("503 mode: %d Retry-After %q, %v", r.status, r.header.Get("Retry-After"), err)
			}
		case Flaky429:
			at, perr := http.ParseTime(r.header.Get("Retry-After"))
			if wait := at.Sub(start); err != nil || r.status != 429 || perr != nil || wait < 500*time.Millisecond || wait > 3*time.Second {
				t.Errorf("429 mode: %d Retry-After %q (%v ahead), %v", r.status, r.header.Get("Retry-After"), at.Sub(start), err)
			}
		case FlakyReset:
			if err == nil || r.status != 0 {
				t.Errorf("reset mode: status %d, error %v; want a transport error", r.status, err)
			} else {
				t.Logf("reset mode: %v", err)
			}
		case FlakyTruncated:
			if !errors.Is(err, io.ErrUnexpectedEOF) || r.status != 200 || r.header.Get("Content-Length") != fmt.Sprint(len(full[n])) ||
				len(r.body) != len(full[n])/2 || string(r.body) != string(full[n][:len(full[n])/2]) || r.header.Get("ETag") == "" {
				t.Errorf("truncated mode: %d, Content-Length %s, %d of %d bytes, ETag %q, error %v", r.status, r.header.Get("Content-Length"), len(r.body), len(full[n]), r.header.Get("ETag"), err)
			}
		case Flaky500:
			if err != nil || r.status != 500 {
				t.Errorf("500 mode: %d, %v", r.status, err)
			}
		}
		if _, pending := s.FlakyMode(n); pending {
			t.Errorf("page %d still pending after its failure", n)
		}
		// The second request succeeds with the full page, twice.
		for range 2 {
			if r, err := fetch(c, u); err != nil || r.status != 200 || string(r.body) != string(full[n]) {
				t.Errorf("%s mode, retry: %d, %d bytes (want %d), %v", want[n], r.status, len(r.body), len(full[n]), err)
			}
		}
	}
	if got, want := s.FlakyStats(), map[string]int{Flaky503: 1, Flaky429: 1, FlakyReset: 1, FlakyTruncated: 1, Flaky500: 1}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("FlakyStats = %v, want %v", got, want)
	}
	st := s.Stats()
	if st.Requests != 5*4 || st.Listing != 5*3 || st.ByStatus[0] != 1 || st.ByStatus[429] != 1 || st.ByStatus[500] != 1 || st.ByStatus[503] != 1 || st.ByStatus[200] != 5+1+10 {
		t.Errorf("Stats = %+v", st)
	}
	// SetFlaky(0, 0) turns failures off: page 6 (429) is answered.
	s.SetFlaky(0, 0)
	if r, err := fetch(c, s.PageURL(base, 6)); err != nil || r.status != 200 {
		t.Errorf("after SetFlaky(0, 0): %d %v", r.status, err)
	}
	if m, _ := s.FlakyMode(6); m != "" {
		t.Errorf("FlakyMode after SetFlaky(0, 0) = %q", m)
	}
	// SetFlaky re-arms: the same pages fail again.
	s.SetFlaky(1, 0)
	if r, err := fetch(c, s.PageURL(base, 4)); err != nil || r.status != 500 {
		t.Errorf("re-armed page 4: %d %v", r.status, err)
	}
}

// TestFlakyReset checks on a raw connection that the reset mode is a TCP
// reset after the start of a status line.
func TestFlakyReset(t *testing.T) {
	s := New(Generate(30, 6, testNewest), Options{})
	base := serve(t, s)
	s.SetFlaky(1, 0)
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET /tag/iskp/page/2/ HTTP/1.1\r\nHost: %s\r\n\r\n", strings.TrimPrefix(base, "http://"))
	got, err := io.ReadAll(conn)
	if string(got) != "HTTP/1.1 " || !errors.Is(err, syscall.ECONNRESET) {
		t.Errorf("read %q, error %v; want %q and a connection reset", got, err, "HTTP/1.1 ")
	}
}

func TestFlakyRate(t *testing.T) {
	s := New(Generate(500, 7, testNewest), Options{Theme: Block, PerPage: 1})
	base := serve(t, s)
	c := client(t)
	s.SetFlaky(0.1, 42)
	planned := map[string]int{}
	for n := 1; n <= 500; n++ {
		if m, _ := s.FlakyMode(n); m != "" {
			planned[m]++
		}
	}
	failed := 0
	for n := 1; n <= 500; n++ {
		if r, err := fetch(c, s.PageURL(base, n)); err != nil || r.status != 200 {
			failed++
		}
	}
	if failed < 35 || failed > 65 {
		t.Errorf("%d of 500 pages failed at rate 0.1", failed)
	}
	fs := s.FlakyStats()
	total := 0
	for _, m := range []string{Flaky503, Flaky429, FlakyReset, FlakyTruncated, Flaky500} {
		total += fs[m]
		if fs[m] == 0 || fs[m] != planned[m] {
			t.Errorf("mode %s: %d served, %d planned", m, fs[m], planned[m])
		}
	}
	if total != failed {
		t.Errorf("FlakyStats total %d, client saw %d failures", total, failed)
	}
	t.Logf("rate 0.1, seed 42: %d failures %v", failed, fs)
	for n := 1; n <= 500; n++ {
		if r, err := fetch(c, s.PageURL(base, n)); err != nil || r.status != 200 {
			t.Fatalf("second pass, page %d: %d %v", n, r.status, err)
		}
	}
	// Over many seeds the rate is right on average, and a seed is its own.
	sum, same := 0, 0
	f42 := flakyState{rate: 0.1, seed: 42}
	for seed := int64(1); seed <= 20; seed++ {
		f := flakyState{rate: 0.1, seed: seed}
		for n := 1; n <= 500; n++ {
			p := s.listingPath(n)
			if f.plan(p, n) != "" {
				sum++
				if f42.plan(p, n) != "" {
					same++
				}
			}
		}
	}
	if sum < 20*45 || sum > 20*55 {
		t.Errorf("%d failures over 20 seeds × 500 pages, want about 1000", sum)
	}
	if same > 20*15 {
		t.Errorf("seeds agree on %d failing pages, want about 100", same)
	}
}

func TestStats(t *testing.T) {
	s := New(Generate(40, 8, testNewest), Options{Theme: Magazine, Validators: true})
	base := serve(t, s)
	c := client(t)
	var bytes int64
	var etags []string
	for n := 1; n <= 3; n++ {
		r, err := fetch(c, s.PageURL(base, n))
		if err != nil || r.status != 200 {
			t.Fatal(r.status, err)
		}
		bytes += int64(len(r.body))
		etags = append(etags, r.header.Get("ETag"))
	}
	for n := 1; n <= 3; n++ {
		if r, err := fetch(c, s.PageURL(base, n), "If-None-Match", etags[n-1]); err != nil || r.status != 304 {
			t.Fatal(r.status, err)
		}
	}
	r, _ := fetch(c, base+"/robots.txt")
	bytes += int64(len(r.body))
	r, _ = fetch(c, base+"/tag/iskp/page/9/") // past the end: 404, a listing request
	bytes += int64(len(r.body))
	r, _ = fetch(c, base+"/tag/iskp/page/1/") // 301, a listing request
	bytes += int64(len(r.body))
	r, _ = fetch(c, base+"/wp-admin/") // 404, disallowed by the default robots.txt
	bytes += int64(len(r.body))
	st := s.Stats()
	want := Stats{Requests: 10, Listing: 8, NotModified: 3, RobotsTxt: 1, MaxInFlight: 1, Disallowed: 1, BytesSent: bytes,
		ByStatus: map[int]int64{200: 4, 304: 3, 404: 2, 301: 1}}
	if fmt.Sprint(st) != fmt.Sprint(want) {
		t.Errorf("Stats =\n%+v, want\n%+v", st, want)
	}
	if s.Requests() != 8 {
		t.Errorf("Requests() = %d, want 8", s.Requests())
	}
	// ResetStats zeroes the counts but leaves Requests and flaky pages.
	s.SetFlaky(1, 0)
	if r, _ := fetch(c, s.PageURL(base, 4)); r.status != 500 {
		t.Fatalf("flaky page 4: %d", r.status)
	}
	s.ResetStats()
	if st := s.Stats(); fmt.Sprint(st) != fmt.Sprint(Stats{ByStatus: map[int]int64{}}) {
		t.Errorf("after ResetStats: %+v", st)
	}
	if fs := s.FlakyStats(); fs[Flaky500] != 0 {
		t.Errorf("FlakyStats after ResetStats: %v", fs)
	}
	if s.Requests() != 9 {
		t.Errorf("Requests() after ResetStats = %d, want 9", s.Requests())
	}
	if r, _ := fetch(c, s.PageURL(base, 4)); r.status != 200 {
		t.Errorf("page 4 failed again after ResetStats: %d", r.status)
	}
	if st := s.Stats(); st.Requests != 1 || st.Listing != 1 || st.ByStatus[200] != 1 || st.MaxInFlight != 1 {
		t.Errorf("after ResetStats and one request: %+v", st)
	}
}

func TestMaxInFlight(t *testing.T) {
	s := New(Generate(40, 9, testNewest), Options{Theme: Classic})
	base := serve(t, s)
	const latency = 150 * time.Millisecond
	s.SetLatency(latency)
	c := client(t)
	// One client after the other: one at a time, each waiting the latency.
	start := time.Now()
	for n := 1; n <= 2; n++ {
		if r, err := fetch(c, s.PageURL(base, n)); err != nil || r.status != 200 {
			t.Fatal(r.status, err)
		}
	}
	if el := time.Since(start); el < 2*latency {
		t.Errorf("two sequential requests took %v, want at least %v", el, 2*latency)
	}
	if st := s.Stats(); st.MaxInFlight != 1 {
		t.Errorf("sequential: MaxInFlight = %d", st.MaxInFlight)
	}
	// Four slow clients at once.
	s.ResetStats()
	var wg sync.WaitGroup
	gate := make(chan struct{})
	for g := range 4 {
		wg.Go(func() {
			<-gate
			for k := range 2 {
				if r, err := fetch(c, s.PageURL(base, 1+(g+k)%4)); err != nil || r.status != 200 {
					t.Error(r.status, err)
				}
			}
		})
	}
	close(gate)
	wg.Wait()
	if st := s.Stats(); st.MaxInFlight != 4 || st.Listing != 8 {
		t.Errorf("4 concurrent clients: MaxInFlight %d, Listing %d", st.MaxInFlight, st.Listing)
	}
	// Articles are not slowed down.
	s.ResetStats()
	start = time.Now()
	fetch(c, s.ItemURL(base, s.Items()[0]))
	if el := time.Since(start); el >= latency {
		t.Errorf("an article took %v", el)
	}
	s.SetLatency(0)
	start = time.Now()
	fetch(c, s.ListingURL(base))
	if el := time.Since(start); el >= latency {
		t.Errorf("a listing page after SetLatency(0) took %v", el)
	}
}

func TestRobots(t *testing.T) {
	s := New(Generate(30, 10, testNewest), Options{})
	base := serve(t, s)
	c := client(t)
	body := "# test\nUser-agent: Googlebot\nDisallow: /\n\nUser-agent: other\nUser-agent: *\nDisallow: /tag/\nAllow: /tag/iskp/page/2/\nDisallow: /*?replytocom=\nSitemap: /sitemap.xml\n"
	s.SetRobots(body, 0)
	if r, err := fetch(c, base+"/robots.txt"); err != nil || r.status != 200 || string(r.body) != body {
		t.Fatalf("robots.txt: %d %q %v", r.status, r.body, err)
	}
	for _, u := range []string{s.PageURL(base, 1), s.PageURL(base, 2), s.PageURL(base, 3), s.ItemURL(base, s.Items()[0]), s.ItemURL(base, s.Items()[0]) + "?replytocom=5", base + "/wp-admin/"} {
		fetch(c, u)
	}
	if st := s.Stats(); st.Disallowed != 3 || st.RobotsTxt != 1 { // pages 1 and 3, ?replytocom
		t.Errorf("Disallowed %d, RobotsTxt %d; want 3, 1", st.Disallowed, st.RobotsTxt)
	}
	// A 5xx robots.txt disallows everything, a 404 nothing.
	s.SetRobots("oops", 503)
	s.ResetStats()
	if r, _ := fetch(c, base+"/robots.txt"); r.status != 503 || string(r.body) != "oops" {
		t.Errorf("robots.txt: %d %q", r.status, r.body)
	}
	fetch(c, s.ListingURL(base))
	fetch(c, s.ItemURL(base, s.Items()[1]))
	if st := s.Stats(); st.Disallowed != 2 {
		t.Errorf("503 robots.txt: Disallowed %d, want 2", st.Disallowed)
	}
	s.SetRobots("User-agent: *\nDisallow: /\n", 404)
	s.ResetStats()
	fetch(c, s.ListingURL(base))
	if st := s.Stats(); st.Disallowed != 0 || st.ByStatus[200] != 1 {
		t.Errorf("404 robots.txt: %+v", st)
	}
	s.SetRobots("", 0)
	if r, _ := fetch(c, base+"/robots.txt"); r.status != 200 || string(r.body) != "User-agent: *\nDisallow: /wp-admin/\n" {
		t.Errorf("default robots.txt: %d %q", r.status, r.body)
	}

	for _, tc := range []struct {
		rules string
		uri   string
		dis   bool
	}{
		{"Disallow: /tag/", "/tag/x/", true},
		{"Disallow: /tag/", "/tags/", false},
		{"Disallow:", "/tag/", false},
		{"Disallow: /tag/\nAllow: /tag/x/", "/tag/x/page/2/", false},
		{"Allow: /tag/\nDisallow: /tag/x/", "/tag/x/", true},
		{"Allow: /tag/\nDisallow: /tag/", "/tag/", false}, // a tie goes to Allow
		{"Disallow: /*.php$", "/index.php", true},
		{"Disallow: /*.php$", "/index.php?x=1", false},
		{"Disallow: /*.php", "/index.php?x=1", true},
		{"Disallow: /a*b*c", "/axxbyyc/", true},
		{"Disallow: /a*b*c", "/axxcyyb/", false},
		{"Disallow: /$", "/", true},
		{"Disallow: /$", "/tag/", false},
		{"disallow : /tag/ # comment", "/tag/", true},
	} {
		rb := newRobots("User-agent: *\n"+tc.rules+"\n", 200)
		if got := rb.disallows(tc.uri); got != tc.dis {
			t.Errorf("%q disallows %s = %v, want %v", tc.rules, tc.uri, got, tc.dis)
		}
	}
	if newRobots("User-agent: bot\nDisallow: /\n", 200).disallows("/tag/") {
		t.Error("another agent's group applied to *")
	}
}
