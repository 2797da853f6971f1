package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// text returns the visible text of element i as a reader sees it: entities
// decoded, whitespace collapsed, hidden and screen-reader-only parts left
// out, and elements carrying any of the skip flags left out too.
func (d *doc) text(i int32, skip nodeFlag) string {
	var c collapser
	c.b.Grow(int(d.els[i].text) + 16)
	d.appendText(&c, i, skip|fAriaHidden)
	return c.String()
}

// shownText is text with the aria-hidden parts in: what the eye sees,
// where a date is often printed for the eye only ("12 January",
// aria-hidden, beside a screen-reader "Published").
func (d *doc) shownText(i int32, skip nodeFlag) string {
	var c collapser
	c.b.Grow(int(d.els[i].text) + 16)
	d.appendText(&c, i, skip)
	return c.String()
}

func (d *doc) appendText(b *collapser, i int32, skip nodeFlag) {
	kids := d.childIndex(i)
	for c := d.els[i].n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			b.WriteString(c.Data)
		case html.ElementNode:
			j, ok := kids.next(c)
			if !ok { // script, style, svg…
				continue
			}
			if d.els[j].flags&(fInvisible|fSkipText|skip) != 0 {
				continue
			}
			if c.DataAtom == atom.Br {
				b.WriteBreak()
				continue
			}
			block := isBlock(c.DataAtom)
			if block {
				b.WriteSpace()
			}
			d.appendText(b, j, skip)
			if block {
				b.WriteSpace()
			}
		}
	}
}

// childCursor pairs the element children of a node, visited in order,
// with their indexes: the indexed children of element i are i+1, then each
// one's end, in document order, and skipped elements (script, style…) are
// simply absent. It replaces a node-to-index map lookup per child.
type childCursor struct {
	d       *doc
	at, end int32 // at: the index the next indexed child would have
}

func (d *doc) childIndex(i int32) childCursor {
	return childCursor{d: d, at: i + 1, end: d.els[i].end}
}

// next returns the index of element c, the next element child of the node,
// and false when c is not indexed.
func (k *childCursor) next(c *html.Node) (int32, bool) {
	if k.at >= k.end || k.d.els[k.at].n != c {
		return 0, false
	}
	j := k.at
	k.at = k.d.els[j].end
	return j, true
}

func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Li, atom.Ul, atom.Ol, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.Article, atom.Section, atom.Header, atom.Footer, atom.Td, atom.Th, atom.Tr, atom.Table,
		atom.Dd, atom.Dt, atom.Dl, atom.Blockquote, atom.Figure, atom.Figcaption, atom.Pre, atom.Hr,
		atom.Aside, atom.Nav, atom.Main, atom.Address:
		return true
	}
	return false
}

// collapse collapses runs of white space (NBSP included) to one space and
// trims the ends; it drops control characters.
func collapse(s string) string {
	var c collapser
	c.b.Grow(len(s))
	c.WriteString(s)
	return c.String()
}

// collapser computes collapse(x) of a text x written to it in pieces (text
// nodes, and spaces between blocks) without building x first.
//
// It runs on every text the extractor reads, so ASCII, the bulk of markup
// white space, skips the Unicode tables.
type collapser struct {
	b     strings.Builder
	space bool // white space since the last character written
	// soft says that white space held a line break, and last is the last
	// character written: a line break between two CJK characters is no
	// space at all (CSS Text's segment break rules; <br> counts too).
	soft bool
	last rune
	// tail is the start of a multi-byte character cut off at the end of
	// the last piece: a piece may end inside one (invalid UTF-8 in text
	// nodes on either side of an element) and x would join the parts.
	tail string
}

// WriteString appends s to x.
func (c *collapser) WriteString(s string) {
	if c.tail != "" {
		s, c.tail = c.tail+s, ""
	}
	// Keep back a last character that the next piece may complete.
	for i := len(s) - 1; i >= 0 && i >= len(s)-utf8.UTFMax+1; i-- {
		if s[i] < utf8.RuneSelf {
			break
		}
		if utf8.RuneStart(s[i]) {
			if !utf8.FullRuneInString(s[i:]) {
				s, c.tail = s[:i], s[i:]
			}
			break
		}
	}
	c.collapse(s)
}

// WriteSpace appends a space to x.
func (c *collapser) WriteSpace() {
	c.flush()
	if !c.space {
		c.soft = false
	}
	c.space = true
}

// WriteBreak appends a line break (<br>) to x: a space, except between
// CJK characters.
func (c *collapser) WriteBreak() {
	c.flush()
	c.space, c.soft = true, true
}

// String returns collapse(x).
func (c *collapser) String() string {
	c.flush()
	return c.b.String()
}

// flush writes a kept-back character start: nothing completed it.
func (c *collapser) flush() {
	if c.tail != "" {
		s := c.tail
		c.tail = ""
		c.collapse(s)
	}
}

func (c *collapser) collapse(s string) {
	b := &c.b
	for i := 0; i < len(s); {
		if ch := s[i]; ch < utf8.RuneSelf {
			switch {
			case ch == ' ' || '\t' <= ch && ch <= '\r': // unicode.IsSpace in ASCII
				if !c.space {
					c.soft = false
				}
				c.space = true
				if ch == '\n' || ch == '\r' {
					c.soft = true
				}
				i++
				continue
			case ch < ' ' || ch == 0x7f: // unicode.IsControl in ASCII
				i++
				continue
			}
			// A run of printable ASCII is written as it is.
			j := i + 1
			for j < len(s) && ' ' < s[j] && s[j] < 0x7f {
				j++
			}
			if c.space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			c.space = false
			b.WriteString(s[i:j])
			c.last = rune(s[j-1])
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' || r == '\ufeff' {
			if !c.space {
				c.soft = false
			}
			c.space = true
			if r == '\u2028' || r == '\u2029' {
				c.soft = true
			}
			continue
		}
		if unicode.IsControl(r) {
			continue
		}
		if c.space && b.Len() > 0 && !(c.soft && wideCJK(c.last) && wideCJK(r)) {
			b.WriteByte(' ')
		}
		c.space = false
		b.WriteRune(r)
		c.last = r
	}
}

// wordCount counts words; in scripts written without spaces (CJK) two
// characters count as one word.
func wordCount(s string) int {
	words := 0
	cjk := 0
	in := false
	for _, r := range s {
		if r < utf8.RuneSelf { // the same tests as below, without tables
			switch {
			case 'a' <= r|0x20 && r|0x20 <= 'z' || '0' <= r && r <= '9':
				if !in {
					words++
				}
				in = true
			case r == ' ' || '\t' <= r && r <= '\r':
				in = false
			}
			continue
		}
		if cjkRune(r) {
			cjk++
			in = false
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if !in {
				words++
			}
			in = true
		} else if unicode.IsSpace(r) {
			in = false
		}
	}
	return words + (cjk+1)/2
}

func cjkRune(r rune) bool {
	return r >= 0x2E80 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r))
}

// wideCJK reports the characters of scripts written without spaces
// between words (Chinese, Japanese; not Hangul) and their punctuation.
func wideCJK(r rune) bool {
	return r >= 0x3000 && (r <= 0x303f || r >= 0xff01 && r <= 0xff60 || unicode.Is(unicode.Han, r) ||
		unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r))
}

func runeLen(s string) int { return utf8.RuneCountInString(s) }

// hasLetter reports whether s has a letter or digit.
func hasLetter(s string) bool {
	for _, r := range s {
		if r < utf8.RuneSelf {
			if 'a' <= r|0x20 && r|0x20 <= 'z' || '0' <= r && r <= '9' {
				return true
			}
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}
