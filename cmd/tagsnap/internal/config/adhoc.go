package config

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/tagsnap/tagsnap/extract"
)

// SourceForURL makes an ad-hoc source for a URL given on the command line,
// with the given settings and no selectors. The URL must be an absolute
// http(s) URL; otherwise the error names it. The name is made from the
// URL's host (with port), path and query (tracking parameters and the
// fragment left out): lower-cased,
// each run of characters other than [a-z0-9.] (hyphens included, so runs
// of them collapse) replaced by one "-", "-" and "." trimmed from both
// ends, at most MaxNameLen bytes; "www.example.org/tag/iskp" gives
// "www.example.org-tag-iskp".
func SourceForURL(raw string, defaults Settings) (Source, error) {
	s := strings.TrimSpace(raw)
	if msg := checkURL(s); msg != "" {
		return Source{}, fmt.Errorf("url %q: %s", raw, msg)
	}
	u, err := url.Parse(s)
	if err != nil { // checkURL parsed it already
		return Source{}, fmt.Errorf("url %q: %w", raw, err)
	}
	return Source{
		Name:     nameForURL(u),
		URL:      s,
		Settings: defaults.clone(),
	}, nil
}

// nameForURL derives a source name from u's host, path and query (the
// query without tracking parameters: "?tag=a" and "?tag=b" are different
// listings, "?utm_source=x" is not).
func nameForURL(u *url.URL) string {
	key := u.Host + u.Path
	if c, err := extract.CanonicalURL(u.String()); err == nil {
		if cu, err := url.Parse(c); err == nil && cu.RawQuery != "" {
			key += "-" + cu.RawQuery
		}
	}
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(key) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' {
			b.WriteRune(r)
			dash = false
			continue
		}
		if !dash {
			b.WriteByte('-')
			dash = true
		}
	}
	name := strings.Trim(b.String(), "-.")
	if len(name) > MaxNameLen {
		name = strings.TrimRight(name[:MaxNameLen], "-.")
	}
	if name == "" {
		name = "source"
	}
	return name
}

// checkURL returns a message if s is not an absolute http(s) URL with a
// valid host.
func checkURL(s string) string {
	const msg = "must be an absolute http(s) URL"
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "http" && u.Scheme != "https" || u.Opaque != "" || u.Host == "" ||
		!strings.HasPrefix(s[len(u.Scheme)+1:], "//") {
		return msg
	}
	if _, err := extract.CanonicalURL(s); err != nil {
		// Its message repeats the URL; keep the reason ("invalid port").
		for u := errors.Unwrap(err); u != nil; u = errors.Unwrap(u) {
			err = u
		}
		return msg + ": " + err.Error()
	}
	return ""
}
