package extract

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// SelectorSpec is the user's selectors as written in a config file or on
// the command line: CSS, with "sel@attr" to read an attribute instead of
// the text. Item is required when any per-item field is given; Next alone
// only overrides next-page detection.
type SelectorSpec struct {
	Item      string `yaml:"item,omitempty" json:"item,omitempty"`
	Title     string `yaml:"title,omitempty" json:"title,omitempty"`
	URL       string `yaml:"url,omitempty" json:"url,omitempty"`
	Summary   string `yaml:"summary,omitempty" json:"summary,omitempty"`
	Published string `yaml:"published,omitempty" json:"published,omitempty"`
	Author    string `yaml:"author,omitempty" json:"author,omitempty"`
	Image     string `yaml:"image,omitempty" json:"image,omitempty"`
	Next      string `yaml:"next,omitempty" json:"next,omitempty"`
}

// IsZero reports whether no selector is set.
func (s SelectorSpec) IsZero() bool { return s == SelectorSpec{} }

// Selectors are compiled, validated selectors.
type Selectors struct {
	spec                                                SelectorSpec
	item, title, url, summary, published, author, image *fieldSel
	next                                                *fieldSel
}

type fieldSel struct {
	css  cascadia.Selector
	attr string
}

// SelectorError reports an invalid selector, naming the field and the selector.
type SelectorError struct {
	Field    string
	Selector string
	Err      error
}

func (e *SelectorError) Error() string {
	return fmt.Sprintf("invalid %s selector %q: %v", e.Field, e.Selector, e.Err)
}

func (e *SelectorError) Unwrap() error { return e.Err }

var attrSuffixRe = regexp.MustCompile(`^(.*\S)\s*@([A-Za-z_:][-A-Za-z0-9_:.]*)$`)

// CompileSelectors validates and compiles spec. An invalid selector is an
// error naming it: a selector that silently matches nothing is worse.
func CompileSelectors(spec SelectorSpec) (*Selectors, error) {
	s := &Selectors{spec: spec}
	fields := []struct {
		name string
		raw  string
		dst  **fieldSel
	}{
		{"item", spec.Item, &s.item}, {"title", spec.Title, &s.title}, {"url", spec.URL, &s.url},
		{"summary", spec.Summary, &s.summary}, {"published", spec.Published, &s.published},
		{"author", spec.Author, &s.author}, {"image", spec.Image, &s.image}, {"next", spec.Next, &s.next},
	}
	for _, f := range fields {
		raw := strings.TrimSpace(f.raw)
		if raw == "" {
			continue
		}
		css, at := raw, ""
		if m := attrSuffixRe.FindStringSubmatch(raw); m != nil {
			css, at = m[1], strings.ToLower(m[2])
		}
		if f.name == "item" && at != "" {
			return nil, &SelectorError{Field: f.name, Selector: raw, Err: fmt.Errorf("item selector cannot read an attribute")}
		}
		c, err := cascadia.Compile(css)
		if err != nil {
			return nil, &SelectorError{Field: f.name, Selector: raw, Err: err}
		}
		*f.dst = &fieldSel{css: c, attr: at}
	}
	if s.item == nil && (s.title != nil || s.url != nil || s.summary != nil || s.published != nil || s.author != nil || s.image != nil) {
		return nil, &SelectorError{Field: "item", Selector: "", Err: fmt.Errorf("per-item selectors need an item selector")}
	}
	return s, nil
}

// Spec returns the selectors as written.
func (s *Selectors) Spec() SelectorSpec { return s.spec }

// apply extracts the items matched by the item selector; fields without a
// selector are read the zero-config way from the item's element.
func (s *Selectors) apply(d *doc, fr fieldReader) []Item {
	if s.item == nil {
		return nil
	}
	gq := goquery.NewDocumentFromNode(d.root)
	var items []Item
	gq.FindMatcher(s.item.css).Each(func(_ int, sel *goquery.Selection) {
		n := sel.Get(0)
		i, ok := d.indexOf(n)
		if !ok {
			return
		}
		it, ok := s.one(d, fr, i)
		if ok {
			items = append(items, it)
		}
	})
	return items
}

func (s *Selectors) one(d *doc, fr fieldReader, i int32) (Item, bool) {
	root := d.els[i].n
	var titleEl int32 = -1
	var it Item
	if s.title != nil {
		if n := s.title.css.MatchFirst(root); n != nil {
			if j, ok := d.indexOf(n); ok {
				titleEl = j
			}
			it.Title = s.title.value(d, n)
		}
	}
	// The URL: the selector's, else the title's link, else the entry's first
	// headline-looking link.
	var href string
	var linkEl int32 = -1
	if s.url != nil {
		if n := s.url.css.MatchFirst(root); n != nil {
			at := s.url.attr
			if at == "" {
				at = "href"
			}
			href = attr(n, at)
			linkEl, _ = d.indexOf(n)
		}
	} else if titleEl >= 0 {
		for p := titleEl; p >= i; p = d.els[p].parent {
			if d.els[p].n.DataAtom == atom.A && attr(d.els[p].n, "href") != "" {
				linkEl = p
				break
			}
		}
		if linkEl < 0 {
			for j := titleEl; j < d.els[titleEl].end; j++ {
				if d.els[j].n.DataAtom == atom.A && attr(d.els[j].n, "href") != "" {
					linkEl = j
					break
				}
			}
		}
	}
	ai := -1
	for k := range d.anchors {
		a := &d.anchors[k]
		if !d.contains(i, a.el) {
			continue
		}
		if linkEl >= 0 && a.el == linkEl {
			ai = k
			break
		}
		if linkEl < 0 && href == "" && ai < 0 && a.words > 0 {
			ai = k
		}
	}
	if ai < 0 && href != "" {
		u, ok := ResolveURL(d.base, href)
		if !ok {
			return it, false
		}
		u.Fragment = ""
		key, err := CanonicalURL(u.String())
		if err != nil {
			return it, false
		}
		d.anchors = append(d.anchors, anchor{el: i, href: u.String(), key: key})
		ai = len(d.anchors) - 1
	}
	if ai < 0 {
		return it, false
	}
	r := record{first: i, last: i, anchor: ai}
	auto := fr.item(r)
	it.URL = auto.URL
	if it.Title == "" && s.title == nil {
		it.Title = auto.Title
	}
	it.Summary = s.textOr(d, root, s.summary, func() string { return auto.Summary })
	it.Author = s.textOr(d, root, s.author, func() string { return auto.Author })
	it.Published = auto.Published
	if s.published != nil {
		it.Published = Date{}
		if n := s.published.css.MatchFirst(root); n != nil {
			v := s.published.value(d, n)
			if dt, ok := ParseDate(v, fr.now, d.lang); ok {
				it.Published = dt
			} else if dt, ok := FindDate(v, fr.now, d.lang); ok {
				it.Published = dt
			}
		}
	}
	it.Image = auto.Image
	if s.image != nil {
		it.Image = ""
		if n := s.image.css.MatchFirst(root); n != nil {
			v := s.image.value(d, n)
			if s.image.attr == "" {
				v = attr(n, "src")
			}
			if u, ok := ResolveURL(d.base, v); ok {
				it.Image = u.String()
			}
		}
	}
	return it, true
}

func (s *Selectors) textOr(d *doc, root *html.Node, f *fieldSel, auto func() string) string {
	if f == nil {
		return auto()
	}
	if n := f.css.MatchFirst(root); n != nil {
		return f.value(d, n)
	}
	return ""
}

// value reads the attribute, or the visible text, of n.
func (f *fieldSel) value(d *doc, n *html.Node) string {
	if f.attr != "" {
		return collapse(attr(n, f.attr))
	}
	if i, ok := d.indexOf(n); ok {
		return d.text(i, 0)
	}
	return collapse(goquery.NewDocumentFromNode(n).Text())
}

// nextPage applies the next selector.
func (s *Selectors) nextPage(d *doc) string {
	n := s.next.css.MatchFirst(d.root)
	if n == nil {
		return ""
	}
	at := s.next.attr
	if at == "" {
		at = "href"
	}
	u, ok := ResolveURL(d.base, attr(n, at))
	if !ok {
		return ""
	}
	u.Fragment = ""
	return u.String()
}
