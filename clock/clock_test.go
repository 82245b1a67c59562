package clock

import (
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		s       string
		maxHour int
		want    time.Duration
		ok      bool
	}{
		{"00:00", 24, 0, true},
		{"09:30", 24, 9*time.Hour + 30*time.Minute, true},
		{"9:30", 24, 9*time.Hour + 30*time.Minute, true},
		{" 17:05 ", 24, 17*time.Hour + 5*time.Minute, true},
		{"23:59", 24, 23*time.Hour + 59*time.Minute, true},
		{"24:00", 24, 24 * time.Hour, true},
		{"24:01", 24, 0, false},
		{"25:00", 24, 0, false},
		{"30:00", 48, 30 * time.Hour, true},
		{"48:00", 48, 48 * time.Hour, true},
		{"48:30", 48, 0, false},
		{"12:60", 24, 0, false},
		{"12:5", 24, 0, false},
		{"-1:00", 24, 0, false},
		{"+1:00", 24, 0, false},
		{"12:-5", 24, 0, false},
		{"123:00", 200, 0, false},
		{"12", 24, 0, false},
		{"12:00:00", 24, 0, false},
		{"12:00x", 24, 0, false},
		{":30", 24, 0, false},
		{"", 24, 0, false},
		{"noon", 24, 0, false},
	} {
		got, err := Parse(tc.s, tc.maxHour)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("Parse(%q, %d) = %v, %v; want %v, ok %v", tc.s, tc.maxHour, got, err, tc.want, tc.ok)
		}
	}
}

func TestFormat(t *testing.T) {
	for _, tc := range []struct {
		c    time.Duration
		want string
	}{
		{0, "00:00"},
		{9*time.Hour + 5*time.Minute, "09:05"},
		{9*time.Hour + 5*time.Minute + 59*time.Second, "09:05"},
		{24 * time.Hour, "24:00"},
		{30*time.Hour + 30*time.Minute, "30:30"},
		{-90 * time.Minute, "-01:30"},
	} {
		if got := Format(tc.c); got != tc.want {
			t.Errorf("Format(%v) = %q, want %q", tc.c, got, tc.want)
		}
	}
}

// Every HH:MM that Parse accepts formats back to itself.
func TestParseFormatRoundTrip(t *testing.T) {
	for c := time.Duration(0); c <= 48*time.Hour; c += time.Minute {
		s := Format(c)
		got, err := Parse(s, 48)
		if err != nil || got != c {
			t.Fatalf("Parse(Format(%v) = %q) = %v, %v", c, s, got, err)
		}
	}
}

func stockholm(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Skipf("no zone data: %v", err)
	}
	return loc
}

// On and Of on Stockholm's DST days of 2026: clocks go from 02:00 CET to
// 03:00 CEST on 29 March and from 03:00 CEST back to 02:00 CET on 25
// October. Expected instants are written in UTC, worked out by hand from
// the offsets (CET = UTC+1, CEST = UTC+2).
func TestOnAcrossDST(t *testing.T) {
	loc := stockholm(t)
	utc := func(mo time.Month, d, h, m int) time.Time { return time.Date(2026, mo, d, h, m, 0, 0, time.UTC) }
	spring := time.Date(2026, 3, 29, 12, 0, 0, 0, loc) // any time on the day: On uses the date only
	autumn := time.Date(2026, 10, 25, 0, 0, 0, 0, loc)
	ordinary := time.Date(2026, 6, 10, 0, 0, 0, 0, loc)
	for _, tc := range []struct {
		name string
		day  time.Time
		c    time.Duration
		want time.Time
	}{
		{"ordinary 09:00 CEST", ordinary, 9 * time.Hour, utc(6, 10, 7, 0)},
		{"spring 00:00 CET", spring, 0, utc(3, 28, 23, 0)},
		{"spring 01:59 CET", spring, time.Hour + 59*time.Minute, utc(3, 29, 0, 59)},
		{"spring 02:30 skipped: read in CET", spring, 2*time.Hour + 30*time.Minute, utc(3, 29, 1, 30)},
		{"spring 03:00 CEST, two hours after midnight", spring, 3 * time.Hour, utc(3, 29, 1, 0)},
		{"spring 09:00 CEST", spring, 9 * time.Hour, utc(3, 29, 7, 0)},
		{"spring 24:00 is next midnight", spring, 24 * time.Hour, utc(3, 29, 22, 0)},
		{"autumn 01:00 CEST", autumn, time.Hour, utc(10, 24, 23, 0)},
		{"autumn 02:00 repeated: the first, CEST", autumn, 2 * time.Hour, utc(10, 25, 0, 0)},
		{"autumn 02:30 repeated: the first, CEST", autumn, 2*time.Hour + 30*time.Minute, utc(10, 25, 0, 30)},
		{"autumn 03:00 CET, four hours after midnight", autumn, 3 * time.Hour, utc(10, 25, 2, 0)},
		{"autumn 17:00 CET", autumn, 17 * time.Hour, utc(10, 25, 16, 0)},
		{"autumn 30:00 is 06:00 next day", autumn, 30 * time.Hour, utc(10, 26, 5, 0)},
		{"day before spring, 26:30 is the skipped 02:30", spring.AddDate(0, 0, -1), 26*time.Hour + 30*time.Minute, utc(3, 29, 1, 30)},
		{"day before autumn, 26:00 is the first 02:00", autumn.AddDate(0, 0, -1), 26 * time.Hour, utc(10, 25, 0, 0)},
	} {
		got := On(tc.day, tc.c)
		if !got.Equal(tc.want) {
			t.Errorf("%s: On(%s, %v) = %v, want %v", tc.name, tc.day.Format("2006-01-02"), tc.c, got.UTC(), tc.want)
		}
		if got.Location() != loc {
			t.Errorf("%s: On returned location %v, want %v", tc.name, got.Location(), loc)
		}
	}
}

// Of reads the clock face, so it inverts On on every quarter hour the clock
// shows on the DST days, and both occurrences of the repeated hour read the
// same clock.
func TestOfInvertsOn(t *testing.T) {
	loc := stockholm(t)
	for _, day := range []time.Time{time.Date(2026, 3, 29, 0, 0, 0, 0, loc), time.Date(2026, 10, 25, 0, 0, 0, 0, loc)} {
		for c := time.Duration(0); c < 24*time.Hour; c += 15 * time.Minute {
			if day.Month() == time.March && c >= 2*time.Hour && c < 3*time.Hour {
				continue // never shown
			}
			if got := Of(On(day, c)); got != c {
				t.Errorf("%s: Of(On(%v)) = %v", day.Format("2006-01-02"), c, got)
			}
		}
	}
	first := On(time.Date(2026, 10, 25, 0, 0, 0, 0, loc), 2*time.Hour+15*time.Minute)
	if second := first.Add(time.Hour); Of(second) != Of(first) {
		t.Errorf("repeated hour: Of(%v) = %v, Of(%v) = %v", first, Of(first), second, Of(second))
	}
	// Elapsed time and clock time part after the spring change.
	mid := time.Date(2026, 3, 29, 0, 0, 0, 0, loc)
	if got := Of(mid.Add(4 * time.Hour)); got != 5*time.Hour {
		t.Errorf("spring: 4h after midnight the clock shows %v, want 5h0m0s", got)
	}
}
