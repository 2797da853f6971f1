package extract

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode"
	"unicode/utf8"
)

// phraseSet matches what a case-insensitive regular expression made of
// literal phrases (widgetLabelRe, placeholderRe) matches: whether a text
// contains one of the phrases, or starts with one of those written after
// "^". The regexp package runs such a long alternation by trying every
// phrase at every position, about a microsecond per character of input;
// folding the text once and searching for each phrase is many times
// faster. The phrases are expanded from the expression itself, so the two
// cannot drift apart.
type phraseSet struct {
	anywhere, prefixes []string // folded by foldText
	prefixRunes        int      // the most runes in a prefix
}

// beginText stands for "^" in expanded phrases.
const beginText = "\x00^"

// newPhraseSet expands re into its phrases. re must be (?i) and may only
// use literals, alternation, small character classes, optional parts,
// groups and a leading "^"; anything else panics, at init.
func newPhraseSet(re *regexp.Regexp) phraseSet {
	t, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		panic(err)
	}
	var set phraseSet
	for _, p := range expandPhrases(t) {
		rest, anchored := strings.CutPrefix(p, beginText)
		if strings.Contains(rest, beginText) {
			panic("phraseSet: \"^\" inside a phrase of " + re.String())
		}
		if anchored {
			set.prefixes = append(set.prefixes, foldText(rest))
			set.prefixRunes = max(set.prefixRunes, utf8.RuneCountInString(rest))
		} else {
			set.anywhere = append(set.anywhere, foldText(rest))
		}
	}
	return set
}

// expandPhrases lists every string t matches.
func expandPhrases(t *syntax.Regexp) []string {
	switch t.Op {
	case syntax.OpLiteral:
		if t.Flags&syntax.FoldCase == 0 {
			panic("phraseSet: case-sensitive literal in " + t.String())
		}
		return []string{string(t.Rune)}
	case syntax.OpCharClass:
		var out []string
		for i := 0; i+1 < len(t.Rune); i += 2 {
			for r := t.Rune[i]; r <= t.Rune[i+1]; r++ {
				if len(out) == 64 {
					panic("phraseSet: large class in " + t.String())
				}
				out = append(out, string(r))
			}
		}
		return out
	case syntax.OpEmptyMatch:
		return []string{""}
	case syntax.OpBeginText:
		return []string{beginText}
	case syntax.OpCapture:
		return expandPhrases(t.Sub[0])
	case syntax.OpQuest:
		return append([]string{""}, expandPhrases(t.Sub[0])...)
	case syntax.OpAlternate:
		var out []string
		for _, sub := range t.Sub {
			out = append(out, expandPhrases(sub)...)
		}
		return out
	case syntax.OpConcat:
		out := []string{""}
		for _, sub := range t.Sub {
			tails := expandPhrases(sub)
			next := make([]string, 0, len(out)*len(tails))
			for _, head := range out {
				for _, tail := range tails {
					next = append(next, head+tail)
				}
			}
			out = next
		}
		return out
	}
	panic("phraseSet: unsupported " + t.String())
}

// in reports whether s contains one of the phrases, ignoring case as (?i)
// does.
func (ps phraseSet) in(s string) bool {
	if len(ps.anywhere) == 0 {
		// Only the start is compared: fold no more of s than the longest
		// prefix (foldText maps rune to rune).
		n := 0
		for i := range s {
			if n == ps.prefixRunes {
				s = s[:i]
				break
			}
			n++
		}
	}
	f := foldText(s)
	for _, p := range ps.prefixes {
		if strings.HasPrefix(f, p) {
			return true
		}
	}
	for _, p := range ps.anywhere {
		if strings.Contains(f, p) {
			return true
		}
	}
	return false
}

// foldText maps every rune of s to one representative of its case-folding
// orbit (the smallest rune in it), so that two texts are equal ignoring
// case, as the regexp package's (?i) defines it, exactly when their folds
// are equal. Invalid bytes become U+FFFD, as the regexp package reads them;
// no phrase contains it.
func foldText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case 'a' <= r && r <= 'z':
			b.WriteByte(byte(r) - 'a' + 'A')
		case r < utf8.RuneSelf:
			b.WriteByte(byte(r))
		default:
			m := r
			for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
				m = min(m, f)
			}
			b.WriteRune(m)
		}
	}
	return b.String()
}
