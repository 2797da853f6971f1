package extract

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// elem is one element of the page, indexed in document (pre-)order so that
// "is b inside a" is a range check: a < b && b < a.end.
type elem struct {
	n      *html.Node
	parent int32 // -1 for the root
	end    int32 // one past the last descendant
	depth  int32
	path   int32    // interned tag path from the root
	text   int32    // visible non-space bytes in the subtree
	link   int32    // of which inside <a href>
	flags  nodeFlag // own flags plus those inherited from ancestors
	own    nodeFlag // what the element's own tag, attributes and classes say
}

type nodeFlag uint16

const (
	fInvisible nodeFlag = 1 << iota // hidden itself or under a hidden ancestor
	fChrome                         // page-level nav/aside/header/footer or an ARIA landmark of those
	fNegative                       // class/id says sidebar, widget, related, menu, ad…
	fPositive                       // class/id says post, entry, article, teaser…
	fMain                           // main, role=main, #content, #main or inside one
	fHeading                        // h1–h6 or a title/headline class
	fDateHint                       // time element, datetime attribute or date-ish class
	fMeta                           // byline, meta, tags, categories, share: not excerpt text
	fKicker                         // kicker/eyebrow/overline label
	fSummary                        // summary/excerpt/standfirst class
	fSkipText                       // screen-reader-only text
)

// anchor is one <a href> of the page body.
type anchor struct {
	el    int32  // index in doc.els
	href  string // absolute, fragment removed
	key   string // canonical URL: identity of the destination
	text  string // visible text, whitespace collapsed
	words int
	util  bool // taxonomy, author, search, paging or account URL
}

// doc is a page parsed once and indexed for every strategy.
type doc struct {
	root    *html.Node
	pageURL *url.URL
	base    *url.URL // <base href> or the page URL
	pageKey string   // canonical page URL
	relNext *url.URL // <link rel=next>
	lang    string
	els     []elem
	index   map[*html.Node]int32
	anchors []anchor
	paths   map[pathKey]int32
	ldjson  []string // application/ld+json blocks
}

type pathKey struct {
	parent int32
	tag    string
}

// newDoc indexes root. pageURL must be absolute.
func newDoc(root *html.Node, pageURL *url.URL) *doc {
	d := &doc{
		root:    root,
		pageURL: pageURL,
		base:    pageURL,
		index:   make(map[*html.Node]int32, 1024),
		els:     make([]elem, 0, 2048),
		paths:   make(map[pathKey]int32, 256),
	}
	d.pageKey, _ = CanonicalURL(pageURL.String())
	d.findBase()
	d.walk(root, -1, 0, 0)
	return d
}

func (d *doc) findBase() {
	var visit func(n *html.Node) bool
	visit = func(n *html.Node) bool {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Html:
				d.lang = strings.ToLower(strings.TrimSpace(attr(n, "lang")))
			case atom.Base:
				if h := attr(n, "href"); h != "" {
					if u, ok := ResolveURL(d.pageURL, h); ok {
						d.base = u
					}
				}
				return false
			case atom.Link:
				d.linkNext(n)
			case atom.Body:
				return true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if visit(c) {
				return true
			}
		}
		return false
	}
	visit(d.root)
}

// walk indexes n's element subtree and returns its (text, link) byte counts.
func (d *doc) walk(n *html.Node, parent int32, inherited nodeFlag, inLink int) (int32, int32) {
	var text, link int32
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			if inherited&(fInvisible|fSkipText) != 0 {
				continue
			}
			k := nonSpace(c.Data)
			text += k
			if inLink > 0 {
				link += k
			}
		case html.ElementNode:
			t, l := d.element(c, parent, inherited, inLink)
			text += t
			link += l
		}
	}
	return text, link
}

func (d *doc) element(n *html.Node, parent int32, inherited nodeFlag, inLink int) (int32, int32) {
	switch n.DataAtom {
	case atom.Script:
		if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") && n.FirstChild != nil {
			d.ldjson = append(d.ldjson, n.FirstChild.Data)
		}
		return 0, 0
	case atom.Head:
		d.scanHead(n)
		return 0, 0
	case atom.Link: // a head element the parser moved into the body
		d.linkNext(n)
		return 0, 0
	case atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Iframe, atom.Object, atom.Select, atom.Option, atom.Textarea:
		return 0, 0
	}
	i := int32(len(d.els))
	depth := int32(0)
	ppath := int32(-1)
	if parent >= 0 {
		depth = d.els[parent].depth + 1
		ppath = d.els[parent].path
	}
	pk := pathKey{ppath, n.Data}
	p, ok := d.paths[pk]
	if !ok {
		p = int32(len(d.paths))
		d.paths[pk] = p
	}
	own := classify(n, inherited)
	fl := own | inherited&(fInvisible|fChrome|fNegative|fMain|fSkipText)
	d.els = append(d.els, elem{n: n, parent: parent, depth: depth, path: p, flags: fl, own: own})
	d.index[n] = i

	childInherited := fl
	// header and footer are chrome only at page level: inside a sectioning
	// element they hold an entry's headline, date and author.
	switch n.DataAtom {
	case atom.Article, atom.Section:
		childInherited &^= fChrome
	}
	if n.DataAtom == atom.A && attr(n, "href") != "" {
		inLink++
		d.addAnchor(n, i)
	}
	t, l := d.walk(n, i, childInherited, inLink)
	e := &d.els[i]
	e.end = int32(len(d.els))
	e.text, e.link = t, l
	return t, l
}

// linkNext records a <link rel=next>.
func (d *doc) linkNext(n *html.Node) {
	if d.relNext == nil && hasWord(strings.ToLower(attr(n, "rel")), "next") {
		if u, ok := ResolveURL(d.base, attr(n, "href")); ok {
			u.Fragment = ""
			d.relNext = u
		}
	}
}

// scanHead collects the head's JSON-LD blocks; the head is not indexed.
func (d *doc) scanHead(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == atom.Script &&
			strings.Contains(strings.ToLower(attr(c, "type")), "ld+json") && c.FirstChild != nil {
			d.ldjson = append(d.ldjson, c.FirstChild.Data)
		}
	}
}

// classify reads the flags an element gives itself and its subtree.
func classify(n *html.Node, inherited nodeFlag) nodeFlag {
	var f nodeFlag
	switch n.DataAtom {
	case atom.Nav, atom.Aside:
		f |= fChrome
	case atom.Header, atom.Footer:
		if inherited&fChrome == 0 && !inSection(n) {
			f |= fChrome
		}
	case atom.Main:
		f |= fMain
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		f |= fHeading
	case atom.Time:
		f |= fDateHint
	case atom.Figcaption:
		f |= fMeta
	}
	var role, class, id, style string
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			f |= fInvisible
		case "aria-hidden":
			if a.Val == "true" {
				f |= fSkipText
			}
		case "style":
			style = a.Val
		case "role":
			role = a.Val
		case "class":
			class = a.Val
		case "id":
			id = a.Val
		case "datetime":
			f |= fDateHint
		case "itemprop":
			switch a.Val {
			case "datePublished", "dateCreated":
				f |= fDateHint
			case "headline", "name":
				if n.DataAtom != atom.Meta {
					f |= fHeading
				}
			case "description":
				f |= fSummary
			case "author", "keywords":
				f |= fMeta
			}
		}
	}
	if style != "" && hiddenStyle(style) {
		f |= fInvisible
	}
	switch role {
	case "navigation", "complementary", "contentinfo", "banner", "menu", "menubar", "search":
		f |= fChrome
	case "main":
		f |= fMain
	case "heading":
		f |= fHeading
	}
	if class != "" || id != "" {
		f |= classHints(class, n.DataAtom) | classHints(id, n.DataAtom)&^(fHeading|fSummary|fKicker)
		if id != "" {
			switch strings.ToLower(id) {
			case "content", "main", "maincontent", "main-content", "primary", "main_content", "contenido", "inhalt":
				f |= fMain
			}
		}
	}
	return f
}

// inSection reports whether n has a sectioning ancestor (article, section,
// aside, nav) below body, which makes its header/footer local to that section.
func inSection(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		switch p.DataAtom {
		case atom.Article, atom.Section, atom.Aside, atom.Nav:
			return true
		case atom.Body:
			return false
		}
	}
	return false
}

func hiddenStyle(s string) bool {
	s = strings.ToLower(s)
	if !strings.Contains(s, "display") && !strings.Contains(s, "visibility") {
		return false
	}
	s = strings.ReplaceAll(s, " ", "")
	return strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden")
}

var (
	negativeTokens = toSet("sidebar", "widget", "widgets", "related", "popular", "recommended", "recommend",
		"menu", "nav", "navbar", "navigation", "footer", "comment", "comments", "share", "sharing", "social",
		"promo", "sponsor", "sponsored", "ad", "ads", "advert", "adverts", "advertisement", "advertising",
		"banner", "breadcrumb", "breadcrumbs", "pagination", "pager", "tagcloud", "cloud", "trending", "most",
		"mostread", "carousel", "slider", "slideshow", "slides", "ticker", "subnav", "dropdown", "megamenu", "mega",
		"outbrain", "taboola", "newsletter", "subscribe", "signup", "cookie", "consent", "modal", "popup",
		"login", "search", "secondary", "aside", "rail", "masthead", "topbar", "toolbar", "blogroll", "webmention",
		"webmentions", "partner", "partners", "native", "more", "also", "tags",
		"categories", "calendar", "skip")
	positiveTokens = toSet("post", "posts", "entry", "entries", "hentry", "article", "articles", "story",
		"stories", "teaser", "teasers", "card", "cards", "views", "node", "blog", "hfeed", "feed", "listing",
		"loop", "river", "stream", "results", "items", "news", "content", "main", "primary", "latest", "item",
		"excerpt", "type")
	headingTokens = toSet("title", "headline", "heading", "hed")
	summaryTokens = toSet("summary", "excerpt", "dek", "standfirst", "lead", "intro", "description", "desc",
		"abstract", "perex", "teaser", "subtitle", "subheadline", "subhead", "deck", "blurb", "snippet", "lede",
		"trail", "preview", "synopsis", "strapline", "chapo", "vorspann", "entradilla", "sommario", "anons", "announce")
	metaTokens = toSet("meta", "byline", "author", "authors", "tags", "tag", "category", "categories", "cat",
		"share", "sharing", "social", "comments", "comment", "footer", "info", "posted", "date", "time",
		"label", "labels", "source", "credit", "caption", "readmore", "more", "rubric", "views", "rating", "stats")
	kickerTokens = toSet("kicker", "eyebrow", "overline", "supertitle", "overtitle", "rubric", "flag", "topic",
		"section", "category", "tag", "badge", "primary")
	dateTokens = toSet("date", "time", "posted", "published", "pubdate", "timestamp", "dateline", "datetime",
		"fecha", "datum", "data", "dt", "updated", "ago", "day", "calendar")
	srOnlyTokens = toSet("sr", "screen", "visually", "visuallyhidden", "offscreen", "invisible")
)

// classHints maps class (or id) tokens to flags. Tokens are whole words after
// splitting on space, '-' and '_', so "entry-meta" is {entry, meta}. It is
// called for every element, so it does not allocate for ASCII lower-case
// input.
func classHints(s string, a atom.Atom) nodeFlag {
	var f nodeFlag
	if hasUpper(s) {
		s = strings.ToLower(s)
	}
	var neg, pos int
	for rest := s; rest != ""; {
		var w string
		rest = strings.TrimLeft(rest, " \t\n\r\f")
		if i := strings.IndexAny(rest, " \t\n\r\f"); i >= 0 {
			w, rest = rest[:i], rest[i:]
		} else {
			w, rest = rest, ""
		}
		if w == "" {
			continue
		}
		switch w {
		case "screen-reader-text", "sr-only", "visually-hidden", "visuallyhidden", "element-invisible",
			"screen-reader-only", "a11y-hidden", "u-hidden-visually", "hide-text", "assistive-text":
			f |= fSkipText
		case "hentry", "h-entry", "type-post", "views-row", "post-card", "node--teaser":
			f |= fPositive
		case "entry-title", "post-title", "p-name", "headline":
			if a != atom.Body && a != atom.Article {
				f |= fHeading
			}
		case "entry-summary", "p-summary", "excerpt", "post-excerpt":
			f |= fSummary
		case "published", "dt-published", "updated", "entry-date":
			f |= fDateHint
		case "hidden", "d-none", "is-hidden":
			f |= fInvisible
		}
		if perItemClass(w) {
			continue
		}
		for w != "" {
			var t string
			if i := strings.IndexAny(w, "-_:/."); i >= 0 {
				t, w = w[:i], w[i+1:]
			} else {
				t, w = w, ""
			}
			if t == "" {
				continue
			}
			if negativeTokens[t] {
				neg++
			}
			if positiveTokens[t] {
				pos++
			}
			if headingTokens[t] && a != atom.Body && a != atom.Article && a != atom.Li && a != atom.A && a != atom.Img {
				f |= fHeading
			}
			if summaryTokens[t] {
				f |= fSummary
			}
			if metaTokens[t] {
				f |= fMeta
			}
			if kickerTokens[t] {
				f |= fKicker
			}
			if dateTokens[t] {
				f |= fDateHint
			}
		}
	}
	if neg > 0 {
		f |= fNegative
	}
	if pos > 0 && pos >= neg {
		f |= fPositive
		f &^= fNegative
	}
	return f
}

func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' || c >= 0x80 {
			return true
		}
	}
	return false
}

// perItemClass reports class words a CMS derives from the entry itself —
// WordPress post_class() gives "category-news tag-iskp post-603
// format-standard" — which say nothing about what the element is.
func perItemClass(w string) bool {
	for _, p := range []string{"post-", "postid-", "node-", "entry-", "article-", "story-"} {
		if strings.HasPrefix(w, p) && len(w) > len(p) && strings.Trim(w[len(p):], "0123456789") == "" {
			return true
		}
	}
	for _, p := range []string{"category-", "tag-", "author-", "format-", "status-", "type-", "label-", "topic-", "section-", "term-", "cat-", "category_", "tag_"} {
		if strings.HasPrefix(w, p) && len(w) > len(p) {
			switch w {
			case "post-title", "post-excerpt", "post-summary", "post-meta", "post-date", "post-author", "post-header",
				"post-footer", "post-content", "post-body", "post-card", "post-list", "post-item", "post-entry",
				"post-info", "post-tags", "post-categories", "post-thumbnail", "post-image", "post-byline",
				"node-title", "node-teaser", "section-title", "section-header", "topic-title", "tag-cloud",
				"author-name", "author-link", "cat-links", "tag-links", "post-preview", "post-link":
				return false
			}
			return true
		}
	}
	return false
}

func toSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

func (d *doc) addAnchor(n *html.Node, i int32) {
	u, ok := ResolveURL(d.base, attr(n, "href"))
	if !ok {
		return
	}
	u.Fragment = ""
	u.RawFragment = ""
	href := u.String()
	key, err := CanonicalURL(href)
	if err != nil {
		return
	}
	d.anchors = append(d.anchors, anchor{el: i, href: href, key: key, util: utilityURL(u)})
}

// finishAnchors fills anchor texts once the tree is indexed (texts need the
// invisible flags of descendants).
func (d *doc) finishAnchors() {
	for k := range d.anchors {
		a := &d.anchors[k]
		a.text = d.text(a.el, 0)
		a.words = wordCount(a.text)
	}
}

// utilityURL reports URLs that lead to taxonomy, author, search, paging,
// feed or account pages rather than to an article. It is a soft signal.
func utilityURL(u *url.URL) bool {
	p := strings.ToLower(u.Path)
	if p == "" || p == "/" {
		return u.RawQuery == "" || strings.Contains(u.RawQuery, "page") || strings.HasPrefix(u.RawQuery, "s=")
	}
	for _, seg := range []string{"/tag/", "/tags/", "/category/", "/categories/", "/author/", "/authors/",
		"/label/", "/search", "/page/", "/feed", "/rss", "/wp-login", "/login", "/signin", "/register",
		"/signup", "/account", "/cart", "/user/", "/users/", "/profile", "/privacy", "/terms", "/contact",
		"/about", "/subscribe", "/newsletter", "/wp-admin", "/cdn-cgi/", "/taxonomy/term/", "/topics/",
		"/topic/", "/section/", "/sektion/", "/kategorie/", "/categoria/", "/rubrique/", "/archive", "/comments/"} {
		if strings.Contains(p+"/", seg) {
			return true
		}
	}
	q := strings.ToLower(u.RawQuery)
	return strings.Contains(q, "replytocom=") || strings.Contains(q, "share=") || strings.HasPrefix(q, "cat=") ||
		strings.HasPrefix(q, "tag=") || strings.HasPrefix(q, "s=") || strings.HasPrefix(q, "paged=")
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

func nonSpace(s string) int32 {
	var k int32
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\n', '\t', '\r', '\f':
		default:
			k++
		}
	}
	return k
}

// contains reports whether element b is inside element a (or is a).
func (d *doc) contains(a, b int32) bool {
	return a <= b && b < d.els[a].end
}

// lca returns the lowest common ancestor of a and b.
func (d *doc) lca(a, b int32) int32 {
	for a != b {
		if a < 0 || b < 0 {
			return -1
		}
		if d.els[a].depth > d.els[b].depth {
			a = d.els[a].parent
		} else if d.els[b].depth > d.els[a].depth {
			b = d.els[b].parent
		} else {
			a, b = d.els[a].parent, d.els[b].parent
		}
	}
	return a
}

// childToward returns the child of anc on the way down to desc.
func (d *doc) childToward(anc, desc int32) int32 {
	for desc >= 0 && d.els[desc].parent != anc {
		desc = d.els[desc].parent
	}
	return desc
}
