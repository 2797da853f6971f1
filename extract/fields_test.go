package extract

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// listPage wraps entries in a page with a nav menu, so that the list is
// found the way it is on real pages.
func listPage(lang string, entries ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<html lang=%q><body><nav><a href="/">Home</a> <a href="/about">About us</a> <a href="/contact">Contact</a></nav><main><h1>Tag Archives: ISKP</h1>`, lang)
	for _, e := range entries {
		b.WriteString(e)
	}
	b.WriteString(`</main><footer><a href="/privacy">Privacy policy</a></footer></body></html>`)
	return b.String()
}

// post is a WordPress-like teaser with the given date markup and excerpt.
func post(n int, date, excerpt string) string {
	return fmt.Sprintf(`<article class="post"><h2 class="entry-title"><a href="/2008/post-number-%d/">Headline of post number %d about things</a></h2>
<div class="entry-meta">%s</div><div class="entry-summary"><p>%s</p></div></article>`, n, n, date, excerpt)
}

func TestTimeVisibleDayWinsOverAWrongAttribute(t *testing.T) {
	// The theme prints the modified time into datetime=""; readers see the
	// publication day. The page writes numeric dates day first.
	page := listPage("en",
		post(1, `<time class="published" datetime="2008-03-29T02:04:22+00:00">27/03/2008</time>`, "First excerpt of the post goes here and is long enough."),
		post(2, `<time class="published" datetime="2007-12-18T22:05:11+00:00">12/10/2007</time>`, "Second excerpt of the post goes here and is long enough."),
		post(3, `<time class="published" datetime="2007-08-27T14:36:49+00:00">27/08/2007</time>`, "Third excerpt of the post goes here and is long enough."),
		post(4, `<time class="published" datetime="2007-08-02T23:30:00+00:00">August 3, 2007</time>`, "Fourth excerpt of the post goes here and is long enough."),
	)
	res := mustExtract(t, page, "https://example.org/tag/iskp/")
	want := []string{"2008-03-27", "2007-10-12", "2007-08-27T14:36:49Z", "2007-08-02T23:30:00Z"}
	if len(res.Items) != len(want) {
		t.Fatalf("got %d items, want %d", len(res.Items), len(want))
	}
	for i, w := range want {
		if got := res.Items[i].Published.String(); got != w {
			t.Errorf("item %d: published %q, want %q (the visible day; the attribute when it agrees within a day)", i+1, got, w)
		}
	}
}

func TestAmbiguousNumericDateFollowsThePage(t *testing.T) {
	dayFirst := listPage("en",
		post(1, `<span class="date">25/12/2023</span>`, "An excerpt that is long enough to be a summary of the post."),
		post(2, `<span class="date">03/04/2023</span>`, "An excerpt that is long enough to be a summary of the post."),
	)
	monthFirst := listPage("en-GB",
		post(1, `<span class="date">12/25/2023</span>`, "An excerpt that is long enough to be a summary of the post."),
		post(2, `<span class="date">03/04/2023</span>`, "An excerpt that is long enough to be a summary of the post."),
	)
	for name, c := range map[string]struct{ page, want string }{
		"day first":   {dayFirst, "2023-04-03"},
		"month first": {monthFirst, "2023-03-04"},
	} {
		res := mustExtract(t, c.page, "https://example.org/tag/iskp/")
		if len(res.Items) != 2 {
			t.Fatalf("%s: got %d items", name, len(res.Items))
		}
		if got := res.Items[1].Published.String(); got != c.want {
			t.Errorf("%s: 03/04/2023 read as %q, want %q", name, got, c.want)
		}
	}
}

func TestSummaryIsNotTheKicker(t *testing.T) {
	card := func(n int) string {
		return fmt.Sprintf(`<article><a class="teaser-inner" href="/story/%d/slug"><header>
<p class="teaser-kicker">Kicker %d</p><h1 class="teaser-title">A headline for story %d here</h1>
<p class="teaser-subtitle">The standfirst of story %d, which says what the story is about.</p></header></a></article>`, n, n, n, n)
	}
	res := mustExtract(t, listPage("de", card(1), card(2), card(3)), "https://example.org/")
	if len(res.Items) != 3 {
		t.Fatalf("got %d items", len(res.Items))
	}
	for i, it := range res.Items {
		if want := fmt.Sprintf("The standfirst of story %d, which says what the story is about.", i+1); it.Summary != want {
			t.Errorf("item %d: summary %q, want %q", i+1, it.Summary, want)
		}
	}
}

func TestSummaryOfAWholePostIsItsFirstParagraph(t *testing.T) {
	body := strings.Repeat("<p>A paragraph of the post body that goes on for a while, as posts do.</p>", 10)
	full := func(n int, first string) string {
		return fmt.Sprintf(`<div class="post"><h2><a href="/2019/08/post-%d.html">Whole post number %d shown here</a></h2>
<div class="entry-content"><p>%s</p><blockquote><p>A long quote from somewhere else that the post is about.</p></blockquote>%s</div>
<p class="meta">Posted on August %d, 2019</p></div>`, n, n, first, body, n)
	}
	res := mustExtract(t, listPage("en", full(1, `From <a href="https://news.example.com/x">DefCon</a>:`), full(2, "Nie wieder!"), full(3, "By Jane Doe"),
		full(4, "It's always nice when I can combine squid and security:")), "https://example.org/")
	want := []string{"From DefCon:", "Nie wieder!", "A long quote from somewhere else that the post is about.",
		"It's always nice when I can combine squid and security:"}
	if len(res.Items) != len(want) {
		t.Fatalf("got %d items", len(res.Items))
	}
	for i, w := range want {
		if res.Items[i].Summary != w {
			t.Errorf("item %d: summary %q, want %q", i+1, res.Items[i].Summary, w)
		}
	}
}

func TestSummaryFromNoscript(t *testing.T) {
	// Blogger's official blogs render the body from a script template and
	// give the markup again inside <noscript>.
	entry := func(n int) string {
		return fmt.Sprintf(`<div class="post"><h2 class="title"><a href="/2019/09/post-%d.html">Post number %d of the blog here</a></h2>
<div class="published"><span class="publishdate">Thursday, September %d, 2019</span></div>
<div class="post-body"><script type="text/template"><p>Rendered by script.</p></script><noscript>
<em>Posted by Jane Doe, Product Manager</em>
<p>  Whether you're a city planner or a developer, post %d says useful things about data and privacy.  </p>
<p>More of the post body, which is not the summary, and a bit more text to make it long enough.</p></noscript></div></div>`, n, n, n, n)
	}
	res := mustExtract(t, listPage("en", entry(1), entry(2), entry(3)), "https://developers.example.com/")
	if len(res.Items) != 3 {
		t.Fatalf("got %d items", len(res.Items))
	}
	for i, it := range res.Items {
		want := fmt.Sprintf("Whether you're a city planner or a developer, post %d says useful things about data and privacy.", i+1)
		if it.Summary != want {
			t.Errorf("item %d: summary %q, want %q", i+1, it.Summary, want)
		}
	}
}

func TestSummaryKeepsAnEllipsisLinkInsideAWord(t *testing.T) {
	e := func(n int) string {
		return post(n, "", `Debian Project News debi<a href="http://www.google.com/recaptcha/mailhide/d?k=1">...</a>@lists.debian.org December 1, 2014, issue `+fmt.Sprint(n)+` <a href="/2008/post-number-`+fmt.Sprint(n)+`/">Read more</a>`)
	}
	res := mustExtract(t, listPage("en", e(1), e(2)), "https://example.org/")
	if len(res.Items) != 2 {
		t.Fatalf("got %d items", len(res.Items))
	}
	if got, want := res.Items[0].Summary, "Debian Project News debi...@lists.debian.org December 1, 2014, issue 1"; got != want {
		t.Errorf("summary %q, want %q", got, want)
	}
}

func TestCJKLineBreaksAreNotSpaces(t *testing.T) {
	for in, want := range map[string]string{
		"いま、金欠でエンゲル係数を\n貧乏学生の時は": "いま、金欠でエンゲル係数を貧乏学生の時は",
		"日本語の文。\r\n  次の文。":       "日本語の文。次の文。",
		"日本 語":                   "日本 語", // a space typed by the author stays
		"Tokyo\n東京":              "Tokyo 東京",
		"한국어\n문장":                "한국어 문장", // Korean is written with spaces
	} {
		if got := collapse(in); got != want {
			t.Errorf("collapse(%q) = %q, want %q", in, got, want)
		}
	}
	var c collapser
	c.WriteString("金欠で")
	c.WriteBreak()
	c.WriteString("貧乏")
	c.WriteBreak()
	c.WriteString("student")
	if got, want := c.String(), "金欠で貧乏 student"; got != want {
		t.Errorf("<br> between CJK: %q, want %q", got, want)
	}
}

func TestClockOnlyDatesInARiverOfNews(t *testing.T) {
	river := func(clocks ...string) string {
		var entries []string
		for i, c := range clocks {
			entries = append(entries, fmt.Sprintf(`<div class="todaysNews"><div class="time">%s</div>
<h1><a href="/news/story-%d/">Story number %d of the day is here</a></h1><p>The lead of story %d, which says what happened.</p></div>`, c, i, i, i))
		}
		return listPage("es", entries...)
	}
	now := func(s string) func(*Options) {
		return func(o *Options) { o.Now, _ = time.Parse(time.RFC3339, s) }
	}
	for _, c := range []struct {
		name, now string
		clocks    []string
		want      []string
	}{
		{"crosses midnight", "2020-04-15T15:45:00-04:00", []string{"3:32 pm", "6:28 am", "6:43 pm", "11:05"},
			[]string{"2020-04-15T15:32:00Z", "2020-04-15T06:28:00Z", "2020-04-14T18:43:00Z", "2020-04-14T11:05:00Z"}},
		{"first is yesterday's", "2020-04-15T01:00:00Z", []string{"23:50", "22.10 Uhr", "12:00 am"},
			[]string{"2020-04-14T23:50:00Z", "2020-04-14T22:10:00Z", "2020-04-14T00:00:00Z"}},
	} {
		res := mustExtract(t, river(c.clocks...), "https://example.org/", now(c.now))
		if len(res.Items) != len(c.want) {
			t.Fatalf("%s: got %d items", c.name, len(res.Items))
		}
		for i, w := range c.want {
			if got := res.Items[i].Published.String(); got != w {
				t.Errorf("%s: item %d (%s): %q, want %q", c.name, i+1, c.clocks[i], got, w)
			}
		}
	}
	// Without a reference time a clock says nothing about the day.
	res := mustExtract(t, river("3:32 pm", "1:00 pm"), "https://example.org/", func(o *Options) { o.Now = time.Time{} })
	for _, it := range res.Items {
		if !it.Published.IsZero() {
			t.Errorf("no reference time: got %v", it.Published)
		}
	}
}

func TestClockWithThePermalinksDay(t *testing.T) {
	var entries []string
	for i, c := range []string{"9:15 am", "8:00 am"} {
		entries = append(entries, fmt.Sprintf(`<div class="item"><span class="time">%s</span>
<h2><a href="/2020/04/13/story-%d/">Story number %d of the day is here</a></h2><p>The lead of story %d, which says what happened.</p></div>`, c, i, i, i))
	}
	res := mustExtract(t, listPage("en", entries...), "https://example.org/")
	want := []string{"2020-04-13T09:15:00Z", "2020-04-13T08:00:00Z"}
	if len(res.Items) != 2 {
		t.Fatalf("got %d items", len(res.Items))
	}
	for i, w := range want {
		if got := res.Items[i].Published.String(); got != w {
			t.Errorf("item %d: %q, want %q", i+1, got, w)
		}
	}
}

func TestSummaryWithoutItsBylineLine(t *testing.T) {
	var entries []string
	for i := range 3 {
		entries = append(entries, fmt.Sprintf(`<div class="pr"><h2><a href="/c/%d/story.html">Story number %d about motorbikes</a></h2>
<p><small><a class="mail" href="/?login=user%d">Tomáš Hajduch - Awia</a> - 0%d.12.2014</small><br/>
Pri jazde v teréne sa vždy pritrafia, story %d.</p></div>`, i, i, i, i+4, i))
	}
	res := mustExtract(t, listPage("sk", entries...), "http://motoride.sk/")
	if len(res.Items) != 3 {
		t.Fatalf("got %d items", len(res.Items))
	}
	for i, it := range res.Items {
		if want := fmt.Sprintf("Pri jazde v teréne sa vždy pritrafia, story %d.", i); it.Summary != want {
			t.Errorf("item %d: summary %q, want %q", i+1, it.Summary, want)
		}
		if want := fmt.Sprintf("2014-12-0%d", i+4); it.Published.String() != want {
			t.Errorf("item %d: published %q, want %q", i+1, it.Published, want)
		}
	}
}

func TestListRegionIsWhereItsEntriesAre(t *testing.T) {
	// The latest list is repeated, entry for entry, in a tab box further
	// down: the repeats are dropped, and the list's region is the latest
	// list's own box, not the page around both.
	entry := func(i int) string {
		return fmt.Sprintf(`<div class="pr"><h2><a href="/c/%d/story.html">Story number %d about motorbikes</a></h2><p>The excerpt of story %d says what it is about in a sentence.</p></div>`, i, i, i)
	}
	var latest, tabs []string
	for i := range 8 {
		latest = append(latest, entry(i))
		if i < 4 {
			tabs = append(tabs, entry(i))
		}
	}
	page := `<html><body><table><tr><td id="left"><a href="/a">Left link one</a></td><td id="content"><div id="latest">` + strings.Join(latest, "") +
		`</div><div id="ad"><p>Advertise with us, say the banners.</p></div><div id="tabs">` + strings.Join(tabs, "") + `</div></td></tr></table></body></html>`
	res := mustExtract(t, page, "http://motoride.sk/")
	if len(res.Items) != 8 {
		t.Fatalf("got %d items", len(res.Items))
	}
	if !strings.HasSuffix(res.Diagnostics.Region, "div#latest") {
		t.Errorf("region %q, want the latest list's box (div#latest)", res.Diagnostics.Region)
	}
}

func TestSidebarEntriesInsideTheRegionAreLeftOut(t *testing.T) {
	entry := func(i int) string {
		return fmt.Sprintf(`<div class="e"><a href="/2024/05/story-%d/">Story number %d about the region</a><p>An excerpt of the story that says what it is about.</p></div>`, i, i)
	}
	var main, side []string
	for i := range 6 {
		main = append(main, entry(i))
	}
	for i := 10; i < 14; i++ {
		side = append(side, entry(i))
	}
	page := `<html><body><div id="wrap"><div class="box">` + strings.Join(main, "") + `</div><div class="box sidebar">` +
		strings.Join(side, "") + `</div></div></body></html>`
	res := mustExtract(t, page, "https://example.org/tag/iskp/")
	if len(res.Items) != 6 {
		t.Fatalf("got %d items, want the 6 of the main box: %v", len(res.Items), res.Items)
	}
	for _, it := range res.Items {
		for i := 10; i < 14; i++ {
			if strings.HasSuffix(it.URL, fmt.Sprintf("/story-%d/", i)) {
				t.Errorf("sidebar entry %s in the list", it.URL)
			}
		}
	}
}

func TestFrontPageColumnKeepsTheTeasersAroundTheList(t *testing.T) {
	var top, list []string
	for i := range 3 {
		top = append(top, fmt.Sprintf(`<div class="top"><a href="/2024/05/top-%d/"><img src="/i/%d.jpg"></a><a href="/2024/05/top-%d/">Top teaser number %d of the day</a><span>%d</span></div>`, i, i, i, i, i+5))
	}
	for i := range 6 {
		list = append(list, fmt.Sprintf(`<div class="item"><h2><a href="/2024/05/story-%d/">Story number %d in the river</a></h2><p>An excerpt of the story that says what it is about, at length.</p></div>`, i, i))
	}
	page := listPage("es", `<div id="col">`+strings.Join(top, "")+`<div id="list">`+strings.Join(list, "")+`</div></div>`)
	res := mustExtract(t, page, "https://example.org/")
	if len(res.Items) != 9 {
		t.Fatalf("got %d items, want 3 teasers + 6 entries: %v", len(res.Items), res.Items)
	}
	if !strings.Contains(res.Items[0].URL, "top-0") || !strings.Contains(res.Items[3].URL, "story-0") {
		t.Errorf("order: first %s, fourth %s", res.Items[0].URL, res.Items[3].URL)
	}
}

func TestAlikeEntries(t *testing.T) {
	// Most entries are div.pmdiv under one parent; a grid of image
	// teasers in a wrapper beside them is built otherwise; Blogger's day
	// groups nest a second post inside a sibling built like the others.
	page := `<html><body><div id="top">
<div class="pmdiv"><h2><a href="/pm-1">Press release number one here</a></h2></div>
<div class="pmdiv hidden-more"><h2><a href="/pm-2">Press release number two here</a></h2></div>
<div class="pmdiv"><h2><a href="/pm-3">Press release number three here</a></h2></div>
<div class="pmdiv"><div class="posts"><div class="post"><h2><a href="/pm-4">Press release number four here</a></h2></div></div></div>
<div style="display:flex"><div class="pm-image-teaser"><h2><a href="/pm-5">Press release number five here</a></h2></div></div>
</div></body></html>`
	root, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse("https://example.org/")
	d := newDoc(root, u)
	d.finishAnchors()
	top := int32(-1)
	for i := range d.els {
		if attr(d.els[i].n, "id") == "top" {
			top = int32(i)
		}
	}
	c := &candidate{}
	for k := range d.anchors {
		el := d.anchors[k].el
		first := d.childToward(top, el)
		switch k {
		case 3: // the nested post: its record is the inner div.post
			first = d.els[d.els[el].parent].parent
		case 4: // the teaser: its record is the card, inside the wrapper
			first = d.els[d.els[el].parent].parent
		}
		c.records = append(c.records, record{first: first, last: first, anchor: k})
	}
	like := d.alike(c, true)
	if like == nil {
		t.Fatal("no majority found")
	}
	for k, want := range []bool{true, true, true, true, false} {
		if got := like(c.records[k]); got != want {
			t.Errorf("entry %d (%s.%s): alike %v, want %v", k+1, d.els[c.records[k].first].n.Data, d.els[c.records[k].first].class, got, want)
		}
	}
	d.dropStrays(c)
	if len(c.records) != 4 {
		t.Errorf("dropStrays kept %d entries, want 4", len(c.records))
	}
}

func TestFeaturedEntriesAboveTheRowsWithTheSameTitleLinks(t *testing.T) {
	var b strings.Builder
	for i := range 2 {
		fmt.Fprintf(&b, `<article class="conLargeArticle"><div class="conPhoto"><a href="artykul,%d,big.html"><img src="/i/%d.jpg" alt=""></a></div>
<div class="conText"><a href="artykul,%d,big.html" class="lnkTitle">Featured story number %d of the day</a><p class="txtTeaser">The teaser of the featured story says what it is about.</p></div></article>`, i, i, i, i)
	}
	for row := range 3 {
		b.WriteString(`<div class="row">`)
		for k := range 3 {
			n := 10 + row*3 + k
			fmt.Fprintf(&b, `<article class="conListArticle"><a href="artykul,%d,row.html" class="lnkTitle">Row story number %d of the day</a><p class="txtTeaser">The teaser of the row story says what it is about.</p></article>`, n, n)
		}
		b.WriteString(`</div>`)
	}
	res := mustExtract(t, listPage("pl", `<div id="inner">`+b.String()+`</div>`), "http://www.brief.pl/")
	if len(res.Items) != 11 {
		t.Fatalf("got %d items, want 2 featured + 9 rows", len(res.Items))
	}
	if !strings.HasSuffix(res.Items[0].URL, "artykul,0,big.html") || res.Items[0].Summary == "" {
		t.Errorf("first item %+v, want the first featured entry with its teaser", res.Items[0])
	}
}

func TestBEMClassesNameTheElement(t *testing.T) {
	for _, c := range []struct {
		class     string
		want, not nodeFlag
	}{
		{"c-teaser__date", fDateHint, fSummary},
		{"c-teaser__meta", fMeta, fSummary},
		{"c-teaser__summary", fSummary, fMeta},
		{"c-teaser__title", fHeading, fSummary},
		{"teaser-subtitle", fSummary, 0},
		// Modifiers name a variant: a container of a tag page that can
		// show more is neither meta nor a "more" widget.
		{"fc-container fc-container--tag js-container--fc-show-more", 0, fNegative | fMeta | fKicker},
		{"fc-item__title--big", fHeading, 0},
		// A component's secondary part is not the page's sidebar; a
		// layout's sidebar element is.
		{"area__secondary", 0, fNegative},
		{"c-layout__sidebar", fNegative, 0},
	} {
		f := classHints(c.class, atom.Div)
		if f&c.want != c.want || f&c.not != 0 {
			t.Errorf("classHints(%q) = %b: want %b set and %b clear", c.class, f, c.want, c.not)
		}
	}
	// The summary of a card whose parts all carry the block's name.
	var cards []string
	for i := range 3 {
		cards = append(cards, fmt.Sprintf(`<article class="c-teaser"><div class="c-teaser__body"><h3 class="c-teaser__title"><a href="/publications/report/r-%d">Report number %d on the network</a></h3>
<div class="c-teaser__meta"><span class="c-teaser__date">January %d, 2026</span></div><div class="c-teaser__summary"><p>Drawing on court records, report %d maps the network.</p></div></div></article>`, i, i, i+5, i))
	}
	res := mustExtract(t, listPage("en", cards...), "https://example.org/publications")
	if len(res.Items) != 3 {
		t.Fatalf("got %d items", len(res.Items))
	}
	for i, it := range res.Items {
		if want := fmt.Sprintf("Drawing on court records, report %d maps the network.", i); it.Summary != want {
			t.Errorf("item %d: summary %q, want %q", i+1, it.Summary, want)
		}
	}
}

func TestSeveralAuthors(t *testing.T) {
	e := func(n int, byline string) string {
		return fmt.Sprintf(`<article class="c-teaser"><h3 class="c-teaser__title"><a href="/publications/r-%d">Report number %d on the network</a></h3>
<div class="c-teaser__authors">%s</div><p class="c-teaser__summary">Drawing on court records, the report maps the network.</p></article>`, n, n, byline)
	}
	res := mustExtract(t, listPage("en",
		e(1, `<a href="/experts/amira-haddad" class="c-teaser__author">Amira Haddad</a>, <a href="/experts/jonah-whitfield" class="c-teaser__author">Jonah Whitfield</a>`),
		e(2, `<a href="/experts/sana-qureshi" class="c-teaser__author">Sana Qureshi</a>, <span class="c-teaser__author c-teaser__author--external">Tobias Brenner</span>`),
		e(3, `<a href="/experts/lena-vogt" class="c-teaser__author">Lena Vogt</a>`),
	), "https://example.org/publications")
	want := []string{"Amira Haddad, Jonah Whitfield", "Sana Qureshi, Tobias Brenner", "Lena Vogt"}
	if len(res.Items) != len(want) {
		t.Fatalf("got %d items", len(res.Items))
	}
	for i, w := range want {
		if res.Items[i].Author != w {
			t.Errorf("item %d: author %q, want %q", i+1, res.Items[i].Author, w)
		}
	}
	// A byline naming one author and a section is one author.
	res = mustExtract(t, listPage("en",
		post(1, `<span class="byline">By <a href="/author/jane/">Jane Doe</a> in <a href="/category/politics/">Politics</a></span>`, "An excerpt that is long enough to be a summary of the post."),
		post(2, `<span class="byline">By <a href="/author/john/">John Roe</a> in <a href="/category/politics/">Politics</a></span>`, "An excerpt that is long enough to be a summary of the post.")),
		"https://example.org/")
	for i, w := range []string{"Jane Doe", "John Roe"} {
		if i < len(res.Items) && res.Items[i].Author != w {
			t.Errorf("byline %d: author %q, want %q", i+1, res.Items[i].Author, w)
		}
	}
}

func TestTheOneDateMarkedUpdated(t *testing.T) {
	// Newspaper-style themes print the only date as "entry-date updated".
	res := mustExtract(t, listPage("en",
		post(1, `<time class="entry-date updated td-module-date" datetime="2026-01-12T03:10:22+05:00">January 12, 2026</time>`, "An excerpt that is long enough to be a summary of the post."),
		post(2, `<time class="entry-date updated td-module-date" datetime="2026-01-10T18:00:00+05:00">January 10, 2026</time>`, "An excerpt that is long enough to be a summary of the post.")),
		"https://example.org/tag/iskp/")
	for i, w := range []string{"2026-01-11T22:10:22Z", "2026-01-10T13:00:00Z"} {
		if got := res.Items[i].Published.String(); got != w {
			t.Errorf("item %d: %q, want %q", i+1, got, w)
		}
	}
	for _, c := range []struct {
		class string
		want  nodeFlag
	}{
		{"text-content field field--name-body field--type-text-with-summary field--label-hidden field__item", fSummary},
		{"field field--name-field-subtitle", fSummary},
	} {
		if f := classHints(c.class, atom.Div); f&c.want == 0 {
			t.Errorf("classHints(%q) = %b, want %b set", c.class, f, c.want)
		}
	}
}

func TestFrontPageModulesOfTheMainColumn(t *testing.T) {
	teaser := func(cls string, n int) string {
		return fmt.Sprintf(`<article class="teaser %s"><a class="teaser__link" href="/politik/story-%d.html"><div class="teaser__body"><p class="teaser__topline">Kicker %d</p>
<h2 class="teaser__headline">Headline of story number %d today</h2><p class="teaser__shorttext">The short text of story %d says what happened and why it matters.</p></div></a></article>`, cls, n, n, n, n)
	}
	var list []string
	for i := 10; i < 16; i++ {
		list = append(list, teaser("teaser--standard", i))
	}
	main := `<main id="main"><section class="teaser-group teaser-group--top">` + teaser("teaser--lead", 1) +
		`<div class="teaser-group__row">` + teaser("teaser--standard", 2) + teaser("teaser--standard", 3) + `</div></section>` +
		`<section class="teaser-group teaser-group--list">` + strings.Join(list, "") + `</section>` +
		`<section class="teaser-group teaser-group--paid-content"><div class="row">` + teaser("teaser--standard", 40) + teaser("teaser--standard", 41) + `</div></section>` +
		`</main><aside class="sidebar"><h3>Meistgelesen</h3><ol><li><a href="/politik/story-90.html">A most read story that is elsewhere</a></li><li><a href="/politik/story-91.html">Another most read story here</a></li></ol></aside>`
	res := mustExtract(t, `<html lang="de"><body><nav><a href="/">Start</a><a href="/politik">Politik</a></nav>`+main+`</body></html>`, "https://www.example.de/politik/")
	var got []string
	for _, it := range res.Items {
		got = append(got, strings.TrimSuffix(strings.TrimPrefix(it.URL, "https://www.example.de/politik/story-"), ".html"))
	}
	if want := "1 2 3 10 11 12 13 14 15"; strings.Join(got, " ") != want {
		t.Errorf("items %v, want stories %s (lead, row, list; not the paid module or the sidebar)", got, want)
	}
}

func TestDateShownForTheEyeOnly(t *testing.T) {
	// BBC-style promos: a screen-reader "Published" and an aria-hidden,
	// year-less "12 January" in a metadata strip.
	promo := func(n int, host, day string) string {
		return fmt.Sprintf(`<li><div data-testid="promo"><a href="https://%s/news/articles/story%d"><p class="PromoHeadline"><span>Headline of the story number %d</span></p></a>
<p class="Paragraph">The summary of story %d, which says what happened.</p><ul class="MetadataStrip"><li><span class="VisuallyHidden">Published</span><span class="MetadataText" aria-hidden="true">%s</span></li>
<li><span class="VisuallyHidden">Related content</span><a href="/news/topics/cars"><span class="MetadataText" aria-hidden="true">Electric cars</span></a></li></ul></div></li>`, host, n, n, n, day)
	}
	page := listPage("en-GB", `<ul class="Grid">`+promo(1, "www.bbc.co.uk", "12 January")+promo(2, "www.bbc.co.uk", "19 December 2025")+
		promo(3, "www.bbc.com", "10 January")+promo(4, "www.bbc.co.uk", "8 January")+`</ul>`)
	res := mustExtract(t, page, "https://www.bbc.co.uk/news/topics/cz4pr2gd85qt")
	want := []string{"2026-01-12", "2025-12-19", "2026-01-10", "2026-01-08"}
	if len(res.Items) != len(want) {
		t.Fatalf("got %d items, want %d (bbc.com and bbc.co.uk are one publisher)", len(res.Items), len(want))
	}
	for i, w := range want {
		if got := res.Items[i].Published.String(); got != w {
			t.Errorf("item %d: %q, want %q", i+1, got, w)
		}
	}
	if !sameSite("www.bbc.com", "www.bbc.co.uk") || sameSite("bbc.co.uk", "cbc.ca") {
		t.Error("sameSite: bbc.com/bbc.co.uk are one site, bbc.co.uk/cbc.ca are not")
	}
}

func TestOverlayLinkCards(t *testing.T) {
	// Hugo PaperMod: the heading has no link; an empty overlay link with
	// an aria-label covers the card.
	var b strings.Builder
	for i := range 3 {
		fmt.Fprintf(&b, `<article class="post-entry"><header class="entry-header"><h2>Dissecting encryptor number %d&#39;s config</h2></header>
<section class="entry-content"><p>Post %d takes the encryptor apart and shows how its configuration is laid out.</p></section>
<footer class="entry-footer"><span title='2026-01-1%dT08:00:00Z'>January 1%d, 2026</span>&nbsp;·&nbsp;9 min</footer>
<a class="entry-link" aria-label="post link to Dissecting encryptor number %d&#39;s config" href="/posts/encryptor-%d/"></a></article>`, i, i, i, i, i, i)
	}
	res := mustExtract(t, listPage("en", b.String()), "https://blog.example.dev/tags/ransomware/")
	if len(res.Items) != 3 {
		t.Fatalf("got %d items", len(res.Items))
	}
	for i, it := range res.Items {
		if want := fmt.Sprintf("Dissecting encryptor number %d's config", i); it.Title != want || !strings.HasSuffix(it.URL, fmt.Sprintf("/posts/encryptor-%d/", i)) {
			t.Errorf("item %d: %q <%s>, want %q", i+1, it.Title, it.URL, want)
		}
	}
}

func TestCardSubtitleHeading(t *testing.T) {
	// Medium: one link around an h2 title and an h3 subtitle.
	var b strings.Builder
	for i := range 3 {
		fmt.Fprintf(&b, `<div class="xa"><div class="yu"><a class="pk yl" href="/pub/story-%d-2a72d28c4be6?source=tag_archive"><div class="kd"><h2 class="tm df">What leaked negotiation chats number %d tell us</h2></div>
<div class="eu"><h3 class="ck vf">Discounts, deadlines and the surprising role of insurance, part %d.</h3></div></a><span>Jan 1%d, 2026</span></div></div>`, i, i, i, i)
	}
	res := mustExtract(t, listPage("en", b.String()), "https://medium.com/tag/osint/archive")
	if len(res.Items) != 3 {
		t.Fatalf("got %d items", len(res.Items))
	}
	for i, it := range res.Items {
		if want := fmt.Sprintf("Discounts, deadlines and the surprising role of insurance, part %d.", i); it.Summary != want {
			t.Errorf("item %d: summary %q, want %q", i+1, it.Summary, want)
		}
	}
}

func TestModulesBuiltAlikeAcrossGridRows(t *testing.T) {
	// The chosen list's entries sit in two rows of a grid; another module
	// of the column is built the same way.
	art := func(n int) string {
		return fmt.Sprintf(`<article class="c c-d"><h2 class="c_t"><a href="/internacional/story-%d.html">Headline of story number %d today</a></h2><p class="c_d">The standfirst of story %d says what happened.</p></article>`, n, n, n)
	}
	row := func(ns ...int) string {
		var b strings.Builder
		b.WriteString(`<div class="b_row">`)
		for _, n := range ns {
			b.WriteString(art(n))
		}
		b.WriteString(`</div>`)
		return b.String()
	}
	page := `<html><body><main id="main-content"><div class="col"><section class="b b-t">` + row(1, 2, 3, 4) + row(5, 6, 7) +
		`</section><section class="b b-l"><div class="b_wrap">` + row(20, 21, 22) + `</div></section></div></main></body></html>`
	res := mustExtract(t, page, "https://elpais.example/internacional/")
	if len(res.Items) != 10 {
		var got []string
		for _, it := range res.Items {
			got = append(got, it.URL)
		}
		t.Errorf("got %d items, want 10: %v", len(res.Items), got)
	}
}

func TestModuleClassesThatNameAFeature(t *testing.T) {
	for _, class := range []string{
		"jeg_postblock_3 jeg_postblock jeg_module_hook jeg_pagination_nextprev jeg_col_2o3",
		"content-area has-sidebar with-pagination",
		"site-main no-comments",
	} {
		if f := classHints(class, atom.Div); f&fNegative != 0 {
			t.Errorf("classHints(%q) is negative: a module that has a pager or a sidebar is not one", class)
		}
	}
	for _, class := range []string{"pagination", "nav-pagination", "widget-area sidebar", "pager"} {
		if f := classHints(class, atom.Div); f&fNegative == 0 {
			t.Errorf("classHints(%q) is not negative", class)
		}
	}
}

func TestPickupBoxDoesNotOutweighTheList(t *testing.T) {
	// Three lead stories with long leads above a long list of headlines
	// with dates: the list is the page's list.
	var pickup, list []string
	for i := range 3 {
		pickup = append(pickup, fmt.Sprintf(`<article class="p-pickup__item"><h2><a href="/articles/pick-%d">Pickup story number %d of the day</a></h2><p>%s</p></article>`, i, i,
			strings.Repeat("A long lead paragraph that explains the pickup story in detail. ", 4)))
	}
	for i := range 6 {
		list = append(list, fmt.Sprintf(`<li class="p-list__item"><h3><a href="/articles/list-%d">Listed story number %d of the day</a></h3><time datetime="2026-01-1%dT09:00:00+09:00">1月1%d日</time></li>`, i, i, i%6, i%6))
	}
	page := `<html lang="ja"><body><main id="main"><section class="p-pickup">` + strings.Join(pickup, "") + `</section><section class="p-list"><ul>` +
		strings.Join(list, "") + `</ul></section></main></body></html>`
	res := mustExtract(t, page, "https://news.example.jp/business/")
	if len(res.Items) < 6 || !strings.Contains(res.Items[len(res.Items)-1].URL, "list-5") {
		t.Errorf("got %d items ending with %v; want the 6-entry list", len(res.Items), res.Items[len(res.Items)-1].URL)
	}
}

func TestModulesAroundTheListInAColumnWithoutAName(t *testing.T) {
	// A magazine home (JNews-style): modules of alike posts in a column
	// no class calls main; the chosen module's neighbours come along, the
	// sidebar's popular posts do not.
	post := func(cls string, n int, excerpt bool) string {
		ex := ""
		if excerpt {
			ex = `<div class="jeg_post_excerpt"><p>The excerpt of this post says what it is about, at some length.</p></div>`
		}
		return fmt.Sprintf(`<article class="jeg_post %s"><div class="jeg_postblock_content"><h3 class="jeg_post_title"><a href="/story-%d/">Headline of story number %d today</a></h3>
<div class="jeg_post_meta"><div class="jeg_meta_date"><a href="/story-%d/">January 1%d, 2026</a></div></div>%s</div></article>`, cls, n, n, n, n%6, ex)
	}
	module := func(from, to int, excerpt bool) string {
		var b strings.Builder
		b.WriteString(`<div class="jeg_postblock"><div class="jeg_block_heading"><h3>Section</h3></div><div class="jeg_block_container"><div class="jeg_posts">`)
		if !excerpt { // the other modules' markup is one level deeper
			b.WriteString(`<div class="jeg_posts_wrap">`)
		}
		for i := from; i < to; i++ {
			b.WriteString(post("jeg_pl_md_2", i, excerpt))
		}
		if !excerpt {
			b.WriteString(`</div>`)
		}
		b.WriteString(`</div></div></div>`)
		return b.String()
	}
	header := `<header><nav>` + strings.Repeat(`<a href="/category/news/">News and more news</a> `, 12) + `</nav></header>`
	footer := `<footer><p>` + strings.Repeat("The Daily Meridian is an independent newspaper founded in 1921. ", 6) + `</p></footer>`
	page := `<html><body>` + header + `<div class="jeg_content"><div class="row"><div class="jeg_column col-sm-8"><div class="jeg_wrapper">` +
		module(1, 4, false) + module(10, 14, true) + module(20, 23, false) +
		`</div></div><div class="jeg_sidebar col-sm-4"><div class="widget">` + module(50, 55, false) + `</div></div></div></div>` + footer + `</body></html>`
	res := mustExtract(t, page, "https://dailymeridian.example/")
	var got []string
	for _, it := range res.Items {
		got = append(got, strings.Trim(strings.TrimPrefix(it.URL, "https://dailymeridian.example/story-"), "/"))
	}
	if want := "1 2 3 10 11 12 13 20 21 22"; strings.Join(got, " ") != want {
		t.Errorf("items %v, want %s", got, want)
	}
}

func TestRelativeTextDoesNotOverruleTheAttribute(t *testing.T) {
	// Read long after capture, "3 hours ago" means nothing; the attribute
	// beside it is exact.
	page := listPage("en",
		post(1, `<time datetime="2026-01-15T08:47:12.000Z">3 hours ago</time>`, "An excerpt that is long enough to be a summary of the post."),
		post(2, `<time datetime="2026-01-13T10:00:00Z">13 January</time>`, "An excerpt that is long enough to be a summary of the post."))
	res := mustExtract(t, page, "https://example.org/", func(o *Options) { o.Now = time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC) })
	for i, w := range []string{"2026-01-15T08:47:12Z", "2026-01-13T10:00:00Z"} {
		if got := res.Items[i].Published.String(); got != w {
			t.Errorf("item %d: %q, want %q", i+1, got, w)
		}
	}
}

func TestNewsroomListDetails(t *testing.T) {
	card := func(host string, n int, desc string) string {
		return fmt.Sprintf(`<div class="views-row"><article class="node news-card"><h3 class="news-card__title"><a href="%s/stories/story-%d">News story number %d from the campus</a></h3>%s
<ul class="news-card__meta"><li>Organisation: Office of Communications</li><li><time datetime="2026-01-1%dT09:00:00Z">Jan 1%d, 2026</time></li></ul></article></div>`, host, n, n, desc, n%6, n%6)
	}
	var rows []string
	for i := 1; i <= 6; i++ {
		desc := `<p class="news-card__teaser">The teaser of this story tells what happened on campus this week.</p>`
		if i == 3 {
			desc = "" // no description: the metadata line is not one
		}
		host := ""
		if i == 5 {
			host = "https://athletics.example.edu" // the athletics site, same card
		}
		rows = append(rows, card(host, i, desc))
	}
	page := `<html><body><main><div class="view"><div class="attachment attachment-before"><div class="view-content"><div class="views-row"><article class="hero-story">
<h2 class="hero-story__title"><a href="/stories/hero">Listening to the reef: recorded fish choruses bring corals back</a></h2><div class="hero-story__teaser">A seven-year field study found that playing healthy reef sounds draws fish back.</div>
<span class="hero-story__date">Jan 14, 2026</span></article></div></div></div>
<div class="view-header"><h2>Latest news</h2></div><div class="view-content">` + strings.Join(rows, "") + `</div></div></main></body></html>`
	res := mustExtract(t, page, "https://news.example.edu/news")
	var got []string
	for _, it := range res.Items {
		got = append(got, it.URL)
	}
	if len(res.Items) != 7 || !strings.HasSuffix(got[0], "/stories/hero") || !strings.HasPrefix(got[5], "https://athletics.example.edu/") {
		t.Fatalf("items %v: want the hero, then the six cards including the athletics one", got)
	}
	if s := res.Items[3].Summary; s != "" {
		t.Errorf("card without a description: summary %q, want none (a metadata line)", s)
	}
	if !labelLine("Organisation: Office of Communications") || labelLine("Nie wieder: the story of a long night in the city") {
		t.Error("labelLine")
	}
}

func TestNoBylineFromAPhrase(t *testing.T) {
	res := mustExtract(t, listPage("en",
		post(1, `<p class="entry-meta">Politics by the numbers, a weekly series</p>`, "An excerpt that is long enough to be a summary of the post."),
		post(2, `<p class="entry-meta">Submitted by editor on 12 January 2026</p>`, "An excerpt that is long enough to be a summary of the post.")),
		"https://example.org/")
	if len(res.Items) != 2 || res.Items[0].Author != "" || res.Items[1].Author != "editor" {
		t.Errorf("authors %q and %q, want none and \"editor\"", res.Items[0].Author, res.Items[1].Author)
	}
}

func TestPostsWithoutTitles(t *testing.T) {
	// Tumblr: text posts with titles, photo posts without; every post has
	// a permalink showing its date.
	titled := func(n int) string {
		return fmt.Sprintf(`<div class="post text"><h2 class="title"><a href="/post/%d/slug">Notes from reversing camera number %d</a></h2>
<div class="body"><p>Bought a cheap camera to see how bad it could be, part %d.</p><p>Answer: bad.</p></div>
<div class="post-meta"><a class="permalink" href="/post/%d/slug">January 1%d, 2026</a> <a class="notecount" href="/post/%d/slug#notes">12 notes</a></div></div>`, n, n, n, n, n, n)
	}
	photo := func(n int) string {
		return fmt.Sprintf(`<div class="post photo"><div class="photo-wrap"><a href="/post/%d/slug"><img src="/media/%d.jpg"></a></div>
<div class="caption"><p><b>Found in the wild: skimmer number %d on a kiosk.</b></p><p>Thin plastic shell glued over the card slot of kiosk %d, with a pinhole camera.</p></div>
<div class="post-meta"><a class="permalink" href="/post/%d/slug">January 1%d, 2026</a> <a class="notecount" href="/post/%d/slug#notes">3 notes</a></div></div>`, n, n, n, n, n, n, n)
	}
	res := mustExtract(t, listPage("en", photo(1), titled(2), titled(3), titled(4), titled(5), titled(6), photo(7)), "https://notes.example.com/tagged/security")
	if len(res.Items) != 7 {
		t.Fatalf("got %d items, want all 7 posts", len(res.Items))
	}
	it := res.Items[0]
	if it.Title != "Found in the wild: skimmer number 1 on a kiosk." || it.Summary != "Thin plastic shell glued over the card slot of kiosk 1, with a pinhole camera." ||
		it.Published.String() != "2026-01-11" {
		t.Errorf("untitled post: %q / %q / %s", it.Title, it.Summary, it.Published)
	}
	if res.Items[1].Title != "Notes from reversing camera number 2" {
		t.Errorf("titled post: %q", res.Items[1].Title)
	}
}

func TestFlatBlogWithDayHeadings(t *testing.T) {
	// A 2005 Blogger template: one date heading over a day's posts, the
	// time in the permalink, paragraphs written with <br><br>.
	post := func(n int, clock string) string {
		return fmt.Sprintf(`<a name="%d"></a><font size="3"><b><a href="/2005/11/post-%d.html">Post number %d about the carburettor</a></b></font><br>
<font size="2"><a href="/img/%d.jpg"><img src="/img/%d-320.jpg" alt=""></a><br><br>First paragraph of post %d, which says what happened in the garage today.<br><br>
Second paragraph of post %d, with more of the story and rather more words in it than the first one has, to make a body.<br><br>Third paragraph.</font><br><br>
<font size="1">Posted by Jeff at <a href="/2005/11/post-%d.html" title="permanent link">%s</a></font><br><br><hr>`, n, n, n, n, n, n, n, n, clock)
	}
	day := func(s string) string { return `<font size="2" color="#666666"><b>` + s + `</b></font><br><br>` }
	page := `<html><body><table><tr><td width="180">` + strings.Repeat(`<a href="/links/x">A blogroll link</a><br>`, 10) + `</td><td>` +
		day("Tuesday, November 15, 2005") + post(1, "10:42 PM") + post(2, "1:15 PM") + day("Sunday, November 13, 2005") + post(3, "4:03 PM") +
		day("Thursday, November 10, 2005") + post(4, "9:58 PM") + `</td></tr></table></body></html>`
	res := mustExtract(t, page, "http://www.wrenchtime.example/")
	want := []string{"2005-11-15T22:42:00Z", "2005-11-15T13:15:00Z", "2005-11-13T16:03:00Z", "2005-11-10T21:58:00Z"}
	if len(res.Items) != len(want) {
		t.Fatalf("got %d items", len(res.Items))
	}
	for i, w := range want {
		it := res.Items[i]
		if it.Published.String() != w {
			t.Errorf("item %d: published %q, want %q", i+1, it.Published, w)
		}
		if s := fmt.Sprintf("First paragraph of post %d, which says what happened in the garage today.", i+1); it.Summary != s {
			t.Errorf("item %d: summary %q, want %q", i+1, it.Summary, s)
		}
	}
}

func TestPhotoCardsTitledByTheirCaption(t *testing.T) {
	card := func(n int) string {
		return fmt.Sprintf(`<div class="card"><figure class="card__figure"><a class="card__link" href="/photo-news/%d/"><img src="/p/%d.jpg" alt="Photo %d of the week in the harbour"></a>
<figcaption class="card__caption">Ice storm number %d glazes the orchards</figcaption></figure><p class="card__desc">Apple growers walked their rows at dawn on day %d.</p>
<a class="card__more" href="/photo-news/%d/">Read more <span class="visually-hidden">about it</span></a></div>`, n, n, n, n, n, n)
	}
	res := mustExtract(t, listPage("en", `<div class="card-grid">`+card(1)+card(2)+card(3)+`</div>`), "https://lens.example.org/photo-news/")
	if len(res.Items) != 3 {
		t.Fatalf("got %d items", len(res.Items))
	}
	for i, it := range res.Items {
		if w := fmt.Sprintf("Ice storm number %d glazes the orchards", i+1); it.Title != w || it.Summary != fmt.Sprintf("Apple growers walked their rows at dawn on day %d.", i+1) {
			t.Errorf("item %d: %q / %q", i+1, it.Title, it.Summary)
		}
	}
}

func TestReadMoreIsTheOnlyLink(t *testing.T) {
	story := func(n int) string {
		return fmt.Sprintf(`<div class="story"><h2>Council votes to replace water tower number %d</h2><p class="date">January 1%d, 2026</p>
<p>The city council voted 5-2 on Tuesday to replace tower %d, ending a year of debate. <a href="/news/local/tower-%d/">Read more &raquo;</a></p></div>`, n, n, n, n)
	}
	res := mustExtract(t, listPage("en", story(1), story(2), story(3)), "https://millbrook.example.com/news/local/")
	if len(res.Items) != 3 {
		t.Fatalf("got %d items", len(res.Items))
	}
	for i, it := range res.Items {
		if it.Title != fmt.Sprintf("Council votes to replace water tower number %d", i+1) ||
			it.Summary != fmt.Sprintf("The city council voted 5-2 on Tuesday to replace tower %d, ending a year of debate.", i+1) {
			t.Errorf("item %d: %q / %q", i+1, it.Title, it.Summary)
		}
	}
}

func TestSameMarkupWidgetBesideTheList(t *testing.T) {
	// A portal list in blocks of five, and a "Most read" box in the side
	// column built with the very same ul/li markup.
	ul := func(from, to int) string {
		var b strings.Builder
		b.WriteString(`<ul class="list_009">`)
		for i := from; i < to; i++ {
			fmt.Fprintf(&b, `<li><a href="/c/2026-01-15/doc-%d.shtml">新闻标题第%d条：今日要闻简述</a><span>(01-15 10:%02d)</span></li>`, i, i, i)
		}
		b.WriteString(`</ul>`)
		return b.String()
	}
	page := `<html lang="zh-CN"><body><div class="w1000"><div class="main"><div class="blk">` + ul(0, 5) + `<hr>` + ul(5, 10) + `<hr>` + ul(10, 15) +
		`</div></div><div class="side"><div class="side-box"><h3>Most read</h3>` + ul(50, 55) + `</div></div></div></body></html>`
	res := mustExtract(t, page, "https://news.example.cn/china/")
	if len(res.Items) != 15 {
		t.Errorf("got %d items, want the 15 of the main column", len(res.Items))
	}
}

func TestPublicationsListWithOffSiteLinks(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<h2>2025</h2><dl>`)
	for i := range 8 {
		href := fmt.Sprintf("/publications/report-%d.html", i)
		if i%4 == 1 {
			href = fmt.Sprintf("https://doi.org/10.1016/j.wre.2025.%06d", i)
		}
		fmt.Fprintf(&b, `<dt><a href="%s">Water governance paper number %d: evidence from utilities</a></dt><dd>A. Author, B. Author (2025). Water Policy.</dd><dd>The abstract sentence of paper %d says what it found.</dd>`, href, i, i)
	}
	b.WriteString(`</dl>`)
	res := mustExtract(t, listPage("en", b.String()), "https://institute.example.org/publications/")
	if len(res.Items) != 8 {
		t.Errorf("got %d items, want all 8 (papers on doi.org too)", len(res.Items))
	}
}

func TestDataAdminIsNoAd(t *testing.T) {
	var b strings.Builder
	for i := range 5 {
		fmt.Fprintf(&b, `<div class="story" data-feature-id="homepage/story" data-admin-id="82E3%d"><div class="headline"><a href="/politics/2026/01/1%d/story-%d/">Stopgap spending bill number %d passes the House</a></div>
<div class="blurb">The blurb of story %d says what happened in Congress today.</div></div>`, i, i, i, i, i)
	}
	fmt.Fprintf(&b, `<div class="story" data-ad-slot="stream-1"><div class="headline"><a href="/politics/2026/01/10/sponsored/">Sponsored: refinance your home loan today</a></div></div>`)
	res := mustExtract(t, listPage("en", `<section class="chain">`+b.String()+`</section>`), "https://www.ledger.example/politics/")
	if len(res.Items) != 5 {
		t.Errorf("got %d items, want the 5 stories (data-admin-id is no ad; data-ad-slot is)", len(res.Items))
	}
}

func TestHiddenModifiedTimeIsNotThePublicationDay(t *testing.T) {
	// Avada prints the modified time as text in a hidden "updated" span,
	// then the publication day for readers.
	res := mustExtract(t, listPage("en",
		post(1, `By <a href="/author/m/" rel="author">Marcus</a> | <span class="updated rich-snippet-hidden">2026-01-09T10:41:57-07:00</span><span>January 7th, 2026</span> | Categories`, "An excerpt that is long enough to be a summary of the post."),
		post(2, `By <a href="/author/m/" rel="author">Marcus</a> | <span class="updated rich-snippet-hidden">2025-12-10T09:02:19-07:00</span><span>December 9th, 2025</span> | Categories`, "An excerpt that is long enough to be a summary of the post.")),
		"https://www.example.com/tag/battery-storage/")
	for i, w := range []string{"2026-01-07", "2025-12-09"} {
		if got := res.Items[i].Published.String(); got != w {
			t.Errorf("item %d: %q, want %q", i+1, got, w)
		}
	}
}

func TestTopStoriesAboveTheList(t *testing.T) {
	// A ressort page: a grid of top stories built unlike the river below
	// them comes along; a slideshow and a table of forum topics above the
	// river do not.
	var top, slides, forum, river strings.Builder
	for i := range 3 {
		fmt.Fprintf(&top, `<div class="tile"><h3 class="tile-title"><a href="/wirtschaft/top-%d">Top story number %d of the ressort</a></h3></div>`, i, i)
		fmt.Fprintf(&slides, `<div class="slide"><h3><a href="/wirtschaft/slide-%d">Slideshow story number %d in rotation</a></h3></div>`, i, i)
		fmt.Fprintf(&forum, `<tr><td><h4><a href="/forum/topic-%d">Forum topic number %d about the economy</a></h4></td><td>12 replies</td></tr>`, i, i)
	}
	for i := range 8 {
		fmt.Fprintf(&river, `<article class="teaser"><h2><a href="/wirtschaft/story-%d">River story number %d of the day</a></h2><p>The teaser of river story %d says what happened today.</p></article>`, i, i, i)
	}
	build := func(above string) string {
		return `<html><body><main id="main"><section class="top">` + above + `</section><section class="river">` + river.String() + `</section></main></body></html>`
	}
	for _, c := range []struct {
		name, above string
		want        int
	}{
		{"top stories", `<div class="grid">` + top.String() + `</div>`, 11},
		{"slideshow", `<div class="hero-slider">` + slides.String() + `</div>`, 8},
		{"forum table", `<table class="views-table"><tbody>` + forum.String() + `</tbody></table>`, 8},
		// Headlines without headings in a featured box count; a box
		// named like a widget does not.
		{"featured headlines", `<div id="featured"><ul id="headlines">` + strings.ReplaceAll(strings.ReplaceAll(top.String(), "<h3 class=\"tile-title\">", "<li>"), "</h3>", "</li>") + `</ul></div>`, 11},
		{"top posts box", `<div aria-label="Top posts">` + top.String() + `</div>`, 8},
	} {
		res := mustExtract(t, build(c.above), "https://www.example.de/wirtschaft/")
		if len(res.Items) != c.want {
			t.Errorf("%s: got %d items, want %d", c.name, len(res.Items), c.want)
		}
	}
}

func TestLinkTitleAttributeIsTheHeadline(t *testing.T) {
	// One link around inline spans: image, headline, description.
	var b strings.Builder
	b.WriteString(`<ul class="list5">`)
	for i := range 4 {
		fmt.Fprintf(&b, `<li><a href="/city/pune/story-%d/articleshow/%d.cms" title="City story number %d of the day"><span class="w_img"><img src="/t/%d.jpg"></span><span class="w_tle">City story number %d of the day</span><span class="w_desc">The description of city story %d tells more about it.</span></a><span class="strlastupd">Updated: Jan 15, 2026, 12:3%d IST</span></li>`, i, i, i, i, i, i, i)
	}
	b.WriteString(`</ul>`)
	res := mustExtract(t, listPage("en", b.String()), "https://www.example.in/city/pune")
	if len(res.Items) != 4 {
		t.Fatalf("got %d items", len(res.Items))
	}
	for i, it := range res.Items {
		if w := fmt.Sprintf("City story number %d of the day", i); it.Title != w {
			t.Errorf("item %d: title %q, want %q", i+1, it.Title, w)
		}
	}
}

func TestAuthorIntroIsNoSummary(t *testing.T) {
	e := func(n int) string {
		return fmt.Sprintf(`<article itemprop="blogPost"><header><h2 class="title_xvU1"><a href="/blog/releases/%d">Release number %d is out now</a></h2>
<div class="avatar"><div class="avatar__intro authorDetails_lV9A" itemprop="author"><span itemprop="name">Léon Marchetti</span> <small>Release manager</small></div></div></header>
<div class="markdown"><p>The release candidate %d is available on crates.io, npm and PyPI for testing.</p></div></article>`, n, n, n)
	}
	res := mustExtract(t, listPage("en", e(1), e(2), e(3)), "https://pebblestore.example/blog/tags/release")
	for i, it := range res.Items {
		if w := fmt.Sprintf("The release candidate %d is available on crates.io, npm and PyPI for testing.", i+1); it.Summary != w {
			t.Errorf("item %d: summary %q, want %q", i+1, it.Summary, w)
		}
	}
}

func TestDateWordAtTheEndOfAMetaLine(t *testing.T) {
	e := func(n int, when string) string {
		return fmt.Sprintf(`<div class="pr"><h2><a href="/c/%d/story.html">Motorbike story number %d of the week</a></h2>
<p><small><a href="/?login=u%d">Tomáš Hajduch - Awia</a> - %s</small><br/>The 6.12.2014 ride in Košice, story %d, drew a record crowd of riders.</p></div>`, n, n, n, when, n)
	}
	res := mustExtract(t, listPage("sk", e(1, "Dnes"), e(2, "Včera"), e(3, "05.12.2014")), "http://motoride.sk/",
		func(o *Options) { o.Now = time.Date(2014, 12, 9, 18, 0, 0, 0, time.UTC) })
	for i, w := range []string{"2014-12-09", "2014-12-08", "2014-12-05"} {
		if got := res.Items[i].Published.String(); got != w {
			t.Errorf("item %d: %q, want %q (the meta line's date, not the excerpt's)", i+1, got, w)
		}
	}
}
