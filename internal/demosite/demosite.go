// Package demosite is the offline demo's embedded site: the "Tag Archives:
// ISKP" page of a fictional think tank, Long War Analysis, with three
// listing pages of hand-written analysis (22 posts, 8 a page) in a classic
// WordPress theme.
//
// New returns the site as a first crawl finds it; Change then makes the
// three kinds of change a second crawl should notice: a new post at the
// top, a rewritten headline on page 2 and a post removed from page 3.
package demosite

import (
	"time"

	"github.com/tagsnap/tagsnap/internal/sitegen"
)

// options are the demo site's options: validators on, so that the demo's
// second crawl can show 304s for the pages that did not change.
var options = sitegen.Options{
	Theme:      sitegen.Classic,
	PerPage:    8,
	SiteName:   "Long War Analysis",
	Tag:        "ISKP",
	Validators: true,
}

// post builds an item; the slug comes from the title, as WordPress makes it.
func post(date, title, author, summary string) sitegen.Item {
	t, err := time.Parse("2006-01-02 15:04", date)
	if err != nil {
		panic(err)
	}
	return sitegen.Item{Slug: sitegen.Slugify(title), Title: title, Summary: summary, Published: t.UTC(), Author: author}
}

const (
	nazari    = "Farida Nazari"
	siddiqui  = "Omar Siddiqui"
	lindqvist = "Hannah Lindqvist"
	okafor    = "Daniel Okafor"
)

// Items returns the demo's posts before Change, newest first.
func Items() []sitegen.Item {
	return []sitegen.Item{
		// Page 1.
		post("2026-02-11 09:30", "ISKP’s transnational reemergence", nazari,
			"A string of plots disrupted in Europe and Central Asia since late 2025 points to an external operations network that is smaller than in 2024 but better organised. This analysis traces the facilitators, the money and the recruitment channels that link Afghanistan to the diaspora."),
		post("2026-01-29 14:05", "Opium protests catalyze anti-Taliban sentiments", siddiqui,
			"The Taliban’s renewed poppy eradication drive in Badakhshan has set off the most serious rural protests since 2021. Farmers who lost their only cash crop have clashed with security forces, and ISKP propaganda is already courting their anger."),
		post("2026-01-16 07:45", "Islamic State Khorasan claims Kabul airport attack", lindqvist,
			"ISKP has claimed a suicide bombing near the civilian terminal of Kabul’s international airport, its first major attack in the capital in months. The choice of target signals an intent to undercut the Taliban’s pitch to foreign airlines and investors."),
		post("2026-01-05 11:20", "Tajik recruits and the ISKP pipeline to Russia", okafor,
			"Central Asian labour migrants remain the group’s most valuable recruitment pool. Court records from Moscow and Dushanbe show how recruiters exploit debt, isolation and Russian-language propaganda such as «Голос Хорасана»."),
		post("2025-12-18 16:00", "The Taliban’s counter-ISKP campaign: raids, prisons and informants", nazari,
			"Taliban intelligence has killed or detained hundreds of suspected ISKP members since 2022. The campaign has degraded the group inside Afghanistan, but its methods — extrajudicial killings and collective punishment — risk feeding the insurgency it targets."),
		post("2025-12-04 10:15", "Al-Azaim and the economics of jihadist media", siddiqui,
			"ISKP’s media arm publishes in more than a dozen languages on a shoestring budget. We examine how Al-Azaim funds, produces and distributes its output, and why platform takedowns have had such limited effect."),
		post("2025-11-20 08:40", "Pakistan’s northwest: where ISKP and the TTP compete", okafor,
			"In Bajaur and Khyber, ISKP and the Pakistani Taliban vie for the same recruits and exploit the same local grievances. Their rivalry has produced a spike in targeted killings of clerics & tribal elders."),
		post("2025-11-06 13:55", "Crypto donations to ISKP: what the blockchain shows", lindqvist,
			"Wallets linked to ISKP fundraisers received an estimated $2 million in stablecoins over two years. The transactions point to brokers in Türkiye and the Gulf — and expose the limits of current sanctions enforcement."),
		// Page 2.
		post("2025-10-23 09:10", "Women in ISKP’s support networks", nazari,
			"Women play a growing role in the group’s logistics, fundraising and online propaganda. Their involvement rarely shows up in attack claims, yet it sustains the networks that make attacks possible."),
		post("2025-10-09 15:30", "Kunar’s valleys and the return of foreign fighters", siddiqui,
			"Reports of Uzbek, Tajik and Uyghur militants moving into eastern Kunar suggest ISKP is rebuilding a safe haven along the Pakistani border. Local elders describe new camps and armed men who do not speak Pashto."),
		post("2025-09-25 12:00", "Why ISKP targets the Hazara", lindqvist,
			"Sectarian violence against Afghanistan’s Shia Hazara community is central to ISKP’s strategy, not a side effect of it. The attacks aim to provoke the Taliban, rally hardliners and advertise the group’s ideological purity."),
		post("2025-09-11 07:25", "Lessons from the Crocus City Hall attack", okafor,
			"Eighteen months on, the Moscow concert hall massacre remains ISKP’s deadliest attack outside South Asia. We revisit the investigation and what it revealed about the group’s “remote guidance” model of external operations."),
		post("2025-08-28 17:45", "Drones over Nangarhar", nazari,
			"Both the Taliban and ISKP now fly commercial drones for reconnaissance and, increasingly, for attacks. Cheap aerial technology is changing the tactics of a war that rarely makes the headlines."),
		post("2025-08-14 10:50", "The Taliban and the risk of insider defections", siddiqui,
			"Disaffected Taliban fighters, unpaid and sidelined, are a potential recruitment pool for ISKP. Interviews in Kandahar and Helmand suggest the risk is real but often overstated by outside observers."),
		post("2025-07-31 14:20", "ISKP’s Telegram ecosystem after the takedowns", lindqvist,
			"Coordinated removals in 2025 disrupted dozens of pro-ISKP channels, but many reappeared within days. Mirror channels, invite-only groups and a drift to smaller platforms have kept the propaganda flowing."),
		post("2025-07-17 08:05", "Iran’s Kerman bombing, a year and a half later", okafor,
			"The January 2024 twin bombings at a memorial for Qassem Soleimani remain a reference point in ISKP propaganda. Tehran’s response has mixed tighter border security, arrests of Afghan migrants and quiet contacts with the Taliban."),
		// Page 3.
		post("2025-07-03 11:35", "Uzbek-language propaganda and the Fergana Valley", nazari,
			"ISKP’s output in Uzbek has tripled since 2023. Much of it is aimed at young men in the Fergana Valley and at migrant workers abroad, playing on economic despair and religious repression."),
		post("2025-06-19 09:00", "What the UN monitoring team says about ISKP", siddiqui,
			"The latest report of the UN Security Council’s monitoring team calls ISKP the most serious terrorist threat emanating from Afghanistan. We read it closely for what it says about leadership, numbers and external plots."),
		post("2025-06-05 16:40", "Prison breaks as strategy", lindqvist,
			"From Jalalabad in 2020 to raids on detention sites in northeast Syria, freeing detained members has long been an ISKP priority. We assess which facilities in the region are most vulnerable today."),
		post("2025-05-22 12:25", "Balochistan: a new front for Islamic State Khorasan", okafor,
			"Attacks on political rallies and religious gatherings in Balochistan show the group expanding beyond its traditional strongholds. Porous borders with Iran and Afghanistan make the province an attractive transit zone."),
		post("2025-05-08 08:15", "The Doha process and counterterrorism cooperation", nazari,
			"Western governments remain divided over how far to engage the Taliban on counterterrorism. Limited intelligence exchanges have taken place, but mistrust and the absence of verification limit their value."),
		post("2025-04-24 15:10", "Mapping ISKP attacks, 2021–2025", siddiqui,
			"Our dataset of more than 1,200 incidents shows attacks inside Afghanistan falling steeply while operations abroad rise. The interactive map lets readers explore the trends by province, target type and year."),
	}
}

// New returns the demo site before Change.
func New() *sitegen.Site { return sitegen.New(Items(), options) }

// The changes Change makes.
var (
	// newPost is the post Change puts at the top of page 1.
	newPost = post("2026-02-24 06:50", "Islamic State Khorasan names a new spokesman", lindqvist,
		"An audio statement released by Al-Azaim introduces a new official spokesman for ISKP, the first change in the role since 2022. The choice of a Tajik-speaking figure underlines the group’s focus on Central Asia.")
	// editedTitle is the new headline of the post Change rewrites.
	editedTitle = "Why ISKP keeps targeting the Hazara — and what it gains"
)

const (
	editedSlug  = "why-iskp-targets-the-hazara" // page 2 before and after the new post
	removedSlug = "prison-breaks-as-strategy"   // page 3 before and after the new post
)

// Change applies the demo's second-crawl changes to s (a site from New):
// it adds one post at the top, rewrites the headline of a post on page 2
// and removes a post from page 3, and returns the three posts' slugs. It
// panics when s is not in New's state (called twice, say).
func Change(s *sitegen.Site) (added, edited, removed string) {
	s.Add(newPost)
	if !s.Edit(editedSlug, func(it *sitegen.Item) { it.Title = editedTitle }) {
		panic("demosite: no post " + editedSlug)
	}
	if !s.Delete(removedSlug) {
		panic("demosite: no post " + removedSlug)
	}
	return newPost.Slug, editedSlug, removedSlug
}
