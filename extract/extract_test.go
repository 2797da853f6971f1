package extract

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
)

func mustExtract(t *testing.T, page, pageURL string, opts ...func(*Options)) *Result {
	t.Helper()
	o := Options{URL: pageURL, Now: goldenNow}
	for _, f := range opts {
		f(&o)
	}
	res, err := Extract([]byte(page), o)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestExtractBadInput(t *testing.T) {
	t.Run("ErrBadURL", func(t *testing.T) {
		for _, u := range []string{"", "example.org/x", "ftp://example.org/", "/relative"} {
			if _, err := Extract([]byte("<p>x</p>"), Options{URL: u}); !errors.Is(err, ErrBadURL) {
				t.Errorf("URL %q: got %v, want ErrBadURL", u, err)
			}
		}
	})
	for name, page := range map[string]string{
		"Empty":    "",
		"Binary":   "\x00\x01\x02\xff\xfe\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
		"NoList":   "<html><body><h1>About us</h1><p>We are a think tank.</p></body></html>",
		"Article":  "<html><body><nav><a href=/>Home</a><a href=/about>About</a></nav><article><h1>One story</h1><p>Text text text.</p></article></body></html>",
		"Unclosed": "<html><body><div><div><ul><li><a href='/a'>Alpha beta gamma delta<li><a href='/b'>Beta gamma delta epsilon",
	} {
		t.Run(name, func(t *testing.T) {
			res := mustExtract(t, page, "https://example.org/tag/x/")
			if name != "Unclosed" && len(res.Items) != 0 {
				t.Errorf("got %d items from a page with no list: %+v", len(res.Items), res.Items)
			}
			for _, it := range res.Items {
				if !utf8.ValidString(it.Title) {
					t.Errorf("invalid UTF-8 title %q", it.Title)
				}
			}
		})
	}
}

func TestExtractSelectors(t *testing.T) {
	page := `<html><body>
	<div class="list">
	  <div class="row"><span class="t">First headline here</span><a class="go" href="/a?utm_source=x#c">go</a><em>2024-05-01</em><p>Summary one says what happened.</p></div>
	  <div class="row"><span class="t">Second headline here</span><a class="go" href="/b">go</a><em>2 May 2024</em><p>Summary two says what happened.</p></div>
	</div>
	<a class="nx" href="/page/2">more</a></body></html>`
	sels, err := CompileSelectors(SelectorSpec{Item: "div.row", Title: "span.t", URL: "a.go@href", Published: "em", Next: "a.nx"})
	if err != nil {
		t.Fatal(err)
	}
	res := mustExtract(t, page, "https://example.org/news/", func(o *Options) { o.Selectors = sels })
	if res.Strategy != StrategySelectors {
		t.Errorf("strategy %q", res.Strategy)
	}
	if len(res.Items) != 2 {
		t.Fatalf("got %d items, want 2: %+v", len(res.Items), res.Items)
	}
	if got, want := res.Items[0].URL, "https://example.org/a?utm_source=x"; got != want {
		t.Errorf("url: got %q, want %q", got, want)
	}
	if got, want := res.Items[1].Title, "Second headline here"; got != want {
		t.Errorf("title: got %q, want %q", got, want)
	}
	if got, want := res.Items[1].Published.String(), "2024-05-02"; got != want {
		t.Errorf("published: got %q, want %q", got, want)
	}
	if got, want := res.Items[0].Summary, "Summary one says what happened."; got != want {
		t.Errorf("summary (auto within the item): got %q, want %q", got, want)
	}
	if got, want := res.NextPage, "https://example.org/page/2"; got != want {
		t.Errorf("next: got %q, want %q", got, want)
	}
}

func TestCompileSelectorsErrors(t *testing.T) {
	for name, spec := range map[string]SelectorSpec{
		"BadTitle":     {Item: "article", Title: "h2[[a"},
		"BadItem":      {Item: "div..x"},
		"ItemAttr":     {Item: "article@href"},
		"FieldNoItem":  {Title: "h2 a"},
		"BadNext":      {Next: "a:nth-child(x)"},
		"BadPublished": {Item: "li", Published: "time@"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := CompileSelectors(spec)
			var se *SelectorError
			if !errors.As(err, &se) {
				t.Fatalf("got %v, want a SelectorError", err)
			}
			if se.Selector != "" && !strings.Contains(err.Error(), se.Selector) {
				t.Errorf("message %q does not name the selector", err)
			}
		})
	}
}

func TestBaseHref(t *testing.T) {
	page := `<html><head><base href="https://cdn.example.net/site/"></head><body><main>
	<article><h2><a href="posts/one-long-title">The first long headline of the day</a></h2><p>` + strings.Repeat("Body text words. ", 8) + `</p></article>
	<article><h2><a href="posts/two-long-title">The second long headline of the day</a></h2><p>` + strings.Repeat("Body text words. ", 8) + `</p></article>
	<article><h2><a href="posts/three-long-title">The third long headline of the day</a></h2><p>` + strings.Repeat("Body text words. ", 8) + `</p></article>
	</main></body></html>`
	res := mustExtract(t, page, "https://example.net/tag/x/")
	if len(res.Items) != 3 {
		t.Fatalf("got %d items", len(res.Items))
	}
	if got, want := res.Items[0].URL, "https://cdn.example.net/site/posts/one-long-title"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestImageAndTitleLinkAreOneItem(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<html><body><main><div class="grid">`)
	for _, slug := range []string{"alpha", "bravo", "charlie", "delta"} {
		b.WriteString(`<div class="card"><a href="/2025/01/02/` + slug + `/"><img src="/img/` + slug + `.jpg" alt=""></a>
		<h3><a href="/2025/01/02/` + slug + `/">Headline about ` + slug + ` and its many consequences</a></h3>
		<p>An excerpt that says what the story about ` + slug + ` is and why it matters to the reader.</p>
		<a href="/2025/01/02/` + slug + `/#more" class="more-link">Read more</a></div>`)
	}
	b.WriteString(`</div></main></body></html>`)
	res := mustExtract(t, b.String(), "https://example.org/category/news/")
	if len(res.Items) != 4 {
		t.Fatalf("got %d items, want 4: %+v", len(res.Items), res.Items)
	}
	it := res.Items[0]
	if it.Image != "https://example.org/img/alpha.jpg" || it.Published.String() != "2025-01-02" ||
		it.Summary != "An excerpt that says what the story about alpha is and why it matters to the reader." {
		t.Errorf("fields: %+v", it)
	}
}

// FuzzExtract: no input panics, hangs or yields invalid UTF-8.
func FuzzExtract(f *testing.F) {
	f.Add([]byte(`<html><body><main><article class="post hentry"><h2 class="entry-title"><a href="/2024/05/01/a-story/">A story about something new</a></h2><time datetime="2024-05-01T10:00:00Z">May 1</time><div class="entry-summary"><p>What happened and why it matters. [&hellip;]</p></div></article><article class="post hentry"><h2 class="entry-title"><a href="/2024/04/30/b/">Another story about things</a></h2><p>Posted by Jane on 30. April 2024</p></article></main><nav><a class="next page-numbers" href="/page/2/">Older posts</a></nav></body></html>`))
	f.Add([]byte(`<ul><li><a href="/a">Alpha story title</a> 3 hours ago</li><li><a href="/b">Beta story title</a> gestern</li></ul><a rel=next href=?page=2>»</a>`))
	f.Add([]byte(`<script type="application/ld+json">{"@type":"ItemList","itemListElement":[{"@type":"ListItem","item":{"@type":"NewsArticle","url":"/x","headline":"X"}}]}</script>`))
	f.Add([]byte("\xff\xfe<\x00h\x00"))
	f.Fuzz(func(t *testing.T, body []byte) {
		res, err := Extract(body, Options{URL: "https://example.org/tag/x/", Now: goldenNow})
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range res.Items {
			if !utf8.ValidString(it.Title) || !utf8.ValidString(it.Summary) || !utf8.ValidString(it.Author) {
				t.Fatalf("invalid UTF-8 in %+v", it)
			}
			if it.URL == "" || it.Title == "" {
				t.Fatalf("item without URL or title: %+v", it)
			}
		}
	})
}

// benchPage is a ~100 KB listing page.
func benchPage(b *testing.B) []byte {
	b.Helper()
	body, err := os.ReadFile("testdata/corpus/wp_disfracesjarana_category_page62.html")
	if err != nil {
		b.Fatal(err)
	}
	return body
}

// BenchmarkParse is the floor: parsing the page alone.
func BenchmarkParse(b *testing.B) {
	body := benchPage(b)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := html.Parse(bytes.NewReader(body)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExtract is the whole extraction of the same page (parse
// included); the budget is 2x BenchmarkParse.
func BenchmarkExtract(b *testing.B) {
	body := benchPage(b)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	now := time.Date(2016, 3, 19, 0, 0, 0, 0, time.UTC)
	for b.Loop() {
		if _, err := Extract(body, Options{URL: "https://disfracesjarana.com/blog/category/disfraces_jarana/page/62/", Now: now}); err != nil {
			b.Fatal(err)
		}
	}
}
