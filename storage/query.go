package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// RunInfo is a run as recorded.
type RunInfo struct {
	ID         int64
	Source     string
	Status     string
	StartedAt  time.Time
	FinishedAt time.Time // zero while running
	Full       bool
	Complete   bool
	RunStats
	Error  string
	Health string // degraded: what extraction lost
}

const runColumns = `r.id, s.name, r.status, r.started_at, coalesce(r.finished_at, ''), r.full, r.complete,
	r.pages_fetched, r.pages_not_modified, r.pages_failed, r.items_seen, r.items_new, r.items_changed, r.items_removed,
	r.requests, r.retries, r.robots_blocked, r.bytes_downloaded, coalesce(r.error, ''), coalesce(r.health, '')`

func scanRun(row scanner) (RunInfo, error) {
	var ri RunInfo
	var started, finished string
	err := row.Scan(&ri.ID, &ri.Source, &ri.Status, &started, &finished, &ri.Full, &ri.Complete,
		&ri.PagesFetched, &ri.PagesNotModified, &ri.PagesFailed, &ri.ItemsSeen, &ri.ItemsNew, &ri.ItemsChanged,
		&ri.ItemsRemoved, &ri.Requests, &ri.Retries, &ri.RobotsBlocked, &ri.BytesDownloaded, &ri.Error, &ri.Health)
	if err != nil {
		return ri, err
	}
	ri.StartedAt, _ = parseTime(started)
	if finished != "" {
		ri.FinishedAt, _ = parseTime(finished)
	}
	return ri, nil
}

// RunFilter selects runs.
type RunFilter struct {
	Source string    // "" = all
	Since  time.Time // started at or after; zero = no bound
	Until  time.Time // started before; zero = no bound
	Last   int       // only the last N (0 = all)
}

// Runs returns runs oldest first.
func (db *DB) Runs(ctx context.Context, f RunFilter) ([]RunInfo, error) {
	var out []RunInfo
	err := db.EachRun(ctx, f, func(ri RunInfo) error { out = append(out, ri); return nil })
	return out, err
}

// EachRun calls fn for each run, oldest first, without holding them all.
func (db *DB) EachRun(ctx context.Context, f RunFilter, fn func(RunInfo) error) error {
	if f.Source != "" {
		if _, err := db.SourceByName(ctx, f.Source); err != nil {
			return err
		}
	}
	q := `SELECT ` + runColumns + ` FROM runs r JOIN sources s ON s.id = r.source_id
		WHERE (? = '' OR s.name = ?) AND (? = '' OR r.started_at >= ?) AND (? = '' OR r.started_at < ?)`
	if f.Last > 0 {
		q = `SELECT * FROM (` + q + ` ORDER BY r.id DESC LIMIT ?) ORDER BY 1`
	} else {
		q += ` ORDER BY r.id`
	}
	since, until := timeArg(f.Since), timeArg(f.Until)
	args := []any{f.Source, f.Source, since, since, until, until}
	if f.Last > 0 {
		args = append(args, f.Last)
	}
	rows, err := db.read.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		ri, err := scanRun(rows)
		if err != nil {
			return err
		}
		if err := fn(ri); err != nil {
			return err
		}
	}
	return rows.Err()
}

func timeArg(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return formatTime(t)
}

// Run returns one run, or ErrNotFound.
func (db *DB) Run(ctx context.Context, id int64) (RunInfo, error) {
	ri, err := scanRun(db.read.QueryRowContext(ctx, `SELECT `+runColumns+` FROM runs r JOIN sources s ON s.id = r.source_id WHERE r.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return ri, fmt.Errorf("run %d: %w", id, ErrNotFound)
	}
	return ri, err
}

// ViewRun returns the run whose snapshot is source's view of the listing as
// of t (zero t: the latest): the last run started at or before t that has a
// snapshot. ErrNotFound when there is none.
func (db *DB) ViewRun(ctx context.Context, source string, t time.Time) (int64, error) {
	var id sql.NullInt64
	err := db.read.QueryRowContext(ctx, `SELECT max(r.id) FROM runs r JOIN sources s ON s.id = r.source_id
		WHERE s.name = ? AND r.status <> 'running' AND (? = '' OR r.started_at <= ?)
		AND EXISTS (SELECT 1 FROM snapshots sn WHERE sn.run_id = r.id)`, source, timeArg(t), timeArg(t)).Scan(&id)
	if err != nil {
		return 0, err
	}
	if !id.Valid {
		return 0, fmt.Errorf("no snapshot of %s: %w", source, ErrNotFound)
	}
	return id.Int64, nil
}

// Entry is one line of a snapshot, with the evidence it came from.
type Entry struct {
	Run           int64
	Source        string
	Position      int // 1-based over the whole listing
	Page          int
	URL           string
	Title         string
	Summary       string
	Published     string
	Author        string
	Image         string
	FetchedAt     time.Time
	CaptureSHA256 string
	Carried       bool // the page came from an earlier run
}

// Snapshot calls fn for each entry of run's view of the listing, in order.
// An item listed twice (it moved to the next page while the run was going)
// appears once, where it was first seen.
func (db *DB) Snapshot(ctx context.Context, run int64, fn func(Entry) error) error {
	rows, err := db.read.QueryContext(ctx, `SELECT sn.run_id, s.name, sn.page, i.url, v.title, coalesce(v.summary, ''),
		coalesce(v.published, ''), coalesce(v.author, ''), coalesce(v.image, ''), c.fetched_at, coalesce(c.sha256, ''), sn.carried, i.id
		FROM snapshots sn
		JOIN runs r ON r.id = sn.run_id
		JOIN sources s ON s.id = r.source_id
		JOIN page_entries pe ON pe.listing_id = sn.listing_id
		JOIN item_versions v ON v.id = pe.version_id
		JOIN items i ON i.id = v.item_id
		JOIN captures c ON c.id = sn.capture_id
		WHERE sn.run_id = ? ORDER BY sn.page, pe.position`, run)
	if err != nil {
		return err
	}
	defer rows.Close()
	seen := map[int64]bool{}
	pos := 0
	for rows.Next() {
		var e Entry
		var fetched string
		var item int64
		if err := rows.Scan(&e.Run, &e.Source, &e.Page, &e.URL, &e.Title, &e.Summary, &e.Published, &e.Author, &e.Image,
			&fetched, &e.CaptureSHA256, &e.Carried, &item); err != nil {
			return err
		}
		if seen[item] {
			continue
		}
		seen[item] = true
		pos++
		e.Position = pos
		e.FetchedAt, _ = parseTime(fetched)
		if err := fn(e); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Version is what the listing said about an item at some point.
type Version struct {
	Seq       int
	Title     string
	Summary   string
	Published string
	Author    string
	Image     string
}

// Change is one difference between two runs of a source.
type Change struct {
	Kind string // added, changed, removed
	URL  string
	Old  *Version // changed, removed
	New  *Version // added, changed
	Run  int64    // the run that saw it last
}

// Diff returns what changed in source's listing after run from up to and
// including run to, netted per item: an item added and then edited is one
// "added" with its latest wording; added then removed is nothing. Removals
// come only from complete runs, so a failed page never shows up here.
// from = 0 means from the beginning.
func (db *DB) Diff(ctx context.Context, source string, from, to int64) ([]Change, error) {
	src, err := db.SourceByName(ctx, source)
	if err != nil {
		return nil, err
	}
	rows, err := db.read.QueryContext(ctx, `SELECT e.run_id, e.kind, e.item_id, i.url,
		v.seq, v.title, coalesce(v.summary, ''), coalesce(v.published, ''), coalesce(v.author, ''), coalesce(v.image, ''),
		coalesce(o.seq, 0), coalesce(o.title, ''), coalesce(o.summary, ''), coalesce(o.published, ''), coalesce(o.author, ''), coalesce(o.image, '')
		FROM events e
		JOIN items i ON i.id = e.item_id
		JOIN item_versions v ON v.id = e.version_id
		LEFT JOIN item_versions o ON o.id = e.old_version_id
		WHERE i.source_id = ? AND e.run_id > ? AND e.run_id <= ?
		ORDER BY e.id`, src.ID, from, to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	type net struct {
		c       Change
		present bool // listed before from
	}
	byItem := map[int64]*net{}
	var order []int64
	for rows.Next() {
		var run, item int64
		var kind, u string
		var v, o Version
		if err := rows.Scan(&run, &kind, &item, &u, &v.Seq, &v.Title, &v.Summary, &v.Published, &v.Author, &v.Image,
			&o.Seq, &o.Title, &o.Summary, &o.Published, &o.Author, &o.Image); err != nil {
			return nil, err
		}
		n, ok := byItem[item]
		if !ok {
			n = &net{c: Change{URL: u}, present: kind != "added"}
			if kind == "changed" {
				old := o
				n.c.Old = &old
			}
			if kind == "removed" {
				old := v
				n.c.Old = &old
			}
			byItem[item] = n
			order = append(order, item)
		}
		n.c.Run = run
		switch kind {
		case "added", "changed":
			nv := v
			n.c.New = &nv
		case "removed":
			n.c.New = nil
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []Change
	for _, item := range order {
		n := byItem[item]
		c := n.c
		switch {
		case !n.present && c.New == nil: // came and went
			continue
		case !n.present:
			c.Kind, c.Old = "added", nil
		case c.New == nil:
			c.Kind = "removed"
		case c.Old != nil && c.Old.Seq == c.New.Seq: // removed and back unchanged
			continue
		default:
			c.Kind = "changed"
		}
		out = append(out, c)
	}
	return out, nil
}

// tables are the archive's tables, for Count.
var tables = map[string]bool{"sources": true, "runs": true, "blobs": true, "captures": true, "items": true,
	"item_versions": true, "events": true, "page_listings": true, "page_entries": true, "snapshots": true}

// Count returns the number of rows in one of the archive's tables.
func (db *DB) Count(ctx context.Context, table string) (int, error) {
	if !tables[table] {
		return 0, fmt.Errorf("no table %q", table)
	}
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM `+table).Scan(&n)
	return n, err
}

// LastRun returns the source's latest run; ok is false when it has none.
func (db *DB) LastRun(ctx context.Context, source string) (RunInfo, bool, error) {
	ri, err := scanRun(db.read.QueryRowContext(ctx, `SELECT `+runColumns+` FROM runs r JOIN sources s ON s.id = r.source_id
		WHERE s.name = ? ORDER BY r.id DESC LIMIT 1`, source))
	if errors.Is(err, sql.ErrNoRows) {
		return RunInfo{}, false, nil
	}
	return ri, err == nil, err
}

// Writable checks that the database takes a write now: the writer
// connection is free within ctx and SQLite grants the write lock.
func (db *DB) Writable(ctx context.Context) error {
	tx, err := db.write.BeginTx(ctx, nil) // BEGIN IMMEDIATE: takes the write lock
	if err != nil {
		return fmt.Errorf("database %s does not take writes: %w", db.Path, db.explain(err))
	}
	return tx.Rollback()
}

// Check runs SQLite's integrity and foreign key checks and returns what
// they found (nothing when the file is sound).
func (db *DB) Check(ctx context.Context) ([]string, error) {
	var problems []string
	rows, err := db.read.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return nil, err
		}
		if s != "ok" {
			problems = append(problems, "integrity: "+s)
		}
	}
	rows.Close()
	rows, err = db.read.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var table string
		var rowid, parent, fk any
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			return nil, err
		}
		problems = append(problems, fmt.Sprintf("foreign key: %s row %v refers to a missing %v", table, rowid, parent))
	}
	return problems, rows.Err()
}
