package shifts

import (
	"context"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

// explicitColumns lists every shift and break placement with the
// intervals it works, for brute force and gonum's simplex.
func explicitColumns(n int, cands []candidate) ([][]int, []float64) {
	var cols [][]int
	var cost []float64
	for _, c := range cands {
		for _, off := range c.offsets() {
			var col []int
			for o := 0; o < c.k; o++ {
				if works(c, off, o) {
					col = append(col, (c.start+o)%n)
				}
			}
			cols = append(cols, col)
			cost = append(cost, c.cost)
		}
	}
	return cols, cost
}

func bruteForceCols(req []int, cols [][]int, cost []float64, maxX int) float64 {
	return bruteForcePenalty(req, cols, cost, maxX, 0)
}

// bruteForcePenalty is bruteForceCols with a penalty per agent short per
// interval (0: everything must be covered).
func bruteForcePenalty(req []int, cols [][]int, cost []float64, maxX int, pen float64) float64 {
	return bruteForceCapped(req, cols, cost, nil, maxX, pen, 0, 0)
}

func simplexCols(t *testing.T, req []int, cols [][]int, cost []float64) float64 {
	t.Helper()
	n, m := len(req), len(cols)
	A := mat.NewDense(n, m+n, nil)
	c := make([]float64, m+n)
	b := make([]float64, n)
	for j, col := range cols {
		c[j] = cost[j]
		for _, i := range col {
			A.Set(i, j, 1)
		}
	}
	for i := range req {
		A.Set(i, m+i, -1)
		b[i] = float64(req[i])
	}
	opt, _, err := lp.Simplex(c, A, b, 1e-10, nil)
	if err != nil {
		t.Fatal(err)
	}
	return opt
}

// checkCover recounts, from the shift table alone, the agents working at
// each interval start (on shift and not on break) and compares them with
// the requirement and the schedule's own count.
func checkCover(t *testing.T, start []time.Time, req []float64, s *Schedule, cyclic bool) {
	t.Helper()
	for i, st := range start {
		n := 0
		for _, sh := range s.Shifts {
			for _, at := range []time.Time{st, st.AddDate(0, 0, 7)} { // the same clock time a week on (167 or 169 h over DST)
				if at.Before(sh.Start) || !at.Before(sh.End) || !cyclic && at != st {
					continue
				}
				if !sh.BreakStart.IsZero() && !at.Before(sh.BreakStart) && at.Before(sh.BreakEnd) {
					continue
				}
				n += sh.Agents
			}
		}
		if n != s.Scheduled[i] {
			t.Errorf("%v: %d agents working by the shift table, schedule says %d", st, n, s.Scheduled[i])
		}
		if float64(n) < req[i] {
			t.Errorf("%v: %d agents working, %v required", st, n, req[i])
		}
	}
	for _, sh := range s.Shifts {
		if sh.BreakStart.IsZero() {
			continue
		}
		third := sh.End.Sub(sh.Start) / 3
		if sh.BreakStart.Sub(sh.Start) < third || sh.End.Sub(sh.BreakEnd) < third {
			t.Errorf("shift %v–%v: break %v–%v outside the middle third", sh.Start, sh.End, sh.BreakStart, sh.BreakEnd)
		}
	}
}

func TestBreaksAgainstBruteForceAndSimplex(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(7, 8))
	t0 := time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC)
	// 3 h shifts get a 1 h break in the middle hour (2 paid hours);
	// 6 h shifts at 1.1 per hour get it in the third or fourth hour.
	rules := Rules{StartEvery: time.Hour, Lengths: []time.Duration{3 * time.Hour, 6 * time.Hour}, CostPerHour: []float64{1, 1.1},
		Break: time.Hour, BreakFrom: 3 * time.Hour}
	for trial := 0; trial < 12; trial++ {
		n := 8
		start := hoursFrom(t0, n)
		req, ireq := randomRequirement(rng, n)
		s, err := Solve(context.Background(), start, time.Hour, req, rules, nil)
		if err != nil {
			t.Fatal(err)
		}
		checkCover(t, start, req, s, false)
		cols, cost := explicitColumns(n, candidates(start, time.Hour, rules))
		opt := bruteForceCols(ireq, cols, cost, 2)
		lpv := simplexCols(t, ireq, cols, cost)
		// The bound must never exceed the integer optimum (it may exceed
		// the LP: it is rounded up to the cost granularity), the schedule
		// never beat the optimum, and the gap is what they say. PDHG stops
		// within 0.5% of the LP on these.
		if s.LowerBound > opt+1e-9 || s.LowerBound < lpv*0.995-1e-6 || s.Cost < opt-1e-9 || s.Gap < 0 ||
			math.Abs(s.Gap-(s.Cost-s.LowerBound)/s.Cost) > 1e-12 {
			t.Errorf("trial %d req %v: cost %v bound %v gap %v; optimum %v, LP %v", trial, ireq, s.Cost, s.LowerBound, s.Gap, opt, lpv)
		}
		if s.Cost > opt*1.1+1e-9 {
			t.Errorf("trial %d req %v: cost %v is more than 10%% above the optimum %v", trial, ireq, s.Cost, opt)
		}
	}
}

func TestBreaksDSTWeek(t *testing.T) {
	t.Parallel()
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Skip(err)
	}
	t0 := time.Date(2025, 3, 24, 0, 0, 0, 0, loc) // the week of the spring change
	var start []time.Time
	for at := t0; at.Before(t0.AddDate(0, 0, 7)); at = at.Add(30 * time.Minute) {
		start = append(start, at)
	}
	req := make([]float64, len(start))
	for i, st := range start {
		h := float64(st.Hour()) + float64(st.Minute())/60
		if h >= 7 && h < 22 {
			req[i] = math.Ceil(6*math.Exp(-(h-11)*(h-11)/8) + 8*math.Exp(-(h-19)*(h-19)/5) + 2)
		}
	}
	req[6*48+1] = 2 // 00:30 on the Sunday of the change, before 02:00 is skipped
	rules := Rules{StartEvery: 30 * time.Minute, Lengths: []time.Duration{4 * time.Hour, 6 * time.Hour, 8 * time.Hour},
		Break: 30 * time.Minute, BreakFrom: 6 * time.Hour}
	s, err := Solve(context.Background(), start, 30*time.Minute, req, rules, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkCover(t, start, req, s, false)
	if s.LowerBound > s.Cost || s.Gap < 0 || s.Gap > 0.05 {
		t.Errorf("cost %v, bound %v, gap %v", s.Cost, s.LowerBound, s.Gap)
	}
	paid := 0.0
	for _, sh := range s.Shifts {
		paid += float64(sh.Agents) * (sh.End.Sub(sh.Start) - sh.BreakEnd.Sub(sh.BreakStart)).Hours()
	}
	if math.Abs(paid-s.PaidHours) > 1e-9 {
		t.Errorf("paid hours %v, shift table says %v", s.PaidHours, paid)
	}
}

func TestCyclicNightShift(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC) // a Monday
	start := hoursFrom(t0, 7*24)
	req := make([]float64, len(start))
	for h := 0; h < 6; h++ {
		req[h] = 1 // Monday 00:00–06:00
	}
	req[len(req)-2], req[len(req)-1] = 1, 1 // Sunday 22:00–24:00
	rules := Rules{StartEvery: time.Hour, Lengths: []time.Duration{8 * time.Hour}, LatestEnd: 30 * time.Hour, Cyclic: true}
	s, err := Solve(context.Background(), start, time.Hour, req, rules, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkCover(t, start, req, s, true)
	// One night shift, Sunday 22:00 to Monday 06:00 of the next week.
	if len(s.Shifts) != 1 || s.Shifts[0].Start != start[len(start)-2] || !s.Shifts[0].End.Equal(t0.AddDate(0, 0, 7).Add(6*time.Hour)) ||
		s.Cost != 8 || s.LowerBound > 8 || s.LowerBound < 8*0.99 {
		t.Errorf("shifts %v, cost %v, bound %v", s.Shifts, s.Cost, s.LowerBound)
	}
	// Without wrap the same week needs two shifts.
	rules.Cyclic = false
	if s, err := Solve(context.Background(), start, time.Hour, req, rules, nil); err != nil || s.Cost != 16 {
		t.Errorf("not cyclic: %v, %v", s, err)
	}
	// A cyclic input must be exactly one week.
	rules.Cyclic = true
	if _, err := Solve(context.Background(), start[:100], time.Hour, req[:100], rules, nil); err == nil || !strings.Contains(err.Error(), "exactly one week") {
		t.Errorf("short cyclic input: %v", err)
	}
}

func TestCyclicAgainstBruteForce(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(3, 4))
	// A week of 12-hour intervals (14) with 24 h and 36 h shifts that may
	// wrap: small enough to enumerate.
	t0 := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	start := make([]time.Time, 14)
	for i := range start {
		start[i] = t0.Add(time.Duration(i) * 12 * time.Hour)
	}
	rules := Rules{StartEvery: 24 * time.Hour, Lengths: []time.Duration{24 * time.Hour, 36 * time.Hour}, CostPerHour: []float64{1, 0.9},
		LatestEnd: 48 * time.Hour, Cyclic: true}
	for trial := 0; trial < 6; trial++ {
		req, ireq := randomRequirement(rng, len(start))
		s, err := Solve(context.Background(), start, 12*time.Hour, req, rules, nil)
		if err != nil {
			t.Fatal(err)
		}
		checkCover(t, start, req, s, true)
		cols, cost := explicitColumns(len(start), candidates(start, 12*time.Hour, rules))
		opt := bruteForceCols(ireq, cols, cost, 2)
		lpv := simplexCols(t, ireq, cols, cost)
		if s.LowerBound > opt+1e-9 || s.LowerBound < lpv*0.995-1e-6 || s.Cost < opt-1e-9 || s.Cost > opt*1.1+1e-9 {
			t.Errorf("trial %d req %v: cost %v bound %v; optimum %v, LP %v", trial, ireq, s.Cost, s.LowerBound, opt, lpv)
		}
	}
}

func TestBreaksWithPenaltyAgainstBruteForce(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(11, 12))
	t0 := time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC)
	// A penalty of 1.5 per agent-hour short: a lone hour of demand is
	// cheaper left short than covered by a 3-hour shift (2 paid hours).
	rules := Rules{StartEvery: time.Hour, Lengths: []time.Duration{3 * time.Hour, 6 * time.Hour}, CostPerHour: []float64{1, 1.1},
		Break: time.Hour, BreakFrom: 3 * time.Hour, UnderPenalty: 1.5}
	for trial := 0; trial < 8; trial++ {
		n := 8
		start := hoursFrom(t0, n)
		req, ireq := randomRequirement(rng, n)
		s, err := Solve(context.Background(), start, time.Hour, req, rules, nil)
		if err != nil {
			t.Fatal(err)
		}
		cols, cost := explicitColumns(n, candidates(start, time.Hour, rules))
		opt := bruteForcePenalty(ireq, cols, cost, 2, rules.UnderPenalty)
		short := 0
		for i := range ireq {
			short += s.Under[i]
			if s.Scheduled[i]+s.Under[i] < ireq[i] {
				t.Errorf("trial %d: interval %d: %d scheduled + %d short < %d", trial, i, s.Scheduled[i], s.Under[i], ireq[i])
			}
		}
		// The cost recomputed from the shift table and the shortfall.
		recost := 1.5 * float64(short)
		for _, sh := range s.Shifts {
			perHour := 1.0
			if sh.End.Sub(sh.Start) == 6*time.Hour {
				perHour = 1.1
			}
			recost += float64(sh.Agents) * perHour * (sh.End.Sub(sh.Start) - sh.BreakEnd.Sub(sh.BreakStart)).Hours()
		}
		if s.LowerBound > opt+1e-9 || s.Cost < opt-1e-9 || s.Cost > opt*1.1+1e-9 || math.Abs(s.Cost-recost) > 1e-9 {
			t.Errorf("trial %d req %v: cost %v (paid %v, %d short), bound %v; optimum %v", trial, ireq, s.Cost, s.PaidHours, short, s.LowerBound, opt)
		}
	}
}

// randomRequirement draws 0, 1 or 2 agents per interval.
func randomRequirement(rng *rand.Rand, n int) ([]float64, []int) {
	req, ireq := make([]float64, n), make([]int, n)
	for i := range req {
		ireq[i] = rng.IntN(3)
		req[i] = float64(ireq[i])
	}
	return req, ireq
}

func TestBreaksEdgeCases(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	start := hoursFrom(t0, 24)
	rules := Rules{StartEvery: time.Hour, Lengths: []time.Duration{4 * time.Hour, 8 * time.Hour}, Break: time.Hour, BreakFrom: 6 * time.Hour}
	// Nothing required: nobody scheduled, nothing to prove.
	s, err := Solve(context.Background(), start, time.Hour, make([]float64, 24), rules, nil)
	if err != nil || len(s.Shifts) != 0 || s.Cost != 0 || s.Gap != 0 {
		t.Errorf("empty: %+v, %v", s, err)
	}
	// No length long enough for a break: the exact flow, gap zero.
	req := make([]float64, 24)
	for h := 9; h < 17; h++ {
		req[h] = 2
	}
	short := rules
	short.Lengths = []time.Duration{4 * time.Hour}
	if s, err := Solve(context.Background(), start, time.Hour, req, short, nil); err != nil || s.Cost != 16 || s.Status != Optimal {
		t.Errorf("no breaks possible: %+v, %v", s, err)
	}
	// The hour before 03:00 cannot be covered (shifts from 06:00): with a
	// penalty it is left short, and the bound still holds.
	req[3] = 1
	rules.EarliestStart, rules.UnderPenalty = 6*time.Hour, 3
	s, err = Solve(context.Background(), start, time.Hour, req, rules, nil)
	if err != nil || s.Under[3] != 1 || s.LowerBound > s.Cost || s.Cost < 16+3 {
		t.Errorf("penalty: %+v, %v", s, err)
	}
}

// Cyclic weeks over the daylight-saving changes are cut into days at a
// clock time every day of the week has once (not one DST skips or
// repeats): the schedule still covers the week, wrapping, and its cost
// is within the bound's reach.
func TestCyclicDSTWeeks(t *testing.T) {
	t.Parallel()
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Skip(err)
	}
	for _, t0 := range []time.Time{time.Date(2025, 3, 24, 0, 0, 0, 0, loc), time.Date(2025, 10, 20, 0, 0, 0, 0, loc)} {
		var start []time.Time
		for at := t0; at.Before(t0.AddDate(0, 0, 7)); at = at.Add(time.Hour) {
			start = append(start, at)
		}
		req := make([]float64, len(start))
		for i, st := range start {
			req[i] = 1
			if h := st.Hour(); h >= 8 && h < 20 {
				req[i] = float64(2 + (h+i/24)%3)
			}
		}
		rules := Rules{StartEvery: time.Hour, Lengths: []time.Duration{4 * time.Hour, 8 * time.Hour}, LatestEnd: 30 * time.Hour,
			Break: time.Hour, BreakFrom: 8 * time.Hour, Cyclic: true}
		s, err := Solve(context.Background(), start, time.Hour, req, rules, nil)
		if err != nil {
			t.Fatal(err)
		}
		checkCover(t, start, req, s, true)
		if s.LowerBound > s.Cost || s.Gap > 0.05 {
			t.Errorf("week of %s: cost %v, bound %v, gap %v", t0.Format(time.DateOnly), s.Cost, s.LowerBound, s.Gap)
		}
	}
}

// cutWeek on a cyclic week with empty days and a shift across the week's
// end: every day is a piece (most with nothing to cover), the kept shifts
// and the days' schedules cover the week, the cost is recounted, and it
// is no dearer than the schedule it started from, with and without a cap.
func TestCutWeekEmptyDays(t *testing.T) {
	t.Parallel()
	start := hoursFrom(time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC), 7*24)
	req := make([]float64, len(start))
	for h := 10; h < 14; h++ {
		req[h] = 2 // Monday 10–14
	}
	for h := 7*24 - 3; h < 7*24; h++ {
		req[h] = 1 // Sunday 21–24, and Monday 00–02 below
	}
	req[0], req[1] = 1, 1
	for _, capA := range []int{0, 4} { // 4: the fewest agents that can cover it
		rules := Rules{StartEvery: time.Hour, Lengths: []time.Duration{4 * time.Hour, 6 * time.Hour}, LatestEnd: 30 * time.Hour,
			Break: time.Hour, BreakFrom: 6 * time.Hour, Cyclic: true, MaxAgents: capA}
		ireq, cands, err := prepare(start, time.Hour, req, rules)
		if err != nil {
			t.Fatal(err)
		}
		s := &solver{ctx: context.Background(), start: start, req: ireq, cands: cands, r: rules, opt: &Options{}}
		s.g = granularity(cands, 0)
		p := newProblem(s.ctx, ireq, cands, rules, tieCost(ireq, cands, s.g))
		_, cols, x, y := p.pdhg()
		ps0, cost0, err := p.primal(cols, x, y)
		if err != nil {
			t.Fatal(err)
		}
		res, _, ok, err := s.cutWeek(ps0, -1)
		if err != nil || !ok {
			t.Fatalf("cap %d: cutWeek: %v, %v", capA, ok, err)
		}
		cov := coverage(len(ireq), cands, res.ps)
		cost := 0.0
		for _, u := range res.ps {
			cost += float64(u.agents) * cands[u.cand].cost
		}
		for i := range ireq {
			if cov[i] < ireq[i] {
				t.Errorf("cap %d: %v: %d working, %d required", capA, start[i], cov[i], ireq[i])
			}
		}
		if math.Abs(cost-res.cost) > 1e-9 || capA == 0 && res.cost > cost0+1e-9 || capA > 0 && agents(res.ps) > capA {
			t.Errorf("cap %d: cost %v (recounted %v), %d agents; started from %v", capA, res.cost, cost, agents(res.ps), cost0)
		}
	}
}
