package data

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// TableReader reads a table a chunk of rows at a time, for files too long
// to hold: each chunk is a *Table with the file's columns, whose
// ErrorAt names the line (or row) in the whole file. A column keeps the
// type its first chunk gives it (numbers or text); a later chunk that
// disagrees is an error naming the line.
type TableReader struct {
	name  string
	opt   ReadOptions
	chunk int
	next  func() (*Table, error)
	close func() error
}

// NewTableReader reads CSV, Parquet or Arrow from r in chunks of about
// chunk rows (0 means 8,192). Parquet is read by record batch when r is
// an io.ReaderAt and io.Seeker (an *os.File); Arrow, and Parquet from a
// plain reader, are read whole and handed out in chunks.
func NewTableReader(r io.Reader, name string, f Format, opt ReadOptions, chunk int) (*TableReader, error) {
	if chunk <= 0 {
		chunk = 8192
	}
	tr := &TableReader{name: name, opt: opt, chunk: chunk, close: func() error { return nil }}
	switch f {
	case CSV:
		return tr, tr.csv(r)
	case Parquet:
		if ras, ok := r.(parquet.ReaderAtSeeker); ok {
			return tr, tr.parquet(ras)
		}
	}
	t, err := ReadTable(r, name, f, opt)
	if err != nil {
		return nil, err
	}
	done := false
	tr.next = func() (*Table, error) {
		if done {
			return nil, io.EOF
		}
		done = true
		return t, nil
	}
	return tr, nil
}

// Next returns the next chunk, or io.EOF after the last.
func (tr *TableReader) Next() (*Table, error) { return tr.next() }

// Close releases what the reader holds.
func (tr *TableReader) Close() error { return tr.close() }

func (tr *TableReader) csv(r io.Reader) error {
	// The same limits as ReadTable: a binary-file check on the first
	// block and a cap on the line length.
	in, err := textReader(r, tr.name, tr.opt.Comma)
	if err != nil {
		return err
	}
	comma := in.comma
	cr := csv.NewReader(in)
	cr.Comma = comma
	cr.ReuseRecord = false
	header, err := cr.Read()
	if err == io.EOF {
		return &ParseError{File: tr.name, Line: 1, Err: fmt.Errorf("%w: the file is empty; want a header line such as start,calls", ErrEmpty)}
	}
	if err != nil {
		return in.error(err)
	}
	for i := range header {
		header[i] = strings.TrimSpace(strings.TrimPrefix(header[i], "\ufeff"))
	}
	tcol := tr.opt.timeColumn()
	ti := index(header, tcol)
	if ti < 0 {
		return &ParseError{File: tr.name, Line: 1, Column: tcol, Err: fmt.Errorf("%w: the header has no column %q; it has %s", ErrMissingColumn, tcol, strings.Join(quoteAll(header), ", "))}
	}
	p := tr.opt.parser()
	text := make([]bool, len(header)) // per column: text, as the first chunk decided
	first := true
	tr.next = func() (*Table, error) {
		records := make([][]string, 0, tr.chunk)
		lines := make([]int, 0, tr.chunk)
		for len(records) < tr.chunk {
			rec, err := cr.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				return nil, in.error(err)
			}
			line, _ := cr.FieldPos(0)
			records = append(records, rec)
			lines = append(lines, line)
		}
		if len(records) == 0 {
			if first {
				return nil, &ParseError{File: tr.name, Line: 2, Err: fmt.Errorf("%w: the file has a header but no rows", ErrEmpty)}
			}
			return nil, io.EOF
		}
		t := &Table{file: tr.name, lines: lines}
		times := make([]time.Time, len(records))
		for i, rec := range records {
			tm, err := p.parse(rec[ti])
			if err != nil {
				return nil, &ParseError{File: tr.name, Line: lines[i], Column: tcol, Value: rec[ti], Err: err}
			}
			times[i] = tm
		}
		for j, h := range header {
			if j == ti {
				t.Columns = append(t.Columns, Column{Name: h, Time: times})
				continue
			}
			forced := contains(tr.opt.Text, h) || !first && text[j]
			col, err := parseColumn(tr.name, h, j, records, lines, comma == ';', forced)
			if err != nil {
				return nil, err
			}
			if first {
				text[j] = col.Text != nil
			} else if col.Text != nil && !text[j] {
				return nil, &ParseError{File: tr.name, Line: lines[0], Column: h, Err: want(ErrBadNumber, "numbers, as in the rows above", records[0][j])}
			}
			t.Columns = append(t.Columns, col)
		}
		first = false
		return t, nil
	}
	return nil
}

func (tr *TableReader) parquet(ras parquet.ReaderAtSeeker) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = &ParseError{File: tr.name, Err: fmt.Errorf("not a readable Parquet file: %v", p)}
		}
	}()
	pf, err := file.NewParquetReader(ras)
	if err != nil {
		return &ParseError{File: tr.name, Err: fmt.Errorf("not a readable Parquet file: %v", err)}
	}
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{BatchSize: int64(tr.chunk)}, memory.DefaultAllocator)
	if err != nil {
		pf.Close()
		return &ParseError{File: tr.name, Err: fmt.Errorf("not a readable Parquet file: %v", err)}
	}
	rr, err := fr.GetRecordReader(context.Background(), nil, nil)
	if err != nil {
		pf.Close()
		return &ParseError{File: tr.name, Err: err}
	}
	tr.close = func() error {
		rr.Release()
		return pf.Close()
	}
	p := tr.opt.parser()
	tcol := tr.opt.timeColumn()
	row := 0
	tr.next = func() (t *Table, err error) {
		defer func() {
			if p := recover(); p != nil {
				t, err = nil, &ParseError{File: tr.name, Err: fmt.Errorf("not a readable Parquet file: %v", p)}
			}
		}()
		if !rr.Next() {
			if err := rr.Err(); err != nil && !errors.Is(err, io.EOF) {
				return nil, &ParseError{File: tr.name, Err: err}
			}
			if row == 0 {
				return nil, &ParseError{File: tr.name, Err: fmt.Errorf("%w: the file has no rows", ErrEmpty)}
			}
			return nil, io.EOF
		}
		rec := rr.RecordBatch()
		t = &Table{file: tr.name, noLine: true, rowBase: row}
		for j, fld := range rec.Schema().Fields() {
			col, err := arrowColumn(tr.name, fld, []arrow.Array{rec.Column(j)}, p, fld.Name == tcol)
			if err != nil {
				var pe *ParseError
				if errors.As(err, &pe) && pe.Row > 0 {
					pe.Row += row
				}
				return nil, err
			}
			t.Columns = append(t.Columns, col)
		}
		if c := t.Column(tcol); c == nil || c.Time == nil {
			return nil, &ParseError{File: tr.name, Column: tcol, Err: fmt.Errorf("%w: no timestamp column %q", ErrMissingColumn, tcol)}
		}
		row += int(rec.NumRows())
		return t, nil
	}
	return nil
}

// TableWriter writes a table a chunk at a time in CSV, JSON or Parquet,
// with the same bytes (CSV, JSON) or values (Parquet) as WriteTable gives
// for the whole table. Every chunk must have the first chunk's columns.
type TableWriter struct {
	w      io.Writer
	f      Format
	n      int  // rows written
	began  bool // the header (CSV) or the opening bracket (JSON) is written
	bw     *bufio.Writer
	cw     *csv.Writer
	pw     *pqarrow.FileWriter
	schema *arrow.Schema
}

// NewTableWriter writes chunks to w in format f (CSV, JSON or Parquet).
func NewTableWriter(w io.Writer, f Format) (*TableWriter, error) {
	switch f {
	case CSV, JSON, Parquet:
	default:
		return nil, fmt.Errorf("data: cannot stream format %v: want csv, json or parquet", f)
	}
	tw := &TableWriter{w: w, f: f, bw: bufio.NewWriterSize(w, 64*1024)}
	tw.cw = csv.NewWriter(tw.bw)
	return tw, nil
}

// Write writes the rows of t.
func (tw *TableWriter) Write(t *Table) error {
	first := !tw.began
	tw.began = true
	switch tw.f {
	case CSV:
		rec := make([]string, len(t.Columns))
		if first {
			for j, c := range t.Columns {
				rec[j] = c.Name
			}
			tw.cw.Write(rec)
		}
		for i := 0; i < t.Len(); i++ {
			for j := range t.Columns {
				rec[j] = cell(&t.Columns[j], i)
			}
			tw.cw.Write(rec)
		}
		tw.cw.Flush()
		if err := tw.cw.Error(); err != nil {
			return err
		}
	case JSON:
		var buf bytes.Buffer
		if err := writeJSON(&buf, t); err != nil {
			return err
		}
		// writeJSON writes "[", rows joined by ",", "\n]\n": keep the rows.
		body := bytes.TrimSuffix(bytes.TrimPrefix(buf.Bytes(), []byte("[")), []byte("\n]\n"))
		if first {
			tw.bw.WriteString("[")
		} else if len(body) > 0 {
			tw.bw.WriteString(",")
		}
		tw.bw.Write(body)
	case Parquet:
		rec, err := toRecord(t)
		if err != nil {
			return err
		}
		defer rec.Release()
		if tw.pw == nil {
			tw.schema = rec.Schema()
			// Row groups of 64 Ki rows, so that a long stream is not
			// buffered whole: the default group holds 64 Mi rows.
			props := parquet.NewWriterProperties(parquet.WithMaxRowGroupLength(64 * 1024))
			if tw.pw, err = pqarrow.NewFileWriter(tw.schema, tw.bw, props, pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema())); err != nil {
				return err
			}
		}
		if err := tw.pw.WriteBuffered(rec); err != nil {
			return err
		}
	}
	tw.n += t.Len()
	return nil
}

// Close finishes the file and flushes it; it does not close w.
func (tw *TableWriter) Close() error {
	switch tw.f {
	case JSON:
		if !tw.began {
			tw.bw.WriteString("[")
		}
		tw.bw.WriteString("\n]\n")
	case Parquet:
		if tw.pw != nil {
			if err := tw.pw.Close(); err != nil {
				return err
			}
		}
	}
	return tw.bw.Flush()
}
