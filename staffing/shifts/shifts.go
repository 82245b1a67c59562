package shifts

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/staffcast/staffcast/clock"
)

// ErrUncoverable is wrapped by errors for requirements the allowed shifts
// cannot cover (none covers an interval, or not within the agent cap) and
// no under-staffing penalty lets go.
var ErrUncoverable = errors.New("shifts: the requirement cannot be covered")

// Rules say which shifts may be used and what they cost.
type Rules struct {
	StartEvery time.Duration   // shifts start on this grid of local clock time, e.g. 30m
	Lengths    []time.Duration // allowed shift lengths, e.g. 4h, 6h, 8h
	// EarliestStart and LatestEnd bound shifts by local clock time on the
	// day they start; LatestEnd 0 means midnight (24:00).
	EarliestStart, LatestEnd time.Duration
	// CostPerHour is the cost of a paid hour per length, parallel to
	// Lengths; nil (or 0) means 1, so the solver minimises paid hours.
	CostPerHour []float64
	// UnderPenalty is the cost of one agent missing in one interval; 0
	// means every requirement must be met.
	UnderPenalty float64
	// MaxAgents caps the number of shifts (agents) in the schedule; 0 means none.
	MaxAgents int
	// MaxStartTimes caps the distinct local start times used; 0 means none.
	MaxStartTimes int
	// Break is an unpaid break given to every shift of at least BreakFrom,
	// placed by the solver wholly inside the middle third of the shift;
	// 0 means no breaks.
	Break, BreakFrom time.Duration
	// Cyclic makes the input a weekly pattern: shifts may run past the
	// end of the week and cover its first intervals (Sunday night into
	// Monday). The input must then be exactly one week.
	Cyclic bool
}

// Validate reports every problem with r for intervals of length step.
func (r Rules) Validate(step time.Duration) error {
	var errs []error
	if step <= 0 {
		errs = append(errs, fmt.Errorf("shifts: interval %v: want a positive length", step))
		return errors.Join(errs...)
	}
	if r.StartEvery <= 0 || r.StartEvery%step != 0 {
		errs = append(errs, fmt.Errorf("shifts: StartEvery = %v: want a positive multiple of the interval %v", r.StartEvery, step))
	}
	if len(r.Lengths) == 0 {
		errs = append(errs, errors.New("shifts: Lengths: want at least one shift length"))
	}
	for _, l := range r.Lengths {
		if l <= 0 || l%step != 0 {
			errs = append(errs, fmt.Errorf("shifts: length %v: want a positive multiple of the interval %v", l, step))
		}
	}
	if r.CostPerHour != nil && len(r.CostPerHour) != len(r.Lengths) {
		errs = append(errs, fmt.Errorf("shifts: CostPerHour has %d values for %d lengths", len(r.CostPerHour), len(r.Lengths)))
	}
	for _, c := range r.CostPerHour {
		if c < 0 || math.IsNaN(c) || math.IsInf(c, 0) {
			errs = append(errs, fmt.Errorf("shifts: cost per hour %v: want >= 0", c))
		}
	}
	if r.Break < 0 || r.Break%step != 0 {
		errs = append(errs, fmt.Errorf("shifts: break %v: want a multiple of the interval %v", r.Break, step))
	}
	if r.Break > 0 {
		// One error naming every length the break does not fit.
		var misfit []string
		for _, l := range r.Lengths {
			if k := int(l / step); l >= r.BreakFrom && l%step == 0 && breakLo(k) > breakHi(k, int(r.Break/step)) {
				misfit = append(misfit, l.String())
			}
		}
		if len(misfit) > 0 {
			errs = append(errs, fmt.Errorf("shifts: break %v does not fit in the middle third of a %s shift at %v intervals", r.Break, strings.Join(misfit, " or "), step))
		}
	}
	if r.LatestEnd < 0 || r.LatestEnd > 48*time.Hour {
		errs = append(errs, fmt.Errorf("shifts: LatestEnd %v: want a clock time up to 48h (above 24h: the next day)", r.LatestEnd))
	}
	if r.LatestEnd != 0 && r.EarliestStart >= r.LatestEnd {
		errs = append(errs, fmt.Errorf("shifts: EarliestStart %v is not before LatestEnd %v", r.EarliestStart, r.LatestEnd))
	}
	if r.UnderPenalty < 0 || math.IsNaN(r.UnderPenalty) || math.IsInf(r.UnderPenalty, 0) {
		errs = append(errs, fmt.Errorf("shifts: UnderPenalty %v: want a finite cost >= 0", r.UnderPenalty))
	}
	if r.MaxAgents < 0 || r.MaxStartTimes < 0 {
		errs = append(errs, errors.New("shifts: MaxAgents and MaxStartTimes must not be negative"))
	}
	return errors.Join(errs...)
}

// Shift is a number of agents working the same shift with the same
// break (BreakStart and BreakEnd are zero for shifts without a break).
type Shift struct {
	Start, End           time.Time
	BreakStart, BreakEnd time.Time
	Agents               int
}

// Schedule is a shift plan and how it covers the requirement.
type Schedule struct {
	Shifts    []Shift
	Required  []int
	Scheduled []int // agents on duty per interval
	Under     []int // agents missing per interval
	PaidHours float64
	Cost      float64 // paid-hour cost plus under-staffing penalties
	// LowerBound is a proven lower bound on the optimum's cost: the LP
	// relaxation's (a Lagrangian bound with MaxAgents), per piece of the
	// horizon, rounded up to the cost granularity (see Solve); without
	// the start-time cap when Status is StartsCapped. Gap is
	// (Cost − LowerBound)/Cost.
	LowerBound float64
	Gap        float64
	Status     Status // what Cost and LowerBound prove
}

// Status says what a schedule's cost and lower bound prove.
type Status int

const (
	// Optimal: the cost equals the lower bound, so no schedule within the
	// rules costs less.
	Optimal Status = iota + 1
	// GapBounded: a heuristic schedule (breaks, a cyclic week or a cap on
	// agents) that costs at most Gap more than the optimum; the bound
	// holds for the problem as posed, caps included.
	GapBounded
	// StartsCapped: MaxStartTimes was met by dropping the least-used start
	// times (a heuristic), and LowerBound is the bound without that cap,
	// so Gap may overstate how far the schedule is from the optimum.
	StartsCapped
	// NoBound: the solver proved no lower bound (LowerBound is 0).
	NoBound
)

func (s Status) String() string {
	switch s {
	case Optimal:
		return "optimal"
	case GapBounded:
		return "gap-bounded"
	case StartsCapped:
		return "start-times-capped"
	case NoBound:
		return "no-bound"
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

type candidate struct {
	start, k int // first interval, intervals spanned (past n only when cyclic)
	length   time.Duration
	clock    time.Duration // local start time of day
	cost     float64       // paid hours (length less the break) times the cost per hour
	// brLo..brHi are the break's allowed first intervals, as offsets from
	// start, and brK its intervals; brK is 0 for shifts without a break.
	brLo, brHi, brK int
}

// breakLo and breakHi bound the first interval of a break of bk intervals
// in a shift of k: the break lies wholly in the middle third.
func breakLo(k int) int     { return (k + 2) / 3 }
func breakHi(k, bk int) int { return 2*k/3 - bk }

func candidates(start []time.Time, step time.Duration, r Rules) []candidate {
	latest := r.LatestEnd
	if latest == 0 {
		latest = 24 * time.Hour
	}
	bk := int(r.Break / step)
	var cs []candidate
	for i, t := range start {
		clock := clock.Of(t) // the clock face: shifts start on a grid of local time across DST
		if clock%r.StartEvery != 0 || clock < r.EarliestStart {
			continue
		}
		for li, l := range r.Lengths {
			k := int(l / step)
			if clock+l > latest || k > len(start) || i+k > len(start) && !r.Cyclic {
				continue
			}
			c := candidate{start: i, k: k, length: l, clock: clock}
			paid := l
			if r.Break > 0 && l >= r.BreakFrom {
				c.brLo, c.brHi, c.brK = breakLo(k), breakHi(k, bk), bk
				paid -= r.Break
			}
			c.cost = paid.Hours()
			if r.CostPerHour != nil && r.CostPerHour[li] > 0 {
				c.cost *= r.CostPerHour[li]
			}
			cs = append(cs, c)
		}
	}
	return cs
}

// covers reports whether some placement of c's break leaves the agent
// working at offset o of the shift.
func (c candidate) covers(o int) bool {
	return c.brK == 0 || o < c.brLo || o < c.brHi || o >= c.brLo+c.brK
}

// uncovered returns an error naming the intervals with a requirement that
// no candidate covers, unless under-staffing is allowed.
func uncovered(start []time.Time, req []int, cands []candidate, r Rules) error {
	if r.UnderPenalty > 0 {
		return nil
	}
	n := len(req)
	covered := make([]bool, n)
	for _, c := range cands {
		for o := 0; o < c.k; o++ {
			if c.covers(o) {
				covered[(c.start+o)%n] = true
			}
		}
	}
	var bad []string
	for t, v := range req {
		if v > 0 && !covered[t] {
			bad = append(bad, start[t].Format("Mon 2006-01-02 15:04"))
		}
	}
	if len(bad) == 0 {
		return nil
	}
	more := ""
	if len(bad) > 5 {
		more = fmt.Sprintf(" and %d more", len(bad)-5)
		bad = bad[:5]
	}
	return fmt.Errorf("%w: %s%s need agents but no allowed shift (starts, lengths, earliest start, latest end, breaks) covers them; widen the rules or set an under-staffing penalty",
		ErrUncoverable, strings.Join(bad, ", "), more)
}

// placed is a number of agents on candidate shift cand with the break at
// offset off (-1: no break).
type placed struct{ cand, off, agents int }

// coverage returns the agents working in each of n intervals.
func coverage(n int, cands []candidate, ps []placed) []int {
	cov := make([]int, n)
	for _, p := range ps {
		c := cands[p.cand]
		for o := 0; o < c.k; o++ {
			if p.off < 0 || o < p.off || o >= p.off+c.brK {
				cov[(c.start+o)%n] += p.agents
			}
		}
	}
	return cov
}

// schedule builds the Schedule of ps over cands. startsCapped says the
// bound is without the start-time cap; a NaN bound is no bound.
func schedule(start []time.Time, req []int, cands []candidate, ps []placed, cost, bound float64, startsCapped bool) *Schedule {
	n := len(req)
	noBound := math.IsNaN(bound)
	if noBound {
		bound = 0
	}
	sc := &Schedule{Required: req, Scheduled: coverage(n, cands, ps), Under: make([]int, n), Cost: cost, LowerBound: math.Min(bound, cost)}
	step := start[1%n].Sub(start[0])
	at := func(i int) time.Time { // interval i, past the end of a cyclic week
		if i < n {
			return start[i]
		}
		return start[i-n].AddDate(0, 0, 7)
	}
	for _, p := range ps {
		c := cands[p.cand]
		sh := Shift{Start: start[c.start], End: start[c.start].Add(c.length), Agents: p.agents}
		paid := c.length
		if p.off >= 0 {
			sh.BreakStart = at(c.start + p.off)
			sh.BreakEnd = sh.BreakStart.Add(time.Duration(c.brK) * step)
			paid -= time.Duration(c.brK) * step
		}
		sc.Shifts = append(sc.Shifts, sh)
		sc.PaidHours += float64(p.agents) * paid.Hours()
	}
	sort.Slice(sc.Shifts, func(i, j int) bool {
		a, b := sc.Shifts[i], sc.Shifts[j]
		if !a.Start.Equal(b.Start) {
			return a.Start.Before(b.Start)
		}
		if !a.End.Equal(b.End) {
			return a.End.Before(b.End)
		}
		return a.BreakStart.Before(b.BreakStart)
	})
	for t := range req {
		sc.Under[t] = max(0, req[t]-sc.Scheduled[t])
	}
	if sc.Cost > 0 {
		sc.Gap = math.Max(0, (sc.Cost-sc.LowerBound)/sc.Cost)
	}
	switch {
	case noBound:
		sc.Status = NoBound
	case sc.Gap <= 1e-9:
		sc.Status = Optimal
	case startsCapped:
		sc.Status = StartsCapped
	default:
		sc.Status = GapBounded
	}
	return sc
}

// prepare checks the input and returns the requirement in whole agents and
// the candidate shifts.
func prepare(start []time.Time, step time.Duration, required []float64, r Rules) ([]int, []candidate, error) {
	if err := r.Validate(step); err != nil {
		return nil, nil, err
	}
	n := len(start)
	if n == 0 || len(required) != n {
		return nil, nil, errors.New("shifts: want one requirement per interval")
	}
	req := make([]int, n)
	for i, v := range required {
		switch {
		case math.IsNaN(v) || v < 0:
			return nil, nil, fmt.Errorf("shifts: interval %s: requirement %v: want a whole number of agents >= 0", start[i].Format(time.RFC3339), v)
		case v != math.Trunc(v):
			return nil, nil, fmt.Errorf("shifts: interval %s: requirement %v is not a whole number of agents (use scheduled agents, rounded up)", start[i].Format(time.RFC3339), v)
		}
		req[i] = int(v)
		if i > 0 && start[i].Sub(start[i-1]) != step {
			return nil, nil, fmt.Errorf("shifts: interval %s follows %s: want consecutive intervals of %v", start[i].Format(time.RFC3339), start[i-1].Format(time.RFC3339), step)
		}
	}
	if r.Cyclic && !start[0].AddDate(0, 0, 7).Equal(start[n-1].Add(step)) {
		return nil, nil, fmt.Errorf("shifts: cyclic: the input runs from %s to %s: want exactly one week", start[0].Format(time.RFC3339), start[n-1].Add(step).Format(time.RFC3339))
	}
	cands := candidates(start, step, r)
	if err := uncovered(start, req, cands, r); err != nil {
		return nil, nil, err
	}
	return req, cands, nil
}
