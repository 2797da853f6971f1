// Package schedules will own the daemon: sources with cron specs, overlap
// prevention, jitter, graceful shutdown, reload and the health/metrics
// endpoint. It is empty until the daemon issue builds it.
package schedules
