package export

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// jsonEncoder writes JSON (array) or JSONL (lines). Objects are written by
// hand, key by key, because a map would lose the column order analysts
// asked for; encoding/json only quotes the strings.
type jsonEncoder struct {
	bw       *bufio.Writer
	columns  []string
	keys     [][]byte // `"column":`, encoded once
	array    bool     // JSON rather than JSONL
	rows     int
	row      bytes.Buffer  // the row being built, reused
	quote    *json.Encoder // writes into row
	err      error         // first writer error
	closed   bool
	closeErr error
}

func newJSONEncoder(w io.Writer, columns []string, array bool) *jsonEncoder {
	e := &jsonEncoder{
		bw:      bufio.NewWriterSize(w, bufSize),
		columns: columns,
		keys:    make([][]byte, len(columns)),
		array:   array,
	}
	e.quote = json.NewEncoder(&e.row)
	// Titles are full of & and quotes in angle brackets; \u0026 is valid
	// JSON but unreadable, and the output is never embedded in HTML.
	e.quote.SetEscapeHTML(false)
	for i, c := range columns {
		e.row.Reset()
		e.appendString(c) // cannot fail: c is a string
		e.row.WriteByte(':')
		e.keys[i] = bytes.Clone(e.row.Bytes())
	}
	e.row.Reset()
	return e
}

// appendString appends s to row as a JSON string.
func (e *jsonEncoder) appendString(s string) {
	// Encode only fails if row does, and a bytes.Buffer does not. It ends
	// the value with a newline, which is not ours to keep.
	e.quote.Encode(s)
	e.row.Truncate(e.row.Len() - 1)
}

// Encode implements Encoder.
func (e *jsonEncoder) Encode(values ...any) error {
	if e.closed {
		return errClosed
	}
	if e.err != nil {
		return e.err
	}
	if len(values) != len(e.columns) {
		return countError(len(values), len(e.columns))
	}
	// Build the whole row first so that a bad value leaves no half object
	// in the output.
	e.row.Reset()
	if e.array {
		if e.rows == 0 {
			e.row.WriteString("[\n")
		} else {
			e.row.WriteString(",\n")
		}
	}
	e.row.WriteByte('{')
	for i, v := range values {
		if i > 0 {
			e.row.WriteByte(',')
		}
		e.row.Write(e.keys[i])
		k, s, err := value(e.columns[i], v)
		if err != nil {
			return err
		}
		switch k {
		case kindNull:
			e.row.WriteString("null")
		case kindText:
			e.appendString(s)
		case kindTime:
			// RFC 3339 needs no escaping.
			e.row.WriteByte('"')
			e.row.WriteString(s)
			e.row.WriteByte('"')
		case kindLiteral:
			e.row.WriteString(s)
		case kindRaw:
			// Compact both checks the message (a broken one would make
			// the whole export unreadable) and folds a pretty-printed
			// one onto the row's single line, which JSONL requires.
			if err := json.Compact(&e.row, []byte(s)); err != nil {
				return fmt.Errorf("export: column %q: invalid json.RawMessage: %w", e.columns[i], err)
			}
		}
	}
	e.row.WriteByte('}')
	if !e.array {
		e.row.WriteByte('\n')
	}
	if _, err := e.bw.Write(e.row.Bytes()); err != nil {
		e.err = err
		return err
	}
	e.rows++
	return nil
}

// Close implements Encoder.
func (e *jsonEncoder) Close() error {
	if e.closed {
		return e.closeErr
	}
	e.closed = true
	if e.err == nil && e.array {
		if e.rows == 0 {
			_, e.err = e.bw.WriteString("[]\n")
		} else {
			_, e.err = e.bw.WriteString("\n]\n")
		}
	}
	if e.err == nil {
		e.err = e.bw.Flush()
	}
	e.closeErr = e.err
	return e.closeErr
}
