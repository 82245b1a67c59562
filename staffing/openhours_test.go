package staffing

import (
	"strings"
	"testing"
	"time"
)

func TestParseOpeningHours(t *testing.T) {
	t.Parallel()
	h, err := ParseOpeningHours("Mon-Fri 09:00-17:00, Sat 10:00-14:00")
	if err != nil {
		t.Fatal(err)
	}
	if got := h.String(); got != "Mon-Fri 09:00-17:00, Sat 10:00-14:00" {
		t.Errorf("String() = %q", got)
	}
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Skip(err)
	}
	for _, c := range []struct {
		t    time.Time
		want bool
	}{
		{time.Date(2026, 11, 23, 9, 0, 0, 0, loc), true},   // Monday 09:00
		{time.Date(2026, 11, 23, 16, 30, 0, 0, loc), true}, // Monday 16:30
		{time.Date(2026, 11, 23, 17, 0, 0, 0, loc), false}, // close is exclusive
		{time.Date(2026, 11, 28, 11, 0, 0, 0, loc), true},  // Saturday
		{time.Date(2026, 11, 29, 11, 0, 0, 0, loc), false}, // Sunday closed
		{time.Date(2026, 3, 30, 9, 0, 0, 0, loc), true},    // Monday after the spring change: same wall clock
	} {
		if got := h.Contains(c.t); got != c.want {
			t.Errorf("Contains(%v) = %v, want %v", c.t, got, c.want)
		}
	}
	wrap, err := ParseOpeningHours("Sat-Sun 10:00-24:00")
	if err != nil || !wrap.Days[time.Sunday].IsOpen() || !wrap.Days[time.Saturday].IsOpen() || wrap.Days[time.Monday].IsOpen() || wrap.Days[time.Sunday].Close != 24*time.Hour {
		t.Errorf("wrapping range: %+v, %v", wrap, err)
	}
	for in, msg := range map[string]string{
		"Mon-Fri":                         "want DAYS HH:MM-HH:MM",
		"Mon-Fry 09:00-17:00":             "unknown day",
		"Mon 17:00-09:00":                 "close after the open",
		"Mon 09:00-17:00,Mon 10:00-11:00": "given twice",
	} {
		if _, err := ParseOpeningHours(in); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("ParseOpeningHours(%q) = %v, want %q", in, err, msg)
		}
	}
}
