// Package export owns the file formats of `tagsnap export`: streaming
// encoders that write rows of a fixed column list as CSV, a JSON array or
// JSON Lines to any io.Writer, and AtomicFile, which makes an export appear
// at its final path only once it is complete.
//
// The encoders stream because an archive's history can be far larger than
// memory: each row is written as it comes and nothing holds the whole
// export. The CSV they write is aimed at spreadsheets, because that is where
// analysts open it: it starts with a UTF-8 byte order mark, without which
// Excel reads UTF-8 as a legacy code page and garbles every non-ASCII title,
// and text cells that a spreadsheet would run as a formula are neutralised
// (OWASP "CSV injection"), since titles and summaries come from the pages we
// archive, that is from strangers.
//
// A typical export:
//
//	f, err := export.CreateAtomic(path)
//	if err != nil {
//		return err
//	}
//	defer f.Abort() // no-op once committed
//	enc, err := export.NewEncoder(f, export.CSV, columns, export.Options{})
//	if err != nil {
//		return err
//	}
//	for rows.Next() {
//		// …
//		if err := enc.Encode(id, title, published); err != nil {
//			return err
//		}
//	}
//	if err := enc.Close(); err != nil {
//		return err
//	}
//	return f.Commit()
package export

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
)

// Format is an export file format.
type Format string

// The formats NewEncoder writes.
const (
	// CSV is RFC 4180 CSV with a header row, as spreadsheets expect.
	CSV Format = "csv"
	// JSON is a single JSON array of objects, one object per line.
	JSON Format = "json"
	// JSONL is JSON Lines: one object per line and nothing else, so the
	// output can be split, appended to and read by line-oriented tools.
	JSONL Format = "jsonl"
)

// ParseFormat returns the Format named s, ignoring case, so that a flag like
// --format=CSV works. The error lists the valid names.
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(strings.TrimSpace(s))); f {
	case CSV, JSON, JSONL:
		return f, nil
	}
	return "", fmt.Errorf("export: unknown format %q (want %s, %s or %s)", s, CSV, JSON, JSONL)
}

// Options tunes the encoders. The zero value is the right choice for files
// meant for people; the switches are for pipelines that read the CSV with
// a program and want the cells byte for byte.
type Options struct {
	// NoFormulaEscape turns off neutralising CSV cells that a spreadsheet
	// would run as a formula.
	NoFormulaEscape bool
	// NoBOM leaves out the UTF-8 byte order mark CSV files start with
	// (Excel needs it to read UTF-8).
	NoBOM bool
}

// Encoder writes rows of a fixed column list.
//
// Encode writes one row; the values are matched to the columns by position.
// A row that cannot be encoded (wrong number of values, unsupported type,
// NaN…) is rejected whole, before anything of it is written, and the
// encoder stays usable. An error from the underlying writer is sticky:
// Encode and Close return it from then on.
//
// Close flushes and writes any trailer (the closing "]" of JSON) and returns
// the first error; it does not close the underlying writer. Closing twice
// is safe.
//
// The values Encode accepts are nil, string, *string, int, int64, *int64,
// float64, bool, time.Time, *time.Time and json.RawMessage. Nil pointers,
// the zero time.Time and an empty json.RawMessage are null in JSON and an
// empty cell in CSV. Times are written in UTC as RFC 3339 with seconds
// (2026-01-15T12:00:00Z). A json.RawMessage is embedded as-is (compacted) in
// JSON and as its text in CSV. NaN and infinite floats are rejected, since
// JSON cannot carry them and an export should not depend on its format.
type Encoder interface {
	// Encode writes one row; len(values) must equal the number of columns.
	Encode(values ...any) error
	// Close flushes, writes any trailer and returns the first error.
	Close() error
}

// NewEncoder returns an Encoder writing format f to w. columns are the
// column names, in order: the CSV header and the JSON object keys. They must
// be non-empty and unique, because a JSON object with two equal keys loses
// one of them in most readers.
//
// Output is buffered; call Close to flush it.
func NewEncoder(w io.Writer, f Format, columns []string, opt Options) (Encoder, error) {
	if w == nil {
		return nil, errors.New("export: nil writer")
	}
	if len(columns) == 0 {
		return nil, errors.New("export: no columns")
	}
	seen := make(map[string]bool, len(columns))
	for i, c := range columns {
		if c == "" {
			return nil, fmt.Errorf("export: column %d has no name", i+1)
		}
		if seen[c] {
			return nil, fmt.Errorf("export: duplicate column %q", c)
		}
		seen[c] = true
	}
	columns = append([]string(nil), columns...) // the caller may reuse its slice
	switch f {
	case CSV:
		return newCSVEncoder(w, columns, opt), nil
	case JSON:
		return newJSONEncoder(w, columns, true), nil
	case JSONL:
		return newJSONEncoder(w, columns, false), nil
	}
	_, err := ParseFormat(string(f))
	return nil, err
}

// errClosed is returned by Encode after Close.
var errClosed = errors.New("export: encoder is closed")

// kind says how a value is rendered. Both encoders go through value, so
// every type is accepted (or refused) the same way in every format.
type kind uint8

const (
	kindNull    kind = iota // JSON null, empty CSV cell
	kindText                // a string: JSON-quoted, neutralised in CSV
	kindTime                // a formatted time: quoted in JSON, never neutralised
	kindLiteral             // a number or bool: the same bare text in both formats
	kindRaw                 // a json.RawMessage: embedded in JSON, text in CSV
)

// value reduces v, the value of column col, to its kind and text.
func value(col string, v any) (kind, string, error) {
	switch v := v.(type) {
	case nil:
		return kindNull, "", nil
	case string:
		return kindText, v, nil
	case *string:
		if v == nil {
			return kindNull, "", nil
		}
		return kindText, *v, nil
	case int:
		return kindLiteral, strconv.Itoa(v), nil
	case int64:
		return kindLiteral, strconv.FormatInt(v, 10), nil
	case *int64:
		if v == nil {
			return kindNull, "", nil
		}
		return kindLiteral, strconv.FormatInt(*v, 10), nil
	case float64:
		s, err := formatFloat(v)
		if err != nil {
			return 0, "", fmt.Errorf("export: column %q: %w", col, err)
		}
		return kindLiteral, s, nil
	case bool:
		return kindLiteral, strconv.FormatBool(v), nil
	case time.Time:
		return timeValue(col, v)
	case *time.Time:
		if v == nil {
			return kindNull, "", nil
		}
		return timeValue(col, *v)
	case json.RawMessage:
		if len(v) == 0 {
			return kindNull, "", nil
		}
		return kindRaw, string(v), nil
	}
	return 0, "", fmt.Errorf("export: column %q: unsupported type %T", col, v)
}

func timeValue(col string, t time.Time) (kind, string, error) {
	if t.IsZero() {
		// The zero time is how Go spells "no time"; 0001-01-01 in an
		// export would only be mistaken for a date.
		return kindNull, "", nil
	}
	t = t.UTC()
	if y := t.Year(); y < 0 || y > 9999 {
		// RFC 3339 has four-digit years; anything else is not a date a
		// reader of the export could parse.
		return 0, "", fmt.Errorf("export: column %q: time %v has a year outside 0000-9999", col, t)
	}
	return kindTime, t.Format(time.RFC3339), nil
}

// formatFloat formats f the way encoding/json does (plain decimals, an
// exponent only for very large or small magnitudes), so CSV and JSON show
// the same number.
func formatFloat(f float64) (string, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "", fmt.Errorf("unsupported float value %v", f)
	}
	fmtc := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		fmtc = 'e'
	}
	b := strconv.AppendFloat(make([]byte, 0, 24), f, fmtc, -1, 64)
	if fmtc == 'e' {
		// Turn e-09 into e-9, as encoding/json does.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return string(b), nil
}

func countError(got, want int) error {
	return fmt.Errorf("export: got %d values for %d columns", got, want)
}
