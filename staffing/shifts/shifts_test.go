package shifts

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

func hoursFrom(t0 time.Time, n int) []time.Time {
	s := make([]time.Time, n)
	for i := range s {
		s[i] = t0.Add(time.Duration(i) * time.Hour)
	}
	return s
}

// bruteForce enumerates every integer schedule with 0..maxX agents per
// candidate shift and returns the least cost that covers req.
func bruteForce(req []int, cands []candidate, maxX int) float64 {
	cols, cost := explicitColumns(len(req), cands)
	return bruteForceCols(req, cols, cost, maxX)
}

// lpBound solves the covering LP with gonum's simplex: a second method
// for the flow's lower bound.
func lpBound(t *testing.T, req []int, cands []candidate) float64 {
	t.Helper()
	cols, cost := explicitColumns(len(req), cands)
	return simplexCols(t, req, cols, cost)
}

func TestSolveMatchesBruteForceAndLP(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(5, 6))
	t0 := time.Date(2026, 1, 5, 6, 0, 0, 0, time.UTC)
	rules := Rules{StartEvery: time.Hour, Lengths: []time.Duration{2 * time.Hour, 3 * time.Hour}, CostPerHour: []float64{1.2, 1}}
	for trial := 0; trial < 20; trial++ {
		n := 6
		start := hoursFrom(t0, n)
		req, ireq := randomRequirement(rng, n)
		s, err := Solve(context.Background(), start, time.Hour, req, rules, nil)
		if err != nil {
			t.Fatal(err)
		}
		cands := candidates(start, time.Hour, rules)
		want := bruteForce(ireq, cands, 2)
		if math.Abs(s.Cost-want) > 1e-9 {
			t.Errorf("trial %d req %v: flow cost %v, brute force %v", trial, ireq, s.Cost, want)
		}
		// Interval matrices are totally unimodular: the LP optimum is the
		// integer optimum (Veinott & Wagner 1962).
		if lpv := lpBound(t, ireq, cands); math.Abs(lpv-want) > 1e-6 || math.Abs(s.LowerBound-lpv) > 1e-6 || s.Status != Optimal {
			t.Errorf("trial %d: LP %v, bound %v, integer %v", trial, lpv, s.LowerBound, want)
		}
		for i := range ireq {
			if s.Scheduled[i] < ireq[i] {
				t.Errorf("trial %d: interval %d has %d of %d agents", trial, i, s.Scheduled[i], ireq[i])
			}
		}
	}
}

func TestSolveDSTWeek(t *testing.T) {
	t.Parallel()
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Skip(err)
	}
	// The week of the spring change has 167 hours. An 8-hour shift from
	// 00:00 on 2025-03-30 lasts 8 real hours and ends at 09:00 CEST.
	t0 := time.Date(2025, 3, 24, 0, 0, 0, 0, loc)
	var start []time.Time
	for t := t0; t.Before(t0.AddDate(0, 0, 7)); t = t.Add(time.Hour) {
		start = append(start, t)
	}
	if len(start) != 167 {
		t.Fatalf("%d hours", len(start))
	}
	req := make([]float64, len(start))
	for i, st := range start {
		if st.Hour() >= 8 && st.Hour() < 20 {
			req[i] = 3
		}
	}
	i := 6*24 + 0 // 2025-03-30 00:00
	req[i] = 1
	s, err := Solve(context.Background(), start, time.Hour, req, Rules{StartEvery: time.Hour, Lengths: []time.Duration{8 * time.Hour}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, sh := range s.Shifts {
		if sh.Start.Equal(start[i]) {
			found = true
			if got := sh.End.Format(time.RFC3339); got != "2025-03-30T09:00:00+02:00" {
				t.Errorf("shift from %v ends %s, want 09:00 CEST", sh.Start, got)
			}
		}
	}
	if !found {
		t.Errorf("no shift covers the 00:00 requirement on the spring Sunday: %v", s.Shifts)
	}
}

func TestSolveUncoverableAndPenalty(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	start := hoursFrom(t0, 24)
	req := make([]float64, 24)
	req[3] = 2 // demand at 03:00
	for h := 8; h < 16; h++ {
		req[h] = 1
	}
	rules := Rules{StartEvery: time.Hour, Lengths: []time.Duration{4 * time.Hour, 8 * time.Hour}, EarliestStart: 6 * time.Hour}
	_, err := Solve(context.Background(), start, time.Hour, req, rules, nil)
	if !errors.Is(err, ErrUncoverable) || !strings.Contains(err.Error(), "Mon 2026-01-05 03:00") {
		t.Errorf("uncoverable: %v", err)
	}
	rules.UnderPenalty = 10
	s, err := Solve(context.Background(), start, time.Hour, req, rules, nil)
	if err != nil {
		t.Fatal(err)
	}
	// 8 paid hours for 08–16 plus 2 agent-hours unmet at 03:00 at 10 each.
	if s.Under[3] != 2 || s.PaidHours != 8 || s.Cost != 8+20 || s.Status != Optimal {
		t.Errorf("penalty: under %v paid %v cost %v", s.Under, s.PaidHours, s.Cost)
	}
	// Fractional requirements are refused with a hint.
	req[9] = 1.5
	if _, err := Solve(context.Background(), start, time.Hour, req, rules, nil); err == nil || !strings.Contains(err.Error(), "not a whole number") {
		t.Errorf("fractional: %v", err)
	}
}

func TestSolveCaps(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(9, 9))
	t0 := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	start := make([]time.Time, 7*48)
	req := make([]float64, len(start))
	for i := range start {
		start[i] = t0.Add(time.Duration(i) * 30 * time.Minute)
		h := float64(i%48) / 2
		req[i] = math.Round(math.Max(0, 8*math.Sin(math.Pi*(h-6)/16)) + float64(rng.IntN(2)))
		if h < 6 || h >= 22 {
			req[i] = 0
		}
	}
	rules := Rules{StartEvery: 30 * time.Minute, Lengths: []time.Duration{4 * time.Hour, 6 * time.Hour, 8 * time.Hour}, UnderPenalty: 5}
	free, err := Solve(context.Background(), start, 30*time.Minute, req, rules, nil)
	if err != nil {
		t.Fatal(err)
	}
	rules.MaxAgents = totalAgents(free) * 8 / 10
	capped, err := Solve(context.Background(), start, 30*time.Minute, req, rules, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n := totalAgents(capped); n > rules.MaxAgents || capped.LowerBound > capped.Cost+1e-9 || capped.LowerBound < free.Cost-1e-9 {
		t.Errorf("cap %d: %d agents, cost %v, bound %v, uncapped %v", rules.MaxAgents, n, capped.Cost, capped.LowerBound, free.Cost)
	}
	rules.MaxAgents, rules.MaxStartTimes = 0, 3
	fewStarts, err := Solve(context.Background(), start, 30*time.Minute, req, rules, nil)
	if err != nil {
		t.Fatal(err)
	}
	clocks := map[string]bool{}
	for _, sh := range fewStarts.Shifts {
		clocks[sh.Start.Format("15:04")] = true
	}
	if len(clocks) > 3 || fewStarts.Cost < free.Cost-1e-9 || fewStarts.LowerBound != free.Cost {
		t.Errorf("start times %v, cost %v, bound %v, free %v", clocks, fewStarts.Cost, fewStarts.LowerBound, free.Cost)
	}
}

// totalAgents is the number of agents a schedule puts on shifts.
func totalAgents(s *Schedule) int {
	n := 0
	for _, sh := range s.Shifts {
		n += sh.Agents
	}
	return n
}
