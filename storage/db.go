package storage

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// timeFormat is how times are stored: fixed width, so text order is time order.
const timeFormat = "2006-01-02T15:04:05.000Z"

func formatTime(t time.Time) string { return t.UTC().Format(timeFormat) }

func parseTime(s string) (time.Time, error) { return time.Parse(timeFormat, s) }

// ErrNotFound is returned when a named source or run does not exist.
var ErrNotFound = errors.New("not found")

// ErrDiskFull is returned (wrapped) when the database cannot grow.
var ErrDiskFull = errors.New("disk full")

// DB is an open archive.
type DB struct {
	Path string
	// Now is the clock; tests replace it.
	Now func() time.Time

	write *sql.DB // one connection: SQLite has one writer anyway, and queueing here beats SQLITE_BUSY
	read  *sql.DB

	stmtMu sync.Mutex
	stmts  map[string]*sql.Stmt // hot statements prepared on the writer
	closed bool
}

// prepared returns query's statement prepared on the writer, or nil.
func (db *DB) prepared(query string) *sql.Stmt {
	db.stmtMu.Lock()
	defer db.stmtMu.Unlock()
	return db.stmts[query]
}

// prepare keeps query prepared on the writer for later transactions. It
// must not be called inside a write transaction (the writer has one
// connection); a failure only means the statement is prepared per use.
func (db *DB) prepare(ctx context.Context, query string) {
	if db.prepared(query) != nil {
		return
	}
	s, err := db.write.PrepareContext(ctx, query)
	if err != nil {
		return
	}
	db.stmtMu.Lock()
	defer db.stmtMu.Unlock()
	if db.stmts == nil {
		db.stmts = map[string]*sql.Stmt{}
	}
	if _, ok := db.stmts[query]; ok || db.closed {
		s.Close()
		return
	}
	db.stmts[query] = s
}

// Open opens (creating if needed) the archive at path and brings its schema
// up to date.
func Open(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, errors.New("open database: no path given")
	}
	db := &DB{Path: path, Now: time.Now}
	var err error
	if db.write, err = sql.Open("sqlite", dsn(path, false)); err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	db.write.SetMaxOpenConns(1)
	db.write.SetConnMaxIdleTime(0)
	if err := db.migrate(ctx); err != nil {
		db.write.Close()
		return nil, fmt.Errorf("open database %s: %w", path, db.explain(err))
	}
	if db.read, err = sql.Open("sqlite", dsn(path, true)); err != nil {
		db.write.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	db.read.SetMaxOpenConns(4)
	if _, err := db.RecoverRuns(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s: settle runs of crashed processes: %w", path, err)
	}
	return db, nil
}

// dsn puts every pragma in the URI so each pooled connection gets it.
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "foreign_keys(1)", "synchronous(NORMAL)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	q.Set("_time_format", "sqlite")
	if readOnly {
		q.Set("mode", "ro")
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// Close closes the database.
func (db *DB) Close() error {
	var errs []error
	db.stmtMu.Lock()
	for _, s := range db.stmts {
		errs = append(errs, s.Close())
	}
	db.stmts, db.closed = nil, true
	db.stmtMu.Unlock()
	if db.read != nil {
		errs = append(errs, db.read.Close())
	}
	if db.write != nil {
		errs = append(errs, db.write.Close())
	}
	return errors.Join(errs...)
}

// explain turns SQLite's result codes that users can act on into errors that
// say what happened and name the file.
func (db *DB) explain(err error) error {
	if err == nil {
		return nil
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_FULL:
			return fmt.Errorf("%w: database %s cannot grow: %v", ErrDiskFull, db.Path, err)
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return fmt.Errorf("database %s is locked by another process (waited %s): %w", db.Path, "10s", err)
		case sqlite3.SQLITE_READONLY:
			return fmt.Errorf("database %s is read-only: %w", db.Path, err)
		case sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT:
			return fmt.Errorf("%s is not a tagsnap database or is damaged: %w", db.Path, err)
		case sqlite3.SQLITE_CANTOPEN:
			return fmt.Errorf("cannot open database file %s: %w", db.Path, err)
		}
	}
	return err
}

// SchemaVersion returns the number of the last applied migration.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := db.read.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&v)
	return v, err
}

// migrate applies the embedded migrations not yet applied, each in its own
// transaction.
func (db *DB) migrate(ctx context.Context) error {
	if _, err := db.write.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return err
	}
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		base := strings.TrimPrefix(name, "migrations/")
		n, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return fmt.Errorf("migration %s: name must start with its number", base)
		}
		if err := db.applyMigration(ctx, n, base, name); err != nil {
			return fmt.Errorf("migration %s: %w", base, err)
		}
	}
	var newest int
	if err := db.write.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&newest); err != nil {
		return err
	}
	if newest > len(names) {
		return fmt.Errorf("schema version %d is newer than this tagsnap knows (%d): upgrade tagsnap", newest, len(names))
	}
	return nil
}

func (db *DB) applyMigration(ctx context.Context, n int, base, name string) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var done int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, n).Scan(&done); err != nil {
		return err
	}
	if done > 0 {
		return nil
	}
	body, err := migrationFS.ReadFile(name)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
		n, base, formatTime(time.Now())); err != nil {
		return err
	}
	return tx.Commit()
}

// Backup writes a consistent copy of the database to path with VACUUM INTO
// (safe while crawls write). It refuses to overwrite an existing file.
func (db *DB) Backup(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("backup: %s already exists; choose a new file", path)
	} else if !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("backup: %w", err)
	}
	if _, err := db.read.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		os.Remove(path)
		return fmt.Errorf("backup of %s to %s: %w", db.Path, path, db.explain(err))
	}
	return nil
}

// KnownSchemaVersion is the newest schema this program knows.
func KnownSchemaVersion() int {
	names, _ := fs.Glob(migrationFS, "migrations/*.sql")
	return len(names)
}
