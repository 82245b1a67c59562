package data

import (
	"fmt"
	"time"
)

// Column is one named column of a Table. Exactly one of Time, Float and
// Text is non-nil, and it has one element per row.
type Column struct {
	Name  string
	Time  []time.Time // instants, shown in their Location
	Float []float64
	Text  []string
}

// Table is rows of named, typed columns: what the readers return and the
// writers take, whatever the file format.
type Table struct {
	Columns []Column

	// Where each row came from, for error messages: set by the readers.
	file    string
	lines   []int // text line of each row, or nil: rows are counted (Parquet, Arrow)
	rowBase int   // rows before this one in the file, for a chunk (TableReader)
	rows    []int // row number in the file of each row, for a Subset of a table without lines
}

// rowError returns a ParseError located at row i of t.
func (t *Table) rowError(i int, column, value string, err error) *ParseError {
	if i < 0 { // the table as a whole (a missing column): no line
		return &ParseError{File: t.file, Column: column, Value: value, Err: err}
	}
	return t.Pos(i).ErrorAt(t.file, column, value, err)
}

// Len returns the number of rows.
func (t *Table) Len() int {
	if len(t.Columns) == 0 {
		return 0
	}
	c := t.Columns[0]
	return max(len(c.Time), len(c.Float), len(c.Text))
}

// Column returns the column called name, or nil if there is none.
func (t *Table) Column(name string) *Column {
	for i := range t.Columns {
		if t.Columns[i].Name == name {
			return &t.Columns[i]
		}
	}
	return nil
}

// Series is an interval series in wide form: one row per interval
// [Start[i], Start[i]+Step), strictly increasing, and numeric columns
// (orders, calls, chats, ...) of the same length. Start values carry their
// time zone, so a day with a daylight-saving change has 23 or 25 hourly
// rows.
type Series struct {
	Start   []time.Time
	Step    time.Duration // the interval length; 0 if not known
	Columns []Column      // Float columns only
}

// Pos is where a row of a table came from: its line in a text file, or
// its row. It outlives the table, for an error about a row found after
// its chunk is gone (TableReader.Reuse), and holds no pointer, so that a
// stream's slice of them costs the collector nothing; the file's name is
// the table's File.
type Pos struct{ line, row int }

// Pos returns where row i (counted from 0) of t came from.
func (t *Table) Pos(i int) Pos {
	if i < len(t.lines) {
		return Pos{line: t.lines[i]}
	}
	return Pos{row: t.rowPosition(i)}
}

// File returns the name of the file t was read from.
func (t *Table) File() string { return t.file }

// ErrorAt returns a *ParseError located at p in file, as Table.ErrorAt does.
func (p Pos) ErrorAt(file, column, value string, err error) *ParseError {
	return &ParseError{File: file, Line: p.line, Row: p.row, Column: column, Value: value, Err: err}
}

// String names p as a message does: "line 3" or "row 3".
func (p Pos) String() string {
	if p.line > 0 {
		return fmt.Sprintf("line %d", p.line)
	}
	return fmt.Sprintf("row %d", p.row)
}

// ErrorAt returns a *ParseError located at row i (counted from 0) of t:
// its file line when t was read from text, its row number otherwise. It
// lets code that checks a table's values report where a bad value is.
func (t *Table) ErrorAt(i int, column, value string, err error) *ParseError {
	return t.rowError(i, column, value, err)
}
