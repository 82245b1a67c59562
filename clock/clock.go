// Package clock handles clock-of-day values: the time a wall clock shows,
// held as a time.Duration from local midnight (9h30m is 09:30).
//
// A clock time is not an elapsed time. On the day Europe/Stockholm moves
// its clocks forward (the last Sunday of March) 03:00 comes two hours
// after midnight, and on the day it moves them back (the last Sunday of
// October) four hours after. Of reads a clock time from an instant's
// fields and On places one on a date through the zone's rules, so a window
// such as 09:00-17:00 means the same wall-clock hours on every day.
//
// Values of 24h and above name the next day (30:00 is 06:00 the day
// after), as night shifts are written. The package imports only the
// standard library.
package clock

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Parse reads a clock time written HH:MM, from 00:00 up to maxHour:00
// (24 for a time within the day, 48 for an end time on the next day).
// Surrounding spaces are ignored; seconds are not accepted.
func Parse(s string, maxHour int) (time.Duration, error) {
	hs, ms, ok := strings.Cut(strings.TrimSpace(s), ":")
	h, err1 := strconv.Atoi(hs)
	m, err2 := strconv.Atoi(ms)
	if !ok || err1 != nil || err2 != nil || len(ms) != 2 || len(hs) == 0 || len(hs) > 2 ||
		hs[0] == '+' || hs[0] == '-' || ms[0] == '+' || ms[0] == '-' ||
		h < 0 || h > maxHour || m < 0 || m > 59 || h == maxHour && m != 0 {
		return 0, fmt.Errorf("clock time %q: want HH:MM from 00:00 to %02d:00", s, maxHour)
	}
	return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute, nil
}

// Format writes c as HH:MM, with hours above 23 for the next day (30:00).
// Seconds are dropped. Negative values are written with a leading minus.
func Format(c time.Duration) string {
	sign := ""
	if c < 0 {
		sign, c = "-", -c
	}
	return fmt.Sprintf("%s%02d:%02d", sign, int(c/time.Hour), int(c%time.Hour/time.Minute))
}

// Of returns the clock time that t shows in its location: hours, minutes,
// seconds and nanoseconds since local midnight as read from the clock face,
// not the time elapsed since midnight (they differ after a DST change).
func Of(t time.Time) time.Duration {
	h, m, s := t.Clock()
	return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute + time.Duration(s)*time.Second + time.Duration(t.Nanosecond())
}

// On returns the instant at which the clock in day's location shows c on
// day's date; c of 24h or more falls on the following days.
//
// Where the clock shows c twice (the repeated hour in autumn) On returns
// the first. Where it never shows c (the hour skipped in spring) On reads
// c with the offset in force before the change, as time.Date does: 02:30
// on Stockholm's spring day is 03:30 CEST, two and a half hours after
// midnight.
func On(day time.Time, c time.Duration) time.Time {
	loc := day.Location()
	y, mo, d := day.Date()
	// The wall clock wanted, written as if it were UTC.
	wall := time.Date(y, mo, d, 0, 0, 0, 0, time.UTC).Add(c)
	t := time.Date(wall.Year(), wall.Month(), wall.Day(), wall.Hour(), wall.Minute(), wall.Second(), wall.Nanosecond(), loc)
	// time.Date leaves open which instant of a repeated clock it returns:
	// try the offsets in force around it and keep the earliest that shows
	// the wanted clock.
	for _, probe := range []time.Duration{-6 * time.Hour, 6 * time.Hour} {
		_, off := t.Add(probe).Zone()
		alt := wall.Add(-time.Duration(off) * time.Second).In(loc)
		if alt.Before(t) && sameWall(alt, wall) {
			t = alt
		}
	}
	return t
}

func sameWall(t, wall time.Time) bool {
	y, m, d := t.Date()
	wy, wm, wd := wall.Date()
	return y == wy && m == wm && d == wd && Of(t) == Of(wall)
}
