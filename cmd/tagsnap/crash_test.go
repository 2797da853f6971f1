package main

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tagsnap/tagsnap/internal/sitegen"
)

// buildBinary builds the real program once per test run.
var buildBinary = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "tagsnap-bin")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "tagsnap")
	out, err := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
})

// TestSIGKILL kills a crawl at varied moments and checks what the next
// process finds: a sound database, no run marked ok that did not finish,
// and a next crawl that works.
func TestSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the real binary")
	}
	bin, err := buildBinary()
	if err != nil {
		t.Fatal(err)
	}
	site := sitegen.New(sitegen.Generate(400, 9, time.Date(2026, 1, 14, 0, 0, 0, 0, time.UTC)), sitegen.Options{PerPage: 10, PadBytes: 5000})
	site.SetLatency(15 * time.Millisecond)
	srv := newLocalServer(t, site)
	url := site.ListingURL(srv.URL)
	db := filepath.Join(t.TempDir(), "k.db")
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 5 {
		cmd := exec.Command(bin, "crawl", "--db", db, "--full", "--delay", "0s", url)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(50+rng.IntN(600)) * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()

		code, out, errs := run(t, "", "check", "--db", db)
		if code != 0 {
			t.Fatalf("kill %d: check exit %d\n%s%s", i, code, out, errs)
		}
		var runs []runJSON
		_, out, _ = run(t, "", "runs", "--db", db, "--format", "json")
		if err := json.Unmarshal([]byte(out), &runs); err != nil {
			t.Fatal(err)
		}
		for _, r := range runs {
			if r.Status == "running" {
				t.Errorf("kill %d: run %d still running after the next open", i, r.ID)
			}
			if r.Status == "ok" && (r.FinishedAt == nil || r.PagesFetched+r.PagesNotModified < 40) {
				t.Errorf("kill %d: run %d marked ok without finishing: %+v", i, r.ID, r)
			}
		}
	}
	// The next crawl is complete and right.
	cmd := exec.Command(bin, "crawl", "--db", db, "--full", "--delay", "0s", url)
	if out, err := cmd.CombinedOutput(); err != nil || !strings.Contains(string(out), "ok (complete)") {
		t.Fatalf("crawl after kills: %v\n%s", err, out)
	}
	rows := (&archive{t: t, db: db}).export("snapshot")
	if len(rows) != 400 {
		t.Errorf("snapshot after kills has %d rows, want 400", len(rows))
	}
}
