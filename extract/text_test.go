package extract

import (
	"math/rand"
	"strings"
	"testing"
	"unicode"
)

// collapseWhole is collapse written over the whole text at once, as it
// was before texts were collapsed piece by piece: the reference for
// TestCollapser.
func collapseWhole(s string) string {
	var b strings.Builder
	space, soft := false, false
	var last rune
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' || r == '\ufeff' {
			if !space {
				soft = false
			}
			space = true
			soft = soft || r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029'
			continue
		}
		if unicode.IsControl(r) {
			continue
		}
		if space && b.Len() > 0 && !(soft && wideCJK(last) && wideCJK(r)) {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
		last = r
	}
	return b.String()
}

// TestCollapser checks that a text collapsed in pieces, cut anywhere (even
// inside a character), equals the text collapsed whole.
func TestCollapser(t *testing.T) {
	parts := []string{"a", "Z", " ", "  ", "\t", "\n", "\r\n", "\x00", "\x1f", "\x7f", "\u00a0", "\u200b", "\ufeff",
		"\u2003", "\u0085", "é", "—", "€", "😀", "日本", "\xff", "\xe2", "\xe2\x80", "\x80", "\x94", "\xf0\x9f", "\x98\x80",
		"\xed\xa0\x80", "\xc3", "\xa9", "word", ".", "»"}
	rng := rand.New(rand.NewSource(1))
	for n := 0; n < 20000; n++ {
		var whole strings.Builder
		var c collapser
		for k := rng.Intn(12); k > 0; k-- {
			if rng.Intn(6) == 0 {
				whole.WriteByte(' ')
				c.WriteSpace()
				continue
			}
			var piece strings.Builder
			for m := rng.Intn(5); m > 0; m-- {
				piece.WriteString(parts[rng.Intn(len(parts))])
			}
			p := piece.String()
			// Cut the piece anywhere, as text nodes around an element may be.
			cut := 0
			if len(p) > 0 {
				cut = rng.Intn(len(p) + 1)
			}
			whole.WriteString(p)
			c.WriteString(p[:cut])
			c.WriteString(p[cut:])
		}
		if got, want := c.String(), collapseWhole(whole.String()); got != want {
			t.Fatalf("%q: pieces give %q, whole %q", whole.String(), got, want)
		}
		if got, want := collapse(whole.String()), collapseWhole(whole.String()); got != want {
			t.Fatalf("collapse(%q) = %q, want %q", whole.String(), got, want)
		}
	}
}
