package crawler

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/temoto/robotstxt"
)

// robotsTTL is how long a robots.txt answer is trusted (RFC 9309 allows up
// to a day; an hour lets a daemon notice changes the same day).
const robotsTTL = time.Hour

// ErrRobotsUnavailable means robots.txt could not be read (5xx or no
// answer): RFC 9309 says to assume everything is disallowed, so the run
// stops and a later one tries again.
var ErrRobotsUnavailable = errors.New("robots.txt unavailable")

// ErrRobotsBlocked means robots.txt disallows the URL for our user agent.
var ErrRobotsBlocked = errors.New("blocked by robots.txt")

// robotsCache keeps each host's robots.txt for robotsTTL; failures are not
// kept, so the next run asks again.
type robotsCache struct {
	mu       sync.Mutex
	entries  map[string]robotsEntry  // scheme://host
	fetching map[string]*robotsFetch // the fetch in progress per host
}

// robotsFetch is one fetch of a robots.txt that other runs wait for.
type robotsFetch struct {
	done chan struct{}
	e    robotsEntry
	err  error
}

type robotsEntry struct {
	data    *robotstxt.RobotsData // nil: allow all (4xx)
	fetched time.Time
}

// allowed applies the policy of RFC 9309 to u: 2xx = the rules, 4xx =
// allow all, 5xx or no answer = disallow (ErrRobotsUnavailable). It also
// records the host's Crawl-delay in the gate.
func (c *Crawler) robotsAllowed(ctx context.Context, client *http.Client, u *url.URL, agent string) error {
	key := u.Scheme + "://" + u.Host
	e, err := c.robotsFor(ctx, client, key)
	if err != nil {
		return err
	}
	if e.data == nil {
		return nil
	}
	group := e.data.FindGroup(agent)
	if group.CrawlDelay > 0 {
		c.gate.setCrawlDelay(u.Host, min(group.CrawlDelay, time.Minute))
	}
	path := u.EscapedPath()
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	if !group.Test(path) {
		return ErrRobotsBlocked
	}
	return nil
}

// robotsFor returns the host's robots.txt, fetching it when not cached.
// Runs starting together on one host wait for one fetch instead of each
// asking.
func (c *Crawler) robotsFor(ctx context.Context, client *http.Client, key string) (robotsEntry, error) {
	for {
		c.robots.mu.Lock()
		e, ok := c.robots.entries[key]
		if ok && time.Since(e.fetched) <= robotsTTL {
			c.robots.mu.Unlock()
			return e, nil
		}
		f, busy := c.robots.fetching[key]
		if !busy {
			f = &robotsFetch{done: make(chan struct{})}
			if c.robots.fetching == nil {
				c.robots.fetching = map[string]*robotsFetch{}
			}
			c.robots.fetching[key] = f
			c.robots.mu.Unlock()
			f.e, f.err = fetchRobots(ctx, client, key+"/robots.txt")
			c.robots.mu.Lock()
			if f.err == nil {
				c.robots.entries[key] = f.e
			}
			delete(c.robots.fetching, key)
			close(f.done)
			c.robots.mu.Unlock()
			return f.e, f.err
		}
		c.robots.mu.Unlock()
		select {
		case <-f.done:
			// A failure is shared by the runs that waited (each is
			// disallowed this time) and not cached: the next run asks
			// again, as RFC 9309 wants.
			if !errors.Is(f.err, context.Canceled) && !errors.Is(f.err, context.DeadlineExceeded) {
				return f.e, f.err
			}
		case <-ctx.Done():
			return robotsEntry{}, ctx.Err()
		}
	}
}

func fetchRobots(ctx context.Context, client *http.Client, robotsURL string) (robotsEntry, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, robotsURL, nil)
	if err != nil {
		return robotsEntry{}, err
	}
	resp, err := client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return robotsEntry{}, ctx.Err()
		}
		return robotsEntry{}, fmt.Errorf("%w: %v", ErrRobotsUnavailable, describeNetErr(err))
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 512<<10)) // RFC 9309: at least 500 KiB
	switch {
	case resp.StatusCode >= 500:
		return robotsEntry{}, fmt.Errorf("%w: HTTP %d; retry later", ErrRobotsUnavailable, resp.StatusCode)
	case resp.StatusCode >= 400:
		return robotsEntry{fetched: time.Now()}, nil // no rules: allow all
	case resp.StatusCode >= 300 || err != nil:
		return robotsEntry{}, fmt.Errorf("%w: %v", ErrRobotsUnavailable, errOr(err, fmt.Sprintf("HTTP %d", resp.StatusCode)))
	}
	data, perr := robotstxt.FromStatusAndBytes(resp.StatusCode, body)
	if perr != nil {
		return robotsEntry{fetched: time.Now()}, nil // unparseable: as good as none
	}
	return robotsEntry{data: data, fetched: time.Now()}, nil
}

func errOr(err error, s string) string {
	if err != nil {
		return err.Error()
	}
	return s
}
