package extract

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// nextPage finds the URL of the listing's next (older) page, or "".
// A <link rel=next> wins; otherwise every anchor is scored on rel, class,
// text, aria-label and its place in a numbered pager (after go-domdistiller's
// prev-next scoring), and the best above a threshold is taken. itemKeys
// are the canonical URLs of the page's items, which are not next pages.
func (d *doc) nextPage(itemKeys map[string]bool) string {
	ok := func(u *url.URL) bool {
		if u == nil || !sameSite(u.Host, d.pageURL.Host) {
			return false
		}
		k, err := CanonicalURL(u.String())
		return err == nil && k != d.pageKey && !itemKeys[k]
	}
	if d.relNext != nil && ok(d.relNext) {
		return d.relNext.String()
	}
	cur := d.currentPage()
	best, bestScore := "", 49
	for i := range d.anchors {
		a := &d.anchors[i]
		if d.els[a.el].flags&fInvisible != 0 {
			continue
		}
		// Score first: the URL checks cost more and matter only for a
		// link that would win.
		s := d.nextScore(a, cur)
		if s <= bestScore {
			continue
		}
		if u, err := url.Parse(a.href); err == nil && ok(u) {
			best, bestScore = a.href, s
		}
	}
	return best
}

var (
	nextWordRe  = regexp.MustCompile(`(?i)^(next|next page|next posts?|next entries|older|older posts|older entries|older articles|older stories|more posts|more stories|more articles|load more|show more|weiter|nächste|nächste seite|ältere|ältere beiträge|ältere artikel|ältere einträge|vorwärts|suivant|suivante|page suivante|articles plus anciens|anciens articles|plus anciens|siguiente|siguientes entradas|página siguiente|entradas anteriores|entradas antiguas|artículos anteriores|successiva|successivo|pagina successiva|articoli precedenti|post più vecchi|próxima|próximo|seguinte|volgende|nästa|næste|neste|następna|następne|další|ďalšia|ďalej|следующая|следующие|следующая страница|далее|вперед|вперёд|старые записи|более ранние записи|наступна|次へ|次のページ|下一页|下一頁|下页|다음|sonraki|selanjutnya|berikutnya|lanjut)$`)
	prevWordRe  = regexp.MustCompile(`(?i)^(prev|previous|previous page|newer|newer posts|newer entries|newer articles|zurück|vorherige|neuere|neuere beiträge|neuere einträge|précédent|précédente|page précédente|articles plus récents|anterior|página anterior|entradas siguientes|entradas más recientes|entradas recientes|artículos siguientes|precedente|pagina precedente|articoli successivi|post più recenti|anterior|vorige|föregående|forrige|poprzednia|předchozí|predchádzajúca|предыдущая|назад|новые записи|более поздние записи|前へ|前のページ|上一页|上一頁|이전|önceki|sebelumnya|first|last|erste|letzte|première|dernière|primera|última|prima|ultima|первая|последняя)$`)
	arrowNextRe = regexp.MustCompile(`^(»|›|→|>|>>|&gt;|⟩|▶|►|❯|⇒)$`)
	arrowPrevRe = regexp.MustCompile(`^(«|‹|←|<|<<|⟨|◀|◄|❮|⇐)$`)
	arrowsRe    = regexp.MustCompile(`[«»‹›←→⟨⟩▶►◀◄❯❮⇒⇐]|&[lr]aquo;|^\s*[<>]+|[<>]+\s*$`)
	// arrowChars are the characters arrowsRe can match on; text without
	// them skips the regexp (nextScore runs on every link of the page).
	arrowChars = "«»‹›←→⟨⟩▶►◀◄❯❮⇒⇐&<>"

	// nextWords and prevWords are the words of nextWordRe and prevWordRe as
	// sets: an exact lookup of the lower-cased text, the same answer as the
	// anchored, case-insensitive regexps at a fraction of the cost.
	nextWords = wordSet(nextWordRe)
	prevWords = wordSet(prevWordRe)
	countedRe = regexp.MustCompile(`^(next|older|more|previous|prev)\s+(?:\d+\s+)?(articles?|entries|posts|stories|items|news)$`)
	pageNumRe = regexp.MustCompile(`(?i)(?:[?&](?:page|paged|p|pg|start|offset|pagenum|page_num|seite|pagina)=|/page/|/seite/|/pagina/|/strona/|/p/|/page-|-page-|/)(\d{1,5})(?:/|\.html?|$|&|#)`)
)

// nextScore rates anchor a as the link to the next page of the listing.
func (d *doc) nextScore(a *anchor, cur int) int {
	n := d.els[a.el].n
	s := 0
	rel := strings.ToLower(attr(n, "rel"))
	if hasWord(rel, "next") {
		s += 100
	}
	if hasWord(rel, "prev") || hasWord(rel, "previous") {
		s -= 200
	}
	text := strings.ToLower(collapse(a.text))
	label := strings.ToLower(collapse(attr(n, "aria-label") + " " + attr(n, "title")))
	core := strings.TrimSpace(text)
	if strings.ContainsAny(text, arrowChars) {
		core = strings.TrimSpace(arrowsRe.ReplaceAllString(text, ""))
	}
	// A link with long text (a headline), no rel=next and no label scores
	// at most 60 (classes) + 25 (pager) + 10 (page number) - 50 (long
	// text) = 45 below: never above nextPage's threshold of 49. Most links
	// of a page are like that; skip the rest of the work for them.
	if s <= 0 && len(core) > 30 && (label == "" || label == " ") {
		return s - 50
	}
	// Classes of the anchor and its two nearest ancestors.
	ctx := strings.ToLower(attr(n, "class") + " " + attr(n, "id"))
	p := d.els[a.el].parent
	for k := 0; k < 2 && p >= 0; k++ {
		ctx += " " + strings.ToLower(attr(d.els[p].n, "class")+" "+attr(d.els[p].n, "id"))
		p = d.els[p].parent
	}
	switch {
	case strings.Contains(ctx, "nav-previous") || strings.Contains(ctx, "older") || tokenIn(ctx, "earlier") || strings.Contains(ctx, "nextpostslink") ||
		strings.Contains(ctx, "pager-next") || strings.Contains(ctx, "pager__item--next") || strings.Contains(ctx, "pagination-next"):
		s += 60
	case strings.Contains(ctx, "nav-next") || strings.Contains(ctx, "newer") || strings.Contains(ctx, "previouspostslink"):
		s -= 100
	case tokenIn(ctx, "next"):
		s += 50
	case tokenIn(ctx, "prev") || tokenIn(ctx, "previous"):
		s -= 100
	}
	switch {
	case nextWords[core] && core != "":
		s += 50
	case core != "" && len(core) < 40 && countedRe.MatchString(core):
		// "Next 10 articles"; on the first page "Previous 10 articles" or
		// "Previous entries" can only lead to older ones (old WordPress
		// themes and hand-made sites say so).
		if m := countedRe.FindStringSubmatch(core); m[1] != "previous" && m[1] != "prev" || cur == 1 {
			s += 50
		} else {
			s -= 200
		}
	case prevWords[core] && core != "":
		s -= 200
	case core == "" && arrowNextRe.MatchString(strings.TrimSpace(text)):
		s += 40
	case core == "" && arrowPrevRe.MatchString(strings.TrimSpace(text)):
		s -= 200
	case len(core) > 30:
		s -= 50
	}
	if strings.Contains(text, "»»") || strings.Contains(text, "last") {
		s -= 65
	}
	if label != " " && label != "" {
		l := strings.TrimSpace(label)
		if nextWords[l] || strings.Contains(l, "next") || strings.Contains(l, "older") ||
			strings.Contains(l, "nächste") || strings.Contains(l, "suivant") || strings.Contains(l, "siguiente") ||
			strings.Contains(l, "successiv") || strings.Contains(l, "следующ") || strings.Contains(l, "weiter") {
			s += 50
		} else if prevWords[l] || strings.Contains(l, "previous") || strings.Contains(l, "newer") {
			s -= 200
		}
	}
	if tokenIn(ctx, "comment") || tokenIn(ctx, "comments") {
		s -= 50
	}
	pagerish := strings.Contains(ctx, "pag") || strings.Contains(ctx, "nav-links") || strings.Contains(ctx, "pager") ||
		strings.Contains(ctx, "navigation") || strings.Contains(ctx, "page-numbers")
	if pagerish {
		s += 25
	}
	// A numbered pager: the number after the current page.
	if num, err := strconv.Atoi(core); err == nil && core != "" {
		switch {
		case cur > 0 && num == cur+1 && pagerish:
			s += 75
		case cur > 0 && num == cur+1:
			s += 45
		}
		// Right after the current page's number shown as text ("<b>1</b> |
		// <a>2</a>"): the pager of the page itself, not of a carousel.
		if cur > 0 && num == cur+1 && d.afterCurrent(n, cur) {
			s += 20
		}
	}
	// The page number in the link adds 10: it can only matter for a link
	// already near nextPage's threshold (49), so the regexp runs only there.
	if cur > 0 && s >= 40 {
		if m := pageNumRe.FindStringSubmatch(a.href); m != nil {
			if v, _ := strconv.Atoi(m[1]); v == cur+1 || (cur > 1 && v == cur) {
				s += 10
			}
		}
	}
	return s
}

// currentPage reads the current page number from a pager's marked current
// element, or from the page URL; 1 when nothing says otherwise.
func (d *doc) currentPage() int {
	for i := range d.els {
		n := d.els[i].n
		if n.Type != html.ElementNode || d.els[i].text == 0 || d.els[i].text > 6 {
			continue
		}
		cls := strings.ToLower(attr(n, "class"))
		if attr(n, "aria-current") == "page" || tokenIn(cls, "current") || tokenIn(cls, "active") || tokenIn(cls, "selected") ||
			strings.Contains(cls, "current-page") || strings.Contains(cls, "is-current") {
			if v, err := strconv.Atoi(d.text(int32(i), 0)); err == nil && v > 0 && v < 100000 && d.inPager(int32(i)) {
				return v
			}
		}
	}
	if m := pageNumRe.FindStringSubmatch(d.pageURL.String()); m != nil {
		if v, err := strconv.Atoi(m[1]); err == nil && v > 0 && v < 10000 {
			return v
		}
	}
	return 1
}

// afterCurrent reports whether the element before link n (skipping
// separators like "|") is the current page's number as text, not a link.
func (d *doc) afterCurrent(n *html.Node, cur int) bool {
	want := strconv.Itoa(cur)
	for c := n.PrevSibling; c != nil; c = c.PrevSibling {
		switch c.Type {
		case html.TextNode:
			t := strings.Trim(c.Data, " \t\r\n|·•-–—,\u00a0")
			if t == "" {
				continue
			}
			return t == want
		case html.ElementNode:
			if c.DataAtom == atom.A {
				return false
			}
			return nodeString(c) == want
		}
	}
	return false
}

func (d *doc) inPager(i int32) bool {
	for p, k := i, 0; p >= 0 && k < 5; p, k = d.els[p].parent, k+1 {
		c := strings.ToLower(attr(d.els[p].n, "class") + " " + attr(d.els[p].n, "id"))
		if strings.Contains(c, "pag") || strings.Contains(c, "nav") || strings.Contains(c, "page") {
			return true
		}
	}
	return false
}

func hasWord(s, w string) bool {
	for _, f := range strings.Fields(s) {
		if f == w {
			return true
		}
	}
	return false
}

// tokenIn reports whether w is a whole token of s split on space, - and _.
func tokenIn(s, w string) bool {
	sep := func(c byte) bool { return c == ' ' || c == '-' || c == '_' }
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(w)
		if (start == 0 || sep(s[start-1])) && (end == len(s) || sep(s[end])) {
			return true
		}
		i = start + 1
	}
}

// wordSet turns a regexp of the form (?i)^(word|word two|...)$ into a set
// of its lower-cased words.
func wordSet(re *regexp.Regexp) map[string]bool {
	src := strings.TrimSuffix(strings.TrimPrefix(re.String(), "(?i)^("), ")$")
	set := map[string]bool{}
	for _, w := range strings.Split(src, "|") {
		set[strings.ToLower(w)] = true
	}
	return set
}
