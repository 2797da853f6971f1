package extract_test

import (
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/tagsnap/tagsnap/extract"
)

func TestCanonicalURL(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"scheme and host lower-cased, path kept", "HTTP://Example.COM/News/Item", "http://example.com/News/Item"},
		{"mixed-case https", "HtTpS://WWW.Example.com/a", "https://www.example.com/a"},
		{"http default port", "http://example.com:80/a", "http://example.com/a"},
		{"https default port", "https://example.com:443/a", "https://example.com/a"},
		{"http on 443 kept", "http://example.com:443/a", "http://example.com:443/a"},
		{"https on 80 kept", "https://example.com:80/a", "https://example.com:80/a"},
		{"other port kept", "http://example.com:8080/a", "http://example.com:8080/a"},
		{"empty port dropped", "http://example.com:/a", "http://example.com/a"},
		{"leading zeros in port", "http://example.com:0080/a", "http://example.com/a"},
		{"empty path", "https://example.com", "https://example.com/"},
		{"empty path with query", "https://example.com?p=2", "https://example.com/?p=2"},
		{"fragment dropped", "https://example.com/a#comments", "https://example.com/a"},
		{"fragment after query dropped", "https://example.com/a?b=1#x?y=2&utm_source=z", "https://example.com/a?b=1"},
		{"empty fragment dropped", "https://example.com/a#", "https://example.com/a"},

		{"mixed tracking and kept params keep order", "https://example.com/a?utm_source=tw&b=2&fbclid=XY&a=1&utm_medium=social&c", "https://example.com/a?b=2&a=1&c"},
		{"tracking keys without case", "https://example.com/a?UTM_Source=x&GCLID=1&id=3", "https://example.com/a?id=3"},
		{"escaped tracking key", "https://example.com/a?utm%5Fsource=x&id=3", "https://example.com/a?id=3"},
		{"tracking key without value", "https://example.com/a?fbclid&id=3", "https://example.com/a?id=3"},
		{"look-alike keys kept", "https://example.com/a?utm=1&xutm_source=2&gclid2=3&ga=4", "https://example.com/a?utm=1&xutm_source=2&gclid2=3&ga=4"},
		{"share amp ref kept", "https://example.com/a?amp=1&share=fb&ref=home&page=2", "https://example.com/a?amp=1&share=fb&ref=home&page=2"},
		{"query encoding kept", "https://example.com/s?q=a%2fb+c&x=%e2%82%ac&y=100%", "https://example.com/s?q=a%2fb+c&x=%e2%82%ac&y=100%"},
		{"query raw space and non-ASCII escaped", "https://example.com/s?q=café au lait", "https://example.com/s?q=caf%C3%A9%20au%20lait"},
		{"duplicate keys kept", "https://example.com/s?tag=a&tag=b", "https://example.com/s?tag=a&tag=b"},
		{"bare question mark", "https://example.com/a?", "https://example.com/a"},
		{"only tracking params", "https://example.com/a?utm_source=x&utm_campaign=y", "https://example.com/a"},
		{"only empty params", "https://example.com/a?&&", "https://example.com/a"},
		{"empty params dropped", "https://example.com/a?x=1&&y=2&", "https://example.com/a?x=1&y=2"},

		{"escape hex upper-cased", "https://example.com/a%2fb/%e2%82%ac", "https://example.com/a%2Fb/%E2%82%AC"},
		{"escaped unreserved decoded", "https://example.com/%7Euser/%41%2d%5F%2E%30", "https://example.com/~user/A-_.0"},
		{"escaped reserved kept", "https://example.com/a%3Fb%23c%25d", "https://example.com/a%3Fb%23c%25d"},
		{"dot segments removed", "https://example.com/a/./b/../c", "https://example.com/a/c"},
		{"trailing dot-dot", "https://example.com/a/b/..", "https://example.com/a/"},
		{"dot-dot above root", "https://example.com/../../a", "https://example.com/a"},
		{"escaped dot segment", "https://example.com/a/%2e%2E/b", "https://example.com/b"},
		{"dots inside names kept", "https://example.com/a.b/..c/.d./index.html", "https://example.com/a.b/..c/.d./index.html"},
		{"double slash kept", "https://example.com/a//b", "https://example.com/a//b"},
		{"raw space and non-ASCII in path escaped", "https://example.com/café menu/", "https://example.com/caf%C3%A9%20menu/"},

		{"IDN host kept", "https://bücher.example/x", "https://bücher.example/x"},
		{"IDN host lower-cased", "https://BÜCHER.Example/x", "https://bücher.example/x"},
		{"escaped IDN host decoded", "https://b%C3%BCcher.example/x", "https://bücher.example/x"},
		{"punycode host kept", "https://XN--BCHER-KVA.example/", "https://xn--bcher-kva.example/"},
		{"IPv6 host", "http://[2001:DB8::1]:80/a", "http://[2001:db8::1]/a"},
		{"IPv6 host with port", "http://[::1]:8080", "http://[::1]:8080/"},
		{"IPv4 host", "http://192.168.0.1:80/", "http://192.168.0.1/"},

		{"user and password kept", "https://Alice:S3cr%65t@Example.com:443/a", "https://Alice:S3cr%65t@example.com/a"},
		{"user kept", "https://bob@example.com/a", "https://bob@example.com/a"},

		{"protocol-relative is https", "//Example.com/a?utm_source=x#f", "https://example.com/a"},
		{"protocol-relative with port", "//example.com:443", "https://example.com/"},
		{"surrounding whitespace", " \t https://example.com/a \n", "https://example.com/a"},
		{"newline inside", "https://example.com/a\n/b", "https://example.com/a/b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := extract.CanonicalURL(tt.in)
			if err != nil {
				t.Fatalf("CanonicalURL(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("CanonicalURL(%q) = %q, want %q", tt.in, got, tt.want)
			}
			again, err := extract.CanonicalURL(got)
			if err != nil || again != got {
				t.Errorf("not idempotent: CanonicalURL(%q) = %q, %v", got, again, err)
			}
		})
	}
}

func TestCanonicalURLTrackingParams(t *testing.T) {
	params := []string{
		"utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "utm_id", "utm_name",
		"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid", "mc_eid",
		"_ga", "_gl", "yclid", "igshid", "ref_src", "spm",
	}
	for _, p := range params {
		t.Run(p, func(t *testing.T) {
			for _, in := range []string{
				"https://example.com/a?id=7&" + p + "=abc.123",
				"https://example.com/a?" + p + "=abc&id=7",
				"https://example.com/a?" + p + "&id=7",
			} {
				if got, err := extract.CanonicalURL(in); err != nil || got != "https://example.com/a?id=7" {
					t.Errorf("CanonicalURL(%q) = %q, %v", in, got, err)
				}
			}
			if got, _ := extract.CanonicalURL("https://example.com/a?" + p + "=1"); got != "https://example.com/a" {
				t.Errorf("only %s: got %q", p, got)
			}
		})
	}
}

// TestCanonicalURLIdentity checks which spellings are one URL and which are
// not.
func TestCanonicalURLIdentity(t *testing.T) {
	same := [][2]string{
		{"https://Example.com:443/a/../b?utm_source=x#top", "https://example.com/b"},
		{"http://example.com/%7Euser", "http://example.com/~user"},
		{"https://example.com/caf%c3%a9", "https://example.com/café"},
	}
	for _, p := range same {
		a, _ := extract.CanonicalURL(p[0])
		b, _ := extract.CanonicalURL(p[1])
		if a != b || a == "" {
			t.Errorf("%q -> %q and %q -> %q differ", p[0], a, p[1], b)
		}
	}
	different := [][2]string{
		{"https://alice@example.com/a", "https://bob@example.com/a"},
		{"http://example.com/a", "https://example.com/a"},
		{"https://example.com/a?x=1&y=2", "https://example.com/a?y=2&x=1"},
		{"https://example.com/a/", "https://example.com/a"},
		{"https://example.com/A", "https://example.com/a"},
		{"https://example.com/a%2Fb", "https://example.com/a/b"},
	}
	for _, p := range different {
		a, _ := extract.CanonicalURL(p[0])
		b, _ := extract.CanonicalURL(p[1])
		if a == b {
			t.Errorf("%q and %q both -> %q", p[0], p[1], a)
		}
	}
}

func TestCanonicalURLErrors(t *testing.T) {
	for _, in := range []string{
		"",
		"   ",
		"ftp://example.com/file",
		"mailto:someone@example.com",
		"javascript:void(0)",
		"not a url",
		"/relative/path",
		"example.com/a",
		"http://",
		"https://",
		"http:///a",
		"http:example.com",
		"http://:80/",
		"http://example.com:99999/",
		"http://exa mple.com/",
		"http://example.com/%zz",
		"http://a%25b/",
	} {
		t.Run(in, func(t *testing.T) {
			got, err := extract.CanonicalURL(in)
			if err == nil {
				t.Fatalf("CanonicalURL(%q) = %q, want error", in, got)
			}
			if !strings.Contains(err.Error(), strconv.Quote(in)) {
				t.Errorf("error %q does not name the input", err)
			}
		})
	}
}

func TestResolveURL(t *testing.T) {
	page := canonMustParse(t, "https://example.com/news/index.html?page=1#top")
	dir := canonMustParse(t, "https://example.com/news/") // a <base href> naming a folder
	root := canonMustParse(t, "http://example.com")

	tests := []struct {
		name string
		base *url.URL
		href string
		want string // "" means not ok
	}{
		{"relative file", page, "article.html", "https://example.com/news/article.html"},
		{"parent", page, "../x", "https://example.com/x"},
		{"parent of parent stops at root", page, "../../../x", "https://example.com/x"},
		{"absolute path", page, "/tags/go", "https://example.com/tags/go"},
		{"query only", page, "?page=2", "https://example.com/news/index.html?page=2"},
		{"query only against folder base", dir, "?page=2", "https://example.com/news/?page=2"},
		{"folder base", dir, "item?id=3", "https://example.com/news/item?id=3"},
		{"folder base parent", dir, "../about", "https://example.com/about"},
		{"host base without path", root, "x/y", "http://example.com/x/y"},
		{"protocol-relative takes base scheme", root, "//cdn.example.org/i.png", "http://cdn.example.org/i.png"},
		{"absolute other host", page, "http://other.example/a", "http://other.example/a"},
		{"fragment kept", page, "a.html#sec-2", "https://example.com/news/a.html#sec-2"},
		{"absolute with fragment kept", page, "https://other.example/a#b", "https://other.example/a#b"},
		{"surrounding whitespace", page, " \n\t article.html \r\n ", "https://example.com/news/article.html"},
		{"newlines and tabs inside", page, "/news/\n2024/\tpost.html", "https://example.com/news/2024/post.html"},
		{"spaces after a newline kept, as browsers do", page, "/news/\n  2024.html", "https://example.com/news/%20%202024.html"},
		{"backslash as slash", page, `..\up.html`, "https://example.com/up.html"},
		{"lone percent", page, "100%.html", "https://example.com/news/100%25.html"},
		{"colon in first segment", page, "2024:review.html", "https://example.com/news/2024:review.html"},
		{"same scheme without slashes", page, "https:other.html", "https://example.com/news/other.html"},
		{"upper-case scheme", page, "HTTPS://Other.example/", "https://Other.example/"},
		{"nil base absolute", nil, "https://example.com/a", "https://example.com/a"},

		{"nil base relative", nil, "a.html", ""},
		{"empty", page, "", ""},
		{"blank", page, " \n\t ", ""},
		{"fragment only", page, "#top", ""},
		{"fragment only with spaces", page, "  #top", ""},
		{"javascript", page, "javascript:void(0)", ""},
		{"javascript upper-case", page, " JavaScript:void(0);", ""},
		{"mailto", page, "mailto:editor@example.com", ""},
		{"mailto empty", page, "mailto:", ""},
		{"tel", page, "tel:+15551234567", ""},
		{"data", page, "data:text/html,<p>hi</p>", ""},
		{"ftp", page, "ftp://example.com/file", ""},
		{"other scheme without slashes", page, "http:other.html", ""},
		{"bad host", page, "http://exa mple.com/", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, ok := extract.ResolveURL(tt.base, tt.href)
			if tt.want == "" {
				if ok {
					t.Errorf("ResolveURL(%q) = %q, want not ok", tt.href, u)
				}
				return
			}
			if !ok {
				t.Fatalf("ResolveURL(%q) not ok, want %q", tt.href, tt.want)
			}
			if got := u.String(); got != tt.want {
				t.Errorf("ResolveURL(%q) = %q, want %q", tt.href, got, tt.want)
			}
		})
	}
	if page.String() != "https://example.com/news/index.html?page=1#top" {
		t.Errorf("base was modified: %q", page)
	}
}

func canonMustParse(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func FuzzCanonicalURL(f *testing.F) {
	for _, s := range []string{
		"HTTP://Example.COM:80/a/./b/../c?utm_source=x&b=2&&a=1#f",
		"https://bücher.example/caf%c3%a9 menu?q=a%2fb+c",
		"//example.com",
		"http://[fe80::1%25en0]:8080/",
		"https://user:pa%73s@example.com:0443/%7e?",
		"http://example.com/%2e%2E/..",
		"https://example.com/a?x=\xff",
		"not a url",
	} {
		f.Add(s)
	}
	base, _ := url.Parse("https://example.com/news/index.html?page=1")
	f.Fuzz(func(t *testing.T, s string) {
		if u, ok := extract.ResolveURL(base, s); ok {
			if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
				t.Fatalf("ResolveURL(%q) = %q", s, u)
			}
		}
		out, err := extract.CanonicalURL(s)
		if err != nil {
			return
		}
		if _, err := url.Parse(out); err != nil {
			t.Fatalf("CanonicalURL(%q) = %q, which does not parse: %v", s, out, err)
		}
		again, err := extract.CanonicalURL(out)
		if err != nil || again != out {
			t.Fatalf("not idempotent: %q -> %q -> %q, %v", s, out, again, err)
		}
	})
}

func BenchmarkCanonicalURL(b *testing.B) {
	urls := []string{
		"https://www.Example.com:443/news/2024/05/some-article-title.html?id=123&utm_source=twitter&utm_medium=social#comments",
		"https://example.com/news/2024/05/another-article.html",
		"http://blog.example.org/tag/golang/page/2/?ref=nav",
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, u := range urls {
			if _, err := extract.CanonicalURL(u); err != nil {
				b.Fatal(err)
			}
		}
	}
}
