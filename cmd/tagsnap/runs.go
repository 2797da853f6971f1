package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tagsnap/tagsnap/storage"
)

// RunsCommand lists recorded runs.
type RunsCommand struct {
	*Main
}

const runsUsage = `Usage: tagsnap runs [flags]

Lists the crawls recorded in the archive, oldest first: status (ok, partial,
failed, interrupted, or running), whether the run saw the whole listing
(complete: only such runs decide removals), pages and item counts.

Examples:

	tagsnap runs
	tagsnap runs --source lwj-iskp --last 5
	tagsnap runs --format json | jq '.[] | select(.status != "ok")'

Flags:
`

// runJSON is the JSON contract of a run.
type runJSON struct {
	ID               int64   `json:"id"`
	Source           string  `json:"source"`
	Status           string  `json:"status"`
	StartedAt        string  `json:"started_at"`
	FinishedAt       *string `json:"finished_at"`
	Full             bool    `json:"full"`
	Complete         bool    `json:"complete"`
	PagesFetched     int     `json:"pages_fetched"`
	PagesNotModified int     `json:"pages_not_modified"`
	PagesFailed      int     `json:"pages_failed"`
	ItemsSeen        int     `json:"items_seen"`
	ItemsNew         int     `json:"items_new"`
	ItemsChanged     int     `json:"items_changed"`
	ItemsRemoved     int     `json:"items_removed"`
	Requests         int     `json:"requests"`
	Retries          int     `json:"retries"`
	RobotsBlocked    int     `json:"robots_blocked"`
	BytesDownloaded  int64   `json:"bytes_downloaded"`
	DurationMS       *int64  `json:"duration_ms"`
	Error            *string `json:"error"`
	Health           *string `json:"health"`
}

// Run runs the command.
func (c *RunsCommand) Run(ctx context.Context, args []string) error {
	fs := c.newFlagSet("runs", runsUsage)
	dbPath := c.dbFlag(fs)
	source := fs.String("source", "", "only runs of source `NAME`")
	last := fs.Int("last", 0, "only the last `N` runs")
	format := fs.String("format", "table", "output format: table or json")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if err := tableOrJSON(*format); err != nil {
		return err
	}
	db, err := openDB(ctx, *dbPath, true)
	if err != nil {
		return err
	}
	defer db.Close()
	runs, err := db.Runs(ctx, storage.RunFilter{Source: *source, Last: *last})
	if err != nil {
		return err
	}
	if *format == "json" {
		return writeRunsJSON(c.Stdout, runs)
	}
	return writeRunsTable(c.Stdout, runs)
}

func writeRunsJSON(w io.Writer, runs []storage.RunInfo) error {
	out := make([]runJSON, 0, len(runs))
	for _, r := range runs {
		j := runJSON{ID: r.ID, Source: r.Source, Status: r.Status, StartedAt: r.StartedAt.UTC().Format(time.RFC3339),
			Full: r.Full, Complete: r.Complete, PagesFetched: r.PagesFetched, PagesNotModified: r.PagesNotModified,
			PagesFailed: r.PagesFailed, ItemsSeen: r.ItemsSeen, ItemsNew: r.ItemsNew, ItemsChanged: r.ItemsChanged,
			ItemsRemoved: r.ItemsRemoved, Requests: r.Requests, Retries: r.Retries, RobotsBlocked: r.RobotsBlocked,
			BytesDownloaded: r.BytesDownloaded, Error: optString(r.Error), Health: optString(r.Health)}
		if !r.FinishedAt.IsZero() {
			f := r.FinishedAt.UTC().Format(time.RFC3339)
			j.FinishedAt = &f
			d := r.FinishedAt.Sub(r.StartedAt).Milliseconds()
			j.DurationMS = &d
		}
		out = append(out, j)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

func writeRunsTable(w io.Writer, runs []storage.RunInfo) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RUN\tSOURCE\tSTARTED\tDURATION\tSTATUS\tPAGES\t304\tFAILED\tITEMS\tNEW\tCHANGED\tREMOVED\tNOTE")
	for _, r := range runs {
		dur := "-"
		if !r.FinishedAt.IsZero() {
			dur = r.FinishedAt.Sub(r.StartedAt).Round(10 * time.Millisecond).String()
		}
		status := r.Status
		if r.Complete {
			status += " (complete)"
		}
		note := r.Error
		if r.Health != "" {
			note = strings.TrimSpace(r.Health + " " + note)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%s\n", r.ID, r.Source, formatTimeOrDash(r.StartedAt), dur,
			status, r.PagesFetched, r.PagesNotModified, r.PagesFailed, r.ItemsSeen, r.ItemsNew, r.ItemsChanged, r.ItemsRemoved, clip(note, 100))
	}
	if len(runs) == 0 {
		fmt.Fprintln(tw, "(no runs)")
	}
	return tw.Flush()
}

func optString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
