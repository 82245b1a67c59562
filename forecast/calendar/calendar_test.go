package calendar

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestKnownDates(t *testing.T) {
	t.Parallel()
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Skip(err)
	}
	has := func(c Country, name, date string) bool {
		d, _ := time.ParseInLocation("2006-01-02", date, loc)
		for _, e := range Events(c, d, d.AddDate(0, 0, 1), loc) {
			if e.Name == name && e.Start.Equal(d) {
				return true
			}
		}
		return false
	}
	// Dates from the countries' official calendars (and the US calendar
	// for Thanksgiving): Midsommardagen 2025-06-21, Good Friday 2026-04-03,
	// Norway's Constitution Day 17 May, Finland's Independence Day 6 Dec,
	// Black Friday 2025-11-28 and 2026-11-27.
	for _, c := range []struct {
		c          Country
		name, date string
	}{
		{Sweden, "Midsommardagen", "2025-06-21"},
		{Sweden, "Långfredagen", "2026-04-03"}, // Good Friday before Easter Sunday 2026-04-05
		{Sweden, "Black Friday", "2025-11-28"},
		{Sweden, "Black Friday", "2026-11-27"},
		{Finland, "Black Friday", "2026-11-27"},
		{Sweden, "Salary day", "2025-10-24"}, // the 25th was a Saturday
		{Sweden, "Salary day", "2025-11-25"},
	} {
		if !has(c.c, c.name, c.date) {
			t.Errorf("%s: no %s on %s", c.c, c.name, c.date)
		}
	}
	for _, c := range []struct {
		c    Country
		date string
	}{{Norway, "2026-05-17"}, {Finland, "2025-12-06"}, {Denmark, "2025-12-25"}} {
		d, _ := time.ParseInLocation("2006-01-02", c.date, loc)
		found := false
		for _, e := range Events(c.c, d, d.AddDate(0, 0, 1), loc) {
			found = found || e.Kind == Holiday && e.Start.Equal(d)
		}
		if !found {
			t.Errorf("%s: no public holiday on %s", c.c, c.date)
		}
	}
	// A holiday on the spring DST day lasts 23 hours of real time.
	d := time.Date(2025, 3, 30, 0, 0, 0, 0, loc)
	for _, e := range Events(Sweden, d, d.AddDate(0, 0, 1), loc) {
		if e.Start.Equal(d) && e.End.Sub(e.Start) != 23*time.Hour {
			t.Errorf("%s lasts %v", e.Name, e.End.Sub(e.Start))
		}
	}
	if _, err := ParseCountry("XX"); err == nil || !strings.Contains(err.Error(), "SE, NO, DK, FI, US, GB or none") {
		t.Errorf("ParseCountry: %v", err)
	}
	// US and British holidays fall on the observed day (from the
	// published calendars: OPM's federal holidays, gov.uk's bank
	// holidays): Independence Day 2026 (a Saturday) on Friday 3 July;
	// Boxing Day 2026 (a Saturday) on Monday 28 December; Thanksgiving
	// 2025 on 27 November; the early May bank holiday 2026 on 4 May.
	for _, c := range []struct {
		c          Country
		name, date string
	}{
		{UnitedStates, "Independence Day", "2026-07-03"},
		{UnitedStates, "Thanksgiving Day", "2025-11-27"},
		{GreatBritain, "Boxing Day", "2026-12-28"},
		{GreatBritain, "Early May", "2026-05-04"},
		{GreatBritain, "Black Friday", "2026-11-27"},
	} {
		if !has(c.c, c.name, c.date) {
			var names []string
			d, _ := time.ParseInLocation("2006-01-02", c.date, loc)
			for _, e := range Events(c.c, d, d.AddDate(0, 0, 1), loc) {
				names = append(names, e.Name)
			}
			t.Errorf("%s: no %s on %s (found %q)", c.c, c.name, c.date, names)
		}
	}
	if has(GreatBritain, "Salary day", "2025-11-28") || has(UnitedStates, "Singles' Day", "2025-11-11") {
		t.Error("Nordic retail events in a non-Nordic calendar")
	}
	for _, s := range []string{"none", "NONE", "us", "gb"} {
		if _, err := ParseCountry(s); err != nil {
			t.Errorf("ParseCountry(%q): %v", s, err)
		}
	}
	if ev := Events(None, d.AddDate(-1, 0, 0), d.AddDate(1, 0, 0), loc); len(ev) != 0 {
		t.Errorf("country none: %d events", len(ev))
	}
}

func TestReadEvents(t *testing.T) {
	t.Parallel()
	in := "name,start,end\nTV ad,2026-11-20,2026-11-22\nFlash sale,2026-11-24T18:00:00+01:00,2026-11-24T22:00:00+01:00\n"
	ev, err := ReadEvents(strings.NewReader(in), "campaigns.csv", time.UTC)
	if err != nil || len(ev) != 2 || ev[0].End.Sub(ev[0].Start) != 72*time.Hour || ev[1].End.Sub(ev[1].Start) != 4*time.Hour {
		t.Fatalf("%+v, %v", ev, err)
	}
	_, err = ReadEvents(strings.NewReader("name,start,end\nx,2026-11-22,2026-11-20\n"), "campaigns.csv", time.UTC)
	var re *ReadError
	if !errors.As(err, &re) || !strings.Contains(err.Error(), `campaigns.csv:2: column "end"`) {
		t.Errorf("end before start: %v", err)
	}
}

// IsHoliday against Sweden's published public holidays of 2025
// (Ascension Day falls 39 days after Easter, 20 April 2025), at any clock
// time of the local day, and not on retail events or ordinary days.
func TestIsHoliday(t *testing.T) {
	t.Parallel()
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Skip(err)
	}
	from := time.Date(2025, 1, 1, 0, 0, 0, 0, loc)
	is := IsHoliday(Events(Sweden, from, from.AddDate(1, 0, 0), loc))
	for _, c := range []struct {
		at   string
		want bool
	}{
		{"2025-05-29T00:00:00+02:00", true},  // Kristi himmelsfärds dag
		{"2025-06-06T23:30:00+02:00", true},  // Sveriges nationaldag, late evening
		{"2025-06-07T00:30:00+02:00", false}, // the Saturday after
		{"2025-12-25T12:00:00+01:00", true},  // Juldagen
		{"2025-12-23T12:00:00+01:00", false},
		{"2025-11-28T12:00:00+01:00", false}, // Black Friday: a retail event, not a holiday
		{"2025-03-30T12:00:00+02:00", false}, // the spring daylight-saving day
	} {
		at, err := time.Parse(time.RFC3339, c.at)
		if err != nil {
			t.Fatal(err)
		}
		if got := is(at.In(loc)); got != c.want {
			t.Errorf("IsHoliday(%s) = %v, want %v", c.at, got, c.want)
		}
	}
}
