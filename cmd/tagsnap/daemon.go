package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"syscall"
	"time"

	"github.com/tagsnap/tagsnap/cmd/tagsnap/internal/config"
	"github.com/tagsnap/tagsnap/crawler"
	"github.com/tagsnap/tagsnap/schedules"
	"github.com/tagsnap/tagsnap/storage"
)

// DaemonCommand keeps every configured source current on its schedule.
type DaemonCommand struct {
	*Main
}

const daemonUsage = `Usage: tagsnap daemon --config FILE [flags]

Keeps every source of the config file current on its cron schedule
("schedule:" per source or in defaults: 5-field cron, @hourly, @every 30m,
CRON_TZ=Europe/Berlin ...; UTC unless a zone is given). One crawl at a time
per source — a crawl still running when its next time comes is skipped —
and at most --max-crawls at once. Logs go to stderr.

Signals: SIGHUP re-reads the config (an invalid one is logged and the old
one kept); SIGINT/SIGTERM stop scheduling, let running crawls finish for up
to --shutdown-timeout, then cancel them (recorded as interrupted); a second
signal cancels at once.

With --listen, serves /healthz (200 or 503 with the reason), /metrics
(Prometheus) and /sources (JSON: schedule, next run, last run). An address
without a host (":9090") binds 127.0.0.1.

--once crawls every source that is due (never crawled, or its schedule
had a time since its last run) and exits: for system cron or a systemd
timer. Exit status 1 if a run failed.

Examples:

	tagsnap daemon --config tagsnap.yaml --listen 127.0.0.1:9090
	tagsnap daemon --config tagsnap.yaml --log-format json --shutdown-timeout 1m
	tagsnap daemon --config tagsnap.yaml --once      # from cron: */5 * * * *

Flags:
`

// Run runs the command.
func (c *DaemonCommand) Run(ctx context.Context, args []string) error {
	fs := c.newFlagSet("daemon", daemonUsage)
	dbPath := c.dbFlag(fs)
	configPath := fs.String("config", c.Getenv("TAGSNAP_CONFIG"), "YAML config file with sources (env TAGSNAP_CONFIG)")
	listen := fs.String("listen", "", "serve /healthz, /metrics and /sources on `ADDR`")
	logFormat := fs.String("log-format", "text", "log format: text or json")
	once := fs.Bool("once", false, "crawl the sources that are due, then exit")
	shutdownTimeout := fs.Duration("shutdown-timeout", 30*time.Second, "how long running crawls may finish after SIGTERM")
	maxCrawls := fs.Int("max-crawls", 4, "crawls running at once")
	jitter := fs.Duration("jitter", 0, "delay each scheduled crawl by a random time up to `D`")
	maxConns := fs.Int("max-conns", 16, "concurrent requests overall")
	quiet := fs.Bool("q", false, "log only warnings and errors")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if *configPath == "" {
		fs.Usage()
		return usagef("the daemon needs --config")
	}
	if *maxCrawls < 1 || *maxConns < 1 || *shutdownTimeout < 0 || *jitter < 0 {
		return usagef("--max-crawls and --max-conns must be at least 1; --shutdown-timeout and --jitter not negative")
	}
	cfg, sources, err := loadSchedule(*configPath)
	if err != nil {
		return err
	}
	logger, err := newLogger(c.Stderr, *logFormat, !*quiet)
	if err != nil {
		return err
	}
	db, err := openDB(ctx, *dbPath, false)
	if err != nil {
		return err
	}
	defer db.Close()

	cr := &crawler.Crawler{
		Store: db, Logger: logger.With("component", "crawler"),
		UserAgent: firstNonEmpty(cfg.Defaults.UserAgent, defaultUserAgent()),
		PerHost:   cfg.Defaults.PerHost, Delay: cfg.Defaults.Delay, Timeout: cfg.Defaults.Timeout, MaxConns: *maxConns,
	}
	sched := &schedules.Scheduler{Crawler: cr, Store: db, Logger: logger.With("component", "scheduler"),
		MaxCrawls: *maxCrawls, Jitter: *jitter}

	if *once {
		results, err := sched.RunDue(ctx, sources, time.Now())
		if len(results) > 0 {
			if werr := writeResults(c.Stdout, results); werr != nil {
				return werr
			}
		} else {
			fmt.Fprintln(c.Stderr, "nothing is due")
		}
		if err != nil {
			return err
		}
		for _, r := range results {
			if r.Status == storage.StatusFailed || r.Status == storage.StatusInterrupted {
				return fmt.Errorf("%s: run %d %s: %s", r.Source, r.RunID, r.Status, r.Error)
			}
		}
		return nil
	}

	// Signals first, so none is lost while starting.
	sigs := make(chan os.Signal, 4)
	c.notify(sigs, syscall.SIGHUP, syscall.SIGINT, syscall.SIGTERM)
	defer c.stopNotify(sigs)

	if err := sched.Start(sources); err != nil {
		return err
	}
	var srv *http.Server
	if *listen != "" {
		ln, err := listenLoopbackDefault(*listen)
		if err != nil {
			sched.Stop(0)
			return err
		}
		srv = &http.Server{Handler: sched.Handler(), ReadHeaderTimeout: 5 * time.Second}
		go srv.Serve(ln)
		logger.Info("serving /healthz, /metrics, /sources", "addr", ln.Addr().String())
	}
	logger.Info("daemon started", "sources", len(sources), "db", *dbPath, "config", *configPath)

	stopped := make(chan int, 1)
	stopping := false
	stop := func(why string) {
		if stopping {
			return
		}
		stopping = true
		logger.Info("shutting down: waiting for running crawls", "why", why, "timeout", *shutdownTimeout)
		go func() { stopped <- sched.Stop(*shutdownTimeout) }()
	}
	done := ctx.Done()
	for {
		select {
		case <-done:
			done = nil
			stop("context cancelled")
		case sig := <-sigs:
			switch {
			case sig == syscall.SIGHUP && !stopping:
				c.reload(sched, *configPath, logger)
			case sig == syscall.SIGHUP:
			case stopping:
				logger.Warn("second signal: cancelling running crawls now", "signal", sig.String())
				sched.Abort()
			default:
				stop(sig.String())
			}
		case n := <-stopped:
			if srv != nil {
				sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
				srv.Shutdown(sctx)
				cancel()
			}
			logger.Info("daemon stopped", "interrupted_crawls", n)
			return nil
		}
	}
}

// reload re-reads the config; an invalid one keeps the old schedule.
func (c *DaemonCommand) reload(sched *schedules.Scheduler, path string, logger interface {
	Info(string, ...any)
	Error(string, ...any)
}) {
	_, sources, err := loadSchedule(path)
	if err == nil {
		err = sched.Reload(sources)
	}
	if err != nil {
		logger.Error("reload rejected: keeping the running configuration", "error", err)
		return
	}
	logger.Info("configuration reloaded", "sources", len(sources))
}

// loadSchedule reads the config and checks every source's schedule, naming
// the file, line and source of a bad one.
func loadSchedule(path string) (*config.Config, []schedules.Source, error) {
	cfg, err := config.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	var out []schedules.Source
	for _, s := range cfg.Sources {
		if _, err := schedules.ParseSpec(s.Schedule); err != nil {
			return nil, nil, fmt.Errorf("%s:%d: sources %s: schedule: %w", cfg.Path, s.Line, s.Name, err)
		}
		out = append(out, schedules.Source{Source: crawlerSource(s), Schedule: s.Schedule})
	}
	return cfg, out, nil
}

// listenLoopbackDefault listens on addr; an address without a host binds
// 127.0.0.1, never every interface by accident.
func listenLoopbackDefault(addr string) (net.Listener, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, usagef("--listen %q: want HOST:PORT, e.g. 127.0.0.1:9090", addr)
	}
	if host == "" {
		host = "127.0.0.1"
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(host, port))
	if err != nil {
		return nil, fmt.Errorf("--listen: %w", err)
	}
	return ln, nil
}
