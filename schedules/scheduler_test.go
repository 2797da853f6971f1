package schedules

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tagsnap/tagsnap/crawler"
	"github.com/tagsnap/tagsnap/storage"
)

func TestParseSpec(t *testing.T) {
	for _, spec := range []string{"@every 1s", "@hourly", "*/5 * * * *", "0 */2 * * *", "CRON_TZ=Europe/Berlin 0 6 * * *", "@daily"} {
		if _, err := ParseSpec(spec); err != nil {
			t.Errorf("%q: %v", spec, err)
		}
	}
	for _, spec := range []string{"", "TZ=UTC", "CRON_TZ=Nowhere/City 0 * * * *", "61 * * * *", "* * * *", "@every", "@every -1s", "@sometimes", "0 0 * * * *"} {
		if _, err := ParseSpec(spec); err == nil {
			t.Errorf("%q: no error", spec)
		}
	}
	// UTC unless told otherwise.
	s, _ := ParseSpec("0 6 * * *")
	next := s.Next(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
	if next.UTC().Hour() != 6 {
		t.Errorf("0 6 * * * fires at %s", next.UTC())
	}
}

func TestValidateNamesTheSource(t *testing.T) {
	err := Validate([]Source{{Source: crawler.Source{Name: "a"}, Schedule: "@hourly"}, {Source: crawler.Source{Name: "b"}, Schedule: "TZ=UTC"}})
	if err == nil || !strings.Contains(err.Error(), "source b: schedule") {
		t.Errorf("err = %v", err)
	}
}

// fakeCrawler records crawls; slow and panicky on request.
type fakeCrawler struct {
	mu       sync.Mutex
	calls    map[string]int
	running  map[string]int
	overlaps int
	delay    time.Duration
	panicOn  string
}

func (f *fakeCrawler) Crawl(ctx context.Context, src crawler.Source) (crawler.Result, error) {
	f.mu.Lock()
	f.calls[src.Name]++
	f.running[src.Name]++
	if f.running[src.Name] > 1 {
		f.overlaps++
	}
	f.mu.Unlock()
	defer func() {
		f.mu.Lock()
		f.running[src.Name]--
		f.mu.Unlock()
	}()
	if src.Name == f.panicOn {
		panic("boom")
	}
	status := storage.StatusOK
	select {
	case <-time.After(f.delay):
	case <-ctx.Done():
		status = storage.StatusInterrupted
	}
	return crawler.Result{Source: src.Name, Status: status, Stats: storage.RunStats{PagesFetched: 1, ItemsNew: 2}}, nil
}

func (f *fakeCrawler) count(name string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[name]
}

type fakeStore struct{ writable error }

func (fakeStore) LastRun(context.Context, string) (storage.RunInfo, bool, error) {
	return storage.RunInfo{}, false, nil
}
func (s fakeStore) Writable(context.Context) error { return s.writable }

func src(name, spec string) Source {
	return Source{Source: crawler.Source{Name: name, URL: "http://127.0.0.1/" + name}, Schedule: spec}
}

func TestSchedulerRunsSkipsAndSurvivesPanics(t *testing.T) {
	fc := &fakeCrawler{calls: map[string]int{}, running: map[string]int{}, delay: 10 * time.Millisecond, panicOn: "bad"}
	s := &Scheduler{Crawler: fc, Store: fakeStore{}}
	slowFC := fc
	if err := s.Start([]Source{src("a", "@every 1s"), src("bad", "@every 1s")}); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2300 * time.Millisecond)
	if n := fc.count("a"); n < 2 {
		t.Errorf("a ran %d times in 2.3s on @every 1s", n)
	}
	if n := fc.count("bad"); n < 2 {
		t.Errorf("a panicking source stopped being scheduled: %d runs", n)
	}

	// A crawl slower than its interval is skipped, never overlapped.
	slowFC.mu.Lock()
	slowFC.delay = 2500 * time.Millisecond
	slowFC.mu.Unlock()
	if err := s.Reload([]Source{src("slow", "@every 1s")}); err != nil {
		t.Fatal(err)
	}
	time.Sleep(3500 * time.Millisecond)
	if fc.overlaps != 0 {
		t.Errorf("%d overlapping crawls", fc.overlaps)
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body := rec.Body.String()
	if !strings.Contains(body, `tagsnap_skipped_overlaps_total{source="slow"}`) {
		t.Errorf("no skipped overlaps in /metrics:\n%s", grep(body, "tagsnap_"))
	}
	for _, want := range []string{`tagsnap_runs_total{source="a",status="ok"}`, `tagsnap_runs_total{source="bad",status="failed"}`,
		`tagsnap_items_total{change="new",source="a"}`, "tagsnap_run_duration_seconds_bucket", "tagsnap_last_success_timestamp_seconds"} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}

	// Shutdown: the running slow crawl is cancelled after the grace time.
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		fc.mu.Lock()
		r := fc.running["slow"]
		fc.mu.Unlock()
		if r > 0 {
			break
		}
	}
	start := time.Now()
	n := s.Stop(100 * time.Millisecond)
	if n != 1 || time.Since(start) > 2*time.Second {
		t.Errorf("Stop cancelled %d crawls in %s", n, time.Since(start))
	}
	rec = httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/healthz", nil))
	if rec.Code != http.StatusServiceUnavailable {
		t.Errorf("healthz while stopped = %d", rec.Code)
	}
}

func TestHealthz(t *testing.T) {
	fc := &fakeCrawler{calls: map[string]int{}, running: map[string]int{}}
	s := &Scheduler{Crawler: fc, Store: fakeStore{}}
	if err := s.Start([]Source{src("a", "@hourly")}); err != nil {
		t.Fatal(err)
	}
	defer s.Stop(time.Second)
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	get := func(path string) (int, string) {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := get("/healthz"); code != 200 || !strings.Contains(body, `"status": "ok"`) {
		t.Errorf("healthz = %d %s", code, body)
	}
	if code, body := get("/sources"); code != 200 || !strings.Contains(body, `"name": "a"`) || !strings.Contains(body, `"next_run"`) {
		t.Errorf("sources = %d %s", code, body)
	}
	s.Store = fakeStore{writable: errString("database x.db is read-only")}
	if code, body := get("/healthz"); code != 503 || !strings.Contains(body, "read-only") {
		t.Errorf("healthz with a read-only db = %d %s", code, body)
	}
}

func TestReloadRejectsInvalid(t *testing.T) {
	fc := &fakeCrawler{calls: map[string]int{}, running: map[string]int{}}
	s := &Scheduler{Crawler: fc, Store: fakeStore{}}
	if err := s.Start([]Source{src("a", "@hourly"), src("b", "@hourly")}); err != nil {
		t.Fatal(err)
	}
	defer s.Stop(time.Second)
	if err := s.Reload([]Source{src("c", "not a spec")}); err == nil {
		t.Fatal("invalid reload accepted")
	}
	list, _ := s.Sources(context.Background())
	if len(list) != 2 || list[0].Name != "a" || list[1].Name != "b" {
		t.Errorf("after a rejected reload: %+v", list)
	}
	if err := s.Reload([]Source{src("b", "@hourly"), src("c", "@daily")}); err != nil {
		t.Fatal(err)
	}
	list, _ = s.Sources(context.Background())
	if len(list) != 2 || list[0].Name != "b" || list[1].Name != "c" {
		t.Errorf("after reload: %+v", list)
	}
}

type errString string

func (e errString) Error() string { return string(e) }

func grep(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
