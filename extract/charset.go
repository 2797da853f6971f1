package extract

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	xencoding "golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

const (
	// csMetaScanLimit is how far into the body <meta> declarations are
	// looked for. The WHATWG prescan stops at 1024 bytes, but real pages put
	// kilobytes of inline script and style before their <meta charset>, and
	// a declaration we miss costs a whole page of mojibake.
	csMetaScanLimit = 4096

	// csMaxInvalid and csInvalidRatio decide when a body that is not valid
	// UTF-8 is still UTF-8 with a few damaged bytes (a truncated sequence at
	// a cut, a stray Latin-1 byte in a template): at most csMaxInvalid
	// invalid bytes, and at least csInvalidRatio well-formed multi-byte
	// sequences per invalid byte. Legacy encodings never come close: in
	// windows-125x and KOI8 text almost every high byte is followed by an
	// ASCII or letter byte that cannot continue a sequence, and in the CJK
	// double-byte encodings only about one pair in eight happens to form a
	// UTF-8 sequence, so they have more invalid bytes than valid sequences.
	csMaxInvalid   = 8
	csInvalidRatio = 20

	// csUTF16SniffLen bounds the prefix inspected when guessing the byte
	// order of UTF-16 text that has no BOM.
	csUTF16SniffLen = 1024
)

// Decode returns body as UTF-8 text, and the name of the encoding it was read as.
// contentType is the HTTP Content-Type header value (may be "").
//
// The order is: a byte-order mark; the body itself when it is (nearly)
// valid UTF-8, whatever the page declares, because saved and re-served pages
// keep a stale <meta charset> after being converted to UTF-8; the charset of
// contentType; a <meta> declaration in the first 4096 bytes; windows-1252,
// the WHATWG default for undeclared pages. A declared UTF-8 the body plainly
// contradicts (more invalid bytes than multi-byte sequences) is skipped, as
// servers often label legacy pages UTF-8 by default configuration. Labels
// that map to the WHATWG "replacement" encoding (ISO-2022-KR, HZ and such)
// are skipped too: following them would turn the page into one U+FFFD.
//
// The result is always valid UTF-8; invalid input becomes U+FFFD. A body
// that is already valid UTF-8 is returned as is, without copying.
func Decode(body []byte, contentType string) (out []byte, encoding string) {
	if e, name, n := csBOM(body); e != nil {
		if name == "utf-8" {
			return csValidUTF8(body[n:]), name
		}
		return csDecodeWith(e, body[n:]), name
	}

	// HTML never contains NUL, so NUL bytes mean UTF-16 without a BOM (or
	// binary). Such a body may well be valid UTF-8, so this must come first.
	if bytes.IndexByte(body, 0) >= 0 {
		if e, name := csUTF16NoBOM(body, contentType); e != nil {
			return csDecodeWith(e, body), name
		}
	}

	if utf8.Valid(body) {
		// ISO-2022-JP is 7-bit, so a page in it is valid UTF-8; only its
		// escape sequences and a declaration tell it apart.
		if bytes.IndexByte(body, 0x1b) >= 0 && csIsASCII(body) {
			if e, name := csDeclared(body, contentType, func(e xencoding.Encoding, name string) bool {
				return name == "iso-2022-jp"
			}); e != nil {
				return csDecodeWith(e, body), name
			}
		}
		return body, "utf-8"
	}

	mb, bad := csCountUTF8(body)
	if mb > 0 && bad <= csMaxInvalid && bad*csInvalidRatio <= mb {
		return csValidUTF8(body), "utf-8"
	}

	usable := func(e xencoding.Encoding, name string) bool {
		switch name {
		case "replacement":
			return false
		case "utf-8":
			return mb > 0 && bad <= mb
		case "utf-16le", "utf-16be":
			// A UTF-16 header on a body with NULs was followed above;
			// a body without any NUL cannot be UTF-16 HTML.
			return false
		}
		return true
	}
	if e, name := csDeclared(body, contentType, usable); e != nil {
		if name == "utf-8" {
			return csValidUTF8(body), name
		}
		return csDecodeWith(e, body), name
	}
	return csDecodeWith(charmap.Windows1252, body), "windows-1252"
}

// csBOM reports the encoding named by a byte-order mark at the start of
// body, and the mark's length.
func csBOM(body []byte) (xencoding.Encoding, string, int) {
	switch {
	case len(body) >= 3 && body[0] == 0xef && body[1] == 0xbb && body[2] == 0xbf:
		return unicode.UTF8, "utf-8", 3
	case len(body) >= 2 && body[0] == 0xff && body[1] == 0xfe:
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "utf-16le", 2
	case len(body) >= 2 && body[0] == 0xfe && body[1] == 0xff:
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), "utf-16be", 2
	}
	return nil, "", 0
}

// csUTF16NoBOM recognises UTF-16 text without a BOM by where its NUL bytes
// fall: markup is ASCII, so in UTF-16LE nearly every odd byte is NUL and in
// UTF-16BE nearly every even one. A UTF-16 charset in contentType settles
// the byte order when the bytes don't.
func csUTF16NoBOM(body []byte, contentType string) (xencoding.Encoding, string) {
	p := body
	if len(p) > csUTF16SniffLen {
		p = p[:csUTF16SniffLen]
	}
	var even, odd int
	for i, c := range p {
		if c == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	units := len(p) / 2
	name := ""
	switch {
	case units > 0 && odd*2 > units && even*8 < odd:
		name = "utf-16le"
	case units > 0 && even*2 > units && odd*8 < even:
		name = "utf-16be"
	default:
		if label := csCharsetParam(contentType); label != "" {
			if _, n := charset.Lookup(label); n == "utf-16le" || n == "utf-16be" {
				name = n
			}
		}
	}
	switch name {
	case "utf-16le":
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), name
	case "utf-16be":
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), name
	}
	return nil, ""
}

// csDeclared returns the first encoding declared by contentType's charset
// parameter or, failing that, by a <meta> in the first csMetaScanLimit bytes
// of body, that ok accepts.
func csDeclared(body []byte, contentType string, ok func(xencoding.Encoding, string) bool) (xencoding.Encoding, string) {
	if label := csCharsetParam(contentType); label != "" {
		if e, name := charset.Lookup(label); e != nil && ok(e, name) {
			return e, name
		}
	}
	if len(body) > csMetaScanLimit {
		body = body[:csMetaScanLimit]
	}
	return csMetaEncoding(body, ok)
}

// csMetaEncoding follows the WHATWG prescan: <meta charset>, or <meta
// http-equiv="Content-Type" content="...charset=...">, the first one naming
// an encoding ok accepts. The tokenizer skips comments and the contents of
// <script> and <style>, where a "<meta" is not a declaration.
func csMetaEncoding(prefix []byte, ok func(xencoding.Encoding, string) bool) (xencoding.Encoding, string) {
	z := html.NewTokenizer(bytes.NewReader(prefix))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return nil, ""
		case html.StartTagToken, html.SelfClosingTagToken:
		default:
			continue
		}
		tag, hasAttr := z.TagName()
		if string(tag) != "meta" {
			continue
		}
		var charsetAttr, content string
		var haveCharset, haveContent, pragma bool
		for hasAttr {
			var k, v []byte
			k, v, hasAttr = z.TagAttr()
			switch string(k) {
			case "charset":
				if !haveCharset {
					charsetAttr, haveCharset = string(v), true
				}
			case "content":
				if !haveContent {
					content, haveContent = string(v), true
				}
			case "http-equiv":
				pragma = pragma || strings.EqualFold(string(v), "content-type")
			}
		}
		label := ""
		switch {
		case haveCharset:
			label = charsetAttr
		case haveContent && pragma:
			label = csCharsetParam(content)
		}
		if label == "" {
			continue
		}
		e, name := charset.Lookup(label)
		if e == nil {
			continue
		}
		// A <meta> that could be read as ASCII rules out UTF-16, and the
		// standard reads x-user-defined from <meta> as windows-1252.
		switch name {
		case "utf-16le", "utf-16be":
			e, name = charset.Lookup("utf-8")
		case "x-user-defined":
			e, name = charset.Lookup("windows-1252")
		}
		if ok(e, name) {
			return e, name
		}
	}
}

// csCharsetParam extracts the charset value from a Content-Type header or
// a <meta content> attribute, following the WHATWG "extract a character
// encoding from a meta element" algorithm. It is more lenient than
// mime.ParseMediaType, which rejects headers browsers accept (duplicate or
// malformed parameters).
func csCharsetParam(s string) string {
	for {
		i := csIndexFold(s, "charset")
		if i < 0 {
			return ""
		}
		s = strings.TrimLeft(s[i+len("charset"):], " \t\n\f\r")
		if !strings.HasPrefix(s, "=") {
			continue
		}
		s = strings.TrimLeft(s[1:], " \t\n\f\r")
		if s == "" {
			return ""
		}
		if q := s[0]; q == '"' || q == '\'' {
			end := strings.IndexByte(s[1:], q)
			if end < 0 {
				return ""
			}
			return s[1 : 1+end]
		}
		if end := strings.IndexAny(s, "; \t\n\f\r"); end >= 0 {
			return s[:end]
		}
		return s
	}
}

// csIndexFold is strings.Index for an ASCII lower-case needle, ignoring
// ASCII case in s, without allocating a lowered copy.
func csIndexFold(s, lowerNeedle string) int {
	n := len(lowerNeedle)
	for i := 0; i+n <= len(s); i++ {
		j := 0
		for ; j < n; j++ {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != lowerNeedle[j] {
				break
			}
		}
		if j == n {
			return i
		}
	}
	return -1
}

// csCountUTF8 counts the well-formed multi-byte sequences and the invalid
// bytes of body.
func csCountUTF8(body []byte) (multibyte, invalid int) {
	for i := 0; i < len(body); {
		if body[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(body[i:])
		if r == utf8.RuneError && size == 1 {
			invalid++
		} else {
			multibyte++
		}
		i += size
	}
	return multibyte, invalid
}

func csIsASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// csValidUTF8 returns b unchanged when it is valid UTF-8, and otherwise a
// copy with each invalid sequence replaced by U+FFFD.
func csValidUTF8(b []byte) []byte {
	if utf8.Valid(b) {
		return b
	}
	return csDecodeWith(unicode.UTF8, b)
}

// csDecodeWith decodes b with e. The x/text decoders substitute U+FFFD
// rather than fail, but the result is checked anyway, since callers rely on
// valid UTF-8 and a decoder bug must not leak invalid bytes downstream.
func csDecodeWith(e xencoding.Encoding, b []byte) []byte {
	out, err := e.NewDecoder().Bytes(b)
	if err != nil {
		out = b
	}
	if !utf8.Valid(out) {
		out = bytes.ToValidUTF8(out, []byte("\uFFFD"))
	}
	return out
}
