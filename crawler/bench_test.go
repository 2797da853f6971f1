package crawler

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/gocolly/colly/v2"

	"github.com/tagsnap/tagsnap/internal/sitegen"
	"github.com/tagsnap/tagsnap/storage"
)

// The crawl benchmarks run on the same generated site: 10,000 items, 20 a
// page (500 listing pages of ~100 KB), in each of the three themes. Compare
// BenchmarkCrawl (tagsnap: fetch, zero-config extraction, versioned storage)
// with BenchmarkBareColly (colly with hand-written selectors, no storage):
//
//	go test ./crawler -run '^$' -bench 'Crawl|BareColly' -benchtime 1x
const (
	benchItems   = 10_000
	benchPerPage = 20
	benchPad     = 80_000
)

var benchThemes = []sitegen.Theme{sitegen.Classic, sitegen.Block, sitegen.Magazine}

func benchSite(b *testing.B, theme sitegen.Theme) (*sitegen.Site, string) {
	b.Helper()
	items := sitegen.Generate(benchItems, 1, time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC))
	site := sitegen.New(items, sitegen.Options{Theme: theme, PerPage: benchPerPage, PadBytes: benchPad})
	srv := httptest.NewServer(site) // 127.0.0.1
	b.Cleanup(srv.Close)
	// Render every page once so neither contender pays for it.
	for n := 1; n <= site.Pages(); n++ {
		resp, err := srv.Client().Get(site.PageURL(srv.URL, n))
		if err != nil {
			b.Fatal(err)
		}
		resp.Body.Close()
	}
	return site, site.ListingURL(srv.URL)
}

func BenchmarkCrawl(b *testing.B) {
	for _, theme := range benchThemes {
		b.Run(theme.String(), func(b *testing.B) {
			site, u := benchSite(b, theme)
			var pages, items int
			var stored int64
			for b.Loop() {
				b.StopTimer()
				dir := b.TempDir()
				db, err := storage.Open(context.Background(), filepath.Join(dir, "bench.db"))
				if err != nil {
					b.Fatal(err)
				}
				c := &Crawler{Store: db, UserAgent: "bench"}
				b.StartTimer()
				res, err := c.Crawl(context.Background(), Source{Name: "bench", URL: u, Full: true})
				if err != nil || res.Status != storage.StatusOK || res.Stats.PagesFetched != site.Pages() {
					b.Fatalf("crawl: %+v, %v", res, err)
				}
				b.StopTimer()
				pages += res.Stats.PagesFetched
				items += res.Stats.ItemsSeen
				db.Close()
				stored += dirSize(b, dir)
				b.StartTimer()
			}
			b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
			b.ReportMetric(float64(stored)/float64(pages), "dbbytes/page")
			if items != pages*benchPerPage {
				b.Errorf("items %d, want %d", items, pages*benchPerPage)
			}
		})
	}
}

// bareSelectors are what a person would write for each theme.
var bareSelectors = map[sitegen.Theme]struct{ item, title, summary, next string }{
	sitegen.Classic:  {"article.post", "h2.entry-title a", ".entry-summary", "a.next.page-numbers"},
	sitegen.Block:    {"li.wp-block-post", "h2.wp-block-post-title a", ".wp-block-post-excerpt__excerpt", "a.wp-block-query-pagination-next"},
	sitegen.Magazine: {"article.post-item", "h3.post-heading a", "p.excerpt", ".pager a.older"},
}

func BenchmarkBareColly(b *testing.B) {
	for _, theme := range benchThemes {
		b.Run(theme.String(), func(b *testing.B) {
			site, u := benchSite(b, theme)
			sel := bareSelectors[theme]
			var pages, items int
			for b.Loop() {
				c := colly.NewCollector()
				c.OnHTML("html", func(e *colly.HTMLElement) {
					e.DOM.Find(sel.item).Each(func(_ int, s *goquery.Selection) {
						a := s.Find(sel.title)
						href, _ := a.Attr("href")
						_ = e.Request.AbsoluteURL(href)
						_ = strings.TrimSpace(a.Text())
						_ = strings.TrimSpace(s.Find(sel.summary).Text())
						items++
					})
					pages++
					if next, ok := e.DOM.Find(sel.next).First().Attr("href"); ok {
						e.Request.Visit(next)
					}
				})
				if err := c.Visit(u); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
			if pages != site.Pages()*b.N || items != pages*benchPerPage {
				b.Errorf("bare colly saw %d pages, %d items", pages, items)
			}
		})
	}
}

func dirSize(b *testing.B, dir string) int64 {
	var n int64
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if fi, err := e.Info(); err == nil {
			n += fi.Size()
		}
	}
	return n
}
