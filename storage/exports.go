package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/tagsnap/tagsnap/storage/export"
)

// What can be exported.
const (
	ExportItems    = "items"
	ExportVersions = "versions"
	ExportChanges  = "changes"
	ExportSnapshot = "snapshot"
	ExportRuns     = "runs"
)

// ExportQuery says what to export. Since/Until bound the time (items and
// versions: listed at some time in [Since, Until); changes and runs: happened
// in it). Run or AsOf pick the snapshot to export (default: each source's
// latest view).
type ExportQuery struct {
	What   string
	Source string
	Since  time.Time
	Until  time.Time
	Run    int64
	AsOf   time.Time
}

// Every row carries its evidence: the run, the fetch time and the sha256 of
// the captured page it was read from.
var exportColumns = map[string][]string{
	ExportItems: {"source", "url", "title", "summary", "published", "author", "image",
		"first_seen", "last_seen", "removed_at", "versions", "run", "fetched_at", "capture_sha256"},
	ExportVersions: {"source", "url", "version", "title", "summary", "published", "published_raw", "author", "image",
		"first_seen", "last_seen", "first_run", "last_run", "run", "fetched_at", "capture_sha256"},
	ExportChanges: {"source", "run", "time", "kind", "url", "title", "summary", "published", "old_title", "old_summary",
		"old_published", "version", "fetched_at", "capture_sha256"},
	ExportSnapshot: {"source", "run", "position", "page", "url", "title", "summary", "published", "author", "image",
		"fetched_at", "capture_sha256"},
	ExportRuns: {"id", "source", "status", "started_at", "finished_at", "full", "complete", "pages_fetched",
		"pages_not_modified", "pages_failed", "items_seen", "items_new", "items_changed", "items_removed",
		"requests", "retries", "robots_blocked", "bytes_downloaded", "error", "health"},
}

// ExportKinds lists what can be exported, for messages.
const ExportKinds = "items, versions, changes, snapshot or runs"

// ExportColumns returns the columns of an export.
func ExportColumns(what string) ([]string, error) {
	cols, ok := exportColumns[what]
	if !ok {
		return nil, fmt.Errorf("cannot export %q: choose %s", what, ExportKinds)
	}
	return cols, nil
}

// Export streams the rows q selects into enc (made with ExportColumns(q.What))
// and returns how many it wrote. It does not close enc.
func (db *DB) Export(ctx context.Context, q ExportQuery, enc export.Encoder) (int, error) {
	if _, err := ExportColumns(q.What); err != nil {
		return 0, err
	}
	if q.Source != "" {
		if _, err := db.SourceByName(ctx, q.Source); err != nil {
			return 0, err
		}
	}
	if (q.Run != 0 || !q.AsOf.IsZero()) && q.What != ExportSnapshot {
		return 0, fmt.Errorf("--run and --as-of select a snapshot; they do not apply to %s", q.What)
	}
	switch q.What {
	case ExportRuns:
		n := 0
		err := db.EachRun(ctx, RunFilter{Source: q.Source, Since: q.Since, Until: q.Until}, func(r RunInfo) error {
			n++
			return enc.Encode(r.ID, r.Source, r.Status, r.StartedAt, r.FinishedAt, r.Full, r.Complete, r.PagesFetched,
				r.PagesNotModified, r.PagesFailed, r.ItemsSeen, r.ItemsNew, r.ItemsChanged, r.ItemsRemoved,
				r.Requests, r.Retries, r.RobotsBlocked, r.BytesDownloaded, nullable(r.Error), nullable(r.Health))
		})
		return n, err
	case ExportSnapshot:
		return db.exportSnapshot(ctx, q, enc)
	}
	query, args := exportSQL(q)
	rows, err := db.read.QueryContext(ctx, query, args...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	cols := exportColumns[q.What]
	vals := make([]sql.NullString, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	out := make([]any, len(cols))
	n := 0
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return n, err
		}
		for i, c := range cols {
			out[i] = cell(c, vals[i])
		}
		if err := enc.Encode(out...); err != nil {
			return n, err
		}
		n++
	}
	return n, rows.Err()
}

// cell turns a stored text into the value the encoder should write: times as
// times, counts as numbers, NULL as null.
func cell(col string, v sql.NullString) any {
	if !v.Valid {
		return nil
	}
	switch col {
	case "first_seen", "last_seen", "removed_at", "fetched_at", "time":
		if t, err := parseTime(v.String); err == nil {
			return t
		}
	case "versions", "version", "run", "first_run", "last_run":
		var n int64
		if _, err := fmt.Sscan(v.String, &n); err == nil {
			return n
		}
	}
	return v.String
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// exportSQL builds the query for items, versions and changes. Columns are
// in exportColumns order.
func exportSQL(q ExportQuery) (string, []any) {
	since, until := timeArg(q.Since), timeArg(q.Until)
	var b strings.Builder
	var args []any
	switch q.What {
	case ExportItems:
		b.WriteString(`SELECT s.name, i.url, v.title, v.summary, v.published, v.author, v.image,
			fr.started_at, lr.started_at, rr.started_at, v.seq, v.first_seen_run, c.fetched_at, c.sha256
			FROM items i
			JOIN sources s ON s.id = i.source_id
			JOIN item_versions v ON v.id = i.version_id
			JOIN captures c ON c.id = v.capture_id
			JOIN runs fr ON fr.id = i.first_seen_run
			JOIN runs lr ON lr.id = i.last_seen_run
			LEFT JOIN runs rr ON rr.id = i.removed_run
			WHERE (? = '' OR s.name = ?) AND (? = '' OR lr.started_at >= ?) AND (? = '' OR fr.started_at < ?)
			ORDER BY s.name, i.first_seen_run, i.id`)
	case ExportVersions:
		b.WriteString(`SELECT s.name, i.url, v.seq, v.title, v.summary, v.published, v.published_raw, v.author, v.image,
			fr.started_at, lr.started_at, v.first_seen_run, v.last_seen_run, v.first_seen_run, c.fetched_at, c.sha256
			FROM item_versions v
			JOIN items i ON i.id = v.item_id
			JOIN sources s ON s.id = i.source_id
			JOIN captures c ON c.id = v.capture_id
			JOIN runs fr ON fr.id = v.first_seen_run
			JOIN runs lr ON lr.id = v.last_seen_run
			WHERE (? = '' OR s.name = ?) AND (? = '' OR lr.started_at >= ?) AND (? = '' OR fr.started_at < ?)
			ORDER BY s.name, i.first_seen_run, i.id, v.seq`)
	case ExportChanges:
		// A removal's evidence is the first page of the run that decided it.
		b.WriteString(`SELECT s.name, e.run_id, r.started_at, e.kind, i.url, v.title, v.summary, v.published,
			o.title, o.summary, o.published, v.seq,
			coalesce(CASE WHEN e.kind = 'removed' THEN rc.fetched_at END, c.fetched_at),
			coalesce(CASE WHEN e.kind = 'removed' THEN rc.sha256 END, c.sha256)
			FROM events e
			JOIN runs r ON r.id = e.run_id
			JOIN items i ON i.id = e.item_id
			JOIN sources s ON s.id = i.source_id
			JOIN item_versions v ON v.id = e.version_id
			JOIN captures c ON c.id = v.capture_id
			LEFT JOIN item_versions o ON o.id = e.old_version_id
			LEFT JOIN captures rc ON rc.id = (SELECT min(id) FROM captures WHERE run_id = e.run_id AND sha256 IS NOT NULL)
			WHERE (? = '' OR s.name = ?) AND (? = '' OR r.started_at >= ?) AND (? = '' OR r.started_at < ?)
			ORDER BY e.id`)
	}
	args = append(args, q.Source, q.Source, since, since, until, until)
	return b.String(), args
}

// exportSnapshot writes the chosen view of each source (or of q.Source).
func (db *DB) exportSnapshot(ctx context.Context, q ExportQuery, enc export.Encoder) (int, error) {
	var runs []int64
	switch {
	case q.Run != 0:
		ri, err := db.Run(ctx, q.Run)
		if err != nil {
			return 0, err
		}
		if q.Source != "" && ri.Source != q.Source {
			return 0, fmt.Errorf("run %d is a run of %s, not %s", q.Run, ri.Source, q.Source)
		}
		runs = []int64{q.Run}
	default:
		sources, err := db.Sources(ctx)
		if err != nil {
			return 0, err
		}
		for _, s := range sources {
			if q.Source != "" && s.Name != q.Source {
				continue
			}
			id, err := db.ViewRun(ctx, s.Name, q.AsOf)
			if err != nil {
				if q.Source != "" {
					return 0, err
				}
				continue // a source without a view yet has nothing to show
			}
			runs = append(runs, id)
		}
	}
	n := 0
	for _, run := range runs {
		err := db.Snapshot(ctx, run, func(e Entry) error {
			n++
			return enc.Encode(e.Source, e.Run, e.Position, e.Page, e.URL, e.Title, nullable(e.Summary), nullable(e.Published),
				nullable(e.Author), nullable(e.Image), e.FetchedAt, e.CaptureSHA256)
		})
		if err != nil {
			return n, err
		}
	}
	return n, nil
}
