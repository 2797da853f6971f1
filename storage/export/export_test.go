package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// title is a real-world headline: Cyrillic, CJK, curly quotes and a dash,
// the characters that break exports written with the wrong encoding.
const title = "Тегеран: ISKP’s “reemergence” — 伊斯兰国"

var (
	noon  = time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC)
	paris = time.FixedZone("CET", 3600)
)

func ptr[T any](v T) *T { return &v }

// encode runs one encoder over rows and returns the output.
func encode(t *testing.T, f Format, columns []string, opt Options, rows ...[]any) string {
	t.Helper()
	var buf bytes.Buffer
	enc, err := NewEncoder(&buf, f, columns, opt)
	if err != nil {
		t.Fatalf("NewEncoder: %v", err)
	}
	for _, r := range rows {
		if err := enc.Encode(r...); err != nil {
			t.Fatalf("Encode(%v): %v", r, err)
		}
	}
	if err := enc.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	return buf.String()
}

// readCSV parses CSV output, checking and dropping the BOM.
func readCSV(t *testing.T, out string, wantBOM bool) [][]string {
	t.Helper()
	if got := strings.HasPrefix(out, bom); got != wantBOM {
		t.Fatalf("output starts with BOM = %v, want %v", got, wantBOM)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, bom))).ReadAll()
	if err != nil {
		t.Fatalf("output is not valid CSV: %v\n%q", err, out)
	}
	return recs
}

var columns = []string{"id", "title", "url", "published", "author", "score", "is_new", "tags", "versions"}

// typicalRows are two listing items, one complete and one with its
// nullable fields missing.
var typicalRows = [][]any{
	{int64(1), title, "https://example.org/a?x=1&y=<2>", noon, ptr("Анна"), 0.75, true, json.RawMessage(`["iran", "iskp"]`), 3},
	{int64(2), "Plain, \"quoted\"", "https://example.org/b", (*time.Time)(nil), (*string)(nil), nil, false, json.RawMessage(nil), 1},
}

func TestCSV(t *testing.T) {
	got := encode(t, CSV, columns, Options{}, typicalRows...)
	want := bom +
		"id,title,url,published,author,score,is_new,tags,versions\r\n" +
		"1," + title + ",https://example.org/a?x=1&y=<2>,2026-01-15T12:00:00Z,Анна,0.75,true,\"[\"\"iran\"\", \"\"iskp\"\"]\",3\r\n" +
		"2,\"Plain, \"\"quoted\"\"\",https://example.org/b,,,,false,,1\r\n"
	if got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}

	got = encode(t, CSV, columns, Options{NoBOM: true}, typicalRows...)
	if want := strings.TrimPrefix(want, bom); got != want {
		t.Errorf("NoBOM: got\n%q\nwant\n%q", got, want)
	}
}

func TestCSVRoundTrip(t *testing.T) {
	cols := []string{"id", "summary", "title"}
	rows := [][]any{
		{1, "a, b and \"c\"", title},
		{2, "line one\nline two\n", "trailing comma,"},
		{3, "windows\r\nline", `""`},
		{4, " leading space", "\"quoted\""},
	}
	out := encode(t, CSV, cols, Options{}, rows...)
	got := readCSV(t, out, true)
	want := [][]string{
		cols,
		{"1", "a, b and \"c\"", title},
		{"2", "line one\nline two\n", "trailing comma,"},
		// encoding/csv reads a quoted CRLF back as LF.
		{"3", "windows\nline", `""`},
		{"4", " leading space", "\"quoted\""},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) || len(got) != len(want) {
		t.Errorf("got %q, want %q", got, want)
	}
	// Every line ends in CRLF, including those inside quoted cells.
	if strings.Contains(strings.ReplaceAll(out, "\r\n", ""), "\n") {
		t.Errorf("bare LF in output %q", out)
	}
}

func TestCSVFormulaInjection(t *testing.T) {
	tests := []struct {
		name    string
		v       any
		escaped string // the row as written by default
		raw     string // the row as written with NoFormulaEscape
	}{
		{"equals", "=HYPERLINK(\"http://evil\")", "\"'=HYPERLINK(\"\"http://evil\"\")\"", "\"=HYPERLINK(\"\"http://evil\"\")\""},
		{"plus", "+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0", "+1+cmd|' /C calc'!A0"},
		{"minus", "-2+3", "'-2+3", "-2+3"},
		{"at", "@SUM(A1:A2)", "'@SUM(A1:A2)", "@SUM(A1:A2)"},
		{"tab", "\t=1+1", "'\t=1+1", "\"\t=1+1\""},
		// encoding/csv with CRLF line endings drops a lone CR, so the
		// quote is what keeps this cell from starting with "=".
		{"carriage return", "\r=1+1", "\"'=1+1\"", "\"=1+1\""},
		{"pointer", ptr("=1+1"), "'=1+1", "=1+1"},
		{"raw message", json.RawMessage(`-1`), "'-1", "-1"},
		{"trigger inside", "a=b-c", "a=b-c", "a=b-c"},
		{"leading space", " =1", "\" =1\"", "\" =1\""},
		// A lone empty cell is quoted, or readers would skip the row.
		{"empty", "", `""`, `""`},
		{"negative int", -5, "-5", "-5"},
		{"negative int64", int64(-5), "-5", "-5"},
		{"negative *int64", ptr(int64(-5)), "-5", "-5"},
		{"negative float", -1.5, "-1.5", "-1.5"},
		{"time", noon, "2026-01-15T12:00:00Z", "2026-01-15T12:00:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := encode(t, CSV, []string{"v"}, Options{NoBOM: true}, []any{tt.v})
			if want := "v\r\n" + tt.escaped + "\r\n"; got != want {
				t.Errorf("got %q, want %q", got, want)
			}
			got = encode(t, CSV, []string{"v"}, Options{NoBOM: true, NoFormulaEscape: true}, []any{tt.v})
			if want := "v\r\n" + tt.raw + "\r\n"; got != want {
				t.Errorf("NoFormulaEscape: got %q, want %q", got, want)
			}
		})
	}
}

func TestJSON(t *testing.T) {
	got := encode(t, JSON, columns, Options{}, typicalRows...)
	want := "[\n" +
		`{"id":1,"title":"` + title + `","url":"https://example.org/a?x=1&y=<2>","published":"2026-01-15T12:00:00Z","author":"Анна","score":0.75,"is_new":true,"tags":["iran","iskp"],"versions":3}` + ",\n" +
		`{"id":2,"title":"Plain, \"quoted\"","url":"https://example.org/b","published":null,"author":null,"score":null,"is_new":false,"tags":null,"versions":1}` +
		"\n]\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}

	var objs []map[string]any
	if err := json.Unmarshal([]byte(got), &objs); err != nil {
		t.Fatalf("output is not valid JSON: %v", err)
	}
	if len(objs) != 2 || objs[0]["title"] != title || objs[1]["author"] != nil || objs[0]["versions"] != 3.0 {
		t.Errorf("parsed back: got %v", objs)
	}
	for i, keys := range objectKeys(t, got) {
		if fmt.Sprint(keys) != fmt.Sprint(columns) {
			t.Errorf("object %d: got keys %q, want %q", i, keys, columns)
		}
	}
}

func TestJSONL(t *testing.T) {
	got := encode(t, JSONL, columns, Options{}, typicalRows...)
	want := `{"id":1,"title":"` + title + `","url":"https://example.org/a?x=1&y=<2>","published":"2026-01-15T12:00:00Z","author":"Анна","score":0.75,"is_new":true,"tags":["iran","iskp"],"versions":3}` + "\n" +
		`{"id":2,"title":"Plain, \"quoted\"","url":"https://example.org/b","published":null,"author":null,"score":null,"is_new":false,"tags":null,"versions":1}` + "\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("got %d lines, want 2", len(lines))
	}
	for i, line := range lines {
		if !json.Valid([]byte(line)) {
			t.Errorf("line %d is not valid JSON: %s", i, line)
		}
	}
	for i, keys := range objectKeys(t, got) {
		if fmt.Sprint(keys) != fmt.Sprint(columns) {
			t.Errorf("object %d: got keys %q, want %q", i, keys, columns)
		}
	}
}

// objectKeys returns the keys of each top-level object (or each object of
// a top-level array) in the order they appear in the text: json.Unmarshal
// into a map would hide the order under test.
func objectKeys(t *testing.T, out string) [][]string {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(out))
	var all [][]string
	var readValue func() // consumes one value
	readValue = func() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatalf("output is not valid JSON: %v\n%s", err, out)
		}
		if d, ok := tok.(json.Delim); ok && (d == '[' || d == '{') {
			for dec.More() {
				if d == '{' {
					dec.Token() // key
				}
				readValue()
			}
			dec.Token() // closing delimiter
		}
	}
	readObject := func() {
		tok, err := dec.Token()
		if err != nil || tok != json.Delim('{') {
			t.Fatalf("got %v (%v), want an object", tok, err)
		}
		var keys []string
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				t.Fatal(err)
			}
			keys = append(keys, k.(string))
			readValue()
		}
		dec.Token()
		all = append(all, keys)
	}
	if strings.HasPrefix(out, "[") {
		dec.Token()
		for dec.More() {
			readObject()
		}
		return all
	}
	for dec.More() {
		readObject()
	}
	return all
}

func TestValues(t *testing.T) {
	tests := []struct {
		name string
		v    any
		csv  string // the cell, read back
		json string // the value in the object
	}{
		{"nil", nil, "", "null"},
		{"string", "hello", "hello", `"hello"`},
		{"empty string", "", "", `""`},
		{"html", "<b>A & B</b>", "<b>A & B</b>", `"<b>A & B</b>"`},
		{"non-ASCII", title, title, `"` + title + `"`},
		{"control chars", "a\tb\u0001", "a\tb\u0001", `"a\tb\u0001"`},
		{"*string", ptr("x"), "x", `"x"`},
		{"nil *string", (*string)(nil), "", "null"},
		{"int", 42, "42", "42"},
		{"int64", int64(-9007199254740993), "-9007199254740993", "-9007199254740993"},
		{"*int64", ptr(int64(7)), "7", "7"},
		{"nil *int64", (*int64)(nil), "", "null"},
		{"float64", 0.1, "0.1", "0.1"},
		{"whole float64", 3.0, "3", "3"},
		{"large float64", 1e21, "1e+21", "1e+21"},
		{"small float64", 1e-7, "1e-7", "1e-7"},
		{"bool", true, "true", "true"},
		{"time", noon, "2026-01-15T12:00:00Z", `"2026-01-15T12:00:00Z"`},
		{"time in another zone, with nanoseconds", time.Date(2026, 1, 15, 13, 0, 0, 999, paris), "2026-01-15T12:00:00Z", `"2026-01-15T12:00:00Z"`},
		{"zero time", time.Time{}, "", "null"},
		{"*time.Time", ptr(noon), "2026-01-15T12:00:00Z", `"2026-01-15T12:00:00Z"`},
		{"nil *time.Time", (*time.Time)(nil), "", "null"},
		{"*time.Time to zero", ptr(time.Time{}), "", "null"},
		{"raw message", json.RawMessage(`{"a": [1, 2]}`), `{"a": [1, 2]}`, `{"a":[1,2]}`},
		{"multi-line raw message", json.RawMessage("{\n  \"a\": \"<&>\"\n}"), "{\n  \"a\": \"<&>\"\n}", `{"a":"<&>"}`},
		{"nil raw message", json.RawMessage(nil), "", "null"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs := readCSV(t, encode(t, CSV, []string{"v"}, Options{}, []any{tt.v}), true)
			if len(recs) != 2 || len(recs[1]) != 1 {
				t.Fatalf("CSV: got records %q", recs)
			}
			if got := recs[1][0]; got != tt.csv {
				t.Errorf("CSV: got %q, want %q", got, tt.csv)
			}
			got := encode(t, JSONL, []string{"v"}, Options{}, []any{tt.v})
			if want := `{"v":` + tt.json + "}\n"; got != want {
				t.Errorf("JSONL: got %q, want %q", got, want)
			}
		})
	}
}

func TestZeroRows(t *testing.T) {
	tests := []struct {
		f    Format
		opt  Options
		want string
	}{
		{CSV, Options{}, bom + "id,title\r\n"},
		{CSV, Options{NoBOM: true}, "id,title\r\n"},
		{JSON, Options{}, "[]\n"},
		{JSONL, Options{}, ""},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s %+v", tt.f, tt.opt), func(t *testing.T) {
			if got := encode(t, tt.f, []string{"id", "title"}, tt.opt); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestParseFormat(t *testing.T) {
	tests := []struct {
		in   string
		want Format
		err  bool
	}{
		{"csv", CSV, false},
		{"CSV", CSV, false},
		{"Json", JSON, false},
		{"jsonl", JSONL, false},
		{"JSONL", JSONL, false},
		{"xml", "", true},
		{"", "", true},
		{"ndjson", "", true},
	}
	for _, tt := range tests {
		got, err := ParseFormat(tt.in)
		if got != tt.want || (err != nil) != tt.err {
			t.Errorf("ParseFormat(%q): got %q, %v, want %q, error %v", tt.in, got, err, tt.want, tt.err)
		}
		if err != nil {
			for _, name := range []string{"csv", "json", "jsonl", tt.in} {
				if !strings.Contains(err.Error(), name) {
					t.Errorf("ParseFormat(%q): error %q does not mention %q", tt.in, err, name)
				}
			}
		}
	}
}

func TestNewEncoderErrors(t *testing.T) {
	tests := []struct {
		name    string
		w       io.Writer
		f       Format
		columns []string
		want    string
	}{
		{"unknown format", io.Discard, "xml", []string{"a"}, `unknown format "xml"`},
		{"no columns", io.Discard, CSV, nil, "no columns"},
		{"duplicate column", io.Discard, JSON, []string{"a", "b", "a"}, `duplicate column "a"`},
		{"unnamed column", io.Discard, JSONL, []string{"a", ""}, "column 2 has no name"},
		{"nil writer", nil, CSV, []string{"a"}, "nil writer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			enc, err := NewEncoder(tt.w, tt.f, tt.columns, Options{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, %v, want error containing %q", enc, err, tt.want)
			}
		})
	}
}

// TestEncodeErrors checks that a bad row is refused whole: the error says
// what is wrong, nothing of the row reaches the output and the encoder
// keeps working.
func TestEncodeErrors(t *testing.T) {
	tests := []struct {
		name    string
		formats []Format
		row     []any
		want    string
	}{
		{"too few values", []Format{CSV, JSON, JSONL}, []any{1}, "got 1 values for 3 columns"},
		{"too many values", []Format{CSV, JSON, JSONL}, []any{1, "a", "b", "c"}, "got 4 values for 3 columns"},
		{"unsupported type", []Format{CSV, JSON, JSONL}, []any{1, "a", int32(3)}, `column "extra": unsupported type int32`},
		{"unsupported slice", []Format{CSV, JSON, JSONL}, []any{1, []string{"a"}, "b"}, `column "title": unsupported type []string`},
		{"unsupported pointer", []Format{CSV, JSON, JSONL}, []any{ptr(1), "a", "b"}, `column "id": unsupported type *int`},
		{"NaN", []Format{CSV, JSON, JSONL}, []any{1, "a", math.NaN()}, `column "extra": unsupported float value NaN`},
		{"infinity", []Format{CSV, JSON, JSONL}, []any{1, "a", math.Inf(-1)}, `column "extra": unsupported float value -Inf`},
		{"year 10000", []Format{CSV, JSON, JSONL}, []any{1, "a", time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}, `column "extra": time`},
		{"invalid raw message", []Format{JSON, JSONL}, []any{1, "a", json.RawMessage(`{"a":`)}, `column "extra": invalid json.RawMessage`},
	}
	cols := []string{"id", "title", "extra"}
	good := []any{1, "a", "b"}
	for _, tt := range tests {
		for _, f := range tt.formats {
			t.Run(tt.name+" "+string(f), func(t *testing.T) {
				var buf bytes.Buffer
				enc, err := NewEncoder(&buf, f, cols, Options{})
				if err != nil {
					t.Fatal(err)
				}
				if err := enc.Encode(good...); err != nil {
					t.Fatal(err)
				}
				err = enc.Encode(tt.row...)
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("got error %v, want one containing %q", err, tt.want)
				}
				if err := enc.Encode(good...); err != nil {
					t.Errorf("Encode after a bad row: %v", err)
				}
				if err := enc.Close(); err != nil {
					t.Errorf("Close: %v", err)
				}
				if got, want := buf.String(), encode(t, f, cols, Options{}, good, good); got != want {
					t.Errorf("got output %q, want %q (the good rows only)", got, want)
				}
			})
		}
	}
}

var errDisk = errors.New("disk full")

// failWriter accepts n bytes, then fails every write.
type failWriter struct{ n int }

func (w *failWriter) Write(p []byte) (int, error) {
	if len(p) <= w.n {
		w.n -= len(p)
		return len(p), nil
	}
	n := w.n
	w.n = 0
	return n, errDisk
}

func TestWriterError(t *testing.T) {
	row := []any{int64(1), title, "https://example.org/a", noon, ptr("a"), 1.5, true, json.RawMessage(`[]`), 1}
	tests := []struct {
		name string
		rows int
		n    int // bytes the writer accepts
	}{
		// The error surfaces from Close's flush.
		{"small output", 3, 0},
		// The error surfaces from Encode, when the buffer fills.
		{"large output", 10000, 100000},
	}
	for _, tt := range tests {
		for _, f := range []Format{CSV, JSON, JSONL} {
			t.Run(tt.name+" "+string(f), func(t *testing.T) {
				enc, err := NewEncoder(&failWriter{n: tt.n}, f, columns, Options{})
				if err != nil {
					t.Fatal(err)
				}
				var encErr error
				for range tt.rows {
					if encErr = enc.Encode(row...); encErr != nil {
						break
					}
				}
				if tt.rows > 1000 && !errors.Is(encErr, errDisk) {
					t.Errorf("Encode: got %v, want %v", encErr, errDisk)
				}
				if err := enc.Encode(row...); encErr != nil && !errors.Is(err, errDisk) {
					t.Errorf("Encode after the error: got %v, want %v", err, errDisk)
				}
				if err := enc.Close(); !errors.Is(err, errDisk) {
					t.Errorf("Close: got %v, want %v", err, errDisk)
				}
				if err := enc.Close(); !errors.Is(err, errDisk) {
					t.Errorf("second Close: got %v, want %v", err, errDisk)
				}
			})
		}
	}
}

func TestClose(t *testing.T) {
	for _, f := range []Format{CSV, JSON, JSONL} {
		t.Run(string(f), func(t *testing.T) {
			var buf bytes.Buffer
			enc, err := NewEncoder(&buf, f, []string{"a"}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if err := enc.Encode("x"); err != nil {
				t.Fatal(err)
			}
			if err := enc.Close(); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			if err := enc.Close(); err != nil {
				t.Errorf("second Close: %v", err)
			}
			if err := enc.Encode("y"); err == nil {
				t.Error("Encode after Close: got no error")
			}
			if got := buf.String(); got != out {
				t.Errorf("output changed after Close: got %q, want %q", got, out)
			}
		})
	}
}

// tempFiles lists what CreateAtomic left behind in dir.
func tempFiles(t *testing.T, dir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, ".*.tmp-*"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestAtomicCommit(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "items.csv")
	f, err := CreateAtomic(path)
	if err != nil {
		t.Fatal(err)
	}
	enc, err := NewEncoder(f, CSV, columns, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range typicalRows {
		if err := enc.Encode(r...); err != nil {
			t.Fatal(err)
		}
	}
	if err := enc.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("target exists before Commit: %v", err)
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}

	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := encode(t, CSV, columns, Options{}, typicalRows...); string(got) != want {
		t.Errorf("got content %q, want %q", got, want)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := fi.Mode().Perm(), os.FileMode(0o644); got != want {
		t.Errorf("got mode %v, want %v", got, want)
	}
	if got := tempFiles(t, dir); len(got) != 0 {
		t.Errorf("temporary files left: %q", got)
	}
	if err := f.Abort(); err != nil {
		t.Errorf("Abort after Commit: %v", err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("Abort after Commit removed the target: %v", err)
	}
	if err := f.Commit(); err == nil {
		t.Error("second Commit: got no error")
	}
	if _, err := f.Write([]byte("x")); err == nil {
		t.Error("Write after Commit: got no error")
	}
}

func TestAtomicAbort(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "items.json")
	f, err := CreateAtomic(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write([]byte("[]\n")); err != nil {
		t.Fatal(err)
	}
	if err := f.Abort(); err != nil {
		t.Fatal(err)
	}
	if err := f.Abort(); err != nil {
		t.Errorf("second Abort: %v", err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 0 {
		t.Errorf("got %d files in the directory after Abort, want none: %v", len(entries), entries)
	}
}

// TestAtomicFailedRun checks that an export that goes wrong — the encoder
// refusing a row, or the disk refusing a write — leaves the previous export
// exactly as it was and no temporary file behind.
func TestAtomicFailedRun(t *testing.T) {
	const old = "id\r\nprevious export\r\n"
	tests := []struct {
		name string
		run  func(t *testing.T, f *AtomicFile) error // returns the run's error
	}{
		{"aborted", func(t *testing.T, f *AtomicFile) error {
			enc, err := NewEncoder(f, JSONL, []string{"id"}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			for i := range 5000 {
				if err := enc.Encode(i); err != nil {
					t.Fatal(err)
				}
			}
			if err := enc.Encode(int32(1)); err == nil {
				t.Fatal("Encode(int32): got no error")
			}
			return f.Abort()
		}},
		{"write error", func(t *testing.T, f *AtomicFile) error {
			if _, err := f.Write([]byte("partial")); err != nil {
				t.Fatal(err)
			}
			f.f.Close() // the disk goes away
			if _, err := f.Write([]byte("more")); err == nil {
				t.Fatal("Write to a closed file: got no error")
			}
			err := f.Commit()
			if err == nil {
				t.Fatal("Commit after a failed write: got no error")
			}
			if !errors.Is(err, os.ErrClosed) {
				t.Errorf("Commit: got %v, want the write error", err)
			}
			if err := f.Abort(); err != nil {
				t.Errorf("Abort after a failed Commit: %v", err)
			}
			return nil
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "items.csv")
			if err := os.WriteFile(path, []byte(old), 0o644); err != nil {
				t.Fatal(err)
			}
			f, err := CreateAtomic(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := tt.run(t, f); err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != old {
				t.Errorf("target changed: got %q, want %q", got, old)
			}
			if got := tempFiles(t, dir); len(got) != 0 {
				t.Errorf("temporary files left: %q", got)
			}
		})
	}
}

func TestCreateAtomicMissingDir(t *testing.T) {
	path := filepath.Join(t.TempDir(), "no", "such", "dir", "items.csv")
	f, err := CreateAtomic(path)
	if err == nil {
		f.Abort()
		t.Fatal("got no error")
	}
	if !strings.Contains(err.Error(), path) {
		t.Errorf("error %q does not name %s", err, path)
	}
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("got %v, want an os.ErrNotExist", err)
	}
}

func TestCreateAtomicRelative(t *testing.T) {
	t.Chdir(t.TempDir())
	f, err := CreateAtomic("out.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write([]byte("{}\n")); err != nil {
		t.Fatal(err)
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile("out.jsonl"); err != nil || string(got) != "{}\n" {
		t.Errorf("got %q, %v, want %q", got, err, "{}\n")
	}
}

func ExampleNewEncoder() {
	enc, err := NewEncoder(os.Stdout, JSONL, []string{"id", "title", "seen"}, Options{})
	if err != nil {
		panic(err)
	}
	enc.Encode(1, "Q&A: <what> next", time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC))
	enc.Encode(2, "Тегеран", nil)
	if err := enc.Close(); err != nil {
		panic(err)
	}
	// Output:
	// {"id":1,"title":"Q&A: <what> next","seen":"2026-01-15T12:00:00Z"}
	// {"id":2,"title":"Тегеран","seen":null}
}

// BenchmarkEncode writes 10,000 listing rows of 12 columns per iteration,
// a mix of the types an archive export holds.
func BenchmarkEncode(b *testing.B) {
	const nrows = 10000
	cols := []string{"id", "source", "url", "title", "summary", "author", "published", "first_seen", "last_seen", "score", "is_new", "tags"}
	rows := make([][]any, nrows)
	for i := range rows {
		t := noon.Add(time.Duration(i) * time.Minute)
		var author *string
		if i%3 != 0 {
			author = ptr("Анна Иванова")
		}
		rows[i] = []any{
			int64(i), "example-news",
			fmt.Sprintf("https://example.org/news/2026/01/%d-iskp-reemergence", i),
			title,
			"Analysts say the group, once \"defeated\", is recruiting again\nacross the region — and online.",
			author, &t, t, t.Add(time.Hour), float64(i) / 7, i%2 == 0,
			json.RawMessage(`["iran","iskp","security"]`),
		}
	}
	for _, f := range []Format{CSV, JSON, JSONL} {
		b.Run(string(f), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				enc, err := NewEncoder(io.Discard, f, cols, Options{})
				if err != nil {
					b.Fatal(err)
				}
				for _, r := range rows {
					if err := enc.Encode(r...); err != nil {
						b.Fatal(err)
					}
				}
				if err := enc.Close(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N*nrows)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}
