package extract

import (
	"encoding/json"
)

// JSONResult is the stable JSON form of a Result, as printed by
// `tagsnap extract --format json`. Users' scripts depend on these names.
type JSONResult struct {
	PageURL  string     `json:"page_url"`
	NextPage *string    `json:"next_page"`
	Strategy string     `json:"strategy"`
	Items    []JSONItem `json:"items"`
}

// JSONItem is the stable JSON form of an Item.
type JSONItem struct {
	Title     string  `json:"title"`
	URL       string  `json:"url"`
	Summary   *string `json:"summary"`
	Published *string `json:"published"`
	Author    *string `json:"author"`
	Image     *string `json:"image"`
}

// JSON returns r in its stable JSON form.
func (r *Result) JSON() JSONResult {
	out := JSONResult{PageURL: r.PageURL, NextPage: nullable(r.NextPage), Strategy: r.Strategy, Items: make([]JSONItem, 0, len(r.Items))}
	for _, it := range r.Items {
		out.Items = append(out.Items, it.JSON())
	}
	return out
}

// JSON returns it in its stable JSON form.
func (it Item) JSON() JSONItem {
	return JSONItem{
		Title:     it.Title,
		URL:       it.URL,
		Summary:   nullable(it.Summary),
		Published: nullable(it.Published.String()),
		Author:    nullable(it.Author),
		Image:     nullable(it.Image),
	}
}

// MarshalJSON encodes r in its stable JSON form.
func (r *Result) MarshalJSON() ([]byte, error) { return json.Marshal(r.JSON()) }

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
