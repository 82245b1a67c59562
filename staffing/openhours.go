package staffing

import (
	"fmt"
	"strings"
	"time"

	"github.com/staffcast/staffcast/clock"
)

// OpeningHours are weekly opening hours: for each weekday, at most one
// window [Open, Close) of local clock time. The zero value is always closed.
type OpeningHours struct {
	Days [7]Window // indexed by time.Weekday: Sunday = 0
}

// Window is one day's opening, as offsets from local midnight: Open at
// 9h and Close at 17h mean 09:00–17:00. Close <= Open means closed.
type Window struct {
	Open, Close time.Duration
}

// IsOpen reports whether the window is a real opening.
func (w Window) IsOpen() bool { return w.Close > w.Open }

// Contains reports whether the interval that starts at local clock time t
// lies in the opening hours. The clock time is read from t's fields, so a
// window means the same wall-clock hours on days with a daylight-saving
// change.
func (h OpeningHours) Contains(t time.Time) bool {
	w := h.Days[t.Weekday()]
	c := clock.Of(t)
	return w.IsOpen() && c >= w.Open && c < w.Close
}

var dayNames = []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// ParseOpeningHours reads opening hours written as planners do:
//
//	Mon-Fri 09:00-17:00, Sat 10:00-14:00
//
// Day ranges wrap (Sat-Sun), days are English three-letter names in any
// case, and a day not named is closed. "24:00" closes at midnight.
func ParseOpeningHours(s string) (OpeningHours, error) {
	var h OpeningHours
	var set [7]bool
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		days, span, ok := strings.Cut(part, " ")
		if !ok {
			return h, fmt.Errorf("staffing: opening hours %q: want DAYS HH:MM-HH:MM such as \"Mon-Fri 09:00-17:00\"", part)
		}
		from, to, isRange := strings.Cut(strings.ToLower(days), "-")
		d0, d1 := index(dayNames, from), index(dayNames, to)
		if !isRange {
			d1 = d0
		}
		if d0 < 0 || d1 < 0 {
			return h, fmt.Errorf("staffing: opening hours %q: unknown day in %q: want Mon, Tue, Wed, Thu, Fri, Sat or Sun", part, days)
		}
		open, close, ok := strings.Cut(strings.TrimSpace(span), "-")
		o, err1 := clock.Parse(open, 24)
		c, err2 := clock.Parse(close, 24)
		if !ok || err1 != nil || err2 != nil || c <= o {
			return h, fmt.Errorf("staffing: opening hours %q: want a time span such as 09:00-17:00 with the close after the open", part)
		}
		for d := d0; ; d = (d + 1) % 7 {
			if set[d] {
				return h, fmt.Errorf("staffing: opening hours %q: %s is given twice", s, title(dayNames[d]))
			}
			set[d] = true
			h.Days[d] = Window{Open: o, Close: c}
			if d == d1 {
				break
			}
		}
	}
	return h, nil
}

// String writes h back in the form ParseOpeningHours reads.
func (h OpeningHours) String() string {
	var parts []string
	for i := 1; i <= 7; i++ { // Monday first
		d := i % 7
		w := h.Days[d]
		if !w.IsOpen() {
			continue
		}
		j := i
		for j+1 <= 7 && h.Days[(j+1)%7] == w {
			j++
		}
		name := title(dayNames[d])
		if j > i {
			name += "-" + title(dayNames[j%7])
		}
		parts = append(parts, fmt.Sprintf("%s %s-%s", name, clock.Format(w.Open), clock.Format(w.Close)))
		i = j
	}
	if len(parts) == 0 {
		return "closed"
	}
	return strings.Join(parts, ", ")
}

func index(ss []string, s string) int {
	for i, v := range ss {
		if v == s {
			return i
		}
	}
	return -1
}

func title(s string) string { return strings.ToUpper(s[:1]) + s[1:] }
