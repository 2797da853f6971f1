package sitegen

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Generate returns n deterministic items for seed, newest first: one about
// every six hours back from newest, with think-tank style headlines and
// one-paragraph summaries (60–300 characters). Some carry non-ASCII text
// (accents, Cyrillic, curly quotes, dashes) and some "&" or "<"; slugs are
// unique.
func Generate(n int, seed int64, newest time.Time) []Item {
	rng := rand.New(rand.NewPCG(uint64(seed), 0x7a6773697465))
	out := make([]Item, 0, n)
	used := make(map[string]bool, n)
	t := newest.UTC().Truncate(time.Second)
	for i := range n {
		if i > 0 {
			jitter := time.Duration(rng.IntN(181)-90)*time.Minute + time.Duration(rng.IntN(60))*time.Second
			t = t.Add(-6*time.Hour - jitter)
		}
		g := newGen(rng)
		title := g.fill(titleTemplates[rng.IntN(len(titleTemplates))])
		slug := uniqueSlug(title, used)
		out = append(out, Item{
			Slug:      slug,
			Title:     title,
			Summary:   g.summary(),
			Published: t,
			Author:    authors[rng.IntN(len(authors))],
		})
	}
	return out
}

// uniqueSlug returns the slug of title, cut to about 60 characters at a
// hyphen and suffixed -2, -3… when taken.
func uniqueSlug(title string, used map[string]bool) string {
	slug := Slugify(title)
	if len(slug) > 60 {
		slug = slug[:60]
		if i := strings.LastIndexByte(slug, '-'); i > 30 {
			slug = slug[:i]
		}
	}
	if slug == "" {
		slug = "post"
	}
	s := slug
	for k := 2; used[s]; k++ {
		s = slug + "-" + strconv.Itoa(k)
	}
	used[s] = true
	return s
}

// gen fills one item's templates; the picks are made once so that a title
// and its summary talk about the same actor, place and topic.
type gen struct {
	rng                  *rand.Rand
	a, a2, o, p, p2, e   string
	x, q, r, noun, adj   string
	cmp                  string
	verb                 string
	pct, n1, n2, n3, yr1 int
}

func newGen(rng *rand.Rand) *gen {
	g := &gen{rng: rng}
	g.a = pick(rng, actors)
	for g.a2 = pick(rng, actors); g.a2 == g.a; g.a2 = pick(rng, actors) {
	}
	g.o, g.p, g.e = pick(rng, objects), pick(rng, places), pick(rng, events)
	for g.p2 = pick(rng, places); g.p2 == g.p; g.p2 = pick(rng, places) {
	}
	g.x, g.q, g.r = pick(rng, experts), pick(rng, quotes), pick(rng, russian)
	g.noun, g.adj, g.verb = pick(rng, nouns), pick(rng, adjectives), pick(rng, verbs)
	g.cmp = pick(rng, comparatives)
	g.pct, g.n1, g.n2, g.n3 = 12+rng.IntN(80), 5+rng.IntN(40), 20+rng.IntN(90), 100+rng.IntN(400)
	g.yr1 = 2015 + rng.IntN(6)
	return g
}

func pick(rng *rand.Rand, list []string) string { return list[rng.IntN(len(list))] }

// fill replaces the {X} placeholders of tmpl and capitalises the result.
func (g *gen) fill(tmpl string) string {
	r := strings.NewReplacer(
		"{A}", g.a, "{A2}", g.a2, "{O}", g.o, "{P}", g.p, "{P2}", g.p2, "{E}", g.e,
		"{X}", g.x, "{Q}", g.q, "{R}", g.r, "{N}", g.noun, "{Adj}", g.adj, "{Cmp}", g.cmp, "{V}", g.verb,
		"{pct}", strconv.Itoa(g.pct), "{n1}", strconv.Itoa(g.n1), "{n2}", strconv.Itoa(g.n2), "{n3}", strconv.Itoa(g.n3),
		"{y1}", strconv.Itoa(g.yr1), "{y2}", strconv.Itoa(g.yr1+4+g.rng.IntN(5)),
	)
	s := r.Replace(tmpl)
	// Plural possessives: "the Houthis’s" -> "the Houthis’".
	s = strings.ReplaceAll(s, "s’s ", "s’ ")
	s = strings.ReplaceAll(s, "s’s,", "s’,")
	return capFirst(s)
}

// summary builds a 60–300 character paragraph of one to three sentences.
func (g *gen) summary() string {
	want := 1 + g.rng.IntN(3)
	var parts []string
	total := 0
	for _, k := range g.rng.Perm(len(sentenceTemplates)) {
		s := g.fill(sentenceTemplates[k])
		n := utf8.RuneCountInString(s)
		if total > 0 && total+1+n > 300 {
			continue
		}
		parts = append(parts, s)
		total += n + 1
		if len(parts) >= want && total > 60 {
			break
		}
	}
	return strings.Join(parts, " ")
}

func capFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

var (
	authors = []string{"Amira Haddad", "Lucas Møller", "Sofía Ramírez", "James O’Connell", "Nadia Karimova", "Tomasz Wójcik"}
	actors  = []string{"ISKP", "Islamic State Khorasan", "the Taliban", "al-Shabaab", "JNIM", "Hayat Tahrir al-Sham", "Africa Corps",
		"the TTP", "the Houthi movement", "the IRGC", "ISWAP", "al-Qaeda’s general command", "the Baloch Liberation Army", "the SDF",
		"Kataib Hezbollah", "Islamic State Somalia", "Islamic State Mozambique", "Hezbollah"}
	verbs = []string{"expands", "rebuilds", "exploits", "tests", "doubles down on", "bets on", "rethinks", "struggles with",
		"weaponises", "outsources", "professionalises", "revives"}
	objects = []string{"online recruitment", "cross-border smuggling networks", "drone warfare", "prison breaks", "local governance",
		"hawala financing", "Telegram channels", "urban cells", "tribal alliances", "gold-mining revenue", "kidnap-for-ransom",
		"crypto donations", "media operations", "suicide bombings", "external operations", "youth outreach", "checkpoint taxation",
		"sectarian attacks", "women’s networks", "diaspora fundraising", "opium eradication", "detention camps"}
	places = []string{"Kabul", "Nangarhar", "Kunar", "Badakhshan", "Peshawar", "Quetta", "Balochistan", "Tajikistan", "Dushanbe",
		"Mosul", "Raqqa", "Idlib", "al-Hol", "the Sahel", "Niamey", "Bamako", "Ouagadougou", "Mogadishu", "Puntland",
		"Cabo Delgado", "Istanbul", "Moscow", "Zürich", "São Paulo", "Malmö", "Kraków", "Île-de-France", "Bogotá", "Türkiye"}
	events = []string{"the Kabul airport bombing", "the fall of Baghuz", "the Doha agreement", "the Crocus City Hall attack",
		"the Kerman bombings", "the US withdrawal", "last year’s prison break", "the ceasefire", "the killing of its emir",
		"the amnesty", "the border closures", "the 2023 coup"}
	experts      = []string{"Amira Haddad", "Lucas Møller", "Sofía Ramírez", "James O’Connell", "Nadia Karimova", "Tomasz Wójcik", "Élodie Marchand", "Dmitri Volkov"}
	quotes       = []string{"We are everywhere", "Nothing has changed", "A war without borders", "The caliphate remains", "Patience is a weapon", "They cannot protect you"}
	russian      = []string{"«Голос Хорасана»", "«Вилаят Хорасан»", "«Аль-Азаим»", "«Хорасанский вестник»"}
	nouns        = []string{"strategy", "media machine", "finances", "recruitment pipeline", "leadership", "external operations", "succession crisis", "war economy", "propaganda", "rebranding"}
	adjectives   = []string{"quiet", "uneven", "fragile", "resilient", "overlooked", "costly", "shifting", "unfinished"}
	comparatives = []string{"more fragile", "more resilient", "more durable", "weaker", "stronger", "more costly", "more improvised"}

	titleTemplates = []string{
		"{A} {V} {O} in {P}",
		"Why {O} matters for {P}",
		"{P}: {A} {V} {O}",
		"Q&A: {X} on {A}’s {N}",
		"Assessing {A}’s {N} after {E}",
		"“{Q}”: {A} and the politics of {O}",
		"{A} and {A2}: rivals or partners?",
		"The {Adj} {N} of {A}",
		"Lessons from {P} for countering {O}",
		"Risk < reward? {A} weighs {O}",
		"{P} after {E} — what comes next",
		"Brief: {A} {V} {O}",
		"Counting the cost: {O} in {P}",
		"From {P} to {P2}: tracing {A}’s {N}",
		"Inside {A}’s {N}",
		"How {A} {V} {O}",
		"Podcast: {O} & {P}, with {X}",
		"{R}: inside {A}’s Russian-language propaganda",
		"Sanctions & {O}: the {P} test case",
		"Is {A} winning the battle for {P}?",
		"{A}’s {N}, explained",
		"Data: {O} in {P}, {y1}–{y2}",
		"Between {P} and {P2}: {A} {V} {O}",
		"What {E} taught {A} about {O}",
	}
	sentenceTemplates = []string{
		"{A} has stepped up {O} across {P}, according to local sources and open-source data reviewed by our analysts.",
		"The shift suggests a deliberate effort to rebuild capacity after {E}.",
		"Officials in {P} describe the threat as “manageable”; the evidence points the other way.",
		"This brief examines {O} and what it means for {A2}.",
		"Claimed attacks rose by {pct}% while arrests stayed <{n1} a month.",
		"We map {O} from {P} to {P2} and assess the risks for Europe & Central Asia.",
		"{X} argues that {A}’s {N} is {Cmp} than it looks.",
		"Propaganda released under the label {R} now targets Central Asian migrant workers in Russia.",
		"In {P}, armed groups have filled gaps left by the state — collecting taxes, settling disputes and recruiting among the young.",
		"Our analysis draws on {n2} interviews and {n3} claims of responsibility.",
		"Regional governments have responded with mass arrests, which may fuel the grievances they aim to suppress.",
		"The picture is mixed: territorial losses, but a growing capacity for attacks abroad.",
		"{A2} is watching closely, and may yet exploit the vacuum.",
		"Western policymakers have paid little attention to {P}, a blind spot that {A} has been quick to use.",
	}
)
