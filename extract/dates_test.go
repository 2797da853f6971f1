package extract

import (
	"strings"
	"testing"
	"time"
)

// dateRef is the capture time every relative and year-less case resolves
// against: Thursday 15 January 2026, noon UTC.
var dateRef = time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC)

// dateCase is one input and its expected Date.String() ("" = rejected).
// raw, when set, is the expected Raw.
type dateCase struct {
	name  string
	in    string
	lang  string
	want  string
	raw   string
	noRef bool // parse with a zero reference time
}

func runDateCases(t *testing.T, parse func(string, time.Time, string) (Date, bool), cases []dateCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ref := dateRef
			if tc.noRef {
				ref = time.Time{}
			}
			got, ok := parse(tc.in, ref, tc.lang)
			if !ok {
				if tc.want != "" {
					t.Fatalf("(%q, lang %q) = not a date, want %s", tc.in, tc.lang, tc.want)
				}
				return
			}
			if tc.want == "" {
				t.Fatalf("(%q, lang %q) = %s (raw %q), want not a date", tc.in, tc.lang, got, got.Raw)
			}
			if got.String() != tc.want {
				t.Errorf("(%q, lang %q) = %s, want %s", tc.in, tc.lang, got, tc.want)
			}
			if got.Time.Location() != time.UTC {
				t.Errorf("(%q) location = %v, want UTC", tc.in, got.Time.Location())
			}
			if tc.raw != "" && got.Raw != tc.raw {
				t.Errorf("(%q) Raw = %q, want %q", tc.in, got.Raw, tc.raw)
			}
			if got.Raw == "" || !strings.Contains(tc.in, got.Raw) {
				t.Errorf("(%q) Raw = %q, not a substring of the input", tc.in, got.Raw)
			}
		})
	}
}

// Cases shared by ParseDate and FindDate: strings that are just a date.
var dateOnlyCases = []dateCase{
	// ISO 8601 / RFC 3339 and near variants
	{name: "iso/date", in: "2019-09-04", want: "2019-09-04"},
	{name: "iso/utc", in: "2019-09-04T10:00:00Z", want: "2019-09-04T10:00:00Z"},
	{name: "iso/fraction offset", in: "2019-09-04T10:00:00.123+02:00", want: "2019-09-04T08:00:00Z"},
	{name: "iso/offset no colon", in: "2019-09-04T10:00:00+0200", want: "2019-09-04T08:00:00Z"},
	{name: "iso/negative offset", in: "2019-08-21T03:01:36-07:00", want: "2019-08-21T10:01:36Z"},
	{name: "iso/hour offset", in: "2019-09-04T10:00-07", want: "2019-09-04T17:00:00Z"},
	{name: "iso/drupal offset", in: "2014-12-01T16:05:39-0500", want: "2014-12-01T21:05:39Z"},
	{name: "iso/lower t", in: "2019-09-04t10:00:00z", want: "2019-09-04T10:00:00Z"},
	{name: "iso/space", in: "2019-09-04 10:00:00", want: "2019-09-04T10:00:00Z"},
	{name: "iso/space offset", in: "2019-09-04 10:00:00 +0200", want: "2019-09-04T08:00:00Z"},
	{name: "iso/space micro", in: "2019-09-04 10:00:00.000000", want: "2019-09-04T10:00:00Z"},
	{name: "iso/space seconds offset", in: "2019-09-04 10:00:00-07:00", want: "2019-09-04T17:00:00Z"},
	{name: "iso/zone id", in: "2019-09-04T10:00:00+02:00[Europe/Berlin]", want: "2019-09-04T08:00:00Z"},
	{name: "iso/space zone name", in: "2019-09-04 10:00 CEST", want: "2019-09-04T08:00:00Z"},
	{name: "iso/compact with T", in: "20190904T100000Z", want: "2019-09-04T10:00:00Z"},
	{name: "iso/slashes", in: "2019/09/04", want: "2019-09-04"},
	{name: "iso/slashes short", in: "2016/3/14", want: "2016-03-14"},
	{name: "iso/dots", in: "2019.09.04", want: "2019-09-04"},
	{name: "iso/weekday", in: "Mon, 2014-12-01 16:05", want: "2014-12-01T16:05:00Z", raw: "Mon, 2014-12-01 16:05"},
	// RFC 1123 / RFC 822 / asctime
	{name: "rfc1123", in: "Wed, 04 Sep 2019 10:00:00 GMT", want: "2019-09-04T10:00:00Z", raw: "Wed, 04 Sep 2019 10:00:00 GMT"},
	{name: "rfc1123z", in: "Wed, 4 Sep 2019 10:00:00 +0200", want: "2019-09-04T08:00:00Z"},
	{name: "rfc822", in: "04 Sep 19 10:00 EST", want: "2019-09-04T15:00:00Z"},
	{name: "rfc822 gmt offset", in: "4 Sep 2019 10:00 GMT+2", want: "2019-09-04T08:00:00Z"},
	{name: "asctime", in: "Wed Sep  4 10:00:00 2019", want: "2019-09-04T10:00:00Z"},
	{name: "zone/pdt", in: "September 4, 2019 10:00 PDT", want: "2019-09-04T17:00:00Z"},
	{name: "zone/utc offset", in: "4 Sep 2019 10:00 UTC+02:00", want: "2019-09-04T08:00:00Z"},
	{name: "zone/rfc2822 comment", in: "Wed, 4 Sep 2019 10:00:00 +0000 (UTC)", want: "2019-09-04T10:00:00Z"},
	{name: "zone/bracketed", in: "4 September 2019, 10:00 (CET)", want: "2019-09-04T09:00:00Z"},
	{name: "zone/us generic", in: "Dec. 4, 2019, 10:05 a.m. ET", want: "2019-12-04T15:05:00Z"},
	{name: "zone/am then zone", in: "Sep 4, 2019 10:00 AM EST", want: "2019-09-04T15:00:00Z"},

	// numeric
	{name: "numeric/dotted", in: "04.12.2015", want: "2015-12-04"},
	{name: "numeric/dotted time", in: "04.12.2015 14:23", want: "2015-12-04T14:23:00Z"},
	{name: "numeric/dotted г.", in: "04.12.2015 г.", want: "2015-12-04", raw: "04.12.2015 г."},
	{name: "numeric/dotted short", in: "4.9.2019", want: "2019-09-04"},
	{name: "numeric/dotted month-first when day over 12", in: "12.31.2019", want: "2019-12-31"},
	{name: "numeric/dashes de", in: "04-12-2015", lang: "de", want: "2015-12-04"},
	{name: "numeric/dashes us", in: "04-12-2015", lang: "en-US", want: "2015-04-12"},
	{name: "numeric/slash pl", in: "04/12/2015", lang: "pl", want: "2015-12-04"},
	{name: "numeric/slash time", in: "04/12/2015 14:23:05", lang: "fr", want: "2015-12-04T14:23:05Z"},
	{name: "numeric/slash 12h", in: "9/4/2019 2:05 pm", lang: "en-US", want: "2019-09-04T14:05:00Z"},

	// the ambiguity rule
	{name: "ambiguous/en-US", in: "03/04/2015", lang: "en-US", want: "2015-03-04"},
	{name: "ambiguous/en_us", in: "03/04/2015", lang: "en_us", want: "2015-03-04"},
	{name: "ambiguous/bare en", in: "03/04/2015", lang: "en", want: "2015-03-04"},
	{name: "ambiguous/en-GB", in: "03/04/2015", lang: "en-GB", want: "2015-04-03"},
	{name: "ambiguous/de", in: "03/04/2015", lang: "de-DE", want: "2015-04-03"},
	{name: "ambiguous/unknown", in: "03/04/2015", lang: "", want: "2015-04-03"},
	{name: "ambiguous/day over 12 en-US", in: "13/04/2015", lang: "en-US", want: "2015-04-13"},
	{name: "ambiguous/day over 12 de", in: "04/13/2015", lang: "de", want: "2015-04-13"},
	{name: "ambiguous/both over 12", in: "13/13/2015", lang: "de"},

	// English
	{name: "en/month day year", in: "September 4, 2019", want: "2019-09-04"},
	{name: "en/abbr no comma", in: "Sep 4 2019", want: "2019-09-04"},
	{name: "en/abbr dot", in: "Sept. 4, 2019", want: "2019-09-04"},
	{name: "en/day first", in: "4 September 2019", want: "2019-09-04"},
	{name: "en/zero padded", in: "05 September 2019", want: "2019-09-05"},
	{name: "en/weekday ordinal", in: "Tuesday, September 4th, 2019", want: "2019-09-04", raw: "Tuesday, September 4th, 2019"},
	{name: "en/weekday abbr", in: "Tue 14 Oct 2014", want: "2014-10-14"},
	{name: "en/ordinal of", in: "4th of September 2019", want: "2019-09-04"},
	{name: "en/upper case", in: "SEPTEMBER 4, 2019", want: "2019-09-04"},
	{name: "en/dashes", in: "04-Sep-2019", want: "2019-09-04"},
	{name: "en/at time", in: "September 3, 2019 at 6:09 AM", want: "2019-09-03T06:09:00Z"},
	{name: "en/pm", in: "August 30, 2019 at 4:09 PM", want: "2019-08-30T16:09:00Z"},
	{name: "en/p.m.", in: "Aug. 30, 2019, 4:09 p.m.", want: "2019-08-30T16:09:00Z"},
	{name: "en/12 am", in: "Aug 30, 2019 12:05 am", want: "2019-08-30T00:05:00Z"},
	{name: "en/hour pm", in: "Aug 30, 2019 2 pm", want: "2019-08-30T14:00:00Z"},
	{name: "en/dash time", in: "4 September 2019 - 14:23", want: "2019-09-04T14:23:00Z"},
	{name: "en/at sign", in: "Sep 4, 2019 @ 14:23", want: "2019-09-04T14:23:00Z"},
	{name: "en/time first", in: "12:27PM January 11, 2010", want: "2010-01-11T12:27:00Z"},
	{name: "en/seconds", in: "Sep 4, 2019 14:23:05", want: "2019-09-04T14:23:05Z"},
	// German
	{name: "de/dot day", in: "4. September 2019", want: "2019-09-04"},
	{name: "de/januar", in: "13. Januar 2014", want: "2014-01-13"},
	{name: "de/märz", in: "2. März 2013", want: "2013-03-02"},
	{name: "de/marz unaccented", in: "2. Marz 2013", want: "2013-03-02"},
	{name: "de/jänner", in: "2. Jänner 2013", want: "2013-01-02"},
	{name: "de/abbr", in: "4. Okt. 2019", want: "2019-10-04"},
	{name: "de/mrz", in: "4. Mrz 2019", want: "2019-03-04"},
	{name: "de/dez", in: "24. Dez. 2019", want: "2019-12-24"},
	{name: "de/weekday um uhr", in: "Dienstag, 4. September 2019 um 9.18 Uhr", want: "2019-09-04T09:18:00Z"},
	{name: "de/uhr", in: "4. September 2019, 14:23 Uhr", want: "2019-09-04T14:23:00Z"},
	{name: "de/um hour only", in: "4. September 2019 um 14 Uhr", want: "2019-09-04T14:00:00Z"},
	{name: "de/mesz", in: "4. September 2019, 14:23 Uhr MESZ", want: "2019-09-04T12:23:00Z"},
	// French
	{name: "fr/day first", in: "4 septembre 2019", want: "2019-09-04"},
	{name: "fr/1er", in: "1er septembre 2019", want: "2019-09-01"},
	{name: "fr/weekday à h", in: "mardi 4 septembre 2019 à 14h23", want: "2019-09-04T14:23:00Z"},
	{name: "fr/à hour", in: "4 septembre 2019 à 14h", want: "2019-09-04T14:00:00Z"},
	{name: "fr/févr", in: "4 févr. 2019", want: "2019-02-04"},
	{name: "fr/août", in: "4 août 2019", want: "2019-08-04"},
	{name: "fr/aout", in: "4 aout 2019", want: "2019-08-04"},
	{name: "fr/décembre", in: "25 décembre 2019", want: "2019-12-25"},
	// Spanish
	{name: "es/comma year", in: "29 septiembre, 2012", want: "2012-09-29"},
	{name: "es/de", in: "29 de septiembre de 2012", want: "2012-09-29"},
	{name: "es/del", in: "29 de septiembre del 2012", want: "2012-09-29"},
	{name: "es/weekday a las", in: "martes, 4 de septiembre de 2019 a las 14:23", want: "2019-09-04T14:23:00Z"},
	{name: "es/ordinal", in: "1º de enero de 2019", want: "2019-01-01"},
	{name: "es/setiembre", in: "4 de setiembre de 2019", want: "2019-09-04"},
	{name: "es/month first", in: "septiembre 4, 2019", want: "2019-09-04"},
	{name: "es/abbr", in: "4 dic. 2019", want: "2019-12-04"},
	// Italian
	{name: "it/day first", in: "4 settembre 2019", want: "2019-09-04"},
	{name: "it/alle", in: "4 settembre 2019 alle 14:23", want: "2019-09-04T14:23:00Z"},
	{name: "it/alle ore", in: "4 settembre 2019 alle ore 14:23", want: "2019-09-04T14:23:00Z"},
	{name: "it/weekday", in: "lunedì 2 dicembre 2019", want: "2019-12-02"},
	{name: "it/gennaio", in: "2 gennaio 2019", want: "2019-01-02"},
	// Portuguese
	{name: "pt/de", in: "4 de setembro de 2019", want: "2019-09-04"},
	{name: "pt/às", in: "4 de setembro de 2019 às 14:23", want: "2019-09-04T14:23:00Z"},
	{name: "pt/weekday", in: "segunda-feira, 2 de dezembro de 2019", want: "2019-12-02"},
	{name: "pt/março", in: "2 de março de 2019", want: "2019-03-02"},
	// Dutch
	{name: "nl/september", in: "4 september 2019", want: "2019-09-04"},
	{name: "nl/maart", in: "4 maart 2019", want: "2019-03-04"},
	{name: "nl/mrt", in: "4 mrt 2019", want: "2019-03-04"},
	{name: "nl/om", in: "4 mei 2019 om 14:23", want: "2019-05-04T14:23:00Z"},
	// Polish
	{name: "pl/genitive", in: "4 września 2019", want: "2019-09-04"},
	{name: "pl/r.", in: "4 września 2019 r.", want: "2019-09-04", raw: "4 września 2019 r."},
	{name: "pl/październik", in: "12 października 2019 o 14:23", want: "2019-10-12T14:23:00Z"},
	{name: "pl/nominative", in: "4 wrzesień 2019", want: "2019-09-04"},
	// Russian
	{name: "ru/г.", in: "4 сентября 2019 г.", want: "2019-09-04", raw: "4 сентября 2019 г."},
	{name: "ru/года", in: "4 сентября 2019 года", want: "2019-09-04"},
	{name: "ru/в", in: "4 сентября 2019 г. в 14:23", want: "2019-09-04T14:23:00Z"},
	{name: "ru/comma", in: "4 сентября 2019, 14:23", want: "2019-09-04T14:23:00Z"},
	{name: "ru/nominative", in: "Сентябрь 4, 2019", want: "2019-09-04"},
	{name: "ru/abbr", in: "4 сент. 2019", want: "2019-09-04"},
	{name: "ru/weekday", in: "среда, 4 сентября 2019", want: "2019-09-04"},
	// Ukrainian
	{name: "uk/genitive", in: "4 вересня 2019", want: "2019-09-04"},
	{name: "uk/р.", in: "4 листопада 2019 р.", want: "2019-11-04"},
	{name: "uk/nominative", in: "Листопад 4, 2019", want: "2019-11-04"},
	// Danish, Norwegian, Swedish
	{name: "da/kl.", in: "4. marts 2019 kl. 14.23", want: "2019-03-04T14:23:00Z"},
	{name: "da/maj", in: "4. maj 2019", want: "2019-05-04"},
	{name: "no/mai", in: "4. mai 2019", want: "2019-05-04"},
	{name: "no/desember", in: "4. desember 2019", want: "2019-12-04"},
	{name: "sv/augusti", in: "4 augusti 2019", want: "2019-08-04"},
	{name: "sv/weekday", in: "onsdag 4 september 2019", want: "2019-09-04"},
	// Czech, Slovak
	{name: "cs/září", in: "4. září 2019", want: "2019-09-04"},
	{name: "cs/října", in: "4. října 2019", want: "2019-10-04"},
	{name: "cs/prosince", in: "4. prosince 2019", want: "2019-12-04"},
	{name: "cs/července", in: "4. července 2019", want: "2019-07-04"},
	{name: "cs/června", in: "4. června 2019", want: "2019-06-04"},
	{name: "cs/nominative", in: "4. prosinec 2019", want: "2019-12-04"},
	{name: "sk/septembra", in: "4. septembra 2019", want: "2019-09-04"},
	{name: "sk/mája", in: "4. mája 2019", want: "2019-05-04"},
	// Indonesian
	{name: "id/agustus", in: "4 Agustus 2019", want: "2019-08-04"},
	{name: "id/pukul wib", in: "4 Desember 2019 pukul 14.23 WIB", want: "2019-12-04T07:23:00Z"},
	{name: "id/month first", in: "Sep 30, 2015", want: "2015-09-30"},
	// Turkish
	{name: "tr/eylül", in: "4 Eylül 2019", want: "2019-09-04"},
	{name: "tr/ağustos", in: "4 Ağustos 2019", want: "2019-08-04"},
	{name: "tr/kasım", in: "4 Kasım 2019", want: "2019-11-04"},
	{name: "tr/upper dotless", in: "4 ARALIK 2019", want: "2019-12-04"},
	{name: "tr/saat", in: "4 Şubat 2019 saat 14:23", want: "2019-02-04T14:23:00Z"},

	// CJK
	{name: "zh/date", in: "2016年3月14日", want: "2016-03-14"},
	{name: "zh/padded time", in: "2016年03月14日 14:23", want: "2016-03-14T14:23:00Z"},
	{name: "zh/spaces", in: "2016 年 3 月 14 日", want: "2016-03-14"},
	{name: "zh/时分", in: "2016年3月14日 14时23分", want: "2016-03-14T14:23:00Z"},
	{name: "zh/iso", in: "2016-03-14 14:23", want: "2016-03-14T14:23:00Z"},
	{name: "ja/weekday", in: "2016年3月11日(金)", want: "2016-03-11"},
	{name: "ja/時分", in: "2016年3月11日 9時5分", want: "2016-03-11T09:05:00Z"},
	{name: "ja/曜日", in: "2016年3月16日 水曜日", want: "2016-03-16"},
	{name: "zh/星期", in: "2016年3月16日 星期三 14:23", want: "2016-03-16T14:23:00Z"},
	{name: "zh/周", in: "2016年3月16日 周三", want: "2016-03-16"},
	{name: "ko/요일", in: "2016년 3월 16일 수요일", want: "2016-03-16"},
	{name: "ko/date", in: "2016년 3월 14일", want: "2016-03-14"},
	{name: "ko/time", in: "2016년 3월 14일 14:23", want: "2016-03-14T14:23:00Z"},

	// year-less, resolved against the reference time
	{name: "yearless/month first", in: "Sep 4", want: "2025-09-04"},
	{name: "yearless/day first de", in: "4. September", want: "2025-09-04"},
	{name: "yearless/today", in: "Jan 15", want: "2026-01-15"},
	{name: "yearless/tomorrow allowed", in: "Jan 16", want: "2026-01-16"},
	{name: "yearless/two days ahead is last year", in: "Jan 17", want: "2025-01-17"},
	{name: "yearless/with time", in: "Oct 14 09:18", want: "2025-10-14T09:18:00Z"},
	{name: "yearless/leap day", in: "Feb 29", want: "2024-02-29"},
	{name: "yearless/chinese numeric", in: "03-14 14:23", want: "2025-03-14T14:23:00Z"},
	{name: "yearless/cjk", in: "3月14日", want: "2025-03-14"},
	{name: "yearless/cjk time", in: "1月14日 08:00", want: "2026-01-14T08:00:00Z"},
	{name: "yearless/dotted slash time", in: "09.12/19:52", want: "2025-12-09T19:52:00Z"},
	{name: "yearless/ru", in: "4 сентября", want: "2025-09-04"},
	{name: "yearless/no ref", in: "Sep 4", noRef: true},
	{name: "yearless/cjk no ref", in: "3月14日", noRef: true},
	{name: "yearless/numeric no ref", in: "03-14 14:23", noRef: true},

	// relative, English
	{name: "rel/just now", in: "just now", want: "2026-01-15T12:00:00Z"},
	{name: "rel/today", in: "today", want: "2026-01-15"},
	{name: "rel/Today time", in: "Today, 09:30", want: "2026-01-15T09:30:00Z"},
	{name: "rel/yesterday", in: "yesterday", want: "2026-01-14"},
	{name: "rel/yesterday time", in: "yesterday 14:30", want: "2026-01-14T14:30:00Z"},
	{name: "rel/yesterday at pm", in: "Yesterday at 2:30 pm", want: "2026-01-14T14:30:00Z"},
	{name: "rel/seconds", in: "30 seconds ago", want: "2026-01-15T11:59:00Z"},
	{name: "rel/a few seconds", in: "a few seconds ago", want: "2026-01-15T12:00:00Z"},
	{name: "rel/minutes", in: "5 minutes ago", want: "2026-01-15T11:55:00Z"},
	{name: "rel/min", in: "5 min ago", want: "2026-01-15T11:55:00Z"},
	{name: "rel/m glued", in: "5m ago", want: "2026-01-15T11:55:00Z"},
	{name: "rel/an hour", in: "an hour ago", want: "2026-01-15T11:00:00Z"},
	{name: "rel/hours", in: "3 hours ago", want: "2026-01-15T09:00:00Z"},
	{name: "rel/1h", in: "1h ago", want: "2026-01-15T11:00:00Z"},
	{name: "rel/a day", in: "a day ago", want: "2026-01-14"},
	{name: "rel/days", in: "3 days ago", want: "2026-01-12"},
	{name: "rel/weeks", in: "2 weeks ago", want: "2026-01-01"},
	{name: "rel/months", in: "1 month ago", want: "2025-12-15"},
	{name: "rel/years", in: "2 years ago", want: "2024-01-15"},
	{name: "rel/moments", in: "moments ago", want: "2026-01-15T12:00:00Z"},
	{name: "rel/no ref", in: "3 hours ago", noRef: true},
	{name: "rel/yesterday no ref", in: "yesterday", noRef: true},
	// relative, German
	{name: "rel de/vor Stunden", in: "vor 3 Stunden", want: "2026-01-15T09:00:00Z"},
	{name: "rel de/vor einer Stunde", in: "vor einer Stunde", want: "2026-01-15T11:00:00Z"},
	{name: "rel de/vor einem Tag", in: "vor einem Tag", want: "2026-01-14"},
	{name: "rel de/vor Tagen", in: "vor 2 Tagen", want: "2026-01-13"},
	{name: "rel de/vor Minuten", in: "vor 10 Minuten", want: "2026-01-15T11:50:00Z"},
	{name: "rel de/vor Wochen", in: "vor 3 Wochen", want: "2025-12-25"},
	{name: "rel de/vor Jahren", in: "vor 2 Jahren", want: "2024-01-15"},
	{name: "rel de/gestern", in: "gestern", want: "2026-01-14"},
	{name: "rel de/heute", in: "heute", want: "2026-01-15"},
	{name: "rel de/gestern time", in: "gestern, 14:30", want: "2026-01-14T14:30:00Z"},
	{name: "rel de/heute um uhr", in: "heute um 9.18 Uhr", want: "2026-01-15T09:18:00Z"},
	{name: "rel de/vorgestern", in: "vorgestern", want: "2026-01-13"},
	// relative, French
	{name: "rel fr/il y a jours", in: "il y a 2 jours", want: "2026-01-13"},
	{name: "rel fr/il y a une heure", in: "il y a une heure", want: "2026-01-15T11:00:00Z"},
	{name: "rel fr/il y a minutes", in: "Il y a 5 minutes", want: "2026-01-15T11:55:00Z"},
	{name: "rel fr/hier", in: "hier", lang: "fr", want: "2026-01-14"},
	{name: "rel fr/hier à", in: "hier à 10:05", lang: "fr", want: "2026-01-14T10:05:00Z"},
	{name: "rel fr/aujourd'hui", in: "aujourd'hui", want: "2026-01-15"},
	{name: "rel fr/aujourd’hui à", in: "aujourd’hui à 14h23", want: "2026-01-15T14:23:00Z"},
	// relative, Spanish
	{name: "rel es/hace días", in: "hace 3 días", want: "2026-01-12"},
	{name: "rel es/hace una hora", in: "hace una hora", want: "2026-01-15T11:00:00Z"},
	{name: "rel es/ayer", in: "ayer", want: "2026-01-14"},
	{name: "rel es/hoy", in: "hoy", want: "2026-01-15"},
	{name: "rel es/ayer a las", in: "ayer a las 14:30", want: "2026-01-14T14:30:00Z"},
	// relative, Italian
	{name: "rel it/giorni fa", in: "3 giorni fa", want: "2026-01-12"},
	{name: "rel it/un'ora fa", in: "un'ora fa", want: "2026-01-15T11:00:00Z"},
	{name: "rel it/ore fa", in: "2 ore fa", want: "2026-01-15T10:00:00Z"},
	{name: "rel it/ieri", in: "ieri", want: "2026-01-14"},
	{name: "rel it/oggi", in: "oggi", want: "2026-01-15"},
	{name: "rel it/ieri alle", in: "ieri alle 14:30", want: "2026-01-14T14:30:00Z"},
	// relative, Portuguese
	{name: "rel pt/há dias", in: "há 3 dias", want: "2026-01-12"},
	{name: "rel pt/há uma hora", in: "há uma hora", want: "2026-01-15T11:00:00Z"},
	{name: "rel pt/ontem", in: "ontem", want: "2026-01-14"},
	{name: "rel pt/hoje", in: "hoje", want: "2026-01-15"},
	// relative, Russian (every plural form)
	{name: "rel ru/1 минуту", in: "1 минуту назад", want: "2026-01-15T11:59:00Z"},
	{name: "rel ru/2 минуты", in: "2 минуты назад", want: "2026-01-15T11:58:00Z"},
	{name: "rel ru/5 минут", in: "5 минут назад", want: "2026-01-15T11:55:00Z"},
	{name: "rel ru/минуту", in: "минуту назад", want: "2026-01-15T11:59:00Z"},
	{name: "rel ru/час", in: "час назад", want: "2026-01-15T11:00:00Z"},
	{name: "rel ru/1 час", in: "1 час назад", want: "2026-01-15T11:00:00Z"},
	{name: "rel ru/2 часа", in: "2 часа назад", want: "2026-01-15T10:00:00Z"},
	{name: "rel ru/5 часов", in: "5 часов назад", want: "2026-01-15T07:00:00Z"},
	{name: "rel ru/1 день", in: "1 день назад", want: "2026-01-14"},
	{name: "rel ru/3 дня", in: "3 дня назад", want: "2026-01-12"},
	{name: "rel ru/5 дней", in: "5 дней назад", want: "2026-01-10"},
	{name: "rel ru/неделю", in: "неделю назад", want: "2026-01-08"},
	{name: "rel ru/2 недели", in: "2 недели назад", want: "2026-01-01"},
	{name: "rel ru/5 недель", in: "5 недель назад", want: "2025-12-11"},
	{name: "rel ru/месяц", in: "месяц назад", want: "2025-12-15"},
	{name: "rel ru/2 месяца", in: "2 месяца назад", want: "2025-11-15"},
	{name: "rel ru/5 месяцев", in: "5 месяцев назад", want: "2025-08-15"},
	{name: "rel ru/год", in: "год назад", want: "2025-01-15"},
	{name: "rel ru/2 года", in: "2 года назад", want: "2024-01-15"},
	{name: "rel ru/5 лет", in: "5 лет назад", want: "2021-01-15"},
	{name: "rel ru/вчера", in: "вчера", want: "2026-01-14"},
	{name: "rel ru/сегодня", in: "сегодня", want: "2026-01-15"},
	{name: "rel ru/вчера в", in: "вчера в 14:30", want: "2026-01-14T14:30:00Z"},
	{name: "rel ru/только что", in: "только что", want: "2026-01-15T12:00:00Z"},
	// relative, other languages
	{name: "rel uk/дні тому", in: "3 дні тому", want: "2026-01-12"},
	{name: "rel uk/вчора", in: "вчора", want: "2026-01-14"},
	{name: "rel nl/geleden", in: "3 dagen geleden", want: "2026-01-12"},
	{name: "rel nl/gisteren", in: "gisteren", want: "2026-01-14"},
	{name: "rel pl/temu", in: "3 dni temu", want: "2026-01-12"},
	{name: "rel pl/godzinę temu", in: "godzinę temu", want: "2026-01-15T11:00:00Z"},
	{name: "rel pl/wczoraj", in: "wczoraj", want: "2026-01-14"},
	{name: "rel cs/před dny", in: "před 3 dny", want: "2026-01-12"},
	{name: "rel cs/před hodinou", in: "před hodinou", want: "2026-01-15T11:00:00Z"},
	{name: "rel sv/sedan", in: "3 dagar sedan", want: "2026-01-12"},
	{name: "rel da/siden", in: "3 timer siden", want: "2026-01-15T09:00:00Z"},
	{name: "rel tr/önce", in: "3 gün önce", want: "2026-01-12"},
	{name: "rel tr/dün", in: "dün", want: "2026-01-14"},
	{name: "rel id/yang lalu", in: "3 hari yang lalu", want: "2026-01-12"},
	// relative, Japanese, Chinese, Korean
	{name: "rel ja/日前", in: "3日前", want: "2026-01-12"},
	{name: "rel ja/時間前", in: "5時間前", want: "2026-01-15T07:00:00Z"},
	{name: "rel ja/分前", in: "10分前", want: "2026-01-15T11:50:00Z"},
	{name: "rel ja/ヶ月前", in: "2ヶ月前", want: "2025-11-15"},
	{name: "rel ja/昨日", in: "昨日", want: "2026-01-14"},
	{name: "rel zh/分钟前", in: "30分钟前", want: "2026-01-15T11:30:00Z"},
	{name: "rel zh/小时前", in: "3小时前", want: "2026-01-15T09:00:00Z"},
	{name: "rel zh/个小时前", in: "3个小时前", want: "2026-01-15T09:00:00Z"},
	{name: "rel zh/天前", in: "3天前", want: "2026-01-12"},
	{name: "rel zh/昨天", in: "昨天", want: "2026-01-14"},
	{name: "rel zh/昨天 time", in: "昨天 14:30", want: "2026-01-14T14:30:00Z"},
	{name: "rel zh/今天", in: "今天 08:05", want: "2026-01-15T08:05:00Z"},
	{name: "rel zh/刚刚", in: "刚刚", want: "2026-01-15T12:00:00Z"},
	{name: "rel ko/일 전", in: "3일 전", want: "2026-01-12"},
	{name: "rel ko/시간 전", in: "5시간 전", want: "2026-01-15T07:00:00Z"},
	{name: "rel ko/어제", in: "어제", want: "2026-01-14"},

	// rejections
	{name: "reject/feb 30 iso", in: "2019-02-30"},
	{name: "reject/feb 30 dotted", in: "30.02.2019"},
	{name: "reject/feb 30 name", in: "Feb 30, 2019"},
	{name: "reject/feb 29 non leap", in: "29.02.2019"},
	{name: "reject/month 13", in: "2019-13-01"},
	{name: "reject/hour 25", in: "2019-09-04T25:00:00Z"},
	{name: "reject/far future", in: "2027-01-01"},
	{name: "reject/three days ahead", in: "2026-01-18"},
	{name: "ok/two days ahead", in: "2026-01-17", want: "2026-01-17"},
	{name: "reject/before 1990", in: "1989-12-31"},
	{name: "reject/no day", in: "October 2019"},
	{name: "reject/year month", in: "2019-09"},
	{name: "reject/year", in: "2019"},
	{name: "reject/compact", in: "20190904"},
	{name: "reject/bare time", in: "14:23"},
	{name: "reject/bare time uhr", in: "14:23 Uhr"},
	{name: "reject/bare time pm", in: "2:21 pm"},
	{name: "reject/fraction", in: "3/4"},
	{name: "reject/nine eleven", in: "9/11"},
	{name: "reject/version", in: "0.57.2"},
	{name: "reject/version v", in: "v1.2.3"},
	{name: "reject/dotted two digit year", in: "1.2.13"},
	{name: "reject/ip", in: "192.168.1.10"},
	{name: "reject/count", in: "12 comments"},
	{name: "reject/empty", in: ""},
	{name: "reject/space", in: " \t\n"},
	{name: "reject/word", in: "hello"},
	{name: "reject/weekday", in: "Tuesday"},
	{name: "reject/future zone", in: "2026-01-17T23:30:00-05:00"},
	{name: "reject/hier de", in: "hier", lang: "de"},
	{name: "reject/hier nl", in: "hier", lang: "nl-NL"},
	{name: "reject/few days", in: "a few days ago"},
	{name: "reject/ha italian", in: "ha 3 anni"},

	// zero reference time: absolute dates still work up to 2100
	{name: "no ref/absolute", in: "4 September 2019", noRef: true, want: "2019-09-04"},
	{name: "no ref/2099", in: "2099-01-01", noRef: true, want: "2099-01-01"},
	{name: "no ref/2101", in: "2101-01-01", noRef: true},
}

func TestParseDate(t *testing.T) {
	cases := append([]dateCase{
		{name: "epoch/seconds", in: "1567591200", want: "2019-09-04T10:00:00Z"},
		{name: "epoch/millis", in: "1567591200123", want: "2019-09-04T10:00:00Z"},
		{name: "epoch/padded", in: " 1567591200 ", want: "2019-09-04T10:00:00Z", raw: "1567591200"},
		{name: "epoch/nine digits", in: "156759120"},
		{name: "epoch/future", in: "1893456000"},
		{name: "strict/now", in: "now", want: "2026-01-15T12:00:00Z"},
		{name: "strict/hier unknown lang", in: "hier", want: "2026-01-14"},
		{name: "strict/two digit year", in: "10/12/14", lang: "en", want: "2014-10-12"},
		{name: "strict/punctuation around", in: " (4 September 2019). ", want: "2019-09-04", raw: "4 September 2019"},
		{name: "strict/bad time", in: "2019-09-04 10:60"},
		{name: "strict/trailing word", in: "4 September 2019 by admin"},
		{name: "strict/leading word", in: "Posted on September 3, 2019"},
		{name: "strict/weekday month clash", in: "mar. 4 sept. 2019", want: "2019-09-04", raw: "mar. 4 sept. 2019"},
		{name: "strict/weekday after", in: "2016年3月11日（金）", want: "2016-03-11"},
	}, dateOnlyCases...)
	runDateCases(t, ParseDate, cases)
}

func TestFindDate(t *testing.T) {
	cases := append([]dateCase{
		// real bylines
		{name: "text/yawns", in: "Posted by Bruce on Tue 14 Oct 2014 at 09:18", want: "2014-10-14T09:18:00Z", raw: "Tue 14 Oct 2014 at 09:18"},
		{name: "text/wordpress de", in: "Publiziert am 3. Januar 2014 von admin", lang: "de", want: "2014-01-03", raw: "3. Januar 2014"},
		{name: "text/joomla ru", in: "04.12.2015 14:23 | Sochi", lang: "ru", want: "2015-12-04T14:23:00Z", raw: "04.12.2015 14:23"},
		{name: "text/schneier", in: "Posted on September  3, 2019 at  6:09 AM • 3 Comments", want: "2019-09-03T06:09:00Z", raw: "September  3, 2019 at  6:09 AM"},
		{name: "text/drupal", in: "Submitted by IntnsRed on Mon, 2014-12-01 16:05", want: "2014-12-01T16:05:00Z", raw: "Mon, 2014-12-01 16:05"},
		{name: "text/press release", in: "29.11.2022 | Bremen (iwr-pressedienst) - Im Januar 2007 eröffnete wpd in Espoo", lang: "de", want: "2022-11-29"},
		{name: "text/hugo", in: "Hugo 0.57.2: A couple of Bug Fixes August 17, 2019", want: "2019-08-17", raw: "August 17, 2019"},
		{name: "text/carnegie", in: "Commentary · January 29, 2016 · Carnegie", want: "2016-01-29"},
		{name: "text/google", in: "Thursday, September 5, 2019", want: "2019-09-05", raw: "Thursday, September 5, 2019"},
		{name: "text/nature", in: "News | 05 September 2019", want: "2019-09-05"},
		{name: "text/torrentfreak", in: "On: 10/12/2014 Comments: 5", lang: "en", want: "2014-10-12"},
		{name: "text/brief", in: "Marketing 04/12/2015 Lorem", lang: "pl", want: "2015-12-04"},
		{name: "text/naviny glued", in: "09.12/19:52Финансы Комментарии: 1", lang: "ru", want: "2025-12-09T19:52:00Z", raw: "09.12/19:52"},
		{name: "text/163", in: "体育 30分钟前 跟贴 12", lang: "zh", want: "2026-01-15T11:30:00Z", raw: "30分钟前"},
		{name: "text/newschittagong", in: "6 hours ago মতামত দিন", want: "2026-01-15T06:00:00Z"},
		{name: "text/cjk glued", in: "发布于2016年3月14日阅读", want: "2016-03-14", raw: "2016年3月14日"},
		{name: "text/ediary", in: "投稿日: 2016年3月11日 作成者: hiroko", want: "2016-03-11"},
		{name: "text/disfraces", in: "29 septiembre, 2012 Disfraces Jarana", want: "2012-09-29"},
		{name: "text/weekday clash", in: "Publié le mar. 4 sept. 2019 par Jean", want: "2019-09-04", raw: "mar. 4 sept. 2019"},
		{name: "text/time first", in: "Aktualisiert 14:23, 04.12.2015", want: "2015-12-04T14:23:00Z"},
		{name: "text/parenthesized", in: "Version 3.1 (2019-09-04) released", want: "2019-09-04"},
		{name: "text/joined word before", in: "Sochi04.12.2015", want: "2015-12-04"},
		{name: "text/yearless byline", in: "Posted Sep 4 by admin", want: "2025-09-04"},
		{name: "text/yearless end", in: "Published on Jan 12", want: "2026-01-12"},
		{name: "text/yearless separator", in: "Jan 12 · 5 min read", want: "2026-01-12"},
		{name: "text/yearless time", in: "Сегодня, 4 декабря, в 12:30 стартует продажа", lang: "ru", want: "2025-12-04T12:30:00Z"},
		{name: "text/yesterday end", in: "Posted yesterday", want: "2026-01-14"},
		{name: "text/yesterday separator", in: "- Včera", lang: "sk", want: "2026-01-14"},
		{name: "text/years ago byline", in: "2 years ago | 5 comments", want: "2024-01-15"},
		{name: "prose/today comma", in: "Today, we’re rolling out the open-source version"},
		{name: "prose/today possessive", in: "Today's Most Popular Articles"},
		{name: "prose/today inside", in: "Latest Firefox Release Available today for iOS and Desktop"},
		{name: "prose/today number", in: "Hechizada cumpliría hoy 87 años"},
		{name: "prose/heute", in: "Selbst heute gibt es noch keine Therapie", lang: "de"},
		{name: "prose/сегодня quoted", in: "Корпункт «России сегодня» будет представлять", lang: "ru"},
		{name: "prose/今天", in: "哈利波特今天四十岁了", lang: "zh"},
		{name: "prose/昨日", in: "昨日の続き。", lang: "ja"},
		{name: "prose/yearless de", in: "Ein 20-Jähriger hatte am 8. Mai einen Passanten", lang: "de"},
		{name: "prose/yearless es", in: "El Tour de Francia iniciará el 29 de agosto, según Le Dauphiné", lang: "es"},
		{name: "prose/yearless ru", in: "Накануне, 3 декабря, на объездной дороге", lang: "ru"},
		{name: "prose/yearless ordinal", in: "As the anniversary of Egypt’s January 25th revolution approaches"},
		{name: "prose/year ago", in: "A little over a year ago, TorrentSpy.com was still the most visited site"},
		{name: "prose/vor Jahren", in: "Vor 33 Jahren gründet Carlo Petrini Slow Food", lang: "de"},
		{name: "text/relative de", in: "Aktualisiert vor 3 Stunden", want: "2026-01-15T09:00:00Z"},
		{name: "text/relative ru", in: "Опубликовано 5 минут назад", want: "2026-01-15T11:55:00Z"},
		{name: "text/hier fr", in: "Publié hier", lang: "fr", want: "2026-01-14"},
		{name: "text/hier de", in: "Hier finden Sie alle Artikel", lang: "de"},
		{name: "text/hier unknown lang", in: "Hier finden Sie alle Artikel"},
		{name: "text/hier with time", in: "hier à 10:05", want: "2026-01-14T10:05:00Z"},
		{name: "text/now alone", in: "Subscribe now"},
		{name: "text/lower case is not a zone", in: "Der Termin 2019-09-04 10:00 ist fix", lang: "de", want: "2019-09-04T10:00:00Z"},
		{name: "text/time range", in: "Workshop 4 Sep 2019 10:00-12:00", want: "2019-09-04T10:00:00Z"},
		{name: "text/bad time", in: "2019-09-04 10:60", want: "2019-09-04"},
		{name: "text/earliest", in: "Updated 5 Sep 2019, first published 4 Sep 2019", want: "2019-09-05"},
		{name: "text/skip invalid", in: "Event 30.02.2019, posted 01.02.2019", want: "2019-02-01"},
		{name: "text/skip future", in: "Concert 12.05.2027 - posted 01.12.2025", want: "2025-12-01"},
		// must not be fooled
		{name: "fool/phone", in: "Call +49 30 1234-5678 or (555) 123-4567"},
		{name: "fool/phone dashes", in: "Tel: 555-12-2019"},
		{name: "fool/phone us", in: "1-800-12-2019"},
		{name: "fool/version", in: "Hugo 0.57.2 released"},
		{name: "fool/version v", in: "Upgrade to v1.2.3 or v2.10.2019"},
		{name: "fool/version chain", in: "build 1.2.12.2019"},
		{name: "fool/ip", in: "Server 192.168.1.10 is down"},
		{name: "fool/ip year", in: "host 10.10.10.2019"},
		{name: "fool/price", in: "Only $12.05 per item, €1.299,00 total"},
		{name: "fool/price date", in: "now $12.05.2019"},
		{name: "fool/time", in: "Updated 14:23"},
		{name: "fool/time uhr", in: "Beginn 14:23 Uhr"},
		{name: "fool/count", in: "12 comments"},
		{name: "fool/count read", in: "5 min read"},
		{name: "fool/year", in: "in 2019"},
		{name: "fool/copyright", in: "© 2019 Example Inc."},
		{name: "fool/nine eleven", in: "9/11 memorial"},
		{name: "fool/month year", in: "October 2019 archive (12)"},
		{name: "fool/pages", in: "Page 1 of 12"},
		{name: "fool/isbn", in: "ISBN 978-3-16-148410-0"},
		{name: "fool/weak month set", in: "Set 2 of 5"},
		{name: "fool/weak month gen", in: "Gen 2 consoles"},
		{name: "fool/month then number", in: "Sep 4 19 comments"},
		{name: "fool/id", in: "Order 20190904 shipped"},
		{name: "fool/epoch in text", in: "id 1567591200"},
		{name: "fool/no digits", in: "Read more about this article"},
	}, dateOnlyCases...)
	runDateCases(t, FindDate, cases)
}

func TestDateFromURL(t *testing.T) {
	cases := []struct {
		name, in, want, raw string
	}{
		{"wordpress", "https://example.com/2024/05/12/slug/", "2024-05-12", "2024/05/12"},
		{"relative", "/blog/2024/5/7/slug", "2024-05-07", "2024/5/7"},
		{"no trailing slash", "https://example.com/2024/05/12", "2024-05-12", "2024/05/12"},
		{"guardian", "https://www.theguardian.com/world/2019/sep/04/slug", "2019-09-04", "2019/sep/04"},
		{"jekyll", "https://example.com/posts/2019-09-04-hello-world/", "2019-09-04", "2019-09-04"},
		{"jekyll html", "/2019-09-04.html", "2019-09-04", "2019-09-04"},
		{"no day", "https://example.com/2024/05/slug", "", ""},
		{"id not day", "https://example.com/2024/05/12345/slug", "", ""},
		{"month 13", "https://example.com/2024/13/12/slug", "", ""},
		{"feb 30", "https://example.com/2024/02/30/slug", "", ""},
		{"too old", "https://example.com/1989/01/01/slug", "", ""},
		{"query", "https://example.com/?p=2024/05/12", "", ""},
		{"host only", "https://2024.example.com", "", ""},
		{"fragment", "https://example.com/page#2024/05/12", "", ""},
		{"empty", "", "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := DateFromURL(tc.in)
			if !ok {
				if tc.want != "" {
					t.Fatalf("DateFromURL(%q) = not a date, want %s", tc.in, tc.want)
				}
				return
			}
			if got.String() != tc.want || got.Raw != tc.raw || got.HasTime {
				t.Errorf("DateFromURL(%q) = %s raw %q hasTime %v, want %s raw %q", tc.in, got, got.Raw, got.HasTime, tc.want, tc.raw)
			}
		})
	}
}

// TestParseDateFraction checks what Date.String hides: sub-second precision.
func TestParseDateFraction(t *testing.T) {
	got, ok := ParseDate("2019-09-04T10:00:00.123456+02:00", dateRef, "")
	want := time.Date(2019, 9, 4, 8, 0, 0, 123456000, time.UTC)
	if !ok || !got.Time.Equal(want) || !got.HasTime {
		t.Errorf("got %v, %v, want %v", got.Time, ok, want)
	}
}

// TestDateMonthNames checks every month name in every language, so that a
// name added to two months, or folded into another, is caught.
func TestDateMonthNames(t *testing.T) {
	for i, names := range dtMonthNames {
		for _, name := range strings.Fields(names) {
			in := "4 " + name + " 2019"
			got, ok := ParseDate(in, dateRef, "")
			if !ok || got.Time.Month() != time.Month(i+1) {
				t.Errorf("ParseDate(%q) = %s, %v, want month %d", in, got, ok, i+1)
			}
			in = strings.ToUpper(name) + " 4, 2019"
			got, ok = ParseDate(in, dateRef, "")
			if !ok || got.Time.Month() != time.Month(i+1) {
				t.Errorf("ParseDate(%q) = %s, %v, want month %d", in, got, ok, i+1)
			}
		}
	}
}

// TestDateRussianGenitive checks the genitive month names one by one.
func TestDateRussianGenitive(t *testing.T) {
	for i, name := range strings.Fields("января февраля марта апреля мая июня июля августа сентября октября ноября декабря") {
		t.Run(name, func(t *testing.T) {
			in := "Опубликовано 4 " + name + " 2019 г. в 14:23"
			got, ok := FindDate(in, dateRef, "ru")
			want := time.Date(2019, time.Month(i+1), 4, 14, 23, 0, 0, time.UTC)
			if !ok || !got.Time.Equal(want) || !got.HasTime {
				t.Errorf("FindDate(%q) = %s, %v, want %s", in, got, ok, want.Format(time.RFC3339))
			}
		})
	}
}

// TestFindDateNoAlloc guards the quick reject: text without digits and
// without relative keywords must not allocate.
func TestFindDateNoAlloc(t *testing.T) {
	for _, s := range []string{
		"Read more about this article",
		"Сергей Чижик приобрел другую страсть",
		"Publié par Jean dans Actualités",
		"体育新闻 跟贴",
	} {
		if n := testing.AllocsPerRun(100, func() { FindDate(s, dateRef, "") }); n != 0 {
			t.Errorf("FindDate(%q) allocates %v times", s, n)
		}
	}
	s := "Posted by Bruce on Tue 14 Oct 2014 at 09:18"
	if n := testing.AllocsPerRun(100, func() { FindDate(s, dateRef, "en") }); n != 0 {
		t.Errorf("FindDate(%q) allocates %v times", s, n)
	}
}

func dateFuzzSeeds(f *testing.F) {
	for _, tc := range dateOnlyCases {
		f.Add(tc.in, tc.lang)
	}
	for _, s := range []string{
		"Posted by Bruce on Tue 14 Oct 2014 at 09:18",
		"04.12.2015 14:23 | Sochi",
		"1567591200",
		"il y a une heure",
		"2016年3月11日(金) 9時5分",
		"\xff2019-09-04\xfe",
		"4.",
		"Sep",
		"2019-09-04T",
		"10:00 +",
	} {
		f.Add(s, "en")
	}
}

func checkFuzzDate(t *testing.T, in string, got Date, ok bool, ref time.Time) {
	if !ok {
		return
	}
	if got.Raw == "" || !strings.Contains(in, got.Raw) {
		t.Fatalf("(%q) Raw = %q, not a non-empty substring", in, got.Raw)
	}
	if got.Time.IsZero() || got.Time.Location() != time.UTC {
		t.Fatalf("(%q) Time = %v, want non-zero UTC", in, got.Time)
	}
	if got.Time.After(ref.Add(dtFutureSlack)) || got.Time.Year() < dtMinYear {
		t.Fatalf("(%q) Time = %v, out of range", in, got.Time)
	}
}

func FuzzParseDate(f *testing.F) {
	dateFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, in, lang string) {
		got, ok := ParseDate(in, dateRef, lang)
		checkFuzzDate(t, in, got, ok, dateRef)
		got, ok = ParseDate(in, time.Time{}, lang)
		checkFuzzDate(t, in, got, ok, time.Date(2100, 12, 31, 0, 0, 0, 0, time.UTC))
	})
}

func FuzzFindDate(f *testing.F) {
	dateFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, in, lang string) {
		got, ok := FindDate(in, dateRef, lang)
		checkFuzzDate(t, in, got, ok, dateRef)
		got, ok = FindDate(in, time.Time{}, lang)
		checkFuzzDate(t, in, got, ok, time.Date(2100, 12, 31, 0, 0, 0, 0, time.UTC))
	})
}

// BenchmarkFindDate runs over the kind of short strings the extractor
// passes: bylines with and without dates, counts, titles.
func BenchmarkFindDate(b *testing.B) {
	inputs := []string{
		"Posted by Bruce on Tue 14 Oct 2014 at 09:18",
		"Publiziert am 3. Januar 2014 von admin",
		"04.12.2015 14:23 | Sochi",
		"Read more about this article",
		"12 comments",
		"6 hours ago",
		"Hugo 0.57.2 released",
		"Бюджет-2015: где власти найдут деньги и куда они пойдут?",
		"2019-08-21T03:01:36-07:00",
		"30分钟前",
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range inputs {
			FindDate(s, dateRef, "en")
		}
	}
}

// findDates checks FindDate on each text, with the golden capture time as
// the reference.
func findDates(t *testing.T, lang string, cases map[string]string) {
	t.Helper()
	for in, want := range cases {
		if got, ok := FindDate(in, goldenNow, lang); !ok || got.String() != want {
			t.Errorf("FindDate(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

func TestDatesArabicAndHindi(t *testing.T) {
	findDates(t, "", map[string]string{
		"١٢ يناير ٢٠٢٦":        "2026-01-12",
		"12 يناير 2026":        "2026-01-12",
		"نشر في ٣ مارس ٢٠٢٥":   "2025-03-03",
		"منذ 3 ساعات":          "2026-01-15T09:00:00Z",
		"منذ ساعة":             "2026-01-15T11:00:00Z",
		"12 जनवरी 2026":        "2026-01-12",
		"५ फ़रवरी २०२५":        "2025-02-05",
		"35 मिनट पहले":         "2026-01-15T11:25:00Z",
		"अपडेट: 9 दिसंबर 2025": "2025-12-09",
	})
}

func TestFindDateClockBeforeTheDay(t *testing.T) {
	findDates(t, "en", map[string]string{
		"Updated 11:05 PM EST, Wed January 14, 2026": "2026-01-15T04:05:00Z",
		"7:48 AM ET, Tue January 13, 2026":           "2026-01-13T12:48:00Z",
		"18:40, 12 janvier 2026":                     "2026-01-12T18:40:00Z",
		"Version 2:3 released January 4, 2026":       "2026-01-04",
		"Score 3:1 · January 4, 2026":                "2026-01-04",
	})
}

func TestFindDateAbbreviatedUnits(t *testing.T) {
	findDates(t, "pl", map[string]string{
		"2 godz. temu": "2026-01-15T10:00:00Z",
		"45 min. temu": "2026-01-15T11:15:00Z",
		"2 hrs. ago":   "2026-01-15T10:00:00Z",
	})
}

func TestHasYear(t *testing.T) {
	for raw, want := range map[string]bool{
		"12 January 2026": true, "2026-01-12T10:00:00Z": true, "Mon, 12 Jan 2026 10:00:00 GMT": true,
		"3 hours ago": false, "Sep 4": false, "12/01/26": false, "yesterday": false,
	} {
		if got := HasYear(raw); got != want {
			t.Errorf("HasYear(%q) = %v, want %v", raw, got, want)
		}
	}
}
