package storage

import (
	"context"
	"errors"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// deadOwner is the owner of a process that has exited.
func deadOwner(t *testing.T) string {
	t.Helper()
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skip("no 'true' command:", err)
	}
	host := strings.SplitN(processOwner, ":", 2)[0]
	return host + ":" + strconv.Itoa(cmd.Process.Pid)
}

func TestRecoverRunsOfDeadProcesses(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "r.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	site := newListing(12, 5)
	crawl(t, db, site, 0, nil) // a finished run to carry from
	src, _ := db.EnsureSource(ctx, "example", "https://example.org/tag/x/")
	run, err := db.BeginRun(ctx, src, true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := run.AddPage(ctx, Page{Page: 1, URL: "https://example.org/tag/x/", Status: 200, Body: []byte("<html>1</html>"), Items: site.pages()[0]}); err != nil {
		t.Fatal(err)
	}
	// The process "dies": its run stays running, owned by a dead pid.
	if _, err := db.write.Exec(`UPDATE runs SET owner = ? WHERE id = ?`, deadOwner(t), run.ID); err != nil {
		t.Fatal(err)
	}
	db.Close()

	db, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ri, err := db.Run(ctx, run.ID)
	if err != nil || ri.Status != StatusInterrupted || ri.FinishedAt.IsZero() || ri.PagesFetched != 1 || !strings.Contains(ri.Error, "ended without finishing") {
		t.Errorf("recovered run = %+v, %v", ri, err)
	}
	// Its view is complete: page 1 from it, the rest carried over.
	if got := snapshotTitles(t, db, run.ID); len(got) != 12 {
		t.Errorf("recovered view has %d items", len(got))
	}
	if problems, err := db.Check(ctx); err != nil || len(problems) > 0 {
		t.Errorf("check: %v %v", problems, err)
	}
	// And the next run works.
	if _, stats := crawl(t, db, site, 0, nil); stats.ItemsNew != 0 {
		t.Errorf("next run = %+v", stats)
	}
}

func TestBusySource(t *testing.T) {
	ctx := context.Background()
	db := openTestDB(t)
	src, _ := db.EnsureSource(ctx, "example", "https://example.org/tag/x/")
	run, err := db.BeginRun(ctx, src, false)
	if err != nil {
		t.Fatal(err)
	}
	// This process is alive: a second crawl of the source must wait its turn.
	if _, err := db.BeginRun(ctx, src, false); !errors.Is(err, ErrBusy) || !strings.Contains(err.Error(), "example") {
		t.Errorf("second BeginRun: %v", err)
	}
	run.Finish(ctx, Outcome{Status: StatusOK})
	if _, err := db.BeginRun(ctx, src, false); err != nil {
		t.Errorf("after the first finished: %v", err)
	}
}

func TestDiskFull(t *testing.T) {
	ctx := context.Background()
	db := openTestDB(t)
	site := newListing(30, 10)
	crawl(t, db, site, 0, nil)
	var pages int
	db.write.QueryRow(`PRAGMA page_count`).Scan(&pages)
	if _, err := db.write.Exec(`PRAGMA max_page_count = ` + strconv.Itoa(pages+1)); err != nil {
		t.Fatal(err)
	}
	src, _ := db.EnsureSource(ctx, "example", "https://example.org/tag/x/")
	run, err := db.BeginRun(ctx, src, true)
	if err != nil {
		t.Fatal(err)
	}
	big := make([]byte, 200_000)
	for i := range big {
		big[i] = byte(i*7919 + i/13) // incompressible enough
	}
	var storeErr error
	for i := range 5 {
		_, storeErr = run.AddPage(ctx, Page{Page: i + 1, URL: "https://example.org/tag/x/p" + strconv.Itoa(i), Status: 200, Body: big[i:], Items: site.pages()[0]})
		if storeErr != nil {
			break
		}
	}
	if !errors.Is(storeErr, ErrDiskFull) || !strings.Contains(storeErr.Error(), db.Path) {
		t.Fatalf("AddPage on a full disk: %v", storeErr)
	}
	if _, err := run.Finish(ctx, Outcome{Status: StatusFailed, Error: storeErr.Error()}); err != nil {
		t.Logf("finish on a full disk: %v", err)
	}
	// Earlier data is intact.
	if problems, err := db.Check(ctx); err != nil || len(problems) > 0 {
		t.Errorf("check: %v %v", problems, err)
	}
	if got, _ := db.Count(ctx, "items"); got != 30 {
		t.Errorf("items = %d", got)
	}
	// Space returns: the next run succeeds.
	db.write.Exec(`PRAGMA max_page_count = 1073741823`)
	if _, stats := crawl(t, db, site, 0, nil); stats.ItemsSeen != 30 {
		t.Errorf("run after space returned = %+v", stats)
	}
}
