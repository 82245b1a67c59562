package shifts

import (
	"context"
	"fmt"
	"math"
	"testing"
	"time"
)

// weekRequirement is a week of requirements with a morning ramp, a lunch
// dip and an evening peak, at the given interval length.
func weekRequirement(step time.Duration) ([]time.Time, []float64) {
	t0 := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	n := int(7 * 24 * time.Hour / step)
	start := make([]time.Time, n)
	req := make([]float64, n)
	for i := range start {
		start[i] = t0.Add(time.Duration(i) * step)
		h := start[i].Sub(start[i].Truncate(24 * time.Hour)).Hours()
		v := 12*math.Exp(-math.Pow(h-11, 2)/8) + 16*math.Exp(-math.Pow(h-20.5, 2)/5) + 3
		if h < 7 || h >= 23 {
			v = 0
		}
		req[i] = math.Ceil(v)
	}
	return start, req
}

// weeksRequirement is weeks of weekRequirement's daily shape, scaled by
// weekday (Monday and Friday busy, weekends quiet) and rising 4% a week,
// so that no two days of a week are alike.
func weeksRequirement(step time.Duration, weeks int) ([]time.Time, []float64) {
	t0 := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	n := weeks * int(7*24*time.Hour/step)
	day := [7]float64{1.15, 1, 0.95, 1, 1.1, 0.75, 0.6} // Monday first
	start := make([]time.Time, n)
	req := make([]float64, n)
	for i := range start {
		start[i] = t0.Add(time.Duration(i) * step)
		d := int(start[i].Sub(t0) / (24 * time.Hour))
		h := start[i].Sub(start[i].Truncate(24 * time.Hour)).Hours()
		v := (12*math.Exp(-math.Pow(h-11, 2)/8) + 16*math.Exp(-math.Pow(h-20.5, 2)/5) + 3) * day[d%7] * (1 + 0.04*float64(d/7))
		if h < 7 || h >= 23 {
			v = 0
		}
		req[i] = math.Ceil(v)
	}
	return start, req
}

// The multi-week goal: weeks of 15-minute intervals with a
// 30-minute break from 6 h, nights closed, so every day is a piece.
func BenchmarkSolveWeeks15mBreaks(b *testing.B) {
	for _, weeks := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("weeks=%d", weeks), func(b *testing.B) {
			start, req := weeksRequirement(15*time.Minute, weeks)
			rules := Rules{StartEvery: 15 * time.Minute, Lengths: []time.Duration{4 * time.Hour, 6 * time.Hour, 8 * time.Hour},
				Break: 30 * time.Minute, BreakFrom: 6 * time.Hour}
			benchSolve(b, start, 15*time.Minute, req, rules)
		})
	}
}

// The same weeks with the agents capped at 95% of what the uncapped
// schedules use (249 and 1061 agents): the cap couples the days, which
// are priced per agent, solved apart and combined.
func BenchmarkSolveWeeks15mBreaksCapped(b *testing.B) {
	for _, c := range []struct{ weeks, cap int }{{1, 236}, {4, 1007}} {
		b.Run(fmt.Sprintf("weeks=%d", c.weeks), func(b *testing.B) {
			start, req := weeksRequirement(15*time.Minute, c.weeks)
			rules := Rules{StartEvery: 15 * time.Minute, Lengths: []time.Duration{4 * time.Hour, 6 * time.Hour, 8 * time.Hour},
				Break: 30 * time.Minute, BreakFrom: 6 * time.Hour, MaxAgents: c.cap}
			benchSolve(b, start, 15*time.Minute, req, rules)
		})
	}
}

func BenchmarkSolveWeek30m(b *testing.B) {
	start, req := weekRequirement(30 * time.Minute)
	rules := Rules{StartEvery: 30 * time.Minute, Lengths: []time.Duration{4 * time.Hour, 6 * time.Hour, 8 * time.Hour}}
	var s *Schedule
	for b.Loop() {
		var err error
		if s, err = Solve(context.Background(), start, 30*time.Minute, req, rules, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(s.PaidHours, "paid-hours")
	b.ReportMetric(s.Gap, "gap")
}

func BenchmarkSolveWeek15m(b *testing.B) {
	start, req := weekRequirement(15 * time.Minute)
	rules := Rules{StartEvery: 15 * time.Minute, Lengths: []time.Duration{4 * time.Hour, 6 * time.Hour, 8 * time.Hour}}
	var s *Schedule
	for b.Loop() {
		var err error
		if s, err = Solve(context.Background(), start, 15*time.Minute, req, rules, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(s.PaidHours, "paid-hours")
	b.ReportMetric(s.Gap, "gap")
}

// The second goal: a week of 15-minute intervals with a 30-minute
// unpaid break in the middle third of shifts of 6 h or more, within 1% of
// the lower bound.
func BenchmarkSolveWeek15mBreaks(b *testing.B) {
	benchBreaks(b, 15*time.Minute, false)
}

func BenchmarkSolveWeek30mBreaks(b *testing.B) {
	benchBreaks(b, 30*time.Minute, false)
}

// A cyclic week with breaks, open around the clock at a low level at night.
func BenchmarkSolveWeek15mBreaksCyclic(b *testing.B) {
	benchBreaks(b, 15*time.Minute, true)
}

// The same weeks with the agents capped at 252 and 266: 90% of the 280
// and 296 agents the uncapped schedules used when the caps were set (the
// uncapped week now takes 270, and the old whole-week solve met no cap
// below 252), fixed so that the figures compare across versions.
func BenchmarkSolveWeek15mBreaksCapped(b *testing.B) {
	benchBreaksCapped(b, 15*time.Minute, false, 252)
}

func BenchmarkSolveWeek15mBreaksCyclicCapped(b *testing.B) {
	benchBreaksCapped(b, 15*time.Minute, true, 266)
}

func benchBreaksCapped(b *testing.B, step time.Duration, cyclic bool, capA int) {
	start, req, rules := breaksWeek(step, cyclic)
	rules.MaxAgents = capA
	benchSolve(b, start, step, req, rules)
}

func breaksWeek(step time.Duration, cyclic bool) ([]time.Time, []float64, Rules) {
	start, req := weekRequirement(step)
	rules := Rules{StartEvery: step, Lengths: []time.Duration{4 * time.Hour, 6 * time.Hour, 8 * time.Hour},
		Break: 30 * time.Minute, BreakFrom: 6 * time.Hour, Cyclic: cyclic}
	if cyclic {
		rules.LatestEnd = 32 * time.Hour
		for i := range req {
			req[i] = math.Max(req[i], 2)
		}
	}
	return start, req, rules
}

func benchBreaks(b *testing.B, step time.Duration, cyclic bool) {
	start, req, rules := breaksWeek(step, cyclic)
	benchSolve(b, start, step, req, rules)
}

// benchSolve times Solve and reports wall and CPU seconds, paid hours,
// the bound and the gap.
func benchSolve(b *testing.B, start []time.Time, step time.Duration, req []float64, rules Rules) {
	var s *Schedule
	t0, cpu0 := time.Now(), cpuTime()
	for b.Loop() {
		var err error
		if s, err = Solve(context.Background(), start, step, req, rules, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(time.Since(t0).Seconds()/float64(b.N), "seconds")
	b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-seconds")
	b.ReportMetric(s.PaidHours, "paid-hours")
	b.ReportMetric(s.LowerBound, "lower-bound")
	b.ReportMetric(100*s.Gap, "gap-%")
}
