// Command barecolly is the ceiling tagsnap's crawls are measured against:
// colly with hand-written selectors for one theme of the synthetic site
// (cmd/sitegen), following the next link, storing nothing.
//
//	go run ./bench/barecolly -theme classic http://127.0.0.1:8080/tag/iskp/
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/gocolly/colly/v2"
)

// selectors are what a person would write for each theme of the site.
var selectors = map[string]struct{ item, title, summary, date, next string }{
	"classic":  {"article.post", "h2.entry-title a", ".entry-summary", "time.entry-date", "a.next.page-numbers"},
	"block":    {"li.wp-block-post", "h2.wp-block-post-title a", ".wp-block-post-excerpt__excerpt", "time", "a.wp-block-query-pagination-next"},
	"magazine": {"article.post-item", "h3.post-heading a", "p.excerpt", ".post-date", ".pager a.older"},
}

func main() {
	theme := flag.String("theme", "classic", "classic, block or magazine")
	flag.Parse()
	sel, ok := selectors[*theme]
	if !ok || flag.NArg() != 1 {
		log.Fatal("usage: barecolly [-theme classic|block|magazine] URL")
	}
	start := time.Now()
	pages, items := 0, 0
	c := colly.NewCollector()
	c.OnHTML("html", func(e *colly.HTMLElement) {
		pages++
		e.DOM.Find(sel.item).Each(func(_ int, s *goquery.Selection) {
			a := s.Find(sel.title).First()
			href, _ := a.Attr("href")
			_ = e.Request.AbsoluteURL(href)
			_ = strings.TrimSpace(a.Text())
			_ = strings.TrimSpace(s.Find(sel.summary).Text())
			_, _ = s.Find(sel.date).Attr("datetime")
			items++
		})
		if next, ok := e.DOM.Find(sel.next).First().Attr("href"); ok {
			e.Request.Visit(next)
		}
	})
	if err := c.Visit(flag.Arg(0)); err != nil {
		log.Fatal(err)
	}
	d := time.Since(start)
	fmt.Fprintf(os.Stdout, "barecolly: %d pages, %d items in %.2fs: %.1f pages/s\n", pages, items, d.Seconds(), float64(pages)/d.Seconds())
}
