package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/tagsnap/tagsnap/storage"
)

// defaultDB is where the archive lives unless --db or TAGSNAP_DB say otherwise.
const defaultDB = "tagsnap.db"

// dbFlag adds --db to fs, defaulting to $TAGSNAP_DB, then tagsnap.db.
func (m *Main) dbFlag(fs *flag.FlagSet) *string {
	def := defaultDB
	if v := m.Getenv("TAGSNAP_DB"); v != "" {
		def = v
	}
	return fs.String("db", def, "the archive's SQLite file (env TAGSNAP_DB)")
}

// openDB opens the archive. mustExist is for commands that only read: they
// must not leave an empty database behind a typo.
func openDB(ctx context.Context, path string, mustExist bool) (*storage.DB, error) {
	if mustExist {
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("no archive at %s (crawl something first, or pass --db): %w", path, err)
		}
	}
	return storage.Open(ctx, path)
}

// newLogger makes the logger every component gets: text or JSON on w.
func newLogger(w io.Writer, format string, verbose bool) (*slog.Logger, error) {
	level := slog.LevelWarn
	if verbose {
		level = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: level}
	switch format {
	case "", "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, usagef("unknown --log-format %q: choose text or json", format)
}

// parseWhen reads a time flag: RFC 3339, or a day (YYYY-MM-DD, midnight UTC).
func parseWhen(flagName, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04", time.DateOnly} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, usagef("--%s %q: want a time like 2026-01-15 or 2026-01-15T12:00:00Z", flagName, s)
}

// parseRunID reads a run id flag.
func parseRunID(flagName, s string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, usagef("--%s %q: want a run id (see tagsnap runs)", flagName, s)
	}
	return n, nil
}

// stringsFlag is a repeatable flag.
type stringsFlag []string

func (s *stringsFlag) String() string { return strings.Join(*s, ",") }
func (s *stringsFlag) Set(v string) error {
	*s = append(*s, v)
	return nil
}

// newFlagSet makes a subcommand's flag set whose --help prints usage.
func (m *Main) newFlagSet(name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet("tagsnap "+name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.Usage = func() {
		fmt.Fprint(m.Stderr, usage)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args (flags may follow arguments) and turns flag errors
// into usage errors.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		if err == flag.ErrHelp {
			return nil, err
		}
		return nil, usageError{err}
	}
	return rest, nil
}

// parseNoArgs parses args for a command that takes flags only.
func parseNoArgs(fs *flag.FlagSet, args []string) error {
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("unexpected argument %q", rest[0])
	}
	return nil
}

// tableOrJSON checks a --format that is for people (table) or scripts (json).
func tableOrJSON(format string) error {
	if format != "table" && format != "json" {
		return usagef("unknown --format %q: choose table or json", format)
	}
	return nil
}

// isTerminal reports whether w is a terminal, for progress output.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

func formatTimeOrDash(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format(time.RFC3339)
}
