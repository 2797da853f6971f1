package extract

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"
)

// canonTrackingParams are query parameters that only say where a click came
// from. Dropping them makes the same article reached from a newsletter, an
// ad and the site itself one URL. "share", "amp", "ref" and the like are
// kept: some sites route on them.
var canonTrackingParams = [...]string{
	"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid",
	"mc_cid", "mc_eid", "_ga", "_gl", "yclid", "igshid", "ref_src", "spm",
}

var (
	errCanonEmpty   = errors.New("empty url")
	errCanonScheme  = errors.New("not an http or https url")
	errCanonNoHost  = errors.New("no host")
	errCanonBadHost = errors.New("invalid host")
	errCanonBadPort = errors.New("invalid port")
)

// CanonicalURL returns the identity form of an absolute http(s) URL, so
// that the spellings of one article's address compare equal: scheme and
// host lower-cased, the default port dropped, an empty path made "/", the
// fragment and tracking parameters (utm_*, fbclid, gclid, ...) dropped, and
// a "?" with nothing after it removed. Other query parameters keep their
// order and encoding, since servers may depend on both. In the path, percent
// escapes get upper-case hex digits, escaped unreserved characters are
// decoded, dot segments are removed (RFC 3986, section 6.2.2) and bytes a
// browser would escape (spaces, non-ASCII) are escaped, as a browser would
// before fetching it. Internationalised host names are kept as given, not
// converted to punycode. User information is kept as given, so different
// users stay different URLs.
//
// A protocol-relative "//host/path" is taken as https, the likelier scheme
// today; callers that know the page's scheme should resolve against it
// first (ResolveURL).
//
// It returns an error, naming raw, for an empty, relative, host-less or
// non-http(s) URL.
func CanonicalURL(raw string) (string, error) {
	s := canonClean(raw)
	if s == "" {
		return "", fmt.Errorf("canonical url %q: %w", raw, errCanonEmpty)
	}
	if strings.HasPrefix(s, "//") {
		s = "https:" + s
	}
	u, err := url.Parse(s)
	return canonical(raw, s, u, err)
}

// canonicalParsed is CanonicalURL(raw) for a raw its caller has parsed
// already (u, err = url.Parse(raw)): when cleaning leaves raw as it is,
// CanonicalURL would parse that same string again.
func canonicalParsed(raw string, u *url.URL, err error) (string, error) {
	if s := canonClean(raw); s != raw || s == "" || strings.HasPrefix(s, "//") {
		return CanonicalURL(raw)
	}
	return canonical(raw, raw, u, err)
}

// canonical is the rest of CanonicalURL(raw), given raw cleaned (s) and
// url.Parse(s).
func canonical(raw, s string, u *url.URL, err error) (string, error) {
	if err != nil {
		return "", fmt.Errorf("canonical url %q: %w", raw, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", fmt.Errorf("canonical url %q: %w", raw, errCanonScheme)
	}
	if u.Opaque != "" || u.Hostname() == "" || !strings.HasPrefix(s[len(u.Scheme)+1:], "//") {
		return "", fmt.Errorf("canonical url %q: %w", raw, errCanonNoHost)
	}

	// The raw pieces are cut from s by hand, the way url.Parse does, because
	// the parsed URL has lost the original escaping of path and query.
	rest, _, _ := strings.Cut(s[len(u.Scheme)+3:], "#")
	rest, query, _ := strings.Cut(rest, "?")
	authority, path := rest, ""
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		authority, path = rest[:i], rest[i:]
	}
	userinfo := ""
	if i := strings.LastIndexByte(authority, '@'); i >= 0 {
		userinfo = authority[:i+1]
	}

	host, err := canonHost(u)
	if err != nil {
		return "", fmt.Errorf("canonical url %q: %w", raw, err)
	}
	port, err := canonPort(u.Scheme, u.Port())
	if err != nil {
		return "", fmt.Errorf("canonical url %q: %w", raw, err)
	}

	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(u.Scheme)
	b.WriteString("://")
	b.WriteString(userinfo)
	b.WriteString(host)
	if port != "" {
		b.WriteByte(':')
		b.WriteString(port)
	}
	if path == "" {
		b.WriteByte('/')
	} else {
		canonWritePath(&b, path)
	}
	canonWriteQuery(&b, query)
	return b.String(), nil
}

// ResolveURL resolves href, as written in an href or src attribute, against
// base. Surrounding spaces and control characters are trimmed and tabs and
// newlines inside removed, as the URL standard does: templates wrap long
// links. It also accepts what browsers accept and url.Parse does not: a
// backslash for a slash before the query, and a lone "%".
//
// It returns false for an empty or fragment-only href ("#top": the page
// itself, not a link), for anything that does not parse, and for results
// that are not http(s) with a host (javascript:, mailto:, tel:, data:). The
// result keeps its fragment; callers decide whether it matters.
func ResolveURL(base *url.URL, href string) (*url.URL, bool) {
	s := canonClean(href)
	if s == "" || s[0] == '#' {
		return nil, false
	}
	s = canonLenient(s)
	ref, ok := canonParseRef(s)
	if !ok {
		return nil, false
	}
	// "http:page.html" or "https:/a/b" against a base of the same scheme is
	// relative in the URL standard; url.Parse sees a host-less absolute URL.
	if base != nil && ref.Scheme != "" && ref.Host == "" && strings.EqualFold(ref.Scheme, base.Scheme) &&
		!strings.HasPrefix(s[len(ref.Scheme)+1:], "//") {
		if ref, ok = canonParseRef(s[len(ref.Scheme)+1:]); !ok {
			return nil, false
		}
	}
	u := ref
	if base != nil {
		u = resolveReference(base, ref)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Opaque != "" || u.Hostname() == "" {
		return nil, false
	}
	return u, true
}

// resolveReference is base.ResolveReference(ref), which it may modify and
// return. For a reference with a host (most links), ResolveReference copies
// ref, takes base's scheme when ref has none, and sets the path again from
// ref's path with dot segments removed; a path that has none, escaped
// without a separate raw form or as its raw form, comes out the same, so
// the copy is spared.
func resolveReference(base, ref *url.URL) *url.URL {
	if ref.Scheme != "" || ref.Host != "" || ref.User != nil {
		if p := ref.EscapedPath(); (ref.RawPath == "" || p == ref.RawPath) && noDotSegments(p) {
			if ref.Scheme == "" {
				ref.Scheme = base.Scheme
			}
			return ref
		}
	}
	return base.ResolveReference(ref)
}

// noDotSegments reports whether p is empty, or absolute without "." or ".."
// segments: a path resolving leaves as it is.
func noDotSegments(p string) bool {
	if p == "" {
		return true
	}
	if p[0] != '/' {
		return false
	}
	for seg := range strings.SplitSeq(p[1:], "/") {
		if seg == "." || seg == ".." {
			return false
		}
	}
	return true
}

// canonParseRef parses a URL reference. "2024:review.html" is a relative
// path to a browser, but url.Parse refuses a colon in a first segment that
// is not a scheme, so such a reference is parsed as "./2024:review.html".
func canonParseRef(s string) (*url.URL, bool) {
	ref, err := url.Parse(s)
	if err == nil {
		return ref, true
	}
	if canonHasScheme(s) {
		return nil, false
	}
	ref, err = url.Parse("./" + s)
	return ref, err == nil
}

// canonHasScheme reports whether s starts with a syntactically valid
// scheme and colon.
func canonHasScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case '0' <= c && c <= '9' || c == '+' || c == '-' || c == '.':
			if i == 0 {
				return false
			}
		case c == ':':
			return i > 0
		default:
			return false
		}
	}
	return false
}

// canonClean strips leading and trailing C0 controls and spaces and removes
// tabs and newlines, as the URL standard's parser does first.
func canonClean(s string) string {
	start, end := 0, len(s)
	for start < end && s[start] <= ' ' {
		start++
	}
	for end > start && s[end-1] <= ' ' {
		end--
	}
	s = s[start:end]
	// strings.ContainsAny(s, "\t\n\r"), without building a set per call:
	// this runs for every link of a page.
	if strings.IndexByte(s, '\t') < 0 && strings.IndexByte(s, '\n') < 0 && strings.IndexByte(s, '\r') < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, s)
}

// canonLenient rewrites what browsers accept in an href and url.Parse
// rejects: "\" before the query is "/" for http(s), and a "%" not followed by
// two hex digits is a literal percent sign.
func canonLenient(s string) string {
	end := len(s) // strings.IndexAny(s, "?#") or len(s), without building a set
	if i := strings.IndexByte(s, '?'); i >= 0 {
		end = i
	}
	if i := strings.IndexByte(s[:end], '#'); i >= 0 {
		end = i
	}
	needSlash := strings.IndexByte(s[:end], '\\') >= 0
	needPct := false
	for i := strings.IndexByte(s, '%'); i >= 0 && i < len(s); i++ { // from the first '%'
		if s[i] == '%' && (i+2 >= len(s) || !canonIsHex(s[i+1]) || !canonIsHex(s[i+2])) {
			needPct = true
			break
		}
	}
	if !needSlash && !needPct {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i < end:
			b.WriteByte('/')
		case c == '%' && (i+2 >= len(s) || !canonIsHex(s[i+1]) || !canonIsHex(s[i+2])):
			b.WriteString("%25")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// canonHost returns u's host name lower-cased, in brackets when it is an
// IPv6 literal. url.Parse has already decoded percent escapes in it, which
// it allows only for non-ASCII bytes (and "%25" for an IPv6 zone).
func canonHost(u *url.URL) (string, error) {
	h := u.Hostname()
	if strings.HasPrefix(u.Host, "[") {
		// Re-escape the zone's "%" and spaces so the result parses again.
		h = strings.ReplaceAll(h, "%", "%25")
		h = strings.ReplaceAll(h, " ", "%20")
		return "[" + canonLower(h) + "]", nil
	}
	if strings.IndexByte(h, '%') >= 0 {
		// A "%25" decoded to "%", which no host name may contain.
		return "", errCanonBadHost
	}
	return canonLower(h), nil
}

// canonLower lower-cases s, Unicode letters too when s is valid UTF-8, so
// "BÜCHER.de" and "bücher.de" are one host as IDNA would have it.
func canonLower(s string) string {
	hasUpper := false
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			hasUpper = true
			break
		}
	}
	if !hasUpper {
		return s
	}
	if utf8.ValidString(s) {
		return strings.ToLower(s)
	}
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// canonPort returns port without leading zeros, or "" when it is empty or
// the scheme's default.
func canonPort(scheme, port string) (string, error) {
	if port == "" {
		return "", nil
	}
	port = strings.TrimLeft(port, "0")
	if port == "" {
		port = "0"
	}
	n, err := strconv.Atoi(port)
	if err != nil || n > 65535 {
		return "", errCanonBadPort
	}
	if scheme == "http" && n == 80 || scheme == "https" && n == 443 {
		return "", nil
	}
	return port, nil
}

// canonWritePath writes path (starting with "/") normalised: escapes with
// upper-case hex, unreserved characters unescaped, characters outside the
// URL standard's path set escaped, dot segments removed.
func canonWritePath(b *strings.Builder, path string) {
	if canonPathClean(path) {
		b.WriteString(path)
		return
	}
	var p strings.Builder
	p.Grow(len(path) + 8)
	for i := 0; i < len(path); i++ {
		c := path[i]
		switch {
		case c == '%' && i+2 < len(path) && canonIsHex(path[i+1]) && canonIsHex(path[i+2]):
			v := canonUnhex(path[i+1])<<4 | canonUnhex(path[i+2])
			if canonUnreserved(v) {
				p.WriteByte(v)
			} else {
				canonWriteEscape(&p, v)
			}
			i += 2
		case canonPathEscape(c):
			canonWriteEscape(&p, c)
		default:
			p.WriteByte(c)
		}
	}
	b.WriteString(canonRemoveDots(p.String()))
}

// canonPathClean reports whether path is already in normal form, so the
// common case costs no allocation.
func canonPathClean(path string) bool {
	for i := 0; i < len(path); i++ {
		c := path[i]
		if c == '%' || canonPathEscape(c) {
			return false
		}
		if c == '.' && path[i-1] == '/' {
			// path[0] is '/', so i >= 1 here.
			if i+1 == len(path) || path[i+1] == '/' ||
				path[i+1] == '.' && (i+2 == len(path) || path[i+2] == '/') {
				return false
			}
		}
	}
	return true
}

// canonRemoveDots removes "." and ".." segments from an absolute path
// (RFC 3986, section 5.2.4). A trailing dot segment leaves a trailing slash:
// "/a/b/.." is "/a/".
func canonRemoveDots(path string) string {
	segs := strings.Split(path[1:], "/")
	out := make([]string, 0, len(segs))
	dots := false
	for i, seg := range segs {
		last := i == len(segs)-1
		switch seg {
		case ".":
			dots = true
		case "..":
			dots = true
			if len(out) > 0 {
				out = out[:len(out)-1]
			}
		default:
			out = append(out, seg)
			continue
		}
		if last {
			out = append(out, "")
		}
	}
	if !dots {
		return path
	}
	return "/" + strings.Join(out, "/")
}

// canonWriteQuery writes "?" and the query's parameters that are not
// tracking parameters, in their order and escaping, with empty ones ("a&&b")
// dropped; nothing when none is left.
func canonWriteQuery(b *strings.Builder, query string) {
	first := true
	for query != "" {
		var param string
		param, query, _ = strings.Cut(query, "&")
		if param == "" {
			continue
		}
		key, _, _ := strings.Cut(param, "=")
		if canonTracking(key) {
			continue
		}
		if first {
			b.WriteByte('?')
			first = false
		} else {
			b.WriteByte('&')
		}
		for i := 0; i < len(param); i++ {
			if c := param[i]; canonQueryEscape(c) {
				canonWriteEscape(b, c)
			} else {
				b.WriteByte(c)
			}
		}
	}
}

// canonTracking reports whether the query key names a tracking parameter.
// Keys compare without case and after unescaping, so "UTM_Source" and
// "utm%5Fsource" are caught too.
func canonTracking(key string) bool {
	if strings.ContainsAny(key, "%+") {
		if k, err := url.QueryUnescape(key); err == nil {
			key = k
		}
	}
	if len(key) >= 4 && strings.EqualFold(key[:4], "utm_") {
		return true
	}
	for _, t := range canonTrackingParams {
		if strings.EqualFold(key, t) {
			return true
		}
	}
	return false
}

// canonPathEscape reports whether c is escaped in a path by the URL
// standard's path percent-encode set (controls, space, ", #, <, >, ?, `, {,
// }, and bytes above "~").
func canonPathEscape(c byte) bool {
	switch c {
	case ' ', '"', '#', '<', '>', '?', '`', '{', '}':
		return true
	}
	return c < ' ' || c > '~'
}

// canonQueryEscape reports whether c is escaped in a query by the URL
// standard's special-query percent-encode set.
func canonQueryEscape(c byte) bool {
	switch c {
	case ' ', '"', '#', '<', '>', '\'':
		return true
	}
	return c < ' ' || c > '~'
}

// canonUnreserved reports whether c is an RFC 3986 unreserved character,
// which means the same escaped or not.
func canonUnreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}

func canonWriteEscape(b *strings.Builder, c byte) {
	const hex = "0123456789ABCDEF"
	b.WriteByte('%')
	b.WriteByte(hex[c>>4])
	b.WriteByte(hex[c&15])
}

func canonIsHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func canonUnhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}
