package extract

import (
	"strings"
	"testing"
)

func TestNextPage(t *testing.T) {
	entries := listPage("en",
		post(1, "", "An excerpt that is long enough to be a summary of the post."),
		post(2, "", "An excerpt that is long enough to be a summary of the post."),
		post(3, "", "An excerpt that is long enough to be a summary of the post."))
	withPager := func(pager string) string {
		return strings.Replace(entries, "</main>", pager+"</main>", 1)
	}
	for _, c := range []struct {
		name, page, pageURL, want string
	}{
		{"link rel=next", strings.Replace(entries, "<body>", `<head><link rel="next" href="/tag/iskp/page/2/"></head><body>`, 1),
			"https://example.org/tag/iskp/", "https://example.org/tag/iskp/page/2/"},
		{"WordPress numbered pager", withPager(`<nav class="navigation pagination"><div class="nav-links"><span aria-current="page" class="page-numbers current">1</span>
<a class="page-numbers" href="/tag/iskp/page/2/">2</a><a class="page-numbers" href="/tag/iskp/page/3/">3</a><a class="next page-numbers" href="/tag/iskp/page/2/">Next &raquo;</a></div></nav>`),
			"https://example.org/tag/iskp/", "https://example.org/tag/iskp/page/2/"},
		{"older posts", withPager(`<div class="nav-previous"><a href="/blog/page/2/">&larr; Older posts</a></div><div class="nav-next"></div>`),
			"https://example.org/blog/", "https://example.org/blog/page/2/"},
		{"icon-only link", withPager(`<div class="page-nav"><span class="current">1</span><a href="/tag/iskp/page/2/" class="page">2</a><a href="/tag/iskp/page/2/"><i class="td-icon-menu-right"></i></a></div>`),
			"https://example.org/tag/iskp/", "https://example.org/tag/iskp/page/2/"},
		{"newer only on the last page", withPager(`<div class="nav-next"><a href="/blog/page/4/">Newer posts &rarr;</a></div>`),
			"https://example.org/blog/page/5/", ""},
		{"previous N articles on the first page are older", withPager(`<p><a href="/start/700">&lt;&lt;&lt; Previous 10  Articles</a></p>`),
			"https://www.example.org/", "https://www.example.org/start/700"},
		{"previous N articles deeper in are newer", withPager(`<p><a href="/start/700">&lt;&lt;&lt; Previous 10  Articles</a></p>`),
			"https://www.example.org/page/3/", ""},
		{"next N articles", withPager(`<p><a href="/archive/2">Next 10 articles</a></p>`),
			"https://www.example.org/archive/1", "https://www.example.org/archive/2"},
		// A carousel's pager comes first, with every number a link; the
		// list's own pager shows its current page as text.
		{"the pager that shows the current page as text", withPager(`<div class="carousel"><a href="?fa=books&amp;pageOn=1">1</a> | <a href="?fa=books&amp;pageOn=2">2</a> | <a href="?fa=books&amp;pageOn=3">3</a></div>
<div class="results"><b>1</b> | <a href="?fa=results&amp;pageOn=2">2</a> | <a href="?fa=results&amp;pageOn=3">3</a></div>`),
			"http://example.org/publications/", "http://example.org/publications/?fa=results&pageOn=2"},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := mustExtract(t, c.page, c.pageURL)
			if res.NextPage != c.want {
				t.Errorf("next page %q, want %q", res.NextPage, c.want)
			}
		})
	}
}
