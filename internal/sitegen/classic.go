package sitegen

import (
	"strconv"
	"strings"
)

// classic renders a listing page in a WordPress classic theme modelled on
// twentyfifteen, with Yoast SEO's head tags.
func (v *view) classic(b *buf) {
	s := v.s
	self := v.pageURL(v.n)
	b.w("<!DOCTYPE html>\n", `<html lang="en-US" class="no-js">`, "\n<head>\n")
	v.headCommon(b, v.pageTitle("-"), "twentyfifteen", true)
	b.w(`<script>(function(html){html.className = html.className.replace(/\bno-js\b/,'js')})(document.documentElement);</script>`, "\n")
	if v.found {
		b.w(`<link rel="canonical" href="`, self, `">`, "\n")
		if v.n > 1 {
			b.w(`<link rel="prev" href="`, v.pageURL(v.n-1), `">`, "\n")
		}
		if v.n < v.pages {
			b.w(`<link rel="next" href="`, v.pageURL(v.n+1), `">`, "\n")
		}
		b.w(`<meta property="og:locale" content="en_US">`, "\n", `<meta property="og:type" content="article">`, "\n", `<meta property="og:title" content="`)
		b.e(v.pageTitle("-"))
		b.w(`">`, "\n", `<meta property="og:url" content="`, self, `">`, "\n", `<meta property="og:site_name" content="`)
		b.e(s.opt.SiteName)
		b.w(`">`, "\n", `<meta name="twitter:card" content="summary_large_image">`, "\n")
		v.yoastGraph(b, self)
	}
	b.w("</head>\n\n", `<body class="`, v.bodyClass(), `">`, "\n",
		`<div id="page" class="hfeed site">`, "\n", `<a class="skip-link screen-reader-text" href="#content">Skip to content</a>`, "\n",
		`<div id="sidebar" class="sidebar">`, "\n", `<header id="masthead" class="site-header">`, "\n",
		`<div class="site-branding"><p class="site-title"><a href="`, v.base, `/" rel="home">`)
	b.e(s.opt.SiteName)
	b.w("</a></p>\n", `<p class="site-description">Independent research on militancy, terrorism and conflict</p>`,
		`<button class="secondary-toggle">Menu and widgets</button></div>`, "\n</header>\n",
		`<div id="secondary" class="secondary">`, "\n", `<nav id="site-navigation" class="main-navigation"><div class="menu-primary-container"><ul id="menu-primary" class="nav-menu">`, "\n")
	id := 100
	for _, m := range menu {
		id++
		cls := "menu-item menu-item-" + strconv.Itoa(id)
		if m.sub != nil {
			cls += " menu-item-has-children"
		}
		b.w(`<li id="menu-item-`, strconv.Itoa(id), `" class="`, cls, `"><a href="`, menuHref(v.base, m.label, ""), `">`)
		b.e(m.label)
		b.w("</a>")
		if m.sub != nil {
			b.w("\n", `<ul class="sub-menu">`)
			for _, sub := range m.sub {
				id++
				b.w(`<li class="menu-item menu-item-`, strconv.Itoa(id), `"><a href="`, menuHref(v.base, m.label, sub), `">`)
				b.e(sub)
				b.w("</a></li>")
			}
			b.w("</ul>\n")
		}
		b.w("</li>\n")
	}
	b.w("</ul></div>\n")
	v.megaMenu(b, s.opt.PadBytes*padMenu/100)
	b.w("</nav><!-- .main-navigation -->\n", `<div id="widget-area" class="widget-area" role="complementary">`, "\n",
		`<aside id="search-2" class="widget widget_search">`)
	v.searchForm(b)
	b.w("</aside>\n", `<aside id="recent-posts-2" class="widget widget_recent_entries">`, "\n",
		`<h2 class="widget-title">Recent Posts</h2><nav aria-label="Recent Posts">`, "\n<ul>\n")
	for _, it := range v.recent {
		b.w(`<li><a href="`, v.base, itemPath(it), `">`)
		b.e(it.Title)
		b.w("</a></li>\n")
	}
	b.w("</ul>\n</nav></aside>\n", `<aside id="archives-2" class="widget widget_archive"><h2 class="widget-title">Archives</h2><nav aria-label="Archives">`, "\n<ul>\n")
	for _, m := range v.months {
		b.w(`<li><a href="`, v.base, m.path, `">`, m.label, "</a>&nbsp;(", strconv.Itoa(m.count), ")</li>\n")
	}
	b.w("</ul>\n</nav></aside>\n", `<aside id="tag_cloud-2" class="widget widget_tag_cloud"><h2 class="widget-title">Tags</h2><nav aria-label="Tags"><div class="tagcloud">`, "\n")
	v.tagCloudLinks(b, "tag-cloud-link")
	b.w("</div>\n</nav></aside>\n", "</div><!-- .widget-area -->\n</div><!-- .secondary -->\n</div><!-- .sidebar -->\n\n",
		`<div id="content" class="site-content">`, "\n", `<section id="primary" class="content-area">`, "\n", `<main id="main" class="site-main">`, "\n\n")
	if !v.found {
		b.w(`<section class="no-results not-found">`, "\n", `<header class="page-header"><h1 class="page-title">Nothing Found</h1></header>`, "\n",
			`<div class="page-content"><p>It seems we can&rsquo;t find what you&rsquo;re looking for. Perhaps searching can help.</p>`)
		v.searchForm(b)
		b.w("</div>\n</section>\n")
	} else {
		b.w(`<header class="page-header">`, "\n", `<h1 class="page-title">Tag Archives: `)
		b.e(s.opt.Tag)
		b.w("</h1>\n", `<div class="taxonomy-description"><p>Analysis and reporting on `)
		b.e(s.opt.Tag)
		b.w(", its operations, propaganda and networks, and the responses of governments in the region and beyond.</p></div>\n</header><!-- .page-header -->\n\n")
		for _, it := range v.items {
			v.classicEntry(b, it)
		}
		v.classicPagination(b)
	}
	b.w("\n</main><!-- .site-main -->\n</section><!-- .content-area -->\n</div><!-- .site-content -->\n\n",
		`<footer id="colophon" class="site-footer">`, "\n", `<div class="footer-links"><ul class="menu">`)
	for _, l := range footerLinks {
		b.w(`<li class="menu-item"><a href="`, v.base, "/", Slugify(l), `/">`, l, "</a></li>")
	}
	b.w("</ul>\n", `<ul class="social-links-menu">`)
	for _, l := range socialLinks {
		b.w(`<li><a href="`, l[1], strings.ToLower(Slugify(s.opt.SiteName)), `"><span class="screen-reader-text">`, l[0], "</span></a></li>")
	}
	b.w("</ul></div>\n", `<div class="site-info">&copy; `, strconv.Itoa(v.year()), " ")
	b.e(s.opt.SiteName)
	b.w(`. All rights reserved. <a href="https://wordpress.org/" class="imprint">Proudly powered by WordPress</a></div>`, "\n</footer><!-- .site-footer -->\n</div><!-- .site -->\n")
	v.cookieBanner(b)
	v.scripts(b, "twentyfifteen")
	b.w("</body>\n</html>\n")
}

func (v *view) classicEntry(b *buf, it Item) {
	u := v.base + itemPath(it)
	id := postID(it)
	cat := category(it)
	b.w(`<article id="post-`, id, `" class="post-`, id, ` post type-post status-publish format-standard`)
	thumb := hash32("t"+it.Slug)%5 == 0
	if thumb {
		b.w(" has-post-thumbnail")
	}
	b.w(" hentry category-", Slugify(cat), " tag-", v.s.tagSlug, `">`, "\n")
	if thumb {
		b.w(`<a class="post-thumbnail" href="`, u, `" aria-hidden="true"><img width="825" height="510" src="`, imagePath(v.base, it, "825x510"),
			`" class="attachment-post-thumbnail size-post-thumbnail wp-post-image" alt="`)
		b.e(it.Title)
		b.w(`" decoding="async" loading="lazy"></a>`, "\n")
	}
	b.w(`<header class="entry-header">`, "\n", `<h2 class="entry-title"><a href="`, u, `" rel="bookmark">`)
	b.e(it.Title)
	b.w("</a></h2>\n</header><!-- .entry-header -->\n\n", `<div class="entry-summary">`, "\n<p>")
	b.e(it.Summary)
	b.w("</p>\n</div><!-- .entry-summary -->\n\n", `<footer class="entry-meta">`,
		`<span class="posted-on"><span class="screen-reader-text">Posted on </span><a href="`, u, `" rel="bookmark">`,
		`<time class="entry-date published" datetime="`, wpTime(it.Published), `">`, it.Published.Format("January 2, 2006"), "</time>")
	if modified(it) {
		b.w(`<time class="updated" datetime="`, wpTime(updated(it)), `">`, updated(it).Format("January 2, 2006"), "</time>")
	}
	b.w("</a></span>",
		`<span class="byline"><span class="author vcard"><span class="screen-reader-text">Author </span><a class="url fn n" href="`, v.base, "/author/", Slugify(it.Author), `/">`)
	b.e(it.Author)
	b.w("</a></span></span>", `<span class="cat-links"><span class="screen-reader-text">Categories </span><a href="`, v.base, "/category/", Slugify(cat), `/" rel="category tag">`, cat, "</a></span></footer><!-- .entry-meta -->\n\n</article><!-- #post-", id, " -->\n")
}

func (v *view) classicPagination(b *buf) {
	if v.pages < 2 {
		return
	}
	b.w("\n", `<nav class="navigation pagination" aria-label="Posts pagination">`, "\n", `<h2 class="screen-reader-text">Posts pagination</h2>`, "\n", `<div class="nav-links">`)
	if v.n > 1 {
		b.w(`<a class="prev page-numbers" href="`, v.pageURL(v.n-1), `">Previous page</a>`, "\n")
	}
	for _, p := range v.pageWindow() {
		switch {
		case p == 0:
			b.w(`<span class="page-numbers dots">&hellip;</span>`, "\n")
		case p == v.n:
			b.w(`<span aria-current="page" class="page-numbers current"><span class="meta-nav screen-reader-text">Page </span>`, strconv.Itoa(p), "</span>\n")
		default:
			b.w(`<a class="page-numbers" href="`, v.pageURL(p), `"><span class="meta-nav screen-reader-text">Page </span>`, strconv.Itoa(p), "</a>\n")
		}
	}
	if v.n < v.pages {
		b.w(`<a class="next page-numbers" href="`, v.pageURL(v.n+1), `">Next page</a>`)
	}
	b.w("</div>\n</nav>\n")
}

// yoastGraph writes Yoast SEO's JSON-LD for an archive page: it describes
// the page, not its entries.
func (v *view) yoastGraph(b *buf, self string) {
	name := jsonString(v.pageTitle("-"))
	site := jsonString(v.s.opt.SiteName)
	b.w(`<script type="application/ld+json" class="yoast-schema-graph">{"@context":"https://schema.org","@graph":[{"@type":"CollectionPage","@id":"`, self, `","url":"`, self,
		`","name":`, name, `,"isPartOf":{"@id":"`, v.base, `/#website"},"breadcrumb":{"@id":"`, self, `#breadcrumb"},"inLanguage":"en-US"},`,
		`{"@type":"BreadcrumbList","@id":"`, self, `#breadcrumb","itemListElement":[{"@type":"ListItem","position":1,"name":"Home","item":"`, v.base, `/"},{"@type":"ListItem","position":2,"name":`,
		jsonString(v.s.opt.Tag), `}]},{"@type":"WebSite","@id":"`, v.base, `/#website","url":"`, v.base, `/","name":`, site,
		`,"description":"Independent research on militancy, terrorism and conflict","publisher":{"@id":"`, v.base, `/#organization"},"potentialAction":[{"@type":"SearchAction","target":{"@type":"EntryPoint","urlTemplate":"`,
		v.base, `/?s={search_term_string}"},"query-input":{"@type":"PropertyValueSpecification","valueRequired":true,"valueName":"search_term_string"}}],"inLanguage":"en-US"},`,
		`{"@type":"Organization","@id":"`, v.base, `/#organization","name":`, site, `,"url":"`, v.base, `/","logo":{"@type":"ImageObject","url":"`, v.base,
		`/wp-content/uploads/2023/05/logo.png","width":512,"height":512}}]}</script>`, "\n")
}

// jsonString quotes s for JSON inside a <script> element.
func jsonString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '<':
			b.WriteString(`\u003c`)
		case '>':
			b.WriteString(`\u003e`)
		case '&':
			b.WriteString(`\u0026`)
		default:
			if r < 0x20 {
				b.WriteString(`\u00`)
				b.WriteByte("0123456789abcdef"[r>>4])
				b.WriteByte("0123456789abcdef"[r&15])
				continue
			}
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
