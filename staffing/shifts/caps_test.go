package shifts

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// bruteForceCapped is bruteForcePenalty with at most maxAgents agents and
// maxStarts distinct start clocks (0: no cap); clock[j] is column j's
// (nil without a start-time cap).
func bruteForceCapped(req []int, cols [][]int, cost []float64, clock []time.Duration, maxX int, pen float64, maxAgents, maxStarts int) float64 {
	best := math.Inf(1)
	x := make([]int, len(cols))
	cov := make([]int, len(req))
	for {
		clear(cov)
		c, a := 0.0, 0
		used := map[time.Duration]bool{}
		for j, v := range x {
			c += float64(v) * cost[j]
			a += v
			if v > 0 && maxStarts > 0 {
				used[clock[j]] = true
			}
			for _, t := range cols[j] {
				cov[t] += v
			}
		}
		ok := (maxAgents == 0 || a <= maxAgents) && (maxStarts == 0 || len(used) <= maxStarts)
		for t := range req {
			if short := req[t] - cov[t]; short > 0 {
				ok = ok && pen > 0
				c += float64(short) * pen
			}
		}
		if ok && c < best {
			best = c
		}
		i := 0
		for ; i < len(x); i++ {
			if x[i]++; x[i] <= maxX {
				break
			}
			x[i] = 0
		}
		if i == len(x) {
			return best
		}
	}
}

func columnClocks(cands []candidate) []time.Duration {
	var cl []time.Duration
	for _, c := range cands {
		for range c.offsets() {
			cl = append(cl, c.clock)
		}
	}
	return cl
}

// checkCaps recounts a schedule from its shift table alone: agents, start
// clocks, working agents per interval (breaks off) and the cost, and
// checks them against the caps, the requirement and the schedule.
func checkCaps(t *testing.T, start []time.Time, ireq []int, s *Schedule, r Rules, cyclic bool) {
	t.Helper()
	a := 0
	clocks := map[time.Duration]bool{}
	cost := 0.0
	for _, sh := range s.Shifts {
		a += sh.Agents
		clocks[time.Duration(sh.Start.Hour())*time.Hour] = true
		perHour := 1.0
		for i, l := range r.Lengths {
			if l == sh.End.Sub(sh.Start) && r.CostPerHour != nil {
				perHour = r.CostPerHour[i]
			}
		}
		cost += float64(sh.Agents) * perHour * (sh.End.Sub(sh.Start) - sh.BreakEnd.Sub(sh.BreakStart)).Hours()
	}
	if r.MaxAgents > 0 && a > r.MaxAgents {
		t.Errorf("%d agents, cap %d", a, r.MaxAgents)
	}
	if r.MaxStartTimes > 0 && len(clocks) > r.MaxStartTimes {
		t.Errorf("%d start times, cap %d", len(clocks), r.MaxStartTimes)
	}
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
		short := max(0, ireq[i]-n)
		if n != s.Scheduled[i] || short != s.Under[i] {
			t.Errorf("%v: %d working, %d short by the shift table; schedule says %d, %d", st, n, short, s.Scheduled[i], s.Under[i])
		}
		if short > 0 && r.UnderPenalty == 0 {
			t.Errorf("%v: %d short without an under-staffing penalty", st, short)
		}
		cost += float64(short) * r.UnderPenalty
	}
	if math.Abs(cost-s.Cost) > 1e-9 {
		t.Errorf("cost %v by the shift table, schedule says %v", cost, s.Cost)
	}
}

func TestCapsWithBreaksAgainstBruteForce(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(21, 22))
	t0 := time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC)
	n := 8
	start := hoursFrom(t0, n)
	for trial := 0; trial < 16; trial++ {
		rules := Rules{StartEvery: time.Hour, Lengths: []time.Duration{3 * time.Hour, 6 * time.Hour}, CostPerHour: []float64{1, 1.1},
			Break: time.Hour, BreakFrom: 3 * time.Hour}
		if trial%2 == 1 {
			rules.UnderPenalty = 1.5
		}
		req, ireq := randomRequirement(rng, n)
		free, err := Solve(context.Background(), start, time.Hour, req, rules, nil)
		if err != nil {
			t.Fatal(err)
		}
		// Caps one below what the uncapped schedule uses, so they bind.
		a, clocks := 0, map[int]bool{}
		for _, sh := range free.Shifts {
			a += sh.Agents
			clocks[sh.Start.Hour()] = true
		}
		if trial%4 < 2 {
			rules.MaxAgents = max(1, a-1)
		} else {
			rules.MaxStartTimes = max(1, len(clocks)-1)
		}
		cands := candidates(start, time.Hour, rules)
		cols, cost := explicitColumns(n, cands)
		opt := bruteForceCapped(ireq, cols, cost, columnClocks(cands), 2, rules.UnderPenalty, rules.MaxAgents, rules.MaxStartTimes)
		s, err := Solve(context.Background(), start, time.Hour, req, rules, nil)
		if math.IsInf(opt, 1) {
			if !errors.Is(err, ErrUncoverable) {
				t.Errorf("trial %d req %v caps %d/%d: no schedule meets the caps, got %v", trial, ireq, rules.MaxAgents, rules.MaxStartTimes, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("trial %d req %v caps %d/%d: %v (brute-force optimum %v)", trial, ireq, rules.MaxAgents, rules.MaxStartTimes, err, opt)
		}
		checkCaps(t, start, ireq, s, rules, false)
		t.Logf("trial %d caps %d/%d: cost %v, bound %v, optimum %v", trial, rules.MaxAgents, rules.MaxStartTimes, s.Cost, s.LowerBound, opt)
		if s.LowerBound > opt+1e-9 || s.Cost < opt-1e-9 || math.Abs(s.Gap-(s.Cost-s.LowerBound)/s.Cost) > 1e-12 {
			t.Errorf("trial %d req %v caps %d/%d: cost %v bound %v gap %v; optimum %v", trial, ireq, rules.MaxAgents, rules.MaxStartTimes, s.Cost, s.LowerBound, s.Gap, opt)
		}
		// The caps are met heuristically: within 20% of the optimum here
		// (17% at worst on these trials).
		if s.Cost > opt*1.2+1e-9 {
			t.Errorf("trial %d req %v caps %d/%d: cost %v is more than 20%% above the optimum %v", trial, ireq, rules.MaxAgents, rules.MaxStartTimes, s.Cost, opt)
		}
	}
}

func TestCapsCyclicAgainstBruteForce(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(23, 24))
	t0 := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	start := make([]time.Time, 14)
	for i := range start {
		start[i] = t0.Add(time.Duration(i) * 12 * time.Hour)
	}
	for trial := 0; trial < 6; trial++ {
		rules := Rules{StartEvery: 24 * time.Hour, Lengths: []time.Duration{24 * time.Hour, 36 * time.Hour}, CostPerHour: []float64{1, 0.9},
			LatestEnd: 48 * time.Hour, Cyclic: true, UnderPenalty: 20}
		req, ireq := randomRequirement(rng, len(start))
		free, err := Solve(context.Background(), start, 12*time.Hour, req, rules, nil)
		if err != nil {
			t.Fatal(err)
		}
		a := totalAgents(free)
		rules.MaxAgents = max(1, a-2)
		cands := candidates(start, 12*time.Hour, rules)
		cols, cost := explicitColumns(len(start), cands)
		opt := bruteForceCapped(ireq, cols, cost, columnClocks(cands), 2, rules.UnderPenalty, rules.MaxAgents, 0)
		s, err := Solve(context.Background(), start, 12*time.Hour, req, rules, nil)
		if err != nil {
			t.Fatal(err)
		}
		checkCaps(t, start, ireq, s, rules, true)
		t.Logf("trial %d cap %d (uncapped %d): cost %v, bound %v, optimum %v", trial, rules.MaxAgents, a, s.Cost, s.LowerBound, opt)
		if s.LowerBound > opt+1e-9 || s.Cost < opt-1e-9 {
			t.Errorf("trial %d req %v cap %d: cost %v bound %v; optimum %v", trial, ireq, rules.MaxAgents, s.Cost, s.LowerBound, opt)
		}
		if s.Cost > opt*1.2+1e-9 {
			t.Errorf("trial %d req %v cap %d: cost %v is more than 20%% above the optimum %v", trial, ireq, rules.MaxAgents, s.Cost, opt)
		}
	}
}

// minCostByAgents enumerates every schedule with 0..maxX agents per
// column that covers req (or pays pen per agent short per interval, when
// pen > 0) and returns the least cost per number of agents (+Inf where
// none).
func minCostByAgents(req []int, cols [][]int, cost []float64, maxX int, pen float64) []float64 {
	best := make([]float64, len(cols)*maxX+1)
	for a := range best {
		best[a] = math.Inf(1)
	}
	x := make([]int, len(cols))
	cov := make([]int, len(req))
	for {
		clear(cov)
		c, a := 0.0, 0
		for j, v := range x {
			c += float64(v) * cost[j]
			a += v
			for _, t := range cols[j] {
				cov[t] += v
			}
		}
		ok := true
		for t := range req {
			if short := req[t] - cov[t]; short > 0 {
				ok = ok && pen > 0
				c += float64(short) * pen
			}
		}
		if ok && c < best[a] {
			best[a] = c
		}
		i := 0
		for ; i < len(x); i++ {
			if x[i]++; x[i] <= maxX {
				break
			}
			x[i] = 0
		}
		if i == len(x) {
			return best
		}
	}
}

// Two short days apart, solved as pieces, with an agent cap below what
// the uncapped schedule uses: the cap couples the days, which are priced
// and combined. The capped optimum comes from brute force per day and
// number of agents, combined over the two days; the bound must not exceed
// it, the schedule not beat it, and the cap, cover and cost must hold
// when recounted from the shift table.
func TestCappedPiecesAgainstBruteForce(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(41, 42))
	rules := Rules{StartEvery: time.Hour, Lengths: []time.Duration{3 * time.Hour, 6 * time.Hour}, CostPerHour: []float64{1, 1.1},
		Break: time.Hour, BreakFrom: 3 * time.Hour, EarliestStart: 8 * time.Hour, LatestEnd: 16 * time.Hour}
	t0 := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	start := hoursFrom(t0, 48)
	for trial := 0; trial < 8; trial++ {
		pen := 0.0
		if trial >= 4 {
			pen = 2.5 // the last trials may leave intervals short
		}
		req := make([]float64, 48)
		ireq := make([]int, 48)
		var byAgents [2][]float64
		for d := 0; d < 2; d++ {
			day, iday := randomRequirement(rng, 8)
			copy(req[24*d+8:], day)
			copy(ireq[24*d+8:], iday)
			cols, cost := explicitColumns(8, candidates(start[24*d+8:24*d+16], time.Hour, rules))
			byAgents[d] = minCostByAgents(iday, cols, cost, 2, pen)
		}
		rules := rules
		rules.UnderPenalty = pen
		free, err := Solve(context.Background(), start, time.Hour, req, rules, nil)
		if err != nil {
			t.Fatal(err)
		}
		a := totalAgents(free)
		if a < 2 {
			continue
		}
		rules.MaxAgents = a - 1 - trial%2
		opt := math.Inf(1)
		for a0, c0 := range byAgents[0] {
			for a1, c1 := range byAgents[1] {
				if a0+a1 <= rules.MaxAgents {
					opt = math.Min(opt, c0+c1)
				}
			}
		}
		s, err := Solve(context.Background(), start, time.Hour, req, rules, nil)
		if math.IsInf(opt, 1) {
			if !errors.Is(err, ErrUncoverable) {
				t.Errorf("trial %d cap %d: no schedule meets the cap, got %v", trial, rules.MaxAgents, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("trial %d cap %d: %v (optimum %v)", trial, rules.MaxAgents, err, opt)
		}
		checkCaps(t, start, ireq, s, rules, false)
		t.Logf("trial %d cap %d (uncapped %d, %v): cost %v, bound %v, optimum %v", trial, rules.MaxAgents, a, free.Cost, s.Cost, s.LowerBound, opt)
		if s.LowerBound > opt+1e-9 || s.Cost < opt-1e-9 {
			t.Errorf("trial %d cap %d: cost %v bound %v; optimum %v", trial, rules.MaxAgents, s.Cost, s.LowerBound, opt)
		}
		if s.Cost > opt*1.2+1e-9 {
			t.Errorf("trial %d cap %d: cost %v is more than 20%% above the optimum %v", trial, rules.MaxAgents, s.Cost, opt)
		}
	}
}

// The LP model carries the agent cap as a row over every column; where
// CBC is installed, its optimum of the model must be the brute-force
// capped optimum.
func TestModelAgentCap(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(51, 52))
	start := hoursFrom(time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC), 8)
	bin, lookErr := exec.LookPath("cbc")
	for trial := 0; trial < 4; trial++ {
		rules := Rules{StartEvery: time.Hour, Lengths: []time.Duration{3 * time.Hour, 6 * time.Hour}, CostPerHour: []float64{1, 1.1},
			Break: time.Hour, BreakFrom: 3 * time.Hour, MaxAgents: 3}
		req, ireq := randomRequirement(rng, len(start))
		m, err := NewModel(start, time.Hour, req, rules)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		if err := m.WriteLP(&b); err != nil {
			t.Fatal(err)
		}
		lp := b.String()
		row := lp[strings.Index(lp, " agents:"):strings.Index(lp, "General")]
		if !strings.HasSuffix(strings.TrimSpace(row), "<= 3") || strings.Count(row, " + x") != len(m.cols) {
			t.Fatalf("trial %d: cap row %q for %d columns", trial, row, len(m.cols))
		}
		if lookErr != nil {
			continue
		}
		dir := t.TempDir()
		file, sol := filepath.Join(dir, "m.lp"), filepath.Join(dir, "m.sol")
		if err := os.WriteFile(file, []byte(lp), 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(bin, file, "solve", "solu", sol).CombinedOutput(); err != nil {
			t.Skipf("cbc does not run here: %v\n%s", err, out)
		}
		cands := candidates(start, time.Hour, rules)
		cols, cost := explicitColumns(len(start), cands)
		opt := bruteForceCapped(ireq, cols, cost, nil, 2, 0, rules.MaxAgents, 0)
		f, err := os.Open(sol)
		if err != nil {
			t.Fatal(err)
		}
		s, err := m.ReadCBCSolution(f, math.NaN())
		f.Close()
		if math.IsInf(opt, 1) {
			if err == nil {
				t.Errorf("trial %d req %v: CBC found %v h within a cap brute force says cannot be met", trial, ireq, s.Cost)
			}
			continue
		}
		if err != nil {
			t.Fatalf("trial %d req %v: %v (optimum %v)", trial, ireq, err, opt)
		}
		checkCaps(t, start, ireq, s, rules, false)
		t.Logf("trial %d: CBC %v, brute force %v", trial, s.Cost, opt)
		if math.Abs(s.Cost-opt) > 1e-9 {
			t.Errorf("trial %d req %v: CBC %v, brute force %v", trial, ireq, s.Cost, opt)
		}
	}
}
