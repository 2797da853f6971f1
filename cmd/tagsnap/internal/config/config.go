// Package config reads tagsnap's YAML file: the sources to watch and the
// crawl settings they share.
//
// The file has two top-level keys:
//
//	defaults:
//	  schedule: "@every 1h"   # cron spec for the daemon; kept as written
//	  max_pages: 10           # listing pages per crawl, >= 1
//	  delay: 1s               # between requests to one host, >= 0
//	  per_host: 2             # concurrent requests to one host, >= 1
//	  user_agent: "..."       # "" lets the program decide
//	  timeout: 30s            # per request, > 0
//	  full_every: 0           # full crawl every N runs, 0 = never
//	  allow_hosts: []         # extra hosts pagination may go to
//	sources:
//	  - name: lwj-iskp
//	    url: https://www.longwarjournal.org/tags/iskp
//	    schedule: "0 */2 * * *"
//	    selectors:            # optional; absent = zero-config
//	      item: article.post
//	      title: h2 a
//	      url: h2 a@href
//
// Every key of defaults may also be set on a source, where it replaces the
// default (allow_hosts included: the source's list is used instead of the
// default list, not added to it). Unset defaults come from DefaultSettings.
//
// Parsing is strict: unknown keys, values of the wrong type, bad durations,
// out-of-range numbers, invalid URLs, names and selectors and duplicate
// source names are errors. Every error is an *Error giving the file, line,
// column and YAML path of the problem. Anchors, aliases and merge keys
// ("<<: *common") are supported.
//
// Parsing touches nothing but its input: no logging, environment, network
// or global state.
package config

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tagsnap/tagsnap/extract"
)

// Settings are the values a source can inherit from defaults.
type Settings struct {
	// Schedule is the daemon's cron spec, kept as written (the daemon
	// validates it).
	Schedule string
	// MaxPages is the number of listing pages to follow per crawl, >= 1.
	MaxPages int
	// Delay is the pause between requests to one host, >= 0.
	Delay time.Duration
	// PerHost is the number of concurrent requests to one host, >= 1.
	PerHost int
	// UserAgent is the User-Agent header; "" means the program decides.
	UserAgent string
	// Timeout is the time limit of one request, > 0.
	Timeout time.Duration
	// FullEvery asks for a full crawl every N runs of the daemon; 0 means
	// never.
	FullEvery int
	// AllowHosts are extra host names (lower-case, no port) pagination may
	// go to besides the source URL's host.
	AllowHosts []string
}

// Source is one listing page to watch, with its effective settings.
type Source struct {
	// Name identifies the source in commands, flags and file names: a
	// letter or digit, then letters, digits, '.', '_' and '-', at most
	// MaxNameLen bytes. Names are unique in a file, ignoring case.
	Name string
	// URL is the listing page, an absolute http(s) URL as written (spaces
	// around it removed).
	URL string
	// Selectors are the compiled SelectorSpec; nil means zero-config.
	Selectors *extract.Selectors
	// SelectorSpec is the selectors as written, each trimmed of spaces.
	SelectorSpec extract.SelectorSpec
	// Settings are the effective settings: the file's defaults overlaid
	// by the keys set on the source itself.
	Settings
	// Line is the line of the source's entry in the file, for messages;
	// 0 for a source made by SourceForURL.
	Line int
}

// Config is a parsed configuration file.
type Config struct {
	// Path is the file the configuration was read from, as given.
	Path string
	// Defaults are the effective defaults: DefaultSettings overlaid by the
	// file's defaults section.
	Defaults Settings
	// Sources are the file's sources in file order.
	Sources []Source
}

// MaxNameLen is the longest source name allowed, in bytes.
const MaxNameLen = 80

// DefaultSettings are the built-in defaults: schedule "@every 1h", max_pages
// 10, delay 1s, per_host 2, timeout 30s, full_every 0 (never), no extra
// hosts, and user_agent "" meaning the program decides.
func DefaultSettings() Settings {
	return Settings{
		Schedule: "@every 1h",
		MaxPages: 10,
		Delay:    time.Second,
		PerHost:  2,
		Timeout:  30 * time.Second,
	}
}

// clone returns s with its own copy of AllowHosts.
func (s Settings) clone() Settings {
	s.AllowHosts = slices.Clone(s.AllowHosts)
	return s
}

// ReadFile reads and parses the configuration file at path. A file that
// cannot be read is an error naming path; a file with problems gives an
// *Error.
func ReadFile(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		// The *fs.PathError names the path; keep it for errors.Is.
		return nil, fmt.Errorf("read config: %w", err)
	}
	return Parse(path, data)
}

// Parse parses a configuration file's contents. path is only used in
// messages and Config.Path. Any problem is reported as an *Error; the first
// one found in the file is returned.
func Parse(path string, data []byte) (*Config, error) {
	d := newDecoder(path)
	cfg, err := d.parse(data)
	if err != nil {
		return nil, err
	}
	return cfg, nil
}

// Source returns the source called name. Names are unique ignoring case and
// are looked up ignoring case.
func (c *Config) Source(name string) (Source, bool) {
	for _, s := range c.Sources {
		if strings.EqualFold(s.Name, name) {
			return s, true
		}
	}
	return Source{}, false
}

// Error is a config problem at a place in the file.
type Error struct {
	// Path is the file, as given to Parse or ReadFile.
	Path string
	// Line and Column are 1-based; Column is 0 when unknown.
	Line, Column int
	// Field is the YAML path of the offending key or value, such as
	// "sources[1].url" or "defaults.delay" (sources are counted from 0);
	// "" for problems with the file as a whole.
	Field string
	// Msg says what is wrong.
	Msg string

	err error // underlying error, if any (a selector error)
}

// Error formats e as "path:line:col: field: msg", as in
// "tagsnap.yaml:12:5: sources[1].url: must be an absolute http(s) URL".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Path)
	if e.Line > 0 {
		if b.Len() > 0 {
			b.WriteByte(':')
		}
		b.WriteString(strconv.Itoa(e.Line))
		if e.Column > 0 {
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(e.Column))
		}
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Unwrap returns the error behind e, such as an *extract.SelectorError, or
// nil.
func (e *Error) Unwrap() error { return e.err }
