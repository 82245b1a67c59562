package plan

import (
	"fmt"
	"strings"
	"time"
)

// Period is a named set of days with hours of their own.
type Period struct {
	Name string
	In   func(time.Time) bool // the period's days, on the local clock of the time
}

// ParsePeriods reads NAME=FROM..TO specs, FROM and TO dates
// (2026-12-01) or month-days every year (12-01), and returns "normal"
// (every other day) followed by them. Periods must not overlap.
func ParsePeriods(specs []string) ([]Period, error) {
	type span struct {
		name     string
		from, to string // "2006-01-02" or "01-02"
	}
	var spans []span
	for _, s := range specs {
		name, rng, ok := strings.Cut(s, "=")
		from, to, ok2 := strings.Cut(rng, "..")
		if !ok || !ok2 || name == "" {
			return nil, fmt.Errorf("period %q: want NAME=FROM..TO such as christmas=2026-12-01..2026-12-23 or christmas=12-01..12-23", s)
		}
		if name == "normal" {
			return nil, fmt.Errorf("period %q: normal is the name of the days outside every period", s)
		}
		for _, d := range []string{from, to} {
			layout := "2006-01-02"
			if len(d) == 5 {
				layout = "01-02"
			}
			if _, err := time.Parse(layout, d); err != nil {
				return nil, fmt.Errorf("period %q: %q is not a date YYYY-MM-DD or MM-DD", s, d)
			}
		}
		if len(from) != len(to) || to < from {
			return nil, fmt.Errorf("period %q: want FROM and TO in the same form with FROM <= TO", s)
		}
		spans = append(spans, span{name, from, to})
	}
	key := func(t time.Time, yearly bool) string {
		if yearly {
			return t.Format("01-02")
		}
		return t.Format("2006-01-02")
	}
	inSpan := func(sp span) func(time.Time) bool {
		yearly := len(sp.from) == 5
		return func(t time.Time) bool { k := key(t, yearly); return k >= sp.from && k <= sp.to }
	}
	var ps []Period
	for i, sp := range spans {
		for _, other := range spans[:i] {
			if other.name == sp.name {
				return nil, fmt.Errorf("period %s is given twice", sp.name)
			}
			if len(other.from) == len(sp.from) && !(sp.to < other.from || other.to < sp.from) {
				return nil, fmt.Errorf("periods %s and %s overlap: a day can have only one set of hours", sp.name, other.name)
			}
		}
		ps = append(ps, Period{sp.name, inSpan(sp)})
	}
	normal := func(t time.Time) bool {
		for _, p := range ps {
			if p.In(t) {
				return false
			}
		}
		return true
	}
	return append([]Period{{"normal", normal}}, ps...), nil
}

// DefaultPeriods are a normal week and the Christmas rush, 1–23 December.
func DefaultPeriods() []Period {
	ps, err := ParsePeriods([]string{"christmas=12-01..12-23"})
	if err != nil {
		panic(err)
	}
	return ps
}
