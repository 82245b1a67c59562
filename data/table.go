package data

import "time"

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
