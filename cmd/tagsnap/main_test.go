package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tagsnap/tagsnap/extract"
)

// run runs the real program in-process and returns its exit code and output.
func run(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	m := &Main{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	code = m.Run(context.Background(), args)
	return code, out.String(), errb.String()
}

// newLocalServer serves handler on 127.0.0.1 only.
func newLocalServer(t *testing.T, h http.Handler) *httptest.Server {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := httptest.NewUnstartedServer(h)
	s.Listener.Close()
	s.Listener = l
	s.Start()
	t.Cleanup(s.Close)
	return s
}

const golden = "../../extract/testdata/golden/"

func TestExtractFileJSON(t *testing.T) {
	code, out, errs := run(t, "", "extract", "--format", "json", "--now", "2026-01-15T12:00:00Z",
		"--base", "https://www.example-thinktank.org/tag/iskp/", golden+"wp_classic_tag_iskp.html")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got extract.JSONResult
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output is not the JSON contract: %v\n%s", err, out)
	}
	if len(got.Items) < 5 || got.NextPage == nil || got.Strategy != "auto" {
		t.Errorf("got %d items, next %v, strategy %q", len(got.Items), got.NextPage, got.Strategy)
	}
	// The contract's keys, null included.
	for _, key := range []string{`"page_url"`, `"next_page"`, `"strategy"`, `"items"`, `"title"`, `"url"`, `"summary"`, `"published"`, `"author"`, `"image"`} {
		if !strings.Contains(out, key) {
			t.Errorf("output lacks %s", key)
		}
	}
}

func TestExtractStdinTableAndJSONL(t *testing.T) {
	page, err := os.ReadFile(golden + "wp_classic_tag_iskp.html")
	if err != nil {
		t.Fatal(err)
	}
	code, out, errs := run(t, string(page), "extract", "-", "--base", "https://www.example-thinktank.org/tag/iskp/")
	if code != 0 || !strings.Contains(out, "items (strategy auto)") || !strings.Contains(out, "next page: https://") {
		t.Fatalf("exit %d, stdout:\n%s\nstderr: %s", code, out, errs)
	}
	code, out, _ = run(t, string(page), "extract", "--format", "jsonl", "--base", "https://www.example-thinktank.org/tag/iskp/", "-")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) < 5 {
		t.Fatalf("exit %d, %d lines", code, len(lines))
	}
	for _, l := range lines {
		var it extract.JSONItem
		if err := json.Unmarshal([]byte(l), &it); err != nil || it.URL == "" {
			t.Errorf("bad JSONL line %q: %v", l, err)
		}
	}
}

func TestExtractURL(t *testing.T) {
	page, err := os.ReadFile(golden + "ghost_tag.html")
	if err != nil {
		t.Fatal(err)
	}
	var ua string
	srv := newLocalServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/tag/iskp/":
			ua = r.UserAgent()
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(page)
		case "/moved":
			http.Redirect(w, r, "/tag/iskp/", http.StatusFound)
		default:
			http.NotFound(w, r)
		}
	}))
	code, out, errs := run(t, "", "extract", "--format", "json", srv.URL+"/moved")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got extract.JSONResult
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.PageURL != srv.URL+"/tag/iskp/" {
		t.Errorf("page_url %q: want the URL after redirects", got.PageURL)
	}
	if len(got.Items) == 0 {
		t.Error("no items")
	}
	if !strings.HasPrefix(ua, "tagsnap/") {
		t.Errorf("User-Agent %q", ua)
	}

	t.Run("HTTPError", func(t *testing.T) {
		code, _, errs := run(t, "", "extract", srv.URL+"/missing")
		if code != 1 || !strings.Contains(errs, "404") || !strings.Contains(errs, "/missing") {
			t.Errorf("exit %d, stderr %q", code, errs)
		}
	})
	t.Run("Unreachable", func(t *testing.T) {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := l.Addr().String()
		l.Close() // nothing listens there now
		code, _, errs := run(t, "", "extract", "http://"+addr+"/tag/x/")
		if code != 1 || !strings.Contains(errs, addr) {
			t.Errorf("exit %d, stderr %q", code, errs)
		}
	})
}

func TestExtractBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, tc := range []struct {
		name     string
		args     []string
		code     int
		stdout   string // substring
		stderrIn string // substring
	}{
		{"NoList", []string{"extract", "--base", "https://e.org/", write("about.html", "<h1>About</h1><p>Hello.</p>")}, 0, "0 items", ""},
		{"Empty", []string{"extract", "--base", "https://e.org/", write("empty.html", "")}, 0, "0 items", ""},
		{"Binary", []string{"extract", "--base", "https://e.org/", write("bin.html", "\x00\x01\xff\xfe\x89PNG")}, 0, "0 items", ""},
		{"InvalidSelector", []string{"extract", "--base", "https://e.org/", "--item", "article", "--title", "h2[[a", write("p.html", "<p>x</p>")}, 2, "", `"h2[[a"`},
		{"MissingFile", []string{"extract", "--base", "https://e.org/", filepath.Join(dir, "nope.html")}, 1, "", "nope.html"},
		{"NoBase", []string{"extract", write("q.html", "<p>x</p>")}, 2, "", "--base"},
		{"BadBase", []string{"extract", "--base", "not a url", write("r.html", "<p>x</p>")}, 2, "", "--base"},
		{"BadFormat", []string{"extract", "--format", "xml", "https://e.org/"}, 2, "", "xml"},
		{"UnknownCommand", []string{"frobnicate"}, 2, "", "frobnicate"},
		{"NoArgs", []string{"extract"}, 2, "", "one URL"},
		{"Help", []string{"extract", "--help"}, 0, "", "Examples:"},
		{"TopHelp", []string{"--help"}, 0, "extract", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := run(t, "", tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tc.code, errs)
			}
			if !strings.Contains(out, tc.stdout) {
				t.Errorf("stdout %q lacks %q", out, tc.stdout)
			}
			if !strings.Contains(errs, tc.stderrIn) {
				t.Errorf("stderr %q lacks %q", errs, tc.stderrIn)
			}
			if strings.Contains(errs, "panic") || strings.Contains(errs, "goroutine") {
				t.Errorf("panic reached the user: %s", errs)
			}
		})
	}
}
