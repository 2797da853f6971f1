package main

import (
	"context"
	"fmt"
	"io"

	"github.com/tagsnap/tagsnap/storage"
	"github.com/tagsnap/tagsnap/storage/export"
)

// ExportCommand writes the archive's history as CSV, JSON or JSONL.
type ExportCommand struct {
	*Main
}

const exportUsage = `Usage: tagsnap export [flags]

Writes the archive for analysts. --what chooses the rows:

	items     one row per item: its latest wording, first/last seen, removed_at
	versions  every wording an item had, with when it was first and last seen
	changes   one row per event: added, changed (with the old wording), removed
	snapshot  the listing as a run saw it, in order (default: each source's
	          latest view; --run ID or --as-of TIME for an earlier one)
	runs      the crawls

Every row carries its evidence: the run, the fetch time (UTC) and the sha256
of the captured page it was read from. CSV is RFC 4180, UTF-8 with a BOM
(Excel), cells that a spreadsheet would run as a formula are prefixed with '.
-o writes atomically: the file appears complete or not at all.

Examples:

	tagsnap export --what items --format csv -o iskp.csv --source lwj-iskp
	tagsnap export --what changes --since 2026-01-01 --format jsonl
	tagsnap export --what snapshot --as-of 2026-02-01T00:00:00Z --format json
	tagsnap export --what versions --format csv | python3 analyse.py

Flags:
`

// Run runs the command.
func (c *ExportCommand) Run(ctx context.Context, args []string) error {
	fs := c.newFlagSet("export", exportUsage)
	dbPath := c.dbFlag(fs)
	what := fs.String("what", "items", "rows to export: "+storage.ExportKinds)
	formatFlag := fs.String("format", "csv", "csv, json or jsonl")
	out := fs.String("o", "", "write to `FILE` (atomically) instead of stdout")
	source := fs.String("source", "", "only source `NAME`")
	sinceFlag := fs.String("since", "", "only what was listed or happened at or after `TIME` (RFC 3339 or YYYY-MM-DD)")
	untilFlag := fs.String("until", "", "only what was listed or happened before `TIME`")
	runFlag := fs.String("run", "", "snapshot: the view of run `ID`")
	asOfFlag := fs.String("as-of", "", "snapshot: the view as of `TIME`")
	noEscape := fs.Bool("no-formula-escape", false, "CSV: keep cells starting with = + - @ as they are")
	noBOM := fs.Bool("no-bom", false, "CSV: no UTF-8 byte order mark")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	format, err := export.ParseFormat(*formatFlag)
	if err != nil {
		return usageError{err}
	}
	columns, err := storage.ExportColumns(*what)
	if err != nil {
		return usageError{err}
	}
	q := storage.ExportQuery{What: *what, Source: *source}
	if q.Since, err = parseWhen("since", *sinceFlag); err != nil {
		return err
	}
	if q.Until, err = parseWhen("until", *untilFlag); err != nil {
		return err
	}
	if q.AsOf, err = parseWhen("as-of", *asOfFlag); err != nil {
		return err
	}
	if q.Run, err = parseRunID("run", *runFlag); err != nil {
		return err
	}
	if (q.Run != 0 || !q.AsOf.IsZero()) && q.What != storage.ExportSnapshot {
		return usagef("--run and --as-of select a snapshot: use them with --what snapshot")
	}
	if q.Run != 0 && !q.AsOf.IsZero() {
		return usagef("give --run or --as-of, not both")
	}
	db, err := openDB(ctx, *dbPath, true)
	if err != nil {
		return err
	}
	defer db.Close()

	var w io.Writer = c.Stdout
	var file *export.AtomicFile
	if *out != "" {
		if file, err = export.CreateAtomic(*out); err != nil {
			return err
		}
		defer file.Abort()
		w = file
	}
	enc, err := export.NewEncoder(w, format, columns, export.Options{NoFormulaEscape: *noEscape, NoBOM: *noBOM})
	if err != nil {
		return err
	}
	n, err := db.Export(ctx, q, enc)
	if err != nil {
		return fmt.Errorf("export %s: %w", *what, err)
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("export %s: %w", *what, err)
	}
	if file != nil {
		if err := file.Commit(); err != nil {
			return err
		}
		fmt.Fprintf(c.Stderr, "wrote %d %s rows to %s\n", n, *what, *out)
	}
	if n == 0 {
		// An empty export is easy to mistake for a broken one: say why.
		fmt.Fprintf(c.Stderr, "no %s rows match (the archive may have no runs in that range, or no snapshot as of that time)\n", *what)
	}
	return nil
}
