package main

import (
	"context"
	"fmt"

	"github.com/tagsnap/tagsnap/storage"
)

// BackupCommand copies the archive consistently, even while it is written.
type BackupCommand struct {
	*Main
}

const backupUsage = `Usage: tagsnap backup [--db FILE] OUT

Writes a consistent copy of the archive to OUT (SQLite's VACUUM INTO), safe
while a daemon or crawl is writing. Refuses to overwrite OUT.

Examples:

	tagsnap backup tagsnap-$(date +%F).db
	tagsnap backup --db /var/lib/tagsnap/tagsnap.db /backups/tagsnap.db

Flags:
`

// Run runs the command.
func (c *BackupCommand) Run(ctx context.Context, args []string) error {
	fs := c.newFlagSet("backup", backupUsage)
	dbPath := c.dbFlag(fs)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		fs.Usage()
		return usagef("backup needs one OUT file")
	}
	db, err := openDB(ctx, *dbPath, true)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Backup(ctx, rest[0]); err != nil {
		return err
	}
	fmt.Fprintf(c.Stderr, "backed up %s to %s\n", *dbPath, rest[0])
	return nil
}

// CheckCommand checks the archive's integrity and schema.
type CheckCommand struct {
	*Main
}

const checkUsage = `Usage: tagsnap check [--db FILE]

Runs SQLite's integrity and foreign key checks and compares the schema
version with this program's, and prints what it found. Exit status 1 when
something is wrong.

Flags:
`

// Run runs the command.
func (c *CheckCommand) Run(ctx context.Context, args []string) error {
	fs := c.newFlagSet("check", checkUsage)
	dbPath := c.dbFlag(fs)
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	db, err := openDB(ctx, *dbPath, true)
	if err != nil {
		return err
	}
	defer db.Close()
	version, err := db.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	problems, err := db.Check(ctx)
	if err != nil {
		return err
	}
	counts := ""
	for _, t := range []string{"sources", "runs", "items", "item_versions", "captures", "blobs"} {
		n, err := db.Count(ctx, t)
		if err != nil {
			return err
		}
		counts += fmt.Sprintf(" %s=%d", t, n)
	}
	fmt.Fprintf(c.Stdout, "database:  %s\nschema:    version %d (this tagsnap knows %d)\nrows:     %s\n", *dbPath, version, storage.KnownSchemaVersion(), counts)
	if len(problems) == 0 {
		fmt.Fprintln(c.Stdout, "integrity: ok\nforeign keys: ok")
		return nil
	}
	for _, p := range problems {
		fmt.Fprintln(c.Stdout, "problem:  ", p)
	}
	return fmt.Errorf("%s: %d problems found", *dbPath, len(problems))
}
