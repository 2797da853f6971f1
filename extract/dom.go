package extract

import (
	"iter"
	"net/url"
	"sort"
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
	class  string   // attr(n, "class"), kept: many passes read it
}

type nodeFlag uint16

const (
	fInvisible  nodeFlag = 1 << iota // hidden itself or under a hidden ancestor
	fChrome                          // page-level nav/aside/header/footer or an ARIA landmark of those
	fNegative                        // class/id says sidebar, widget, related, menu, ad…
	fPositive                        // class/id says post, entry, article, teaser…
	fMain                            // main, role=main, #content, #main or inside one
	fHeading                         // h1–h6 or a title/headline class
	fDateHint                        // time element, datetime attribute or date-ish class
	fMeta                            // byline, meta, tags, categories, share: not excerpt text
	fKicker                          // kicker/eyebrow/overline label
	fSummary                         // summary/excerpt/standfirst class
	fSkipText                        // screen-reader-only text
	fAriaHidden                      // aria-hidden: shown, but a repeat for readers' eyes only
)

// anchor is one <a href> of the page body.
type anchor struct {
	el    int32  // index in doc.els
	href  string // absolute, fragment removed
	key   string // canonical URL: identity of the destination
	text  string // visible text, whitespace collapsed
	words int
	util  bool     // taxonomy, author, search, paging or account URL
	site  siteKind // see doc.site
	// labelled: the link shows no text; text is its aria-label (a card's
	// overlay link, "post link to <headline>").
	labelled bool
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
	anchors []anchor
	// bodyAnchors counts the anchors found by indexing, which come first in
	// anchors, in document order (see anchorsFrom); user selectors may add
	// more after them.
	bodyAnchors int
	paths       []pathNode // interned tag paths, see internPath
	top         int32      // the first path of a top-level element, -1 if none
	ldjson      []string   // application/ld+json blocks

	// links maps each href seen to the first anchor with it, or -1 when it
	// is not an http(s) link: a listing links to every entry two or three
	// times (image, title, "read more"), and resolving costs.
	links map[string]int32
	// byNode maps elements to their index; only user selectors, which
	// return nodes, need it, so it is built on first use (see indexOf).
	byNode map[*html.Node]int32
	// ctas caches doc.isCTA, authorClasses doc.authorClass.
	ctas          map[string]bool
	authorClasses map[string]authorClassInfo
	// numOrder is how the page writes numeric dates (see numericOrder),
	// once numOrderKnown.
	numOrder      int8
	numOrderKnown bool
}

// pathNode is one interned tag path: a tag under its parent path. The
// paths under one parent form a list (first, next); there are few of them.
type pathNode struct {
	tag         string
	first, next int32 // first child path, next sibling path; -1 for none
}

// internPath returns the id of the path of a tag element under a parent
// path (-1 for a top-level element).
func (d *doc) internPath(parent int32, tag string) int32 {
	head := d.top
	if parent >= 0 {
		head = d.paths[parent].first
	}
	for p := head; p >= 0; p = d.paths[p].next {
		if d.paths[p].tag == tag {
			return p
		}
	}
	id := int32(len(d.paths))
	d.paths = append(d.paths, pathNode{tag: tag, first: -1, next: head})
	if parent >= 0 {
		d.paths[parent].first = id
	} else {
		d.top = id
	}
	return id
}

// countElements counts the element nodes and the <a href> under n, upper
// bounds of the elements and anchors newDoc indexes, so that both are
// allocated once.
func countElements(n *html.Node) (els, links int) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			els++
			if c.DataAtom == atom.A && hasAttr(c, "href") {
				links++
			}
		}
		if c.FirstChild != nil {
			e, l := countElements(c)
			els, links = els+e, links+l
		}
	}
	return els, links
}

// newDoc indexes root. pageURL must be absolute.
func newDoc(root *html.Node, pageURL *url.URL) *doc {
	nels, nlinks := countElements(root)
	d := &doc{
		root:    root,
		pageURL: pageURL,
		base:    pageURL,
		els:     make([]elem, 0, nels),
		anchors: make([]anchor, 0, nlinks),
		paths:   make([]pathNode, 0, 128),
		top:     -1,
		links:   make(map[string]int32, nlinks),
	}
	d.pageKey, _ = CanonicalURL(pageURL.String())
	d.findBase()
	d.walk(root, -1, 0, 0)
	d.bodyAnchors = len(d.anchors)
	return d
}

// anchorsFrom returns the index of the first anchor at or after element i
// in document order. Loops over the anchors inside an element start there
// rather than at 0: the anchors before it are all before the element.
func (d *doc) anchorsFrom(i int32) int {
	return sort.Search(d.bodyAnchors, func(k int) bool { return d.anchors[k].el >= i })
}

// anchorsIn yields, in order, the anchors that may lie in elements
// [from, to): the body's anchors there, then any that user selectors added
// (which are in no order; callers check those themselves).
func (d *doc) anchorsIn(from, to int32) iter.Seq[int] {
	return func(yield func(int) bool) {
		for k := d.anchorsFrom(from); k < d.bodyAnchors && d.anchors[k].el < to; k++ {
			if !yield(k) {
				return
			}
		}
		for k := d.bodyAnchors; k < len(d.anchors); k++ {
			if !yield(k) {
				return
			}
		}
	}
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
			if inherited&(fInvisible|fSkipText|fAriaHidden) != 0 {
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
	p := d.internPath(ppath, n.Data)
	own := classify(n, inherited)
	fl := own | inherited&(fInvisible|fChrome|fNegative|fMain|fSkipText|fAriaHidden)
	d.els = append(d.els, elem{n: n, parent: parent, depth: depth, path: p, flags: fl, own: own, class: attr(n, "class")})

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
				f |= fAriaHidden
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

// classTokens merges the token sets above into one table, so that
// classHints, which runs for every element, looks each token up once
// rather than once per set.
var classTokens = func() map[string]tokenKind {
	m := make(map[string]tokenKind, 256)
	for _, set := range []struct {
		words map[string]bool
		kind  tokenKind
	}{
		{negativeTokens, tkNegative}, {positiveTokens, tkPositive}, {headingTokens, tkHeading},
		{summaryTokens, tkSummary}, {metaTokens, tkMeta}, {kickerTokens, tkKicker}, {dateTokens, tkDate},
	} {
		for w := range set.words {
			m[w] |= set.kind
		}
	}
	return m
}()

// tokenKind says which of the class-token sets a word belongs to.
type tokenKind uint8

const (
	tkNegative tokenKind = 1 << iota
	tkPositive
	tkHeading
	tkSummary
	tkMeta
	tkKicker
	tkDate
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
		for rest != "" && isClassSpace(rest[0]) { // TrimLeft without a cutset per call
			rest = rest[1:]
		}
		if i := indexClassSpace(rest); i >= 0 {
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
		// CSS-in-JS names end with the component's: "ssrcss-wq5nxu-VisuallyHidden".
		if strings.HasSuffix(w, "-visuallyhidden") || strings.HasSuffix(w, "-sronly") || strings.HasSuffix(w, "-screenreaderonly") {
			f |= fSkipText
		}
		if perItemClass(w) {
			continue
		}
		// BEM ("c-teaser__date", "card__title--big"): the block's name is
		// on every part of the component; the element's name says what
		// this part is, and a modifier ("--tag", "--show-more") only which
		// variant of it this is.
		if strings.HasPrefix(w, "field--name-") {
			// Drupal names the field in the modifier: field--name-body
			// is a teaser's trimmed body, field--name-field-subtitle a
			// subtitle.
			w = w[len("field--name-"):]
			if w == "body" {
				f |= fSummary
			}
		} else if i := strings.Index(w, "--"); i > 0 {
			w = w[:i]
		}
		bemElement := false
		if i := strings.LastIndex(w, "__"); i >= 0 && i+2 < len(w) {
			w, bemElement = w[i+2:], true
		}
		// "has-sidebar", "with-pagination", "no-comments": a state of the
		// element, which holds more than what the word names.
		state := false
		for first := true; w != ""; first = false {
			var t string
			if i := indexTokenSep(w); i >= 0 {
				t, w = w[:i], w[i+1:]
			} else {
				t, w = w, ""
			}
			if t == "" {
				continue
			}
			if first && (t == "has" || t == "with" || t == "no" || t == "without" || t == "enable" || t == "enabled") {
				state = true
			}
			k := classTokens[t]
			if k == 0 {
				continue
			}
			// A pager's name between a theme prefix and a style
			// ("jeg_pagination_nextprev") is the kind of pager a module
			// has, not a pager.
			pagerStyle := !first && w != "" && (t == "pagination" || t == "pager")
			// A component's "secondary" or "more" part is a part of it,
			// not the page's sidebar or a "more" box.
			weak := bemElement && (t == "secondary" || t == "more" || t == "also" || t == "aside" || t == "rail")
			if k&tkNegative != 0 && !state && !pagerStyle && !weak {
				neg++
			}
			if k&tkPositive != 0 {
				pos++
			}
			if k&tkHeading != 0 && a != atom.Body && a != atom.Article && a != atom.Li && a != atom.A && a != atom.Img {
				f |= fHeading
			}
			if k&tkSummary != 0 {
				f |= fSummary
			}
			if k&tkMeta != 0 {
				f |= fMeta
			}
			if k&tkKicker != 0 {
				f |= fKicker
			}
			if k&tkDate != 0 {
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

// indexClassSpace is strings.IndexAny(s, " \t\n\r\f") without building
// a set per call.
func indexClassSpace(s string) int {
	for i := 0; i < len(s); i++ {
		if isClassSpace(s[i]) {
			return i
		}
	}
	return -1
}

// isClassSpace reports the white space that separates class names.
func isClassSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// indexTokenSep is strings.IndexAny(s, "-_:/.") without building a set
// per call.
func indexTokenSep(s string) int {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '-', '_', ':', '/', '.':
			return i
		}
	}
	return -1
}

// allDigits reports whether s is ASCII digits only.
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// hasDigit is strings.ContainsAny(s, "0123456789") without building a set
// per call.
func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if '0' <= s[i] && s[i] <= '9' {
			return true
		}
	}
	return false
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
	// Every prefix below has one '-' or '_', at its end: the word's prefix
	// up to its first '-' or '_' is the only one that can match.
	i := 0
	for i < len(w) && w[i] != '-' && w[i] != '_' {
		i++
	}
	if i+1 >= len(w) { // no separator, or nothing after it
		return false
	}
	switch w[:i+1] {
	case "post-", "postid-", "node-", "entry-", "article-", "story-":
		return allDigits(w[i+1:])
	case "category-", "tag-", "author-", "format-", "status-", "type-", "label-", "topic-", "section-", "term-", "cat-", "category_", "tag_":
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
	raw := attr(n, "href")
	if k, seen := d.links[raw]; seen {
		if k >= 0 {
			a := &d.anchors[k]
			d.anchors = append(d.anchors, anchor{el: i, href: a.href, key: a.key, util: a.util, site: a.site})
		}
		return
	}
	d.links[raw] = -1
	u, ok := ResolveURL(d.base, raw)
	if !ok {
		return
	}
	u.Fragment = ""
	u.RawFragment = ""
	href := u.String()
	// One parse of href serves its canonical form and its site.
	pu, perr := parseHref(href, u)
	key, err := canonicalParsed(href, pu, perr)
	if err != nil {
		return
	}
	d.links[raw] = int32(len(d.anchors))
	d.anchors = append(d.anchors, anchor{el: i, href: href, key: key, util: utilityURL(u), site: d.siteOf(pu, perr)})
}

// parseHref returns what url.Parse(href) returns as far as canonical and
// siteOf read it (scheme, opaque part, host, error), for href = u.String()
// of a URL from ResolveURL. Without user information and with a plain host,
// which String writes as it is, href is scheme://host followed by an
// escaped path and the query; parsing it reads back the host that the
// parse which produced u read, unchanged, so u serves and the parse is
// spared. (Hosts with more than one colon are not plain: url.Parse rejects
// those for http(s) but not in a scheme-relative "//host" reference.)
func parseHref(href string, u *url.URL) (*url.URL, error) {
	if u.User == nil && u.Opaque == "" && u.Host != "" && plainHost(u.Host) {
		return u, nil
	}
	return url.Parse(href)
}

// plainHost reports a host made only of letters, digits, '.', '-' and '_',
// and at most one ':' (before a port): no escapes, brackets or non-ASCII
// bytes.
func plainHost(h string) bool {
	colons := 0
	for i := 0; i < len(h); i++ {
		switch c := h[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '.', c == '-', c == '_':
		case c == ':':
			colons++
		default:
			return false
		}
	}
	return colons <= 1
}

// indexOf returns the index of element n, and false when n is not indexed
// (the head, scripts, styles and what is inside them).
func (d *doc) indexOf(n *html.Node) (int32, bool) {
	if d.byNode == nil {
		d.byNode = make(map[*html.Node]int32, len(d.els))
		for i := range d.els {
			d.byNode[d.els[i].n] = int32(i)
		}
	}
	i, ok := d.byNode[n]
	return i, ok
}

// finishAnchors fills anchor texts once the tree is indexed (texts need the
// invisible flags of descendants).
func (d *doc) finishAnchors() {
	for k := range d.anchors {
		a := &d.anchors[k]
		a.text = d.text(a.el, 0)
		if a.text == "" && d.els[a.el].end == a.el+1 { // no text, no element inside
			if l := overlayLabel(attr(d.els[a.el].n, "aria-label")); l != "" {
				a.text, a.labelled = l, true
			}
		}
		a.words = wordCount(a.text)
	}
}

// overlayLabel is the headline in an overlay link's aria-label, without
// the "post link to" that themes put before it.
func overlayLabel(l string) string {
	l = collapse(l)
	low := strings.ToLower(l)
	for _, p := range []string{"post link to ", "link to ", "permalink to ", "read more about ", "read more: ", "read ", "go to "} {
		if strings.HasPrefix(low, p) {
			return strings.TrimSpace(l[len(p):])
		}
	}
	return l
}

// utilityURL reports URLs that lead to taxonomy, author, search, paging,
// feed or account pages rather than to an article. It is a soft signal.
func utilityURL(u *url.URL) bool {
	p := strings.ToLower(u.Path)
	if p == "" || p == "/" {
		return u.RawQuery == "" || strings.Contains(u.RawQuery, "page") || strings.HasPrefix(u.RawQuery, "s=")
	}
	p += "/" // so that "/tag/" also matches a path ending in "/tag"
	// strings.Contains(p, seg) for each segment, looking only where p has
	// a slash followed by the segment's second byte.
	for i := 0; i+1 < len(p); i++ {
		if p[i] != '/' {
			continue
		}
		for _, seg := range utilitySegments[p[i+1]] {
			if strings.HasPrefix(p[i:], seg) {
				return true
			}
		}
	}
	q := strings.ToLower(u.RawQuery)
	return strings.Contains(q, "replytocom=") || strings.Contains(q, "share=") || strings.HasPrefix(q, "cat=") ||
		strings.HasPrefix(q, "tag=") || strings.HasPrefix(q, "s=") || strings.HasPrefix(q, "paged=")
}

// utilitySegments are the path pieces of utilityURL, by their second byte
// (the one after the leading slash).
var utilitySegments = func() (t [256][]string) {
	for _, seg := range []string{"/tag/", "/tags/", "/category/", "/categories/", "/author/", "/authors/",
		"/label/", "/search", "/page/", "/feed", "/rss", "/wp-login", "/login", "/signin", "/register",
		"/signup", "/account", "/cart", "/user/", "/users/", "/profile", "/privacy", "/terms", "/contact",
		"/about", "/subscribe", "/newsletter", "/wp-admin", "/cdn-cgi/", "/taxonomy/term/", "/topics/",
		"/topic/", "/section/", "/sektion/", "/kategorie/", "/categoria/", "/rubrique/", "/archive", "/comments/"} {
		t[seg[1]] = append(t[seg[1]], seg)
	}
	return t
}()

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

// nonSpace counts the bytes of s other than ' ', '\n', '\t', '\r' and '\f'.
// It runs over all the text of a page, so it adds up a table rather than
// branching per byte.
func nonSpace(s string) int32 {
	k := int32(len(s))
	for i := 0; i < len(s); i++ {
		k -= int32(asciiSpace[s[i]])
	}
	return k
}

var asciiSpace = [256]uint8{' ': 1, '\n': 1, '\t': 1, '\r': 1, '\f': 1}

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
