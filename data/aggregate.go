package data

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"time"
)

// AggregateOptions say how to turn an event log into an interval series.
type AggregateOptions struct {
	ReadOptions // TimeColumn names the event time column ("" means "start")
	// Every is the interval length: a divisor of an hour (15m, 30m, 1h) or
	// whole local days (24h); 0 means 1h.
	Every time.Duration
	// SumColumn names a numeric column to sum per interval; "" counts events.
	SumColumn string
}

// AggregateFile aggregates the event log in the file at path.
func AggregateFile(path string, opt AggregateOptions) (*Series, error) {
	r, f, err := openFile(path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return Aggregate(r, path, f, opt)
}

// Aggregate counts the events of a log (or sums opt.SumColumn) per local
// interval. It streams: memory grows with the number of intervals, not
// of events, and the log need not be sorted. Every interval from the
// first event's to the last event's is in the result, zeros included.
// Intervals are aligned to the local clock of opt.Location; across a
// daylight-saving change the skipped spring hour is absent and the
// repeated autumn hour appears twice, once per offset. Daily intervals
// run from local midnight to local midnight (23 or 25 hours on the
// change days).
func Aggregate(r io.Reader, name string, f Format, opt AggregateOptions) (*Series, error) {
	if opt.Every == 0 {
		opt.Every = time.Hour
	}
	if err := CheckAggregateInterval(opt.Every); err != nil {
		return nil, fmt.Errorf("data: %w", err)
	}
	b := newBucketer(opt)
	var err error
	switch f {
	case CSV:
		err = b.csv(r, name)
	case Parquet:
		err = b.parquet(r, name)
	default:
		err = fmt.Errorf("data: %s: aggregating %v is not supported: want csv or parquet", name, f)
	}
	if err != nil {
		return nil, err
	}
	if len(b.sums) == 0 {
		return nil, &ParseError{File: name, Line: 2, Err: fmt.Errorf("%w: the log has no events", ErrEmpty)}
	}
	return b.series(), nil
}

// CheckAggregateInterval reports whether every is an interval Aggregate
// can align to the local clock: a divisor of an hour or whole days.
func CheckAggregateInterval(every time.Duration) error {
	if every > 0 && (time.Hour%every == 0 || every%(24*time.Hour) == 0) {
		return nil
	}
	return fmt.Errorf("interval %v: want a divisor of an hour (15m, 30m, 1h) or whole days (24h)", every)
}

type bucketer struct {
	opt  AggregateOptions
	p    timeParser
	sums map[int64]float64 // interval start (Unix seconds) → count or sum
	// zones holds, with no zone given, the offset (as a fixed zone) of
	// each interval's first event: the clock its start is shown on.
	zones map[int64]*time.Location
	// The zone's offset is cached over the current stretch of constant
	// offset, so most events need no zone lookup.
	zoneStart, zoneEnd int64
	zoneOffset         int64
}

func newBucketer(opt AggregateOptions) *bucketer {
	return &bucketer{opt: opt, p: opt.parser(), sums: map[int64]float64{}, zones: map[int64]*time.Location{}, zoneEnd: math.MinInt64}
}

// bucket returns the start (Unix seconds) of the interval holding t.
func (b *bucketer) bucket(t time.Time) int64 {
	u := t.Unix()
	loc := b.p.loc
	if b.p.keep {
		loc = t.Location() // no zone given: the event's own offset is its clock
	}
	if b.opt.Every%(24*time.Hour) == 0 {
		lt := t.In(loc)
		y, m, d := lt.Date()
		days := int(b.opt.Every / (24 * time.Hour))
		day0 := time.Date(y, m, d, 0, 0, 0, 0, loc)
		if days > 1 { // align multi-day intervals to days since 1970-01-01
			n := int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
			day0 = day0.AddDate(0, 0, -(n % days))
		}
		return day0.Unix()
	}
	step := int64(b.opt.Every / time.Second)
	if b.p.keep {
		_, off := t.Zone()
		return u - mod(u+int64(off), step)
	}
	if u < b.zoneStart || u >= b.zoneEnd {
		_, off := t.In(loc).Zone()
		start, end := t.In(loc).ZoneBounds()
		b.zoneOffset = int64(off)
		b.zoneStart, b.zoneEnd = math.MinInt64, math.MaxInt64
		if !start.IsZero() {
			b.zoneStart = start.Unix()
		}
		if !end.IsZero() {
			b.zoneEnd = end.Unix()
		}
	}
	local := u + b.zoneOffset
	return u - mod(local, step)
}

func mod(a, b int64) int64 {
	m := a % b
	if m < 0 {
		m += b
	}
	return m
}

func (b *bucketer) add(t time.Time, v float64) {
	k := b.bucket(t)
	b.sums[k] += v
	if b.p.keep {
		if _, ok := b.zones[k]; !ok {
			b.zones[k] = t.Location()
		}
	}
}

func (b *bucketer) csv(r io.Reader, name string) error {
	in, err := textReader(r, name, b.opt.Comma)
	if err != nil {
		return err
	}
	comma := in.comma
	cr := csv.NewReader(in)
	cr.Comma = comma
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return &ParseError{File: name, Line: 1, Err: fmt.Errorf("%w: the file is empty; want a header line", ErrEmpty)}
	}
	if err != nil {
		return in.error(err)
	}
	header = append([]string(nil), header...)
	for i := range header {
		header[i] = strings.TrimSpace(strings.TrimPrefix(header[i], "\ufeff"))
	}
	tcol := b.opt.timeColumn()
	ti := index(header, tcol)
	if ti < 0 {
		return &ParseError{File: name, Line: 1, Column: tcol, Err: fmt.Errorf("%w: the header has no column %q (name the time column with --time-column); it has %s", ErrMissingColumn, tcol, strings.Join(quoteAll(header), ", "))}
	}
	si := -1
	if b.opt.SumColumn != "" {
		if si = index(header, b.opt.SumColumn); si < 0 {
			return &ParseError{File: name, Line: 1, Column: b.opt.SumColumn, Err: fmt.Errorf("%w: the header has no column %q", ErrMissingColumn, b.opt.SumColumn)}
		}
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return in.error(err)
		}
		t, err := b.p.parse(rec[ti])
		if err != nil {
			line, _ := cr.FieldPos(ti)
			return &ParseError{File: name, Line: line, Column: tcol, Value: rec[ti], Err: err}
		}
		v := 1.0
		if si >= 0 {
			s := strings.TrimSpace(rec[si])
			var ok bool
			if v, ok = parseNumber(s, comma == ';'); !ok || math.IsNaN(v) || math.IsInf(v, 0) {
				line, _ := cr.FieldPos(si)
				return &ParseError{File: name, Line: line, Column: b.opt.SumColumn, Value: s, Err: want(ErrBadNumber, "a finite number", s)}
			}
			if err := checkValue(v); err != nil {
				line, _ := cr.FieldPos(si)
				return &ParseError{File: name, Line: line, Column: b.opt.SumColumn, Value: s, Err: err}
			}
		}
		b.add(t, v)
	}
}

// parquet streams a Parquet log one batch at a time.
func (b *bucketer) parquet(r io.Reader, name string) error {
	pf, err := openParquet(r, name)
	if err != nil {
		return err
	}
	defer pf.Close()
	all, err := pqColumns(name, pf)
	if err != nil {
		return err
	}
	find := func(col string) (pqColumn, bool) {
		for _, c := range all {
			if c.name == col {
				return c, true
			}
		}
		return pqColumn{}, false
	}
	tcol := b.opt.timeColumn()
	tc, ok := find(tcol)
	if !ok {
		return &ParseError{File: name, Column: tcol, Err: fmt.Errorf("%w: no column %q (name the time column with --time-column)", ErrMissingColumn, tcol)}
	}
	if tc.kind == pqNumber || tc.kind == pqDecimal {
		return &ParseError{File: name, Column: tcol, Err: fmt.Errorf("%w: column %q has type %v, want a timestamp", ErrBadTime, tcol, tc.physical)}
	}
	cols := []pqColumn{tc}
	if b.opt.SumColumn != "" {
		sc, ok := find(b.opt.SumColumn)
		if !ok {
			return &ParseError{File: name, Column: b.opt.SumColumn, Err: fmt.Errorf("%w: no column %q", ErrMissingColumn, b.opt.SumColumn)}
		}
		if sc.kind != pqNumber && sc.kind != pqDecimal {
			return &ParseError{File: name, Column: b.opt.SumColumn, Err: fmt.Errorf("%w: want a numeric column", ErrBadNumber)}
		}
		cols = append(cols, sc)
	}
	return scanParquet(name, pf, cols, &b.p, func(row int, vals []*pqValues) error {
		tv := vals[0]
		for i := range tv.null {
			if tv.null[i] {
				return &ParseError{File: name, Row: row + i + 1, Column: tcol, Err: fmt.Errorf("%w: empty timestamp", ErrBadTime)}
			}
			t := time.Time{}
			if tc.kind == pqString {
				var err error
				if t, err = b.p.parse(tv.text[i]); err != nil {
					return &ParseError{File: name, Row: row + i + 1, Column: tcol, Value: tv.text[i], Err: err}
				}
			} else {
				t = tv.tm[i]
			}
			v := 1.0
			if len(vals) > 1 {
				if v = vals[1].num[i]; math.IsNaN(v) {
					continue // a missing amount adds nothing
				}
				if err := checkValue(v); err != nil {
					return &ParseError{File: name, Row: row + i + 1, Column: b.opt.SumColumn, Err: err}
				}
			}
			b.add(t, v)
		}
		return nil
	})
}

// series lays the sums out as every interval from the first to the last.
func (b *bucketer) series() *Series {
	keys := make([]int64, 0, len(b.sums))
	for k := range b.sums {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	name := "count"
	if b.opt.SumColumn != "" {
		name = b.opt.SumColumn
	}
	s := &Series{Step: b.opt.Every}
	var vals []float64
	// Each interval with events, and the empty ones up to the next, on
	// the clock of the zone (or of the interval's own offset).
	for i, k := range keys {
		loc := b.p.loc
		if b.p.keep {
			loc = b.zones[k]
		}
		t := time.Unix(k, 0).In(loc)
		s.Start = append(s.Start, t)
		vals = append(vals, b.sums[k])
		if i+1 == len(keys) {
			break
		}
		for u := next(t, b.opt.Every); u.Unix() < keys[i+1]; u = next(u, b.opt.Every) {
			s.Start = append(s.Start, u)
			vals = append(vals, 0)
		}
	}
	s.Columns = []Column{{Name: name, Float: vals}}
	return s
}
