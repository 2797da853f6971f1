package extract

import (
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// fieldReader reads an entry's fields from its elements. It serves the
// zero-config records and, for fields without a user selector, the
// selector-mode items too.
type fieldReader struct {
	d   *doc
	now time.Time
}

// item builds the Item of record r.
func (f fieldReader) item(r record) Item {
	d := f.d
	r.anchor = f.headline(r)
	a := &d.anchors[r.anchor]
	it := Item{URL: a.href}
	it.Title = f.title(r)
	it.Summary = f.summary(r, it.Title)
	it.Published = f.date(r, a.href)
	it.Author = f.author(r)
	it.Image = f.image(r)
	return it
}

// each calls fn for every element of r in document order.
func (f fieldReader) each(r record, fn func(j int32) bool) {
	d := f.d
	for j := r.first; j <= r.last && j < int32(len(d.els)); {
		end := d.els[j].end
		for k := j; k < end; k++ {
			if !fn(k) {
				return
			}
		}
		if r.first == r.last {
			return
		}
		j = end
	}
}

// title is the headline as a reader sees it. r.anchor is the headline
// link (item sets it).
func (f fieldReader) title(r record) string {
	d := f.d
	a := &d.anchors[r.anchor]
	e := &d.els[a.el]
	// A card-wide link: the headline is its heading, else its first block.
	for j := a.el + 1; j < e.end; j++ {
		if d.els[j].flags&fHeading != 0 && d.els[j].flags&fInvisible == 0 {
			if t := d.text(j, fKicker|fDateHint); t != "" {
				return t
			}
		}
	}
	t := d.text(a.el, fKicker|fDateHint)
	// A post without a title, found by its permalink ("January 14,
	// 2026"): its headline is the first line of its text.
	if f.untitled(a.text) {
		if h := f.untitledHeadline(r, a); h != "" {
			return h
		}
	}
	if a.labelled {
		// An overlay link over the card: the headline is the card's heading.
		for j := r.first; j < d.els[r.last].end; j++ {
			if d.els[j].flags&fHeading != 0 && d.els[j].flags&fInvisible == 0 {
				if h := d.text(j, fKicker|fDateHint); h != "" {
					return h
				}
			}
		}
	}
	if t == "" {
		t = a.text
	}
	if hasBlockChild(e.n) {
		for j := a.el + 1; j < e.end; j++ {
			if isBlock(d.els[j].n.DataAtom) && d.els[j].flags&(fKicker|fInvisible|fMeta) == 0 {
				if s := d.text(j, fKicker|fDateHint); s != "" && hasLetter(s) {
					t = s
					break
				}
			}
		}
	}
	// A link around the headline and more (inline spans: title, then
	// description) whose title attribute is the headline: that is it.
	if ti := collapse(attr(e.n, "title")); ti != "" && len(t) > len(ti)+15 && strings.HasPrefix(t, ti) {
		return ti
	}
	// A truncated headline ("Long title…") next to the full one.
	if strings.HasSuffix(t, "…") || strings.HasSuffix(t, "...") {
		stem := strings.TrimSpace(strings.TrimRight(t, ".…"))
		if ti := collapse(attr(e.n, "title")); len(ti) > len(stem) && strings.HasPrefix(ti, stem) {
			return ti
		}
		for k := range d.anchorsIn(r.first, d.els[r.last].end) {
			o := &d.anchors[k]
			if o.key == a.key && o.el != a.el && f.within(r, o.el) && len(o.text) > len(stem) && strings.HasPrefix(o.text, stem) {
				return o.text
			}
		}
	}
	if t == "" {
		t = collapse(attr(e.n, "title"))
	}
	if t == "" {
		t = collapse(attr(e.n, "aria-label"))
	}
	return t
}

// headline picks, among the record's links to its destination, the one
// that carries the headline: in or around a heading first, not inside a
// summary, not a "Read more".
func (f fieldReader) headline(r record) int {
	d := f.d
	key := d.anchors[r.anchor].key
	best, bestScore := r.anchor, -1000
	for k := range d.anchorsIn(r.first, d.els[r.last].end) {
		o := &d.anchors[k]
		if o.key != key || !f.within(r, o.el) || o.text == "" {
			continue
		}
		sc := 0
		if f.underFlag(o.el, r.first-1, fHeading) {
			sc += 100
		} else {
			for j := o.el + 1; j < d.els[o.el].end; j++ {
				if d.els[j].flags&fHeading != 0 {
					sc += 90
					break
				}
			}
		}
		if f.underFlag(o.el, r.first-1, fSummary) || d.els[o.el].flags&fSummary != 0 {
			sc -= 50
		}
		if d.isCTA(o.text) {
			sc -= 80
		}
		if f.underFlag(o.el, r.first-1, fMeta) {
			sc -= 30
		}
		if o.words >= 2 {
			sc += 10
		}
		if sc > bestScore {
			best, bestScore = k, sc
		}
	}
	return best
}

// findDate is FindDate(s, f.now, d.lang) with a reused token buffer:
// entries' texts are often longer than FindDate's own.
func (f fieldReader) findDate(s string) (Date, bool) {
	buf := tokenBufs.Get().(*[]dtToken)
	dt, ok, toks := findDate(s, f.now, f.d.lang, (*buf)[:0])
	*buf = toks
	tokenBufs.Put(buf)
	return dt, ok
}

// tokenBufs holds findDate's token buffers between calls and pages: a
// page's entry texts need a few hundred tokens each.
var tokenBufs = sync.Pool{New: func() any {
	toks := make([]dtToken, 0, 256)
	return &toks
}}

func (f fieldReader) within(r record, i int32) bool {
	d := f.d
	return i >= r.first && (i <= r.last || i < d.els[r.last].end)
}

func hasBlockChild(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (isBlock(c.DataAtom) || c.DataAtom == atom.Span && hasBlockChild(c)) {
			return true
		}
	}
	return false
}

// ctaRe matches call-to-action link texts that are not part of an excerpt.
var ctaRe = regexp.MustCompile(`(?i)^[\s\[\(»›→…\.]*(` + ctaWords + `)\b?.{0,40}$`)

const ctaWords = `read|continue|keep|view|see|show|weiter|mehr|lire|lisez|voir|leer|seguir|sigue|ver|leggi|continua|continuar|ler|lees|czytaj|čítať|citi|læs|les|läs|подробнее|читать|далее|читайте|подробности|детальніше|続き|阅读|閱讀|更多|查看|devam|selengkapnya|baca`

// ctaStarts are ctaRe's words as a phraseSet. ctaRe can only match a text
// that starts with one of them after its leading ctaLead characters, which
// most link texts (headlines) do not; ctaRe, at a few microseconds a text,
// is run only on the others.
var ctaStarts = newPhraseSet(regexp.MustCompile(`(?i)^(?:` + ctaWords + `)`))

// ctaLead is ctaRe's leading class, [\s\[\(»›→…\.], as a cutset.
const ctaLead = "\t\n\f\r [(»›→…."

// trailingMarkRe matches the "[…]"-style markers CMSs append to excerpts.
var trailingMarkRe = regexp.MustCompile(`\s*(\[\s*(…|\.\.\.|&hellip;)\s*\]|\(\s*more\s*(…|\.\.\.)?\s*\)|\[\s*(read|continue)[^\]]*\])\s*$`)

// isCTA is isCTA(s), remembered: every entry of a list has the same "Read
// more" link, and ctaRe costs microseconds a text.
func (d *doc) isCTA(s string) bool {
	if s == "" || len(s) > 60 {
		return false
	}
	cta, ok := d.ctas[s]
	if !ok {
		cta = isCTA(s)
		if d.ctas == nil {
			d.ctas = make(map[string]bool)
		}
		d.ctas[s] = cta
	}
	return cta
}

func isCTA(s string) bool {
	if s == "" || len(s) > 60 {
		return false
	}
	if s == "»" || s == "›" || s == "→" || s == "…" || s == "..." || s == "[…]" || s == "[...]" {
		return true
	}
	return ctaStarts.in(strings.TrimLeft(s, ctaLead)) && ctaRe.MatchString(s)
}

// summary is the excerpt shown with the entry.
func (f fieldReader) summary(r record, title string) string {
	d := f.d
	head := d.anchors[r.anchor].el
	key := d.anchors[r.anchor].key
	// Where the headline text sits: in a card-wide link, its heading.
	headAt := head
	for j := head + 1; j < d.els[head].end; j++ {
		if d.els[j].flags&fHeading != 0 {
			headAt = j
			break
		}
	}
	// 1. An element the page itself calls a summary or excerpt.
	var best string
	f.each(r, func(j int32) bool {
		e := &d.els[j]
		if e.flags&fSummary == 0 || e.flags&(fInvisible|fSkipText|fAriaHidden) != 0 || d.contains(j, head) || e.flags&fHeading != 0 {
			return true
		}
		// "avatar__intro" with itemprop=author introduces the author.
		if ip := attr(e.n, "itemprop"); ip == "author" || ip == "creator" || ip == "publisher" {
			return true
		}
		// A short line above the headline is its kicker ("teaser-kicker"
		// has the "teaser" of a summary class in it).
		if j < headAt && (e.own&fKicker != 0 || e.text < 60) {
			return true
		}
		if e.n.DataAtom == atom.Meta || float64(f.foreignLinkText(j, key)) > 0.5*float64(e.text) {
			return true
		}
		if s := f.excerptText(j); runeLen(s) >= 15 && s != title {
			if dt, ok := f.findDate(s); ok && len(dt.Raw)+4 >= len(s) {
				return true // a date line, whatever its class says
			}
			best = s
			return false
		}
		return true
	})
	if best != "" {
		return best
	}
	cardLink := hasBlockChild(d.els[head].n)
	// A post without a title took its first line as the title: the text
	// beside that line is its summary, whatever its box is called (a
	// Tumblr photo post's "caption").
	titleBlock := int32(-1)
	if a := &d.anchors[r.anchor]; a.text != title && f.untitled(a.text) {
		for j := r.first; j < d.els[r.last].end && titleBlock < 0; j++ {
			if (d.els[j].n.DataAtom == atom.P || d.els[j].n.DataAtom == atom.Figcaption || headingRank(d.els[j].n.DataAtom) > 0) && d.text(j, fKicker|fDateHint) == title {
				titleBlock = j
			}
		}
	}
	// 2. The first sentence-like block of text that is not the headline,
	//    a date, a byline or a label.
	var fallback string
	f.each(r, func(j int32) bool {
		e := &d.els[j]
		// A card's subtitle set as a lesser heading under its headline
		// (Medium: h2 title, h3 subtitle, one link around both).
		if cardLink && j > headAt && !d.contains(j, headAt) && !d.contains(headAt, j) && d.contains(head, j) &&
			e.flags&(fInvisible|fSkipText|fAriaHidden) == 0 && headingRank(d.els[headAt].n.DataAtom) > 0 &&
			headingRank(e.n.DataAtom) > headingRank(d.els[headAt].n.DataAtom) {
			if s := f.excerptText(j); wordCount(s) >= 5 && s != title {
				best = s
				return false
			}
		}
		// A "Read more" that is the entry's only link sits inside its
		// excerpt's paragraph; excerptText leaves it out.
		if !textBlock(e.n) || d.contains(j, head) && !f.untitled(d.anchors[r.anchor].text) || e.flags&(fInvisible|fSkipText|fAriaHidden) != 0 {
			return true
		}
		// Inside the headline link only a card-wide link holds an excerpt.
		if d.contains(head, j) && (!cardLink || f.underFlag(j, head, fHeading)) {
			return true
		}
		// Ancestors that hold the headline too wrap the whole entry; their
		// classes ("date-posts", "post-meta-wrap") say nothing about j.
		if (titleBlock < 0 || e.parent != d.els[titleBlock].parent) &&
			f.underFlag(j, d.entryTop(j, head, r.first), fMeta|fHeading|fDateHint|fKicker|fChrome|fNegative) {
			return true
		}
		s := f.excerptText(j)
		if s == "" || s == title {
			return true
		}
		// The first paragraph of a whole post shown in the listing is its
		// summary however short ("From DefCon:" before a quote).
		if f.opensBody(j) && !bylineLike(s) && 3*f.foreignLinkText(j, key) <= 2*e.text {
			if _, isDate := f.findDate(s); !isDate || runeLen(s) > 60 {
				best = s
				return false
			}
		}
		if strings.HasSuffix(s, ":") || float64(f.foreignLinkText(j, key)) > 0.5*float64(e.text) {
			return true
		}
		if len(s) < 120 && runeLen(s) < 40 {
			if _, ok := f.findDate(s); ok {
				return true
			}
		}
		if sentenceLike(s) || wordCount(s) >= 4 && runeLen(s) >= 20 && endsSentence(s) {
			best = s
			// A whole post written as text and <br><br> (old blogs): its
			// first paragraph, as with <p> paragraphs.
			if runeLen(s) >= 200 {
				if p := f.firstBrParagraph(j); runeLen(p) >= 40 && 10*len(p) < 7*len(s) {
					best = p
				}
			}
			return false
		}
		if fallback == "" && runeLen(s) >= 25 && wordCount(s) >= 4 && !labelLine(s) {
			fallback = s
		}
		return true
	})
	if best == "" {
		best = fallback
	}
	if best == "" {
		best = f.noscriptSummary(r)
	}
	return best
}

// noscriptSummary is the first paragraph of a post body that the page
// renders with a script and gives as markup only inside <noscript>
// (Blogger's official blogs). The parser keeps noscript content as text.
func (f fieldReader) noscriptSummary(r record) string {
	d := f.d
	var ns *html.Node
	var find func(n *html.Node)
	find = func(n *html.Node) {
		if n.DataAtom == atom.Noscript {
			if c := n.FirstChild; c != nil && c.Type == html.TextNode && len(c.Data) > 200 {
				ns = n
			}
			return
		}
		for c := n.FirstChild; c != nil && ns == nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				find(c)
			}
		}
	}
	for j := r.first; j <= r.last && ns == nil; j = d.els[j].end {
		find(d.els[j].n)
		if r.first == r.last || d.els[j].end > r.last {
			break
		}
	}
	if ns == nil {
		return ""
	}
	nodes, err := html.ParseFragment(strings.NewReader(ns.FirstChild.Data), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return ""
	}
	var out string
	var para func(n *html.Node)
	para = func(n *html.Node) {
		if out != "" || n.Type != html.ElementNode {
			return
		}
		if n.DataAtom == atom.P {
			var b collapser
			nodeText(&b, n)
			if s := b.String(); runeLen(s) >= 20 && !bylineLike(s) {
				out = s
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			para(c)
		}
	}
	for _, n := range nodes {
		para(n)
	}
	return out
}

// nodeString is n's text as nodeText writes it.
func nodeString(n *html.Node) string {
	var b collapser
	nodeText(&b, n)
	return b.String()
}

// nodeText writes the text of n's subtree, <br> and blocks as spaces.
func nodeText(b *collapser, n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode:
			b.WriteString(c.Data)
		case c.Type != html.ElementNode:
		case c.DataAtom == atom.Br:
			b.WriteBreak()
		case c.DataAtom == atom.Script || c.DataAtom == atom.Style:
		default:
			nodeText(b, c)
			if isBlock(c.DataAtom) {
				b.WriteSpace()
			}
		}
	}
}

// metaLine returns the first line of text block j when it is a byline or
// dateline of its own — an inline element with a link or a date, then a
// <br> ("<p><small><a>Jane</a> - Today</small><br>The excerpt…") — or nil.
func (f fieldReader) metaLine(j int32) *html.Node {
	d := f.d
	c := d.els[j].n.FirstChild
	for c != nil && c.Type == html.TextNode && strings.TrimSpace(c.Data) == "" {
		c = c.NextSibling
	}
	if c == nil || c.Type != html.ElementNode {
		return nil
	}
	switch c.DataAtom {
	case atom.Small, atom.Span, atom.Em, atom.I, atom.B, atom.Strong, atom.Font, atom.Time:
	default:
		return nil
	}
	br := c.NextSibling
	for br != nil && br.Type == html.TextNode && strings.TrimSpace(br.Data) == "" {
		br = br.NextSibling
	}
	if br == nil || br.DataAtom != atom.Br || br.NextSibling == nil {
		return nil
	}
	k := j + 1 // c is j's first element and is indexed
	if k >= d.els[j].end || d.els[k].n != c || d.els[k].text > 120 || d.els[j].text-d.els[k].text < 10 {
		return nil
	}
	if d.els[k].link == 0 && d.els[k].flags&(fMeta|fDateHint) == 0 {
		if _, isDate := f.findDate(d.text(k, 0)); !isDate {
			return nil
		}
	}
	// Skipping c skips through the <br>: make it c's next sibling.
	if c.NextSibling != br {
		return nil
	}
	return c
}

// headingRank is 1 for h1 … 6 for h6, 0 for other elements.
func headingRank(a atom.Atom) int {
	switch a {
	case atom.H1:
		return 1
	case atom.H2:
		return 2
	case atom.H3:
		return 3
	case atom.H4:
		return 4
	case atom.H5:
		return 5
	case atom.H6:
		return 6
	}
	return 0
}

// notNames are words that follow "by" in text but are no one's name.
var notNames = toSet("the", "a", "an", "this", "that", "these", "those", "its", "our", "your", "their", "his", "her",
	"far", "now", "then", "way", "default", "design", "date", "email", "phone", "mail", "post", "hand",
	"der", "die", "das", "den", "dem", "einen", "eine", "le", "la", "les", "un", "une", "el", "los", "las", "il", "lo")

// labelLine reports a metadata line of the form "Label: value"
// ("Organisation: Foreign Office", "Document type: Press release").
func labelLine(s string) bool {
	i := strings.IndexByte(s, ':')
	if i <= 0 || i > 24 || runeLen(s) > 100 {
		return false
	}
	for _, r := range s[:i] {
		if !unicode.IsLetter(r) && r != ' ' && r != '-' {
			return false
		}
	}
	return wordCount(s[:i]) <= 3 && wordCount(s[i+1:]) <= 6 && !endsSentence(s)
}

// untitledHeadline is the headline of an entry whose link shows none: a
// heading in it, else its image's caption or alt text, else its first
// line of text.
func (f fieldReader) untitledHeadline(r record, a *anchor) string {
	d := f.d
	end := d.els[r.last].end
	usable := func(j int32) bool {
		return j != a.el && !d.contains(a.el, j) && d.els[j].flags&(fInvisible|fSkipText|fAriaHidden) == 0
	}
	for j := r.first; j < end; j++ {
		if usable(j) && d.els[j].flags&fHeading != 0 && d.els[j].flags&fMeta == 0 {
			if h := d.text(j, fKicker|fDateHint); runeLen(h) >= 10 && hasLetter(h) {
				return h
			}
		}
	}
	for j := r.first; j < end; j++ {
		if usable(j) && d.els[j].n.DataAtom == atom.Figcaption {
			if h := d.text(j, fKicker|fDateHint); runeLen(h) >= 10 && runeLen(h) <= 200 && hasLetter(h) {
				return h
			}
		}
	}
	for k := range d.anchorsIn(r.first, end) {
		o := &d.anchors[k]
		if o.key != a.key || !f.within(r, o.el) {
			continue
		}
		for j := o.el + 1; j < d.els[o.el].end; j++ {
			if d.els[j].n.DataAtom == atom.Img {
				if alt := collapse(attr(d.els[j].n, "alt")); wordCount(alt) >= 3 {
					return alt
				}
			}
		}
	}
	for j := r.first; j < end; j++ {
		if usable(j) && d.els[j].flags&fMeta == 0 && d.els[j].n.DataAtom == atom.P {
			if h := d.text(j, fKicker|fDateHint); runeLen(h) >= 10 && hasLetter(h) {
				return h
			}
		}
	}
	return ""
}

// firstBrParagraph is the text of element j up to its first paragraph
// break written as two <br>s, or "" when it has none.
func (f fieldReader) firstBrParagraph(j int32) string {
	var b collapser
	brs := 0
	for c := f.d.els[j].n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode:
			if strings.TrimSpace(c.Data) != "" {
				brs = 0
			}
			b.WriteString(c.Data)
		case c.Type != html.ElementNode:
		case c.DataAtom == atom.Br:
			if brs++; brs == 2 {
				if t := b.String(); t != "" {
					return t
				}
				brs = 0 // an image above the first paragraph
				continue
			}
			b.WriteBreak()
		case c.DataAtom == atom.Script || c.DataAtom == atom.Style:
		default:
			if c.DataAtom == atom.A && f.d.isCTA(nodeString(c)) {
				continue
			}
			brs = 0
			nodeText(&b, c)
		}
	}
	return ""
}

// untitled reports a headline link that shows no headline: a permalink
// showing the post's date, or a "Read more".
func (f fieldReader) untitled(text string) bool {
	if dt, ok := f.findDate(text); ok && len(dt.Raw)+4 >= len(text) {
		return true
	}
	return f.d.isCTA(text)
}

// glued reports an element written between two letters with no space
// ("debi<a>...</a>@lists.debian.org"): part of the text, not a link of
// its own.
func glued(n *html.Node) bool {
	p, q := n.PrevSibling, n.NextSibling
	if p == nil || q == nil || p.Type != html.TextNode || q.Type != html.TextNode || p.Data == "" || q.Data == "" {
		return false
	}
	a, _ := utf8.DecodeLastRuneInString(p.Data)
	b, _ := utf8.DecodeRuneInString(q.Data)
	return !unicode.IsSpace(a) && !unicode.IsSpace(b) && !unicode.IsPunct(a)
}

// opensBody reports a paragraph that starts a post's body: more body
// follows it among its siblings, and the body is long (a whole post, not a
// teaser's excerpt with a meta line under it).
func (f fieldReader) opensBody(j int32) bool {
	d := f.d
	e := &d.els[j]
	if e.n.DataAtom != atom.P || e.parent < 0 || d.els[e.parent].text < 200 {
		return false
	}
	next := e.end
	if next >= d.els[e.parent].end || d.els[next].parent != e.parent {
		return false
	}
	n := &d.els[next]
	if n.flags&(fMeta|fDateHint|fChrome|fNegative|fInvisible) != 0 {
		return false
	}
	switch n.n.DataAtom {
	case atom.P, atom.Blockquote, atom.Ul, atom.Ol, atom.Pre, atom.Figure, atom.Table:
		return n.text > 0 || n.n.DataAtom == atom.Figure || n.n.DataAtom == atom.P
	}
	return false
}

// bylineLineRe matches a line that is a byline ("By Jane Doe", "Posted
// by …", "Von …").
var bylineLineRe = regexp.MustCompile(`(?i)^(posted |written )?(by|von|par|por|di|door|av|przez|автор:?)\s`)

func bylineLike(s string) bool { return runeLen(s) < 80 && bylineLineRe.MatchString(s) }

// foreignLinkText is the link text inside element j that leads elsewhere
// than the entry's own destination.
func (f fieldReader) foreignLinkText(j int32, key string) int32 {
	d := f.d
	if d.els[j].link == 0 {
		return 0
	}
	var n int32
	end := d.els[j].end
	for k := d.anchorsFrom(j); k < len(d.anchors); k++ {
		a := &d.anchors[k]
		if a.el < j {
			continue
		}
		if a.el >= end {
			break
		}
		if a.key != key {
			n += d.els[a.el].link
		}
	}
	return n
}

func sentenceLike(s string) bool {
	if cjkShare(s) > 0.3 {
		return runeLen(s) >= 20
	}
	return runeLen(s) >= 60 && wordCount(s) >= 8
}

func endsSentence(s string) bool {
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") ||
		strings.HasSuffix(s, "…") || strings.HasSuffix(s, "。") || strings.HasSuffix(s, "”") || strings.HasSuffix(s, "\"")
}

// textBlock reports elements that hold running text directly.
func textBlock(n *html.Node) bool {
	switch n.DataAtom {
	case atom.P, atom.Dd, atom.Blockquote:
		return true
	case atom.Div, atom.Section, atom.Span, atom.Li, atom.Td, atom.Header, atom.Footer, atom.Article, atom.Font, 0:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode && nonSpace(c.Data) > 10 {
				return true
			}
		}
	}
	return false
}

// underFlag reports whether element j or an ancestor up to stop carries one
// of the flags as its own.
func (f fieldReader) underFlag(j, stop int32, fl nodeFlag) bool {
	d := f.d
	// The entry's own element is not asked: its classes describe the whole
	// entry ("post hentry category-news"), not one part of it.
	for p := j; p > stop; p = d.els[p].parent {
		if d.els[p].own&fl != 0 {
			return true
		}
	}
	return false
}

// entryTop returns the highest ancestor of j below which no element holds
// the headline element head (or stop, when j is inside the headline).
func (d *doc) entryTop(j, head, stop int32) int32 {
	if d.contains(head, j) {
		return stop
	}
	p := j
	for p >= 0 && p > stop && !d.contains(p, head) {
		p = d.els[p].parent
	}
	return p
}

// excerptText is the text of element j without "Read more" links and
// trailing "[…]" markers.
func (f fieldReader) excerptText(j int32) string {
	d := f.d
	var b collapser
	b.b.Grow(int(d.els[j].text) + 16)
	skipLine := f.metaLine(j)
	var walk func(i int32)
	walk = func(i int32) {
		kids := d.childIndex(i)
		for c := d.els[i].n.FirstChild; c != nil; c = c.NextSibling {
			if c == skipLine {
				c = c.NextSibling // and the <br> after it
				continue
			}
			switch c.Type {
			case html.TextNode:
				b.WriteString(c.Data)
			case html.ElementNode:
				k, ok := kids.next(c)
				if !ok || d.els[k].flags&(fInvisible|fSkipText|fAriaHidden) != 0 || c.DataAtom == atom.Figure || c.DataAtom == atom.Figcaption {
					continue
				}
				if c.DataAtom == atom.A && d.isCTA(d.text(k, 0)) && !glued(c) {
					continue
				}
				if c.DataAtom == atom.Br {
					b.WriteBreak()
					continue
				}
				if isBlock(c.DataAtom) {
					b.WriteSpace()
				}
				walk(k)
				if isBlock(c.DataAtom) {
					b.WriteSpace()
				}
			}
		}
	}
	walk(j)
	s := b.String()
	// A dateline opening the excerpt ("02.12.2022 | Husum - …") is metadata.
	if dt, ok := f.findDate(s); ok && strings.HasPrefix(s, dt.Raw) && len(dt.Raw) < len(s) {
		// Only when a separator follows: "15 January 2026 saw the largest
		// attack…" is a sentence that starts with a date.
		sep := s[len(dt.Raw):]
		if rest := strings.TrimLeft(sep, " |-–—:·,"); rest != "" && strings.TrimSpace(sep[:len(sep)-len(rest)]) != "" {
			s = rest
		}
	}
	for strings.HasSuffix(s, "]") || strings.HasSuffix(s, ")") {
		t := trailingMarkRe.ReplaceAllString(s, "")
		t = strings.TrimSpace(t)
		if t == s {
			break
		}
		s = t
	}
	return s
}

// date is the entry's publication date, from the most explicit source.
func (f fieldReader) date(r record, href string) Date {
	d := f.d
	var found Date
	var updated Date
	// 1. Machine-readable attributes.
	f.each(r, func(j int32) bool {
		n := d.els[j].n
		var v string
		switch {
		case attr(n, "itemprop") == "datePublished" || attr(n, "itemprop") == "dateCreated":
			v = firstNonEmpty(attr(n, "content"), attr(n, "datetime"), attr(n, "title"), d.text(j, 0))
		case rdfaDate(attr(n, "property")) && attr(n, "content") != "":
			v = attr(n, "content")
		case hasAttr(n, "datetime"):
			v = attr(n, "datetime")
		case n.DataAtom == atom.Abbr && attr(n, "title") != "" && d.els[j].own&fDateHint != 0:
			v = attr(n, "title")
		default:
			return true
		}
		dt, ok := ParseDate(v, f.now, d.lang)
		if !ok {
			return true
		}
		dt = f.visibleOver(j, dt)
		if modifiedClass(attr(n, "class") + " " + attr(n, "itemprop")) {
			if updated.IsZero() {
				updated = dt
			}
			return true
		}
		found = dt
		return false
	})
	if !found.IsZero() {
		return found
	}
	// 2. Text of elements that say they hold a date.
	f.each(r, func(j int32) bool {
		e := &d.els[j]
		if e.own&fDateHint == 0 || e.flags&fInvisible != 0 || e.text > 200 {
			return true
		}
		if dt, ok := f.findDate(d.shownText(j, 0)); ok {
			if modifiedClass(e.class) {
				// Avada's hidden "updated rich-snippet-hidden" ISO time.
				if updated.IsZero() {
					updated = dt
				}
				return true
			}
			found, _ = f.inPageOrder(dt)
			return false
		}
		return true
	})
	if !found.IsZero() {
		return withClock(found, updated)
	}
	// 3. A short element that holds a date and nothing else ("12
	//    January" in a metadata strip, year-less dates included).
	f.each(r, func(j int32) bool {
		e := &d.els[j]
		if e.flags&(fInvisible|fHeading|fSummary) != 0 || e.n.DataAtom == atom.A || e.end > j+3 || modifiedClass(e.class) {
			return true // a leaf or nearly, outside headline and excerpt
		}
		t := d.shownText(j, 0)
		if t == "" || len(t) > 40 {
			return true
		}
		if dt, ok := f.findDate(t); ok && len(dt.Raw)+3 >= len(t) {
			found, _ = f.inPageOrder(dt)
			return false
		}
		return true
	})
	if !found.IsZero() {
		return withClock(found, updated)
	}
	if !updated.IsZero() {
		return updated
	}
	// 3b. A short line of metadata that ends in a date ("Tomáš - Dnes",
	//     "Jane Doe · 3 hours ago"), read on its own so that a date word
	//     at its end counts.
	head := d.anchors[r.anchor].el
	f.each(r, func(j int32) bool {
		e := &d.els[j]
		if e.flags&(fInvisible|fHeading|fSummary) != 0 || e.n.DataAtom == atom.A || e.text == 0 || e.text > 100 || e.end > j+2 ||
			d.contains(head, j) { // "… deadline to Jan 31" in the headline
			return true
		}
		if dt, ok := f.findDate(d.shownText(j, 0)); ok {
			found, _ = f.inPageOrder(dt)
			return false
		}
		return true
	})
	if !found.IsZero() {
		return found
	}
	// 4. A date anywhere in the entry's text (bylines, "Posted on …").
	for j := r.first; j <= r.last; j = d.els[j].end {
		if dt, ok := f.findDate(d.shownText(j, fHeading|fSummary)); ok {
			dt, _ = f.inPageOrder(dt)
			return dt
		}
		if r.first == r.last {
			break
		}
	}
	h, m, clockRaw, clock := f.clockOnly(r)
	// 5. The heading of the day the entry falls under, in a flat layout
	//    where one date heads several entries, with the entry's clock.
	if day, ok := f.dayAbove(r); ok {
		if clock {
			day.Time = day.Time.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute)
			day.HasTime = true
		}
		return day
	}
	// 6. The permalink, with the entry's clock time when it shows one.
	if dt, ok := DateFromURL(href); ok {
		if clock {
			dt.Time = dt.Time.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute)
			dt.HasTime = true
		}
		return dt
	}
	// 7. Only a clock time ("3:32 pm"): a river of today's news. The day
	// is the reference day, moved back where the list crosses midnight
	// (see resolveClocks).
	if clock && !f.now.IsZero() {
		y, mo, dd := f.now.Date()
		return Date{Time: time.Date(y, mo, dd, h, m, 0, 0, time.UTC), HasTime: true, Raw: clockRaw, clockOnly: true}
	}
	return Date{}
}

// dayAbove finds the day heading that an entry of a flat layout falls
// under: the nearest earlier sibling of its first element that holds
// only a date.
func (f fieldReader) dayAbove(r record) (Date, bool) {
	d := f.d
	for s, k := d.prevSibling(r.first), 0; s >= 0 && k < 60; s, k = d.prevSibling(s), k+1 {
		if d.dayHeader(s) {
			dt, ok := f.findDate(d.text(s, 0))
			if ok && !dt.HasTime {
				return dt, true
			}
			return Date{}, false
		}
	}
	return Date{}, false
}

// clockRe matches a bare time of day: "3:32 pm", "15:32", "15.32 Uhr",
// "15h32".
var clockRe = regexp.MustCompile(`(?i)^(\d{1,2})[:.h](\d{2})(?:\s*([ap])\.?\s?m\.?|\s*(?:uhr|h|hrs|horas?|óra|ч\.?))?$`)

// clockOnly returns the time of day an entry shows in a date-classed
// element (or a <time> without datetime) that holds nothing else.
func (f fieldReader) clockOnly(r record) (h, m int, raw string, ok bool) {
	d := f.d
	f.each(r, func(j int32) bool {
		e := &d.els[j]
		if e.text > 16 || e.flags&fInvisible != 0 || e.own&fDateHint == 0 && e.n.DataAtom != atom.Time && e.n.DataAtom != atom.A {
			return true
		}
		t := d.shownText(j, 0)
		sm := clockRe.FindStringSubmatch(t)
		if sm == nil {
			return true
		}
		hh, mm := dtAtoi(sm[1]), dtAtoi(sm[2])
		switch strings.ToLower(sm[3]) {
		case "p":
			if hh < 12 {
				hh += 12
			}
		case "a":
			if hh == 12 {
				hh = 0
			}
		}
		if hh > 23 || mm > 59 || sm[3] != "" && (dtAtoi(sm[1]) < 1 || dtAtoi(sm[1]) > 12) {
			return true
		}
		h, m, raw, ok = hh, mm, t, true
		return false
	})
	return h, m, raw, ok
}

// resolveClocks dates the entries that showed only a clock time. A river
// of news runs newest first: the first such entry is from the reference
// day (the day before if its time is later than the reference's), and
// each time the clock goes up from one entry to the next the list has
// crossed midnight into the day before.
func resolveClocks(items []Item, now time.Time) {
	day := 0
	var prev time.Time
	first := true
	for i := range items {
		dt := &items[i].Published
		if !dt.clockOnly {
			continue
		}
		t := dt.Time
		switch {
		case first:
			wall := time.Date(now.Year(), now.Month(), now.Day(), now.Hour(), now.Minute(), 59, 0, time.UTC)
			if t.After(wall) {
				day = -1
			}
			first = false
		case t.After(prev):
			day--
		}
		prev = t
		dt.Time = t.AddDate(0, 0, day)
		dt.clockOnly = false
	}
}

// withClock returns found, a day shown as text, or updated when that
// machine-readable time (which only looked like a modified time:
// WordPress themes print the one date as "entry-date updated") falls on
// that day: it keeps its time of day.
func withClock(found, updated Date) Date {
	if !found.HasTime && updated.HasTime {
		if dd := updated.Time.Sub(found.Time); dd > -36*time.Hour && dd < 36*time.Hour {
			return updated
		}
	}
	return found
}

// modifiedClass reports a class (or itemprop) naming a modified date.
func modifiedClass(cls string) bool {
	cls = strings.ToLower(cls)
	return strings.Contains(cls, "updated") || strings.Contains(cls, "modified")
}

// visibleOver returns the date element j shows as text when it disagrees
// with the date its attribute gave (attr) by more than a day: themes that
// print the modified time into datetime="" while the reader sees the
// publication day exist, and the reader is right. A day-for-month
// ambiguous text ("03/04/2008") never overrides the attribute.
func (f fieldReader) visibleOver(j int32, attr Date) Date {
	e := &f.d.els[j]
	if e.text > 60 {
		return attr
	}
	t := f.d.shownText(j, 0)
	if t == "" {
		return attr
	}
	vis, ok := f.findDate(t)
	// Only a visible date that pins itself down (with its year) can
	// overrule the attribute: "3 hours ago" or "12 January" depend on
	// when the page is read, and the attribute is exact.
	if !ok || !HasYear(vis.Raw) {
		return attr
	}
	dist := func(v Date) time.Duration {
		if d := attr.Time.Sub(v.Time); d >= 0 {
			return d
		}
		return v.Time.Sub(attr.Time)
	}
	if ambiguousNumeric(vis.Raw) {
		// The page's own order, else of the two readings the one nearer
		// the attribute's date.
		if fixed, known := f.inPageOrder(vis); known {
			vis = fixed
		} else if sw := swapDayMonth(vis); dist(sw) < dist(vis) {
			vis = sw
		}
	}
	if dist(vis) <= 36*time.Hour {
		return attr
	}
	return vis
}

// HasYear reports whether a date's raw text pins it down by itself: it has
// a four-digit year (ISO and RFC timestamps do). "3 hours ago", "yesterday"
// or "Sep 4" depend on when they are read.
func HasYear(raw string) bool {
	run := 0
	for i := 0; i < len(raw); i++ {
		if raw[i] >= '0' && raw[i] <= '9' {
			if run++; run == 4 {
				return true
			}
			continue
		}
		run = 0
	}
	return false
}

// swapDayMonth is dt read the other way round (5 July for 7 May).
func swapDayMonth(dt Date) Date {
	y, m, d := dt.Time.Date()
	h, mi, sec := dt.Time.Clock()
	dt.Time = time.Date(y, time.Month(d), int(m), h, mi, sec, 0, time.UTC)
	return dt
}

// inPageOrder returns an ambiguous numeric date read in the order the page
// writes its unambiguous ones ("27/03/2008" elsewhere makes "12/10/2007"
// the 12th of October), and whether the page's order is known.
func (f fieldReader) inPageOrder(dt Date) (Date, bool) {
	if !ambiguousNumeric(dt.Raw) {
		return dt, false
	}
	order := f.d.numericOrder(f)
	if order == 0 {
		return dt, false
	}
	first := dtAtoi(strings.FieldsFunc(dt.Raw, func(r rune) bool { return r < '0' || r > '9' })[0])
	dayFirst := dt.Time.Day() == first
	if dayFirst != (order > 0) {
		dt = swapDayMonth(dt)
	}
	return dt, true
}

// numericOrder is +1 when the page's dates put the day first (27/03/2008),
// -1 when the month comes first (03/27/2008), 0 when it does not tell or
// says both. It reads the short texts of time elements and date-classed
// elements once per page.
func (d *doc) numericOrder(f fieldReader) int8 {
	if d.numOrderKnown {
		return d.numOrder
	}
	d.numOrderKnown = true
	var dayFirst, monthFirst int
	for i := range d.els {
		e := &d.els[i]
		if e.text == 0 || e.text > 60 || e.n.DataAtom != atom.Time && e.own&fDateHint == 0 {
			continue
		}
		dt, ok := f.findDate(d.text(int32(i), 0))
		if !ok {
			continue
		}
		fs := strings.FieldsFunc(dt.Raw, func(r rune) bool { return r < '0' || r > '9' })
		if len(fs) < 3 || len(fs[0]) > 2 || len(fs[1]) > 2 {
			continue
		}
		switch a, b := dtAtoi(fs[0]), dtAtoi(fs[1]); {
		case a > 12 && b <= 12:
			dayFirst++
		case b > 12 && a <= 12:
			monthFirst++
		}
	}
	switch {
	case dayFirst > 0 && monthFirst == 0:
		d.numOrder = 1
	case monthFirst > 0 && dayFirst == 0:
		d.numOrder = -1
	}
	return d.numOrder
}

// ambiguousNumeric reports a numeric date whose first two fields could each
// be the day or the month ("03/04/2008").
func ambiguousNumeric(raw string) bool {
	f := strings.FieldsFunc(raw, func(r rune) bool { return r < '0' || r > '9' })
	if len(f) < 2 || len(f[0]) > 2 || len(f[1]) > 2 {
		return false
	}
	a, b := dtAtoi(f[0]), dtAtoi(f[1])
	return a >= 1 && a <= 12 && b >= 1 && b <= 12 && a != b
}

// rdfaDate reports RDFa/Open Graph properties that carry a publication date.
func rdfaDate(p string) bool {
	switch strings.ToLower(p) {
	case "schema:datecreated", "schema:datepublished", "dc:date", "dc:created", "dcterms:created", "dcterms:date",
		"article:published_time", "datepublished":
		return true
	}
	return false
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

var bylinePrefixRe = regexp.MustCompile(`(?i)^\s*(posted|written|published|submitted)?\s*(by|von|par|por|di|da|door|av|af|przez|od|автор:?|автор|作者[:：]?)\s+`)

// author is the entry's byline name.
func (f fieldReader) author(r record) string {
	d := f.d
	var best string
	bestRank := 0
	bestEl := int32(-1)
	f.each(r, func(j int32) bool {
		n := d.els[j].n
		if d.els[j].flags&fInvisible != 0 {
			return true
		}
		rank := 0
		ac := d.authorClass(d.els[j].class)
		switch {
		case attr(n, "itemprop") == "author":
			rank = 5
		case strings.Contains(attr(n, "rel"), "author"):
			rank = 5
		case ac.rank > 0:
			rank = ac.rank
		case n.DataAtom == atom.A && strings.Contains(attr(n, "href"), "/author/"):
			rank = 2
		default:
			return true
		}
		// Co-authors: the same kind of element beside the one taken.
		coAuthor := rank == bestRank && bestEl >= 0 && d.els[j].parent == d.els[bestEl].parent &&
			d.els[j].class == d.els[bestEl].class && n.Data == d.els[bestEl].n.Data
		if rank < bestRank || rank == bestRank && !coAuthor {
			return true
		}
		var s string
		if attr(n, "itemprop") == "author" || ac.pAuthor {
			for k := j + 1; k < d.els[j].end; k++ {
				if ip := attr(d.els[k].n, "itemprop"); ip == "name" || strings.Contains(attr(d.els[k].n, "class"), "p-name") {
					s = firstNonEmpty(attr(d.els[k].n, "content"), d.text(k, 0))
					break
				}
			}
			if s == "" {
				s = attr(n, "content")
			}
		}
		if s == "" {
			s = d.nameList(j) // already clean
		}
		if s == "" {
			s = cleanAuthor(d.text(j, fDateHint))
		} else if !strings.Contains(s, ", ") {
			s = cleanAuthor(s)
		}
		switch {
		case s == "":
		case coAuthor:
			if !strings.Contains(best, s) {
				best += ", " + s
			}
			bestEl = j
		default:
			best, bestRank, bestEl = s, rank, j
		}
		return true
	})
	if best != "" {
		return best
	}
	// A byline in the entry's metadata: "Submitted by editor on …".
	f.each(r, func(j int32) bool {
		e := &d.els[j]
		if e.own&fMeta == 0 || e.flags&fInvisible != 0 || e.text > 300 {
			return true
		}
		s := d.text(j, fDateHint)
		if !bylineKeys.in(s) {
			return true // bylineRe cannot match
		}
		if m := bylineRe.FindStringSubmatch(s); m != nil {
			// "… by the numbers", "by a factor": no byline. (Lower-case
			// user names, "Submitted by editor", are.)
			if first, _, _ := strings.Cut(strings.ToLower(m[1]), " "); notNames[first] {
				return true
			}
			best = cleanAuthor(m[1])
			return best == ""
		}
		return true
	})
	return best
}

// nameList is the names of a byline that lists several authors as
// elements of their own ("<a class=author>A</a>, <span class=author>B</span>"),
// joined with ", ", or "" when it does not.
func (d *doc) nameList(j int32) string {
	var names []string
	for k := j + 1; k < d.els[j].end; k = d.els[k].end {
		e := &d.els[k]
		if e.parent != j {
			continue
		}
		if d.authorClass(e.class).rank == 0 && !strings.Contains(attr(e.n, "rel"), "author") &&
			!(e.n.DataAtom == atom.A && personPathRe.MatchString(attr(e.n, "href"))) {
			continue // "By <a>Jane</a> in <a>Politics</a>": one author
		}
		if name := cleanAuthor(d.text(k, 0)); name != "" {
			names = append(names, name)
		}
	}
	if len(names) < 2 {
		return ""
	}
	return strings.Join(names, ", ")
}

// personPathRe matches the paths of people's pages.
var personPathRe = regexp.MustCompile(`(?i)/(authors?|experts?|people|person|staff|profiles?|contributors?|team|writers?|autor(en)?|auteurs?|redakteur)/`)

// authorClassInfo is what a class attribute says about a byline.
type authorClassInfo struct {
	rank    int // 4 author name, 3 author, 2 byline, 0 nothing
	pAuthor bool
}

// authorClass reads a class attribute for author; the entries of a list
// repeat their classes, so the answers are kept.
func (d *doc) authorClass(c string) authorClassInfo {
	if c == "" {
		return authorClassInfo{}
	}
	if ac, ok := d.authorClasses[c]; ok {
		return ac
	}
	cls := " " + strings.ToLower(strings.ReplaceAll(c, "_", "-")) + " "
	var ac authorClassInfo
	switch {
	case strings.Contains(cls, " p-author ") || strings.Contains(cls, "author-name") || strings.Contains(cls, " fn "):
		ac.rank = 4
	case strings.Contains(cls, "author") || strings.Contains(cls, "createdby") || strings.Contains(cls, "created-by"):
		ac.rank = 3
	case strings.Contains(cls, "byline"):
		ac.rank = 2
	}
	ac.pAuthor = strings.Contains(cls, " p-author ")
	if d.authorClasses == nil {
		d.authorClasses = make(map[string]authorClassInfo)
	}
	d.authorClasses[c] = ac
	return ac
}

var bylineRe = regexp.MustCompile(`(?i)(?:^|\s)(?:by|von|par|por|di|door|av|przez|автор:?)\s+([\p{L}][\p{L}\p{M}.'’_-]*(?:\s+[\p{Lu}][\p{L}\p{M}.'’-]*){0,3})`)

// bylineKeys are bylineRe's keywords as they must appear for it to match
// in the text of an element (doc.text), where the only white space is
// single spaces between words. Most texts have none of them, and are
// answered without running bylineRe, which costs microseconds a text.
// Keep the keywords in step with bylineRe (TestBylineKeys).
var bylineKeys = newPhraseSet(regexp.MustCompile(`(?i)(?:^| )(?:by|von|par|por|di|door|av|przez|автор:?) `))

func cleanAuthor(s string) string {
	s = collapse(s)
	s = bylinePrefixRe.ReplaceAllString(s, "")
	for _, sep := range []string{" on ", " am ", " le ", " el ", " in ", " dans ", " | ", " · ", " - ", " – ", ","} {
		if i := strings.Index(s, sep); i > 0 {
			s = s[:i]
		}
	}
	for _, w := range []string{" on", " am", " le", " el", " in", " dans"} {
		s = strings.TrimSuffix(s, w) // "editor on" of "by editor on 12 January"
	}
	s = strings.Trim(s, " :|·-–")
	if s == "" || runeLen(s) > 60 || wordCount(s) > 6 || !hasLetter(s) {
		return ""
	}
	return s
}

var placeholderRe = regexp.MustCompile(`(?i)^data:|placeholder|blank\.|spacer|pixel|1x1|transparent|lazy|loading|grey\.gif|empty\.`)

// placeholders is placeholderRe as a phraseSet.
var placeholders = newPhraseSet(placeholderRe)

// image is the entry's thumbnail.
func (f fieldReader) image(r record) string {
	d := f.d
	var out string
	f.each(r, func(j int32) bool {
		n := d.els[j].n
		switch n.DataAtom {
		case atom.Img:
		case atom.Meta:
			if attr(n, "itemprop") == "image" {
				if u, ok := ResolveURL(d.base, attr(n, "content")); ok {
					out = u.String()
					return false
				}
			}
			return true
		default:
			return true
		}
		cls := strings.ToLower(d.els[j].class + " " + attr(n, "src"))
		if strings.Contains(cls, "avatar") || strings.Contains(cls, "gravatar") || strings.Contains(cls, "emoji") ||
			strings.Contains(cls, "icon") || strings.Contains(cls, "logo") || strings.Contains(cls, "author") || strings.Contains(cls, "profile") ||
			strings.Contains(cls, "print") || strings.Contains(cls, "button") || strings.Contains(cls, "share") {
			return true
		}
		if w := attr(n, "width"); w != "" && len(w) <= 2 {
			return true
		}
		src := strings.TrimSpace(attr(n, "src"))
		if src == "" || placeholders.in(src) {
			src = firstNonEmpty(attr(n, "data-src"), attr(n, "data-lazy-src"), attr(n, "data-original"),
				attr(n, "data-url"), firstSrcset(attr(n, "data-srcset")), firstSrcset(attr(n, "srcset")),
				firstSrcset(attr(n, "data-lazy-srcset")), src)
		}
		if u, ok := ResolveURL(d.base, src); ok {
			out = u.String()
			return false
		}
		return true
	})
	return out
}

func firstSrcset(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if i := strings.IndexByte(s, ','); i >= 0 {
		s = s[:i]
	}
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return ""
}
