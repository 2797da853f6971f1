package sitegen

import (
	"hash/fnv"
	"html"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// buf builds a page.
type buf struct{ strings.Builder }

// w writes raw markup.
func (b *buf) w(parts ...string) {
	for _, p := range parts {
		b.WriteString(p)
	}
}

// e writes s HTML-escaped (fit for text and quoted attribute values).
func (b *buf) e(s string) { b.WriteString(html.EscapeString(s)) }

// view is what one listing page shows; it is built under s.mu.
type view struct {
	s      *Site
	base   string
	n      int    // page number, 1-based
	pages  int    // number of listing pages
	items  []Item // this page's entries (empty on a page past the end)
	recent []Item // the five newest items, for the Recent Posts widget
	picks  []Item // a few older items, for the Magazine's "Editor's picks"
	months []month
	found  bool // false for the "Nothing Found" page
}

type month struct {
	key         int // year*12 + month
	label, path string
	count       int
}

func (s *Site) view(base string, n int) *view {
	v := &view{s: s, base: base, n: n, pages: s.pages(), found: true}
	lo := (n - 1) * s.opt.PerPage
	if lo < len(s.items) {
		v.items = s.items[lo:min(lo+s.opt.PerPage, len(s.items))]
	} else if n > 1 || len(s.items) > 0 {
		v.found = false
	}
	v.recent = s.items[:min(5, len(s.items))]
	for _, k := range []int{7, 13} {
		if k < len(s.items) {
			v.picks = append(v.picks, s.items[k])
		}
	}
	v.months = s.months()
	return v
}

// months lists the months that have posts, newest first (the Archives
// widget). The list is kept until the next change; the caller holds s.mu.
func (s *Site) months() []month {
	s.cmu.Lock()
	out := s.monthList
	s.cmu.Unlock()
	if out != nil {
		return out
	}
	out = []month{}
	seen := map[int]int{}
	for _, it := range s.items {
		y, m, _ := it.Published.Date()
		key := y*12 + int(m)
		if n := len(out); n > 0 && out[n-1].key == key {
			out[n-1].count++
			continue
		}
		if k, ok := seen[key]; ok {
			out[k].count++
			continue
		}
		seen[key] = len(out)
		out = append(out, month{key: key, label: it.Published.Format("January 2006"), path: it.Published.Format("/2006/01/"), count: 1})
	}
	s.cmu.Lock()
	s.monthList = out
	s.cmu.Unlock()
	return out
}

// renderListing renders listing page n: 200 with the page's entries, or 404
// "Nothing Found" past the last page. Page 1 of a site without items is a
// 200 page with an empty list.
func (s *Site) renderListing(base string, n int) (int, []byte) {
	v := s.view(base, n)
	var b buf
	b.Grow(24<<10 + s.opt.PadBytes + len(v.items)*1200)
	switch s.opt.Theme {
	case Block:
		v.block(&b)
	case Magazine:
		v.magazine(&b)
	default:
		v.classic(&b)
	}
	status := http.StatusOK
	if !v.found {
		status = http.StatusNotFound
	}
	return status, []byte(b.String())
}

// renderNotFound renders the site's 404 page.
func (s *Site) renderNotFound(base string) []byte {
	v := s.view(base, 1)
	v.items, v.found = nil, false
	var b buf
	v.articleShell(&b, "Page not found", func() {
		b.w(`<section class="error-404 not-found"><header class="page-header"><h1 class="page-title">Oops! That page can&rsquo;t be found.</h1></header>`,
			`<div class="page-content"><p>It looks like nothing was found at this location. Maybe try a search?</p>`)
		v.searchForm(&b)
		b.w("</div></section>\n")
	})
	return []byte(b.String())
}

// renderArticle renders a simple article page for it.
func (s *Site) renderArticle(base string, it Item) []byte {
	v := s.view(base, 1)
	var b buf
	v.articleShell(&b, it.Title, func() {
		b.w(`<article id="post-`, postID(it), `" class="post-`, postID(it), ` post type-post status-publish format-standard hentry single">`, "\n")
		b.w(`<header class="entry-header"><h1 class="entry-title">`)
		b.e(it.Title)
		b.w("</h1>\n", `<div class="entry-meta"><time class="entry-date published" datetime="`, wpTime(it.Published), `">`, it.Published.Format("January 2, 2006"),
			`</time> <span class="byline">by <span class="author vcard"><a class="url fn n" href="`, base, "/author/", Slugify(it.Author), `/">`)
		b.e(it.Author)
		b.w("</a></span></span></div></header>\n", `<div class="entry-content">`, "\n<p><strong>")
		b.e(it.Summary)
		b.w("</strong></p>\n")
		for k := range 4 {
			b.w("<p>")
			b.e(bodyParagraphs[(int(hash32(it.Slug))+k)%len(bodyParagraphs)])
			b.w("</p>\n")
		}
		b.w("</div>\n", `<footer class="entry-footer"><span class="cat-links">Posted in <a href="`, base, "/category/", Slugify(category(it)), `/" rel="category tag">`, category(it),
			`</a></span> <span class="tags-links">Tagged <a href="`, base, s.listingPath(1), `" rel="tag">`)
		b.e(s.opt.Tag)
		b.w("</a></span></footer>\n</article>\n")
	})
	return []byte(b.String())
}

var bodyParagraphs = []string{
	"The group’s leadership has adapted to sustained pressure by decentralising decisions to provincial cells, which now raise much of their own money and choose their own targets.",
	"Local interlocutors describe a pattern of intimidation that rarely reaches the international press: night letters, targeted killings of clerics and pressure on families of former soldiers.",
	"Open-source data have limits. Claims are often inflated, local reporting is thin and authorities have every reason to understate the threat; the trends, however, are consistent across sources.",
	"For external partners the dilemma is familiar: engaging de facto authorities risks legitimising them, while disengagement leaves intelligence gaps that adversaries are quick to exploit.",
	"Recruitment increasingly happens online and in diaspora communities, in languages — Tajik, Uzbek, Russian — that the group’s earlier propaganda largely ignored.",
	"None of this makes a return to the group’s 2015–2018 territorial peak likely. It does suggest that the threat has become more mobile, more transnational and harder to see.",
}

// wpTime formats t as WordPress prints datetime attributes (RFC 3339 with a
// numeric offset).
func wpTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05+00:00") }

func hash32(s string) uint32 {
	h := fnv.New32a()
	_, _ = h.Write([]byte(s))
	return h.Sum32()
}

// postID is a stable WordPress-like post ID.
func postID(it Item) string { return strconv.Itoa(int(hash32(it.Slug)%900000) + 1000) }

var categories = []string{"Analysis", "Commentary", "Reports", "Briefings", "Analysis", "Interviews", "Analysis", "Commentary"}

// category is the post's (stable, made-up) category.
func category(it Item) string { return categories[hash32("c"+it.Slug)%uint32(len(categories))] }

// modified reports whether the post was edited after publication (a third
// of them are).
func modified(it Item) bool { return hash32("m"+it.Slug)%3 == 0 }

// updated is the post's last-modified time, a little after publication.
func updated(it Item) time.Time {
	return it.Published.Add(time.Duration(hash32("u"+it.Slug)%600+10) * time.Minute)
}

func imagePath(base string, it Item, size string) string {
	return base + "/wp-content/uploads/" + it.Published.Format("2006/01/") + it.Slug + "-" + size + ".jpg"
}

type menuEntry struct {
	label string
	sub   []string
}

// menu is the primary navigation (30 links).
var menu = []menuEntry{
	{"Home", nil},
	{"Research", []string{"Analysis", "Reports", "Briefings", "Datasets", "Maps & Graphics"}},
	{"Regions", []string{"Afghanistan", "Pakistan", "Central Asia", "Iraq & Syria", "Sahel", "Horn of Africa"}},
	{"Topics", []string{"Jihadism", "Counterterrorism", "Propaganda", "Terrorist financing"}},
	{"Podcast", nil},
	{"Events", nil},
	{"About", []string{"Mission", "Staff", "Fellows", "Careers", "Contact"}},
	{"Newsletter", nil},
	{"Donate", nil},
}

func menuHref(base, top, sub string) string {
	switch {
	case top == "Home":
		return base + "/"
	case sub == "":
		return base + "/" + Slugify(top) + "/"
	}
	return base + "/" + Slugify(top) + "/" + Slugify(sub) + "/"
}

var footerLinks = []string{"About us", "Contact", "Careers", "Privacy policy", "Terms of use", "RSS feeds", "Support our work"}

var socialLinks = [][2]string{
	{"X", "https://x.com/"}, {"Telegram", "https://t.me/"}, {"LinkedIn", "https://www.linkedin.com/company/"},
}

// tagCloud is the tag cloud's tags with their weights (the site's own tag
// is added).
var tagCloud = []struct {
	name string
	n    int
}{
	{"Afghanistan", 212}, {"al-Qaeda", 140}, {"Counterterrorism", 190}, {"Islamic State", 260},
	{"Pakistan", 133}, {"Propaganda", 72}, {"Syria", 151}, {"Taliban", 176},
}

func (v *view) tagCloudLinks(b *buf, class string) {
	own := false
	pos := 0
	for k, t := range tagCloud {
		if !own && strings.ToLower(t.name) > strings.ToLower(v.s.opt.Tag) {
			pos++
			v.tagLink(b, class, v.s.opt.Tag, len(v.s.items), 12, pos)
			own = true
		}
		pos++
		v.tagLink(b, class, t.name, t.n, 20+k, pos)
	}
	if !own {
		v.tagLink(b, class, v.s.opt.Tag, len(v.s.items), 12, pos+1)
	}
}

func (v *view) tagLink(b *buf, class, name string, n, id, pos int) {
	size := 8 + float64(min(n, 260))*14/260
	b.w(`<a href="`, v.base, "/tag/", Slugify(name), `/" class="`, class, ` tag-link-`, strconv.Itoa(id), ` tag-link-position-`, strconv.Itoa(pos),
		`" style="font-size: `, strconv.FormatFloat(size, 'f', 1, 64), `pt;" aria-label="`)
	b.e(name)
	b.w(" (", strconv.Itoa(n), ` items)">`)
	b.e(name)
	b.w("</a>\n")
}

func (v *view) searchForm(b *buf) {
	b.w(`<form role="search" method="get" class="search-form" action="`, v.base, `/"><label><span class="screen-reader-text">Search for:</span>`,
		`<input type="search" class="search-field" placeholder="Search &hellip;" value="" name="s"></label>`,
		`<input type="submit" class="search-submit screen-reader-text" value="Search"></form>`, "\n")
}

func (v *view) cookieBanner(b *buf) {
	b.w(`<div id="cookie-notice" role="dialog" class="cookie-notice-hidden cookie-revoke-hidden cn-position-bottom" aria-label="Cookie Notice">`,
		`<div class="cookie-notice-container"><span id="cn-notice-text" class="cn-text-container">We use cookies to make sure you get the best experience on our website. `,
		`Some are essential, others help us understand how the site is used.</span>`,
		`<span id="cn-notice-buttons" class="cn-buttons-container"><a href="#" id="cn-accept-cookie" data-cookie-set="accept" class="cn-set-cookie cn-button" aria-label="Accept">Accept</a>`,
		`<a href="`, v.base, `/privacy-policy/" target="_blank" id="cn-more-info" class="cn-more-info cn-button" aria-label="Privacy policy">Privacy policy</a></span>`,
		`<span id="cn-close-notice" data-cookie-set="accept" class="cn-close-icon" title="Reject"></span></div></div>`, "\n")
}

// scripts writes the page-end scripts, padding included.
func (v *view) scripts(b *buf, theme string) {
	b.w(`<script id="cookie-notice-front-js-before">var cnArgs = {"ajaxUrl":"`, jsURL(v.base), `\/wp-admin\/admin-ajax.php","nonce":"8f2b1c0d4e","hideEffect":"fade","position":"bottom","onScroll":false,"cookieName":"cookie_notice_accepted","cookieTime":2592000,"cache":true};</script>`, "\n",
		`<script src="`, v.base, `/wp-content/plugins/cookie-notice/js/front.min.js?ver=2.5.5" id="cookie-notice-front-js"></script>`, "\n",
		`<script src="`, v.base, `/wp-content/themes/`, theme, `/js/functions.js?ver=20221101" id="`, theme, `-script-js"></script>`, "\n",
		`<script id="analytics-js">window.dataLayer = window.dataLayer || [];function gtag(){dataLayer.push(arguments);}gtag('js', new Date());gtag('config', 'G-7QX2K9ZL4M', {'anonymize_ip': true});</script>`, "\n")
	if v.s.opt.PadBytes > 0 {
		b.w(`<script id="`, theme, `-vendors-js">`)
		b.w(v.s.padding().js)
		b.w("</script>\n")
	}
}

func jsURL(base string) string { return strings.ReplaceAll(base, "/", `\/`) }

// headCommon writes the <head> parts every theme shares: charset, title,
// feeds, emoji settings and the inline styles (with pad, the padding's
// share of inline CSS too).
func (v *view) headCommon(b *buf, title, theme string, pad bool) {
	b.w(`<meta charset="UTF-8">`, "\n", `<meta name="viewport" content="width=device-width, initial-scale=1">`, "\n",
		`<meta name="robots" content="`)
	if v.found {
		b.w("index, follow, max-image-preview:large, max-snippet:-1, max-video-preview:-1")
	} else {
		b.w("noindex, follow")
	}
	b.w(`">`, "\n<title>")
	b.e(title)
	b.w("</title>\n", `<link rel="alternate" type="application/rss+xml" title="`)
	b.e(v.s.opt.SiteName)
	b.w(` &raquo; Feed" href="`, v.base, `/feed/">`, "\n", `<link rel="alternate" type="application/rss+xml" title="`)
	b.e(v.s.opt.SiteName + " » " + v.s.opt.Tag + " Tag Feed")
	b.w(`" href="`, v.base, v.s.listingPath(1), `feed/">`, "\n",
		`<script>window._wpemojiSettings = {"baseUrl":"https:\/\/s.w.org\/images\/core\/emoji\/15.0.3\/72x72\/","ext":".png","svgUrl":"https:\/\/s.w.org\/images\/core\/emoji\/15.0.3\/svg\/","svgExt":".svg","source":{"concatemoji":"`,
		jsURL(v.base), `\/wp-includes\/js\/wp-emoji-release.min.js?ver=6.6.2"}};
/*! This file is auto-generated */
!function(i,n){var o,s,e;function c(e){try{var t={supportTests:e,timestamp:(new Date).valueOf()};sessionStorage.setItem(o,JSON.stringify(t))}catch(e){}}}(window,document);</script>`, "\n",
		`<style id="wp-emoji-styles-inline-css">img.wp-smiley, img.emoji { display: inline !important; border: none !important; box-shadow: none !important; height: 1em !important; width: 1em !important; margin: 0 0.07em !important; vertical-align: -0.1em !important; background: none !important; padding: 0 !important; }</style>`, "\n",
		`<link rel="stylesheet" id="wp-block-library-css" href="`, v.base, `/wp-includes/css/dist/block-library/style.min.css?ver=6.6.2" media="all">`, "\n",
		`<link rel="stylesheet" id="`, theme, `-style-css" href="`, v.base, `/wp-content/themes/`, theme, `/style.css?ver=20240716" media="all">`, "\n",
		`<style id="global-styles-inline-css">`)
	noiseCSS(b, 1200)
	b.w("</style>\n")
	if v.s.opt.PadBytes > 0 && pad {
		b.w(`<style id="`, theme, `-custom-inline-css">`)
		b.w(v.s.padding().css)
		b.w("</style>\n")
	}
	b.w(`<script src="`, v.base, `/wp-includes/js/jquery/jquery.min.js?ver=3.7.1" id="jquery-core-js"></script>`, "\n",
		`<link rel="https://api.w.org/" href="`, v.base, `/wp-json/">`, "\n",
		`<meta name="generator" content="WordPress 6.6.2">`, "\n")
}

// pageTitle is the document title.
func (v *view) pageTitle(sep string) string {
	if !v.found {
		return "Page not found " + sep + " " + v.s.opt.SiteName
	}
	t := v.s.opt.Tag + " Archives"
	if v.n > 1 {
		t += " " + sep + " Page " + strconv.Itoa(v.n) + " of " + strconv.Itoa(v.pages)
	}
	return t + " " + sep + " " + v.s.opt.SiteName
}

func (v *view) bodyClass() string {
	c := "archive tag tag-" + v.s.tagSlug + " tag-12 wp-embed-responsive"
	if !v.found {
		return "error404 wp-embed-responsive"
	}
	if v.n > 1 {
		c += " paged paged-" + strconv.Itoa(v.n) + " tag-paged-" + strconv.Itoa(v.n)
	}
	return c
}

func (v *view) pageURL(n int) string { return v.base + v.s.listingPath(n) }

// pageWindow returns the page numbers a numbered pager shows, with 0 for
// an ellipsis: the first, the last and the current page with two on
// either side.
func (v *view) pageWindow() []int {
	var out []int
	last := 0
	for p := 1; p <= v.pages; p++ {
		if p == 1 || p == v.pages || (p >= v.n-2 && p <= v.n+2) {
			if last != 0 && p > last+1 {
				out = append(out, 0)
			}
			out = append(out, p)
			last = p
		}
	}
	return out
}

// megaMenu writes the padding's long navigation panel (about n bytes).
func (v *view) megaMenu(b *buf, n int) {
	if n <= 0 {
		return
	}
	start := b.Len()
	b.w(`<div class="mega-menu" aria-label="All sections"><div class="mega-menu-inner">`, "\n")
	open := false
	for k := 0; b.Len()-start < n; k++ {
		region := megaRegions[(k/len(megaTopics))%len(megaRegions)]
		if !open {
			b.w(`<ul class="mega-menu-column">`)
			open = true
		}
		topic := megaTopics[k%len(megaTopics)]
		b.w(`<li class="menu-item menu-item-type-taxonomy menu-item-object-category menu-item-`, strconv.Itoa(5000+k), `"><a href="`, v.base, "/region/", Slugify(region), "/", Slugify(topic), `/">`)
		b.e(region + ": " + topic)
		b.w("</a></li>")
		if k%len(megaTopics) == len(megaTopics)-1 {
			b.w("</ul>\n")
			open = false
		}
	}
	if open {
		b.w("</ul>")
	}
	b.w("</div></div>\n")
}

var megaRegions = []string{"Afghanistan", "Pakistan", "Tajikistan", "Uzbekistan", "Kyrgyzstan", "Iran", "Iraq", "Syria", "Türkiye", "Lebanon",
	"Yemen", "Somalia", "Kenya", "Mozambique", "Mali", "Burkina Faso", "Niger", "Nigeria", "Libya", "Egypt", "Europe", "Russia", "Indonesia", "Philippines"}

var megaTopics = []string{"Overview", "Attacks", "Recruitment", "Propaganda", "Financing", "Leadership", "Prisons & camps", "Policy"}

// articleShell writes a simple page (article or 404) around content, in a
// theme-neutral classic layout.
func (v *view) articleShell(b *buf, title string, content func()) {
	b.w("<!DOCTYPE html>\n", `<html lang="en-US">`, "\n<head>\n")
	v.headCommon(b, title+" – "+v.s.opt.SiteName, "site", false)
	b.w("</head>\n", `<body class="`)
	if v.found {
		b.w("post-template-default single single-post single-format-standard")
	} else {
		b.w("error404")
	}
	b.w(`">`, "\n", `<div id="page" class="site"><header id="masthead" class="site-header"><p class="site-title"><a href="`, v.base, `/" rel="home">`)
	b.e(v.s.opt.SiteName)
	b.w("</a></p>\n", `<nav id="site-navigation" class="main-navigation" aria-label="Primary Menu"><ul id="menu-primary" class="nav-menu">`)
	for _, m := range menu {
		b.w(`<li class="menu-item"><a href="`, menuHref(v.base, m.label, ""), `">`)
		b.e(m.label)
		b.w("</a></li>")
	}
	b.w("</ul></nav></header>\n", `<div id="content" class="site-content"><main id="main" class="site-main">`, "\n")
	content()
	b.w("</main>\n", `<aside id="secondary" class="widget-area"><section class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2><ul>`)
	for _, it := range v.recent {
		b.w(`<li><a href="`, v.base, itemPath(it), `">`)
		b.e(it.Title)
		b.w("</a></li>")
	}
	b.w("</ul></section></aside></div>\n", `<footer id="colophon" class="site-footer"><div class="site-info">&copy; `, strconv.Itoa(v.year()), " ")
	b.e(v.s.opt.SiteName)
	b.w("</div></footer></div>\n")
	v.cookieBanner(b)
	b.w("</body>\n</html>\n")
}

// year is the copyright year: the newest post's.
func (v *view) year() int {
	if len(v.s.items) > 0 {
		return v.s.items[0].Published.Year()
	}
	return 2026
}
