package crawler

import (
	"context"
	"errors"
	"fmt"

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
	cur := w.parse(w.get(ctx, col, page, pageURL))
	fetched := 0
	for {
		if ctx.Err() != nil {
			return w.stopped(ctx, page)
		}
		jobs <- cur
		var ahead *parsed
		if cur.err == nil && cur.hint != "" && ctx.Err() == nil {
			if _, seen := w.seen[cur.hint]; !seen && w.hostAllowed(cur.hint) {
				a := w.parse(w.get(ctx, col, page+1, cur.hint))
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
		if ahead != nil && ahead.p.URL == pageURL {
			cur = *ahead
		} else {
			if ahead != nil {
				w.log.Info("next-link hint was wrong: fetching the right page", "hint", Redact(ahead.p.URL), "next", Redact(pageURL))
			}
			cur = w.parse(w.get(ctx, col, page, pageURL))
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
