package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tagsnap/tagsnap/extract"
)

// exampleYAML is the documented example file.
const exampleYAML = `defaults:
  schedule: "@every 1h"        # cron spec, used by the daemon (just a string here)
  max_pages: 10
  delay: 1s                    # between requests to one host (Go duration)
  per_host: 2                  # concurrent requests to one host
  user_agent: "tagsnap/1.0 (+https://example.org/contact)"
  timeout: 30s                 # per request
sources:
  - name: lwj-iskp
    url: https://www.longwarjournal.org/tags/iskp
    schedule: "0 */2 * * *"
  - name: example-news         # selectors optional: zero-config when absent
    url: https://example.org/category/news/
    max_pages: 5
    delay: 2s
    selectors:
      item: article.post
      title: h2.entry-title a
      url: h2.entry-title a@href
      summary: .entry-summary
      published: time@datetime
      next: a.next@href
`

// lines joins its arguments as the lines of a file, so that tests can
// count lines at a glance.
func lines(l ...string) string { return strings.Join(l, "\n") + "\n" }

// settings returns DefaultSettings changed by f.
func settings(f func(*Settings)) Settings {
	s := DefaultSettings()
	if f != nil {
		f(&s)
	}
	return s
}

func TestDefaultSettings(t *testing.T) {
	got := DefaultSettings()
	want := Settings{Schedule: "@every 1h", MaxPages: 10, Delay: time.Second, PerHost: 2, Timeout: 30 * time.Second}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("DefaultSettings() = %+v, want %+v", got, want)
	}
}

// sourceSummary is what the tests compare of a Source: everything but the
// compiled selectors, which are checked for presence.
type sourceSummary struct {
	Name         string
	URL          string
	SelectorSpec extract.SelectorSpec
	HasSelectors bool
	Settings     Settings
	Line         int
}

func summarize(srcs []Source) []sourceSummary {
	out := make([]sourceSummary, len(srcs))
	for i, s := range srcs {
		out[i] = sourceSummary{s.Name, s.URL, s.SelectorSpec, s.Selectors != nil, s.Settings, s.Line}
	}
	return out
}

func TestParse(t *testing.T) {
	exampleDefaults := settings(func(s *Settings) {
		s.UserAgent = "tagsnap/1.0 (+https://example.org/contact)"
	})
	tests := []struct {
		name         string
		yaml         string
		wantDefaults Settings
		want         []sourceSummary
	}{
		{
			name:         "example",
			yaml:         exampleYAML,
			wantDefaults: exampleDefaults,
			want: []sourceSummary{
				{
					Name: "lwj-iskp", URL: "https://www.longwarjournal.org/tags/iskp", Line: 9,
					Settings: settings(func(s *Settings) {
						s.UserAgent = exampleDefaults.UserAgent
						s.Schedule = "0 */2 * * *"
					}),
				},
				{
					Name: "example-news", URL: "https://example.org/category/news/", Line: 12,
					SelectorSpec: extract.SelectorSpec{
						Item: "article.post", Title: "h2.entry-title a", URL: "h2.entry-title a@href",
						Summary: ".entry-summary", Published: "time@datetime", Next: "a.next@href",
					},
					HasSelectors: true,
					Settings: settings(func(s *Settings) {
						s.UserAgent = exampleDefaults.UserAgent
						s.MaxPages = 5
						s.Delay = 2 * time.Second
					}),
				},
			},
		},
		{
			name:         "minimal",
			yaml:         lines("sources:", "  - name: a", "    url: http://example.org/"),
			wantDefaults: DefaultSettings(),
			want:         []sourceSummary{{Name: "a", URL: "http://example.org/", Line: 2, Settings: DefaultSettings()}},
		},
		{
			name:         "flow style and empty defaults",
			yaml:         lines("defaults:", "sources: [{name: a, url: 'https://example.org/x'}]"),
			wantDefaults: DefaultSettings(),
			want:         []sourceSummary{{Name: "a", URL: "https://example.org/x", Line: 2, Settings: DefaultSettings()}},
		},
		{
			name: "every setting in defaults and overridden",
			yaml: lines(
				"defaults:",
				"  schedule: '@daily'",
				"  max_pages: 3",
				"  delay: 0",
				"  per_host: 4",
				"  user_agent: bot/2",
				"  timeout: 1m30s",
				"  full_every: 12",
				"  allow_hosts: [CDN.Example.org, cdn.example.org, img.example.org]",
				"sources:",
				"  - name: inherits",
				"    url: https://example.org/a",
				"  - name: overrides",
				"    url: https://example.org/b",
				"    schedule: '*/5 * * * *'",
				"    max_pages: 1",
				"    delay: 250ms",
				"    per_host: 1",
				"    user_agent: ''",
				"    timeout: 5s",
				"    full_every: 0",
				"    allow_hosts: []",
				"  - name: other-hosts",
				"    url: https://example.org/c",
				"    allow_hosts:",
				"      - m.example.org",
			),
			wantDefaults: Settings{
				Schedule: "@daily", MaxPages: 3, Delay: 0, PerHost: 4, UserAgent: "bot/2",
				Timeout: 90 * time.Second, FullEvery: 12, AllowHosts: []string{"cdn.example.org", "img.example.org"},
			},
			want: []sourceSummary{
				{
					Name: "inherits", URL: "https://example.org/a", Line: 11,
					Settings: Settings{
						Schedule: "@daily", MaxPages: 3, Delay: 0, PerHost: 4, UserAgent: "bot/2",
						Timeout: 90 * time.Second, FullEvery: 12, AllowHosts: []string{"cdn.example.org", "img.example.org"},
					},
				},
				{
					Name: "overrides", URL: "https://example.org/b", Line: 13,
					Settings: Settings{
						Schedule: "*/5 * * * *", MaxPages: 1, Delay: 250 * time.Millisecond, PerHost: 1,
						Timeout: 5 * time.Second, AllowHosts: nil,
					},
				},
				{
					Name: "other-hosts", URL: "https://example.org/c", Line: 23,
					Settings: Settings{
						Schedule: "@daily", MaxPages: 3, Delay: 0, PerHost: 4, UserAgent: "bot/2",
						Timeout: 90 * time.Second, FullEvery: 12, AllowHosts: []string{"m.example.org"},
					},
				},
			},
		},
		{
			name: "anchors aliases and merge keys",
			yaml: lines(
				"sources:",
				"  - &base",
				"    name: one",
				"    url: https://example.org/one",
				"    max_pages: 2",
				"    selectors: &wp",
				"      item: article",
				"      next: a.next@href",
				"  - <<: *base",
				"    name: two",
				"    url: https://example.org/two",
				"  - name: three",
				"    url: https://example.org/three",
				"    selectors: *wp",
			),
			wantDefaults: DefaultSettings(),
			want: []sourceSummary{
				{
					Name: "one", URL: "https://example.org/one", Line: 2, HasSelectors: true,
					SelectorSpec: extract.SelectorSpec{Item: "article", Next: "a.next@href"},
					Settings:     settings(func(s *Settings) { s.MaxPages = 2 }),
				},
				{
					Name: "two", URL: "https://example.org/two", Line: 9, HasSelectors: true,
					SelectorSpec: extract.SelectorSpec{Item: "article", Next: "a.next@href"},
					Settings:     settings(func(s *Settings) { s.MaxPages = 2 }),
				},
				{
					Name: "three", URL: "https://example.org/three", Line: 12, HasSelectors: true,
					SelectorSpec: extract.SelectorSpec{Item: "article", Next: "a.next@href"},
					Settings:     DefaultSettings(),
				},
			},
		},
		{
			name: "scalars as strings",
			yaml: lines(
				"sources:",
				"  - name: 2024",
				"    url: \"  https://example.org/y  \"",
				"    user_agent: !!str 42",
				"    selectors:",
				"      next: |",
				"        a[rel=next]@href",
			),
			wantDefaults: DefaultSettings(),
			want: []sourceSummary{{
				Name: "2024", URL: "https://example.org/y", Line: 2, HasSelectors: true,
				SelectorSpec: extract.SelectorSpec{Next: "a[rel=next]@href"},
				Settings:     settings(func(s *Settings) { s.UserAgent = "42" }),
			}},
		},
		{
			name:         "empty selectors are zero-config",
			yaml:         lines("sources:", "  - name: a", "    url: https://example.org/", "    selectors:", "      title: ''"),
			wantDefaults: DefaultSettings(),
			want:         []sourceSummary{{Name: "a", URL: "https://example.org/", Line: 2, Settings: DefaultSettings()}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := Parse("tagsnap.yaml", []byte(tt.yaml))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if got, want := cfg.Path, "tagsnap.yaml"; got != want {
				t.Errorf("Path = %q, want %q", got, want)
			}
			if got, want := cfg.Defaults, tt.wantDefaults; !reflect.DeepEqual(got, want) {
				t.Errorf("Defaults = %+v, want %+v", got, want)
			}
			if got, want := summarize(cfg.Sources), tt.want; !reflect.DeepEqual(got, want) {
				t.Errorf("Sources =\n%+v\nwant\n%+v", got, want)
			}
			for _, s := range cfg.Sources {
				if s.Selectors != nil && s.Selectors.Spec() != s.SelectorSpec {
					t.Errorf("source %s: Selectors.Spec() = %+v, want %+v", s.Name, s.Selectors.Spec(), s.SelectorSpec)
				}
			}
		})
	}
}

func TestParseSettingsNotShared(t *testing.T) {
	cfg, err := Parse("t.yaml", []byte(lines(
		"defaults:",
		"  allow_hosts: [a.example.org]",
		"sources:",
		"  - {name: a, url: 'https://example.org/a'}",
		"  - {name: b, url: 'https://example.org/b'}",
	)))
	if err != nil {
		t.Fatal(err)
	}
	cfg.Sources[0].AllowHosts[0] = "changed"
	if got, want := cfg.Sources[1].AllowHosts[0], "a.example.org"; got != want {
		t.Errorf("sources[1].AllowHosts[0] = %q after changing sources[0], want %q", got, want)
	}
	if got, want := cfg.Defaults.AllowHosts[0], "a.example.org"; got != want {
		t.Errorf("Defaults.AllowHosts[0] = %q after changing sources[0], want %q", got, want)
	}
}

func TestParseErrors(t *testing.T) {
	// src is a valid source entry to build on; its name line is line 2 of
	// a file that starts with "sources:".
	const src = "  - name: a\n    url: https://example.org/a\n"
	tests := []struct {
		name      string
		yaml      string
		wantLine  int
		wantField string
		wantMsg   string // substring of Error()
	}{
		// Unknown keys.
		{"unknown key in defaults", lines("defaults:", "  max_page: 3", "sources:") + src,
			2, "defaults", `unknown key "max_page" (did you mean "max_pages"?)`},
		{"unknown key in source", "sources:\n" + src + "    dealy: 1s\n",
			4, "sources[0]", `unknown key "dealy" (did you mean "delay"?)`},
		{"unknown top-level key", lines("sources:", "  - {name: a, url: 'https://example.org/'}", "defualts: {}"),
			3, "", `unknown key "defualts" (did you mean "defaults"?)`},
		{"unknown key without suggestion", lines("defaults:", "  colour: red", "sources:") + src,
			2, "defaults", `unknown key "colour" (allowed: schedule, max_pages`},
		{"unknown selector key", "sources:\n" + src + "    selectors:\n      item: li\n      titel: h2\n",
			6, "sources[0].selectors", `unknown key "titel" (did you mean "title"?)`},
		{"name is not a default", lines("defaults:", "  name: x", "sources:") + src,
			2, "defaults", `unknown key "name"`},
		{"non-string key", lines("defaults:", "  1: x", "sources:") + src,
			2, "defaults", "keys must be plain strings"},

		// Types and ranges.
		{"max_pages string", lines("defaults:", `  max_pages: "ten"`, "sources:") + src,
			2, "defaults.max_pages", `must be a whole number, got "ten"`},
		{"max_pages quoted number", lines("defaults:", `  max_pages: "10"`, "sources:") + src,
			2, "defaults.max_pages", `must be a whole number, got "10"`},
		{"max_pages float", "sources:\n" + src + "    max_pages: 1.5\n",
			4, "sources[0].max_pages", "must be a whole number, got number 1.5"},
		{"max_pages list", "sources:\n" + src + "    max_pages: [1]\n",
			4, "sources[0].max_pages", "must be a whole number, got a list"},
		{"max_pages huge", "sources:\n" + src + "    max_pages: 99999999999999999999999\n",
			4, "sources[0].max_pages", "out of range"},
		{"max_pages zero", "sources:\n" + src + "    max_pages: 0\n",
			4, "sources[0].max_pages", "must be at least 1, got 0"},
		{"per_host zero", lines("defaults:", "  per_host: 0", "sources:") + src,
			2, "defaults.per_host", "must be at least 1, got 0"},
		{"full_every negative", "sources:\n" + src + "    full_every: -1\n",
			4, "sources[0].full_every", "must be at least 0, got -1"},
		{"delay bad", lines("defaults:", "  delay: fast", "sources:") + src,
			2, "defaults.delay", `must be a duration like "1s", "500ms" or "2m", got "fast"`},
		{"delay without unit", "sources:\n" + src + "    delay: 5\n",
			4, "sources[0].delay", `must be a duration like "1s", "500ms" or "2m", got "5"`},
		{"delay negative", lines("defaults:", "  delay: -1s", "sources:") + src,
			2, "defaults.delay", "must not be negative, got -1s"},
		{"timeout zero", "sources:\n" + src + "    timeout: 0s\n",
			4, "sources[0].timeout", "must be greater than 0"},
		{"timeout mapping", "sources:\n" + src + "    timeout:\n      s: 1\n",
			5, "sources[0].timeout", "must be a duration"},
		{"schedule empty", "sources:\n" + src + "    schedule: ''\n",
			4, "sources[0].schedule", "must not be empty"},
		{"user_agent line break", "sources:\n" + src + "    user_agent: \"a\\nb\"\n",
			4, "sources[0].user_agent", "must not contain control characters"},
		{"user_agent list", "sources:\n" + src + "    user_agent: [a]\n",
			4, "sources[0].user_agent", "must be a string, got a list"},
		{"allow_hosts not a list", "sources:\n" + src + "    allow_hosts: cdn.example.org\n",
			4, "sources[0].allow_hosts", `must be a list, got "cdn.example.org"`},
		{"allow_hosts URL", "sources:\n" + src + "    allow_hosts:\n      - ok.example.org\n      - https://cdn.example.org/\n",
			6, "sources[0].allow_hosts[1]", `must be a host name like "cdn.example.org" (no scheme, port or path), got "https://cdn.example.org/"`},
		{"defaults not a mapping", lines("defaults: 3", "sources:") + src,
			1, "defaults", "must be a mapping of keys to values, got number 3"},

		// Names and URLs.
		{"missing name", lines("sources:", "  - url: https://example.org/"),
			2, "sources[0].name", "missing: every source needs a name and a url"},
		{"missing url", lines("sources:", "  - name: a", "    max_pages: 2"),
			2, "sources[0].url", "missing: every source needs a name and a url"},
		{"empty name", lines("sources:", "  - name: ''", "    url: https://example.org/"),
			2, "sources[0].name", "must not be empty"},
		{"null name", lines("sources:", "  - name:", "    url: https://example.org/"),
			2, "sources[0].name", "must not be empty"},
		{"empty url", "sources:\n" + src + lines("  - name: b", "    url: ''"),
			5, "sources[1].url", "must not be empty"},
		{"name with space", lines("sources:", "  - name: my source", "    url: https://example.org/"),
			2, "sources[0].name", `must start with a letter or digit and contain only letters, digits, '.', '_' and '-' (it is used in flags and file names), got "my source"`},
		{"name like a flag", lines("sources:", "  - name: -x", "    url: https://example.org/"),
			2, "sources[0].name", "must start with a letter or digit"},
		{"name too long", lines("sources:", "  - name: "+strings.Repeat("a", 81), "    url: https://example.org/"),
			2, "sources[0].name", "must be at most 80 characters long, got 81"},
		{"url ftp", "sources:\n" + src + lines("  - name: b", "    url: ftp://example.org/"),
			5, "sources[1].url", "tagsnap.yaml:5:10: sources[1].url: must be an absolute http(s) URL"},
		{"url relative", lines("sources:", "  - name: a", "    url: /tags/iskp"),
			3, "sources[0].url", "must be an absolute http(s) URL"},
		{"url protocol-relative", lines("sources:", "  - name: a", "    url: //example.org/x"),
			3, "sources[0].url", "must be an absolute http(s) URL"},
		{"url without host", lines("sources:", "  - name: a", "    url: 'http:/x'"),
			3, "sources[0].url", "must be an absolute http(s) URL"},
		{"url bad port", lines("sources:", "  - name: a", "    url: http://example.org:99999/"),
			3, "sources[0].url", "must be an absolute http(s) URL: invalid port"},
		{"duplicate name", "sources:\n" + src + lines("  - name: b", "    url: https://example.org/b", "  - name: a", "    url: https://example.org/c"),
			6, "sources[2].name", `duplicate source name "a" (first used by sources[0] at line 2)`},
		{"duplicate name other case", "sources:\n" + src + lines("  - name: A", "    url: https://example.org/b"),
			4, "sources[1].name", `duplicate source name "A": sources[0] at line 2 is "a", and names are compared ignoring case`},

		// Selectors.
		{"invalid selector", "sources:\n" + src + lines("    selectors:", "      item: article", "      title: 'h2[class'"),
			6, "sources[0].selectors.title", `invalid selector "h2[class"`},
		{"invalid next selector", "sources:\n" + src + lines("    selectors:", "      next: 'a:nope(1)@href'"),
			5, "sources[0].selectors.next", `invalid selector "a:nope(1)@href"`},
		{"per-item selector without item", "sources:\n" + src + lines("    selectors:", "      title: h2"),
			4, "sources[0].selectors.item", "per-item selectors need an item selector"},
		{"item selector with attribute", "sources:\n" + src + lines("    selectors:", "      item: a@href"),
			5, "sources[0].selectors.item", `invalid selector "a@href": item selector cannot read an attribute`},
		{"selectors not a mapping", "sources:\n" + src + lines("    selectors: article"),
			4, "sources[0].selectors", `must be a mapping of keys to values, got "article"`},

		// The file as a whole.
		{"empty file", "", 1, "", `file is empty: it needs a "sources" list`},
		{"only comments", "# nothing yet\n\n", 1, "", "file is empty"},
		{"no sources key", lines("defaults:", "  max_pages: 2"), 1, "sources", "missing: the file needs a list of sources"},
		{"sources empty list", lines("defaults: {}", "sources: []"), 2, "sources", "is empty: list at least one source"},
		{"sources null", lines("defaults: {}", "sources:"), 2, "sources", "is empty: list at least one source"},
		{"sources not a list", lines("sources:", "  name: a"), 2, "sources", "must be a list, got a mapping"},
		{"source not a mapping", lines("sources:", "  - https://example.org/"), 2, "sources[0]", `must be a mapping of keys to values, got "https://example.org/"`},
		{"top level list", lines("- name: a"), 1, "", `must be a mapping with "defaults" and "sources", got a list`},
		{"two documents", "sources:\n" + src + "---\nsources: []\n", 5, "", "more than one YAML document"},
		{"unknown alias", "sources:\n" + src + "    delay: *nope\n", 4, "sources[0].delay", "alias *nope refers to no anchor &nope before it"},
		{"unsupported tag", "sources:\n" + src + "    delay: !!binary aGk=\n", 4, "sources[0].delay", "unsupported tag !!binary"},

		// YAML syntax.
		{"syntax unclosed flow", lines("sources: [", "  {name: a"), 2, "", "invalid YAML: could not find flow mapping end token '}'"},
		{"syntax reserved character", lines("defaults:", "  schedule: @every 1h", "sources:") + src, 2, "", "tagsnap.yaml:2:13: invalid YAML: '@' is a reserved character (quote values that start with it, as in \"@every 1h\")"},
		{"syntax duplicate key", "sources:\n" + src + "    url: https://example.org/b\n", 4, "", `invalid YAML: mapping key "url" already defined at [3:5]`},
		{"syntax bad indentation", lines("sources:", "  - name: a", "   url: x"), 3, "", "invalid YAML"},
		{"syntax tab indentation", "sources:\n\t- name: a\n", 2, "", "invalid YAML"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := Parse("tagsnap.yaml", []byte(tt.yaml))
			if err == nil {
				t.Fatalf("Parse succeeded with %d sources, want error %q", len(cfg.Sources), tt.wantMsg)
			}
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("error %q is %T, want *Error", err, err)
			}
			if got, want := ce.Line, tt.wantLine; got != want {
				t.Errorf("Line = %d, want %d (error %q)", got, want, err)
			}
			if got, want := ce.Field, tt.wantField; tt.wantField != "" && got != want {
				t.Errorf("Field = %q, want %q (error %q)", got, want, err)
			}
			msg := err.Error()
			if prefix := fmt.Sprintf("tagsnap.yaml:%d:", tt.wantLine); !strings.HasPrefix(msg, prefix) {
				t.Errorf("error %q does not start with %q", msg, prefix)
			}
			if tt.wantField != "" && !strings.Contains(msg, " "+tt.wantField+": ") {
				t.Errorf("error %q does not name field %q", msg, tt.wantField)
			}
			if !strings.Contains(msg, tt.wantMsg) {
				t.Errorf("error %q does not contain %q", msg, tt.wantMsg)
			}
			if strings.Contains(msg, "\n") {
				t.Errorf("error %q spans lines", msg)
			}
		})
	}
}

// TestParseRecursiveAliases checks that self-referencing anchors end.
func TestParseRecursiveAliases(t *testing.T) {
	tests := []struct {
		name    string
		yaml    string
		wantErr bool
	}{
		{"self merge", lines("sources:", "  - &s", "    <<: *s", "    name: a", "    url: https://example.org/"), false},
		{"mutual merge", lines("sources:", "  - &a", "    <<: &b {<<: *a, max_pages: 2}", "    name: a", "    url: https://example.org/"), false},
		{"merge list of aliases", lines("sources:", "  - &x {name: a, url: 'https://example.org/', delay: 2s}", "  - {<<: [*x, *x, *x], name: b}"), false},
		{"self list", lines("sources: &s [*s]"), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("t.yaml", []byte(tt.yaml))
			if got := err != nil; got != tt.wantErr {
				t.Errorf("Parse error = %v, want error: %v", err, tt.wantErr)
			}
		})
	}
}

func TestParseSelectorErrorUnwraps(t *testing.T) {
	_, err := Parse("t.yaml", []byte(lines("sources:", "  - name: a", "    url: https://example.org/", "    selectors: {item: 'li[', title: h2}")))
	var se *extract.SelectorError
	if !errors.As(err, &se) {
		t.Fatalf("error %v does not unwrap to *extract.SelectorError", err)
	}
	if got, want := se.Field, "item"; got != want {
		t.Errorf("SelectorError.Field = %q, want %q", got, want)
	}
}

func TestErrorFormat(t *testing.T) {
	tests := []struct {
		name string
		err  Error
		want string
	}{
		{"all parts", Error{Path: "tagsnap.yaml", Line: 12, Column: 5, Field: "sources[1].url", Msg: "must be an absolute http(s) URL"},
			"tagsnap.yaml:12:5: sources[1].url: must be an absolute http(s) URL"},
		{"no column", Error{Path: "c.yaml", Line: 1, Msg: "file is empty"}, "c.yaml:1: file is empty"},
		{"no path", Error{Line: 3, Column: 2, Field: "defaults.delay", Msg: "bad"}, "3:2: defaults.delay: bad"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := tt.err.Error(), tt.want; got != want {
				t.Errorf("Error() = %q, want %q", got, want)
			}
		})
	}
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "tagsnap.yaml")
	if err := os.WriteFile(good, []byte(exampleYAML), 0o600); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("defaults:\n  max_page: 1\nsources: []\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.yaml")

	t.Run("ok", func(t *testing.T) {
		cfg, err := ReadFile(good)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := cfg.Path, good; got != want {
			t.Errorf("Path = %q, want %q", got, want)
		}
		if got, want := len(cfg.Sources), 2; got != want {
			t.Fatalf("len(Sources) = %d, want %d", got, want)
		}
	})
	t.Run("invalid", func(t *testing.T) {
		_, err := ReadFile(bad)
		if got, want := fmt.Sprint(err), bad+`:2:3: defaults: unknown key "max_page" (did you mean "max_pages"?)`; got != want {
			t.Errorf("error = %q, want %q", got, want)
		}
	})
	t.Run("missing", func(t *testing.T) {
		_, err := ReadFile(missing)
		if err == nil {
			t.Fatal("ReadFile of a missing file succeeded")
		}
		if !strings.Contains(err.Error(), missing) {
			t.Errorf("error %q does not name %q", err, missing)
		}
		if !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("error %q is not fs.ErrNotExist", err)
		}
	})
	t.Run("directory", func(t *testing.T) {
		_, err := ReadFile(dir)
		if err == nil || !strings.Contains(err.Error(), dir) {
			t.Errorf("error = %v, want one naming %q", err, dir)
		}
	})
}

func TestConfigSource(t *testing.T) {
	cfg, err := Parse("tagsnap.yaml", []byte(exampleYAML))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		lookup string
		want   string
		wantOK bool
	}{
		{"exact", "lwj-iskp", "lwj-iskp", true},
		{"other case", "Example-News", "example-news", true},
		{"unknown", "nope", "", false},
		{"empty", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := cfg.Source(tt.lookup)
			if ok != tt.wantOK || got.Name != tt.want {
				t.Errorf("Source(%q) = %q, %v; want %q, %v", tt.lookup, got.Name, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestSourceForURL(t *testing.T) {
	defaults := settings(func(s *Settings) { s.MaxPages = 3; s.AllowHosts = []string{"cdn.example.org"} })
	tests := []struct {
		raw      string
		wantName string
		wantURL  string
	}{
		{"https://www.example.org/tag/iskp", "www.example.org-tag-iskp", "https://www.example.org/tag/iskp"},
		{"https://www.longwarjournal.org/tags/iskp", "www.longwarjournal.org-tags-iskp", "https://www.longwarjournal.org/tags/iskp"},
		{"  http://Example.ORG/Category/News/  ", "example.org-category-news", "http://Example.ORG/Category/News/"},
		{"https://example.org", "example.org", "https://example.org"},
		{"https://example.org/", "example.org", "https://example.org/"},
		{"http://localhost:8080/a_b/c?page=2#x", "localhost-8080-a-b-c-page-2", "http://localhost:8080/a_b/c?page=2#x"},
		{"https://example.org/tag/x/?utm_source=feed", "example.org-tag-x", "https://example.org/tag/x/?utm_source=feed"},
		{"https://example.org/caf%C3%A9/--x--/", "example.org-caf-x", "https://example.org/caf%C3%A9/--x--/"},
		{"https://example.org/" + strings.Repeat("ab/", 40), "example.org-" + strings.TrimRight(strings.Repeat("ab-", 23), "-"), "https://example.org/" + strings.Repeat("ab/", 40)},
		{"HTTPS://[::1]:8443/x", "1-8443-x", "HTTPS://[::1]:8443/x"},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			got, err := SourceForURL(tt.raw, defaults)
			if err != nil {
				t.Fatal(err)
			}
			if got.Name != tt.wantName {
				t.Errorf("Name = %q, want %q", got.Name, tt.wantName)
			}
			if msg := checkName(got.Name); msg != "" {
				t.Errorf("Name %q is not a valid source name: %s", got.Name, msg)
			}
			if got.URL != tt.wantURL {
				t.Errorf("URL = %q, want %q", got.URL, tt.wantURL)
			}
			if !reflect.DeepEqual(got.Settings, defaults) {
				t.Errorf("Settings = %+v, want %+v", got.Settings, defaults)
			}
			if got.Selectors != nil || !got.SelectorSpec.IsZero() || got.Line != 0 {
				t.Errorf("Selectors, SelectorSpec, Line = %v, %+v, %d; want nil, zero, 0", got.Selectors, got.SelectorSpec, got.Line)
			}
			got.AllowHosts[0] = "changed"
			if defaults.AllowHosts[0] != "cdn.example.org" {
				t.Fatal("SourceForURL's Settings share AllowHosts with defaults")
			}
		})
	}
}

func TestSourceForURLErrors(t *testing.T) {
	for _, raw := range []string{"ftp://x", "not a url", "/relative", "", "example.org/tag", "//example.org/x", "http://", "mailto:a@example.org", "http://example.org:99999/", "http://exa mple.org/"} {
		t.Run(raw, func(t *testing.T) {
			_, err := SourceForURL(raw, DefaultSettings())
			if err == nil {
				t.Fatalf("SourceForURL(%q) succeeded", raw)
			}
			if want := fmt.Sprintf("url %q: must be an absolute http(s) URL", raw); !strings.HasPrefix(err.Error(), want) {
				t.Errorf("error %q does not start with %q", err, want)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(exampleYAML))
	f.Add([]byte(lines("sources:", "  - &b {name: a, url: 'https://example.org/'}", "  - <<: *b", "    name: b")))
	f.Add([]byte("defaults: {max_pages: 3, delay: 1s, allow_hosts: [a.b]}\nsources: [{name: x, url: 'http://x/', selectors: {item: li, title: a}}]\n"))
	f.Add([]byte("sources:\n  - name: a\n    url: https://example.org/\n    delay: !!str 1s\n    max_pages: !!int 3\n"))
	f.Add([]byte("a: &a [*a]\n"))
	f.Add([]byte("--- |\n  x\n...\n---\n"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := Parse("f.yaml", data)
		if err != nil {
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("error %q is %T, want *Error", err, err)
			}
			if ce.Line < 1 || !strings.HasPrefix(ce.Error(), fmt.Sprintf("f.yaml:%d", ce.Line)) {
				t.Fatalf("error %q has no line", err)
			}
			return
		}
		if len(cfg.Sources) == 0 {
			t.Fatal("Parse succeeded without sources")
		}
		for _, s := range cfg.Sources {
			if checkName(s.Name) != "" || checkURL(s.URL) != "" {
				t.Fatalf("invalid source accepted: %+v", s)
			}
			if s.MaxPages < 1 || s.PerHost < 1 || s.Delay < 0 || s.Timeout <= 0 || s.FullEvery < 0 || s.Schedule == "" {
				t.Fatalf("invalid settings accepted: %+v", s.Settings)
			}
		}
	})
}
