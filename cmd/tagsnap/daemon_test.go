package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/tagsnap/tagsnap/internal/sitegen"
)

// syncBuffer is a bytes.Buffer safe for the daemon's log writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// daemon runs "tagsnap daemon" in-process; signals go through sig.
type daemon struct {
	t      *testing.T
	sig    chan os.Signal
	stderr *syncBuffer
	done   chan int
	addr   string
}

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func startDaemon(t *testing.T, args ...string) *daemon {
	t.Helper()
	d := &daemon{t: t, stderr: &syncBuffer{}, done: make(chan int, 1), addr: freeAddr(t)}
	registered := make(chan chan<- os.Signal, 1)
	m := &Main{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: d.stderr, Getenv: func(string) string { return "" },
		Notify:     func(c chan<- os.Signal, _ ...os.Signal) { registered <- c },
		StopNotify: func(chan<- os.Signal) {}}
	go func() { d.done <- m.Run(context.Background(), append([]string{"daemon", "--listen", d.addr}, args...)) }()
	select {
	case c := <-registered:
		d.sig = make(chan os.Signal)
		go func() {
			for s := range d.sig {
				c <- s
			}
		}()
	case code := <-d.done:
		t.Fatalf("daemon exited %d: %s", code, d.stderr.String())
	}
	d.waitFor("daemon started", 5*time.Second)
	return d
}

func (d *daemon) waitFor(s string, within time.Duration) {
	d.t.Helper()
	for deadline := time.Now().Add(within); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if strings.Contains(d.stderr.String(), s) {
			return
		}
	}
	d.t.Fatalf("daemon never logged %q:\n%s", s, d.stderr.String())
}

func (d *daemon) get(path string) (int, string) {
	d.t.Helper()
	resp, err := http.Get("http://" + d.addr + path)
	if err != nil {
		d.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func (d *daemon) stop(sig os.Signal, within time.Duration) int {
	d.t.Helper()
	d.sig <- sig
	select {
	case code := <-d.done:
		return code
	case <-time.After(within):
		d.t.Fatalf("daemon did not exit within %s:\n%s", within, d.stderr.String())
	}
	return -1
}

func writeConfig(t *testing.T, path string, site string, names ...string) {
	t.Helper()
	var b strings.Builder
	b.WriteString("defaults:\n  schedule: \"@every 1s\"\n  delay: 0s\n  max_pages: 3\nsources:\n")
	for _, n := range names {
		fmt.Fprintf(&b, "  - name: %s\n    url: %s?src=%s\n", n, site, n)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestDaemon(t *testing.T) {
	site := sitegen.New(sitegen.Generate(30, 5, time.Date(2026, 1, 14, 0, 0, 0, 0, time.UTC)), sitegen.Options{Validators: true})
	srv := newLocalServer(t, site)
	dir := t.TempDir()
	cfg, db := filepath.Join(dir, "tagsnap.yaml"), filepath.Join(dir, "d.db")
	writeConfig(t, cfg, site.ListingURL(srv.URL), "one", "two", "three")

	d := startDaemon(t, "--config", cfg, "--db", db, "--shutdown-timeout", "5s")
	time.Sleep(3500 * time.Millisecond)

	code, body := d.get("/healthz")
	if code != 200 || !strings.Contains(body, `"database": "writable"`) {
		t.Errorf("healthz = %d %s", code, body)
	}
	code, body = d.get("/metrics")
	for _, want := range []string{`tagsnap_runs_total{source="one",status="ok"}`, "tagsnap_pages_fetched_total", "tagsnap_pages_not_modified_total",
		"tagsnap_retries_total", "tagsnap_items_total", "tagsnap_run_duration_seconds_bucket", "tagsnap_last_success_timestamp_seconds",
		"tagsnap_degraded_runs_total", "tagsnap_skipped_overlaps_total"} {
		if code != 200 || !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	code, body = d.get("/sources")
	var sources []struct {
		Name    string
		NextRun *time.Time               `json:"next_run"`
		LastRun *struct{ Status string } `json:"last_run"`
	}
	if err := json.Unmarshal([]byte(body), &sources); err != nil || code != 200 || len(sources) != 3 {
		t.Fatalf("/sources = %d %s", code, body)
	}
	for _, s := range sources {
		if s.NextRun == nil || s.LastRun == nil || s.LastRun.Status != "ok" {
			t.Errorf("/sources entry %+v", s)
		}
	}

	// SIGHUP: "three" goes, "four" comes.
	writeConfig(t, cfg, site.ListingURL(srv.URL), "one", "two", "four")
	d.sig <- syscall.SIGHUP
	d.waitFor("configuration reloaded", 5*time.Second)
	_, body = d.get("/sources")
	if !strings.Contains(body, `"four"`) || strings.Contains(body, `"three"`) {
		t.Errorf("after reload /sources = %s", body)
	}
	// An invalid config keeps the running one.
	os.WriteFile(cfg, []byte("sources:\n  - name: x\n    url: http://127.0.0.1/\n    schedule: \"TZ=UTC\"\n"), 0o644)
	d.sig <- syscall.SIGHUP
	d.waitFor("reload rejected", 5*time.Second)
	_, body = d.get("/sources")
	if !strings.Contains(body, `"four"`) {
		t.Errorf("a rejected reload changed the sources: %s", body)
	}

	if code := d.stop(syscall.SIGTERM, 10*time.Second); code != 0 {
		t.Errorf("exit %d after SIGTERM:\n%s", code, d.stderr.String())
	}
	code2, out, _ := run(t, "", "runs", "--db", db, "--format", "json")
	var runs []runJSON
	if err := json.Unmarshal([]byte(out), &runs); err != nil || code2 != 0 {
		t.Fatalf("runs: %v %s", err, out)
	}
	per := map[string]int{}
	for _, r := range runs {
		per[r.Source]++
		if r.Status == "running" || r.FinishedAt == nil {
			t.Errorf("run %d left %s", r.ID, r.Status)
		}
	}
	if per["one"] < 3 || per["two"] < 3 {
		t.Errorf("runs per source in ~4s of @every 1s: %v", per)
	}
}

func TestDaemonShutdownInterruptsSlowCrawl(t *testing.T) {
	site := sitegen.New(sitegen.Generate(60, 5, time.Date(2026, 1, 14, 0, 0, 0, 0, time.UTC)), sitegen.Options{})
	site.SetLatency(400 * time.Millisecond)
	srv := newLocalServer(t, site)
	dir := t.TempDir()
	cfg, db := filepath.Join(dir, "tagsnap.yaml"), filepath.Join(dir, "d.db")
	writeConfig(t, cfg, site.ListingURL(srv.URL), "slow")
	d := startDaemon(t, "--config", cfg, "--db", db, "--shutdown-timeout", "200ms")
	d.waitFor("crawl started", 5*time.Second)
	time.Sleep(500 * time.Millisecond)
	start := time.Now()
	if code := d.stop(syscall.SIGTERM, 5*time.Second); code != 0 {
		t.Errorf("exit %d", code)
	}
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("shutdown took %s with a 200ms timeout", took)
	}
	_, out, _ := run(t, "", "runs", "--db", db, "--format", "json")
	var runs []runJSON
	json.Unmarshal([]byte(out), &runs)
	if len(runs) == 0 || runs[len(runs)-1].Status != "interrupted" {
		t.Errorf("runs after shutdown: %s", out)
	}
	checkIntegrity(t, db)
	// The next crawl of that source works.
	code, out, errs := run(t, "", "crawl", "--db", db, "--delay", "0s", "--config", cfg, "--max-pages", "1")
	if code != 0 {
		t.Errorf("crawl after an interrupted run: exit %d %s %s", code, out, errs)
	}
}

func TestDaemonOnce(t *testing.T) {
	site := sitegen.New(sitegen.Generate(12, 5, time.Date(2026, 1, 14, 0, 0, 0, 0, time.UTC)), sitegen.Options{})
	srv := newLocalServer(t, site)
	dir := t.TempDir()
	cfg, db := filepath.Join(dir, "tagsnap.yaml"), filepath.Join(dir, "d.db")
	os.WriteFile(cfg, []byte(fmt.Sprintf("defaults:\n  schedule: \"@hourly\"\n  delay: 0s\nsources:\n  - name: a\n    url: %s\n", site.ListingURL(srv.URL))), 0o644)
	code, out, errs := run(t, "", "daemon", "--once", "--config", cfg, "--db", db)
	if code != 0 || !strings.Contains(out, "ok (complete)") {
		t.Fatalf("first --once: exit %d\n%s\n%s", code, out, errs)
	}
	code, out, errs = run(t, "", "daemon", "--once", "--config", cfg, "--db", db)
	if code != 0 || !strings.Contains(errs, "nothing is due") {
		t.Errorf("second --once within the hour: exit %d\n%s\n%s", code, out, errs)
	}
}

func TestDaemonBadConfig(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "tagsnap.yaml")
	os.WriteFile(cfg, []byte("sources:\n  - name: a\n    url: http://127.0.0.1/x\n  - name: b\n    url: http://127.0.0.1/y\n    schedule: \"61 * * * *\"\n"), 0o644)
	code, _, errs := run(t, "", "daemon", "--config", cfg, "--db", filepath.Join(dir, "d.db"))
	if code == 0 || !strings.Contains(errs, "tagsnap.yaml:4") || !strings.Contains(errs, "sources b: schedule") {
		t.Errorf("exit %d: %s", code, errs)
	}
}

// checkIntegrity runs SQLite's own checks on an archive.
func checkIntegrity(t *testing.T, path string) {
	t.Helper()
	db, err := openDB(context.Background(), path, true)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if problems, err := db.Check(context.Background()); err != nil || len(problems) > 0 {
		t.Errorf("integrity: %v %v", problems, err)
	}
}
