// Package crawler owns one crawl of one source — a run: a colly collector
// per run, robots.txt (RFC 9309 policy, shared cache), politeness (a gate
// under every collector: per-host concurrency and delay with jitter, a
// global cap, Crawl-delay), retries with backoff and Retry-After,
// conditional GET, pagination through the extractor's next-page link
// (cycles, host policy, page limits, a run deadline), the incremental stop,
// and the extraction health check that marks a run degraded.
//
// A full crawl is a pipeline: the crawl's goroutine fetches (one request
// at a time, a page or two ahead), two workers parse and extract, the
// storer writes pages in order through the Store the package declares
// (*storage.DB). An incremental crawl stores each page before deciding to
// go on. A failed page is data (recorded on the run); a failed write is an
// error.
package crawler
