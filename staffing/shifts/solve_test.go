package shifts

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/staffcast/staffcast/internal/panicerr"
)

func TestGranularity(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		costs   []float64
		penalty float64
		want    float64
	}{
		{[]float64{4, 5.5, 7.5}, 0, 0.5},
		{[]float64{4, 5.75}, 0, 0.25},
		{[]float64{4 * 1.1, 6}, 0, 0.4}, // 4.4000000000000004 counts as 4.4
		{[]float64{4, 6}, 3, 1},
		{[]float64{4, 6}, 0.1, 0.1},
		{[]float64{1.0 / 3, 1}, 0, 0}, // no unit to a millionth
		{[]float64{4}, math.Pi, 0},
	} {
		var cands []candidate
		for _, v := range c.costs {
			cands = append(cands, candidate{cost: v})
		}
		if g := granularity(cands, c.penalty); math.Abs(g-c.want) > 1e-12 {
			t.Errorf("granularity(%v, %v) = %v, want %v", c.costs, c.penalty, g, c.want)
		}
	}
	for _, c := range []struct{ lb, g, want float64 }{
		{177.73, 0.5, 178},
		{177.5, 0.5, 177.5},
		{177.5000000001, 0.5, 177.5}, // rounding error, not a better bound
		{177.25, 0, 177.25},
		{math.Inf(-1), 0.5, math.Inf(-1)},
	} {
		if got := roundUp(c.lb, c.g); got != c.want {
			t.Errorf("roundUp(%v, %v) = %v, want %v", c.lb, c.g, got, c.want)
		}
	}
}

func TestPieces(t *testing.T) {
	t.Parallel()
	// Two days of hourly intervals, 08–20 open, shifts of 4 h ending by
	// 22:00: each day is a piece; the night has nothing required.
	t0 := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	start := hoursFrom(t0, 48)
	req := make([]float64, 48)
	for d := 0; d < 2; d++ {
		for h := 8; h < 20; h++ {
			req[24*d+h] = 2
		}
	}
	rules := Rules{StartEvery: time.Hour, Lengths: []time.Duration{4 * time.Hour}, EarliestStart: 6 * time.Hour, LatestEnd: 22 * time.Hour}
	ireq, cands, err := prepare(start, time.Hour, req, rules)
	if err != nil {
		t.Fatal(err)
	}
	pcs := pieces(ireq, cands)
	if len(pcs) != 2 || pcs[0].from != 6 || pcs[0].to != 22 || pcs[1].from != 30 || pcs[1].to != 46 {
		t.Fatalf("pieces %+v", pcs)
	}
	for _, pc := range pcs {
		for _, j := range pc.cands {
			if c := cands[j]; c.start < pc.from || c.start+c.k > pc.to {
				t.Errorf("candidate %+v outside its piece %d–%d", c, pc.from, pc.to)
			}
		}
	}
	// Shifts up to 02:00 the next day move the cut from 22:00 to 02:00.
	rules.LatestEnd = 26 * time.Hour
	if _, cands, err = prepare(start, time.Hour, req, rules); err != nil {
		t.Fatal(err)
	}
	if pcs := pieces(ireq, cands); len(pcs) != 2 || pcs[0].to != 26 || pcs[1].from != 30 {
		t.Errorf("with shifts past midnight: pieces %+v", pcs)
	}
}

// A horizon solved in pieces has the bound its days have alone, and a
// cost close to theirs (the LPs are warm-started from the first day, so
// the heuristic may take another path), whatever the number of workers.
func TestPiecesAddUp(t *testing.T) {
	t.Parallel()
	start, req := weeksRequirement(30*time.Minute, 1)
	day := 48
	start, req = start[:3*day], req[:3*day]
	rules := Rules{StartEvery: 30 * time.Minute, Lengths: []time.Duration{4 * time.Hour, 6 * time.Hour, 8 * time.Hour},
		Break: 30 * time.Minute, BreakFrom: 6 * time.Hour}
	all, err := Solve(context.Background(), start, 30*time.Minute, req, rules, &Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	checkCover(t, start, req, all, false)
	one, err := Solve(context.Background(), start, 30*time.Minute, req, rules, &Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(all.Shifts, one.Shifts) || all.LowerBound != one.LowerBound {
		t.Errorf("2 workers: %v h, bound %v; 1 worker: %v h, bound %v", all.Cost, all.LowerBound, one.Cost, one.LowerBound)
	}
	cost, bound := 0.0, 0.0
	for d := 0; d < 3; d++ {
		s, err := Solve(context.Background(), start[d*day:(d+1)*day], 30*time.Minute, req[d*day:(d+1)*day], rules, nil)
		if err != nil {
			t.Fatal(err)
		}
		cost += s.Cost
		bound += s.LowerBound
	}
	if math.Abs(cost-all.Cost) > 0.005*cost || math.Abs(bound-all.LowerBound) > 1e-9 {
		t.Errorf("three days together: cost %v, bound %v; one by one: %v, %v", all.Cost, all.LowerBound, cost, bound)
	}
}

func TestSolveCancelled(t *testing.T) {
	t.Parallel()
	start, req, rules := breaksWeek(15*time.Minute, true) // cyclic: one piece, the longest solve
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	opt := &Options{Progress: func(Progress) {
		if calls++; calls == 1 {
			cancel() // as Ctrl-C would, once the solve is under way
		}
	}}
	s, err := Solve(ctx, start, 15*time.Minute, req, rules, opt)
	if !errors.Is(err, context.Canceled) || s != nil {
		t.Errorf("cancelled: %v, %v", s, err)
	}
	cancel()
	if _, err := Solve(ctx, start[:96], 15*time.Minute, req[:96], Rules{StartEvery: time.Hour, Lengths: []time.Duration{4 * time.Hour}}, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("the flow on a done context: %v", err)
	}
}

// Among schedules of least cost the flow picks one with the fewest agent
// hours where nothing is required (before opening, after closing),
// checked against enumeration.
func TestTiesAvoidIdleHours(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(21, 22))
	t0 := time.Date(2026, 1, 5, 6, 0, 0, 0, time.UTC)
	rules := Rules{StartEvery: time.Hour, Lengths: []time.Duration{2 * time.Hour, 3 * time.Hour}}
	for trial := 0; trial < 20; trial++ {
		n := 8
		start := hoursFrom(t0, n)
		req := make([]float64, n)
		ireq := make([]int, n)
		for i := 1 + rng.IntN(2); i < n-1-rng.IntN(2); i++ { // closed at the ends
			ireq[i] = 1 + rng.IntN(2)
			req[i] = float64(ireq[i])
		}
		s, err := Solve(context.Background(), start, time.Hour, req, rules, nil)
		if err != nil {
			t.Fatal(err)
		}
		idle := func(cov []int) int {
			a := 0
			for i, v := range cov {
				if ireq[i] == 0 {
					a += v
				}
			}
			return a
		}
		cols, cost := explicitColumns(n, candidates(start, time.Hour, rules))
		bestCost, bestIdle := math.Inf(1), 0
		x := make([]int, len(cols))
		for {
			cov := make([]int, n)
			c := 0.0
			for j, v := range x {
				c += float64(v) * cost[j]
				for _, i := range cols[j] {
					cov[i] += v
				}
			}
			ok := true
			for i := range cov {
				ok = ok && cov[i] >= ireq[i]
			}
			if ok && (c < bestCost-1e-9 || math.Abs(c-bestCost) <= 1e-9 && idle(cov) < bestIdle) {
				bestCost, bestIdle = c, idle(cov)
			}
			i := 0
			for ; i < len(x); i++ {
				if x[i]++; x[i] <= 2 {
					break
				}
				x[i] = 0
			}
			if i == len(x) {
				break
			}
		}
		if math.Abs(s.Cost-bestCost) > 1e-9 || idle(s.Scheduled) != bestIdle {
			t.Errorf("trial %d req %v: cost %v with %d idle agent-hours; enumeration: %v with %d", trial, ireq, s.Cost, idle(s.Scheduled), bestCost, bestIdle)
		}
	}
}

// Two short days apart (08–16, shifts ending by 16:00) solved as pieces:
// the days' brute-force optima add up to the two-day optimum, which the
// bound (rounded per day) must not exceed and the schedule not beat.
func TestPiecesAgainstBruteForce(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(31, 32))
	rules := Rules{StartEvery: time.Hour, Lengths: []time.Duration{3 * time.Hour, 6 * time.Hour}, CostPerHour: []float64{1, 1.1},
		Break: time.Hour, BreakFrom: 3 * time.Hour, EarliestStart: 8 * time.Hour, LatestEnd: 16 * time.Hour}
	t0 := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	start := hoursFrom(t0, 48)
	for trial := 0; trial < 6; trial++ {
		req := make([]float64, 48)
		opt := 0.0
		for d := 0; d < 2; d++ {
			day, iday := randomRequirement(rng, 8)
			copy(req[24*d+8:], day)
			dayStart := start[24*d+8 : 24*d+16]
			cols, cost := explicitColumns(8, candidates(dayStart, time.Hour, rules))
			opt += bruteForceCols(iday, cols, cost, 2)
		}
		s, err := Solve(context.Background(), start, time.Hour, req, rules, nil)
		if err != nil {
			t.Fatal(err)
		}
		checkCover(t, start, req, s, false)
		if s.LowerBound > opt+1e-9 || s.Cost < opt-1e-9 || s.Cost > opt*1.1+1e-9 {
			t.Errorf("trial %d: cost %v, bound %v; optimum %v", trial, s.Cost, s.LowerBound, opt)
		}
	}
}

// A panic on a worker goroutine of a solve in pieces (here in Progress,
// once the first piece is done) comes back from Solve as an internal
// error with its stack, not a crash, with 1 and 2 workers.
func TestPanicInPieceIsError(t *testing.T) {
	t.Parallel()
	start, req := weeksRequirement(30*time.Minute, 1)
	day := 48
	start, req = start[:3*day], req[:3*day]
	rules := Rules{StartEvery: 30 * time.Minute, Lengths: []time.Duration{4 * time.Hour, 6 * time.Hour, 8 * time.Hour},
		Break: 30 * time.Minute, BreakFrom: 6 * time.Hour}
	for _, workers := range []int{1, 2} {
		opt := &Options{Workers: workers, Progress: func(p Progress) {
			if p.Done > 0 {
				panic("progress broke")
			}
		}}
		s, err := Solve(context.Background(), start, 30*time.Minute, req, rules, opt)
		var pe *panicerr.Error
		if s != nil || !errors.As(err, &pe) || !strings.HasSuffix(err.Error(), "internal error: panic: progress broke") || !strings.Contains(string(pe.Stack), "TestPanicInPieceIsError") {
			t.Errorf("%d workers: schedule %v, error %v", workers, s != nil, err)
		}
	}
}
