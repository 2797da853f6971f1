package schedules

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/tagsnap/tagsnap/crawler"
	"github.com/tagsnap/tagsnap/storage"
)

// Source is a source to keep current and its schedule.
type Source struct {
	crawler.Source
	Schedule string
}

// Store is what the daemon reads from the archive.
type Store interface {
	LastRun(ctx context.Context, source string) (storage.RunInfo, bool, error)
	Writable(ctx context.Context) error
}

// Crawler crawls one source; *crawler.Crawler is one.
type Crawler interface {
	Crawl(ctx context.Context, src crawler.Source) (crawler.Result, error)
}

var _ Crawler = (*crawler.Crawler)(nil)

// Scheduler runs crawls on their schedules. Set the fields, then Start.
type Scheduler struct {
	Crawler Crawler
	Store   Store
	Logger  *slog.Logger
	// MaxCrawls bounds crawls running at once (0: 4). A source whose time
	// comes while all slots are busy waits for one.
	MaxCrawls int
	// Jitter delays each scheduled crawl by a random time up to it, so
	// sources sharing a schedule do not fire together.
	Jitter time.Duration

	once    sync.Once
	metrics *metrics

	mu       sync.Mutex
	cron     *cron.Cron
	entries  map[string]*entry
	busy     map[string]*atomic.Bool // by source name; survives reloads
	stopping bool
	started  bool

	jobs       context.Context // crawls run under it; cancelled to abort them
	cancelJobs context.CancelFunc
	wg         sync.WaitGroup
	slots      chan struct{}
}

type entry struct {
	src   Source
	sched cron.Schedule
	id    cron.EntryID
}

func (s *Scheduler) init() {
	s.once.Do(func() {
		if s.Logger == nil {
			s.Logger = slog.New(slog.DiscardHandler)
		}
		if s.MaxCrawls <= 0 {
			s.MaxCrawls = 4
		}
		s.metrics = newMetrics()
		s.entries = map[string]*entry{}
		s.busy = map[string]*atomic.Bool{}
		s.slots = make(chan struct{}, s.MaxCrawls)
		s.jobs, s.cancelJobs = context.WithCancel(context.Background())
		s.cron = cron.New(cron.WithLocation(time.UTC), cron.WithLogger(cronLogger{s.Logger}),
			cron.WithParser(specParser{}))
	})
}

// specParser makes cron use ParseSpec (UTC default, no panics).
type specParser struct{}

func (specParser) Parse(spec string) (cron.Schedule, error) { return ParseSpec(spec) }

// Validate checks every source's schedule and that names are unique; the
// error names the source.
func Validate(sources []Source) error {
	seen := map[string]bool{}
	for _, src := range sources {
		if seen[src.Name] {
			return fmt.Errorf("source %s: listed twice", src.Name)
		}
		seen[src.Name] = true
		if _, err := ParseSpec(src.Schedule); err != nil {
			return fmt.Errorf("source %s: schedule: %w", src.Name, err)
		}
	}
	return nil
}

// Start schedules sources and starts the clock.
func (s *Scheduler) Start(sources []Source) error {
	s.init()
	if err := s.apply(sources); err != nil {
		return err
	}
	s.mu.Lock()
	s.started = true
	s.mu.Unlock()
	s.cron.Start()
	return nil
}

// Reload replaces the schedule: new sources are scheduled, removed ones
// stop (a crawl of theirs already running finishes), changed ones take
// their new settings. An invalid list changes nothing.
func (s *Scheduler) Reload(sources []Source) error {
	s.init()
	return s.apply(sources)
}

func (s *Scheduler) apply(sources []Source) error {
	if err := Validate(sources); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopping {
		return errors.New("the scheduler is stopping")
	}
	want := map[string]Source{}
	for _, src := range sources {
		want[src.Name] = src
	}
	for name, e := range s.entries {
		if src, ok := want[name]; !ok || !sameSource(src, e.src) {
			s.cron.Remove(e.id)
			delete(s.entries, name)
			if !ok {
				s.Logger.Info("source unscheduled", "source", name)
			}
		}
	}
	for _, src := range sources {
		if _, ok := s.entries[src.Name]; ok {
			continue
		}
		sched, _ := ParseSpec(src.Schedule) // validated above
		e := &entry{src: src, sched: sched}
		e.id = s.cron.Schedule(sched, cron.FuncJob(func() { s.fire(src) }))
		s.entries[src.Name] = e
		if s.busy[src.Name] == nil {
			s.busy[src.Name] = &atomic.Bool{}
		}
		s.metrics.touch(src.Name)
		s.Logger.Info("source scheduled", "source", src.Name, "schedule", src.Schedule, "url", src.URL)
	}
	s.metrics.sources.Set(float64(len(s.entries)))
	return nil
}

func sameSource(a, b Source) bool {
	return fmt.Sprintf("%+v", a) == fmt.Sprintf("%+v", b)
}

// fire runs one scheduled crawl of src unless one is still running.
func (s *Scheduler) fire(src Source) {
	s.mu.Lock()
	if s.stopping {
		s.mu.Unlock()
		return
	}
	busy := s.busy[src.Name]
	if !busy.CompareAndSwap(false, true) {
		s.mu.Unlock()
		s.metrics.skipped.WithLabelValues(src.Name).Inc()
		s.Logger.Warn("crawl skipped: the previous one is still running", "source", src.Name)
		return
	}
	s.wg.Add(1)
	s.mu.Unlock()
	defer s.wg.Done()
	defer busy.Store(false)
	s.crawl(s.jobs, src, true)
}

// crawl runs one crawl in a slot, with jitter when asked, and records its
// outcome in the metrics. A panic is recovered and logged; the crawler has
// already recorded the run as failed.
func (s *Scheduler) crawl(ctx context.Context, src Source, jitter bool) (res crawler.Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("crawl of %s panicked: %v", src.Name, r)
			s.Logger.Error("crawl panicked", "source", src.Name, "panic", r)
			s.metrics.runs.WithLabelValues(src.Name, storage.StatusFailed).Inc()
		}
	}()
	if jitter && s.Jitter > 0 {
		if !sleep(ctx, time.Duration(rand.Int64N(int64(s.Jitter)))) {
			return res, ctx.Err()
		}
	}
	select {
	case s.slots <- struct{}{}:
	case <-ctx.Done():
		return res, ctx.Err()
	}
	defer func() { <-s.slots }()
	s.metrics.running.Inc()
	defer s.metrics.running.Dec()
	res, err = s.Crawler.Crawl(ctx, src.Source)
	if err != nil {
		s.Logger.Error("crawl could not be stored", "source", src.Name, "error", err)
	}
	if res.Status != "" {
		s.metrics.observe(res)
	}
	return res, err
}

func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// RunDue crawls once every source that is due — never crawled, or its
// schedule had a time since its last run started — and returns the
// results, for running from system cron or a timer (--once).
func (s *Scheduler) RunDue(ctx context.Context, sources []Source, now time.Time) ([]crawler.Result, error) {
	s.init()
	if err := Validate(sources); err != nil {
		return nil, err
	}
	var due []Source
	for _, src := range sources {
		last, ok, err := s.Store.LastRun(ctx, src.Name)
		if err != nil {
			return nil, err
		}
		sched, _ := ParseSpec(src.Schedule)
		if !ok || !sched.Next(last.StartedAt).After(now) {
			due = append(due, src)
		} else {
			s.Logger.Info("not due", "source", src.Name, "next", sched.Next(last.StartedAt))
		}
	}
	results := make([]crawler.Result, len(due))
	errs := make([]error, len(due))
	var wg sync.WaitGroup
	for i, src := range due {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], errs[i] = s.crawl(ctx, src, false)
		}()
	}
	wg.Wait()
	return results, errors.Join(errs...)
}

// Stop stops scheduling, lets running crawls finish for up to grace, then
// cancels them (they are recorded as interrupted) and waits for them to
// end. It returns how many crawls had to be cancelled.
func (s *Scheduler) Stop(grace time.Duration) int {
	s.init()
	s.mu.Lock()
	s.stopping = true
	s.mu.Unlock()
	// cron's Stop returns a context that waits for running jobs; we wait
	// for them ourselves, with the grace bound. A job starting after this
	// sees stopping and returns.
	s.cron.Stop()
	done := make(chan struct{})
	go func() { s.wg.Wait(); close(done) }()
	select {
	case <-done:
		return 0
	case <-time.After(grace):
	}
	n := int(s.runningCount())
	s.Logger.Warn("shutdown timeout: cancelling running crawls", "running", n)
	s.cancelJobs()
	<-done
	return n
}

// Abort cancels running crawls at once (a second signal).
func (s *Scheduler) Abort() {
	s.init()
	s.cancelJobs()
}

func (s *Scheduler) runningCount() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	var n int64
	for _, b := range s.busy {
		if b.Load() {
			n++
		}
	}
	return n
}

// SourceStatus is a source as /sources shows it.
type SourceStatus struct {
	Name     string          `json:"name"`
	URL      string          `json:"url"`
	Schedule string          `json:"schedule"`
	NextRun  *time.Time      `json:"next_run"`
	Running  bool            `json:"running"`
	LastRun  *LastRunSummary `json:"last_run"`
}

// LastRunSummary is a source's last run.
type LastRunSummary struct {
	ID         int64      `json:"id"`
	Status     string     `json:"status"`
	StartedAt  time.Time  `json:"started_at"`
	FinishedAt *time.Time `json:"finished_at"`
	Error      string     `json:"error,omitempty"`
}

// Sources reports every scheduled source, by name.
func (s *Scheduler) Sources(ctx context.Context) ([]SourceStatus, error) {
	s.init()
	s.mu.Lock()
	var out []SourceStatus
	for name, e := range s.entries {
		st := SourceStatus{Name: name, URL: e.src.URL, Schedule: e.src.Schedule, Running: s.busy[name].Load()}
		if ce := s.cron.Entry(e.id); ce.Valid() && !ce.Next.IsZero() {
			next := ce.Next.UTC()
			st.NextRun = &next
		}
		out = append(out, st)
	}
	s.mu.Unlock()
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	for i := range out {
		last, ok, err := s.Store.LastRun(ctx, out[i].Name)
		if err != nil {
			return nil, err
		}
		if ok {
			l := &LastRunSummary{ID: last.ID, Status: last.Status, StartedAt: last.StartedAt.UTC(), Error: last.Error}
			if !last.FinishedAt.IsZero() {
				f := last.FinishedAt.UTC()
				l.FinishedAt = &f
			}
			out[i].LastRun = l
		}
	}
	return out, nil
}

// cronLogger sends robfig/cron's logs to slog.
type cronLogger struct{ l *slog.Logger }

func (c cronLogger) Info(msg string, kv ...any) { c.l.Debug("cron: "+msg, kv...) }
func (c cronLogger) Error(err error, msg string, kv ...any) {
	c.l.Error("cron: "+msg, append(kv, "error", err)...)
}
