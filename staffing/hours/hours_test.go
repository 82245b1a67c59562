package hours

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/staffcast/staffcast/staffing"
)

// randomWeek makes a seeded week of demand with the given step.
func randomWeek(rng *rand.Rand, step time.Duration) *Week {
	w := &Week{Step: step}
	n := w.Slots()
	for d := 0; d < 7; d++ {
		w.Orders[d] = make([]float64, n)
		w.Calls[d] = make([]float64, n)
		w.Chats[d] = make([]float64, n)
		for k := 0; k < n; k++ {
			w.Orders[d][k] = math.Round(rng.Float64() * 100)
			w.Calls[d][k] = math.Round(rng.Float64() * 60 * step.Hours())
			w.Chats[d][k] = math.Round(rng.Float64() * 10)
		}
	}
	return w
}

// bruteForce tries every combination of allowed windows (the second
// method) and returns the best objective value and its agent-hours.
func bruteForce(t *testing.T, w *Week, s Settings) (float64, float64, bool) {
	t.Helper()
	m, err := newModel(w, s)
	if err != nil {
		t.Fatal(err)
	}
	us, err := m.units()
	if err != nil {
		t.Fatal(err)
	}
	bestV, bestH, found := math.Inf(-1), 0.0, false
	idx := make([]int, len(us))
	for {
		wins := make([]window, len(us))
		for i, u := range us {
			wins[i] = u.opts[idx[i]]
		}
		p, err := m.plan(expand(us, wins))
		if err != nil {
			t.Fatal(err)
		}
		if s.Budget == 0 || p.AgentHours <= s.Budget+1e-9 {
			if !found || p.Value > bestV+tieTol(bestV) || math.Abs(p.Value-bestV) <= tieTol(bestV) && p.AgentHours < bestH {
				bestV, bestH, found = p.Value, p.AgentHours, true
			}
		}
		i := 0
		for ; i < len(idx); i++ {
			idx[i]++
			if idx[i] < len(us[i].opts) {
				break
			}
			idx[i] = 0
		}
		if i == len(idx) {
			return bestV, bestH, found
		}
	}
}

func TestRecommendMatchesBruteForce(t *testing.T) {
	t.Parallel()
	// Exhaustive enumeration is the independent check of the dynamic
	// programme: same optimum (to 1e-9) and, on ties, the same agent-hours.
	rng := rand.New(rand.NewPCG(1, 2))
	target := staffing.Target{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second}
	for trial := 0; trial < 8; trial++ {
		w := randomWeek(rng, 4*time.Hour) // 6 slots a day
		s := Settings{AHT: 4 * time.Minute, Target: target, MinOpen: 16 * time.Hour, MaxOpen: 20 * time.Hour, Budget: float64(40 + rng.IntN(80))}
		switch trial % 4 {
		case 1:
			s.ClosedOK = [7]bool{true, false, false, false, false, false, true}
		case 2:
			s.Displaced = 0.5
			s.ClosedOK[time.Saturday] = true
		case 3:
			s.Objective, s.Budget = Profit, 0
			s.ValuePerOrder, s.ValuePerContact, s.CostPerAgentHour = 3, 5, 40
			s.Displaced = 0.3
			s.ClosedOK = [7]bool{true, true, true, true, true, true, true}
		}
		wantV, wantH, ok := bruteForce(t, w, s)
		p, err := Recommend(w, s)
		if !ok {
			if !errors.Is(err, ErrInfeasible) {
				t.Errorf("trial %d: brute force finds nothing, Recommend says %v", trial, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		if math.Abs(p.Value-wantV) > tieTol(wantV) || math.Abs(p.AgentHours-wantH) > 1e-9 {
			t.Errorf("trial %d: DP value %v at %v agent-hours, brute force %v at %v", trial, p.Value, p.AgentHours, wantV, wantH)
		}
		if s.Budget > 0 && p.AgentHours > s.Budget {
			t.Errorf("trial %d: %v agent-hours over the budget %v", trial, p.AgentHours, s.Budget)
		}
	}
}

func TestRecommendBudgetMonotone(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(3, 4))
	w := randomWeek(rng, time.Hour)
	s := Settings{AHT: 4 * time.Minute, Target: staffing.Target{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second}, MinOpen: 6 * time.Hour, MaxOpen: 14 * time.Hour}
	prev := -1.0
	for b := 150.0; b <= 400; b += 25 {
		s.Budget = b
		p, err := Recommend(w, s)
		if err != nil {
			t.Fatalf("budget %v: %v", b, err)
		}
		if p.Orders < prev-1e-9 {
			t.Errorf("budget %v covers %v orders, fewer than %v with less budget", b, p.Orders, prev)
		}
		prev = p.Orders
	}
}

func TestRecommendByHand(t *testing.T) {
	t.Parallel()
	// One order stream, no calls: every open hour costs the one agent on
	// duty. With a budget of 7·3 agent-hours and windows of exactly 3
	// hours, each day must open at its 3 busiest consecutive hours:
	// orders peak 20–23 every day here, so 20:00–23:00 covers 3·100 of
	// 3·100 + 21·1 orders a day.
	w := &Week{Step: time.Hour}
	for d := 0; d < 7; d++ {
		w.Orders[d], w.Calls[d], w.Chats[d] = make([]float64, 24), make([]float64, 24), make([]float64, 24)
		for h := 0; h < 24; h++ {
			w.Orders[d][h] = 1
			if h >= 20 && h < 23 {
				w.Orders[d][h] = 100
			}
		}
	}
	s := Settings{AHT: 4 * time.Minute, Target: staffing.Target{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second}, MinOpen: 3 * time.Hour, MaxOpen: 3 * time.Hour, Budget: 21}
	p, err := Recommend(w, s)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range weekOrder {
		if day := p.Days[d]; day.Open != 20*time.Hour || day.Close != 23*time.Hour {
			t.Errorf("%v: %v–%v, want 20:00–23:00", d, day.Open, day.Close)
		}
	}
	if got, want := p.OrdersCovered(), 300.0/321; math.Abs(got-want) > 1e-12 || p.AgentHours != 21 || !p.Optimal {
		t.Errorf("covered %v (want %v), %v agent-hours", got, want, p.AgentHours)
	}
	// A budget below 7 days × 3 h: the error names the smallest that works.
	s.Budget = 20
	if _, err := Recommend(w, s); !errors.Is(err, ErrInfeasible) || !strings.Contains(err.Error(), "need 21 agent-hours") {
		t.Errorf("small budget: %v", err)
	}
}

func TestProfileDST(t *testing.T) {
	t.Parallel()
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Skip(err)
	}
	// Two Sundays, each with one order per real hour: the spring Sunday
	// (2025-03-30) has no 02:00, the autumn one (2025-10-26) has it twice.
	var start []time.Time
	var orders, calls []float64
	for _, day := range []time.Time{time.Date(2025, 3, 30, 0, 0, 0, 0, loc), time.Date(2025, 10, 26, 0, 0, 0, 0, loc)} {
		for t := day; t.Before(day.AddDate(0, 0, 1)); t = t.Add(time.Hour) {
			start = append(start, t)
			orders = append(orders, 1)
			calls = append(calls, math.NaN())
		}
	}
	w, err := Profile(start, time.Hour, orders, calls, nil, nil, Statistic{})
	if err != nil {
		t.Fatal(err)
	}
	// Slot 02: 0 orders on the spring Sunday, 2 on the autumn one: mean 1.
	// Every other slot: 1. The week total is the mean day: (23 + 25)/2 = 24.
	sum := 0.0
	for h, v := range w.Orders[time.Sunday] {
		sum += v
		want := 1.0
		if v != want {
			t.Errorf("Sunday %02d:00 = %v, want %v", h, v, want)
		}
	}
	if sum != 24 || w.Weeks != 2 || !w.CallsEstimated[time.Sunday][10] {
		t.Errorf("sum %v, weeks %d", sum, w.Weeks)
	}
}
