package data

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
)

// Ambiguity says how to read a local time that a daylight-saving change
// makes ambiguous (the repeated autumn hour) or nonexistent (the skipped
// spring hour).
type Ambiguity int

const (
	AmbiguousError Ambiguity = iota // reject it, naming the line (the default)
	Earlier                         // take the earlier of the two instants
	Later                           // take the later of the two instants
	// InOrder reads a repeated time as a local-time export writes the
	// repeated autumn hour: its first occurrence takes the earlier
	// instant (summer time), its second the later. A third occurrence,
	// or a time the spring change skips, is an error.
	InOrder
)

// ParseAmbiguity reads "error", "earlier", "later" or "in-order".
func ParseAmbiguity(s string) (Ambiguity, error) {
	switch s {
	case "", "error":
		return AmbiguousError, nil
	case "earlier":
		return Earlier, nil
	case "later":
		return Later, nil
	case "in-order":
		return InOrder, nil
	}
	return 0, fmt.Errorf("data: ambiguity %q: want error, earlier, later or in-order", s)
}

// timeParser reads timestamps. Text with a UTC offset or Z is an instant;
// text without one is wall-clock time in loc. With keep, an instant keeps
// the offset it was written with (its local clock); else it is shown in loc.
type timeParser struct {
	loc       *time.Location
	keep      bool
	ambiguous Ambiguity
	// seen counts, for InOrder, the occurrences of each repeated wall time.
	seen map[time.Time]int
}

// Layouts accepted with an offset, after a space between date and time
// has been turned into a T: RFC 3339, and the offset in hours only
// (2023-01-01 00:00:00+01) or without a colon (+0100), as DuckDB,
// PostgreSQL and ISO 8601 basic form print them.
var offsetLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999Z07", "2006-01-02T15:04:05.999999999Z0700", "2006-01-02T15:04Z07:00", "2006-01-02T15:04Z07"}

// fixedZones holds one Location per UTC offset met with keep, so that
// equal offsets share a zone.
var fixedZones sync.Map // int (seconds east) → *time.Location

func fixedZone(off int) *time.Location {
	if z, ok := fixedZones.Load(off); ok {
		return z.(*time.Location)
	}
	if off == 0 {
		return time.UTC
	}
	z, _ := fixedZones.LoadOrStore(off, time.FixedZone("", off))
	return z.(*time.Location)
}

// keepOffset returns t on the clock of its own UTC offset.
func keepOffset(t time.Time) time.Time {
	_, off := t.Zone()
	if off == 0 {
		return t.In(time.UTC) // as fixedZone(0), without its map
	}
	return t.In(fixedZone(off))
}

// Layouts accepted without an offset, after a space between date and
// time has been turned into a T.
var naiveLayouts = []string{"2006-01-02T15:04:05.999999999", "2006-01-02T15:04", "2006-01-02"}

var errWantTime = errors.New("want an RFC 3339 time such as 2025-10-26T02:00:00+02:00, or a local time such as 2025-10-26 02:00")

func (p timeParser) parse(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if len(s) > 10 && s[10] == ' ' {
		s = s[:10] + "T" + s[11:]
	}
	for _, layout := range offsetLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			if p.keep {
				return keepOffset(t), nil
			}
			return t.In(p.loc), nil
		}
	}
	for _, layout := range naiveLayouts {
		w, err := time.ParseInLocation(layout, s, time.UTC)
		if err == nil {
			return p.local(w)
		}
	}
	return time.Time{}, &detail{ErrBadTime, fmt.Sprintf("%v, got %s", errWantTime, quote(s))}
}

// local resolves the wall clock w (its fields, read in UTC) in p.loc.
// A wall-clock time maps to the instants w − offset for the zone's
// offsets around it; those whose clock reads w are the answers: one
// normally, two in the repeated autumn hour, none in the skipped spring hour.
func (p timeParser) local(w time.Time) (time.Time, error) {
	if p.loc == time.UTC {
		return w, nil
	}
	var cands []time.Time
	seen := map[int]bool{}
	for _, probe := range []time.Duration{-26 * time.Hour, 0, 26 * time.Hour} {
		_, off := w.Add(probe).In(p.loc).Zone()
		if seen[off] {
			continue
		}
		seen[off] = true
		cands = append(cands, w.Add(-time.Duration(off)*time.Second))
	}
	var valid []time.Time
	for _, u := range cands {
		if sameWall(u.In(p.loc), w) {
			valid = append(valid, u)
		}
	}
	switch {
	case len(valid) == 1:
		return valid[0].In(p.loc), nil
	case len(valid) > 1 && p.ambiguous == InOrder:
		p.seen[w]++
		switch p.seen[w] {
		case 1:
			return pick2(valid, Earlier, p.loc), nil
		case 2:
			return pick2(valid, Later, p.loc), nil
		}
		return time.Time{}, &detail{ErrAmbiguousTime, fmt.Sprintf("local time %s appears a third time; --ambiguous in-order reads its first occurrence as summer time (%s) and its second as winter time (%s)", w.Format("2006-01-02 15:04"), pick2(valid, Earlier, p.loc).Format("-07:00"), pick2(valid, Later, p.loc).Format("-07:00"))}
	case len(valid) > 1 && p.ambiguous != AmbiguousError:
		return pick2(valid, p.ambiguous, p.loc), nil
	case len(valid) > 1:
		return time.Time{}, &detail{ErrAmbiguousTime, fmt.Sprintf("local time %s occurs twice in %s (daylight saving ends): write it with its UTC offset, or pass --ambiguous in-order (a local-time export that writes the hour twice), earlier or later", w.Format("2006-01-02 15:04"), p.loc)}
	case p.ambiguous == InOrder:
		// a skipped time is not a matter of order: fall through to the error
	case p.ambiguous != AmbiguousError:
		// Skipped by the spring change: read it with the offset from
		// before (earlier) or after (later) the change.
		return pick2(cands, p.ambiguous, p.loc), nil
	}
	return time.Time{}, &detail{ErrAmbiguousTime, fmt.Sprintf("local time %s does not exist in %s (daylight saving starts): write it with its UTC offset, or pass --ambiguous earlier|later", w.Format("2006-01-02 15:04"), p.loc)}
}

// pick2 returns the earlier or later of the instants ts, in loc.
func pick2(ts []time.Time, a Ambiguity, loc *time.Location) time.Time {
	t := ts[0]
	for _, u := range ts[1:] {
		if a == Earlier && u.Before(t) || a == Later && u.After(t) {
			t = u
		}
	}
	return t.In(loc)
}

func sameWall(t, w time.Time) bool {
	y, mo, d := t.Date()
	wy, wmo, wd := w.Date()
	return y == wy && mo == wmo && d == wd && t.Hour() == w.Hour() && t.Minute() == w.Minute() && t.Second() == w.Second() && t.Nanosecond() == w.Nanosecond()
}

// dayParser is a timeParser for a column of times with offsets, most of
// them on the day of the time before: 2025-01-01T00:15:00Z is the
// instant of 2025-01-01T00:00:00Z plus the clock, so a row on the same
// day in the same offset costs no parse.
type dayParser struct {
	p              *timeParser
	prefix, suffix string    // 2025-01-01T and Z (or +01:00, +01, +0100)
	midnight       time.Time // prefix 00:00:00 suffix, as p reads it
}

func (d *dayParser) parse(s string) (time.Time, error) {
	if d.prefix != "" && len(s) > 19 && s[:11] == d.prefix && s[19:] == d.suffix {
		if c, ok := clockSeconds(s[11:19]); ok {
			return d.midnight.Add(time.Duration(c) * time.Second), nil
		}
	}
	t, err := d.p.parse(s)
	if err == nil && len(s) > 19 && s[10] == 'T' && (s[19] == 'Z' || s[19] == '+' || s[19] == '-') {
		if m, err := d.p.parse(s[:11] + "00:00:00" + s[19:]); err == nil {
			// Copies: s may lie in memory a reused chunk overwrites.
			d.prefix, d.suffix, d.midnight = strings.Clone(s[:11]), strings.Clone(s[19:]), m
		}
	}
	return t, err
}

// clockSeconds reads hh:mm:ss as seconds since midnight, false unless
// time.Parse would read it the same.
func clockSeconds(s string) (int, bool) {
	digit := func(i int) int { return int(s[i]) - '0' }
	for _, i := range []int{0, 1, 3, 4, 6, 7} {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	h, m, sec := digit(0)*10+digit(1), digit(3)*10+digit(4), digit(6)*10+digit(7)
	if s[2] != ':' || s[5] != ':' || h > 23 || m > 59 || sec > 59 {
		return 0, false
	}
	return h*3600 + m*60 + sec, true
}
