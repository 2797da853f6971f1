package schedules

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/tagsnap/tagsnap/crawler"
	"github.com/tagsnap/tagsnap/storage"
)

// metrics are the daemon's Prometheus metrics, in a registry of its own
// (no globals: tests and several schedulers in one process do not clash).
type metrics struct {
	registry    *prometheus.Registry
	runs        *prometheus.CounterVec
	pages       *prometheus.CounterVec
	notModified *prometheus.CounterVec
	retries     *prometheus.CounterVec
	requests    *prometheus.CounterVec
	items       *prometheus.CounterVec
	duration    *prometheus.HistogramVec
	lastSuccess *prometheus.GaugeVec
	degraded    *prometheus.CounterVec
	skipped     *prometheus.CounterVec
	running     prometheus.Gauge
	sources     prometheus.Gauge
}

func newMetrics() *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		runs: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "tagsnap_runs_total",
			Help: "Crawl runs finished, by source and status (ok, partial, failed, interrupted, degraded)."}, []string{"source", "status"}),
		pages: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "tagsnap_pages_fetched_total",
			Help: "Listing pages downloaded."}, []string{"source"}),
		notModified: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "tagsnap_pages_not_modified_total",
			Help: "Listing pages answered 304 Not Modified."}, []string{"source"}),
		retries: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "tagsnap_retries_total",
			Help: "Requests retried after a network error, 5xx, 429 or a truncated body."}, []string{"source"}),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "tagsnap_requests_total",
			Help: "HTTP requests made, retries and robots.txt included."}, []string{"source"}),
		items: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "tagsnap_items_total",
			Help: "Items found new, changed (a new version) or removed."}, []string{"source", "change"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "tagsnap_run_duration_seconds",
			Help:    "How long runs take.",
			Buckets: []float64{0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800}}, []string{"source"}),
		lastSuccess: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "tagsnap_last_success_timestamp_seconds",
			Help: "Unix time of the source's last run that ended ok."}, []string{"source"}),
		degraded: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "tagsnap_degraded_runs_total",
			Help: "Runs whose extraction lost what the source always had (no removals decided)."}, []string{"source"}),
		skipped: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "tagsnap_skipped_overlaps_total",
			Help: "Scheduled crawls skipped because the source's previous crawl was still running."}, []string{"source"}),
		running: prometheus.NewGauge(prometheus.GaugeOpts{Name: "tagsnap_crawls_running",
			Help: "Crawls running now."}),
		sources: prometheus.NewGauge(prometheus.GaugeOpts{Name: "tagsnap_sources",
			Help: "Sources scheduled."}),
	}
	m.registry.MustRegister(m.runs, m.pages, m.notModified, m.retries, m.requests, m.items, m.duration,
		m.lastSuccess, m.degraded, m.skipped, m.running, m.sources,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

func (m *metrics) observe(r crawler.Result) {
	src := r.Source
	m.runs.WithLabelValues(src, r.Status).Inc()
	m.pages.WithLabelValues(src).Add(float64(r.Stats.PagesFetched))
	m.notModified.WithLabelValues(src).Add(float64(r.Stats.PagesNotModified))
	m.retries.WithLabelValues(src).Add(float64(r.Stats.Retries))
	m.requests.WithLabelValues(src).Add(float64(r.Stats.Requests))
	m.items.WithLabelValues(src, "new").Add(float64(r.Stats.ItemsNew))
	m.items.WithLabelValues(src, "changed").Add(float64(r.Stats.ItemsChanged))
	m.items.WithLabelValues(src, "removed").Add(float64(r.Stats.ItemsRemoved))
	m.duration.WithLabelValues(src).Observe(r.Duration.Seconds())
	switch r.Status {
	case storage.StatusOK:
		m.lastSuccess.WithLabelValues(src).SetToCurrentTime()
	case storage.StatusDegraded:
		m.degraded.WithLabelValues(src).Inc()
	}
}

// touch makes a source's counters exist at zero, so dashboards and alerts
// see the series before the first event.
func (m *metrics) touch(src string) {
	m.pages.WithLabelValues(src)
	m.notModified.WithLabelValues(src)
	m.retries.WithLabelValues(src)
	m.requests.WithLabelValues(src)
	for _, c := range []string{"new", "changed", "removed"} {
		m.items.WithLabelValues(src, c)
	}
	m.degraded.WithLabelValues(src)
	m.skipped.WithLabelValues(src)
}
