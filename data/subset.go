package data

// Subset returns the rows of t for which keep is true, in order, as a new
// table (the column values are copied). The new table still knows the
// file and the line (or row) each of its rows came from, so an error found
// in it, by SeriesFromTable or ErrorAt, points into the file: one series
// of a long file with a series column, one channel of a plan.
func (t *Table) Subset(keep func(i int) bool) *Table {
	var idx []int
	for i := range t.Len() {
		if keep(i) {
			idx = append(idx, i)
		}
	}
	out := &Table{file: t.file, Columns: make([]Column, len(t.Columns))}
	for j, c := range t.Columns {
		out.Columns[j] = Column{Name: c.Name}
		switch {
		case c.Time != nil:
			out.Columns[j].Time = pick(c.Time, idx)
		case c.Float != nil:
			out.Columns[j].Float = pick(c.Float, idx)
		default:
			out.Columns[j].Text = pick(c.Text, idx)
		}
	}
	if t.lines != nil && len(t.lines) >= t.Len() {
		out.lines = pick(t.lines, idx)
		return out
	}
	out.rows = make([]int, len(idx))
	for k, i := range idx {
		out.rows[k] = t.rowPosition(i)
	}
	return out
}

// pick returns the elements idx of s, in a new slice.
func pick[T any](s []T, idx []int) []T {
	out := make([]T, len(idx))
	for k, i := range idx {
		out[k] = s[i]
	}
	return out
}

// rowPosition is the row number in the file of row i of a table without
// lines.
func (t *Table) rowPosition(i int) int {
	if t.rows != nil && i < len(t.rows) {
		return t.rows[i]
	}
	return t.rowBase + i + 1
}
