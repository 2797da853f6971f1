package storage

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/tagsnap/tagsnap/extract"
)

// fields are an item's observed fields, normalised so that a change of
// markup, whitespace or Unicode form is not a new version.
type fields struct {
	title, summary, published, publishedRaw, author, image, link string
}

func normalise(it extract.Item) fields {
	f := fields{
		title:        PlainText(it.Title),
		summary:      PlainText(it.Summary),
		published:    it.Published.String(),
		publishedRaw: PlainText(it.Published.Raw),
		author:       PlainText(it.Author),
		image:        withoutUserinfo(it.Image),
		link:         withoutUserinfo(it.URL),
	}
	if f.image != "" {
		if c, err := extract.CanonicalURL(f.image); err == nil {
			f.image = c
		}
	}
	return f
}

// hash covers what a reader would call a rewrite. The raw date text and the
// link as listed are kept but do not make a new version on their own.
func (f fields) hash() string {
	h := sha256.New()
	for _, s := range []string{f.title, f.summary, f.published, f.author, f.image} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// PlainText is how titles and summaries are stored: markup tags that
// slipped through (structured data often carries "<b>…</b>") removed, NFC,
// control and format characters removed, runs of white space collapsed to
// one space, trimmed.
func PlainText(s string) string {
	if s == "" {
		return ""
	}
	s = collapse(s)
	// Until nothing changes: removing "<b>" from "<<b>a>" makes a new tag.
	for strings.IndexByte(s, '<') >= 0 {
		t := collapse(stripTags(s))
		if t == s {
			break
		}
		s = t
	}
	// Last: removing characters can bring a letter and its accent together.
	return norm.NFC.String(s)
}

// collapse drops control and invisible format characters and turns runs
// of white space into one space, trimmed.
func collapse(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case unicode.IsControl(r), r == '\uFEFF', r == '\u200B', r == '\u200E', r == '\u200F', r == '\u2028', r == '\u2029':
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// stripTags removes HTML tags that slipped into text (structured data
// often carries "<b>…</b>"): "<", an optional "/", a known HTML element name,
// then anything up to ">"; and comments. Other "<" stay: a page that shows
// "a < b" or "<safely>" as text means it.
func stripTags(s string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		end := strings.IndexByte(s[i:], '>')
		if end < 0 || !isTag(s[i+1:i+end]) {
			b.WriteString(s[:i+1])
			s = s[i+1:]
			continue
		}
		b.WriteString(s[:i])
		b.WriteByte(' ')
		s = s[i+end+1:]
	}
}

// isTag reports whether the inside of <...> is an HTML tag or comment.
func isTag(inner string) bool {
	if strings.HasPrefix(inner, "!--") {
		return true
	}
	name := strings.TrimPrefix(inner, "/")
	if i := strings.IndexAny(name, " \t\n/"); i >= 0 {
		name = name[:i]
	}
	return htmlElements[strings.ToLower(name)]
}

var htmlElements = map[string]bool{}

func init() {
	for _, n := range strings.Fields(`a abbr b bdi bdo blockquote br cite code del dfn div em font h1 h2 h3 h4 h5 h6 hr i img
		ins kbd li mark ol p picture pre q s samp script small source span strong style sub sup time u ul var wbr`) {
		htmlElements[n] = true
	}
}

// withoutUserinfo drops user:password@ from a URL: credentials are never
// stored with an item.
func withoutUserinfo(raw string) string {
	if !strings.Contains(raw, "@") {
		return raw
	}
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return raw
	}
	u.User = nil
	return u.String()
}
