package extract

import (
	"encoding/json"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// structured reads the entries a page describes in structured data:
// JSON-LD, microformats2 (and classic hAtom) and schema.org microdata.
// It returns the longest of those lists with its strategy name, and all
// entries found (for filling fields the HTML leaves empty).
func (d *doc) structured(now time.Time) (best []Item, kind string, all []Item) {
	lists := []struct {
		kind  string
		items []Item
	}{
		{StrategyJSONLD, d.jsonLD(now)},
		{StrategyMicroformat, d.microformats(now)},
		{StrategyMicrodata, d.microdata(now)},
	}
	for _, l := range lists {
		all = append(all, l.items...)
		if len(l.items) > len(best) {
			best, kind = l.items, l.kind
		}
	}
	return best, kind, all
}

var articleTypes = toSet("article", "newsarticle", "blogposting", "report", "scholarlyarticle", "techarticle",
	"analysisnewsarticle", "opinionnewsarticle", "reportagenewsarticle", "backgroundnewsarticle",
	"reviewnewsarticle", "askpublicnewsarticle", "socialmediaposting", "liveblogposting", "posting",
	"creativework", "review", "podcastepisode", "videoobject", "event", "pressrelease", "publication")

// jsonLD walks every application/ld+json block for Article-family objects,
// unwrapping ItemList/ListItem and container types (CollectionPage, Blog,
// WebPage, @graph) in document order.
func (d *doc) jsonLD(now time.Time) []Item {
	var out []Item
	for _, raw := range d.ldjson {
		var v any
		raw = strings.TrimSpace(raw)
		raw = strings.TrimPrefix(raw, "<!--")
		raw = strings.TrimSuffix(raw, "-->")
		dec := json.NewDecoder(strings.NewReader(raw))
		if err := dec.Decode(&v); err != nil {
			continue // a broken block says nothing; the HTML still does
		}
		d.ldWalk(v, now, &out, 0)
	}
	return out
}

func (d *doc) ldWalk(v any, now time.Time, out *[]Item, depth int) {
	if depth > 12 {
		return
	}
	switch t := v.(type) {
	case []any:
		for _, e := range t {
			d.ldWalk(e, now, out, depth+1)
		}
	case map[string]any:
		if ldIsArticle(t) {
			if it, ok := d.ldItem(t, now); ok {
				*out = append(*out, it)
			}
			return
		}
		if ldHasType(t, "listitem") {
			if inner, ok := t["item"]; ok {
				if m, ok := inner.(map[string]any); ok && !ldIsArticle(m) {
					// ListItem{item: {url, name}} without a type
					if it, ok := d.ldItem(mergeMaps(t, m), now); ok {
						*out = append(*out, it)
					}
					return
				}
				d.ldWalk(inner, now, out, depth+1)
				return
			}
			if it, ok := d.ldItem(t, now); ok {
				*out = append(*out, it)
			}
			return
		}
		for _, k := range []string{"@graph", "itemListElement", "blogPost", "blogPosts", "hasPart", "mainEntity", "about", "articles", "itemList"} {
			if inner, ok := t[k]; ok {
				d.ldWalk(inner, now, out, depth+1)
			}
		}
	}
}

func mergeMaps(a, b map[string]any) map[string]any {
	m := make(map[string]any, len(a)+len(b))
	for k, v := range a {
		m[k] = v
	}
	for k, v := range b {
		m[k] = v
	}
	return m
}

func ldHasType(m map[string]any, want string) bool {
	switch t := m["@type"].(type) {
	case string:
		return strings.EqualFold(t, want)
	case []any:
		for _, e := range t {
			if s, ok := e.(string); ok && strings.EqualFold(s, want) {
				return true
			}
		}
	}
	return false
}

func ldIsArticle(m map[string]any) bool {
	check := func(s string) bool {
		s = strings.ToLower(s)
		if i := strings.LastIndexAny(s, "/#:"); i >= 0 {
			s = s[i+1:]
		}
		return articleTypes[s]
	}
	switch t := m["@type"].(type) {
	case string:
		return check(t)
	case []any:
		for _, e := range t {
			if s, ok := e.(string); ok && check(s) {
				return true
			}
		}
	}
	return false
}

func (d *doc) ldItem(m map[string]any, now time.Time) (Item, bool) {
	var it Item
	it.Title = collapse(html.UnescapeString(ldString(m["headline"], m["name"], m["title"])))
	raw := ldString(m["url"], m["mainEntityOfPage"], m["@id"])
	u, ok := ResolveURL(d.base, raw)
	if !ok {
		return it, false
	}
	u.Fragment = ""
	it.URL = u.String()
	if k, err := CanonicalURL(it.URL); err != nil || k == d.pageKey {
		return it, false
	}
	it.Summary = collapse(html.UnescapeString(ldString(m["description"], m["abstract"])))
	if dt, ok := ParseDate(ldString(m["datePublished"], m["dateCreated"], m["uploadDate"], m["startDate"]), now, d.lang); ok {
		it.Published = dt
	}
	it.Author = collapse(ldName(m["author"]))
	if img := ldString(m["image"], m["thumbnailUrl"]); img != "" {
		if iu, ok := ResolveURL(d.base, img); ok {
			it.Image = iu.String()
		}
	}
	return it, true
}

// ldString returns the first non-empty string among vals, reading
// {"url": …}/{"@id": …} objects and the first element of arrays.
func ldString(vals ...any) string {
	for _, v := range vals {
		switch t := v.(type) {
		case string:
			if s := strings.TrimSpace(t); s != "" {
				return s
			}
		case map[string]any:
			if s := ldString(t["url"], t["@id"], t["contentUrl"], t["@value"]); s != "" {
				return s
			}
		case []any:
			if len(t) > 0 {
				if s := ldString(t[0]); s != "" {
					return s
				}
			}
		}
	}
	return ""
}

func ldName(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case map[string]any:
		if s, ok := t["name"].(string); ok {
			return s
		}
	case []any:
		var names []string
		for _, e := range t {
			if s := ldName(e); s != "" {
				names = append(names, s)
			}
		}
		return strings.Join(names, ", ")
	}
	return ""
}

// microformats reads h-entry (microformats2) and, when there is none,
// classic hAtom hentry elements.
func (d *doc) microformats(now time.Time) []Item {
	items := d.mfEntries("h-entry", now)
	if len(items) == 0 {
		items = d.mfEntries("hentry", now)
	}
	return items
}

func (d *doc) mfEntries(root string, now time.Time) []Item {
	var out []Item
	mf2 := root == "h-entry"
	for i := int32(0); i < int32(len(d.els)); i++ {
		e := &d.els[i]
		if !hasClassIn(e.class, root) || e.flags&fInvisible != 0 {
			continue
		}
		var it Item
		var nameEl, urlEl, sumEl, pubEl, authEl, imgEl int32 = -1, -1, -1, -1, -1, -1
		for j := i + 1; j < e.end; j++ {
			n, cls := d.els[j].n, d.els[j].class
			if hasClassIn(cls, root) { // nested entry: skip it
				j = d.els[j].end - 1
				continue
			}
			switch {
			case nameEl < 0 && (mf2 && hasClassIn(cls, "p-name") || !mf2 && hasClassIn(cls, "entry-title")):
				nameEl = j
			}
			if urlEl < 0 && (mf2 && hasClassIn(cls, "u-url") || !mf2 && strings.Contains(attr(n, "rel"), "bookmark")) && attr(n, "href") != "" {
				urlEl = j
			}
			if sumEl < 0 && (mf2 && (hasClassIn(cls, "p-summary") || hasClassIn(cls, "e-summary")) || !mf2 && hasClassIn(cls, "entry-summary")) {
				sumEl = j
			}
			if pubEl < 0 && (mf2 && hasClassIn(cls, "dt-published") || !mf2 && hasClassIn(cls, "published")) {
				pubEl = j
			}
			if authEl < 0 && (mf2 && hasClassIn(cls, "p-author") || !mf2 && hasClassIn(cls, "author")) {
				authEl = j
			}
			if imgEl < 0 && (hasClassIn(cls, "u-photo") || hasClassIn(cls, "u-featured")) {
				imgEl = j
			}
		}
		if nameEl >= 0 {
			it.Title = d.text(nameEl, fKicker)
		}
		if urlEl < 0 && nameEl >= 0 {
			for j := nameEl; j < d.els[nameEl].end; j++ {
				if d.els[j].n.DataAtom == atom.A && attr(d.els[j].n, "href") != "" {
					urlEl = j
					break
				}
			}
		}
		if urlEl < 0 {
			continue
		}
		u, ok := ResolveURL(d.base, attr(d.els[urlEl].n, "href"))
		if !ok {
			continue
		}
		u.Fragment = ""
		it.URL = u.String()
		if it.Title == "" {
			it.Title = d.text(urlEl, fKicker)
		}
		if sumEl >= 0 {
			it.Summary = fieldReader{d: d, now: now}.excerptText(sumEl)
		}
		if pubEl >= 0 {
			n := d.els[pubEl].n
			if dt, ok := ParseDate(firstNonEmpty(attr(n, "datetime"), attr(n, "title"), attr(n, "content"), d.text(pubEl, 0)), now, d.lang); ok {
				it.Published = dt
			}
		}
		if authEl >= 0 {
			name := ""
			for j := authEl; j < d.els[authEl].end; j++ {
				if hasClassIn(d.els[j].class, "p-name") || hasClassIn(d.els[j].class, "fn") {
					name = d.text(j, 0)
					break
				}
			}
			if name == "" {
				name = d.text(authEl, 0)
			}
			it.Author = cleanAuthor(name)
		}
		if imgEl >= 0 {
			if iu, ok := ResolveURL(d.base, firstNonEmpty(attr(d.els[imgEl].n, "src"), attr(d.els[imgEl].n, "href"))); ok {
				it.Image = iu.String()
			}
		}
		out = append(out, it)
		i = e.end - 1
	}
	return out
}

// microdata reads schema.org itemscope elements of Article-family types.
func (d *doc) microdata(now time.Time) []Item {
	var out []Item
	for i := int32(0); i < int32(len(d.els)); i++ {
		e := &d.els[i]
		n := e.n
		if !hasAttr(n, "itemscope") {
			continue
		}
		if !ldIsArticle(map[string]any{"@type": attr(n, "itemtype")}) {
			continue
		}
		props := map[string]string{}
		for j := i + 1; j < e.end; j++ {
			c := d.els[j].n
			prop := attr(c, "itemprop")
			if prop != "" {
				if _, seen := props[prop]; !seen {
					props[prop] = d.microValue(j, prop)
				}
			}
			if hasAttr(c, "itemscope") {
				j = d.els[j].end - 1 // its properties are its own
			}
		}
		raw := firstNonEmpty(props["url"], props["mainEntityOfPage"])
		u, ok := ResolveURL(d.base, raw)
		if !ok {
			continue
		}
		u.Fragment = ""
		it := Item{URL: u.String(), Title: firstNonEmpty(props["headline"], props["name"]), Summary: props["description"], Author: props["author"]}
		if dt, ok := ParseDate(firstNonEmpty(props["datePublished"], props["dateCreated"]), now, d.lang); ok {
			it.Published = dt
		}
		if img := props["image"]; img != "" {
			if iu, ok := ResolveURL(d.base, img); ok {
				it.Image = iu.String()
			}
		}
		out = append(out, it)
		i = e.end - 1
	}
	return out
}

// microValue reads an itemprop's value per the microdata rules.
func (d *doc) microValue(j int32, prop string) string {
	n := d.els[j].n
	if hasAttr(n, "itemscope") { // author: {name}
		for k := j + 1; k < d.els[j].end; k++ {
			if attr(d.els[k].n, "itemprop") == "name" {
				return firstNonEmpty(attr(d.els[k].n, "content"), d.text(k, 0))
			}
		}
		return d.text(j, 0)
	}
	if v := attr(n, "content"); v != "" {
		return strings.TrimSpace(v)
	}
	switch n.DataAtom {
	case atom.A, atom.Link, atom.Area:
		return attr(n, "href")
	case atom.Img, atom.Source, atom.Video, atom.Audio, atom.Iframe:
		return attr(n, "src")
	case atom.Time:
		if v := attr(n, "datetime"); v != "" {
			return v
		}
	case atom.Meta:
		return attr(n, "content")
	}
	if prop == "url" {
		for k := j; k < d.els[j].end; k++ {
			if h := attr(d.els[k].n, "href"); h != "" {
				return h
			}
		}
	}
	return d.text(j, fKicker)
}

// hasClassIn reports whether the class attribute cls lists class c.
func hasClassIn(cls, c string) bool {
	if !strings.Contains(cls, c) {
		return false
	}
	for f := range strings.FieldsSeq(cls) {
		if f == c {
			return true
		}
	}
	return false
}
