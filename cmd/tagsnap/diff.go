package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/tagsnap/tagsnap/storage"
)

// DiffCommand shows what changed in a source's listing between two runs.
type DiffCommand struct {
	*Main
}

const diffUsage = `Usage: tagsnap diff [flags]

Shows what changed in a source's listing between two runs: items added,
changed (old -> new title or summary) and removed. The default is the last
two runs of the source. Removals appear only once a complete run (one that
saw the whole listing without a failed page) decided them.

Examples:

	tagsnap diff --source lwj-iskp
	tagsnap diff --source lwj-iskp --from 12 --to 40
	tagsnap diff --source lwj-iskp --format json | jq '.changes[] | select(.kind == "removed")'

Flags:
`

// Run runs the command.
func (c *DiffCommand) Run(ctx context.Context, args []string) error {
	fs := c.newFlagSet("diff", diffUsage)
	dbPath := c.dbFlag(fs)
	source := fs.String("source", "", "the source `NAME` (needed when the archive has several)")
	fromFlag := fs.String("from", "", "the earlier run `ID` (default: the one before --to; 0 = the beginning)")
	toFlag := fs.String("to", "", "the later run `ID` (default: the source's last run)")
	format := fs.String("format", "table", "output format: table or json")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if err := tableOrJSON(*format); err != nil {
		return err
	}
	var from int64
	var err error
	if *fromFlag != "0" {
		if from, err = parseRunID("from", *fromFlag); err != nil {
			return err
		}
	}
	to, err := parseRunID("to", *toFlag)
	if err != nil {
		return err
	}
	db, err := openDB(ctx, *dbPath, true)
	if err != nil {
		return err
	}
	defer db.Close()

	if *source == "" {
		sources, err := db.Sources(ctx)
		if err != nil {
			return err
		}
		switch len(sources) {
		case 0:
			return errors.New("the archive has no sources yet")
		case 1:
			*source = sources[0].Name
		default:
			return usagef("the archive has %d sources: say which with --source", len(sources))
		}
	}
	runs, err := db.Runs(ctx, storage.RunFilter{Source: *source})
	if err != nil {
		return err
	}
	if len(runs) == 0 {
		return fmt.Errorf("source %s has no runs yet", *source)
	}
	if to == 0 {
		to = runs[len(runs)-1].ID
	}
	toIdx := -1
	for i, r := range runs {
		if r.ID == to {
			toIdx = i
		}
	}
	if toIdx < 0 {
		return usagef("run %d is not a run of %s", to, *source)
	}
	if *fromFlag == "" && toIdx > 0 {
		from = runs[toIdx-1].ID
	}
	if from >= to {
		return usagef("--from %d must be before --to %d", from, to)
	}
	changes, err := db.Diff(ctx, *source, from, to)
	if err != nil {
		return err
	}
	if *format == "json" {
		return writeDiffJSON(c.Stdout, *source, from, to, changes)
	}
	return writeDiffText(c.Stdout, *source, from, to, changes)
}

type versionJSON struct {
	Title     string  `json:"title"`
	Summary   *string `json:"summary"`
	Published *string `json:"published"`
	Author    *string `json:"author"`
}

func toVersionJSON(v *storage.Version) *versionJSON {
	if v == nil {
		return nil
	}
	opt := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	return &versionJSON{Title: v.Title, Summary: opt(v.Summary), Published: opt(v.Published), Author: opt(v.Author)}
}

func writeDiffJSON(w io.Writer, source string, from, to int64, changes []storage.Change) error {
	type changeJSON struct {
		Kind string       `json:"kind"`
		URL  string       `json:"url"`
		Run  int64        `json:"run"`
		Old  *versionJSON `json:"old"`
		New  *versionJSON `json:"new"`
	}
	out := struct {
		Source  string       `json:"source"`
		From    int64        `json:"from"`
		To      int64        `json:"to"`
		Changes []changeJSON `json:"changes"`
	}{Source: source, From: from, To: to, Changes: []changeJSON{}}
	for _, c := range changes {
		out.Changes = append(out.Changes, changeJSON{c.Kind, c.URL, c.Run, toVersionJSON(c.Old), toVersionJSON(c.New)})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

func writeDiffText(w io.Writer, source string, from, to int64, changes []storage.Change) error {
	var added, changed, removed int
	for _, c := range changes {
		switch c.Kind {
		case "added":
			added++
		case "changed":
			changed++
		case "removed":
			removed++
		}
	}
	fromText := fmt.Sprintf("run %d", from)
	if from == 0 {
		fromText = "the beginning"
	}
	fmt.Fprintf(w, "%s: %s -> run %d: %d added, %d changed, %d removed\n", source, fromText, to, added, changed, removed)
	for _, c := range changes {
		switch c.Kind {
		case "added":
			fmt.Fprintf(w, "\n+ %s\n  %s\n", c.New.Title, c.URL)
		case "removed":
			fmt.Fprintf(w, "\n- %s\n  %s\n", c.Old.Title, c.URL)
		case "changed":
			fmt.Fprintf(w, "\n~ %s\n  %s\n", c.New.Title, c.URL)
			if c.Old.Title != c.New.Title {
				fmt.Fprintf(w, "  title:   %q\n        -> %q\n", c.Old.Title, c.New.Title)
			}
			if c.Old.Summary != c.New.Summary {
				fmt.Fprintf(w, "  summary: %q\n        -> %q\n", clip(c.Old.Summary, 160), clip(c.New.Summary, 160))
			}
			if c.Old.Published != c.New.Published {
				fmt.Fprintf(w, "  published: %s -> %s\n", orDash(c.Old.Published), orDash(c.New.Published))
			}
			if c.Old.Author != c.New.Author {
				fmt.Fprintf(w, "  author: %s -> %s\n", orDash(c.Old.Author), orDash(c.New.Author))
			}
			if c.Old.Image != c.New.Image {
				fmt.Fprintf(w, "  image: %s -> %s\n", orDash(c.Old.Image), orDash(c.New.Image))
			}
		}
	}
	return nil
}
