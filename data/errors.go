package data

import (
	"errors"
	"fmt"
)

// Sentinel errors wrapped by ParseError; match them with errors.Is.
var (
	ErrBadTime       = errors.New("bad time")
	ErrAmbiguousTime = errors.New("ambiguous or nonexistent local time")
	ErrBadNumber     = errors.New("bad number")
	ErrNegative      = errors.New("negative value")
	ErrNotFinite     = errors.New("NaN or infinite value")
	ErrDuplicate     = errors.New("duplicate interval")
	ErrUnsorted      = errors.New("rows out of time order")
	ErrGap           = errors.New("gap in the series")
	ErrStep          = errors.New("irregular step")
	ErrMissingColumn = errors.New("missing column")
	ErrEmpty         = errors.New("no data rows")
	ErrRagged        = errors.New("wrong number of fields")
	ErrOffsets       = errors.New("UTC offsets no time zone explains")
)

// ParseError is a problem at one place in an input file. Line counts
// text lines from 1 (the header is line 1 of a CSV file); files without
// lines (Parquet, Arrow) give the data row, counted from 1, in Row.
type ParseError struct {
	File   string // the name the reader was given
	Line   int    // 0 if not a text file
	Row    int    // 0 if Line is set
	Column string // "" if the problem is the whole row or file
	Value  string // the offending text, if any
	Err    error  // the detail, wrapping a sentinel such as ErrBadTime
}

func (e *ParseError) Error() string {
	pos := e.File
	switch {
	case e.Line > 0:
		pos = fmt.Sprintf("%s:%d", e.File, e.Line)
	case e.Row > 0:
		pos = fmt.Sprintf("%s: row %d", e.File, e.Row)
	}
	if e.Column != "" {
		return fmt.Sprintf("%s: column %s: %v", pos, quote(e.Column), e.Err)
	}
	return fmt.Sprintf("%s: %v", pos, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }

// want builds the detail of a ParseError: "want X, got "v"", wrapping sentinel.
func want(sentinel error, what, got string) error {
	return &detail{sentinel, fmt.Sprintf("want %s, got %s", what, quote(got))}
}

type detail struct {
	sentinel error
	msg      string
}

func (d *detail) Error() string { return d.msg }
func (d *detail) Unwrap() error { return d.sentinel }
