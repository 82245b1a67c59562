package shifts

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// solveOrHang runs Solve and fails the test, instead of hanging it, when
// Solve has not returned a minute after its context was done.
func solveOrHang(t *testing.T, start []time.Time, step time.Duration, req []float64, r Rules) (*Schedule, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	type out struct {
		s   *Schedule
		err error
	}
	done := make(chan out, 1)
	go func() {
		s, err := Solve(ctx, start, step, req, r, nil)
		done <- out{s, err}
	}()
	select {
	case o := <-done:
		return o.s, o.err
	case <-time.After(2 * time.Minute):
		t.Fatalf("Solve has not returned a minute after its context was done (rules %+v, requirement %v)", r, req)
		return nil, nil
	}
}

// A cyclic week of 12-hour intervals whose agent cap no schedule meets:
// 16 agent-intervals are required and a shift covers at most 3 (36 h),
// so 5 agents cover at most 15. Solve must say so. It used to hang: at
// the highest price per agent the flow's reduced costs fell a rounding
// error below zero and its shortest path ran in a cycle.
func TestSolveCyclicCapNoSchedule(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	start := make([]time.Time, 14)
	for i := range start {
		start[i] = t0.Add(time.Duration(i) * 12 * time.Hour)
	}
	req := []float64{1, 0, 2, 0, 0, 1, 2, 2, 2, 1, 1, 0, 1, 1}
	r := Rules{StartEvery: 24 * time.Hour, Lengths: []time.Duration{24 * time.Hour, 36 * time.Hour}, CostPerHour: []float64{1, 0.95},
		LatestEnd: 48 * time.Hour, Cyclic: true, MaxAgents: 5}
	if _, err := solveOrHang(t, start, 12*time.Hour, req, r); !errors.Is(err, ErrUncoverable) {
		t.Errorf("cap 5 below the 6 agents any schedule needs: got %v, want ErrUncoverable", err)
	}
}

// Costs in money (hundreds per hour) make the flow's potentials large,
// where an absolute tolerance of 1e-12 is below their rounding error. The
// exact solver (no breaks) must still return, and match brute force.
func TestFlowMoneyCostsAgainstBruteForce(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(61, 62))
	t0 := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	start := make([]time.Time, 14)
	for i := range start {
		start[i] = t0.Add(time.Duration(i) * 12 * time.Hour)
	}
	for trial := 0; trial < 6; trial++ {
		r := Rules{StartEvery: 24 * time.Hour, Lengths: []time.Duration{24 * time.Hour, 36 * time.Hour}, CostPerHour: []float64{250, 237.5},
			LatestEnd: 48 * time.Hour, Cyclic: true, UnderPenalty: 20000}
		req, ireq := randomRequirement(rng, len(start))
		cands := candidates(start, 12*time.Hour, r)
		cols, cost := explicitColumns(len(start), cands)
		opt := bruteForceCapped(ireq, cols, cost, nil, 2, r.UnderPenalty, 0, 0)
		s, err := solveOrHang(t, start, 12*time.Hour, req, r)
		if err != nil {
			t.Fatal(err)
		}
		if s.LowerBound > opt*(1+1e-12) || s.Cost < opt*(1-1e-12) {
			t.Errorf("trial %d req %v: cost %v bound %v; brute force %v", trial, ireq, s.Cost, s.LowerBound, opt)
		}
		if math.IsNaN(s.Cost) {
			t.Errorf("trial %d: cost NaN", trial)
		}
	}
}
