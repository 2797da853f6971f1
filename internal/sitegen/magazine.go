package sitegen

import (
	"strconv"
	"time"
)

// lazyPlaceholder is the inline SVG that lazy-loading plugins put in src
// until the real image (data-src) is loaded.
const lazyPlaceholder = `data:image/svg+xml,%3Csvg%20xmlns='http://www.w3.org/2000/svg'%20viewBox='0%200%20360%20203'%3E%3C/svg%3E`

// magazine renders a listing page in a news-magazine theme: image cards
// with category labels, visible day-only dates, a breaking-news ticker and
// a numbered pager.
func (v *view) magazine(b *buf) {
	s := v.s
	b.w("<!DOCTYPE html>\n", `<html lang="en-GB">`, "\n<head>\n")
	v.headCommon(b, v.pageTitle("|"), "newsmag", true)
	b.w(`<meta property="og:type" content="website">`, "\n", `<meta property="og:site_name" content="`)
	b.e(s.opt.SiteName)
	b.w(`">`, "\n", `<link rel="preconnect" href="https://fonts.gstatic.com" crossorigin>`, "\n",
		`<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Merriweather:wght@400;700&amp;family=Inter:wght@400;600&amp;display=swap">`, "\n",
		"</head>\n\n", `<body class="`, v.bodyClass(), ` newsmag-theme">`, "\n",
		`<div class="top-bar"><div class="container"><span class="top-date">`, v.today(), `</span>`, "\n", `<ul class="top-links">`)
	for _, l := range footerLinks[:3] {
		b.w(`<li><a href="`, v.base, "/", Slugify(l), `/">`, l, "</a></li>")
	}
	b.w("</ul>\n", `<ul class="top-social">`)
	for _, l := range socialLinks {
		b.w(`<li><a href="`, l[1], Slugify(s.opt.SiteName), `" target="_blank" rel="noopener" title="`, l[0], `"><i class="icon-`, Slugify(l[0]), `"></i></a></li>`)
	}
	b.w("</ul></div></div>\n", `<header class="site-header"><div class="container">`, "\n", `<div class="logo"><a href="`, v.base, `/" rel="home"><img src="`, v.base, `/wp-content/uploads/2023/05/logo.png" width="280" height="60" alt="`)
	b.e(s.opt.SiteName)
	b.w(`"></a></div>`, "\n", `<div class="header-ad"><a href="`, v.base, `/newsletter/"><img src="`, v.base, `/wp-content/uploads/2024/02/newsletter-banner-728x90.png" width="728" height="90" alt="Subscribe to our newsletter"></a></div>`, "\n",
		`<nav class="main-nav" aria-label="Main menu"><ul id="menu-main" class="menu">`, "\n")
	for _, m := range menu {
		b.w(`<li class="menu-item`)
		if m.sub != nil {
			b.w(" menu-item-has-children dropdown")
		}
		b.w(`"><a href="`, menuHref(v.base, m.label, ""), `">`)
		b.e(m.label)
		b.w("</a>")
		if m.sub != nil {
			b.w(`<ul class="sub-menu">`)
			for _, sub := range m.sub {
				b.w(`<li class="menu-item"><a href="`, menuHref(v.base, m.label, sub), `">`)
				b.e(sub)
				b.w("</a></li>")
			}
			b.w("</ul>")
		}
		b.w("</li>\n")
	}
	b.w("</ul>\n")
	v.megaMenu(b, s.opt.PadBytes*padMenu/100)
	b.w("</nav>\n</div></header>\n\n", `<div class="breaking-news"><div class="container"><span class="breaking-title">Latest</span><ul class="ticker">`)
	for _, it := range v.recent {
		b.w(`<li><a href="`, v.base, itemPath(it), `">`)
		b.e(it.Title)
		b.w("</a></li>")
	}
	b.w("</ul></div></div>\n\n", `<div class="container main-wrap">`, "\n", `<div class="breadcrumbs"><a href="`, v.base, `/">Home</a> <span class="sep">»</span> `)
	if v.found {
		b.w(`<a href="`, v.pageURL(1), `">`)
		b.e(s.opt.Tag)
		b.w("</a>")
		if v.n > 1 {
			b.w(` <span class="sep">»</span> <span class="current-crumb">Page `, strconv.Itoa(v.n), "</span>")
		}
	} else {
		b.w(`<span class="current-crumb">Nothing found</span>`)
	}
	b.w("</div>\n", `<div class="row">`, "\n", `<div class="col-main">`, "\n")
	if !v.found {
		b.w(`<div class="no-results"><h1 class="archive-title">Nothing found</h1><p>Sorry, no posts matched your criteria.</p>`)
		v.searchForm(b)
		b.w("</div>\n")
	} else {
		b.w(`<div class="archive-header"><h1 class="archive-title"><span>Tag:</span> `)
		b.e(s.opt.Tag)
		b.w("</h1></div>\n", `<div class="archive-list">`, "\n")
		for _, it := range v.items {
			v.magazineEntry(b, it)
		}
		b.w("</div>\n")
		v.magazinePager(b)
	}
	b.w("</div>\n", `<aside class="col-side sidebar">`, "\n", `<div class="widget widget-recent-posts"><h4 class="widget-title"><span>Recent Posts</span></h4><ul class="recent-list">`, "\n")
	for _, it := range v.recent {
		v.sideEntry(b, it)
	}
	b.w("</ul></div>\n")
	if len(v.picks) > 0 {
		b.w(`<div class="widget widget-picks"><h4 class="widget-title"><span>Editor’s picks</span></h4><ul class="recent-list">`, "\n")
		for _, it := range v.picks {
			v.sideEntry(b, it)
		}
		b.w("</ul></div>\n")
	}
	b.w(`<div class="widget widget_tag_cloud"><h4 class="widget-title"><span>Tags</span></h4><div class="tagcloud">`, "\n")
	v.tagCloudLinks(b, "tag-cloud-link")
	b.w("</div></div>\n", `<div class="widget widget_archive"><h4 class="widget-title"><span>Archives</span></h4><ul>`, "\n")
	for _, m := range v.months {
		b.w(`<li><a href="`, v.base, m.path, `">`, m.label, "</a></li>\n")
	}
	b.w("</ul></div>\n</aside>\n</div>\n</div>\n\n", `<footer class="site-footer"><div class="container">`, "\n", `<div class="footer-about"><img src="`, v.base, `/wp-content/uploads/2023/05/logo-white.png" width="200" height="43" alt="`)
	b.e(s.opt.SiteName)
	b.w(`"><p>Independent research on militancy, terrorism and conflict since 2011.</p></div>`, "\n", `<div class="footer-menu"><ul>`)
	for _, l := range footerLinks {
		b.w(`<li><a href="`, v.base, "/", Slugify(l), `/">`, l, "</a></li>")
	}
	b.w("</ul></div>\n", `<div class="copyright">&copy; `, strconv.Itoa(v.year()), " ")
	b.e(s.opt.SiteName)
	b.w(". All rights reserved.</div>\n</div></footer>\n")
	v.cookieBanner(b)
	v.scripts(b, "newsmag")
	b.w("</body>\n</html>\n")
}

// today is the top bar's date: the newest post's day.
func (v *view) today() string {
	if len(v.s.items) == 0 {
		return ""
	}
	return v.s.items[0].Published.Format("Monday, 2 January 2006")
}

func (v *view) magazineEntry(b *buf, it Item) {
	u := v.base + itemPath(it)
	cat := category(it)
	img := imagePath(v.base, it, "360x203")
	b.w(`<article class="post-item post-`, postID(it), ` post type-post status-publish format-standard has-post-thumbnail category-`, Slugify(cat), `">`, "\n",
		`<div class="post-thumb"><a href="`, u, `"><img width="360" height="203" src="`, lazyPlaceholder, `" data-src="`, img, `" class="lazyload attachment-newsmag-medium size-newsmag-medium wp-post-image" alt="`)
	b.e(it.Title)
	b.w(`" decoding="async"></a></div>`, "\n",
		`<div class="post-details">`, "\n", `<span class="cat-label"><a href="`, v.base, "/category/", Slugify(cat), `/" class="cat-`, Slugify(cat), `">`, cat, "</a></span>\n",
		`<h3 class="post-heading"><a href="`, u, `" rel="bookmark">`)
	b.e(it.Title)
	b.w("</a></h3>\n", `<div class="post-meta"><span class="post-author">By <a href="`, v.base, "/author/", Slugify(it.Author), `/">`)
	b.e(it.Author)
	b.w(`</a></span> <span class="sep">·</span> <span class="post-date">`, dayMonthYear(it.Published), "</span></div>\n", `<p class="excerpt">`)
	b.e(it.Summary)
	b.w(" [&hellip;]</p>\n</div>\n</article>\n")
}

// sideEntry is one row of a sidebar list: a thumbnail, a title, a date.
func (v *view) sideEntry(b *buf, it Item) {
	u := v.base + itemPath(it)
	b.w(`<li><div class="recent-thumb"><a href="`, u, `"><img width="90" height="60" src="`, lazyPlaceholder, `" data-src="`, imagePath(v.base, it, "90x60"),
		`" class="lazyload" alt=""></a></div><div class="recent-body"><a class="recent-title" href="`, u, `">`)
	b.e(it.Title)
	b.w(`</a><span class="recent-date">`, dayMonthYear(it.Published), "</span></div></li>\n")
}

func dayMonthYear(t time.Time) string { return t.Format("2 January 2006") }

func (v *view) magazinePager(b *buf) {
	if v.pages < 2 {
		return
	}
	b.w(`<div class="pager">`, `<span class="pages">Page `, strconv.Itoa(v.n), " of ", strconv.Itoa(v.pages), "</span>\n")
	if v.n > 1 {
		b.w(`<a class="newer" href="`, v.pageURL(v.n-1), `">&laquo; Newer</a>`, "\n")
	}
	for _, p := range v.pageWindow() {
		switch {
		case p == 0:
			b.w(`<span class="extend">…</span>`, "\n")
		case p == v.n:
			b.w(`<span class="current">`, strconv.Itoa(p), "</span>\n")
		default:
			b.w(`<a class="page" href="`, v.pageURL(p), `">`, strconv.Itoa(p), "</a>\n")
		}
	}
	if v.n < v.pages {
		b.w(`<a class="older" href="`, v.pageURL(v.n+1), `">Older &raquo;</a>`, "\n")
	}
	b.w("</div>\n")
}
