package extract

import (
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Dates on listing pages come in every shape: machine values in attributes
// (RFC 3339, RFC 1123, epoch seconds), human text in a dozen languages
// ("4. September 2019", "29 de septiembre de 2012", "4 сентября 2019 г."),
// numeric forms whose day/month order depends on the locale, CJK forms and
// relative phrases ("3 hours ago", "vor 2 Tagen", "30分钟前").
//
// The text is split once into tokens (digit runs, letter runs, single CJK
// characters, spaces, single punctuation characters) and small hand-written
// matchers walk the tokens. That is cheaper than a battery of regular
// expressions, never backtracks, and makes the guards against false
// positives (version numbers, phone numbers, bare times) explicit: a date
// must not be glued to surrounding digits or letters.

const (
	dtMinYear = 1990 // earlier "dates" on listing pages are nearly always misreads
	// dtFutureSlack is how far after the reference time a date may lie: pages
	// in zones ahead of the crawler legitimately show tomorrow's date, but a
	// date further ahead is a misread (an event date, a version number).
	dtFutureSlack = 48 * time.Hour
)

// ParseDate parses s, which should be just a date: a <time datetime>
// value, a JSON-LD datePublished, or the text of a .date element. A leading
// weekday, a time of day, a zone and surrounding whitespace or punctuation
// are allowed; any other word makes it fail (use FindDate for running text).
//
// ref is the capture time: relative ("3 hours ago") and year-less ("Sep 4")
// dates are resolved against it and rejected when it is zero; dates more than
// two days after it are rejected as misreads. lang is the page's language
// (e.g. "en-US", "de"); it only decides whether 03/04/2015 is March 4 (US
// English, including bare "en") or 3 April (everything else). Unix epoch
// seconds or milliseconds are accepted when s is exactly 10 or 13 digits.
func ParseDate(s string, ref time.Time, lang string) (Date, bool) {
	s = dtASCIIDigits(s)
	p := newDateParser(s, ref, lang, true)
	if d, ok := dtEpoch(s, ref, p.maxYear); ok {
		return d, true
	}
	if !dtMayHaveDate(s) {
		return Date{}, false
	}
	var buf [32]dtToken
	p.t = dtTokenize(s, buf[:0])
	first := p.skipNoise(0)
	last := p.lastWordOrNum()
	for i := first; i < len(p.t); {
		if r, end, ok := p.parseAt(i); ok && end > last {
			tm, hasTime, ok := p.finish(r)
			if !ok {
				return Date{}, false
			}
			return Date{Time: tm, HasTime: hasTime, Raw: s[p.t[first].start:p.t[end-1].end]}, true
		}
		// A weekday may precede the date ("Wed, 04 Sep 2019"); some
		// weekday abbreviations are also month names ("mar."), so the
		// date is tried first and the weekday skipped only if that fails.
		if w := p.t[i].word(); w == nil || !w.weekday {
			break
		}
		i = p.skipNoise(i + 1)
	}
	return Date{}, false
}

// FindDate finds the first date inside a longer text such as "Posted by
// Bruce on Tue 14 Oct 2014 at 09:18", "Publiziert am 3. Januar 2014 von
// admin" or "04.12.2015 14:23 | Sochi" and parses it like ParseDate (ref and
// lang mean the same). The earliest date in the text wins. Numbers glued to
// other digits or letters ("v1.2.3", "192.168.1.1", "+49 30 1234-5678") are
// not read as dates, nor are bare times, bare years, counts or "9/11". Raw
// includes a weekday written just before the date.
//
// It is called on many short strings per page, so text without a digit and
// without a relative-date keyword ("yesterday", "ago", "heute"...) is
// rejected without allocating.
func FindDate(text string, ref time.Time, lang string) (Date, bool) {
	var buf [64]dtToken
	d, ok, _ := findDate(text, ref, lang, buf[:0])
	return d, ok
}

// findDate is FindDate tokenizing into toks, which it returns (grown if
// needed) so that a caller with many texts can reuse one buffer.
func findDate(text string, ref time.Time, lang string, toks []dtToken) (Date, bool, []dtToken) {
	text = dtASCIIDigits(text)
	if !dtMayHaveDate(text) {
		return Date{}, false, toks
	}
	p := newDateParser(text, ref, lang, false)
	p.t = dtTokenize(text, toks)
	for i := range p.t {
		t := &p.t[i]
		if t.kind != dtkNum && t.w == 0 && !t.cjk {
			continue
		}
		if !p.startOK(i) {
			continue
		}
		// A match ending in a time has passed readClock's own end check,
		// which allows a range: "10:00-12:00".
		r, end, ok := p.parseAt(i)
		if !ok || !r.hasTime && !p.endOK(end) {
			continue
		}
		if r.weak && !p.isolated(end) {
			continue
		}
		tm, hasTime, ok := p.finish(r)
		if !ok {
			continue
		}
		start := p.weekdayBefore(i)
		d := Date{Time: tm, HasTime: hasTime, Raw: text[p.t[start].start:p.t[end-1].end]}
		if !hasTime {
			d = dtClockBefore(text[:p.t[start].start], d)
		}
		return d, true, p.t
	}
	return Date{}, false, p.t
}

// dtClockBeforeRe matches a time of day that ends right before a date:
// "11:05 PM EST, Wed January 14, 2026" (CNN), "18:40, 12 janvier 2026".
var dtClockBeforeRe = regexp.MustCompile(`(?i)(?:^|[^\d:])(\d{1,2}):(\d{2})(?:\s*([ap])\.?\s?m\.?)?(?:\s+([A-Z]{2,5}))?\s*[,|·–-]?\s*$`)

// dtClockBefore gives d, a day, the clock time written just before it.
func dtClockBefore(prefix string, d Date) Date {
	if !strings.Contains(prefix, ":") {
		return d
	}
	m := dtClockBeforeRe.FindStringSubmatch(prefix)
	if m == nil {
		return d
	}
	h, mi := dtAtoi(m[1]), dtAtoi(m[2])
	switch strings.ToLower(m[3]) {
	case "p":
		if h < 12 {
			h += 12
		}
	case "a":
		if h == 12 {
			h = 0
		}
	}
	if h > 23 || mi > 59 {
		return d
	}
	off := 0
	if m[4] != "" {
		o, ok := dtZoneOffsets[strings.ToUpper(m[4])]
		if !ok {
			return d
		}
		off = o
	}
	d.Time = d.Time.Add(time.Duration(h)*time.Hour + time.Duration(mi)*time.Minute - time.Duration(off)*time.Second)
	d.HasTime = true
	return d
}

// dtASCIIDigits writes Arabic-Indic, Persian and Devanagari digits
// ("١٢ يناير ٢٠٢٦") as ASCII ones. Text without them is returned as it
// is, without allocating.
func dtASCIIDigits(s string) string {
	i := strings.IndexFunc(s, dtOtherDigit)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		if dtOtherDigit(r) {
			r = '0' + dtDigitValue(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

func dtOtherDigit(r rune) bool {
	return r >= 0x660 && r <= 0x669 || r >= 0x6f0 && r <= 0x6f9 || r >= 0x966 && r <= 0x96f
}

func dtDigitValue(r rune) rune {
	switch {
	case r >= 0x660 && r <= 0x669:
		return r - 0x660
	case r >= 0x6f0 && r <= 0x6f9:
		return r - 0x6f0
	}
	return r - 0x966
}

// DateFromURL reads a publication date from a permalink path such as
// /2024/05/12/slug, /world/2019/sep/04/slug or /posts/2019-09-04-slug. A
// path with only year and month (/2024/05/slug) gives no date: the day is
// unknown. Raw is the matched part of rawURL.
func DateFromURL(rawURL string) (Date, bool) {
	path, off := rawURL, 0
	if i := strings.Index(path, "://"); i >= 0 {
		j := strings.IndexByte(path[i+3:], '/')
		if j < 0 {
			return Date{}, false
		}
		off = i + 3 + j
	}
	path = path[off:]
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path = path[:i]
	}
	segs := make([][2]int, 0, 8) // [start, end) of each path segment
	for i := 0; i < len(path); {
		j := strings.IndexByte(path[i:], '/')
		if j < 0 {
			j = len(path) - i
		}
		if j > 0 {
			segs = append(segs, [2]int{i, i + j})
		}
		i += j + 1
	}
	for k, sg := range segs {
		seg := path[sg[0]:sg[1]]
		// /2024/05/12/ or /2019/sep/04/
		if k+2 < len(segs) && len(seg) == 4 && dtAllDigits(seg) {
			y := dtAtoi(seg)
			ms := path[segs[k+1][0]:segs[k+1][1]]
			ds := path[segs[k+2][0]:segs[k+2][1]]
			m := 0
			switch {
			case len(ms) <= 2 && dtAllDigits(ms):
				m = dtAtoi(ms)
			case len(ms) == 3:
				m = dtEnglishMonth(ms)
			}
			if m != 0 && len(ds) <= 2 && dtAllDigits(ds) {
				if t, ok := dtURLDate(y, m, dtAtoi(ds)); ok {
					return Date{Time: t, Raw: rawURL[off+sg[0] : off+segs[k+2][1]]}, true
				}
			}
		}
		// /2019-09-04-slug/ (Jekyll, Hugo)
		if len(seg) >= 10 && dtAllDigits(seg[:4]) && seg[4] == '-' && dtAllDigits(seg[5:7]) &&
			seg[7] == '-' && dtAllDigits(seg[8:10]) && (len(seg) == 10 || !dtIsDigit(seg[10])) {
			if t, ok := dtURLDate(dtAtoi(seg[:4]), dtAtoi(seg[5:7]), dtAtoi(seg[8:10])); ok {
				return Date{Time: t, Raw: rawURL[off+sg[0] : off+sg[0]+10]}, true
			}
		}
	}
	return Date{}, false
}

func dtURLDate(y, m, d int) (time.Time, bool) {
	if y < dtMinYear || y > 2100 || m < 1 || m > 12 || d < 1 || d > dtDaysIn(y, m) {
		return time.Time{}, false
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), true
}

func dtEnglishMonth(s string) int {
	const abbrs = "janfebmaraprmayjunjulaugsepoctnovdec"
	for i := 0; i < 12; i++ {
		if strings.EqualFold(s, abbrs[3*i:3*i+3]) {
			return i + 1
		}
	}
	return 0
}

func dtAllDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !dtIsDigit(s[i]) {
			return false
		}
	}
	return true
}

// dtAtoi converts a short string of ASCII digits; callers check dtAllDigits.
func dtAtoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

func dtIsDigit(c byte) bool { return c >= '0' && c <= '9' }

func dtDaysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// dtMayHaveDate is the quick reject: every absolute date has a digit, and
// relative dates without digits need one of a few keywords.
func dtMayHaveDate(s string) bool {
	for i := 0; i < len(s); i++ {
		if dtIsDigit(s[i]) {
			return true
		}
	}
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case dtIsCJK(r):
			switch r {
			case '昨', '今', '前', '刚', '剛', '어', '오', '방', '전':
				return true
			}
			i += size
		case dtIsLetter(r):
			j := dtWordEnd(s, i+size)
			if w := dtLookup(s[i:j]); w != 0 && dtWords[w].keyword {
				return true
			}
			i = j
		default:
			i += size
		}
	}
	return false
}

// ---- tokens ----

type dtTokKind uint8

const (
	dtkNone  dtTokKind = iota // past either end
	dtkSpace                  // a run of white space
	dtkNum                    // a run of ASCII digits
	dtkWord                   // a run of letters, or one CJK character
	dtkPunct                  // one other character
)

type dtToken struct {
	start int // byte offsets into the text
	end   int
	n     int      // value of a dtkNum of at most 9 digits, else -1
	r     rune     // the character of a dtkPunct or CJK dtkWord
	w     dtWordID // dictionary entry of a non-CJK word, 0 if unknown
	kind  dtTokKind
	cjk   bool
}

func (t *dtToken) digits() int { return t.end - t.start }

var dtNoToken dtToken // returned for indexes out of range; never written

func dtTokenize(s string, toks []dtToken) []dtToken {
	for i := 0; i < len(s); {
		c := s[i]
		if dtIsDigit(c) {
			j, n := i, 0
			for j < len(s) && dtIsDigit(s[j]) {
				n = n*10 + int(s[j]-'0')
				j++
				if j-i > 9 {
					n = -1
					for j < len(s) && dtIsDigit(s[j]) {
						j++
					}
				}
			}
			toks = append(toks, dtToken{kind: dtkNum, start: i, end: j, n: n})
			i = j
			continue
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case dtIsSpace(r):
			j := i + size
			for j < len(s) {
				r2, sz := utf8.DecodeRuneInString(s[j:])
				if !dtIsSpace(r2) {
					break
				}
				j += sz
			}
			toks = append(toks, dtToken{kind: dtkSpace, start: i, end: j})
			i = j
		case dtIsCJK(r):
			toks = append(toks, dtToken{kind: dtkWord, cjk: true, r: r, start: i, end: i + size})
			i += size
		case dtIsLetter(r):
			j := dtWordEnd(s, i+size)
			toks = append(toks, dtToken{kind: dtkWord, r: r, start: i, end: j, w: dtLookup(s[i:j])})
			i = j
		default:
			toks = append(toks, dtToken{kind: dtkPunct, r: r, start: i, end: i + size})
			i += size
		}
	}
	return toks
}

// dtWordEnd returns the end of the run of letters (not CJK) from s[j:].
func dtWordEnd(s string, j int) int {
	for j < len(s) {
		if c := s[j]; c < utf8.RuneSelf { // dtIsLetter, without the call
			if c|0x20 < 'a' || c|0x20 > 'z' {
				break
			}
			j++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[j:])
		if !dtIsLetter(r) || dtIsCJK(r) {
			break
		}
		j += size
	}
	return j
}

func dtIsSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v'
	}
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff'
}

func dtIsLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return r|0x20 >= 'a' && r|0x20 <= 'z'
	}
	switch {
	case r >= 0xc0 && r <= 0x24f: // Latin-1 and Latin Extended
		return r != 0xd7 && r != 0xf7
	case r >= 0x410 && r <= 0x44f: // basic Cyrillic
		return true
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)
}

// dtIsCJK reports Han, kana and Hangul characters. They are tokens of their
// own because these scripts do not separate words with spaces.
func dtIsCJK(r rune) bool {
	switch {
	case r < 0x1100:
		return false
	case r <= 0x11ff: // Hangul Jamo
		return true
	case r >= 0x3040 && r <= 0x30ff: // kana
		return true
	case r >= 0x3400 && r <= 0x4dbf, r >= 0x4e00 && r <= 0x9fff, r >= 0xf900 && r <= 0xfaff: // Han
		return true
	case r >= 0xac00 && r <= 0xd7af: // Hangul syllables
		return true
	}
	return false
}

// ---- dictionary ----

type dtUnit uint8

const (
	unitNone dtUnit = iota
	unitSecond
	unitMinute
	unitHour
	unitDay
	unitWeek
	unitMonth
	unitYear
)

// dtWord is everything the matchers need to know about a word. One word
// may play several roles ("mar" is a month and a weekday, "a" is a number
// and a connector, "h" is an hour unit and a clock suffix).
type dtWord struct {
	pair      string // second word of "just now"-like pairs, folded
	month     int8
	day       int8 // offset of a day keyword: 0 today, -1 yesterday
	ampm      int8 // 1 am, 2 pm
	num       int8 // value of a number word ("a", "einem"); -1 for "few"
	unit      dtUnit
	weakMonth bool // month abbreviation that is also a common word: needs a year
	weekday   bool
	isDay     bool // today/yesterday keyword
	bareUnit  bool // a unit that means "one unit" without a number ("час назад")
	ago       bool // "ago", "назад", "fa"
	agoPrefix bool // "vor", "hace", "il (y a)"
	filler    bool // "yang" in "3 hari yang lalu"
	now       bool // "now" on its own (ParseDate only)
	connector bool // word between date and time: "at", "um", "à", "в"
	hourMark  bool // "Uhr", "h" after a time
	ordinal   bool // "th", "er" after a day number
	yearMark  bool // "г.", "r." after a year
	de        bool // "de" in "4 de septiembre de 2019"
	byWord    bool // "by", "von": a byline goes on after the date
	keyword   bool // may signal a date in text without digits
}

var dtMonthNames = [12]string{
	"january jan janvier janv enero ene gennaio gen janeiro januari januar jänner jaenner stycznia styczeń sty январь января янв січень січня січ leden ledna január januára ocak oca يناير जनवरी",
	"february feb febr février févr fév fevereiro fev febrero febbraio februari februar feber luty lutego lut февраль февраля фев февр лютий лютого лют únor února február februára şubat şub فبراير شباط फ़रवरी फरवरी",
	"march mar mars märz mär mrz marzo março maart mrt marts marzec marca март марта мар березень березня бер březen března marec mart maret مارس آذار मार्च",
	"april apr avril avr abril abr aprile kwiecień kwietnia kwi апрель апреля апр квітень квітня квіт duben dubna apríl apríla nisan nis أبريل إبريل نيسان अप्रैल",
	"may mai mayo maggio mag maio mei maj maja май мая травень травня трав květen května máj mája mayıs مايو أيار मई",
	"june jun juin junio giugno giu junho juni czerwiec czerwca cze июнь июня июн червень червня черв červen června jún júna haziran haz يونيو يونيه حزيران जून",
	"july jul juillet juil julio luglio lug julho juli lipiec lipca lip июль июля июл липень липня лип červenec července júl júla temmuz tem يوليو يوليه تموز जुलाई",
	"august aug août agosto ago augustus agustus agu agt augusti sierpień sierpnia sie август августа авг серпень серпня серп srpen srpna augusta ağustos ağu أغسطس آب अगस्त",
	"september sep sept septembre septiembre setiembre settembre set setembro wrzesień września wrz сентябрь сентября сен сент вересень вересня вер září septembra eylül eyl سبتمبر أيلول सितंबर सितम्बर",
	"october oct octobre octubre ottobre ott outubro out oktober okt październik października paź октябрь октября окт жовтень жовтня жовт říjen října október októbra ekim eki أكتوبر अक्टूबर अक्तूबर",
	"november nov novembre noviembre novembro nopember listopad listopada lis ноябрь ноября ноя нояб листопад листопада лист listopadu kasım kas نوفمبر नवंबर नवम्बर",
	"december dec décembre diciembre dic dicembre dezembro dez dezember desember des grudzień grudnia gru декабрь декабря дек грудень грудня груд prosinec prosince decembra aralık ara ديسمبر दिसंबर दिसम्बर",
}

// dtWeakMonths are abbreviations that are ordinary words somewhere ("set",
// "ago", "des", Polish "sie"); they count as months only next to a year.
const dtWeakMonths = "ene gen oca lut nis mag cze haz lip lug tem ago sie set eyl ott out eki lis kas лист des ara"

const dtWeekdayNames = "monday mon tuesday tue tues wednesday wed thursday thu thur thurs friday fri saturday sat sunday sun " +
	"montag mo dienstag di mittwoch mi donnerstag do freitag fr samstag sonnabend sa sonntag so " +
	"lundi lun mardi mar mercredi mer jeudi jeu vendredi ven samedi sam dimanche dim " +
	"lunes martes miércoles mié jueves jue viernes vie sábado sáb domingo dom " +
	"lunedì martedì mercoledì giovedì gio venerdì sabato sab domenica " +
	"segunda terça quarta quinta sexta feira seg ter qua qui sex " +
	"maandag ma dinsdag woensdag wo donderdag vrijdag vr zaterdag za zondag zo " +
	"poniedziałek wtorek środa czwartek piątek sobota niedziela pon wt śr czw pt sob niedz ndz " +
	"понедельник вторник среда четверг пятница суббота воскресенье пн вт ср чт пт сб вс " +
	"понеділок вівторок середа четвер пʼятниця пятниця субота неділя " +
	"mandag tirsdag onsdag torsdag fredag lørdag søndag måndag tisdag lördag söndag " +
	"pondělí úterý středa čtvrtek pátek neděle pondelok utorok streda štvrtok piatok nedeľa " +
	"senin selasa rabu kamis jumat sabtu minggu " +
	"pazartesi salı çarşamba perşembe cuma cumartesi pazar"

var dtUnitNames = [...]string{
	unitSecond: "second seconds sec secs s sek sekunde sekunden seconde secondes segundo segundos secondo secondi секунда секунду секунды секунд сек секунди seconden sekundy sekund sekundę saniye detik sekunder moment moments 秒 秒钟 秒鐘 초",
	unitMinute: "دقيقة دقائق دقيقتين मिनट minute minutes min mins m minuten minuto minutos minuti минута минуту минуты минут мин хвилина хвилину хвилини хвилин minuut minuta minutę minuty minut minutami minutou dakika menit minutter minuter 分 分钟 分鐘 分間 분",
	unitHour:   "ساعة ساعات ساعتين घंटे घंटा godz hour hours hr hrs h stunde stunden std heure heures hora horas ora ore час часа часов ч година годину години годин uur uren godzina godzinę godziny godzin hodina hodinu hodiny hodin hodinami hodinou saat jam time timer timme timmar 小时 小時 時間 个小时 個小時 시간",
	unitDay:    "يوم أيام يومين दिन day days d tag tage tagen jour jours día días giorno giorni день дня дней дн дні днів dag dagen dagar dage dager dni dzień den dny dní dnů dňami dnem gün hari 天 日 일",
	unitWeek:   "أسبوع أسابيع सप्ताह हफ्ते हफ़्ते week weeks w wk wks woche wochen semaine semaines semana semanas settimana settimane неделя неделю недели недель нед тиждень тижні тижнів weken tydzień tygodnie tygodni týden týdny týdnů týdnem hafta minggu uge uger uke uker vecka veckor 周 週 週間 星期 个星期 주",
	unitMonth:  "شهر أشهر महीने महीना month months mo mos monat monate monaten mois mes meses mese mesi месяц месяца месяцев мес місяць місяці місяців maand maanden miesiąc miesiące miesięcy měsíc měsíce měsíců měsícem mesiac mesiace ay bulan måned måneder månad månader 个月 個月 ヶ月 か月 ケ月 カ月 개월",
	unitYear:   "سنة سنوات साल वर्ष year years y yr yrs jahr jahre jahren an ans año años anno anni год года лет рік роки років jaar jaren rok lata lat roky let lety rokem yıl tahun år 年 년",
}

// dtBareUnits mean "one unit" without a number: Russian "час назад",
// Czech "před hodinou", English "moments ago".
const dtBareUnits = "ساعة دقيقة يوم أسبوع شهر سنة час минуту секунду неделю месяц год день годину хвилину тиждень місяць рік godzinę minutę tydzień miesiąc rok dzień hodinou minutou týdnem měsícem rokem dnem moments"

var dtDayWords = map[string]int8{
	"today": 0, "yesterday": -1, "heute": 0, "gestern": -1, "vorgestern": -2, "aujourd": 0, "hier": -1,
	"hoy": 0, "ayer": -1, "anteayer": -2, "oggi": 0, "ieri": -1, "hoje": 0, "ontem": -1,
	"сегодня": 0, "вчера": -1, "позавчера": -2, "сьогодні": 0, "вчора": -1, "vandaag": 0, "gisteren": -1,
	"eergisteren": -2, "dzisiaj": 0, "dziś": 0, "wczoraj": -1, "przedwczoraj": -2, "bugün": 0, "dün": -1,
	"kemarin": -1, "idag": 0, "igår": -1, "dnes": 0, "včera": -1, "اليوم": 0, "أمس": -1, "आज": 0, "कल": -1,
	"今天": 0, "昨天": -1, "前天": -2, "今日": 0, "昨日": -1, "一昨日": -2, "오늘": 0, "어제": -1,
}

var dtZoneOffsets = map[string]int{
	"UTC": 0, "GMT": 0, "UT": 0, "Z": 0, "WET": 0, "WEST": 3600, "BST": 3600, "IST": 19800,
	"CET": 3600, "CEST": 7200, "MET": 3600, "MEST": 7200, "MEZ": 3600, "MESZ": 7200,
	"EET": 7200, "EEST": 10800, "MSK": 10800, "EST": -18000, "EDT": -14400, "CST": -21600,
	"CDT": -18000, "MST": -25200, "MDT": -21600, "PST": -28800, "PDT": -25200, "AKST": -32400,
	"AKDT": -28800, "HST": -36000, "AST": -14400, "ADT": -10800, "NST": -12600, "NDT": -9000,
	"JST": 32400, "KST": 32400, "HKT": 28800, "SGT": 28800, "PHT": 28800, "WIB": 25200,
	"ICT": 25200, "AEST": 36000, "AEDT": 39600, "ACST": 34200, "ACDT": 37800, "AWST": 28800,
	"NZST": 43200, "NZDT": 46800,
	// US generic zones; the standard offset is right half the year and
	// an hour off the other half, which beats rejecting the date.
	"ET": -18000, "CT": -21600, "MT": -25200, "PT": -28800,
}

// dtWordID indexes dtWords; 0 is no word. Tokens hold ids rather than
// pointers so that token buffers hold no pointers for the garbage
// collector to scan or guard.
type dtWordID uint16

// word returns the dictionary entry of t, nil if none.
func (t *dtToken) word() *dtWord {
	if t.w == 0 {
		return nil
	}
	return &dtWords[t.w]
}

var dtWords, dtDict = dtBuildDict()

func dtBuildDict() ([]dtWord, map[string]dtWordID) {
	words := make([]dtWord, 1, 1200) // words[0] stands for none
	d := make(map[string]dtWordID, 1200)
	add := func(ws string, set func(*dtWord)) {
		for _, w := range strings.Fields(ws) {
			k := dtFoldString(w)
			id, ok := d[k]
			if !ok {
				id = dtWordID(len(words)) // checked at the end
				words = append(words, dtWord{})
				d[k] = id
			}
			set(&words[id])
		}
	}
	for i, names := range dtMonthNames {
		m := int8(i + 1)
		add(names, func(w *dtWord) { w.month = m })
	}
	add(dtWeakMonths, func(w *dtWord) { w.weakMonth = true })
	add(dtWeekdayNames, func(w *dtWord) { w.weekday = true })
	for u, names := range dtUnitNames {
		u := dtUnit(u)
		add(names, func(w *dtWord) { w.unit = u })
	}
	add(dtBareUnits, func(w *dtWord) { w.bareUnit = true })
	for k, v := range dtDayWords {
		add(k, func(w *dtWord) { w.isDay, w.day, w.keyword = true, v, true })
	}
	add("a an one ein eine einem einer einen un une una uno um uma один одна одну een jeden jedna jedno bir satu en ett et",
		func(w *dtWord) { w.num = 1 })
	add("few", func(w *dtWord) { w.num = -1 })
	add("ago назад тому fa geleden temu önce lalu siden sedan 前 전 पहले", func(w *dtWord) { w.ago, w.keyword = true, true })
	add("vor hace há před pred il منذ", func(w *dtWord) { w.agoPrefix, w.keyword = true, true })
	add("yang", func(w *dtWord) { w.filler = true })
	add("now jetzt ahora agora сейчас adesso maintenant nu nyt", func(w *dtWord) { w.now, w.keyword = true, true })
	for first, second := range map[string]string{"just": "now", "gerade": "eben", "только": "что"} {
		add(first, func(w *dtWord) { w.pair, w.keyword = second, true })
	}
	add("刚刚 刚才 剛剛 剛才 방금", func(w *dtWord) { w.pair, w.keyword = "-", true })
	add("at um a à las la alle ore às в во o om kl klo kello pukul saat godz gegen ob u", func(w *dtWord) { w.connector = true })
	add("uhr h hs hrs hod", func(w *dtWord) { w.hourMark = true })
	add("am", func(w *dtWord) { w.ampm = 1 })
	add("pm", func(w *dtWord) { w.ampm = 2 })
	add("st nd rd th er re e eme ème º ª", func(w *dtWord) { w.ordinal = true })
	add("г года р року roku r", func(w *dtWord) { w.yearMark = true })
	add("de del of", func(w *dtWord) { w.de = true })
	add("by von par por door av af od от di", func(w *dtWord) { w.byWord = true })
	if len(words) > 1<<16 {
		panic("dtBuildDict: more words than a dtWordID holds")
	}
	return words, d
}

// dtMaxWordLen bounds the words looked up; longer words are never in dtDict.
const dtMaxWordLen = 40

// dtLookup finds w in dtDict, case- and accent-insensitively, without
// allocating: the folded key is built in a stack buffer.
func dtLookup(w string) dtWordID {
	if len(w) > dtMaxWordLen {
		return 0
	}
	var buf [dtMaxWordLen * 2]byte
	n := 0
	for i := 0; i < len(w); {
		if c := w[i]; c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf[n] = c
			n++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(w[i:])
		i += size
		n += utf8.EncodeRune(buf[n:], dtFold(r))
	}
	// Most words of running text are not in the dictionary; the filters
	// answer that for them without hashing a string into the map.
	if n == 0 || dtShapes[buf[0]]&(1<<min(n, 63)) == 0 || !dtBloomHas(&dtFilter, buf[:n]) {
		return 0
	}
	return dtDict[string(buf[:n])]
}

// dtShapes has bit n of entry b set when a dictionary key starts with byte
// b and is n bytes long (63 for longer keys): a first filter for dtLookup,
// cheaper than the Bloom filter's hash.
var dtShapes = func() (t [256]uint64) {
	for k := range dtDict {
		t[k[0]] |= 1 << min(len(k), 63)
	}
	return t
}()

// dtBloom is a small Bloom filter over the dictionary keys.
type dtBloom [256]uint64

var dtFilter = func() (f dtBloom) {
	for k := range dtDict {
		f.add([]byte(k))
	}
	return f
}()

func dtBloomHash[T string | []byte](b T) uint64 {
	h := uint64(14695981039346656037) // FNV-1a
	for i := 0; i < len(b); i++ {
		h = (h ^ uint64(b[i])) * 1099511628211
	}
	return h
}

func (f *dtBloom) add(b []byte) {
	h := dtBloomHash(b)
	for _, x := range [2]uint64{h, h >> 32} {
		x &= 1<<14 - 1
		f[x>>6] |= 1 << (x & 63)
	}
}

func dtBloomHas[T string | []byte](f *dtBloom, b T) bool {
	h := dtBloomHash(b)
	for _, x := range [2]uint64{h, h >> 32} {
		x &= 1<<14 - 1
		if f[x>>6]&(1<<(x&63)) == 0 {
			return false
		}
	}
	return true
}

// dtFoldEq reports whether s folds to folded, without allocating.
func dtFoldEq(s, folded string) bool {
	j := 0
	for _, r := range s {
		r = dtFold(r)
		if j >= len(folded) {
			return false
		}
		f, size := utf8.DecodeRuneInString(folded[j:])
		if f != r {
			return false
		}
		j += size
	}
	return j == len(folded)
}

func dtFoldString(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(dtFold(r))
	}
	return b.String()
}

// dtFold lower-cases r and strips Latin diacritics, so that "März", "Marz",
// "MÄRZ", "août" and "aout" all find the same entry.
func dtFold(r rune) rune {
	if r < utf8.RuneSelf {
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	switch {
	case r >= 0x430 && r <= 0x44f: // lower-case Cyrillic: the common case
		return r
	case r >= 0x410 && r <= 0x42f:
		return r + 0x20
	case r >= 0xc0 && r <= 0xde && r != 0xd7: // upper-case Latin-1
		r += 0x20
	default:
		r = unicode.ToLower(r)
	}
	if int(r) < len(dtLatinFold) && dtLatinFold[r] != 0 {
		return rune(dtLatinFold[r])
	}
	if r == 'ё' {
		return 'е'
	}
	return r
}

var dtLatinFold = func() (t [0x250]byte) {
	const pairs = "àa áa âa ãa äa åa āa ăa ąa çc ćc čc ďd đd èe ée êe ëe ēe ėe ęe ěe ìi íi îi ïi īi įi ıi " +
		"ľl ĺl łl ñn ńn ňn òo óo ôo õo öo øo ōo őo ŕr řr śs šs şs ťt ţt ùu úu ûu üu ūu ůu űu ýy ÿy źz żz žz ğg"
	for _, p := range strings.Fields(pairs) {
		r, size := utf8.DecodeRuneInString(p)
		t[r] = p[size]
	}
	return t
}()

// ---- matching ----

type dtParser struct {
	s        string
	t        []dtToken
	ref      time.Time
	refSet   bool
	strict   bool // ParseDate: the whole string is the date
	us       bool // ambiguous numeric dates are month first
	hierOK   bool // "hier" alone means yesterday (French), not "here" (German, Dutch)
	maxYear  int
	refYear  int
	refMonth time.Month
	refDay   int
	last     int // cache of lastWordOrNum
	lastSet  bool
}

func newDateParser(s string, ref time.Time, lang string, strict bool) dtParser {
	p := dtParser{s: s, ref: ref, refSet: !ref.IsZero(), strict: strict, maxYear: 2100}
	p.us = strings.EqualFold(lang, "en") || dtLangIs(lang, "en-us") || dtLangIs(lang, "en_us")
	if strict {
		p.hierOK = !dtLangIs(lang, "de") && !dtLangIs(lang, "nl")
	} else {
		p.hierOK = dtLangIs(lang, "fr")
	}
	if p.refSet {
		p.maxYear = ref.Year() + 1
		p.refYear, p.refMonth, p.refDay = ref.Date()
	}
	return p
}

// dtLangIs reports whether lang is prefix or a subtag of it ("de",
// "de-AT"), case-insensitively.
func dtLangIs(lang, prefix string) bool {
	return len(lang) >= len(prefix) && strings.EqualFold(lang[:len(prefix)], prefix) &&
		(len(lang) == len(prefix) || lang[len(prefix)] == '-' || lang[len(prefix)] == '_')
}

// dtMatch is a matched date before validation.
type dtMatch struct {
	abs            int64 // Unix seconds of relative results below a day ("3 hours ago")
	y, m, d        int
	hh, mi, ss, ns int
	off            int // zone offset, seconds east of UTC
	hasTime        bool
	hasZone        bool
	yearless       bool
	isAbs          bool
	weak           bool // prose-prone: see isolated
}

type dtClock struct {
	h, m, s, ns int
	off         int
	hasZone     bool
}

// setClock attaches a time; a date with a time is no longer weak.
func (r *dtMatch) setClock(c dtClock) {
	r.hh, r.mi, r.ss, r.ns = c.h, c.m, c.s, c.ns
	r.off, r.hasZone, r.hasTime = c.off, c.hasZone, true
	r.weak = false
}

func (p *dtParser) at(i int) *dtToken {
	if i < 0 || i >= len(p.t) {
		return &dtNoToken
	}
	return &p.t[i]
}

func (p *dtParser) text(i int) string {
	t := p.at(i)
	return p.s[t.start:t.end]
}

// sp skips one run of spaces (runs are single tokens).
func (p *dtParser) sp(i int) int {
	if p.at(i).kind == dtkSpace {
		return i + 1
	}
	return i
}

// lastWordOrNum is the index of the last token that is not space or
// punctuation, -1 if none; what follows it is noise.
func (p *dtParser) lastWordOrNum() int {
	if !p.lastSet {
		p.last, p.lastSet = -1, true
		for i := len(p.t) - 1; i >= 0; i-- {
			if k := p.t[i].kind; k == dtkNum || k == dtkWord {
				p.last = i
				break
			}
		}
	}
	return p.last
}

func (p *dtParser) skipNoise(i int) int {
	for i < len(p.t) && (p.t[i].kind == dtkSpace || p.t[i].kind == dtkPunct) {
		i++
	}
	return i
}

func (p *dtParser) isP(i int, r rune) bool {
	t := p.at(i)
	return t.kind == dtkPunct && t.r == r
}

func (p *dtParser) punctIn(i int, set string) bool {
	t := p.at(i)
	return t.kind == dtkPunct && strings.ContainsRune(set, t.r)
}

// numD reports whether token i is a number of min..max digits.
func (p *dtParser) numD(i, min, max int) bool {
	t := p.at(i)
	return t.kind == dtkNum && t.digits() >= min && t.digits() <= max
}

func (p *dtParser) isCJKRune(i int, runes string) bool {
	t := p.at(i)
	return t.cjk && strings.ContainsRune(runes, t.r)
}

func (p *dtParser) word(i int) *dtWord { return p.at(i).word() }

// cjkWord finds the longest dictionary entry made of up to three CJK
// characters starting at i.
func (p *dtParser) cjkWord(i int) (*dtWord, int) {
	for n := 3; n >= 1; n-- {
		last := i + n - 1
		ok := true
		for k := i; k <= last; k++ {
			if !p.at(k).cjk {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		key := p.s[p.t[i].start:p.t[last].end]
		if !dtBloomHas(&dtFilter, key) {
			continue
		}
		if w := dtDict[key]; w != 0 {
			return &dtWords[w], last + 1
		}
	}
	return nil, i
}

// startOK rejects matches that begin inside a longer number or word:
// "v1.2.2019", "192.168.10.2019", "A4".
func (p *dtParser) startOK(i int) bool {
	if i == 0 || p.t[i].kind != dtkNum {
		return true
	}
	prev := &p.t[i-1]
	switch prev.kind {
	case dtkWord:
		// "v1.2.3", "rc1", "No12" are not dates, but text joined from
		// adjacent elements may glue a longer word to a date: "Sochi04.12.2015".
		return prev.cjk || prev.r >= utf8.RuneSelf || prev.end-prev.start > 3
	case dtkPunct:
		if strings.ContainsRune("$€£¥#№", prev.r) {
			return false
		}
		if strings.ContainsRune(".,:/-+_", prev.r) && p.at(i-2).kind == dtkNum {
			return false
		}
	}
	return true
}

// endOK rejects matches followed by more of the same number: "1.2.2019.5",
// "12/03/2015/4". A glued word is fine: text joined from adjacent elements
// often reads "09.12/19:52Финансы".
func (p *dtParser) endOK(end int) bool {
	next := p.at(end)
	switch next.kind {
	case dtkNum:
		return false
	case dtkPunct:
		return !(strings.ContainsRune(".:/-,", next.r) && p.at(end+1).kind == dtkNum)
	}
	return true
}

// isolated reports whether a weak match ending at token end stands on its
// own rather than inside a sentence. Weak matches are bare day words
// ("today"), year-less dates without a time ("8. Mai") and relative dates in
// months or years; in running text they are mostly prose: "Today, we're
// rolling out", "am 8. Mai einen Passanten", "a little over a year ago,
// TorrentSpy was". They count when the text ends after them, or a separator
// or a byline word ("by", "von") follows.
func (p *dtParser) isolated(end int) bool {
	k := p.sp(end)
	t := p.at(k)
	switch t.kind {
	case dtkNone:
		return true
	case dtkPunct:
		if strings.ContainsRune("|•·–—-/()[]{}", t.r) {
			return true
		}
		return strings.ContainsRune(".!", t.r) && k > p.lastWordOrNum()
	case dtkWord:
		return t.word() != nil && t.word().byWord
	}
	return false
}

// weekdayBefore extends a match back over a weekday name ("Tue 14 Oct",
// "Wednesday, September 4").
func (p *dtParser) weekdayBefore(i int) int {
	j := i - 1
	if p.at(j).kind == dtkSpace {
		j--
	}
	if p.punctIn(j, ",.") {
		j--
	}
	if w := p.word(j); w != nil && w.weekday && len(p.text(j)) >= 3 {
		return j
	}
	return i
}

// parseAt tries every matcher that can start at token i; the first that
// matches wins. The order matters only where two could match the same
// start, e.g. a time followed by a date.
func (p *dtParser) parseAt(i int) (dtMatch, int, bool) {
	t := &p.t[i]
	switch {
	case t.kind == dtkNum:
		if r, e, ok := p.numericDate(i); ok {
			return r, e, true
		}
		if r, e, ok := p.cjkDate(i); ok {
			return r, e, true
		}
		if r, e, ok := p.dayMonthDate(i); ok {
			return r, e, true
		}
		if r, e, ok := p.relativeNum(i); ok {
			return r, e, true
		}
		return p.timeThenDate(i)
	case t.cjk:
		return p.relativeCJK(i)
	case t.word() != nil:
		if t.word().month != 0 {
			if r, e, ok := p.monthDayDate(i); ok {
				return r, e, true
			}
		}
		return p.relativeWord(i)
	}
	return dtMatch{}, 0, false
}

// numericDate matches yyyy-mm-dd, yyyy/m/d, yyyy.mm.dd (with ISO time and
// zone), dd.mm.yyyy, dd/mm/yyyy or mm/dd/yyyy, dd-mm-yyyy, compact ISO
// 20190904T100000Z, and the year-less "03-14 14:23" and "09.12/19:52".
func (p *dtParser) numericDate(i int) (dtMatch, int, bool) {
	var r dtMatch
	a := &p.t[i]
	ad := a.digits()
	if ad == 8 {
		return p.compactISO(i)
	}
	if !p.punctIn(i+1, "-/.") || !p.numD(i+2, 1, 2) {
		return r, 0, false
	}
	sep := p.t[i+1].r
	b := &p.t[i+2]
	if !p.isP(i+3, sep) || p.at(i+4).kind != dtkNum {
		return p.shortNumeric(i)
	}
	c := &p.t[i+4]
	switch {
	case ad == 4:
		if c.digits() > 2 || sep == '.' && (b.digits() != 2 || c.digits() != 2) {
			return r, 0, false
		}
		r.y, r.m, r.d = a.n, b.n, c.n
	case ad <= 2:
		switch {
		case c.digits() == 4:
			r.y = c.n
		case c.digits() == 2 && p.strict && sep == '/':
			r.y = 2000 + c.n
			if c.n >= 70 {
				r.y = 1900 + c.n
			}
		default:
			return r, 0, false
		}
		d, m, ok := p.dayMonth(a.n, b.n, sep)
		if !ok {
			return r, 0, false
		}
		r.d, r.m = d, m
	default:
		return r, 0, false
	}
	end := i + 5
	if ad <= 2 {
		end = p.yearMark(end) // "04.12.2015 г."
	}
	if ad == 4 && sep == '-' {
		if t := p.at(end); t.kind == dtkWord && (p.text(end) == "T" || p.text(end) == "t") {
			c, e, ok := p.readClock(end+1, true)
			if !ok {
				return r, 0, false
			}
			r.setClock(c)
			return r, e, true
		}
	}
	return p.withTime(r, end)
}

// dayMonth orders the two leading numbers of a numeric date. A number over
// 12 can only be the day; otherwise dots mean day first (German, Russian),
// and slashes and dashes follow the page language.
func (p *dtParser) dayMonth(a, b int, sep rune) (day, month int, ok bool) {
	switch {
	case a == 0 || b == 0 || a > 12 && b > 12:
		return 0, 0, false
	case a > 12:
		return a, b, true
	case b > 12:
		return b, a, true
	case sep != '.' && p.us:
		return b, a, true
	}
	return a, b, true
}

// shortNumeric matches year-less numeric dates, which are only safe with a
// time attached: "03-14 14:23" (Chinese news, month first) and "09.12/19:52"
// or "09.12. 19:52" (day first).
func (p *dtParser) shortNumeric(i int) (dtMatch, int, bool) {
	var r dtMatch
	sep := p.t[i+1].r
	if p.t[i].digits() != 2 || p.t[i+2].digits() != 2 || sep == '/' {
		return r, 0, false
	}
	j := i + 3
	if sep == '.' && p.isP(j, '.') {
		j++
	}
	switch {
	case p.isP(j, '/'), p.at(j).kind == dtkSpace:
		j++
	default:
		return r, 0, false
	}
	if !p.isP(j+1, ':') {
		return r, 0, false
	}
	c, e, ok := p.readClock(j, false)
	if !ok {
		return r, 0, false
	}
	a, b := p.t[i].n, p.t[i+2].n
	if sep == '-' {
		r.m, r.d = a, b
	} else {
		r.d, r.m = a, b
	}
	r.yearless = true
	r.setClock(c)
	return r, e, true
}

// compactISO matches 20190904T100000Z: eight digits alone are too often
// an ID or a phone number, so the T and the time are required.
func (p *dtParser) compactISO(i int) (dtMatch, int, bool) {
	var r dtMatch
	t := p.at(i + 1)
	if t.kind != dtkWord || (p.text(i+1) != "T" && p.text(i+1) != "t") || !p.numD(i+2, 4, 6) || p.t[i+2].digits() == 5 {
		return r, 0, false
	}
	n := p.t[i].n
	r.y, r.m, r.d = n/10000, n/100%100, n%100
	hm := p.t[i+2].n
	if p.t[i+2].digits() == 6 {
		r.ss = hm % 100
		hm /= 100
	}
	r.hh, r.mi, r.hasTime = hm/100, hm%100, true
	if r.hh > 23 || r.mi > 59 || r.ss > 60 {
		return r, 0, false
	}
	end := i + 3
	if off, e, ok := p.zone(end, true); ok {
		r.off, r.hasZone, end = off, true, e
	}
	return r, end, true
}

// cjkDate matches 2016年3月14日, 2016 年 03 月 14 日 14:23, 2016년 3월 14일
// and the year-less 3月14日, with an optional weekday after it: (月), 星期三,
// 水曜日.
func (p *dtParser) cjkDate(i int) (dtMatch, int, bool) {
	var r dtMatch
	a := &p.t[i]
	j := p.sp(i + 1)
	switch {
	case a.digits() == 4 && p.isCJKRune(j, "年년"):
		r.y = a.n
		j = p.sp(j + 1)
		if !p.numD(j, 1, 2) {
			return r, 0, false
		}
		r.m = p.t[j].n
		j = p.sp(j + 1)
	case a.digits() <= 2:
		r.m, r.yearless = a.n, true
	default:
		return r, 0, false
	}
	if !p.isCJKRune(j, "月월") {
		return r, 0, false
	}
	j = p.sp(j + 1)
	if !p.numD(j, 1, 2) {
		return r, 0, false
	}
	r.d = p.t[j].n
	j = p.sp(j + 1)
	if !p.isCJKRune(j, "日号號일") {
		return r, 0, false
	}
	end := j + 1
	// weekday in brackets
	k := p.sp(end)
	if p.punctIn(k, "(（") {
		n := k + 1
		for n < k+4 && p.at(n).cjk {
			n++
		}
		if n > k+1 && p.punctIn(n, ")）") {
			end = n + 1
		}
	} else if e := p.cjkWeekday(k); e > k {
		end = e
	}
	r.weak = r.yearless // until a time follows
	return p.withTime(r, end)
}

// cjkWeekday skips 星期三, 周三, 水曜日 or 수요일 at i.
func (p *dtParser) cjkWeekday(i int) int {
	const days = "一二三四五六日天月火水木金土월화수목금토일"
	switch {
	case p.isCJKRune(i, "星") && p.isCJKRune(i+1, "期") && p.isCJKRune(i+2, days):
		return i + 3
	case p.isCJKRune(i, "周週") && p.isCJKRune(i+1, days):
		return i + 2
	case p.isCJKRune(i, days) && p.isCJKRune(i+1, "曜") && p.isCJKRune(i+2, "日"):
		return i + 3
	case p.isCJKRune(i, days) && p.isCJKRune(i+1, "요") && p.isCJKRune(i+2, "일"):
		return i + 3
	}
	return i
}

// dayMonthDate matches day-first dates with a month name: "4 September
// 2019", "4. September 2019", "1er septembre 2019", "29 de septiembre de
// 2012", "4 сентября 2019 г.", "04-Sep-2019", RFC 1123 "04 Sep 2019
// 10:00:00 GMT", RFC 822 "04 Sep 19 10:00 +0000" and, with a reference time,
// the year-less "4. September".
func (p *dtParser) dayMonthDate(i int) (dtMatch, int, bool) {
	var r dtMatch
	a := &p.t[i]
	if a.digits() > 2 || a.n < 1 || a.n > 31 {
		return r, 0, false
	}
	j := i + 1
	if w := p.word(j); w != nil && w.ordinal {
		j++
	}
	if p.isP(j, '.') {
		j++
	}
	k := p.sp(j)
	if p.punctIn(k, "-/") {
		k = p.sp(k + 1)
	}
	if k == i+1 {
		return r, 0, false
	}
	if w := p.word(k); w != nil && w.de {
		k = p.sp(k + 1)
	}
	mw := p.word(k)
	if mw == nil || mw.month == 0 {
		return r, 0, false
	}
	r.d, r.m = a.n, int(mw.month)
	monthEnd := k + 1
	if p.isP(monthEnd, '.') {
		monthEnd++
	}
	y := p.sp(monthEnd)
	if p.punctIn(y, ",-/") {
		y = p.sp(y + 1)
	}
	if w := p.word(y); w != nil && w.de {
		y = p.sp(y + 1)
	}
	if yt := p.at(y); yt.kind == dtkNum {
		switch yt.digits() {
		case 4:
			r.y = yt.n
			return p.withTime(r, p.yearMark(y+1))
		case 2:
			if c, e, ok := p.timeAfter(y + 1); ok {
				r.y = 2000 + yt.n
				if yt.n >= 70 {
					r.y = 1900 + yt.n
				}
				r.setClock(c)
				return r, e, true
			}
		}
	}
	return p.yearless(r, mw, monthEnd)
}

// monthDayDate matches month-first dates: "September 4, 2019", "Sep 4
// 2019", "Sept. 4th, 2019", "septiembre 4 de 2019", asctime "Sep  4
// 10:00:00 2019" and, with a reference time, the year-less "Sep 4".
func (p *dtParser) monthDayDate(i int) (dtMatch, int, bool) {
	var r dtMatch
	mw := p.t[i].word()
	j := i + 1
	if p.isP(j, '.') {
		j++
	}
	k := p.sp(j)
	if p.punctIn(k, "-/") {
		k = p.sp(k + 1)
	}
	if k == i+1 || !p.numD(k, 1, 2) {
		return r, 0, false
	}
	r.m, r.d = int(mw.month), p.t[k].n
	if r.d < 1 || r.d > 31 {
		return r, 0, false
	}
	dayEnd := k + 1
	if w := p.word(dayEnd); w != nil && w.ordinal {
		dayEnd++
	}
	y := p.sp(dayEnd)
	if p.punctIn(y, ",-/") {
		y = p.sp(y + 1)
	}
	if w := p.word(y); w != nil && w.de {
		y = p.sp(y + 1)
	}
	if y > dayEnd && p.numD(y, 4, 4) {
		r.y = p.t[y].n
		return p.withTime(r, p.yearMark(y+1))
	}
	// asctime puts the time between day and year.
	if c, e, ok := p.timeAfter(dayEnd); ok {
		if y := p.sp(e); y > e && p.numD(y, 4, 4) {
			r.y = p.t[y].n
			r.setClock(c)
			return r, y + 1, true
		}
	}
	return p.yearless(r, mw, dayEnd)
}

// yearless finishes a month-name date without a year. It needs a
// reference time, a month name that is not an ordinary word, and nothing
// number-like after it ("4 Sep 19" is not "4 Sep" followed by junk).
func (p *dtParser) yearless(r dtMatch, mw *dtWord, end int) (dtMatch, int, bool) {
	if mw.weakMonth || !p.refSet {
		return r, 0, false
	}
	r.yearless = true
	if c, e, ok := p.timeAfter(end); ok {
		r.setClock(c)
		return r, e, true
	}
	n := p.sp(end)
	if t := p.at(n); t.kind == dtkNum || t.word() != nil && t.word().month != 0 {
		return r, 0, false
	}
	r.weak = true
	return r, end, true
}

// yearMark skips "г.", "года", "r." after a year.
func (p *dtParser) yearMark(i int) int {
	k := p.sp(i)
	if w := p.word(k); w != nil && w.yearMark {
		k++
		if p.isP(k, '.') {
			k++
		}
		return k
	}
	return i
}

// withTime attaches a time that follows a date, if any.
func (p *dtParser) withTime(r dtMatch, end int) (dtMatch, int, bool) {
	if c, e, ok := p.timeAfter(end); ok {
		r.setClock(c)
		return r, e, true
	}
	return r, end, true
}

// timeAfter reads the time after a date: "14:23", ", 10:00 am", " at
// 09:18", " um 9.18 Uhr", " à 14h23", " г. в 14:23", " - 14:23", "/19:52".
func (p *dtParser) timeAfter(i int) (dtClock, int, bool) {
	j := p.sp(i)
	if p.punctIn(j, ",-–—|/·•@") {
		j = p.sp(j + 1)
	}
	introduced := false
	for n := 0; n < 2; n++ {
		w := p.word(j)
		if w == nil || !w.connector {
			break
		}
		j++
		if p.isP(j, '.') {
			j++
		}
		j = p.sp(j)
		introduced = true
	}
	return p.readClock(j, introduced)
}

// readClock reads a time of day with optional seconds, fraction, am/pm, "Uhr"
// and zone. introduced says a word like "at" or "kl." came first, which
// makes "9.18" acceptable; otherwise a dotted time needs "Uhr" or "h".
func (p *dtParser) readClock(i int, introduced bool) (dtClock, int, bool) {
	var c dtClock
	if !p.numD(i, 1, 2) {
		return c, 0, false
	}
	c.h = p.t[i].n
	j := i + 1
	minutes, dot, marked := false, false, false
	// After "T" or with seconds it is a machine time, where "-07:00" is
	// a zone; otherwise "10:00-12:00" is more likely a range.
	iso := i > 0 && p.t[i-1].kind == dtkWord && strings.EqualFold(p.text(i-1), "t")
	switch {
	case p.isP(j, ':') && p.numD(j+1, 2, 2):
		c.m, j, minutes = p.t[j+1].n, j+2, true
		if p.isP(j, ':') && p.numD(j+1, 2, 2) {
			c.s, j, iso = p.t[j+1].n, j+2, true
			if p.punctIn(j, ".,") && p.numD(j+1, 1, 9) {
				c.ns = dtFraction(p.text(j + 1))
				j += 2
			}
		}
	case p.isP(j, '.') && p.numD(j+1, 2, 2):
		c.m, j, minutes, dot = p.t[j+1].n, j+2, true, true
	case p.at(j).kind == dtkWord && !p.at(j).cjk && strings.EqualFold(p.text(j), "h"):
		// French "14h23", "14h"
		j++
		if p.numD(j, 2, 2) {
			c.m = p.t[j].n
			j++
		}
		minutes, marked = true, true
	case p.isCJKRune(j, "時时点點시") && !p.isCJKRune(j+1, "間间간"):
		j++
		k := p.sp(j)
		if p.numD(k, 1, 2) && p.isCJKRune(k+1, "分분") {
			c.m, j = p.t[k].n, k+2
			if k := p.sp(j); p.numD(k, 1, 2) && p.isCJKRune(k+1, "秒초") {
				c.s, j = p.t[k].n, k+2
			}
		}
		minutes, marked = true, true
	}
	if ap, e := p.ampm(p.sp(j)); ap != 0 && c.h >= 1 && c.h <= 12 {
		c.h %= 12
		if ap == 2 {
			c.h += 12
		}
		j, marked = e, true
	}
	if k := p.sp(j); k < len(p.t) {
		if w := p.word(k); w != nil && w.hourMark {
			j, marked = k+1, true
			if p.isP(j, '.') && p.at(j+1).kind != dtkNum {
				j++
			}
		}
	}
	if !minutes && !marked || dot && !marked && !introduced {
		return c, 0, false
	}
	if c.h > 23 || c.m > 59 || c.s > 60 {
		return c, 0, false
	}
	if off, e, ok := p.zone(j, iso); ok {
		c.off, c.hasZone, j = off, true, e
	}
	// The time must end here: "10:00:00:00" is something else.
	switch next := p.at(j); next.kind {
	case dtkNum:
		return c, 0, false
	case dtkPunct:
		if strings.ContainsRune(":.,", next.r) && p.at(j+1).kind == dtkNum {
			return c, 0, false
		}
	}
	return c, j, true
}

// dtFraction converts the digits after a decimal point to nanoseconds.
func dtFraction(digits string) int {
	ns := 0
	for i := 0; i < 9; i++ {
		ns *= 10
		if i < len(digits) {
			ns += int(digits[i] - '0')
		}
	}
	return ns
}

// ampm reads "am", "PM", "a.m.", "p. m." at token i.
func (p *dtParser) ampm(i int) (int8, int) {
	t := p.at(i)
	if t.kind != dtkWord || t.cjk {
		return 0, i
	}
	if t.word() != nil && t.word().ampm != 0 {
		return t.word().ampm, i + 1
	}
	var ap int8
	switch p.text(i) {
	case "a", "A":
		ap = 1
	case "p", "P":
		ap = 2
	default:
		return 0, i
	}
	j := i + 1
	if !p.isP(j, '.') {
		return 0, i
	}
	j = p.sp(j + 1)
	if m := p.text(j); m != "m" && m != "M" {
		return 0, i
	}
	j++
	if p.isP(j, '.') {
		j++
	}
	return ap, j
}

// zone reads a zone after a time: "Z", "+02:00", "+0200", "-07",
// " +0200", " GMT", " CEST", " GMT+2", " UTC+02:00". Abbreviations must be
// upper case, so that German "ist" is not India Standard Time. Unless iso,
// "-hh" and "-hh:mm" are left alone: "10:00-12:00" is a range.
func (p *dtParser) zone(j int, iso bool) (int, int, bool) {
	off, e, ok := 0, j, false
	if t := p.at(j); t.kind == dtkWord && (p.text(j) == "Z" || p.text(j) == "z") {
		e, ok = j+1, true
	} else {
		k := p.sp(j)
		if off, e, ok = p.offset(k, k > j || !iso, false); !ok {
			off, e, ok = p.zoneName(k)
		}
		if !ok {
			off, e = 0, j
		}
	}
	// A zone ID after an offset, as Java and RFC 9557 write it:
	// "+02:00[Europe/Berlin]". The offset already says everything.
	if ok && p.isP(e, '[') {
		for k := e + 1; k < e+12 && k < len(p.t) && p.t[k].kind != dtkSpace; k++ {
			if p.isP(k, ']') {
				return off, k + 1, true
			}
		}
	}
	// A name in brackets: the RFC 2822 comment in "+0000 (UTC)", or the
	// only zone in "10:00 (CET)".
	if k := p.sp(e); p.isP(k, '(') {
		if o2, e2, ok2 := p.zoneName(p.sp(k + 1)); ok2 && p.isP(p.sp(e2), ')') {
			if !ok {
				off = o2
			}
			return off, p.sp(e2) + 1, true
		}
	}
	return off, e, ok
}

// zoneName reads an abbreviation, maybe with an offset: "CEST", "GMT+2".
func (p *dtParser) zoneName(k int) (int, int, bool) {
	t := p.at(k)
	if t.kind != dtkWord || t.cjk || t.end-t.start > 4 {
		return 0, k, false
	}
	off, ok := dtZoneOffsets[p.text(k)]
	if !ok {
		return 0, k, false
	}
	e := k + 1
	if o2, e2, ok := p.offset(e, false, true); ok {
		off, e = off+o2, e2
	}
	return off, e, true
}

// offset reads +hh:mm, +hhmm or +hh at i. When rangeRisk (after a space,
// or after a plain clock time) "-hh" and "-hh:mm" do not count: " - 12" and
// "10:00-12:00" are ranges. After GMT one digit does.
func (p *dtParser) offset(i int, rangeRisk, short bool) (int, int, bool) {
	t := p.at(i)
	if t.kind != dtkPunct || (t.r != '+' && t.r != '-' && t.r != '−') || p.at(i+1).kind != dtkNum {
		return 0, i, false
	}
	sign := 1
	if t.r != '+' {
		sign = -1
	}
	n := &p.t[i+1]
	h, m, e := 0, 0, i+2
	switch {
	case n.digits() == 4:
		h, m = n.n/100, n.n%100
	case n.digits() == 2 || n.digits() == 1 && short:
		if rangeRisk && t.r != '+' {
			return 0, i, false
		}
		h = n.n
		if p.isP(e, ':') && p.numD(e+1, 2, 2) {
			m, e = p.t[e+1].n, e+2
		}
	default:
		return 0, i, false
	}
	if h > 14 || m > 59 {
		return 0, i, false
	}
	return sign * (h*3600 + m*60), e, true
}

// timeThenDate matches a time before its date: "14:23, 04.12.2015",
// "12:27PM January 11, 2010".
func (p *dtParser) timeThenDate(i int) (dtMatch, int, bool) {
	c, j, ok := p.readClock(i, false)
	if !ok {
		return dtMatch{}, 0, false
	}
	k := p.sp(j)
	if p.punctIn(k, ",-–—|/·•") {
		k = p.sp(k + 1)
	}
	if k == j {
		return dtMatch{}, 0, false
	}
	var r dtMatch
	var e int
	switch t := p.at(k); {
	case t.kind == dtkNum:
		r, e, ok = p.numericDate(k)
		if !ok {
			r, e, ok = p.cjkDate(k)
		}
		if !ok {
			r, e, ok = p.dayMonthDate(k)
		}
	case t.word() != nil && t.word().month != 0:
		r, e, ok = p.monthDayDate(k)
	}
	if !ok || r.isAbs {
		return dtMatch{}, 0, false
	}
	if !r.hasTime {
		r.setClock(c)
	}
	return r, e, true
}

// ---- relative dates ----

// relativeNum matches "3 hours ago", "1h ago", "3 giorni fa", "5 минут
// назад", "3 hari yang lalu", "30分钟前", "3일 전".
func (p *dtParser) relativeNum(i int) (dtMatch, int, bool) {
	if !p.refSet || p.t[i].digits() > 4 {
		return dtMatch{}, 0, false
	}
	u, j := p.unitAt(p.sp(i + 1))
	if u == unitNone {
		return dtMatch{}, 0, false
	}
	e, ok := p.agoSuffix(j)
	if !ok {
		return dtMatch{}, 0, false
	}
	return p.rel(p.t[i].n, u, e)
}

// unitAt reads a time unit word (or CJK unit) at i.
func (p *dtParser) unitAt(i int) (dtUnit, int) {
	t := p.at(i)
	switch {
	case t.cjk:
		if w, e := p.cjkWord(i); w != nil && w.unit != unitNone {
			return w.unit, e
		}
	case t.word() != nil && t.word().unit != unitNone:
		// An abbreviated unit may end with a period: "2 godz. temu".
		if p.isP(i+1, '.') {
			return t.word().unit, i + 2
		}
		return t.word().unit, i + 1
	}
	return unitNone, i
}

func (p *dtParser) agoSuffix(i int) (int, bool) {
	k := p.sp(i)
	if w := p.word(k); w != nil && w.filler {
		k = p.sp(k + 1)
	}
	t := p.at(k)
	if t.cjk {
		if w, e := p.cjkWord(k); w != nil && w.ago {
			return e, true
		}
		return 0, false
	}
	if t.word() != nil && t.word().ago {
		return k + 1, true
	}
	return 0, false
}

// count reads a number or a number word ("a", "einem", "une", "un'"). A
// number word counts as -1 ("a few", "a moment": now) before seconds.
func (p *dtParser) count(i int) (int, int, bool) {
	t := p.at(i)
	if t.kind == dtkNum && t.digits() <= 4 {
		return t.n, i + 1, true
	}
	if t.word() == nil || t.word().num == 0 {
		return 0, i, false
	}
	n, j := int(t.word().num), i+1
	if u, _ := p.unitAt(p.sp(j)); u == unitSecond {
		n = -1
	}
	if p.punctIn(j, "'’") {
		return n, j + 1, true // Italian "un'ora"
	}
	if k := p.sp(j); n == 1 && p.word(k) != nil && p.word(k).num == -1 {
		n, j = -1, k+1 // "a few"
	}
	return n, p.sp(j), true
}

// relativeWord matches relative dates that start with a word: "an hour
// ago", "vor 3 Stunden", "il y a 2 jours", "hace una hora", "há 3 dias",
// "un'ora fa", "час назад", "yesterday 14:30", "gestern, 14:30", "just now".
func (p *dtParser) relativeWord(i int) (dtMatch, int, bool) {
	w := p.t[i].word()
	if !p.refSet {
		return dtMatch{}, 0, false
	}
	if w.isDay {
		return p.dayWord(i, w.day)
	}
	if w.agoPrefix {
		if r, e, ok := p.prefixed(i); ok {
			return r, e, true
		}
	}
	if w.num != 0 {
		if n, j, ok := p.count(i); ok {
			if u, j := p.unitAt(j); u != unitNone {
				if e, ok := p.agoSuffix(j); ok {
					return p.rel(n, u, e)
				}
			}
		}
	}
	if w.bareUnit {
		if e, ok := p.agoSuffix(i + 1); ok {
			return p.rel(bareCount(w.unit), w.unit, e)
		}
	}
	if w.pair != "" {
		k := p.sp(i + 1)
		if k > i+1 && dtFoldEq(p.text(k), w.pair) {
			return p.rel(0, unitSecond, k+1)
		}
	}
	if w.now && p.strict {
		return p.rel(0, unitSecond, i+1)
	}
	return dtMatch{}, 0, false
}

// prefixed matches "vor 3 Stunden", "vor einem Tag", "il y a une heure",
// "hace 3 días", "há 3 dias", "před hodinou".
func (p *dtParser) prefixed(i int) (dtMatch, int, bool) {
	j := p.sp(i + 1)
	if j == i+1 {
		return dtMatch{}, 0, false
	}
	switch {
	case dtFoldEq(p.text(i), "il"): // il y a
		if !strings.EqualFold(p.text(j), "y") {
			return dtMatch{}, 0, false
		}
		j = p.sp(j + 1)
		if !strings.EqualFold(p.text(j), "a") {
			return dtMatch{}, 0, false
		}
		j = p.sp(j + 1)
	case dtFoldEq(p.text(i), "ha"):
		// Only the accented "há": Italian "ha 3 anni" means "is 3 years old".
		if !strings.EqualFold(p.text(i), "há") {
			return dtMatch{}, 0, false
		}
	}
	if w := p.word(j); w != nil && w.bareUnit {
		e := j + 1
		if e2, ok := p.agoSuffix(e); ok {
			e = e2
		}
		return p.rel(bareCount(w.unit), w.unit, e)
	}
	n, j, ok := p.count(j)
	if !ok {
		return dtMatch{}, 0, false
	}
	u, e := p.unitAt(p.sp(j))
	if u == unitNone {
		return dtMatch{}, 0, false
	}
	if e2, ok := p.agoSuffix(e); ok {
		e = e2 // a suffix may follow as well
	}
	return p.rel(n, u, e)
}

// bareCount is the count of a unit without a number: "час назад" is one
// hour ago, "moments ago" is now.
func bareCount(u dtUnit) int {
	if u == unitSecond {
		return -1
	}
	return 1
}

// dayWord matches "today", "yesterday", "gestern", "aujourd'hui",
// "вчера", "昨天", optionally with a time: "yesterday at 14:30", "вчера в
// 14:30". French "hier" is German and Dutch "here": alone it counts only on
// French pages (or, for ParseDate, pages not in German or Dutch).
func (p *dtParser) dayWord(i int, offset int8) (dtMatch, int, bool) {
	e := i + 1
	if p.t[i].cjk {
		_, e = p.cjkWord(i)
	}
	switch {
	case dtFoldEq(p.text(i), "aujourd"):
		if !p.punctIn(e, "'’") || !strings.EqualFold(p.text(e+1), "hui") {
			return dtMatch{}, 0, false
		}
		e += 2
	case dtFoldEq(p.text(i), "hier"):
		if !p.hierOK {
			if _, _, ok := p.timeAfter(e); !ok {
				return dtMatch{}, 0, false
			}
		}
	}
	var r dtMatch
	y, m, d := time.Date(p.refYear, p.refMonth, p.refDay+int(offset), 0, 0, 0, 0, time.UTC).Date()
	r.y, r.m, r.d = y, int(m), d
	r.weak = true // until a time follows
	return p.withTime(r, e)
}

// relativeCJK matches 昨天, 今天 14:30, 刚刚.
func (p *dtParser) relativeCJK(i int) (dtMatch, int, bool) {
	if !p.refSet {
		return dtMatch{}, 0, false
	}
	w, e := p.cjkWord(i)
	switch {
	case w == nil:
	case w.isDay:
		return p.dayWord(i, w.day)
	case w.pair == "-":
		return p.rel(0, unitSecond, e)
	}
	return dtMatch{}, 0, false
}

// rel computes n units before the reference time. Below a day the result
// is an instant truncated to the minute (the page's own rounding is
// unknown); from a day up it is a calendar date.
func (p *dtParser) rel(n int, u dtUnit, end int) (dtMatch, int, bool) {
	var r dtMatch
	switch {
	case n < 0 && u != unitSecond:
		return r, 0, false // "a few days ago" is too vague
	case n < 0:
		n = 0 // "a few seconds ago": now
	}
	switch u {
	case unitSecond, unitMinute, unitHour:
		unit := time.Second
		switch u {
		case unitMinute:
			unit = time.Minute
		case unitHour:
			unit = time.Hour
		}
		// Unix seconds rather than a time.Time: a Location pointer here
		// would make escape analysis move the token buffer to the heap.
		r.abs = p.ref.Add(-time.Duration(n) * unit).Truncate(time.Minute).Unix()
		r.isAbs, r.hasTime = true, true
		return r, end, true
	case unitDay:
		r.y, r.m, r.d = p.refYear, int(p.refMonth), p.refDay-n
	case unitWeek:
		r.y, r.m, r.d = p.refYear, int(p.refMonth), p.refDay-7*n
	case unitMonth:
		r.y, r.m, r.d, r.weak = p.refYear, int(p.refMonth)-n, p.refDay, true
	case unitYear:
		r.y, r.m, r.d, r.weak = p.refYear-n, int(p.refMonth), p.refDay, true
	default:
		return r, 0, false
	}
	y, m, d := time.Date(r.y, time.Month(r.m), r.d, 0, 0, 0, 0, time.UTC).Date()
	r.y, r.m, r.d = y, int(m), d
	return r, end, true
}

// ---- validation ----

// finish validates a match and converts it to UTC.
func (p *dtParser) finish(r dtMatch) (time.Time, bool, bool) {
	var t time.Time
	if r.isAbs {
		t = time.Unix(r.abs, 0).UTC()
	} else {
		if r.yearless {
			y, ok := p.resolveYear(r.m, r.d)
			if !ok {
				return t, false, false
			}
			r.y = y
		}
		if r.y < dtMinYear || r.y > p.maxYear || r.m < 1 || r.m > 12 || r.d < 1 || r.d > dtDaysIn(r.y, r.m) {
			return t, false, false
		}
		t = time.Date(r.y, time.Month(r.m), r.d, r.hh, r.mi, r.ss, r.ns, time.UTC)
		if r.hasZone {
			t = t.Add(-time.Duration(r.off) * time.Second)
		}
	}
	if t.Year() < dtMinYear || t.Year() > p.maxYear {
		return time.Time{}, false, false
	}
	if p.refSet && t.After(p.ref.Add(dtFutureSlack)) {
		return time.Time{}, false, false
	}
	return t, r.hasTime, true
}

// resolveYear gives a year-less day the most recent year in which it falls
// no later than the day after the reference date.
func (p *dtParser) resolveYear(m, d int) (int, bool) {
	if !p.refSet || m < 1 || m > 12 || d < 1 || d > 31 {
		return 0, false
	}
	limit := time.Date(p.refYear, p.refMonth, p.refDay+1, 0, 0, 0, 0, time.UTC)
	for y := p.refYear + 1; y >= p.refYear-8; y-- {
		if d > dtDaysIn(y, m) {
			continue // Feb 29
		}
		if !time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).After(limit) {
			return y, true
		}
	}
	return 0, false
}

// dtEpoch accepts Unix seconds (10 digits) or milliseconds (13 digits) when
// they are the whole string; inside text such numbers are IDs.
func dtEpoch(s string, ref time.Time, maxYear int) (Date, bool) {
	s = strings.TrimSpace(s)
	if (len(s) != 10 && len(s) != 13) || !dtAllDigits(s) {
		return Date{}, false
	}
	n := int64(0)
	for i := 0; i < len(s); i++ {
		n = n*10 + int64(s[i]-'0')
	}
	var t time.Time
	if len(s) == 10 {
		t = time.Unix(n, 0).UTC()
	} else {
		t = time.UnixMilli(n).UTC()
	}
	if t.Year() < dtMinYear || t.Year() > maxYear || !ref.IsZero() && t.After(ref.Add(dtFutureSlack)) {
		return Date{}, false
	}
	return Date{Time: t, HasTime: true, Raw: s}, true
}
