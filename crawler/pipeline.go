package crawler

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"runtime/debug"
	"strconv"
	"sync"

	"github.com/tagsnap/tagsnap/storage"
)

// fetchFull is a full crawl as a pipeline: this goroutine fetches pages in
// order, a pool of two workers parses them and extracts their items, and
// the storer (the caller's) writes them in order. Fetching runs ahead of
// extraction on the next page's likely URL: a numbered pattern in the last
// pages (/page/7/ after /page/6/) lets it run up to two pages ahead;
// otherwise it parses the page here for its next-link hint and runs one
// page ahead. Each page's extracted next link is checked against what was
// fetched after it; on a difference the pages fetched ahead are dropped and
// the right one fetched. Requests stay one at a time, and only a full
// crawl (which will want every page anyway) runs ahead.
func (w *runner) fetchFull(ctx context.Context, store chan<- storage.Page) storage.Outcome {
	type result struct {
		p    storage.Page
		next string
		err  error
	}
	type job struct {
		pp  parsed
		res chan result // buffered: a dropped job never blocks its worker
	}
	jobs := make(chan *job, 2)
	var workers sync.WaitGroup
	for range 2 {
		workers.Add(1)
		go func() {
			defer workers.Done()
			for j := range jobs {
				j.res <- func() (r result) {
					// A bug in extraction fails the page, not the daemon.
					defer func() {
						if v := recover(); v != nil {
							w.log.Error("extraction panicked", "url", Redact(j.pp.p.URL), "panic", v, "stack", string(debug.Stack()))
							r.p = j.pp.p
							r.err = fmt.Errorf("extraction panicked: %v", v)
							r.p.Err, r.p.Body, r.p.Items = r.err.Error(), nil, nil
						}
					}()
					pp := j.pp
					if pp.unparsed {
						pp = w.parse(pp.got)
					}
					r.p, r.next, r.err = w.extract(pp)
					return r
				}()
			}
		}()
	}
	defer func() {
		close(jobs)
		workers.Wait()
	}()

	col := w.collector(ctx)
	urls := []string{w.src.URL} // fetched so far, the last ones maybe ahead of extraction
	var queue []*job            // fetched, not yet checked and stored, in page order
	page := 1                   // the page at the head of the queue
	fetched := 0
	submit := func(n int, u string) (hint string) {
		g := w.get(ctx, col, n, u)
		var pp parsed
		if guess := guessNext(urls); guess != "" && g.err == nil && g.f.status != http.StatusNotModified {
			pp, hint = parsed{got: g, unparsed: true}, guess
		} else {
			pp = w.parse(g)
			hint = pp.hint
			if pp.err != nil {
				hint = ""
			}
		}
		j := &job{pp: pp, res: make(chan result, 1)}
		queue = append(queue, j)
		jobs <- j
		return hint
	}
	w.seen[w.src.URL] = 1
	hint := submit(1, w.src.URL)
	for {
		// Run ahead while the pattern allows.
		for len(queue) < 3 && hint != "" && ctx.Err() == nil {
			if _, seen := w.seen[hint]; seen || !w.hostAllowed(hint) {
				break
			}
			n := page + len(queue)
			urls = append(urls, hint)
			hint = submit(n, hint)
			if guessNext(urls) == "" {
				break // no pattern: one page ahead is what the hint allows
			}
		}
		head := queue[0]
		r := <-head.res
		queue = queue[1:]
		if ctx.Err() != nil {
			return w.stopped(ctx, page)
		}
		store <- r.p
		if r.err != nil {
			w.log.Warn("page failed", "page", page, "url", Redact(r.p.URL), "error", r.err)
			msg := fmt.Sprintf("page %d (%s): %v", page, Redact(r.p.URL), r.err)
			if fetched == 0 {
				return storage.Outcome{Status: storage.StatusFailed, Error: msg}
			}
			return storage.Outcome{Status: storage.StatusPartial, Error: msg}
		}
		fetched++
		if o, stop := w.follow(page, r.next); stop {
			return o
		}
		page++
		w.seen[r.next] = page
		if len(queue) > 0 && queue[0].pp.p.URL == r.next {
			continue // fetched ahead rightly
		}
		if len(queue) > 0 {
			w.log.Info("pages fetched ahead were not the next ones", "fetched", Redact(queue[0].pp.p.URL), "next", Redact(r.next))
			queue = nil // their workers finish into buffered channels
		}
		urls = append(urls[:page-1:page-1], r.next)
		hint = submit(page, r.next)
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
