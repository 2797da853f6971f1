package extract

import (
	"net/url"
	"reflect"
	"testing"
)

// TestCanonicalParsed checks that canonicalParsed, given a parse, answers
// as CanonicalURL does.
func TestCanonicalParsed(t *testing.T) {
	for _, raw := range []string{
		"https://Example.com/a/../b?utm_source=x&id=1#top", "http://example.com:80", "https://example.com/a b",
		"https://example.com/x?q= ", " https://example.com/", "https://example.com/\t", "//example.com/x",
		"", "mailto:a@b.c", "https://ex%25ample.com/", "https://example.com:99999/", "https://[::1]:443/x",
		"https://example.com/%7Euser/%zz", "https://user@example.com/", "http:/x", "https://exa mple.com/",
	} {
		u, err := url.Parse(raw)
		gk, gerr := canonicalParsed(raw, u, err)
		wk, werr := CanonicalURL(raw)
		if gk != wk || (gerr == nil) != (werr == nil) || gerr != nil && gerr.Error() != werr.Error() {
			t.Errorf("%q: got %q, %v; want %q, %v", raw, gk, gerr, wk, werr)
		}
	}
}

// TestParseHref checks that parseHref answers as url.Parse does in what
// canonical and siteOf read.
func TestParseHref(t *testing.T) {
	base, _ := url.Parse("https://Example.com:8443/dir/page.html?q=1")
	for _, raw := range []string{
		"/a/b?x=1#f", "https://Other.example.org/x y?z= #f", "//cdn.example.net/i.png", "../up/./x",
		"http://user:pw@example.com/", "https://[::1]:443/x", "https://ex%25ample.com/", "https://bücher.de/",
		"https://ex_ample.com:80/%7Ea/", "http://a:b:80/", "https://example.com?", "https://example.com/a%2Fb",
		"HTTPS://EXAMPLE.COM/A", "https://example.com/\u00e9t\u00e9", "https://example.com/a?b=\u00e9",
		"https://xn--bcher-kva.de/", "https://example.com:/x", "https://example.com/;p?q#f",
		"//\thttp:::1HTTP://<", "//a:b:80/x", "//a:80/x", "//host:/x",
	} {
		u, ok := ResolveURL(base, raw)
		if !ok {
			continue
		}
		u.Fragment, u.RawFragment = "", ""
		href := u.String()
		want, werr := url.Parse(href)
		got, gerr := parseHref(href, u)
		if (werr == nil) != (gerr == nil) || werr == nil &&
			(got.Scheme != want.Scheme || got.Opaque != want.Opaque || got.Host != want.Host) {
			t.Errorf("%q (%q): got %+v, %v; want %+v, %v", raw, href, got, gerr, want, werr)
		}
	}
}

// TestResolveReference checks resolveReference against url.ResolveReference.
func TestResolveReference(t *testing.T) {
	base, _ := url.Parse("https://example.org/a/b/?q=1#f")
	for _, raw := range []string{
		"https://x.com", "https://x.com/", "https://x.com/a/./b", "https://x.com/a/../b", "https://x.com/.",
		"https://x.com/a/..", "//x.com/p?q", "//x.com", "https://x.com/%2e%2E/a", "https://x.com/a%2Fb/c",
		"https://x.com/a b", "https://x.com/é", "https://x.com/%C3%A9", "https://x.com//a//b/", "https://u:p@x.com/",
		"http:/a/b", "https://x.com?q", "https://x.com/a?b#c", "https://x.com/\"q\"", "/rel/path", "rel", "?q", "#f", "",
		"https://[::1]:8080/a/./", "mailto:a@b.c",
	} {
		ref1, err := url.Parse(raw)
		if err != nil {
			continue
		}
		ref2, _ := url.Parse(raw)
		if want, got := base.ResolveReference(ref1), resolveReference(base, ref2); !reflect.DeepEqual(want, got) {
			t.Errorf("%q: got %#v, want %#v", raw, got, want)
		}
	}
}
