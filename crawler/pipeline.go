package crawler

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/tagsnap/tagsnap/storage"
)

// fetchFull is a full crawl as a three-stage pipeline on separate
// goroutines: this one fetches and parses page N+1 (following the next-link
// hint of page N) while a worker extracts page N's items and the storer
// (the caller's) writes page N-1. Each stage alone is about as costly as
// fetching and parsing, so on two cores the crawl runs near the speed of a
// bare fetch-and-parse crawler.
//
// Only one page is fetched ahead, and only because a full crawl will want
// it anyway. When the extracted next link differs from the hint (an item's
// own link looked like a pager), the page fetched ahead is dropped and the
// right one fetched.
func (w *runner) fetchFull(ctx context.Context, store chan<- storage.Page) storage.Outcome {
	type verdict struct {
		next string
		err  error
	}
	jobs := make(chan parsed, 1)
	verdicts := make(chan verdict, 1)
	worker := make(chan struct{})
	go func() {
		defer close(worker)
		for pp := range jobs {
			if pp.unparsed {
				pp = w.parse(pp.got)
			}
			p, next, err := w.extract(pp)
			store <- p
			verdicts <- verdict{next, err}
		}
	}()
	defer func() {
		close(jobs)
		<-worker
	}()

	col := w.collector(ctx)
	page, pageURL := 1, w.src.URL
	w.seen[pageURL] = page
	urls := []string{pageURL} // the pages so far, as the extractor led to them
	cur := w.get(ctx, col, page, pageURL)
	fetched := 0
	for {
		if ctx.Err() != nil {
			return w.stopped(ctx, page)
		}
		// The next page's URL, to fetch it ahead: where the last pages
		// followed a numbered pattern (/page/7/ after /page/6/), the
		// pattern says it and this page goes to the worker unparsed;
		// otherwise the page is parsed here for its next-link hint.
		var pp parsed
		var hint string
		if g := guessNext(urls); g != "" && cur.err == nil && cur.f.status != http.StatusNotModified {
			pp, hint = parsed{got: cur, unparsed: true}, g
		} else {
			pp = w.parse(cur)
			hint = pp.hint
		}
		jobs <- pp
		var ahead *got
		if pp.err == nil && hint != "" && ctx.Err() == nil {
			if _, seen := w.seen[hint]; !seen && w.hostAllowed(hint) {
				a := w.get(ctx, col, page+1, hint)
				ahead = &a
			}
		}
		v := <-verdicts
		if ctx.Err() != nil {
			return w.stopped(ctx, page)
		}
		if v.err != nil {
			w.log.Warn("page failed", "page", page, "url", Redact(pageURL), "error", v.err)
			msg := fmt.Sprintf("page %d (%s): %v", page, Redact(pageURL), v.err)
			if fetched == 0 {
				return storage.Outcome{Status: storage.StatusFailed, Error: msg}
			}
			return storage.Outcome{Status: storage.StatusPartial, Error: msg}
		}
		fetched++
		if o, stop := w.follow(page, v.next); stop {
			return o
		}
		page, pageURL = page+1, v.next
		w.seen[pageURL] = page
		urls = append(urls, pageURL)
		if ahead != nil && ahead.p.URL == pageURL {
			cur = *ahead
		} else {
			if ahead != nil {
				w.log.Info("the page fetched ahead was not the next one", "fetched", Redact(ahead.p.URL), "next", Redact(pageURL))
			}
			cur = w.get(ctx, col, page, pageURL)
		}
	}
}

// stopped is the outcome of a run whose context ended at page.
func (w *runner) stopped(ctx context.Context, page int) storage.Outcome {
	cause := context.Cause(ctx)
	if errors.Is(cause, errRunDeadline) {
		return storage.Outcome{Status: storage.StatusPartial, Error: fmt.Sprintf("%v after %s at page %d", cause, w.c.RunTimeout, page)}
	}
	return storage.Outcome{Status: storage.StatusInterrupted, Error: "interrupted: " + cause.Error()}
}

// guessNext predicts the page after the last of urls when the last two
// differ in exactly one number (/page/6/ -> /page/7/, ?start=40 ->
// ?start=60): the same step again. "" when there is no such pattern.
func guessNext(urls []string) string {
	if len(urls) < 2 {
		return ""
	}
	a, b := splitDigits(urls[len(urls)-2]), splitDigits(urls[len(urls)-1])
	if len(a) != len(b) {
		return ""
	}
	at := -1
	for i := range a {
		if a[i] == b[i] {
			continue
		}
		if at >= 0 || !isDigits(a[i]) || !isDigits(b[i]) {
			return ""
		}
		at = i
	}
	if at < 0 {
		return ""
	}
	x, err1 := strconv.Atoi(a[at])
	y, err2 := strconv.Atoi(b[at])
	if err1 != nil || err2 != nil || y <= x {
		return ""
	}
	b[at] = strconv.Itoa(y + (y - x))
	out := ""
	for _, part := range b {
		out += part
	}
	return out
}

// splitDigits cuts s into alternating runs of digits and non-digits.
func splitDigits(s string) []string {
	var parts []string
	start := 0
	for i := 1; i <= len(s); i++ {
		if i == len(s) || isDigit(s[i]) != isDigit(s[start]) {
			parts = append(parts, s[start:i])
			start = i
		}
	}
	return parts
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isDigits(s string) bool { return s != "" && isDigit(s[0]) }
