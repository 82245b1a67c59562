package data

import (
	"errors"
	"fmt"
	"strings"
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
)

// ParseAmbiguity reads "error", "earlier" or "later".
func ParseAmbiguity(s string) (Ambiguity, error) {
	switch s {
	case "", "error":
		return AmbiguousError, nil
	case "earlier":
		return Earlier, nil
	case "later":
		return Later, nil
	}
	return 0, fmt.Errorf("data: ambiguity %q: want error, earlier or later", s)
}

// timeParser reads timestamps. Text with a UTC offset or Z is an instant;
// text without one is wall-clock time in loc.
type timeParser struct {
	loc       *time.Location
	ambiguous Ambiguity
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
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.In(p.loc), nil
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
	pick := func(ts []time.Time) time.Time {
		first, last := ts[0], ts[0]
		for _, t := range ts[1:] {
			if t.Before(first) {
				first = t
			}
			if t.After(last) {
				last = t
			}
		}
		if p.ambiguous == Earlier {
			return first.In(p.loc)
		}
		return last.In(p.loc)
	}
	switch {
	case len(valid) == 1:
		return valid[0].In(p.loc), nil
	case len(valid) > 1 && p.ambiguous != AmbiguousError:
		return pick(valid), nil
	case len(valid) > 1:
		return time.Time{}, &detail{ErrAmbiguousTime, fmt.Sprintf("local time %s occurs twice in %s (daylight saving ends): write it with its UTC offset, or pass --ambiguous earlier|later", w.Format("2006-01-02 15:04"), p.loc)}
	case p.ambiguous != AmbiguousError:
		// Skipped by the spring change: read it with the offset from
		// before (earlier) or after (later) the change.
		return pick(cands), nil
	}
	return time.Time{}, &detail{ErrAmbiguousTime, fmt.Sprintf("local time %s does not exist in %s (daylight saving starts): write it with its UTC offset, or pass --ambiguous earlier|later", w.Format("2006-01-02 15:04"), p.loc)}
}

func sameWall(t, w time.Time) bool {
	y, mo, d := t.Date()
	wy, wmo, wd := w.Date()
	return y == wy && mo == wmo && d == wd && t.Hour() == w.Hour() && t.Minute() == w.Minute() && t.Second() == w.Second() && t.Nanosecond() == w.Nanosecond()
}
