package extract

import (
	"regexp"
	"strings"
	"testing"
)

// TestPhraseSet checks that the phrase sets answer as their expressions do.
func TestPhraseSet(t *testing.T) {
	inputs := []string{
		"", "Popular", "MOST-READ", "most  read", "Most Viewed today", "Editor's Picks", "editors choice",
		"editor' picks", "Editorpicks", "Top Stories", "top  stories", "À LIRE AUSSI", "à lire aussi",
		"Más leídos", "MÁS LEÍDOS", "Самое читаемое", "САМОЕ ЧИТАЕМОЕ", "ПОПУЛЯРНОЕ", "人気記事", "热门文章",
		"NAJCZĘŚCIEJ czytane", "Recommended for you", "Related posts", "Blog Category", "Categoría : Disfraces Jarana",
		"Calendario", "Recientes", "Tags", "Sponſored", "poſts", "TOP POſTS", "\u212Aeep", "mest læste",
		"MEST LÆSTE", "invalid \xff utf-8 popular", "pop\xffular", "les plus commentés", "LES PLUS COMMENTÉS",
		"data:image/gif;base64,R0lGOD", "DATA:image/png", " data:x", "/img/data:x.png", "https://x.org/lazy-load.gif",
		"https://x.org/wp-content/uploads/2012/09/photo-300x200.jpg", "/images/grey.gif", "/images/greyXgif",
		"blank.gif", "BLANK.GIF", "/1x1.png", "/spacer.gif", "/Pixel.png", "/transparent.png", "/loading.svg",
		"/empty.png", "/emptyXpng", "/PLACEHOLDER.jpg", "/ſpacer.gif",
	}
	for _, c := range []struct {
		set phraseSet
		re  *regexp.Regexp
	}{{widgetLabels, widgetLabelRe}, {placeholders, placeholderRe}} {
		check := func(s string) {
			if got, want := c.set.in(s), c.re.MatchString(s); got != want {
				t.Errorf("%q against %s: phrase set says %v, regexp %v", s, c.re, got, want)
			}
		}
		for _, s := range inputs {
			check(s)
		}
		// Every phrase, in its own and in other cases, alone and inside text.
		for _, p := range append(c.set.anywhere, c.set.prefixes...) {
			for _, s := range []string{p, strings.ToLower(p), "x " + strings.ToTitle(p) + " y", strings.ToLower(p) + " y"} {
				check(s)
			}
		}
	}
}

// TestBylineKeys checks that bylineKeys lets through every collapsed text
// that bylineRe matches.
func TestBylineKeys(t *testing.T) {
	for _, s := range []string{
		"Submitted by editor on 3 May", "Posted By Jane Doe", "BY JANE", "by Jane", "von Max Muster", "Par Jean",
		"por María", "di Mario Rossi", "door Piet", "av Sven", "przez Jana", "Автор: Иван", "автор Иван",
		"АВТОР: ИВАН", "written by: x", "nearby Jane", "Disfraces Jarana", "by", "by ", "standby Jane",
	} {
		s = collapse(s)
		if bylineRe.MatchString(s) && !bylineKeys.in(s) {
			t.Errorf("%q: bylineRe matches but bylineKeys says no", s)
		}
	}
}

// TestCTAStarts checks that the ctaStarts filter lets through every text
// ctaRe matches.
func TestCTAStarts(t *testing.T) {
	for _, s := range []string{
		"Read more", "read more »", "» Read more", "[Read more]", "(continue reading)", "… weiterlesen", "Mehr",
		"LEER MÁS", "Leer más", "Continuar leyendo", "Подробнее", "ЧИТАТЬ ДАЛЕЕ", "続きを読む", "阅读全文", "更多",
		"\tview all", ". . . see more", "→ show", "Læs mere", "LÄS MER", "čítať viac", "Baca selengkapnya",
		"Readable headline about something", "A headline", "\vread more", "\u00a0read more", "\xffread more",
		"Ṙead more", "ſee more", "\u212Aeep reading",
	} {
		if ctaRe.MatchString(s) && !ctaStarts.in(strings.TrimLeft(s, ctaLead)) {
			t.Errorf("%q: ctaRe matches but ctaStarts says no", s)
		}
	}
}
