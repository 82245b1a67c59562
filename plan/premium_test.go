package plan

import (
	"math"
	"strings"
	"testing"
	"time"
)

func TestPremiumsByHand(t *testing.T) {
	t.Parallel()
	p, err := ParsePremiums("Mon-Fri 18:00-24:00=1.5,Sat-Sun=1.7,holidays=2")
	if err != nil {
		t.Fatal(err)
	}
	// Half of the period's Mondays are holidays: a Monday evening hour costs
	// 0.5·1.5 + 0.5·2 = 1.75, a Monday morning 0.5·1 + 0.5·2 = 1.5; a
	// Saturday 1.7 at any hour; a Tuesday 10:00 1.
	var holiday [7]float64
	holiday[time.Monday] = 0.5
	w := p.week(time.Hour, holiday)
	for _, c := range []struct {
		wd   time.Weekday
		h    int
		want float64
	}{{time.Monday, 20, 1.75}, {time.Monday, 9, 1.5}, {time.Saturday, 3, 1.7}, {time.Tuesday, 10, 1}, {time.Friday, 18, 1.5}, {time.Friday, 17, 1}} {
		if got := w[c.wd][c.h]; math.Abs(got-c.want) > 1e-12 {
			t.Errorf("%v %02d:00: %v, want %v", c.wd, c.h, got, c.want)
		}
	}
	for spec, want := range map[string]string{
		"Mon-Fri 18:00-24:00=1.5,Fri 20:00-22:00=2": "overlaps",
		"Sat-Sun=0":             "not positive",
		"Sat-Sun=-1":            "not positive",
		"Sat-Sun=NaN":           "not positive",
		"holidays=2,holidays=3": "twice",
		"Sat-Sun":               "want DAYS",
	} {
		if _, err := ParsePremiums(spec); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", spec, err, want)
		}
	}
}

func TestParsePeriods(t *testing.T) {
	t.Parallel()
	ps, err := ParsePeriods([]string{"christmas=12-01..12-23", "sale=2026-06-01..2026-06-07"})
	if err != nil {
		t.Fatal(err)
	}
	loc := time.UTC
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 12, 0, 0, 0, loc) }
	in := func(name string, t time.Time) bool {
		for _, p := range ps {
			if p.Name == name {
				return p.In(t)
			}
		}
		return false
	}
	if !in("christmas", day(2030, 12, 23)) || in("christmas", day(2030, 12, 24)) || !in("sale", day(2026, 6, 7)) || in("sale", day(2027, 6, 7)) ||
		!in("normal", day(2027, 6, 7)) || in("normal", day(2026, 12, 1)) {
		t.Error("period membership is wrong")
	}
	for _, bad := range [][]string{{"a=12-01..12-10", "b=12-05..12-20"}, {"normal=01-01..01-02"}, {"x=12-10..12-01"}, {"x=2026-12-01..12-05"}, {"a=01-01..01-02", "a=02-01..02-02"}} {
		if _, err := ParsePeriods(bad); err == nil {
			t.Errorf("%v: no error", bad)
		}
	}
}
