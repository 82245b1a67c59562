// Package calendar lists the days that move a web shop's demand: public
// holidays of Sweden, Norway, Denmark, Finland, the United States and
// Great Britain (from github.com/rickar/cal/v2) and retail events (Black
// Friday, Cyber Monday, the Christmas rush, the sales after Christmas,
// and in the Nordic countries Singles' Day and salary days), each with a
// window of days before and after. Country None has no events at all.
package calendar

import (
	"fmt"
	"strings"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/dk"
	"github.com/rickar/cal/v2/fi"
	"github.com/rickar/cal/v2/gb"
	"github.com/rickar/cal/v2/no"
	"github.com/rickar/cal/v2/se"
	"github.com/rickar/cal/v2/us"
)

// Country is a country code.
type Country string

const (
	Sweden       Country = "SE"
	Norway       Country = "NO"
	Denmark      Country = "DK"
	Finland      Country = "FI"
	UnitedStates Country = "US"
	GreatBritain Country = "GB"
	None         Country = "NONE" // no holidays and no retail events
)

// ParseCountry reads SE, NO, DK, FI, US, GB or none (any case).
func ParseCountry(s string) (Country, error) {
	switch c := Country(strings.ToUpper(strings.TrimSpace(s))); c {
	case Sweden, Norway, Denmark, Finland, UnitedStates, GreatBritain, None:
		return c, nil
	}
	return "", fmt.Errorf("calendar: unknown country %q: want SE, NO, DK, FI, US, GB or none", s)
}

func (c Country) nordic() bool {
	return c == Sweden || c == Norway || c == Denmark || c == Finland
}

func (c Country) holidays() []*cal.Holiday {
	switch c {
	case Sweden:
		return se.Holidays
	case Norway:
		return no.Holidays
	case Denmark:
		return dk.Holidays
	case Finland:
		return fi.Holidays
	case UnitedStates:
		return us.Holidays
	case GreatBritain:
		return gb.Holidays
	}
	return nil
}

// Describe says in a line which calendar Events gives for c, for a
// program to print so that no calendar is applied silently.
func (c Country) Describe() string {
	switch {
	case c == None:
		return "calendar: none (no public holidays, no retail events)"
	case c.nordic():
		return fmt.Sprintf("calendar: %s public holidays (rickar/cal) and retail events: Black Friday, Cyber Monday, Singles' Day, the Christmas rush, mellandagsrea, salary days", c)
	}
	return fmt.Sprintf("calendar: %s public holidays (rickar/cal, observed days) and retail events: Black Friday, Cyber Monday, the Christmas rush, the sales after Christmas", c)
}

// salaryDay is the usual monthly pay day: the 25th in Sweden, the 20th in
// Norway, the last banking day in Denmark and Finland (common practice;
// employers vary).
func (c Country) salaryDay(y int, m time.Month, loc *time.Location, isHoliday func(time.Time) bool) time.Time {
	var d time.Time
	switch c {
	case Sweden:
		d = time.Date(y, m, 25, 0, 0, 0, 0, loc)
	case Norway:
		d = time.Date(y, m, 20, 0, 0, 0, 0, loc)
	default:
		d = time.Date(y, m+1, 0, 0, 0, 0, 0, loc) // last day of the month
	}
	// Paid on the banking day before when the day falls on a weekend or holiday.
	for d.Weekday() == time.Saturday || d.Weekday() == time.Sunday || isHoliday(d) {
		d = d.AddDate(0, 0, -1)
	}
	return d
}

// lastShippingDay is the default last day to order for delivery before
// Christmas Eve.
func (c Country) lastShippingDay(y int, loc *time.Location) time.Time {
	return time.Date(y, 12, 19, 0, 0, 0, 0, loc)
}

// Events returns the public holidays and retail events of country c whose
// days meet [from, to), as whole local days in loc.
func Events(c Country, from, to time.Time, loc *time.Location) []Event {
	if c == None {
		return nil
	}
	var out []Event
	day := func(t time.Time) (time.Time, time.Time) {
		y, m, d := t.Date()
		s := time.Date(y, m, d, 0, 0, 0, 0, loc)
		return s, s.AddDate(0, 0, 1)
	}
	for y := from.Year() - 1; y <= to.Year()+1; y++ {
		for _, h := range c.holidays() {
			// The observed day is the day off (a US or British holiday on
			// a Sunday is taken on the Monday); Nordic holidays are not moved.
			if _, d := h.Calc(y); !d.IsZero() {
				s, e := day(d)
				out = append(out, Event{Name: h.Name, Kind: Holiday, Start: s, End: e, Before: 1, After: 1})
			}
		}
	}
	isHoliday := IsHoliday(out) // out holds the holidays only, so far
	for y := from.Year() - 1; y <= to.Year()+1; y++ {
		bf := BlackFriday(y, loc)
		out = append(out,
			Event{Name: "Black Friday", Kind: Retail, Start: bf, End: bf.AddDate(0, 0, 1), Before: 7, After: 3},
			Event{Name: "Cyber Monday", Kind: Retail, Start: bf.AddDate(0, 0, 3), End: bf.AddDate(0, 0, 4)},
			Event{Name: "Christmas rush", Kind: Retail, Start: time.Date(y, 12, 1, 0, 0, 0, 0, loc), End: c.lastShippingDay(y, loc).AddDate(0, 0, 1), After: 2},
		)
		sales := "Mellandagsrea"
		if !c.nordic() {
			sales = "After-Christmas sales"
		}
		out = append(out, Event{Name: sales, Kind: Retail, Start: time.Date(y, 12, 26, 0, 0, 0, 0, loc), End: time.Date(y+1, 1, 1, 0, 0, 0, 0, loc)})
		if !c.nordic() {
			continue // Singles' Day and one national pay day are Nordic habits
		}
		out = append(out, Event{Name: "Singles' Day", Kind: Retail, Start: time.Date(y, 11, 11, 0, 0, 0, 0, loc), End: time.Date(y, 11, 12, 0, 0, 0, 0, loc), Before: 1, After: 1})
		for m := time.January; m <= time.December; m++ {
			d := c.salaryDay(y, m, loc, isHoliday)
			out = append(out, Event{Name: SalaryDay, Kind: Retail, Start: d, End: d.AddDate(0, 0, 1), After: 2})
		}
	}
	var in []Event
	for _, e := range out {
		if e.End.After(from) && e.Start.Before(to) {
			in = append(in, e)
		}
	}
	return in
}

// IsHoliday returns a test for the public holidays among events (events
// of kind Holiday; retail events and campaigns do not count): whether t's
// date, on the clock of t's location, is a day of one of them. Both sides
// are compared as local dates, so a holiday stays one day long across a
// daylight-saving change (a 23- or 25-hour day).
func IsHoliday(events []Event) func(time.Time) bool {
	days := map[string]bool{}
	for _, e := range events {
		if e.Kind != Holiday {
			continue
		}
		for d := e.Start; d.Before(e.End); d = d.AddDate(0, 0, 1) {
			days[d.Format("2006-01-02")] = true
		}
	}
	return func(t time.Time) bool { return days[t.Format("2006-01-02")] }
}

// SalaryDay is the name of the monthly pay-day events.
const SalaryDay = "Salary day"

// BlackFriday returns the day after the fourth Thursday of November (US
// Thanksgiving), which Nordic retail has adopted.
func BlackFriday(year int, loc *time.Location) time.Time {
	d := time.Date(year, time.November, 1, 0, 0, 0, 0, loc)
	for d.Weekday() != time.Thursday {
		d = d.AddDate(0, 0, 1)
	}
	return d.AddDate(0, 0, 22)
}
