package extract_test

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tagsnap/tagsnap/extract"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

const (
	csRU = "Новости дня"
	csFR = "Cafés à Paris — “quotes”"
	csJA = "ニュース一覧"
	csZH = "新闻要闻"
)

// csEnc encodes s with e, failing the test if e cannot represent it, so a
// test never silently compares against "?" substitutes.
func csEnc(t testing.TB, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encoding %q: %v", s, err)
	}
	return b
}

func csCat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

func csPage(head string, text []byte) []byte {
	return csCat([]byte("<!doctype html><html><head>"+head+"<title>t</title></head><body><h1>"), text, []byte("</h1></body></html>"))
}

func TestDecode(t *testing.T) {
	utf8RU := csPage(`<meta charset="windows-1251">`, []byte(strings.Repeat(csRU+". ", 20)))
	// One truncated sequence, as in a saved page that was cut mid-character.
	half := strings.Repeat(csRU+". ", 10)
	truncated := csPage(`<meta charset="windows-1251">`, []byte(half+"399\xe2 "+half))

	tests := []struct {
		name        string
		body        []byte
		contentType string
		wantEnc     string
		want        string // must appear in the output
		notWant     string // must not appear in the output
	}{
		{"header windows-1251", csPage("", csEnc(t, charmap.Windows1251, csRU)), "text/html; charset=windows-1251", "windows-1251", csRU, ""},
		{"header quoted upper-case", csPage("", csEnc(t, charmap.Windows1251, csRU)), `text/html; Charset="WINDOWS-1251"`, "windows-1251", csRU, ""},
		{"header malformed still read", csPage("", csEnc(t, charmap.Windows1251, csRU)), "text/html;; charset=cp1251; charset=x", "windows-1251", csRU, ""},
		{"header iso-8859-1 is windows-1252", csPage("", csEnc(t, charmap.Windows1252, csFR)), "text/html; charset=ISO-8859-1", "windows-1252", csFR, ""},
		{"header shift_jis", csPage("", csEnc(t, japanese.ShiftJIS, csJA)), "text/html; charset=Shift_JIS", "shift_jis", csJA, ""},
		{"header gb2312 is gbk", csPage("", csEnc(t, simplifiedchinese.GBK, csZH)), "text/html;charset=gb2312", "gbk", csZH, ""},
		{"header gb18030", csPage("", csEnc(t, simplifiedchinese.GB18030, csZH)), "text/html; charset=gb18030", "gb18030", csZH, ""},
		{"header koi8-r", csPage("", csEnc(t, charmap.KOI8R, csRU)), "text/html; charset=koi8-r", "koi8-r", csRU, ""},
		{"header beats meta", csPage(`<meta charset="koi8-r">`, csEnc(t, charmap.Windows1251, csRU)), "text/html; charset=windows-1251", "windows-1251", csRU, ""},
		{"unknown header label falls to meta", csPage(`<meta charset="windows-1251">`, csEnc(t, charmap.Windows1251, csRU)), "text/html; charset=bogus", "windows-1251", csRU, ""},

		{"meta charset windows-1251", csPage(`<meta charset="windows-1251">`, csEnc(t, charmap.Windows1251, csRU)), "", "windows-1251", csRU, ""},
		{"meta charset unquoted, header without charset", csPage(`<META CHARSET=Shift_JIS>`, csEnc(t, japanese.ShiftJIS, csJA)), "text/html", "shift_jis", csJA, ""},
		{"meta charset euc-kr", csPage(`<meta charset="euc-kr">`, csEnc(t, korean.EUCKR, "뉴스 목록")), "", "euc-kr", "뉴스 목록", ""},
		{"meta charset big5", csPage(`<meta charset="big5">`, csEnc(t, traditionalchinese.Big5, "新聞要聞")), "", "big5", "新聞要聞", ""},
		{"meta charset iso-8859-2", csPage(`<meta charset="iso-8859-2">`, csEnc(t, charmap.ISO8859_2, "Zażółć gęślą jaźń")), "", "iso-8859-2", "Zażółć gęślą jaźń", ""},
		{"meta charset iso-8859-5", csPage(`<meta charset="iso-8859-5">`, csEnc(t, charmap.ISO8859_5, csRU)), "", "iso-8859-5", csRU, ""},
		{"meta http-equiv euc-jp", csPage(`<meta http-equiv="Content-Type" content="text/html; charset=EUC-JP">`, csEnc(t, japanese.EUCJP, csJA)), "", "euc-jp", csJA, ""},
		{"meta http-equiv gb2312", csPage(`<meta content='text/html;charset=gb2312' http-equiv=content-type />`, csEnc(t, simplifiedchinese.GBK, csZH)), "", "gbk", csZH, ""},
		{"meta content without http-equiv ignored", csPage(`<meta content="text/html; charset=windows-1251">`, csEnc(t, charmap.Windows1251, csRU)), "", "windows-1252", "", csRU},
		{"meta in comment and script ignored", csPage(`<!-- <meta charset="koi8-r"> --><script>document.write('<meta charset="koi8-r">')</script><meta charset="windows-1251">`, csEnc(t, charmap.Windows1251, csRU)), "", "windows-1251", csRU, ""},
		{"meta after 1024 bytes found", csPage("<script>"+strings.Repeat("var x = 1;\n", 200)+`</script><meta charset="windows-1251">`, csEnc(t, charmap.Windows1251, csRU)), "", "windows-1251", csRU, ""},
		{"meta after 4096 bytes not found", csPage("<script>"+strings.Repeat("var x = 1;\n", 400)+`</script><meta charset="windows-1251">`, csEnc(t, charmap.Windows1251, csRU)), "", "windows-1252", "", csRU},
		{"meta utf-16 read as utf-8", csPage(`<meta charset="utf-16">`, csEnc(t, charmap.Windows1252, csFR)), "", "windows-1252", csFR, ""},

		{"utf-8 BOM stripped, beats header", csCat([]byte("\xef\xbb\xbf"), csPage("", []byte(csRU))), "text/html; charset=windows-1251", "utf-8", csRU, "\ufeff"},
		{"utf-8 BOM with bad byte", csCat([]byte("\xef\xbb\xbf"), csPage("", []byte(csRU+"\xff"))), "", "utf-8", csRU + "\ufffd", ""},
		{"utf-16le BOM", csEnc(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), string(csPage(`<meta charset="windows-1251">`, []byte(csJA)))), "text/html; charset=windows-1251", "utf-16le", csJA, "\ufeff"},
		{"utf-16be BOM", csEnc(t, unicode.UTF16(unicode.BigEndian, unicode.UseBOM), string(csPage("", []byte(csZH)))), "", "utf-16be", csZH, "\ufeff"},
		{"utf-16le no BOM, sniffed", csEnc(t, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), string(csPage("", []byte(csRU)))), "", "utf-16le", csRU, "\x00"},
		{"utf-16be no BOM, sniffed", csEnc(t, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), string(csPage("", []byte(csRU)))), "", "utf-16be", csRU, "\x00"},
		{"utf-16 header, no BOM", csEnc(t, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "<p>"+csJA), "text/html; charset=utf-16", "utf-16le", csJA, ""},

		{"utf-8 body beats header", csPage("", []byte(csRU)), "text/html; charset=windows-1251", "utf-8", csRU, ""},
		{"utf-8 body beats meta windows-1251", utf8RU, "", "utf-8", csRU, ""},
		{"utf-8 body beats header and meta", csPage(`<meta http-equiv="content-type" content="text/html; charset=shift_jis">`, []byte(csJA)), "text/html; charset=euc-jp", "utf-8", csJA, ""},
		{"utf-8 body with one truncated sequence", truncated, "", "utf-8", "399\ufffd " + csRU, ""},
		{"utf-8 body with truncated sequence, header 1251", truncated, "text/html; charset=windows-1251", "utf-8", "399\ufffd", ""},

		{"header utf-8 on latin-1 body skipped for meta", csPage(`<meta charset="iso-8859-1">`, csEnc(t, charmap.Windows1252, csFR)), "text/html; charset=UTF-8", "windows-1252", csFR, ""},
		{"header utf-8 on latin-1 body skipped for guess", csPage("", csEnc(t, charmap.Windows1252, csFR)), "text/html; charset=utf-8", "windows-1252", csFR, ""},
		{"header utf-8 on damaged utf-8 body honoured", csPage("", []byte("“a” \xff\xfe\xfd “b”")), "text/html; charset=utf-8", "utf-8", "“a” \ufffd", ""},
		{"replacement label ignored", csPage(`<meta charset="windows-1251">`, csEnc(t, charmap.Windows1251, csRU)), "text/html; charset=iso-2022-kr", "windows-1251", csRU, ""},
		{"iso-2022-jp declared", csPage("", csEnc(t, japanese.ISO2022JP, csJA)), "text/html; charset=ISO-2022-JP", "iso-2022-jp", csJA, ""},
		{"iso-2022-jp in meta", csPage(`<meta charset="iso-2022-jp">`, csEnc(t, japanese.ISO2022JP, csJA)), "", "iso-2022-jp", csJA, ""},

		{"undeclared windows-1252 guessed", csPage("", csEnc(t, charmap.Windows1252, csFR)), "", "windows-1252", csFR, ""},
		{"ascii with declared legacy encoding", csPage(`<meta charset="windows-1251">`, []byte("plain")), "text/html; charset=koi8-r", "utf-8", "plain", ""},
		{"empty", []byte{}, "text/html; charset=windows-1251", "utf-8", "", ""},
		{"nil", nil, "", "utf-8", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, enc := extract.Decode(tt.body, tt.contentType)
			if enc != tt.wantEnc {
				t.Errorf("encoding = %q, want %q", enc, tt.wantEnc)
			}
			if !utf8.Valid(out) {
				t.Errorf("output is not valid UTF-8: %q", out)
			}
			if !bytes.Contains(out, []byte(tt.want)) {
				t.Errorf("output lacks %q:\n%s", tt.want, out)
			}
			if tt.notWant != "" && bytes.Contains(out, []byte(tt.notWant)) {
				t.Errorf("output contains %q:\n%s", tt.notWant, out)
			}
		})
	}
}

// TestDecodeThreshold pins where a damaged UTF-8 body stops counting as
// UTF-8: at most 8 invalid bytes, at least 20 multi-byte sequences for each.
func TestDecodeThreshold(t *testing.T) {
	page := func(multibyte, invalid int) []byte {
		return []byte("<p>" + strings.Repeat("é", multibyte) + strings.Repeat(" \xff", invalid) + "</p>")
	}
	tests := []struct {
		multibyte, invalid int
		want               string
	}{
		{20, 1, "utf-8"},
		{19, 1, "windows-1252"},
		{160, 8, "utf-8"},
		{1000, 9, "windows-1252"},
		{1, 1, "windows-1252"},
		{0, 1, "windows-1252"},
	}
	for _, tt := range tests {
		_, enc := extract.Decode(page(tt.multibyte, tt.invalid), "")
		if enc != tt.want {
			t.Errorf("%d multi-byte, %d invalid: encoding %q, want %q", tt.multibyte, tt.invalid, enc, tt.want)
		}
	}
}

// TestDecodeLegacyNotUTF8 checks that real text in each legacy encoding,
// undeclared, is never taken for damaged UTF-8 by the threshold.
func TestDecodeLegacyNotUTF8(t *testing.T) {
	ru := strings.Repeat(`Всё, что "нужно" знать: ЦЕНЫ ВЫРОСЛИ. Москва, Россия. `, 50)
	ru1251 := strings.Repeat("Всё, что «нужно» знать: ЦЕНЫ — ВЫРОСЛИ. Москва, Россия. ", 50)
	tests := []struct {
		name string
		e    encoding.Encoding
		text string
	}{
		{"windows-1252", charmap.Windows1252, strings.Repeat(csFR+" CAFÉ” Straße. ", 50)},
		{"windows-1251", charmap.Windows1251, ru1251},
		{"koi8-r", charmap.KOI8R, ru},
		{"iso-8859-5", charmap.ISO8859_5, ru},
		{"iso-8859-2", charmap.ISO8859_2, strings.Repeat("Zażółć gęślą jaźń. ŻÓŁW (cytat). ", 50)},
		{"shift_jis", japanese.ShiftJIS, strings.Repeat(csJA+"、東京の天気予報とスポーツ。", 50)},
		{"euc-jp", japanese.EUCJP, strings.Repeat(csJA+"、東京の天気予報とスポーツ。", 50)},
		{"gbk", simplifiedchinese.GBK, strings.Repeat(csZH+"，北京时间今天上午发布。", 50)},
		{"gb18030", simplifiedchinese.GB18030, strings.Repeat(csZH+"，北京时间今天上午发布。", 50)},
		{"big5", traditionalchinese.Big5, strings.Repeat("新聞要聞，台北時間今天上午發布。", 50)},
		{"euc-kr", korean.EUCKR, strings.Repeat("뉴스 목록, 서울 날씨와 스포츠 소식입니다. ", 50)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := csPage("", csEnc(t, tt.e, tt.text))
			if _, enc := extract.Decode(body, ""); enc == "utf-8" {
				t.Errorf("undeclared %s body read as utf-8", tt.name)
			}
			out, enc := extract.Decode(body, "text/html; charset="+tt.name)
			if enc != tt.name || !bytes.Contains(out, []byte(tt.text)) {
				t.Errorf("declared %s: encoding %q, text lost", tt.name, enc)
			}
		})
	}
}

// TestDecodeNoCopy checks the fast path: valid UTF-8 comes back as the same
// slice, BOM or not.
func TestDecodeNoCopy(t *testing.T) {
	body := csPage(`<meta charset="windows-1251">`, []byte(csRU))
	out, _ := extract.Decode(body, "text/html; charset=windows-1251")
	if len(out) != len(body) || &out[0] != &body[0] {
		t.Error("valid UTF-8 body was copied")
	}
	withBOM := csCat([]byte("\xef\xbb\xbf"), body)
	out, _ = extract.Decode(withBOM, "")
	if len(out) != len(body) || &out[0] != &withBOM[3] {
		t.Error("valid UTF-8 body after a BOM was copied")
	}
}

func TestDecodeBinary(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 200 {
		body := make([]byte, r.IntN(5000))
		for j := range body {
			body[j] = byte(r.UintN(256))
		}
		for _, ct := range []string{"", "text/html; charset=utf-16", "text/html; charset=shift_jis", "text/html; charset=utf-8"} {
			out, enc := extract.Decode(body, ct)
			if !utf8.Valid(out) || enc == "" {
				t.Fatalf("body %d, %q: encoding %q, valid %v", i, ct, enc, utf8.Valid(out))
			}
		}
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte(""), "")
	f.Add([]byte("<meta charset=windows-1251>\xcd\xee\xe2\xee\xf1\xf2\xe8"), "")
	f.Add([]byte("\xff\xfe<\x00p\x00>\x00"), "")
	f.Add([]byte("<\x00p\x00>\x00\x30\x30"), "text/html; charset=utf-16be")
	f.Add([]byte("\xef\xbb\xbf399\xe2"), "text/html; charset=windows-1251")
	f.Add([]byte("\x1b$B%K%e!<%9\x1b(B"), "text/html; charset=iso-2022-jp")
	f.Add([]byte(`<meta http-equiv="Content-Type" content="text/html; charset=gb18030">`+"\x81\x30\x81\x30"), "")
	f.Add([]byte("caf\xe9 \xe2\x80\x9c"), "text/html; charset=utf-8")
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		in := bytes.Clone(body)
		out, enc := extract.Decode(body, contentType)
		if !utf8.Valid(out) {
			t.Fatalf("invalid UTF-8 output %q (encoding %q)", out, enc)
		}
		if enc == "" {
			t.Fatal("empty encoding name")
		}
		if !bytes.Equal(in, body) {
			t.Fatal("input was modified")
		}
	})
}

func BenchmarkDecode(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`<!doctype html><html><head><meta charset="windows-1251"><title>Новости</title></head><body><ul>`)
	for i := 0; sb.Len() < 100<<10; i++ {
		sb.WriteString(`<li class="item"><a href="/news/2024/05/article-`)
		sb.WriteString(strings.Repeat("x", i%7))
		sb.WriteString(`.html">` + csRU + ` — ` + csJA + `</a><p>Short summary of the article, with “quotes”.</p></li>`)
	}
	sb.WriteString("</ul></body></html>")
	body := []byte(sb.String())
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		extract.Decode(body, "text/html; charset=windows-1251")
	}
}
