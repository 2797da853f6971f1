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
	var b strings.Builder
	d.appendText(&b, d.els[i].n, skip)
	return collapse(b.String())
}

func (d *doc) appendText(b *strings.Builder, n *html.Node, skip nodeFlag) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			b.WriteString(c.Data)
		case html.ElementNode:
			j, ok := d.index[c]
			if !ok { // script, style, svg…
				continue
			}
			if d.els[j].flags&(fInvisible|fSkipText|skip) != 0 {
				continue
			}
			if c.DataAtom == atom.Br {
				b.WriteByte(' ')
				continue
			}
			block := isBlock(c.DataAtom)
			if block {
				b.WriteByte(' ')
			}
			d.appendText(b, c, skip)
			if block {
				b.WriteByte(' ')
			}
		}
	}
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
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' || r == '\ufeff' {
			space = true
			continue
		}
		if unicode.IsControl(r) {
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// wordCount counts words; in scripts written without spaces (CJK) two
// characters count as one word.
func wordCount(s string) int {
	words := 0
	cjk := 0
	in := false
	for _, r := range s {
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

func runeLen(s string) int { return utf8.RuneCountInString(s) }

// hasLetter reports whether s has a letter or digit.
func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}
