package extract

import (
	"fmt"
	"math"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"time"

	"golang.org/x/net/html/atom"
)

// record is one entry of a list: a run of sibling elements first..last
// (first == last for an entry with its own wrapper) and its headline anchor.
type record struct {
	first, last int32
	anchor      int // index in doc.anchors
}

// candidate is one repeated structure that might be the page's main list.
type candidate struct {
	region  int32
	records []record
	score   float64
	feat    features // what the score was made of
	neg     bool     // in page chrome or a sidebar/widget box
}

// findList returns the page's main list of entries found from the HTML
// alone, and the score of the best other list (for confidence).
func (d *doc) findList() (*candidate, float64, []*candidate) {
	groups := d.anchorGroups()
	cands := make([]*candidate, 0, len(groups))
	for _, g := range groups {
		if c := d.buildCandidate(g); c != nil {
			cands = append(cands, c)
		}
	}
	cands = d.mergeSiblings(cands)
	for _, c := range cands {
		d.score(c)
	}
	if len(cands) == 0 {
		return nil, 0, nil
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
	best := cands[0]
	runner := 0.0
	for _, c := range cands[1:] {
		if !d.overlaps(best, c) {
			runner = c.score
			break
		}
	}
	d.absorb(best, cands[1:])
	d.expand(best)
	d.prune(best)
	return best, runner, cands
}

// anchorGroups groups content-looking anchors by tag path: the entries of
// one list share the path of their headline links.
func (d *doc) anchorGroups() [][]int {
	// Two groupings: by tag path alone, and by tag path plus the classes of
	// the link and its parent (a table layout or a menu can share its tag
	// path with the list beside it). Both kinds compete in scoring.
	type groupKey struct {
		path int32
		cls  string
	}
	index := make(map[groupKey]int) // into lists, which keep first-seen order
	var lists [][]int
	add := func(k groupKey, i int) {
		g, ok := index[k]
		if !ok {
			g = len(lists)
			index[k] = g
			lists = append(lists, nil)
		}
		lists[g] = append(lists[g], i)
	}
	for i := range d.anchors {
		a := &d.anchors[i]
		e := &d.els[a.el]
		if e.flags&fInvisible != 0 || a.key == d.pageKey || a.text == "" || !hasLetter(a.text) {
			continue
		}
		add(groupKey{path: e.path, cls: "\x00"}, i)
		cls := stableClass(e.class)
		if e.parent >= 0 {
			cls += "|" + stableClass(d.els[e.parent].class)
		}
		add(groupKey{path: e.path, cls: cls}, i)
	}
	groups := make([][]int, 0, len(lists))
	seen := make(map[[2]int]bool, len(lists))
	for _, g := range lists {
		id := [2]int{g[0], len(g)}
		if seen[id] {
			continue // the class split changed nothing
		}
		seen[id] = true
		distinct := 0
		for j, ai := range g {
			if j == 0 || d.anchors[g[j-1]].key != d.anchors[ai].key {
				distinct++
			}
		}
		if distinct >= 2 {
			groups = append(groups, g)
		}
	}
	return groups
}

// stableClass is n's class list without the words that differ from entry
// to entry (post-123, tag-iskp, odd/even, anything with a digit).
func stableClass(c string) string {
	if c == "" {
		return ""
	}
	var b strings.Builder
	for w := range strings.FieldsSeq(strings.ToLower(c)) {
		if perItemClass(w) || hasDigit(w) || w == "odd" || w == "even" || w == "first" ||
			w == "last" || w == "active" || w == "current" || w == "alt" || w == "sticky" || w == "featured" {
			continue
		}
		b.WriteString(w)
		b.WriteByte(' ')
	}
	return b.String()
}

// buildCandidate turns a group of same-path anchors into records: each
// anchor's record is its highest ancestor that holds no neighbour's anchor.
func (d *doc) buildCandidate(g []int) *candidate {
	// Collapse consecutive anchors to one destination (title + "read more").
	uniq := make([]int, 0, len(g))
	for _, ai := range g {
		if len(uniq) > 0 && d.anchors[uniq[len(uniq)-1]].key == d.anchors[ai].key {
			continue
		}
		uniq = append(uniq, ai)
	}
	if len(uniq) < 2 {
		return nil
	}
	roots := make([]int32, len(uniq))
	for k, ai := range uniq {
		el := d.anchors[ai].el
		deep := int32(-1)
		if k > 0 {
			deep = d.lca(d.anchors[uniq[k-1]].el, el)
		}
		if k+1 < len(uniq) {
			if l := d.lca(el, d.anchors[uniq[k+1]].el); deep < 0 || d.els[l].depth > d.els[deep].depth {
				deep = l
			}
		}
		roots[k] = d.childToward(deep, el)
	}
	c := &candidate{region: d.lca(d.anchors[uniq[0]].el, d.anchors[uniq[len(uniq)-1]].el)}
	boxed := d.els[c.region].flags & (fNegative | fChrome)
	seen := make(map[string]bool, len(uniq))
	for k, ai := range uniq {
		key := d.anchors[ai].key
		if seen[key] {
			continue // a carousel or a repeated teaser: keep the first
		}
		if d.els[roots[k]].flags&(fNegative|fChrome)&^boxed != 0 {
			continue // in a sidebar, widget or page chrome inside the region
		}
		seen[key] = true
		c.records = append(c.records, record{first: roots[k], last: roots[k], anchor: ai})
	}
	if len(c.records) < 2 {
		return nil
	}
	d.dropStrays(c)
	d.dropLabelledBoxes(c)
	if len(c.records) < 2 {
		return nil
	}
	// The region is where the kept entries are: a repeat dropped above
	// may sit far away (a tab box further down repeating the list).
	c.region = d.lca(c.records[0].first, c.records[len(c.records)-1].first)
	d.extendFlat(c)
	return c
}

// dropLabelledBoxes removes the entries that sit in a box of their own
// under a heading that names a widget ("热门推荐", "Most read") when the
// list's same markup also fills the main column: the records are split
// by the child of the region that holds them, and a minority part whose
// own box is so labelled goes.
func (d *doc) dropLabelledBoxes(c *candidate) {
	region := d.lca(c.records[0].first, c.records[len(c.records)-1].first)
	parts := make(map[int32][]int, 2)
	for k, r := range c.records {
		if r.first == region {
			return
		}
		p := d.childToward(region, r.first)
		parts[p] = append(parts[p], k)
	}
	if len(parts) < 2 {
		return
	}
	drop := make(map[int]bool)
	labels := make(map[int32]bool)
	for _, ks := range parts {
		if 2*len(ks) >= len(c.records) {
			continue
		}
		for _, k := range ks {
			box := d.els[c.records[k].first].parent
			widget, seen := labels[box]
			if !seen {
				label := d.listLabel(box)
				widget = label != "" && widgetLabels.in(label)
				labels[box] = widget
			}
			if widget {
				drop[k] = true
			}
		}
	}
	if len(drop) == 0 {
		return
	}
	kept := c.records[:0]
	for k, r := range c.records {
		if !drop[k] {
			kept = append(kept, r)
		}
	}
	c.records = kept
}

// dropStrays removes the entries of a list that ran on into a box built
// differently: when most entries are siblings under one parent, an entry
// elsewhere whose element shares neither tag nor any class word with them
// (a grid of image teasers under a list of div.pmdiv) is not one of them.
func (d *doc) dropStrays(c *candidate) {
	like := d.alike(c, true)
	if like == nil {
		return
	}
	kept := c.records[:0]
	for _, r := range c.records {
		if like(r) {
			kept = append(kept, r)
		}
	}
	c.records = kept
}

// alike returns a test for records built like most of c's, or nil when c
// has no majority of entries under one parent (or, with strict, when all
// are under one).
func (d *doc) alike(c *candidate, strict bool) func(record) bool {
	n := len(c.records)
	if n < 3 {
		return nil
	}
	count := make(map[int32]int, 4)
	var top int32 = -1
	for _, r := range c.records {
		p := d.els[r.first].parent
		count[p]++
		if top < 0 || count[p] > count[top] {
			top = p
		}
	}
	if !strict && 10*count[top] < 6*n {
		return d.builtLike(c)
	}
	if strict && (count[top] == n || n < 4) || 10*count[top] < 6*n || count[top] < 3 {
		return nil
	}
	words := make(map[string]bool, 4)
	tags := make(map[string]bool, 2)
	for _, r := range c.records {
		if d.els[r.first].parent != top {
			continue
		}
		tags[d.els[r.first].n.Data] = true
		for w := range strings.FieldsSeq(stableClass(d.els[r.first].class)) {
			words[w] = true
		}
	}
	like := func(i int32) bool {
		return tags[d.els[i].n.Data] && sharesWord(stableClass(d.els[i].class), words)
	}
	return func(r record) bool {
		// An entry nested in a sibling of the others that is built like
		// them (Blogger's day groups: date-outer > … > post-outer) is one.
		return d.els[r.first].parent == top || like(r.first) || d.contains(top, r.first) && like(d.childToward(top, r.first))
	}
}

// builtLike returns a test for records built like most of c's — same tag
// and first class word, wherever they sit (a grid's several rows) — or nil
// when no kind of element makes most of them.
func (d *doc) builtLike(c *candidate) func(record) bool {
	sig := func(i int32) string {
		w, _, _ := strings.Cut(stableClass(d.els[i].class), " ")
		return d.els[i].n.Data + "." + w
	}
	count := make(map[string]int, 4)
	top := ""
	for _, r := range c.records {
		k := sig(r.first)
		count[k]++
		if top == "" || count[k] > count[top] {
			top = k
		}
	}
	if n := len(c.records); 10*count[top] < 6*n || count[top] < 3 || strings.HasSuffix(top, ".") {
		return nil
	}
	return func(r record) bool { return sig(r.first) == top }
}

// sharesWord reports whether a word of the class list cls is in words; two
// elements without classes share "no class".
func sharesWord(cls string, words map[string]bool) bool {
	if cls == "" {
		return len(words) == 0
	}
	for w := range strings.FieldsSeq(cls) {
		if words[w] {
			return true
		}
	}
	return false
}

// mergeSiblings joins candidates whose records are siblings of the same
// kind (same tag, same parent): one list whose entries vary in markup — a
// featured first entry, alternating layouts, entries with and without an
// image — is found as several link groups.
func (d *doc) mergeSiblings(cands []*candidate) []*candidate {
	type slot struct {
		parent int32
		tag    string
	}
	slots := func(c *candidate) map[slot]bool {
		m := make(map[slot]bool, 2)
		for _, r := range c.records {
			m[slot{d.els[r.first].parent, d.els[r.first].n.Data}] = true
		}
		return m
	}
	var out []*candidate
	var outSlots []map[slot]bool
	for _, c := range cands {
		cs := slots(c)
		merged := false
		for k, o := range out {
			shared := false
			for sl := range cs {
				if outSlots[k][sl] {
					shared = true
					break
				}
			}
			// Records on the same elements are rival readings of one
			// list (headline links vs tag links), not more entries.
			if !shared || d.sharesRecords(o, c) {
				continue
			}
			have := make(map[string]bool, len(o.records))
			for _, r := range o.records {
				have[d.anchors[r.anchor].key] = true
			}
			for _, r := range c.records {
				if !have[d.anchors[r.anchor].key] {
					o.records = append(o.records, r)
				}
			}
			sort.Slice(o.records, func(i, j int) bool { return o.records[i].first < o.records[j].first })
			o.region = d.lca(o.region, c.region)
			for sl := range cs {
				outSlots[k][sl] = true
			}
			merged = true
			break
		}
		if !merged {
			out = append(out, c)
			outSlots = append(outSlots, cs)
		}
	}
	return out
}

// sharesRecords reports whether a record of b overlaps a record of a.
func (d *doc) sharesRecords(a, b *candidate) bool {
	for _, r := range b.records {
		if d.overlapsRecord(a, r) {
			return true
		}
	}
	return false
}

// overlapsRecord reports whether r shares elements with a record of c.
func (d *doc) overlapsRecord(c *candidate, r record) bool {
	for _, o := range c.records {
		if d.contains(o.first, r.first) || d.contains(r.first, o.first) || (r.first >= o.first && r.first <= o.last) || (o.first >= r.first && o.first <= r.last) {
			return true
		}
	}
	return false
}

// extendFlat grows records whose root is a lone heading among siblings
// (h2, p, p, hr, h2, …: entries without a wrapper) to the sibling run up to
// the next record. See MDR's generalized nodes.
func (d *doc) extendFlat(c *candidate) {
	rs := c.records
	// Only entries whose root is little more than their headline link are
	// flat; an entry with its own wrapper already holds its fields.
	lone := 0
	for _, r := range rs {
		a := &d.anchors[r.anchor]
		if d.els[r.first].text-d.els[a.el].text < 20 && !hasBlockChild(d.els[a.el].n) {
			lone++
		}
	}
	if lone*2 < len(rs) {
		return
	}
	gap := -1
	for k := range rs {
		p := d.els[rs[k].first].parent
		if p < 0 {
			continue
		}
		limit := d.els[p].end
		if k+1 < len(rs) && d.els[rs[k+1].first].parent == p {
			limit = rs[k+1].first
		} else if gap < 0 {
			continue
		}
		n := 0
		j := rs[k].first
		for next := d.els[j].end; next < limit && d.els[next].parent == p; next = d.els[next].end {
			// A day's heading ("Tuesday, November 15, 2005") after an
			// entry's text opens the next day's entries; it is not this
			// one's (a date right under the headline is).
			if n > 0 && d.dayHeader(next) {
				break
			}
			if k+1 >= len(rs) || d.els[rs[k+1].first].parent != p {
				// last record of the run: take as many siblings as the others did
				if n >= gap || d.els[next].flags&(fNegative|fChrome) != 0 || d.holdsOtherAnchor(next, rs[k].anchor) {
					break
				}
			}
			j = next
			n++
		}
		rs[k].last = j
		if k+1 < len(rs) && d.els[rs[k+1].first].parent == p && (gap < 0 || n < gap) {
			gap = n
		}
	}
	// Entries that start with a date or kicker before the heading: when the
	// element just before the first record looks like the last element of
	// every record, each record really starts one sibling earlier.
	if len(rs) < 2 || rs[0].first == rs[0].last {
		return
	}
	lead := d.prevSibling(rs[0].first)
	if lead < 0 {
		return
	}
	sig := d.signature(lead)
	for k := 0; k+1 < len(rs); k++ {
		if d.signature(rs[k].last) != sig {
			return
		}
	}
	for k := range rs {
		if prev := d.prevSibling(rs[k].first); prev >= 0 {
			rs[k].first = prev
		}
		if k+1 < len(rs) && rs[k].last != rs[k].first {
			if p := d.prevSibling(rs[k].last); p >= rs[k].first {
				rs[k].last = p
			}
		}
	}
}

// dayHeader reports a small element holding nothing but a date, with no
// link: the heading of a day's entries in a flat blog layout.
func (d *doc) dayHeader(i int32) bool {
	e := &d.els[i]
	if e.text == 0 || e.text > 60 || e.link > 0 {
		return false
	}
	t := d.text(i, 0)
	dt, ok := FindDate(t, time.Time{}, d.lang)
	return ok && HasYear(dt.Raw) && len(dt.Raw)+12 >= len(t)
}

// holdsOtherAnchor reports whether element i links to a content destination
// other than anchor a's.
func (d *doc) holdsOtherAnchor(i int32, a int) bool {
	key := d.anchors[a].key
	for k := d.anchorsFrom(i); k < len(d.anchors); k++ {
		el := d.anchors[k].el
		if el >= d.els[i].end {
			break
		}
		if d.contains(i, el) && d.anchors[k].key != key && !d.anchors[k].util && d.anchors[k].words >= 3 {
			return true
		}
	}
	return false
}

func (d *doc) prevSibling(i int32) int32 {
	p := d.els[i].parent
	if p < 0 {
		return -1
	}
	prev := int32(-1)
	for c := p + 1; c < d.els[p].end && c < i; c = d.els[c].end {
		prev = c
	}
	return prev
}

func (d *doc) signature(i int32) string {
	n := d.els[i].n
	return n.Data + "." + d.els[i].class
}

// recordInfo is what scoring needs to know about one record.
type recordInfo struct {
	title   float64 // headline-likeness of the anchor text, 0..1
	heading bool
	date    bool
	text    bool // has text besides links: an excerpt or metadata
	util    bool
	offsite bool
	article bool
	plain   int32 // text bytes outside links
}

func (d *doc) inspect(r record) recordInfo {
	a := &d.anchors[r.anchor]
	var ri recordInfo
	ri.title = titleQuality(a.text, a.words)
	ri.util = a.util
	if parsed, same := d.site(r.anchor); parsed && !same {
		ri.offsite = true
	}
	for p := a.el; p >= r.first; p = d.els[p].parent {
		if d.els[p].flags&fHeading != 0 {
			ri.heading = true
			break
		}
		if p == r.first {
			break
		}
	}
	if !ri.heading {
		for j := a.el + 1; j < d.els[a.el].end; j++ {
			if d.els[j].flags&fHeading != 0 {
				ri.heading = true
				break
			}
		}
	}
	var text, link int32
	for j := r.first; j <= r.last; j = d.els[j].end {
		e := &d.els[j]
		text += e.text
		link += e.link
		if !ri.date {
			for k := j; k < e.end; k++ {
				if d.els[k].flags&fDateHint != 0 {
					ri.date = true
					break
				}
			}
		}
		if e.flags&fPositive != 0 || e.n.DataAtom == atom.Article {
			ri.article = true
		}
		if e.end > r.last {
			break
		}
	}
	ri.text = text-link >= 40
	ri.plain = text - link
	return ri
}

func titleQuality(s string, words int) float64 {
	if n := runeLen(s); n >= 8 && cjkShare(s) > 0.5 {
		return 1
	}
	switch {
	case words >= 4 && words <= 40:
		return 1
	case words == 3:
		return 0.8
	case words == 2:
		return 0.4
	case words > 40:
		return 0.3
	default:
		return 0.1
	}
}

func cjkShare(s string) float64 {
	var c, n int
	for _, r := range s {
		n++
		if r >= 0x2E80 && cjkRune(r) { // the first test spares most calls
			c++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(c) / float64(n)
}

// score rates a candidate as the page's main list.
func (d *doc) score(c *candidate) {
	n := float64(len(c.records))
	var tq, hf, df, xf, uf, of, af, mass float64
	for _, r := range c.records {
		ri := d.inspect(r)
		mass += float64(ri.plain)
		tq += ri.title
		if ri.heading {
			hf++
		}
		if ri.date {
			df++
		}
		if ri.text {
			xf++
		}
		if ri.util {
			uf++
		}
		if ri.offsite {
			of++
		}
		if ri.article {
			af++
		}
	}
	tq, hf, df, xf, uf, of, af = tq/n, hf/n, df/n, xf/n, uf/n, of/n, af/n
	chrome, neg, main := d.context(c.region)
	if label := d.listLabel(c.region); label != "" && widgetLabels.in(label) {
		neg = 1.5
	}
	// Two or three entries with rich fields (a "pickup" box of leads)
	// are weaker evidence of the page's list than the same shares in a
	// longer list.
	small := math.Min(1, (n+1)/5)
	s := math.Log2(n+1)*(0.4+tq) + math.Log2(1+mass/500) + small*(1.5*hf+1.5*df+2*xf+1.2*af) + 1.0*main - 2*uf - 1.5*of - 3*chrome - 2*neg
	c.score = s
	c.neg = chrome > 0 || neg > 0
	c.feat = features{mass, len(c.records), tq, hf, df, xf, af, uf, of, chrome, neg, main}
}

// features are the inputs of a candidate's score, kept for its reason.
// tq and hf are the headline-likeness and heading share of the entries.
type features struct {
	mass                       float64
	n                          int
	tq, hf, df, xf, af, uf, of float64
	chrome, neg, main          float64
}

// reason renders the features behind c's score for diagnostics. It is
// formatted only for the lists that are reported, not for every candidate.
func (c *candidate) reason() string {
	f := c.feat
	return fmt.Sprintf("mass=%.0f n=%d title=%.2f heading=%.2f date=%.2f text=%.2f article=%.2f util=%.2f offsite=%.2f chrome=%.0f neg=%.1f main=%.0f",
		f.mass, f.n, f.tq, f.hf, f.df, f.xf, f.af, f.uf, f.of, f.chrome, f.neg, f.main)
}

// context reads the region's surroundings: inside page chrome (nav, aside,
// page header/footer), under a "sidebar/widget/related…" class, inside main.
// Ancestors that wrap most of the page say nothing about the region and are
// ignored.
func (d *doc) context(region int32) (chrome, neg, main float64) {
	body := d.bodyText()
	for p := region; p >= 0; p = d.els[p].parent {
		e := &d.els[p]
		if float64(e.text) > 0.6*float64(body) && p != region {
			break
		}
		own := e.own
		if own&fChrome != 0 {
			chrome = 1
		}
		if own&fNegative != 0 && neg == 0 {
			neg = 1
		}
		if own&fPositive != 0 && neg > 0 && p == region {
			neg = 0.5
		}
	}
	if d.els[region].flags&fMain != 0 {
		main = 1
	}
	for p := region; p >= 0; p = d.els[p].parent {
		if d.els[p].own&fMain != 0 {
			main = 1
			break
		}
	}
	return chrome, neg, main
}

// widgetLabelRe matches the headings of boxes that list other posts. It is
// run as widgetLabels.
var widgetLabelRe = regexp.MustCompile(`(?i)(popular|most[ -](read|viewed|commented|shared|emailed|recent)|trending|related|recommended|you may also|also like|editor'?s? (picks|choice)|sponsored|advertisement|top (stories|posts|articles)|meistgelesen|meistkommentiert|beliebt|empfehlungen|les plus (lus|populaires|commentés)|à lire aussi|más (leídos|vistos|populares)|lo más|più (letti|visti|popolari)|популярн|самое (читаемое|популярное|обсуждаемое)|читайте также|najczęściej|najčítanejšie|najpopularniejsze|mest læste|mest lästa|meest gelezen|人気|热门|熱門|排行)`)

// widgetLabels is widgetLabelRe as a phraseSet.
var widgetLabels = newPhraseSet(widgetLabelRe)

// listLabel returns the heading that introduces region: its own first
// heading, or a heading just before it or before one of its near ancestors.
func (d *doc) listLabel(region int32) string {
	isHeading := func(i int32) bool {
		n := d.els[i].n
		switch n.DataAtom {
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			return true
		}
		return d.els[i].flags&fHeading != 0 && d.els[i].text < 80
	}
	// headingIn finds a short heading at or inside a small element.
	headingIn := func(i int32) (string, bool) {
		if d.els[i].text > 100 {
			return "", false
		}
		for j := i; j < d.els[i].end; j++ {
			if isHeading(j) && d.anchorIn(j) < 0 && !d.inLink(j, i) {
				return d.text(j, 0), true
			}
		}
		return "", false
	}
	if first := region + 1; first < d.els[region].end {
		if t, ok := headingIn(first); ok {
			return t
		}
	}
	for p, up := region, 0; p >= 0 && up < 3; p, up = d.els[p].parent, up+1 {
		for s, k := d.prevSibling(p), 0; s >= 0 && k < 2; s, k = d.prevSibling(s), k+1 {
			if t, ok := headingIn(s); ok {
				return t
			}
			if d.els[s].text > 0 {
				break
			}
		}
	}
	return ""
}

// inLink reports whether element j is inside a link, looking up to stop.
func (d *doc) inLink(j, stop int32) bool {
	for p := j; p >= stop && p >= 0; p = d.els[p].parent {
		if d.els[p].n.DataAtom == atom.A {
			return true
		}
	}
	return false
}

// anchorIn returns the first anchor inside element i, or -1.
func (d *doc) anchorIn(i int32) int {
	for k := d.anchorsFrom(i); k < len(d.anchors); k++ {
		if d.anchors[k].el >= d.els[i].end {
			break
		}
		if d.contains(i, d.anchors[k].el) {
			return k
		}
	}
	return -1
}

func (d *doc) bodyText() int32 {
	var best int32
	for i := range d.els {
		if d.els[i].n.DataAtom == atom.Body {
			return d.els[i].text
		}
		if d.els[i].depth == 0 && d.els[i].text > best {
			best = d.els[i].text
		}
	}
	return best
}

func (d *doc) overlaps(a, b *candidate) bool {
	return d.contains(a.region, b.region) || d.contains(b.region, a.region)
}

// expand adds entries the anchor-path grouping missed: siblings of the
// records that carry their own headline link (a featured first entry with a
// bigger heading), and a lead block just before the list.
func (d *doc) expand(c *candidate) {
	have := make(map[string]bool, len(c.records))
	for _, r := range c.records {
		have[d.anchors[r.anchor].key] = true
	}
	parents := make(map[int32]bool)
	for _, r := range c.records {
		if p := d.els[r.first].parent; p >= 0 {
			parents[p] = true
		}
	}
	// The classes of the entries' headline links ("lnkTitle"): a block
	// whose one headline link has one of them is an entry too, heading or
	// not (a featured entry laid out bigger, above the rows of the list).
	linkClass := make(map[string]bool, 2)
	for _, r := range c.records {
		if cls := stableClass(d.els[d.anchors[r.anchor].el].class); cls != "" {
			linkClass[cls] = true
		}
	}
	if len(linkClass) > 2 {
		linkClass = nil // the entries' links are not marked alike
	}
	if _, ok := parents[c.region]; !ok && len(linkClass) > 0 {
		parents[c.region] = true // blocks of the region around the rows
	}
	var added []record
	for p := range parents {
		for ch := p + 1; ch < d.els[p].end; ch = d.els[ch].end {
			if d.inRecords(c, ch) {
				continue
			}
			ai := d.headlineAnchor(ch, have)
			if ai < 0 {
				ai = d.classedAnchor(ch, have, linkClass)
			}
			if ai >= 0 {
				have[d.anchors[ai].key] = true
				added = append(added, record{first: ch, last: ch, anchor: ai})
			}
		}
	}
	// A lead/hero block right before the list region (past a heading
	// like "Latest news" between them).
	lead := d.prevSibling(c.region)
	for k := 0; k < 2 && lead >= 0 && d.anchorIn(lead) < 0 && d.els[lead].text < 200; k++ {
		lead = d.prevSibling(lead)
	}
	if lead >= 0 {
		if ai := d.headlineAnchor(lead, have); ai >= 0 && d.els[lead].text < 4*d.els[c.region].text/int32(len(c.records)+1)+400 {
			have[d.anchors[ai].key] = true
			added = append(added, record{first: lead, last: lead, anchor: ai})
		}
	}
	if len(added) == 0 {
		return
	}
	c.records = append(c.records, added...)
	sort.Slice(c.records, func(i, j int) bool { return c.records[i].first < c.records[j].first })
}

// coversMost reports whether o reads at least 80% of best's entries as
// the same entries: overlapping, and linking to the same destination (a
// permalink beside the title link), not to a tag or a channel.
func (d *doc) coversMost(o, best *candidate) bool {
	keys := make(map[string]bool, len(o.records))
	for _, r := range o.records {
		keys[d.anchors[r.anchor].key] = true
	}
	n := 0
	for _, r := range best.records {
		if keys[d.anchors[r.anchor].key] && d.overlapsRecord(o, r) {
			n++
		}
	}
	return 5*n >= 4*len(best.records)
}

// mainColumn returns the page's main content element (main, role=main,
// #content…) holding region, when region is inside one, or -1.
func (d *doc) mainColumn(region int32) int32 {
	for p := region; p >= 0; p = d.els[p].parent {
		if d.els[p].own&fMain != 0 {
			return p
		}
	}
	return -1
}

// widgetNamed reports whether i or an ancestor below stop is named like a
// widget by its aria-label or its heading ("Top posts", "Most read").
func (d *doc) widgetNamed(i, stop int32) bool {
	for p := i; p > stop && p >= 0; p = d.els[p].parent {
		if l := attr(d.els[p].n, "aria-label"); l != "" && widgetLabels.in(l) {
			return true
		}
		if l := d.listLabel(p); l != "" && widgetLabels.in(l) {
			return true
		}
	}
	return false
}

// slideshowWords are class and id fragments of slideshow and carousel
// widgets (and the common libraries behind them): their slides are not
// the page's list.
var slideshowWords = []string{"slider", "carousel", "slideshow", "swiper", "slick", "owl-", "flexslider", "bxslider",
	"rokstories", "royalslider", "flickity", "splide", "glide", "rotator", "ticker", "marquee"}

// slideshowBoxed reports whether i or an ancestor below stop is a slideshow.
func (d *doc) slideshowBoxed(i, stop int32) bool {
	for p := i; p > stop && p >= 0; p = d.els[p].parent {
		v := strings.ToLower(d.els[p].class + " " + attr(d.els[p].n, "id"))
		for _, w := range slideshowWords {
			if strings.Contains(v, w) {
				return true
			}
		}
	}
	return false
}

// adBoxed reports whether i or an ancestor below stop is marked as
// advertising ("fc-container--paid-content").
func (d *doc) adBoxed(i, stop int32) bool {
	for p := i; p > stop && p >= 0; p = d.els[p].parent {
		if d.isAd(p) {
			return true
		}
	}
	return false
}

// classedAnchor returns the one content link of block i whose class is
// among classes, to a same-site destination not already listed, or -1.
func (d *doc) classedAnchor(i int32, have map[string]bool, classes map[string]bool) int {
	if len(classes) == 0 {
		return -1
	}
	return d.oneAnchor(i, have, func(a *anchor) bool { return classes[stableClass(d.els[a.el].class)] })
}

// oneAnchor returns the one content link of block i that accept takes, to
// a same-site destination not already listed (have), or -1 when the
// block has none, several, or is chrome or a widget.
func (d *doc) oneAnchor(i int32, have map[string]bool, accept func(*anchor) bool) int {
	e := &d.els[i]
	if e.flags&(fInvisible|fChrome) != 0 || e.own&fNegative != 0 {
		return -1
	}
	found := -1
	for k := d.anchorsFrom(i); k < len(d.anchors); k++ {
		a := &d.anchors[k]
		if a.el < i {
			continue
		}
		if a.el >= e.end {
			break
		}
		if a.util || a.key == d.pageKey || a.words < 2 || d.els[a.el].flags&fInvisible != 0 || !accept(a) {
			continue
		}
		if have[a.key] || found >= 0 && d.anchors[found].key != a.key {
			return -1
		}
		if found < 0 {
			found = k
		}
	}
	if found >= 0 {
		if parsed, same := d.site(found); !parsed || !same {
			return -1
		}
	}
	return found
}

// absorb merges into best the other lists of headline entries that share
// its container and entry tag: a front page's themed blocks of teasers.
func (d *doc) absorb(best *candidate, others []*candidate) {
	if len(best.records) == 0 {
		return
	}
	tag := d.els[best.records[0].first].n.Data
	like := d.alike(best, false)
	column := d.mainColumn(best.region)
	rows := make(map[int32]bool)
	aboveOnly := make(map[*candidate]bool)
	have := make(map[string]bool, len(best.records))
	for _, r := range best.records {
		have[d.anchors[r.anchor].key] = true
	}
	for _, o := range others {
		if len(o.records) == 0 || o.neg {
			continue
		}
		if d.sharesRecords(best, o) {
			// A rival reading of the same entries that also finds entries
			// best missed (Tumblr: permalinks on every post, titles on some).
			if like != nil && (o.region == best.region || d.contains(o.region, best.region)) && d.coversMost(o, best) {
				for _, r := range o.records {
					if !have[d.anchors[r.anchor].key] && !d.overlapsRecord(best, r) && like(r) && d.contains(best.region, r.first) {
						best.records = append(best.records, r)
						have[d.anchors[r.anchor].key] = true
					}
				}
			}
			continue
		}
		if o.feat.tq < 0.8 {
			continue
		}
		same := o.region == best.region && d.els[o.records[0].first].n.Data == tag && o.feat.hf >= 0.5
		// Entries around best's own box, in its container: the rest of a
		// front page's column (a lead, a row of teasers above the list).
		around := o.region != best.region && d.contains(o.region, best.region) &&
			d.els[best.region].depth-d.els[o.region].depth <= 1 && o.feat.tq >= 0.9
		// Other modules of headline teasers in the page's main column.
		// Built like best's entries, and not an ad box.
		inColumn := column >= 0 && like != nil && o.region != best.region && !d.contains(o.region, best.region) &&
			d.contains(column, o.region) && o.feat.tq >= 0.9 && o.feat.hf >= 0.5 && !d.adBoxed(o.region, column)
		// Modules around best's in a column that no class calls main:
		// entries built like best's in a container that is not the
		// whole page.
		wrapping := !around && like != nil && o.region != best.region && d.contains(o.region, best.region) &&
			o.feat.tq >= 0.9 && o.feat.hf >= 0.5 && 10*d.els[o.region].text < 7*d.bodyText()
		// A module of headline teasers above the list in the main column,
		// built otherwise (a front page's top stories): not a table's rows
		// (forum topics, events) and not a slideshow.
		above := column >= 0 && o.region < best.region && !d.contains(o.region, best.region) &&
			d.contains(column, o.region) && o.feat.tq >= 0.9 && (o.feat.hf >= 0.5 || o.feat.tq >= 1 && len(o.records) >= 3) &&
			!d.adBoxed(o.region, column) && d.els[o.records[0].first].n.DataAtom != atom.Tr && !d.slideshowBoxed(o.records[0].first, column) &&
			!d.widgetNamed(o.records[0].first, column)
		if above {
			aboveOnly[o] = true
		}
		inColumn = inColumn || wrapping || above
		if !(same || around || inColumn) {
			continue
		}
		for _, r := range o.records {
			if (same || inColumn) && !aboveOnly[o] && like != nil && !like(r) {
				continue // another box in the container, built otherwise
			}
			if !have[d.anchors[r.anchor].key] && !d.overlapsRecord(best, r) && !d.adBoxed(r.first, o.region) {
				best.records = append(best.records, r)
				have[d.anchors[r.anchor].key] = true
				if !same {
					rows[d.els[r.first].parent] = true
				}
			}
		}
	}
	// A module's lead teaser just before its row of teasers.
	for row := range rows {
		lead := d.prevSibling(row)
		if lead < 0 || d.inRecords(best, lead) {
			continue
		}
		if ai := d.headlineAnchor(lead, have); ai >= 0 && d.els[lead].text < 2*d.els[row].text+400 {
			r := record{first: lead, last: lead, anchor: ai}
			if like == nil || like(r) {
				best.records = append(best.records, r)
				have[d.anchors[ai].key] = true
			}
		}
	}
	sort.Slice(best.records, func(i, j int) bool { return best.records[i].first < best.records[j].first })
}

// prune drops records that only look like entries: ads and sponsored
// teasers (by class or data-ad attributes, or an off-site link in a list of
// same-site links).
func (d *doc) prune(c *candidate) {
	same := 0
	for _, r := range c.records {
		if parsed, onSite := d.site(r.anchor); parsed && onSite {
			same++
		}
	}
	mostlySame := float64(same) >= 0.7*float64(len(c.records))
	// An off-site entry built exactly like its neighbours (a university's
	// news list linking to its athletics site) is one of them; one built
	// otherwise is a promotion.
	var built func(record) bool
	if mostlySame && same < len(c.records) {
		built = d.builtLike(c)
	}
	orig := append([]record(nil), c.records...)
	defer func() {
		// Most of a list cannot be ads: an "ad" word that hits most
		// entries names something else.
		if 2*len(c.records) < len(orig) {
			c.records = orig
		}
	}()
	kept := c.records[:0]
	for _, r := range c.records {
		if d.adBoxed(r.first, c.region) {
			continue
		}
		if mostlySame {
			// Without classes to tell (a <dl> of publications, some on
			// doi.org), the same tag and no class at all count as built alike.
			if parsed, same := d.site(r.anchor); parsed && !same && (built != nil && !built(r) || !d.sameShape(r, c)) {
				continue
			}
		}
		kept = append(kept, r)
	}
	c.records = kept
}

// sameShape reports whether record r has the full class list of another
// record of c: a promotion dressed as an entry usually differs in one
// class word at least ("card card--partner").
func (d *doc) sameShape(r record, c *candidate) bool {
	cls := stableClass(d.els[r.first].class)
	for _, o := range c.records {
		if o.first != r.first && stableClass(d.els[o.first].class) == cls {
			if parsed, same := d.site(o.anchor); parsed && same {
				return true
			}
		}
	}
	return false
}

var adTokens = toSet("ad", "ads", "advert", "advertisement", "sponsored", "sponsor", "paid", "adslot", "adunit")

// isAd reports an element marked as advertising.
func (d *doc) isAd(i int32) bool {
	n := d.els[i].n
	for _, a := range n.Attr {
		switch {
		case a.Key == "class" || a.Key == "id":
			// The words between ' ', '-' and '_' (strings.FieldsFunc,
			// bytewise: the separators are ASCII).
			v := strings.ToLower(a.Val)
			for start, j := 0, 0; j <= len(v); j++ {
				if j < len(v) && v[j] != ' ' && v[j] != '-' && v[j] != '_' {
					continue
				}
				if j > start && adTokens[v[start:j]] {
					return true
				}
				start = j + 1
			}
		// data-ad, data-ad-slot, data-adunit… but not data-admin-id.
		case a.Key == "data-ad" || strings.HasPrefix(a.Key, "data-ad-") || a.Key == "data-adslot" || a.Key == "data-adunit" ||
			a.Key == "data-adtype" || a.Key == "data-sponsored" || a.Key == "data-native-ad":
			return true
		}
	}
	return false
}

func (d *doc) inRecords(c *candidate, i int32) bool {
	for _, r := range c.records {
		if i >= r.first && i <= r.last {
			return true
		}
		if d.contains(i, r.first) || d.contains(r.first, i) {
			return true
		}
	}
	return false
}

// headlineAnchor returns the one headline link of block i — an anchor inside
// a heading, to a same-site, non-utility destination not already listed —
// or -1 when the block has none or several (then it is not one entry).
func (d *doc) headlineAnchor(i int32, have map[string]bool) int {
	return d.oneAnchor(i, have, func(a *anchor) bool {
		for p := a.el; p >= i; p = d.els[p].parent {
			if d.els[p].flags&fHeading != 0 {
				return true
			}
		}
		for j := a.el + 1; j < d.els[a.el].end; j++ {
			if d.els[j].flags&fHeading != 0 {
				return true
			}
		}
		return false
	})
}

// site reports whether anchor k's href parses (url.Parse) and, if so,
// whether it leads to the page's site (sameSite). Indexing finds it out
// while resolving the link; anchors that user selectors add learn it here.
func (d *doc) site(k int) (parsed, same bool) {
	a := &d.anchors[k]
	if a.site == siteUnknown {
		u, err := url.Parse(a.href)
		a.site = d.siteOf(u, err)
	}
	return a.site != siteBad, a.site == siteSame
}

// siteOf is the siteKind of an href given u, err = url.Parse(href).
func (d *doc) siteOf(u *url.URL, err error) siteKind {
	switch {
	case err != nil:
		return siteBad
	case sameSite(u.Host, d.pageURL.Host):
		return siteSame
	}
	return siteOther
}

// siteKind is what doc.site knows about an anchor's href.
type siteKind uint8

const (
	siteUnknown siteKind = iota // not asked yet
	siteBad                     // does not parse
	siteSame                    // on the page's site
	siteOther                   // elsewhere
)

// sameSite compares hosts loosely: www. and subdomains of one another count.
func sameSite(a, b string) bool {
	a, b = strings.ToLower(strings.TrimPrefix(a, "www.")), strings.ToLower(strings.TrimPrefix(b, "www."))
	if a == b || strings.HasSuffix(a, "."+b) || strings.HasSuffix(b, "."+a) {
		return true
	}
	ra, rb := registrable(a), registrable(b)
	// One publisher under several suffixes: bbc.com and bbc.co.uk.
	return ra == rb || brand(ra) != "" && brand(ra) == brand(rb)
}

// brand is a registrable domain's first label ("bbc" of "bbc.co.uk").
func brand(reg string) string {
	if i := strings.IndexByte(reg, '.'); i > 0 {
		return reg[:i]
	}
	return ""
}

func registrable(h string) string {
	parts := strings.Split(h, ".")
	if len(parts) <= 2 {
		return h
	}
	last2 := strings.Join(parts[len(parts)-2:], ".")
	// co.uk, com.au…: keep three labels.
	if len(parts[len(parts)-2]) <= 3 && len(parts[len(parts)-1]) == 2 {
		return strings.Join(parts[len(parts)-3:], ".")
	}
	return last2
}
