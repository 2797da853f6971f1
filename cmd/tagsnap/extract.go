package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tagsnap/tagsnap/extract"
)

// ExtractCommand previews what tagsnap would store from one page.
type ExtractCommand struct {
	*Main
}

const extractUsage = `Usage: tagsnap extract [flags] URL|FILE|-

Shows the articles a listing page lists — title, link, summary, date,
author, image — and the next page's URL, without a database. A URL is
fetched with one GET; FILE or - (stdin) is read as saved HTML, with --base
giving the page's URL.

With no selector flags the list is found zero-config; selector flags
(CSS, "sel@attr" to read an attribute) take over for pages where that guess
is wrong. Fields without a selector are still found automatically.

Examples:

	tagsnap extract https://www.example.org/tag/iskp/
	tagsnap extract --format json https://www.example.org/tag/iskp/ | jq '.items[].title'
	tagsnap extract --base https://example.org/news/ saved.html
	curl -s https://example.org/news/ | tagsnap extract --base https://example.org/news/ -
	tagsnap extract --item article.post --title 'h2 a' --published 'time@datetime' URL

Flags:
`

// Run runs the command.
func (c *ExtractCommand) Run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("tagsnap extract", flag.ContinueOnError)
	fs.SetOutput(c.Stderr)
	base := fs.String("base", "", "the page's URL, for a FILE or stdin (links resolve against it)")
	format := fs.String("format", "table", "output format: table, json or jsonl")
	timeout := fs.Duration("timeout", 30*time.Second, "timeout for fetching a URL")
	userAgent := fs.String("user-agent", "tagsnap/"+Version+" (+https://github.com/tagsnap/tagsnap)", "User-Agent for fetching a URL")
	contentType := fs.String("content-type", "", `Content-Type of a FILE or stdin, for its charset (e.g. "text/html; charset=windows-1251")`)
	nowFlag := fs.String("now", "", "reference time for relative dates like \"3 hours ago\" (RFC 3339; default: now)")
	verbose := fs.Bool("v", false, "print how the list was found to stderr")
	var spec extract.SelectorSpec
	fs.StringVar(&spec.Item, "item", "", "CSS selector of one entry")
	fs.StringVar(&spec.Title, "title", "", "CSS selector of the title, inside an entry")
	fs.StringVar(&spec.URL, "url", "", "CSS selector of the link (default attribute href), inside an entry")
	fs.StringVar(&spec.Summary, "summary", "", "CSS selector of the summary, inside an entry")
	fs.StringVar(&spec.Published, "published", "", "CSS selector of the date, inside an entry (e.g. time@datetime)")
	fs.StringVar(&spec.Author, "author", "", "CSS selector of the author, inside an entry")
	fs.StringVar(&spec.Image, "image", "", "CSS selector of the image (default attribute src), inside an entry")
	fs.StringVar(&spec.Next, "next", "", "CSS selector of the next-page link (default attribute href)")
	fs.Usage = func() {
		fmt.Fprint(c.Stderr, extractUsage)
		fs.PrintDefaults()
	}
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err}
	}
	if len(rest) != 1 {
		fs.Usage()
		return usagef("extract takes one URL, FILE or -; got %d arguments", len(rest))
	}
	switch *format {
	case "table", "json", "jsonl":
	default:
		return usagef("unknown --format %q: use table, json or jsonl", *format)
	}
	var sels *extract.Selectors
	if !spec.IsZero() {
		if sels, err = extract.CompileSelectors(spec); err != nil {
			return usageError{err}
		}
	}
	now := time.Now().UTC()
	if *nowFlag != "" {
		if now, err = time.Parse(time.RFC3339, *nowFlag); err != nil {
			return usagef("--now %q is not an RFC 3339 time", *nowFlag)
		}
	}

	src := rest[0]
	var body []byte
	pageURL, ctype := *base, *contentType
	if isURL(src) {
		if pageURL == "" {
			pageURL = src
		}
		var final string
		body, ctype, final, err = fetch(ctx, src, *userAgent, *timeout)
		if err != nil {
			return err
		}
		if *base == "" {
			pageURL = final
		}
	} else {
		if pageURL == "" {
			return usagef("--base URL is needed to read %s (links on the page resolve against it)", describeSource(src))
		}
		if body, err = readSource(c.Stdin, src); err != nil {
			return err
		}
	}
	if u, err := url.Parse(pageURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return usagef("--base %q is not an absolute http(s) URL", pageURL)
	}
	res, err := extract.Extract(body, extract.Options{URL: pageURL, ContentType: ctype, Selectors: sels, Now: now})
	if err != nil {
		return err
	}
	if *verbose {
		dg := res.Diagnostics
		fmt.Fprintf(c.Stderr, "strategy=%s encoding=%s region=%q score=%.2f runner_up=%.2f candidates=%d structured=%d\n%s\n",
			res.Strategy, dg.Encoding, dg.Region, dg.Score, dg.RunnerUp, dg.Candidates, dg.Structured, dg.Reason)
		for _, l := range dg.Lists {
			fmt.Fprintf(c.Stderr, "  list %.2f %d items %q first %q\n    %s\n", l.Score, l.Items, l.Region, l.First, l.Reason)
		}
		for _, n := range dg.Notes {
			fmt.Fprintln(c.Stderr, "note:", n)
		}
	}
	return writeResult(c.Stdout, res, *format)
}

func writeResult(w io.Writer, res *extract.Result, format string) error {
	bw := bufio.NewWriter(w)
	switch format {
	case "json":
		enc := json.NewEncoder(bw)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(res.JSON()); err != nil {
			return err
		}
	case "jsonl":
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
		for _, it := range res.Items {
			if err := enc.Encode(it.JSON()); err != nil {
				return err
			}
		}
	default:
		tw := tabwriter.NewWriter(bw, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "#\tPUBLISHED\tTITLE\tURL")
		for _, it := range res.Items {
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", it.Position, orDash(it.Published.String()), clip(it.Title, 70), it.URL)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		fmt.Fprintf(bw, "\n%d items (strategy %s)\n", len(res.Items), res.Strategy)
		if res.NextPage != "" {
			fmt.Fprintf(bw, "next page: %s\n", res.NextPage)
		} else {
			fmt.Fprintln(bw, "next page: none")
		}
	}
	return bw.Flush()
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func isURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

func describeSource(src string) string {
	if src == "-" {
		return "stdin"
	}
	return src
}

func readSource(stdin io.Reader, src string) ([]byte, error) {
	var r io.Reader = stdin
	if src != "-" {
		f, err := os.Open(src)
		if err != nil {
			return nil, fmt.Errorf("read page: %w", err)
		}
		defer f.Close()
		r = f
	}
	body, err := io.ReadAll(io.LimitReader(r, extract.MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", describeSource(src), err)
	}
	if len(body) > extract.MaxBytes {
		return nil, fmt.Errorf("read %s: larger than %d MB", describeSource(src), extract.MaxBytes>>20)
	}
	return body, nil
}

// fetch GETs rawURL once and returns its body, Content-Type and final URL
// (after redirects).
func fetch(ctx context.Context, rawURL, userAgent string, timeout time.Duration) ([]byte, string, string, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, "", "", usagef("bad URL %q: %v", rawURL, err)
	}
	req.Header.Set("User-Agent", userAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, "", "", fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, "", "", fmt.Errorf("fetch %s: HTTP %s", rawURL, resp.Status)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, extract.MaxBytes+1))
	if err != nil {
		return nil, "", "", fmt.Errorf("fetch %s: read body: %w", rawURL, err)
	}
	if len(body) > extract.MaxBytes {
		return nil, "", "", fmt.Errorf("fetch %s: page larger than %d MB", rawURL, extract.MaxBytes>>20)
	}
	return body, resp.Header.Get("Content-Type"), resp.Request.URL.String(), nil
}

// parseInterspersed parses flags that may come after positional arguments
// ("tagsnap extract URL --format json").
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return rest, nil
		}
		if args[0] == "--" {
			return append(rest, args[1:]...), nil
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
}
