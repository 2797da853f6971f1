package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/tagsnap/tagsnap/cmd/tagsnap/internal/config"
	"github.com/tagsnap/tagsnap/crawler"
	"github.com/tagsnap/tagsnap/storage"
)

// CrawlCommand crawls sources into the archive.
type CrawlCommand struct {
	*Main
}

const crawlUsage = `Usage: tagsnap crawl [flags] [URL...]

Crawls listing pages into the archive: page 1, then the next-page links. Each
crawl of a source is a run; the result line per source says how it went.

A plain crawl is incremental and cheap: pages are asked for with
If-None-Match / If-Modified-Since, page 1 answering 304 Not Modified ends the
run, and so does a page that brings nothing new or changed (--known-pages);
at most --max-pages pages. --full follows the listing to its last page. Sources come from --config (all of
them, or those named with --source), from URLs on the command line, or from
--urls-from (one URL per line; # comments). A URL becomes a source named
from its host and path on first use.

Items are only marked removed by a run that saw the whole listing without a
failed page — use --full (or a listing shorter than --max-pages).

Exit status is 1 if any run failed or was interrupted.

Examples:

	tagsnap crawl https://www.example.org/tag/iskp/
	tagsnap crawl --full --delay 2s https://www.example.org/tag/iskp/
	tagsnap crawl --config tagsnap.yaml
	tagsnap crawl --config tagsnap.yaml --source lwj-iskp --format json
	tagsnap crawl --urls-from urls.txt --workers 8 --per-host 1

Flags:
`

// Run runs the command.
func (c *CrawlCommand) Run(ctx context.Context, args []string) error {
	fs := c.newFlagSet("crawl", crawlUsage)
	dbPath := c.dbFlag(fs)
	configPath := fs.String("config", c.Getenv("TAGSNAP_CONFIG"), "YAML config file with sources (env TAGSNAP_CONFIG)")
	var names stringsFlag
	fs.Var(&names, "source", "crawl the configured source `NAME` (repeatable; default: all)")
	urlsFrom := fs.String("urls-from", "", "read URLs to crawl from `FILE` (- for stdin), one per line")
	full := fs.Bool("full", false, "follow the listing to its last page, ignoring --max-pages and the incremental stop (needed to decide removals)")
	knownPages := fs.Int("known-pages", 1, "incremental stop: end the run after `K` pages in a row with nothing new or changed")
	retries := fs.Int("retries", crawler.DefaultRetries, "retries of a failed request (network error, 5xx, 429, truncated body); 0 = none")
	runTimeout := fs.Duration("run-timeout", crawler.DefaultRunTimeout, "time limit of one source's run")
	maxConns := fs.Int("max-conns", 16, "concurrent requests overall")
	noConditional := fs.Bool("no-conditional", false, "do not send If-None-Match / If-Modified-Since")
	maxPages := fs.Int("max-pages", 0, "pages to follow per source (default: config, else 10)")
	workers := fs.Int("workers", 4, "sources crawled at once")
	perHost := fs.Int("per-host", 0, "concurrent requests to one host (default: config, else 2)")
	delay := fs.Duration("delay", 0, "pause between requests to one host (default: config, else 1s)")
	timeout := fs.Duration("timeout", 0, "time limit per request (default: config, else 30s)")
	userAgent := fs.String("user-agent", "", "User-Agent header (default: config, else tagsnap/VERSION)")
	format := fs.String("format", "table", "result format: table or json")
	verbose := fs.Bool("v", false, "log each run's progress to stderr")
	logFormat := fs.String("log-format", "text", "log format: text or json")
	urls, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if err := tableOrJSON(*format); err != nil {
		return err
	}
	if *workers < 1 || (set["max-pages"] && *maxPages < 1) || (set["per-host"] && *perHost < 1) || *knownPages < 1 || *maxConns < 1 {
		return usagef("--workers, --max-pages, --per-host, --known-pages and --max-conns must be at least 1")
	}
	if *delay < 0 || *retries < 0 || *runTimeout <= 0 {
		return usagef("--delay and --retries must not be negative, --run-timeout must be positive")
	}

	// Sources: configured ones, then ad-hoc URLs.
	defaults := config.DefaultSettings()
	var sources []config.Source
	if *configPath != "" {
		cfg, err := config.ReadFile(*configPath)
		if err != nil {
			return err
		}
		defaults = cfg.Defaults
		if len(names) == 0 && len(urls) == 0 && *urlsFrom == "" {
			sources = cfg.Sources
		}
		for _, n := range names {
			s, ok := cfg.Source(n)
			if !ok {
				return usagef("no source %q in %s", n, *configPath)
			}
			sources = append(sources, s)
		}
	} else if len(names) > 0 {
		return usagef("--source needs --config")
	}
	if *urlsFrom != "" {
		more, err := readURLs(c.Stdin, *urlsFrom)
		if err != nil {
			return err
		}
		urls = append(urls, more...)
	}
	for _, u := range urls {
		s, err := config.SourceForURL(u, defaults)
		if err != nil {
			return usageError{err}
		}
		sources = append(sources, s)
	}
	if len(sources) == 0 {
		fs.Usage()
		return usagef("nothing to crawl: give URLs, --urls-from or --config")
	}
	sources = dedupeSources(sources)

	logger, err := newLogger(c.Stderr, *logFormat, *verbose)
	if err != nil {
		return err
	}
	db, err := openDB(ctx, *dbPath, false)
	if err != nil {
		return err
	}
	defer db.Close()

	if *retries == 0 {
		*retries = -1 // the Crawler reads 0 as "the default"
	}
	cr := &crawler.Crawler{
		Store:         db,
		Logger:        logger,
		UserAgent:     firstNonEmpty(*userAgent, defaults.UserAgent, defaultUserAgent()),
		PerHost:       pick(set["per-host"], *perHost, defaults.PerHost),
		Delay:         pick(set["delay"], *delay, defaults.Delay),
		Timeout:       pick(set["timeout"], *timeout, defaults.Timeout),
		MaxConns:      *maxConns,
		Retries:       *retries,
		RunTimeout:    *runTimeout,
		NoConditional: *noConditional,
	}
	progress := &progress{w: c.Stderr, on: isTerminal(c.Stderr) && !*verbose}
	cr.OnPage = progress.page
	var jobs []crawler.Source
	for _, s := range sources {
		js := crawlerSource(s)
		js.Full = *full
		js.KnownPages = *knownPages
		if set["max-pages"] {
			js.MaxPages = *maxPages
		}
		if set["delay"] {
			js.Delay = *delay
		}
		if set["timeout"] {
			js.Timeout = *timeout
		}
		if set["user-agent"] {
			js.UserAgent = *userAgent
		}
		jobs = append(jobs, js)
	}
	results, storeErr := cr.CrawlAll(ctx, jobs, *workers)
	progress.done()
	if *format == "json" {
		// The same objects as "tagsnap runs --format json".
		var infos []storage.RunInfo
		for _, r := range results {
			if r.RunID == 0 {
				continue // never started: the error says why
			}
			ri, err := db.Run(ctx, r.RunID)
			if err != nil {
				return err
			}
			infos = append(infos, ri)
		}
		if err := writeRunsJSON(c.Stdout, infos); err != nil {
			return err
		}
	} else if err := writeResults(c.Stdout, results); err != nil {
		return err
	}
	if storeErr != nil {
		return storeErr
	}
	var failed []string
	for _, r := range results {
		if r.Status == storage.StatusFailed || r.Status == storage.StatusInterrupted {
			failed = append(failed, r.Source)
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("%d of %d runs did not succeed: %s", len(failed), len(results), strings.Join(failed, ", "))
	}
	return nil
}

// crawlerSource turns a configured source into what the crawler needs.
func crawlerSource(s config.Source) crawler.Source {
	return crawler.Source{
		Name: s.Name, URL: s.URL, Selectors: s.Selectors, MaxPages: s.MaxPages, Delay: s.Delay,
		UserAgent: s.UserAgent, Timeout: s.Timeout, AllowHosts: s.AllowHosts, FullEvery: s.FullEvery,
	}
}

func defaultUserAgent() string {
	return "tagsnap/" + Version + " (+https://github.com/tagsnap/tagsnap)"
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

func pick[T any](useFlag bool, flagValue, configValue T) T {
	if useFlag {
		return flagValue
	}
	return configValue
}

// dedupeSources drops repeated sources (same name), keeping the first.
func dedupeSources(in []config.Source) []config.Source {
	seen := map[string]bool{}
	var out []config.Source
	for _, s := range in {
		if !seen[s.Name] {
			seen[s.Name] = true
			out = append(out, s)
		}
	}
	return out
}

// readURLs reads one URL per line; blank lines and # comments are skipped.
func readURLs(stdin io.Reader, path string) ([]string, error) {
	var r io.Reader = stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("read URLs: %w", err)
		}
		defer f.Close()
		r = f
	}
	var out []string
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, line)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read URLs from %s: %w", path, err)
	}
	return out, nil
}

// writeResults prints a table line per run.
func writeResults(w io.Writer, results []crawler.Result) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RUN\tSOURCE\tSTATUS\tPAGES\t304\tITEMS\tNEW\tCHANGED\tREMOVED\tTIME\tNOTE")
	for _, r := range results {
		status := r.Status
		if r.Status == storage.StatusOK && r.Complete {
			status += " (complete)"
		}
		pages := fmt.Sprint(r.Stats.PagesFetched)
		if r.Stats.PagesFailed > 0 {
			pages += fmt.Sprintf(" (+%d failed)", r.Stats.PagesFailed)
		}
		note := r.Error
		if r.Health != "" {
			note = strings.TrimSpace(r.Health + ". " + note)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\t%d\t%d\t%d\t%d\t%s\t%s\n", r.RunID, r.Source, status, pages, r.Stats.PagesNotModified,
			r.Stats.ItemsSeen, r.Stats.ItemsNew, r.Stats.ItemsChanged, r.Stats.ItemsRemoved, r.Duration.Round(10*time.Millisecond), note)
	}
	return tw.Flush()
}

// progress shows the pages as they come on a terminal.
type progress struct {
	mu    sync.Mutex
	w     io.Writer
	on    bool
	pages int
	items int
}

func (p *progress) page(e crawler.PageEvent) {
	if !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.pages++
	p.items += e.Items
	fmt.Fprintf(p.w, "\r\033[K%d pages, %d items — %s page %d", p.pages, p.items, e.Source, e.Page)
}

func (p *progress) done() {
	if p.on && p.pages > 0 {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
