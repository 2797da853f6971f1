package schedules

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Handler serves /healthz, /metrics and /sources.
func (s *Scheduler) Handler() http.Handler {
	s.init()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.Handle("GET /metrics", promhttp.HandlerFor(s.metrics.registry, promhttp.HandlerOpts{}))
	mux.HandleFunc("GET /sources", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
		defer cancel()
		list, err := s.Sources(ctx)
		if err != nil {
			writeJSON(w, http.StatusInternalServerError, map[string]string{"error": err.Error()})
			return
		}
		if list == nil {
			list = []SourceStatus{}
		}
		writeJSON(w, http.StatusOK, list)
	})
	return mux
}

// healthz is 200 while the scheduler runs and the database takes writes,
// 503 with the reasons otherwise.
func (s *Scheduler) healthz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	body := map[string]any{"scheduler": "running", "database": "writable"}
	var problems []string
	s.mu.Lock()
	switch {
	case s.stopping:
		body["scheduler"] = "stopping"
		problems = append(problems, "the scheduler is shutting down")
	case !s.started:
		body["scheduler"] = "not started"
		problems = append(problems, "the scheduler has not started")
	}
	body["sources"] = len(s.entries)
	s.mu.Unlock()
	if err := s.Store.Writable(ctx); err != nil {
		body["database"] = "not writable"
		problems = append(problems, err.Error())
	}
	status := http.StatusOK
	body["status"] = "ok"
	if len(problems) > 0 {
		status = http.StatusServiceUnavailable
		body["status"] = "unhealthy"
		body["problems"] = problems
	}
	writeJSON(w, status, body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}
