// Package schedules is tagsnap's daemon: it keeps every source current on
// its cron schedule (robfig/cron/v3, UTC unless a CRON_TZ= prefix says
// otherwise), one crawl at a time per source and a bounded number
// overall, with optional jitter, recovered panics, reload of the source
// list without a restart, graceful shutdown (running crawls finish within a
// bound, then are cancelled and recorded as interrupted) and an HTTP
// endpoint for /healthz, /metrics (Prometheus) and /sources.
//
// It knows nothing of HTML or SQL: crawls go through the crawler, health
// and last runs through small interfaces the caller provides.
package schedules
