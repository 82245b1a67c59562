package simulate

import (
	"fmt"
	"math"
	"time"
)

// Shift is Agents agents working from Start to End, away on an unpaid
// break from BreakStart to BreakEnd (zero times: no break).
type Shift struct {
	Start, End           time.Time
	Agents               int
	BreakStart, BreakEnd time.Time
}

// AgentsFromShifts returns the agents on duty in each interval [start[i],
// start[i]+step): the agents of every shift, less those on a break, by the
// share of the interval each is there, summed and rounded to the nearest
// whole agent (a 30-minute break on a 15-minute grid removes an agent from
// two intervals; one straddling half of an interval removes half an
// agent, rounded). It returns an error if a shift ends before it starts,
// has a break outside itself, or does not overlap the intervals at all:
// shifts and volumes that do not share intervals are a mistake, not a
// closed day.
func AgentsFromShifts(shifts []Shift, start []time.Time, step time.Duration) ([]int, error) {
	if len(start) == 0 {
		return nil, fmt.Errorf("simulate: no intervals to place shifts on")
	}
	if step <= 0 {
		return nil, fmt.Errorf("simulate: interval %v: want a positive duration", step)
	}
	present := make([]float64, len(start))
	first, last := start[0], start[len(start)-1].Add(step)
	for j, s := range shifts {
		switch {
		case s.Agents < 0:
			return nil, fmt.Errorf("simulate: shift %d (%s): %d agents: want >= 0", j, s.Start.Format(time.RFC3339), s.Agents)
		case !s.End.After(s.Start):
			return nil, fmt.Errorf("simulate: shift %d: end %s not after start %s", j, s.End.Format(time.RFC3339), s.Start.Format(time.RFC3339))
		case !s.BreakStart.IsZero() && (s.BreakStart.Before(s.Start) || s.BreakEnd.After(s.End) || !s.BreakEnd.After(s.BreakStart)):
			return nil, fmt.Errorf("simulate: shift %d (%s–%s): break %s–%s: want a break inside the shift", j, s.Start.Format(time.RFC3339), s.End.Format(time.RFC3339), s.BreakStart.Format(time.RFC3339), s.BreakEnd.Format(time.RFC3339))
		case !s.Start.Before(last) || !s.End.After(first):
			return nil, fmt.Errorf("simulate: shift %d (%s–%s) lies outside the intervals %s–%s: shifts and volumes do not share intervals", j, s.Start.Format(time.RFC3339), s.End.Format(time.RFC3339), first.Format(time.RFC3339), last.Format(time.RFC3339))
		}
		for i, t0 := range start {
			t1 := t0.Add(step)
			on := overlap(s.Start, s.End, t0, t1)
			if !s.BreakStart.IsZero() {
				on -= overlap(s.BreakStart, s.BreakEnd, t0, t1)
			}
			present[i] += float64(s.Agents) * on.Seconds() / step.Seconds()
		}
	}
	agents := make([]int, len(start))
	for i, p := range present {
		agents[i] = int(math.Round(p))
	}
	return agents, nil
}

func overlap(a0, a1, b0, b1 time.Time) time.Duration {
	lo, hi := a0, a1
	if b0.After(lo) {
		lo = b0
	}
	if b1.Before(hi) {
		hi = b1
	}
	if hi.After(lo) {
		return hi.Sub(lo)
	}
	return 0
}
