package sitegen

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
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
