package data

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"time"
)

// GapPolicy says what reading a series does with missing intervals.
type GapPolicy int

const (
	GapError GapPolicy = iota // a missing interval is an error naming where (the default)
	GapZero                   // fill missing intervals with zeros
	GapKeep                   // keep the rows as they are: Start has holes, the intervals are missing (nights of a daytime-only series)
)

// ParseGapPolicy reads "error", "missing" (GapKeep; "keep" is the same)
// or "zero".
func ParseGapPolicy(s string) (GapPolicy, error) {
	switch s {
	case "", "error":
		return GapError, nil
	case "zero":
		return GapZero, nil
	case "missing", "keep":
		return GapKeep, nil
	}
	return 0, fmt.Errorf("data: gap policy %q: want error, missing or zero", s)
}

// SeriesOptions say how to read and check an interval series.
type SeriesOptions struct {
	ReadOptions
	// Columns selects the value columns, in order; nil means every numeric column.
	Columns []string
	// Every is the interval length; 0 means the most common spacing of the
	// start times.
	Every time.Duration
	// FillGaps says what to do with missing intervals.
	FillGaps GapPolicy
}

// ReadSeriesFile reads and checks the interval series in the file at path.
func ReadSeriesFile(path string, opt SeriesOptions) (*Series, error) {
	r, f, err := openFile(path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return ReadSeries(r, path, f, opt)
}

// ReadSeries reads a table and checks it as an interval series: start
// times strictly increasing at a regular step (gaps as opt.FillGaps says),
// values finite and not negative. An empty cell is a missing value (NaN):
// a phone line that was closed, say, which is not the same as zero calls.
func ReadSeries(r io.Reader, name string, f Format, opt SeriesOptions) (*Series, error) {
	t, err := ReadTable(r, name, f, opt.ReadOptions)
	if err != nil {
		return nil, err
	}
	return SeriesFromTable(t, opt)
}

// SeriesFromTable checks t as an interval series (see ReadSeries).
func SeriesFromTable(t *Table, opt SeriesOptions) (*Series, error) {
	tcol := opt.timeColumn()
	tc := t.Column(tcol)
	if tc == nil || tc.Time == nil {
		return nil, &ParseError{File: t.file, Line: 1, Column: tcol, Err: fmt.Errorf("%w: no time column %q", ErrMissingColumn, tcol)}
	}
	s := &Series{Start: tc.Time}
	if opt.Columns == nil {
		for _, c := range t.Columns {
			if c.Float != nil {
				s.Columns = append(s.Columns, c)
			}
		}
		if len(s.Columns) == 0 {
			return nil, &ParseError{File: t.file, Line: 1, Err: fmt.Errorf("%w: no numeric column besides %q", ErrMissingColumn, tcol)}
		}
	}
	for _, name := range opt.Columns {
		c := t.Column(name)
		if c == nil || c.Float == nil {
			var have []string
			for _, c := range t.Columns {
				if c.Float != nil {
					have = append(have, c.Name)
				}
			}
			return nil, &ParseError{File: t.file, Line: 1, Column: name, Err: fmt.Errorf("%w: no numeric column %q; numeric columns are %s", ErrMissingColumn, name, strings.Join(quoteAll(have), ", "))}
		}
		s.Columns = append(s.Columns, *c)
	}
	for _, c := range s.Columns {
		for i, v := range c.Float {
			if v < 0 {
				return nil, t.rowError(i, c.Name, fmt.Sprint(v), want(ErrNegative, "a volume >= 0", fmt.Sprint(v)))
			}
			if math.IsInf(v, 0) {
				return nil, t.rowError(i, c.Name, fmt.Sprint(v), want(ErrNotFinite, "a finite number", fmt.Sprint(v)))
			}
			if err := checkValue(v); err != nil {
				return nil, t.rowError(i, c.Name, fmt.Sprint(v), err)
			}
		}
	}
	for i := 1; i < len(s.Start); i++ {
		switch d := s.Start[i].Sub(s.Start[i-1]); {
		case d == 0:
			return nil, t.rowError(i, tcol, s.Start[i].Format(time.RFC3339), fmt.Errorf("%w: %s appears twice", ErrDuplicate, s.Start[i].Format(time.RFC3339)))
		case d < 0:
			return nil, t.rowError(i, tcol, s.Start[i].Format(time.RFC3339), fmt.Errorf("%w: %s comes after %s; sort the rows by time", ErrUnsorted, s.Start[i].Format(time.RFC3339), s.Start[i-1].Format(time.RFC3339)))
		}
	}
	if opt.Location == nil {
		if err := checkOffsets(t, tcol, s.Start); err != nil {
			return nil, err
		}
	}
	s.Step = opt.Every
	if s.Step == 0 {
		s.Step = commonStep(s.Start)
	}
	if s.Step <= 0 {
		return s, nil // a single row: nothing more to check
	}
	return s.regular(t, tcol, opt.FillGaps)
}

// minZoneChange is the shortest time between two offset changes a time
// zone makes: daylight saving starts and ends months apart (Morocco's
// pause for Ramadan, the shortest, lasts about a month).
const minZoneChange = 7 * 24 * time.Hour

// checkOffsets refuses rows read on their own offsets (no zone given)
// whose offsets change, in time order, in a way no time zone does: twice
// within a week, as when some rows are written in UTC and others in local
// time. The local clock of such rows, which opening hours and shifts are
// planned on, is not one clock.
func checkOffsets(t *Table, tcol string, start []time.Time) error {
	// Rows are in time order (nil) unless sorted here: most tables are
	// in order, and sorting them again cost more than the check.
	var order []int
	for i := 1; i < len(start); i++ {
		if start[i].Before(start[i-1]) {
			order = make([]int, len(start))
			for i := range order {
				order[i] = i
			}
			sort.SliceStable(order, func(a, b int) bool { return start[order[a]].Before(start[order[b]]) })
			break
		}
	}
	row := func(k int) int {
		if order == nil {
			return k
		}
		return order[k]
	}
	var lastChange time.Time
	changes := 0
	var a int // the previous row's offset, carried: one Zone a row
	if len(start) > 0 {
		_, a = start[row(0)].Zone()
	}
	for k := 1; k < len(start); k++ {
		prev, cur := start[row(k-1)], start[row(k)]
		_, b := cur.Zone()
		if a == b {
			continue
		}
		a = b
		changes++
		if changes > 1 && cur.Sub(lastChange) < minZoneChange {
			return t.rowError(row(k), tcol, cur.Format(time.RFC3339), fmt.Errorf("%w: the offset changes from %s to %s at %s, %v after the previous change at %s; time zones change their offset months apart, so these rows mix clocks (UTC and local time?): pass --tz with the zone the planning is done in", ErrOffsets, prev.Format("-07:00"), cur.Format("-07:00"), cur.Format(time.RFC3339), cur.Sub(lastChange).Round(time.Minute), lastChange.Format(time.RFC3339)))
		}
		lastChange = cur
	}
	return nil
}

// CheckOffsets refuses a time column read without a zone (each row on its
// own offset's clock) whose offsets change as no time zone does (see
// ErrOffsets). SeriesFromTable checks this itself; code that takes the
// local clock of a Table's rows (opening hours, shift starts) calls it.
func (t *Table) CheckOffsets(column string) error {
	c := t.Column(column)
	if c == nil || c.Time == nil {
		return nil
	}
	return checkOffsets(t, column, c.Time)
}

// commonStep returns the most common spacing of consecutive starts, with
// local calendar days counted as 24 hours so that a daily series keeps its
// step across daylight-saving changes.
func commonStep(start []time.Time) time.Duration {
	count := map[time.Duration]int{}
	for i := 1; i < len(start); i++ {
		count[spacing(start[i-1], start[i])]++
	}
	var best time.Duration
	for d, n := range count {
		if n > count[best] || n == count[best] && d < best {
			best = d
		}
	}
	return best
}

// spacing is b − a, but whole local days count as 24 hours each.
func spacing(a, b time.Time) time.Duration {
	d := b.Sub(a)
	if d >= 23*time.Hour && a.Hour() == b.Hour() && a.Minute() == b.Minute() {
		ay, am, ad := a.Date()
		by, bm, bd := b.Date()
		days := time.Date(by, bm, bd, 0, 0, 0, 0, time.UTC).Sub(time.Date(ay, am, ad, 0, 0, 0, 0, time.UTC))
		return days
	}
	return d
}

// next returns the start of the interval after t.
func next(t time.Time, step time.Duration) time.Time {
	if step%(24*time.Hour) == 0 {
		return t.AddDate(0, 0, int(step/(24*time.Hour)))
	}
	return t.Add(step)
}

// regular checks that every spacing is a whole number of steps and
// handles the gaps as policy says.
func (s *Series) regular(t *Table, tcol string, policy GapPolicy) (*Series, error) {
	type gap struct{ at, missing int }
	var gaps []gap
	extra := 0
	for i := 1; i < len(s.Start); i++ {
		d := spacing(s.Start[i-1], s.Start[i])
		if d%s.Step != 0 {
			return nil, t.rowError(i, tcol, s.Start[i].Format(time.RFC3339), fmt.Errorf("%w: %s is %v after the previous row, not a multiple of the step %v (mixed steps? pass --every)", ErrStep, s.Start[i].Format(time.RFC3339), d, s.Step))
		}
		if k := int(d / s.Step); k > 1 {
			gaps = append(gaps, gap{i, k - 1})
			extra += k - 1
		}
	}
	if policy == GapError && len(gaps) > 0 {
		// The first gap, where it is, and how many there are in all: the
		// reader decides between zeros and missing values on the whole.
		g := gaps[0]
		err := fmt.Errorf("%w: %d interval(s) missing between %s and %s", ErrGap, g.missing, s.Start[g.at-1].Format(time.RFC3339), s.Start[g.at].Format(time.RFC3339))
		if len(gaps) > 1 {
			err = fmt.Errorf("%w; %d intervals missing in all, in %d gaps", err, extra, len(gaps))
		}
		return nil, t.rowError(g.at, tcol, s.Start[g.at].Format(time.RFC3339), err)
	}
	if policy != GapZero || len(gaps) == 0 {
		return s, nil
	}
	out := &Series{Step: s.Step, Start: make([]time.Time, 0, len(s.Start)+extra)}
	cols := make([][]float64, len(s.Columns))
	src := 0
	for _, g := range append(gaps, gap{len(s.Start), 0}) {
		for ; src < g.at; src++ {
			out.Start = append(out.Start, s.Start[src])
			for j, c := range s.Columns {
				cols[j] = append(cols[j], c.Float[src])
			}
		}
		for k := 0; k < g.missing; k++ {
			out.Start = append(out.Start, next(out.Start[len(out.Start)-1], s.Step))
			for j := range cols {
				cols[j] = append(cols[j], 0)
			}
		}
	}
	for j, c := range s.Columns {
		out.Columns = append(out.Columns, Column{Name: c.Name, Float: cols[j]})
	}
	return out, nil
}

// Column returns the values of the column called name, or nil.
func (s *Series) Column(name string) []float64 {
	for _, c := range s.Columns {
		if c.Name == name {
			return c.Float
		}
	}
	return nil
}

// Table returns s as a table with a "start" column first.
func (s *Series) Table() *Table {
	t := &Table{Columns: []Column{{Name: "start", Time: s.Start}}}
	t.Columns = append(t.Columns, s.Columns...)
	return t
}

// sortedKeys returns m's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
