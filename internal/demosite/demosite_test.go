package demosite

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/tagsnap/tagsnap/extract"
	"github.com/tagsnap/tagsnap/internal/sitegen"
)

var now = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)

// crawlAll fetches and extracts every listing page, checks each item against
// the site's truth and returns the extracted pages.
func crawlAll(t *testing.T, s *sitegen.Site, base string) [][]extract.Item {
	t.Helper()
	truth := s.Items()
	var pages [][]extract.Item
	u := s.ListingURL(base)
	for n := 1; u != ""; n++ {
		if n > 10 {
			t.Fatal("NextPage does not end")
		}
		if want := s.PageURL(base, n); u != want {
			t.Fatalf("page %d: NextPage led to %s, want %s", n, u, want)
		}
		resp, err := http.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("GET %s: %d %v", u, resp.StatusCode, err)
		}
		res, err := extract.Extract(body, extract.Options{URL: u, ContentType: resp.Header.Get("Content-Type"), Now: now})
		if err != nil {
			t.Fatal(err)
		}
		want := truth[(n-1)*8 : min(n*8, len(truth))]
		if len(res.Items) != len(want) {
			t.Fatalf("page %d: %d items, want %d", n, len(res.Items), len(want))
		}
		for k, got := range res.Items {
			w := want[k]
			if got.Title != w.Title || got.URL != s.ItemURL(base, w) || got.Summary != w.Summary ||
				!got.Published.Time.Equal(w.Published) || !got.Published.HasTime || got.Author != w.Author {
				t.Errorf("page %d item %d:\n got %q %s %q %s %q\nwant %q %s %q %s %q", n, k+1,
					got.Title, got.URL, got.Summary, got.Published, got.Author,
					w.Title, s.ItemURL(base, w), w.Summary, w.Published.Format(time.RFC3339), w.Author)
			}
		}
		pages = append(pages, res.Items)
		u = res.NextPage
	}
	if len(pages) != s.Pages() {
		t.Errorf("crawled %d pages, site has %d", len(pages), s.Pages())
	}
	return pages
}

func TestItems(t *testing.T) {
	items := Items()
	if len(items) != 22 {
		t.Errorf("%d items, want 22", len(items))
	}
	slugs := map[string]bool{}
	authors := map[string]bool{}
	for i, it := range items {
		if slugs[it.Slug] {
			t.Errorf("duplicate slug %s", it.Slug)
		}
		slugs[it.Slug] = true
		authors[it.Author] = true
		if i > 0 && !it.Published.Before(items[i-1].Published) {
			t.Errorf("%s is not older than the post before it", it.Slug)
		}
		if y := it.Published.Year(); y < 2025 || y > 2026 {
			t.Errorf("%s: year %d", it.Slug, y)
		}
		if n := utf8.RuneCountInString(it.Summary); n < 100 || n > 320 {
			t.Errorf("%s: summary of %d characters", it.Slug, n)
		}
	}
	if len(authors) < 3 || len(authors) > 4 {
		t.Errorf("%d authors, want 3-4", len(authors))
	}
	for _, slug := range []string{editedSlug, removedSlug} {
		if !slugs[slug] {
			t.Errorf("no post %s", slug)
		}
	}
}

func TestNewAndChange(t *testing.T) {
	s := New()
	if s.Pages() != 3 {
		t.Fatalf("New: %d pages, want 3", s.Pages())
	}
	srv := httptest.NewServer(s)
	defer srv.Close()
	base := srv.URL

	before := crawlAll(t, s, base)
	if len(before) != 3 || len(before[0]) != 8 || len(before[1]) != 8 || len(before[2]) != 6 {
		t.Fatalf("before: page sizes %d", len(before))
	}
	if before[0][0].Title != "ISKP’s transnational reemergence" {
		t.Errorf("first headline %q", before[0][0].Title)
	}
	oldItems := s.Items()

	added, edited, removed := Change(s)
	if s.Pages() != 3 {
		t.Errorf("after Change: %d pages, want 3", s.Pages())
	}
	after := crawlAll(t, s, base)

	if got := after[0][0]; got.URL != base+"/2026/02/24/"+added+"/" || got.Title != "Islamic State Khorasan names a new spokesman" {
		t.Errorf("added post: top of page 1 is %q %s", got.Title, got.URL)
	}
	found := false
	for _, it := range after[1] {
		if strings.Contains(it.URL, "/"+edited+"/") {
			found = true
			if it.Title != editedTitle {
				t.Errorf("edited post on page 2 has title %q", it.Title)
			}
		}
	}
	if !found {
		t.Errorf("edited post %s not on page 2", edited)
	}
	wasOnPage := func(pages [][]extract.Item, slug string) int {
		for n, p := range pages {
			for _, it := range p {
				if strings.Contains(it.URL, "/"+slug+"/") {
					return n + 1
				}
			}
		}
		return 0
	}
	if p := wasOnPage(before, edited); p != 2 {
		t.Errorf("edited post was on page %d before, want 2", p)
	}
	if p := wasOnPage(before, removed); p != 3 {
		t.Errorf("removed post was on page %d before, want 3", p)
	}
	if p := wasOnPage(after, removed); p != 0 {
		t.Errorf("removed post still listed on page %d", p)
	}
	var removedItem sitegen.Item
	for _, it := range oldItems {
		if it.Slug == removed {
			removedItem = it
		}
	}
	if resp, err := http.Get(s.ItemURL(base, removedItem)); err != nil || resp.StatusCode != 404 {
		t.Errorf("removed post's page: %v %v", resp.StatusCode, err)
	} else {
		resp.Body.Close()
	}
	if n := len(s.Items()); n != 22 {
		t.Errorf("after Change: %d items, want 22", n)
	}
}

// TestValidatorsAfterChange checks the demo's premise: after Change every
// page changed (a new post shifts them all), so none answers 304.
func TestValidatorsAfterChange(t *testing.T) {
	s := New()
	srv := httptest.NewServer(s)
	defer srv.Close()
	etags := map[int]string{}
	for n := 1; n <= 3; n++ {
		resp, err := http.Get(s.PageURL(srv.URL, n))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		etags[n] = resp.Header.Get("ETag")
		if etags[n] == "" {
			t.Fatalf("page %d: no ETag", n)
		}
	}
	Change(s)
	for n := 1; n <= 3; n++ {
		req, _ := http.NewRequest(http.MethodGet, s.PageURL(srv.URL, n), nil)
		req.Header.Set("If-None-Match", etags[n])
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("page %d after Change: status %d, want 200", n, resp.StatusCode)
		}
	}
}
