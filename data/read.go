package data

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// ReadOptions say how to read a table. The zero value reads a CSV file
// whose time column is "start", with timestamps without an offset in UTC.
type ReadOptions struct {
	// Location is the zone of timestamps written without a UTC offset, and
	// the zone all times are returned in. Nil means: a timestamp written
	// with an offset keeps it, so its local clock is the one the file
	// states (2026-12-14T21:00:00+01:00 is 21:00), and one without is UTC.
	Location *time.Location
	// TimeColumn names the timestamp column; "" means "start".
	TimeColumn string
	// Ambiguous says how to read a local time that a daylight-saving change
	// repeats or skips; the default is an error naming the line.
	Ambiguous Ambiguity
	// Comma is the CSV field separator; 0 means detect ',' or ';' from the
	// header line. With ';' a decimal comma is accepted in numbers
	// ("12,5"), as Nordic spreadsheet exports write them.
	Comma rune
	// Text names columns to keep as text even when their values look like
	// numbers (for example a queue numbered 1, 2, 3). Columns whose values
	// are mostly not numbers are text anyway.
	Text []string
}

func (o ReadOptions) timeColumn() string {
	if o.TimeColumn == "" {
		return "start"
	}
	return o.TimeColumn
}

func (o ReadOptions) parser() timeParser {
	p := timeParser{loc: o.Location, ambiguous: o.Ambiguous, seen: map[time.Time]int{}}
	if p.loc == nil {
		p.loc, p.keep = time.UTC, true
	}
	return p
}

// ReadTableFile reads the table in the file at path, in the format its
// extension names.
func ReadTableFile(path string, opt ReadOptions) (*Table, error) {
	r, f, err := openFile(path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return ReadTable(r, path, f, opt)
}

// ReadTable reads a table in format f from r; name is used in errors.
// The time column becomes a Time column; every other column becomes a
// Float column (an empty cell is NaN, meaning missing) or a Text column.
// Errors are *ParseError values that name the line (or row) and column.
func ReadTable(r io.Reader, name string, f Format, opt ReadOptions) (*Table, error) {
	switch f {
	case CSV:
		return readCSV(r, name, opt)
	case Parquet:
		return readParquet(r, name, opt)
	case Arrow:
		return readArrow(r, name, opt)
	}
	return nil, fmt.Errorf("data: %s: reading %v is not supported: want csv, parquet or arrow", name, f)
}

func readCSV(r io.Reader, name string, opt ReadOptions) (*Table, error) {
	in, err := textReader(r, name, opt.Comma)
	if err != nil {
		return nil, err
	}
	comma := in.comma
	cr := csv.NewReader(in)
	cr.Comma = comma
	cr.ReuseRecord = false
	header, err := cr.Read()
	if err == io.EOF {
		return nil, &ParseError{File: name, Line: 1, Err: fmt.Errorf("%w: the file is empty; want a header line such as start,calls", ErrEmpty)}
	}
	if err != nil {
		return nil, in.error(err)
	}
	for i := range header {
		header[i] = strings.TrimSpace(strings.TrimPrefix(header[i], "\ufeff"))
	}
	tcol := opt.timeColumn()
	ti := index(header, tcol)
	if ti < 0 {
		return nil, &ParseError{File: name, Line: 1, Column: tcol, Err: fmt.Errorf("%w: the header has no column %q; it has %s", ErrMissingColumn, tcol, strings.Join(quoteAll(header), ", "))}
	}
	var records [][]string
	var lines []int
	for {
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
		return nil, &ParseError{File: name, Line: 2, Err: fmt.Errorf("%w: the file has a header but no rows", ErrEmpty)}
	}
	p := opt.parser()
	t := &Table{file: name, lines: lines}
	times := make([]time.Time, len(records))
	for i, rec := range records {
		tm, err := p.parse(rec[ti])
		if err != nil {
			return nil, &ParseError{File: name, Line: lines[i], Column: tcol, Value: rec[ti], Err: err}
		}
		times[i] = tm
	}
	for j, h := range header {
		if j == ti {
			t.Columns = append(t.Columns, Column{Name: h, Time: times})
			continue
		}
		col, err := parseColumn(nil, name, h, j, records, lines, comma == ';', contains(opt.Text, h))
		if err != nil {
			return nil, err
		}
		t.Columns = append(t.Columns, col)
	}
	return t, nil
}

// parseColumn types column j: text if forced or if fewer than half of its
// non-empty cells are numbers, else numbers, where a cell that is not a
// number is an error. The numbers go into dst's array when it has room.
func parseColumn(dst []float64, file, name string, j int, records [][]string, lines []int, decimalComma, text bool) (Column, error) {
	vals := slices.Grow(dst[:0], len(records))[:len(records)]
	nums, nonEmpty, firstBad := 0, 0, -1
	if !text {
		for i, rec := range records {
			s := strings.TrimSpace(rec[j])
			if s == "" {
				vals[i] = math.NaN()
				continue
			}
			nonEmpty++
			if v, ok := parseNumber(s, decimalComma); ok {
				vals[i] = v
				nums++
			} else if firstBad < 0 {
				firstBad = i
			}
		}
	}
	if text || nonEmpty > 0 && 2*nums < nonEmpty {
		col := Column{Name: name, Text: make([]string, len(records))}
		for i, rec := range records {
			col.Text[i] = strings.TrimSpace(rec[j])
		}
		return col, nil
	}
	// A numeric column: the first cell that is not a number, or not a
	// finite one, is the error.
	for i, rec := range records {
		if i == firstBad {
			s := strings.TrimSpace(rec[j])
			return Column{}, &ParseError{File: file, Line: lines[i], Column: name, Value: s, Err: want(ErrBadNumber, "a number", s)}
		}
		if v := vals[i]; math.IsInf(v, 0) || math.IsNaN(v) && strings.TrimSpace(rec[j]) != "" {
			s := strings.TrimSpace(rec[j])
			return Column{}, &ParseError{File: file, Line: lines[i], Column: name, Value: s, Err: want(ErrNotFinite, "a finite number (leave the cell empty for a missing value)", s)}
		}
	}
	return Column{Name: name, Float: vals}, nil
}

// parseNumber reads a decimal number, with a decimal comma when
// decimalComma is set. It accepts NaN and Inf so that the caller can
// reject them with a clear message.
func parseNumber(s string, decimalComma bool) (float64, bool) {
	if decimalComma && strings.Contains(s, ",") {
		if strings.Contains(s, ".") {
			s = strings.ReplaceAll(s, ".", "") // 1.234,5: thousands separator
		}
		s = strings.Replace(s, ",", ".", 1)
	}
	if v, ok := parseDecimal(s); ok {
		return v, true
	}
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil
}

// parseDecimal reads the plain numbers interval data are made of, digits
// with at most one decimal point and 15 digits in all (60, 12.5,
// 60.12345), as strconv.ParseFloat's exact path does: the digits as a
// whole number below 2⁵³, divided by a power of ten that float64 holds
// exactly, one correctly rounded division, so the same bits. Anything
// else (signs, exponents, more digits) is left to ParseFloat.
func parseDecimal(s string) (float64, bool) {
	if len(s) == 0 || len(s) > 16 {
		return 0, false
	}
	var mant uint64
	digits, point := 0, -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			mant = mant*10 + uint64(c-'0')
			digits++
		case c == '.' && point < 0:
			point = i
		default:
			return 0, false
		}
	}
	if digits == 0 || digits > 15 {
		return 0, false
	}
	if point < 0 {
		return float64(mant), true
	}
	return float64(mant) / pow10[len(s)-1-point], true
}

var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}

func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		detail := pe.Err
		if errors.Is(pe.Err, csv.ErrFieldCount) {
			detail = fmt.Errorf("%w: the row has a different number of fields from the header (a cut-off or ragged row?)", ErrRagged)
		}
		return &ParseError{File: name, Line: pe.Line, Err: detail}
	}
	return fmt.Errorf("data: %s: %w", name, err)
}

func index(ss []string, s string) int {
	for i, v := range ss {
		if v == s {
			return i
		}
	}
	return -1
}

func contains(ss []string, s string) bool { return index(ss, s) >= 0 }

// quoteAll quotes names for a message: each cut as quote does, and at
// most 30 of them.
func quoteAll(ss []string) []string {
	q := make([]string, 0, min(len(ss), 31))
	for i, s := range ss {
		if i == 30 {
			q = append(q, fmt.Sprintf("... (%d in all)", len(ss)))
			break
		}
		q = append(q, quote(s))
	}
	return q
}
