package export

import (
	"bufio"
	"encoding/csv"
	"io"
)

// bom is the UTF-8 byte order mark. Excel uses it to tell UTF-8 from the
// legacy code page it otherwise assumes for CSV.
const bom = "\uFEFF"

// bufSize is the write buffer of both encoders: big enough that a row rarely
// straddles two writes, small enough to keep the output streaming.
const bufSize = 32 << 10

type csvEncoder struct {
	bw       *bufio.Writer
	cw       *csv.Writer
	columns  []string
	escape   bool
	record   []string // reused between rows
	err      error    // first writer error
	closed   bool
	closeErr error
}

func newCSVEncoder(w io.Writer, columns []string, opt Options) *csvEncoder {
	bw := bufio.NewWriterSize(w, bufSize)
	if !opt.NoBOM {
		bw.WriteString(bom) // a buffered write; any error resurfaces at flush
	}
	// csv.NewWriter reuses bw rather than wrapping it in another buffer, so
	// the BOM above and the records share one buffer and one flush.
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true // RFC 4180, and what Excel writes
	e := &csvEncoder{
		bw:      bw,
		cw:      cw,
		columns: columns,
		escape:  !opt.NoFormulaEscape,
		record:  make([]string, len(columns)),
	}
	// The header is ours, not scraped text, so it is not neutralised.
	e.err = cw.Write(columns)
	return e
}

// Encode implements Encoder.
func (e *csvEncoder) Encode(values ...any) error {
	if e.closed {
		return errClosed
	}
	if e.err != nil {
		return e.err
	}
	if len(values) != len(e.columns) {
		return countError(len(values), len(e.columns))
	}
	for i, v := range values {
		k, s, err := value(e.columns[i], v)
		if err != nil {
			return err
		}
		// A json.RawMessage is opaque text to us, and the spreadsheet
		// reads it as text, so it is neutralised like a string.
		if e.escape && (k == kindText || k == kindRaw) {
			s = neutralise(s)
		}
		e.record[i] = s
	}
	var err error
	if len(e.record) == 1 && e.record[0] == "" {
		// encoding/csv writes a lone empty cell as an empty line, which
		// readers (encoding/csv included) skip: the row would vanish.
		// Quoting it keeps the row. cw writes straight into bw, so the
		// order of rows is kept.
		_, err = e.bw.WriteString("\"\"\r\n")
	} else {
		err = e.cw.Write(e.record)
	}
	if err != nil {
		e.err = err
	}
	clear(e.record) // do not keep the row's strings alive
	return e.err
}

// Close implements Encoder.
func (e *csvEncoder) Close() error {
	if e.closed {
		return e.closeErr
	}
	e.closed = true
	e.cw.Flush()
	if e.err == nil {
		e.err = e.cw.Error()
	}
	e.closeErr = e.err
	return e.closeErr
}

// neutralise defuses a cell a spreadsheet would run as a formula. Excel,
// LibreOffice and Google Sheets treat a cell starting with = + - or @ as a
// formula, and some strip a leading tab or CR before looking; a leading
// single quote makes them all show the text as typed. This is the OWASP
// recommendation for CSV injection. Typed numbers are not passed here, so a
// negative count stays a number a spreadsheet can add up.
func neutralise(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
