package data

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/file"
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
	reuse bool
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
		if _, ok := r.(parquet.ReaderAtSeeker); ok {
			return tr, tr.parquet(r)
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

// Reuse makes Next reuse the memory of the chunk it returned before, as
// csv.Reader.ReuseRecord does: a chunk, its columns and their text are
// then valid only until the next call of Next. A stream that keeps
// nothing of a chunk (copying out what it keeps, and for error messages
// the Pos of a row) then touches one chunk's worth of memory instead of
// the whole file's: on a year of 15-minute rows, 450 fewer pages of a
// process's 2,100 touched. It applies to CSV; other formats ignore it.
func (tr *TableReader) Reuse() { tr.reuse = true }

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
	cr := newCSVLines(in.Reader, comma)
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
	days := &dayParser{p: &p}
	text := make([]bool, len(header)) // per column: text, as the first chunk decided
	// After the header, the reader hands back one slice, which each
	// chunk's fields are copied out of into one array: one allocation a
	// chunk instead of one a row.
	cr.reuse = true
	first := true
	// records and fields are reused from chunk to chunk: a Table keeps
	// the field strings (text columns) but not the slices.
	var records [][]string
	var fields []string
	// With reuse, the previous chunk's table and slices; without, they
	// stay nil and every chunk gets its own.
	var last *Table
	var lastTimes []time.Time
	var lastLines []int
	lastFloats := make([][]float64, len(header)) // by column
	tr.next = func() (*Table, error) {
		records, fields = records[:0], fields[:0]
		if tr.reuse {
			cr.recycle()
		}
		lines := slices.Grow(lastLines[:0], tr.chunk)
		for len(records) < tr.chunk {
			rec, err := cr.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				return nil, in.error(err)
			}
			line := cr.recLine
			fields = append(fields, rec...)
			records = append(records, fields[len(fields)-len(rec):len(fields):len(fields)])
			lines = append(lines, line)
		}
		if len(records) == 0 {
			if first {
				return nil, &ParseError{File: tr.name, Line: 2, Err: fmt.Errorf("%w: the file has a header but no rows", ErrEmpty)}
			}
			return nil, io.EOF
		}
		t := last
		if t == nil {
			t = &Table{file: tr.name}
		}
		t.lines, t.Columns = lines, t.Columns[:0]
		times := slices.Grow(lastTimes[:0], len(records))[:len(records)]
		if tr.reuse {
			last, lastTimes, lastLines = t, times, lines
		}
		for i, rec := range records {
			tm, err := days.parse(rec[ti])
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
			col, err := parseColumn(lastFloats[j], tr.name, h, j, records, lines, comma == ';', forced)
			if err != nil {
				return nil, err
			}
			if tr.reuse && col.Float != nil {
				lastFloats[j] = col.Float
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

func (tr *TableReader) parquet(r io.Reader) error {
	pf, err := openParquet(r, tr.name)
	if err != nil {
		return err
	}
	cols, err := pqColumns(tr.name, pf)
	if err != nil {
		pf.Close()
		return err
	}
	tr.close = pf.Close
	p := tr.opt.parser()
	tcol := tr.opt.timeColumn()
	vals := make([]*pqValues, len(cols))
	for j := range vals {
		vals[j] = &pqValues{}
	}
	var chunks []*pqChunk // the row group being read
	group, left, row := 0, 0, 0
	tr.next = func() (t *Table, err error) {
		defer func() {
			if r := recover(); r != nil {
				t, err = nil, &ParseError{File: tr.name, Err: fmt.Errorf("not a readable Parquet file: %v", r)}
			}
		}()
		for left == 0 {
			if group == pf.NumRowGroups() {
				if row == 0 {
					return nil, &ParseError{File: tr.name, Err: fmt.Errorf("%w: the file has no rows", ErrEmpty)}
				}
				return nil, io.EOF
			}
			rg := pf.RowGroup(group)
			chunks = chunks[:0]
			for _, c := range cols {
				cr, err := rg.Column(c.index)
				if err != nil {
					return nil, &ParseError{File: tr.name, Column: c.name, Err: fmt.Errorf("not a readable Parquet file: %v", err)}
				}
				chunks = append(chunks, &pqChunk{col: c, cr: cr, batch: tr.chunk})
			}
			left = int(rg.NumRows())
			group++
		}
		n := -1
		for j, ch := range chunks {
			m, err := ch.next(vals[j], &p)
			if err != nil {
				return nil, &ParseError{File: tr.name, Row: row + m + 1, Column: ch.col.name, Err: err}
			}
			if n >= 0 && m != n || m == 0 {
				return nil, &ParseError{File: tr.name, Row: row + 1, Err: fmt.Errorf("not a readable Parquet file: columns of unequal length")}
			}
			n = m
		}
		t = &Table{file: tr.name, rowBase: row, Columns: pqTableColumns(cols, tcol)}
		if err := appendPqBatch(t, tr.name, cols, tcol, &p, row, vals); err != nil {
			return nil, err
		}
		if c := t.Column(tcol); c == nil || c.Time == nil {
			return nil, &ParseError{File: tr.name, Column: tcol, Err: fmt.Errorf("%w: no timestamp column %q", ErrMissingColumn, tcol)}
		}
		row += n
		left -= n
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
	line   []byte // CSV: the lines of a chunk, reused
	cells  csvCells
	pw     *file.Writer
	groups int    // Parquet: row groups written
	buf    *Table // Parquet: rows waiting for a full row group
	// Parquet: which columns the first chunk had as times, as numbers
	times0, floats0 []bool
}

// NewTableWriter writes chunks to w in format f (CSV, JSON or Parquet).
func NewTableWriter(w io.Writer, f Format) (*TableWriter, error) {
	switch f {
	case CSV, JSON, Parquet:
	default:
		return nil, fmt.Errorf("data: cannot stream format %v: want csv, json or parquet", f)
	}
	return &TableWriter{w: w, f: f, bw: bufio.NewWriterSize(w, 64*1024)}, nil
}

// Write writes the rows of t.
func (tw *TableWriter) Write(t *Table) error {
	first := !tw.began
	tw.began = true
	switch tw.f {
	case CSV:
		// As writeCSV: numbers and times appended straight into the line.
		line := tw.line[:0]
		if first {
			line = appendCSVHeader(line, t)
		}
		for i := 0; i < t.Len(); i++ {
			line = tw.cells.appendRow(line, t, i)
			if len(line) >= 32*1024 {
				if _, err := tw.bw.Write(line); err != nil {
					return err
				}
				line = line[:0]
			}
		}
		tw.line = line[:0]
		if _, err := tw.bw.Write(line); err != nil {
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
		// Row groups of pqBatch rows, as writeParquet makes them, so
		// that the file is the one WriteTable writes for the whole table.
		if tw.pw == nil {
			var err error
			if tw.pw, err = newParquetWriter(tw.bw, t); err != nil {
				return err
			}
			tw.buf = &Table{Columns: make([]Column, len(t.Columns))}
			for j, c := range t.Columns {
				tw.buf.Columns[j].Name = c.Name
				tw.times0 = append(tw.times0, c.Time != nil)
				tw.floats0 = append(tw.floats0, c.Float != nil)
			}
		}
		if len(t.Columns) != len(tw.buf.Columns) {
			return fmt.Errorf("data: a chunk of %d columns after chunks of %d", len(t.Columns), len(tw.buf.Columns))
		}
		for lo := 0; lo < t.Len(); {
			hi := min(t.Len(), lo+pqBatch-tw.buf.Len())
			for j := range t.Columns {
				c, b := &t.Columns[j], &tw.buf.Columns[j]
				if (c.Time != nil) != tw.times0[j] || (c.Float != nil) != tw.floats0[j] {
					return fmt.Errorf("data: column %q changes type from one chunk to the next", c.Name)
				}
				switch {
				case c.Time != nil:
					b.Time = append(b.Time, c.Time[lo:hi]...)
				case c.Float != nil:
					b.Float = append(b.Float, c.Float[lo:hi]...)
				default:
					b.Text = append(b.Text, c.Text[lo:hi]...)
				}
			}
			lo = hi
			if tw.buf.Len() == pqBatch {
				if err := tw.flushGroup(); err != nil {
					return err
				}
			}
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
			if tw.buf.Len() > 0 || tw.groups == 0 {
				if err := tw.flushGroup(); err != nil {
					return err
				}
			}
			if err := tw.pw.Close(); err != nil {
				return err
			}
		}
	}
	return tw.bw.Flush()
}

// flushGroup writes the buffered rows as a row group.
func (tw *TableWriter) flushGroup() error {
	if err := writePqGroup(tw.pw, tw.buf, 0, tw.buf.Len()); err != nil {
		return err
	}
	tw.groups++
	for j := range tw.buf.Columns {
		b := &tw.buf.Columns[j]
		b.Time, b.Float, b.Text = b.Time[:0], b.Float[:0], b.Text[:0]
	}
	return nil
}
