// Package extract turns one listing page (tag archive, category page,
// section front) into its ordered list of article entries and the URL of the
// next page.
//
// It is pure: HTML bytes, the page URL, an optional charset hint, optional
// user selectors and a reference time go in; a Result comes out. It knows
// nothing of HTTP, SQL or the clock — the reference time for relative dates
// ("3 hours ago") is an input.
//
// The page is parsed once. Strategies run on that one document in order:
// user selectors (when given, they win), then structured data (JSON-LD,
// microformats2, microdata) and zero-config HTML analysis, whose results are
// merged: the visible list decides what is listed and in which order,
// structured data fills fields the HTML leaves empty.
package extract

import (
	"time"
)

// Item is one entry of a listing.
type Item struct {
	Title     string
	URL       string // absolute
	Summary   string
	Published Date
	Author    string
	Image     string // absolute, empty when none
	Position  int    // 1-based position on the page
}

// Date is a publication date as the page gave it.
type Date struct {
	Time    time.Time // UTC; zero when unknown
	HasTime bool      // false when the page gave only the day
	Raw     string    // the text or attribute it was read from

	// clockOnly marks a date made from a bare time of day and the
	// reference day, before resolveClocks has placed it in its list.
	clockOnly bool
}

// IsZero reports whether no date is known.
func (d Date) IsZero() bool { return d.Time.IsZero() }

// String formats d as RFC 3339 in UTC, or YYYY-MM-DD when only the day is
// known, or "" when unknown.
func (d Date) String() string {
	switch {
	case d.Time.IsZero():
		return ""
	case d.HasTime:
		return d.Time.UTC().Format(time.RFC3339)
	default:
		return d.Time.UTC().Format(time.DateOnly)
	}
}
