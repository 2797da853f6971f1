package sitegen

import "strconv"

// block renders a listing page in a WordPress block theme modelled on
// twentytwentyfour: a query loop with query pagination and no
// <link rel="next">.
func (v *view) block(b *buf) {
	s := v.s
	b.w("<!DOCTYPE html>\n", `<html lang="en-US">`, "\n<head>\n")
	v.headCommon(b, v.pageTitle("–"), "twentytwentyfour", true)
	b.w(`<style id="wp-block-template-skip-link-inline-css">.skip-link.screen-reader-text { border: 0; clip: rect(1px,1px,1px,1px); clip-path: inset(50%); height: 1px; margin: -1px; overflow: hidden; padding: 0; position: absolute !important; width: 1px; word-wrap: normal !important; }</style>`, "\n",
		`<link rel="alternate" title="JSON" type="application/json" href="`, v.base, `/wp-json/wp/v2/tags/12">`, "\n",
		"</head>\n\n", `<body class="`, v.bodyClass(), `">`, "\n", `<div class="wp-site-blocks">`, "\n",
		`<header class="wp-block-template-part">`, "\n", `<div class="wp-block-group alignwide is-content-justification-space-between is-nowrap is-layout-flex wp-container-core-group-is-layout-1 wp-block-group-is-layout-flex" style="padding-top:20px;padding-bottom:20px">`, "\n",
		`<p class="wp-block-site-title"><a href="`, v.base, `/" target="_self" rel="home">`)
	b.e(s.opt.SiteName)
	b.w("</a></p>\n", `<nav class="is-responsive items-justified-right wp-block-navigation is-content-justification-right is-layout-flex wp-container-core-navigation-is-layout-1 wp-block-navigation-is-layout-flex" aria-label="Primary">`,
		`<button aria-haspopup="dialog" aria-label="Open menu" class="wp-block-navigation__responsive-container-open"></button>`, "\n",
		`<div class="wp-block-navigation__responsive-container" id="modal-1"><div class="wp-block-navigation__responsive-close" tabindex="-1"><div class="wp-block-navigation__responsive-dialog" aria-label="Menu">`,
		`<button aria-label="Close menu" class="wp-block-navigation__responsive-container-close"></button>`,
		`<div class="wp-block-navigation__responsive-container-content" id="modal-1-content">`, "\n", `<ul class="wp-block-navigation__container is-responsive items-justified-right wp-block-navigation">`, "\n")
	for _, m := range menu {
		if m.sub == nil {
			b.w(`<li class="wp-block-navigation-item"><a class="wp-block-navigation-item__content" href="`, menuHref(v.base, m.label, ""), `">`)
			b.e(m.label)
			b.w("</a></li>\n")
			continue
		}
		b.w(`<li class="wp-block-navigation-item has-child wp-block-navigation-submenu"><a class="wp-block-navigation-item__content" href="`, menuHref(v.base, m.label, ""), `">`)
		b.e(m.label)
		b.w(`</a><button aria-label="`)
		b.e(m.label + " submenu")
		b.w(`" class="wp-block-navigation__submenu-icon wp-block-navigation-submenu__toggle" aria-expanded="false"></button>`,
			`<ul class="wp-block-navigation__submenu-container wp-block-navigation-submenu">`)
		for _, sub := range m.sub {
			b.w(`<li class="wp-block-navigation-item"><a class="wp-block-navigation-item__content" href="`, menuHref(v.base, m.label, sub), `">`)
			b.e(sub)
			b.w("</a></li>")
		}
		b.w("</ul></li>\n")
	}
	b.w("</ul>\n")
	v.megaMenu(b, s.opt.PadBytes*padMenu/100)
	b.w("</div></div></div></div></nav>\n</div>\n</header>\n\n",
		`<main class="wp-block-group is-layout-flow wp-block-group-is-layout-flow" style="margin-top:var(--wp--preset--spacing--50)" id="wp--skip-link--target">`, "\n")
	if !v.found {
		b.w(`<div class="wp-block-group alignwide has-global-padding is-layout-constrained">`, "\n", `<h1 class="wp-block-heading alignwide">Nothing Found</h1>`, "\n",
			`<p>Sorry, but nothing was found. Please try a search with different keywords.</p>`, "\n",
			`<form role="search" method="get" action="`, v.base, `/" class="wp-block-search__button-outside wp-block-search__text-button wp-block-search"><label class="wp-block-search__label screen-reader-text" for="wp-block-search__input-1">Search</label><div class="wp-block-search__inside-wrapper"><input class="wp-block-search__input" id="wp-block-search__input-1" placeholder="Search..." value="" type="search" name="s" required=""><button aria-label="Search" class="wp-block-search__button wp-element-button" type="submit">Search</button></div></form>`,
			"\n</div>\n")
	} else {
		b.w(`<div class="wp-block-group alignwide has-global-padding is-layout-constrained wp-block-group-is-layout-constrained" style="padding-top:var(--wp--preset--spacing--50);padding-bottom:var(--wp--preset--spacing--50)">`, "\n",
			`<h1 class="wp-block-query-title">Tag: <span>`)
		b.e(s.opt.Tag)
		b.w("</span></h1>\n", `<div class="wp-block-term-description"><p>Everything we publish on `)
		b.e(s.opt.Tag)
		b.w(": analysis, reports and commentary.</p></div>\n</div>\n",
			`<div class="wp-block-columns alignwide is-layout-flex wp-container-core-columns-is-layout-1 wp-block-columns-is-layout-flex">`, "\n",
			`<div class="wp-block-column is-layout-flow wp-block-column-is-layout-flow" style="flex-basis:66.66%">`, "\n",
			`<div class="wp-block-query alignwide is-layout-flow wp-block-query-is-layout-flow">`, "\n",
			`<ul class="alignwide wp-block-post-template is-layout-flow wp-block-post-template-is-layout-flow">`, "\n")
		for _, it := range v.items {
			v.blockEntry(b, it)
		}
		b.w("</ul>\n\n")
		v.blockPagination(b)
		b.w("</div>\n</div>\n\n", `<div class="wp-block-column is-layout-flow wp-block-column-is-layout-flow" style="flex-basis:33.33%">`, "\n")
		v.blockSidebar(b)
		b.w("</div>\n</div>\n")
	}
	b.w("</main>\n\n", `<footer class="wp-block-template-part">`, "\n",
		`<div class="wp-block-group has-global-padding is-layout-constrained wp-block-group-is-layout-constrained" style="padding-top:var(--wp--preset--spacing--50);padding-bottom:var(--wp--preset--spacing--50)">`, "\n",
		`<div class="wp-block-columns alignwide is-layout-flex wp-block-columns-is-layout-flex">`, "\n",
		`<div class="wp-block-column is-layout-flow"><h2 class="wp-block-heading has-medium-font-size">`)
	b.e(s.opt.SiteName)
	b.w("</h2>\n", `<p class="has-small-font-size">Independent research on militancy, terrorism and conflict.</p></div>`, "\n",
		`<div class="wp-block-column is-layout-flow"><h2 class="wp-block-heading has-medium-font-size">About</h2>`, "\n",
		`<nav class="is-vertical wp-block-navigation is-layout-flex" aria-label="About"><ul class="wp-block-navigation__container is-vertical wp-block-navigation">`)
	for _, l := range footerLinks {
		b.w(`<li class="wp-block-navigation-item"><a class="wp-block-navigation-item__content" href="`, v.base, "/", Slugify(l), `/">`, l, "</a></li>")
	}
	b.w("</ul></nav></div>\n</div>\n", `<p class="has-small-font-size">&copy; `, strconv.Itoa(v.year()), " ")
	b.e(s.opt.SiteName)
	b.w(` &middot; Designed with <a href="https://wordpress.org" rel="nofollow">WordPress</a></p>`, "\n</div>\n</footer>\n</div>\n")
	v.cookieBanner(b)
	v.scripts(b, "twentytwentyfour")
	b.w("</body>\n</html>\n")
}

func (v *view) blockEntry(b *buf, it Item) {
	u := v.base + itemPath(it)
	id := postID(it)
	cat := category(it)
	thumb := hash32("t"+it.Slug)%4 == 0
	b.w(`<li class="wp-block-post post-`, id, ` post type-post status-publish format-standard`)
	if thumb {
		b.w(" has-post-thumbnail")
	}
	b.w(` hentry category-`, Slugify(cat), ` tag-`, v.s.tagSlug, `">`, "\n", `<div class="wp-block-group is-layout-flow wp-block-group-is-layout-flow">`, "\n")
	if thumb {
		b.w(`<figure style="aspect-ratio:3/2;" class="wp-block-post-featured-image"><a href="`, u, `" target="_self"><img width="1024" height="683" src="`, imagePath(v.base, it, "1024x683"),
			`" class="attachment-post-thumbnail size-post-thumbnail wp-post-image" alt="" style="object-fit:cover;" decoding="async" loading="lazy"></a></figure>`, "\n")
	}
	b.w(`<h2 class="wp-block-post-title has-x-large-font-size"><a href="`, u, `" target="_self">`)
	b.e(it.Title)
	b.w("</a></h2>\n", `<div class="wp-block-post-excerpt"><p class="wp-block-post-excerpt__excerpt">`)
	b.e(it.Summary)
	b.w(` </p><p class="wp-block-post-excerpt__more-text"><a class="wp-block-post-excerpt__more-link" href="`, u, `">Read more</a></p></div>`, "\n",
		`<div class="wp-block-group is-layout-flex wp-block-group-is-layout-flex">`, "\n",
		`<div class="wp-block-post-date has-small-font-size"><time datetime="`, wpTime(it.Published), `"><a href="`, u, `">`, it.Published.Format("Jan 2, 2006"), "</a></time></div>\n",
		`<div class="wp-block-post-author-name has-small-font-size"><a href="`, v.base, "/author/", Slugify(it.Author), `/" target="_self" class="wp-block-post-author-name__link">`)
	b.e(it.Author)
	b.w("</a></div>\n</div>\n</div>\n</li>\n")
}

func (v *view) blockPagination(b *buf) {
	if v.pages < 2 {
		return
	}
	b.w(`<nav class="alignwide wp-block-query-pagination is-content-justification-space-between is-layout-flex wp-container-core-query-pagination-is-layout-1 wp-block-query-pagination-is-layout-flex" aria-label="Pagination">`, "\n")
	if v.n > 1 {
		b.w(`<a href="`, v.pageURL(v.n-1), `" class="wp-block-query-pagination-previous"><span class="wp-block-query-pagination-previous-arrow is-arrow-arrow" aria-hidden="true">←</span>Previous Page</a>`, "\n")
	}
	b.w(`<div class="wp-block-query-pagination-numbers">`)
	for _, p := range v.pageWindow() {
		switch {
		case p == 0:
			b.w(`<span class="page-numbers dots">&hellip;</span>`, "\n")
		case p == v.n:
			b.w(`<span aria-current="page" class="page-numbers current">`, strconv.Itoa(p), "</span>\n")
		default:
			b.w(`<a class="page-numbers" href="`, v.pageURL(p), `">`, strconv.Itoa(p), "</a>\n")
		}
	}
	b.w("</div>\n")
	if v.n < v.pages {
		b.w(`<a href="`, v.pageURL(v.n+1), `" class="wp-block-query-pagination-next">Next Page<span class="wp-block-query-pagination-next-arrow is-arrow-arrow" aria-hidden="true">→</span></a>`, "\n")
	}
	b.w("</nav>\n")
}

// blockSidebar writes the widget column: latest posts, archives, tag cloud.
func (v *view) blockSidebar(b *buf) {
	b.w(`<h2 class="wp-block-heading has-medium-font-size">Recent Posts</h2>`, "\n", `<ul class="wp-block-latest-posts__list has-dates wp-block-latest-posts">`)
	for _, it := range v.recent {
		b.w(`<li><a class="wp-block-latest-posts__post-title" href="`, v.base, itemPath(it), `">`)
		b.e(it.Title)
		b.w(`</a><time datetime="`, wpTime(it.Published), `" class="wp-block-latest-posts__post-date">`, it.Published.Format("January 2, 2006"), "</time></li>\n")
	}
	b.w("</ul>\n", `<h2 class="wp-block-heading has-medium-font-size">Archives</h2>`, "\n", `<ul class="wp-block-archives-list wp-block-archives">`, "\n")
	for _, m := range v.months {
		b.w(`<li><a href="`, v.base, m.path, `">`, m.label, "</a></li>\n")
	}
	b.w("</ul>\n", `<h2 class="wp-block-heading has-medium-font-size">Tags</h2>`, "\n", `<p class="is-style-outline wp-block-tag-cloud">`)
	v.tagCloudLinks(b, "tag-cloud-link")
	b.w("</p>\n")
}
