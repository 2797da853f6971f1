package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// processOwner names this process in runs.owner: host and pid.
var processOwner = func() string {
	host, _ := os.Hostname()
	return host + ":" + strconv.Itoa(os.Getpid())
}()

// alive reports whether the process named by owner may still be running.
// Owners on another host are assumed alive: we cannot tell.
func alive(owner string) bool {
	host, pidText, ok := strings.Cut(owner, ":")
	me, _ := os.Hostname()
	if !ok || host != me {
		return true
	}
	pid, err := strconv.Atoi(pidText)
	if err != nil {
		return true
	}
	if pid == os.Getpid() {
		return true
	}
	err = syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// RecoverRuns marks interrupted every run left running by a process that
// is gone (killed, crashed, machine restarted), and returns how many.
// Open calls it, so a crash is settled the next time any command runs.
func (db *DB) RecoverRuns(ctx context.Context) (int, error) {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return 0, db.explain(err)
	}
	defer tx.Rollback()
	n, err := db.recoverRuns(ctx, tx, 0)
	if err != nil {
		return 0, db.explain(err)
	}
	return n, db.explain(tx.Commit())
}

// recoverRuns does RecoverRuns in tx, for one source or all (sourceID 0).
func (db *DB) recoverRuns(ctx context.Context, tx *sql.Tx, sourceID int64) (int, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, coalesce(owner, '') FROM runs WHERE status = 'running' AND (? = 0 OR source_id = ?)`, sourceID, sourceID)
	if err != nil {
		return 0, err
	}
	var dead []int64
	var owners []string
	for rows.Next() {
		var id int64
		var owner string
		if err := rows.Scan(&id, &owner); err != nil {
			rows.Close()
			return 0, err
		}
		if !alive(owner) {
			dead = append(dead, id)
			owners = append(owners, owner)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	for i, id := range dead {
		// The counters are rebuilt from what the run stored before it died.
		_, err := tx.ExecContext(ctx, `UPDATE runs SET status = 'interrupted', finished_at = coalesce(
				(SELECT max(fetched_at) FROM captures WHERE run_id = ?), started_at),
			pages_fetched = (SELECT count(*) FROM captures WHERE run_id = ? AND error IS NULL AND not_modified = 0),
			pages_not_modified = (SELECT count(*) FROM captures WHERE run_id = ? AND not_modified = 1),
			pages_failed = (SELECT count(*) FROM captures WHERE run_id = ? AND error IS NOT NULL),
			items_new = (SELECT count(*) FROM events WHERE run_id = ? AND kind = 'added'),
			items_changed = (SELECT count(*) FROM events WHERE run_id = ? AND kind = 'changed'),
			error = ? WHERE id = ?`, id, id, id, id, id, id,
			fmt.Sprintf("interrupted: the process running it (%s) ended without finishing the run", owners[i]), id)
		if err != nil {
			return 0, err
		}
		if err := carryOverRun(ctx, tx, id); err != nil {
			return 0, err
		}
	}
	return len(dead), nil
}

// carryOverRun completes a dead run's snapshot with the pages it did not
// fetch, as Finish would have.
func carryOverRun(ctx context.Context, tx *sql.Tx, run int64) error {
	var source int64
	if err := tx.QueryRowContext(ctx, `SELECT source_id FROM runs WHERE id = ?`, run).Scan(&source); err != nil {
		return err
	}
	r := &Run{ID: run, Source: Source{ID: source}, fetched: map[int]bool{}}
	rows, err := tx.QueryContext(ctx, `SELECT page FROM snapshots WHERE run_id = ?`, run)
	if err != nil {
		return err
	}
	for rows.Next() {
		var p int
		if err := rows.Scan(&p); err != nil {
			rows.Close()
			return err
		}
		r.fetched[p] = true
	}
	rows.Close()
	return r.carryOver(ctx, tx)
}
