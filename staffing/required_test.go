package staffing

import (
	"errors"
	"math"
	"math/big"
	"strconv"
	"strings"
	"testing"
	"time"

	"gonum.org/v1/gonum/floats/scalar"
)

func TestEvaluateClassicExample(t *testing.T) {
	t.Parallel()
	// The classic Erlang C walkthrough (Westbay Engineers, "The Erlang-C
	// formula"): 360 calls per half hour, 240 s calls, 55 agents, 15 s.
	// Reference values worked by hand from the closed forms: a = 48,
	// occupancy 48/55 = 0.872727, P(wait) 0.2387009 (the factorial sum),
	// ASA = 0.2387·240/7 = 8.1840 s, SL = 1 − 0.2387·e^{−7·15/240} = 0.84588.
	// Tolerance: half a unit in the last digit written here.
	q := Queue{Volume: 360, Interval: 30 * time.Minute, AHT: 4 * time.Minute}
	r, err := Evaluate(q, 55, 15*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name      string
		got, want float64
		abs       float64
	}{
		{"offered load", r.OfferedLoad, 48, 1e-12},
		{"occupancy", r.Occupancy, 0.872727, 5e-7},
		{"P(wait)", r.PWait, 0.2387009, 5e-8},
		{"ASA", r.ASASeconds, 8.1840, 5e-5},
		{"service level", r.ServiceLevel, 0.84588, 5e-6},
	} {
		if math.Abs(c.got-c.want) > c.abs {
			t.Errorf("%s = %.7f, want %.6f", c.name, c.got, c.want)
		}
	}
}

func TestEvaluateMM1(t *testing.T) {
	t.Parallel()
	// M/M/1 closed forms (Gross & Harris §2.2): P(wait) = ρ,
	// ASA = ρ/(μ − λ), P(W > t) = ρ·e^{−(μ−λ)t}; rel 1e-12.
	for _, vol := range []float64{6, 30, 54} { // per hour, AHT 1 min: ρ = 0.1, 0.5, 0.9
		q := Queue{Volume: vol, Interval: time.Hour, AHT: time.Minute}
		r, _ := Evaluate(q, 1, 30*time.Second)
		mu, lambda := 1/60.0, vol/3600
		rho := lambda / mu
		want := []float64{rho, rho / (mu - lambda), 1 - rho*math.Exp(-(mu-lambda)*30), rho}
		got := []float64{r.PWait, r.ASASeconds, r.ServiceLevel, r.Occupancy}
		for i := range want {
			if !scalar.EqualWithinAbsOrRel(got[i], want[i], 0, 1e-12) {
				t.Errorf("ρ=%v: measure %d = %v, closed form %v", rho, i, got[i], want[i])
			}
		}
	}
}

func TestEvaluateUnstableAndEmpty(t *testing.T) {
	t.Parallel()
	q := Queue{Volume: 100, Interval: 30 * time.Minute, AHT: 3 * time.Minute} // 10 Erlangs
	for _, n := range []int{0, 5, 10} {
		r, err := Evaluate(q, n, 20*time.Second)
		if err != nil || r.ServiceLevel != 0 || r.PWait != 1 || !math.IsInf(r.ASASeconds, 1) {
			t.Errorf("n=%d (load >= agents): %+v, %v; want SL 0, P(wait) 1, ASA +Inf", n, r, err)
		}
	}
	r, err := Evaluate(Queue{Volume: 0, Interval: time.Hour, AHT: time.Minute}, 0, 0)
	if err != nil || r.ServiceLevel != 1 || r.PWait != 0 || r.ASASeconds != 0 {
		t.Errorf("no volume: %+v, %v", r, err)
	}
}

func TestRequiredPublishedExample(t *testing.T) {
	t.Parallel()
	// Call Centre Helper, "Erlang C formula – made simple": 100 calls in
	// 30 minutes, AHT 180 s, 80% in 20 s: 14 agents (13 give 79.6%),
	// and 30% shrinkage makes 14/(1 − 0.3) = 20 scheduled. Exact integers.
	q := Queue{Volume: 100, Interval: 30 * time.Minute, AHT: 180 * time.Second}
	req, err := Required(q, Target{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if req.Agents != 14 {
		t.Errorf("agents = %d, want 14", req.Agents)
	}
	if got := Scheduled(float64(req.Agents), 0.3); got != 20 {
		t.Errorf("scheduled = %d, want 20", got)
	}
	// The fractional requirement lies between 13 and 14, where SL crosses 0.8:
	// SL(13) = 0.79559, SL(14) = 0.88835 (closed form), so 13 + 0.0441/0.0928 = 13.0475.
	if math.Abs(req.Fractional-13.0475) > 5e-4 {
		t.Errorf("fractional = %v, want 13.0475", req.Fractional)
	}
}

func TestRequiredIsMinimal(t *testing.T) {
	t.Parallel()
	// Properties over a grid: the result meets every target, one agent
	// fewer misses one, and the service level rises with agents.
	targets := []Target{
		{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second},
		{ServiceLevel: 0.9, AnswerWithin: 10 * time.Second, MaxOccupancy: 0.85},
		{MaxASA: 15 * time.Second},
		{ServiceLevel: 0.7, AnswerWithin: 60 * time.Second, MaxAbandon: 0.03},
		{MaxOccupancy: 0.9},
	}
	for _, vol := range []float64{1, 7, 40, 100, 333, 2000} {
		for _, pat := range []time.Duration{0, 45 * time.Second, 3 * time.Minute} {
			q := Queue{Volume: vol, Interval: 30 * time.Minute, AHT: 4 * time.Minute, Patience: pat}
			for ti, tg := range targets {
				req, err := Required(q, tg)
				if err != nil {
					t.Fatalf("vol %v pat %v target %d: %v", vol, pat, ti, err)
				}
				if !tg.met(&req.Result) {
					t.Errorf("vol %v pat %v target %d: n=%d does not meet: %+v", vol, pat, ti, req.Agents, req.Result)
				}
				prev, _ := Evaluate(q, req.Agents-1, tg.AnswerWithin)
				if tg.met(&prev) {
					t.Errorf("vol %v pat %v target %d: n−1=%d meets too", vol, pat, ti, req.Agents-1)
				}
				if req.Fractional > float64(req.Agents) || req.Fractional <= float64(req.Agents-1) {
					t.Errorf("vol %v pat %v target %d: fractional %v outside (n−1, n], n=%d", vol, pat, ti, req.Fractional, req.Agents)
				}
				if req.Result.Occupancy > 1 {
					t.Errorf("occupancy %v > 1", req.Result.Occupancy)
				}
				sl := -1.0
				for n := max(0, req.Agents-5); n <= req.Agents+5; n++ {
					r, _ := Evaluate(q, n, 20*time.Second)
					if r.ServiceLevel < sl-1e-12 {
						t.Errorf("vol %v pat %v: SL fell from %v to %v at n=%d", vol, pat, sl, r.ServiceLevel, n)
					}
					sl = r.ServiceLevel
				}
			}
		}
	}
}

func TestRequiredUnreachable(t *testing.T) {
	t.Parallel()
	q := Queue{Volume: 100, Interval: 30 * time.Minute, AHT: 3 * time.Minute}
	req, err := Required(q, Target{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second, MaxAgents: 12})
	if !errors.Is(err, ErrUnreachable) || req.Agents != 12 {
		t.Errorf("cap 12: %+v, %v; want ErrUnreachable at 12", req, err)
	}
	q.Patience = time.Minute
	if _, err := Required(q, Target{ServiceLevel: 0.99, AnswerWithin: time.Second, MaxAgents: 5}); !errors.Is(err, ErrUnreachable) {
		t.Errorf("Erlang A cap 5: %v, want ErrUnreachable", err)
	}
	if req, err := Required(Queue{Volume: 0, Interval: time.Hour, AHT: time.Minute}, Target{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second}); err != nil || req.Agents != 0 {
		t.Errorf("no volume: %+v, %v; want 0 agents", req, err)
	}
}

// TestOccupancyBoundaries checks the occupancy ceiling on loads that land
// exactly on a whole number of agents, n·max with max in 0.50 … 0.99,
// against exact rational arithmetic: the requirement is the smallest n
// with a/n <= max, that is ceil(a/max), and at least floor(a)+1 for a
// stable queue. Loads a thousandth above the boundary need one more.
func TestOccupancyBoundaries(t *testing.T) {
	t.Parallel()
	wrong, cases := 0, 0
	for pct := 50; pct <= 99; pct++ {
		maxOcc := big.NewRat(int64(pct), 100)
		for n := int64(1); n <= 40; n++ {
			boundary := new(big.Rat).Mul(maxOcc, big.NewRat(n, 1))
			for _, load := range []*big.Rat{boundary, new(big.Rat).Add(boundary, big.NewRat(1, 1000))} {
				a, _ := strconv.ParseFloat(load.FloatString(6), 64)
				q, _ := strconv.ParseFloat(maxOcc.FloatString(2), 64)
				want := ratCeil(new(big.Rat).Quo(load, maxOcc))
				if stable := ratFloor(load) + 1; stable > want {
					want = stable
				}
				for _, queue := range []Queue{
					{Volume: a, Interval: time.Hour, AHT: time.Hour},
					// The same load as the CLI reaches it: 60·a calls in 30 minutes of 30 s.
					{Volume: 60 * a, Interval: 30 * time.Minute, AHT: 30 * time.Second},
				} {
					cases++
					req, err := Required(queue, Target{MaxOccupancy: q})
					if err != nil || int64(req.Agents) != want {
						wrong++
						if wrong <= 10 {
							t.Errorf("load %s (%v calls) at max occupancy %s: %d agents (%v), want %d",
								load.FloatString(3), queue.Volume, maxOcc.FloatString(2), req.Agents, err, want)
						}
					}
				}
			}
		}
	}
	if wrong > 0 {
		t.Errorf("%d of %d boundary cases wrong", wrong, cases)
	}
	// The cases from the report.
	for _, c := range []struct {
		a    float64
		want int
	}{{10.5, 15}, {4.9, 7}} {
		req, err := Required(Queue{Volume: c.a, Interval: time.Hour, AHT: time.Hour}, Target{MaxOccupancy: 0.7})
		if err != nil || req.Agents != c.want {
			t.Errorf("%v E at 0.7: %d agents (%v), want %d", c.a, req.Agents, err, c.want)
		}
	}
}

func ratFloor(r *big.Rat) int64 { return new(big.Int).Quo(r.Num(), r.Denom()).Int64() } // r >= 0
func ratCeil(r *big.Rat) int64 {
	f := ratFloor(r)
	if new(big.Rat).SetInt64(f).Cmp(r) == 0 {
		return f
	}
	return f + 1
}

// TestRequiredHugeLoads checks that loads no cap could carry are refused
// at once: a load of 1e19 E once overflowed int and searched forever, and
// Erlang A summed for hours. Loads between the cap and MaxLoad return the
// cap and ErrUnreachable.
func TestRequiredHugeLoads(t *testing.T) {
	t.Parallel()
	for _, v := range []float64{2e6, 1e7, 1e7 + 1, 1e19, 1e20, 1e300, math.MaxFloat64} {
		for _, patience := range []time.Duration{0, time.Minute} {
			q := Queue{Volume: v, Interval: time.Hour, AHT: time.Hour, Patience: patience}
			req, err := Required(q, Target{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second})
			if v <= MaxLoad {
				if !errors.Is(err, ErrUnreachable) || req.Agents != DefaultMaxAgents {
					t.Errorf("%v E, patience %v: %d agents, %v; want ErrUnreachable at %d", v, patience, req.Agents, err, DefaultMaxAgents)
				}
			} else if err == nil || !strings.Contains(err.Error(), "Queue.Volume") || errors.Is(err, ErrUnreachable) {
				t.Errorf("%v E, patience %v: %v; want a Queue.Volume validation error", v, patience, err)
			}
		}
	}
	if err := (Target{MaxAgents: DefaultMaxAgents + 1}).Validate(); err == nil {
		t.Errorf("MaxAgents beyond %d accepted", DefaultMaxAgents)
	}
}

func TestValidateMessages(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		err  error
		want []string
	}{
		{Queue{Volume: -1, Interval: time.Hour, AHT: 0}.Validate(), []string{"Queue.Volume = -1", "Queue.AHT = 0s"}},
		{Queue{Volume: math.NaN(), Interval: time.Hour, AHT: time.Minute}.Validate(), []string{"Queue.Volume = NaN"}},
		{Target{ServiceLevel: 80, AnswerWithin: 20 * time.Second}.Validate(), []string{"Target.ServiceLevel = 80", "did you mean 0.8?"}},
		{Target{MaxOccupancy: 1.5, MaxAbandon: -0.1}.Validate(), []string{"Target.MaxOccupancy = 1.5", "Target.MaxAbandon = -0.1"}},
		{Settings{Interval: time.Hour, Shrinkage: 30}.Validate(), []string{"Settings.Shrinkage = 30", "did you mean 0.3?"}},
		{Settings{Interval: time.Hour, Shrinkage: 1}.Validate(), []string{"Settings.Shrinkage = 1: want a fraction in [0,1)"}},
	} {
		if c.err == nil {
			t.Errorf("want an error mentioning %q", c.want)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(c.err.Error(), w) {
				t.Errorf("error %q does not mention %q", c.err, w)
			}
		}
	}
}

func TestParseTarget(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in     string
		level  float64
		within time.Duration
		bad    string
	}{
		{in: "80/20", level: 0.8, within: 20 * time.Second},
		{in: "90/30s", level: 0.9, within: 30 * time.Second},
		{in: "95%/1m", level: 0.95, within: time.Minute},
		{in: "80/0", level: 0.8, within: 0},
		{in: "8020", bad: "want PERCENT/SECONDS"},
		{in: "80", bad: "want PERCENT/SECONDS"},
		{in: "0.8/20", bad: "did you mean 80/20?"},
		{in: "120/20", bad: "percentage in (0,100)"},
		{in: "80/soon", bad: "threshold"},
		{in: "80/1e9", bad: "want a threshold from 0 to 24h0m0s"},
		{in: "80/NaN", bad: "want a threshold from 0 to 24h0m0s"},
		{in: "80/-Inf", bad: "want a threshold from 0 to 24h0m0s"},
		{in: "80/25h", bad: "want a threshold from 0 to 24h0m0s"},
	} {
		got, err := ParseTarget(c.in)
		if c.bad != "" {
			if err == nil || !strings.Contains(err.Error(), c.bad) {
				t.Errorf("ParseTarget(%q) error %v, want one containing %q", c.in, err, c.bad)
			}
			continue
		}
		// Only the two fields of the notation are set: the ceilings stay zero (none).
		if want := (Target{ServiceLevel: c.level, AnswerWithin: c.within}); err != nil || got != want {
			t.Errorf("ParseTarget(%q) = %+v, %v; want %+v", c.in, got, err, want)
		}
	}
}

func TestScheduled(t *testing.T) {
	t.Parallel()
	// ceil(n/(1−s)) by hand.
	for _, c := range []struct {
		n, s float64
		want int
	}{{8, 0.2, 10}, {10, 0.2, 13}, {14, 0.3, 20}, {7, 0.3, 10}, {0, 0.5, 0}, {1, 0, 1}, {3, 0.7, 10}} {
		if got := Scheduled(c.n, c.s); got != c.want {
			t.Errorf("Scheduled(%v, %v) = %d, want %d", c.n, c.s, got, c.want)
		}
	}
}

func FuzzRequired(f *testing.F) {
	f.Add(100.0, 180.0, 0.0, 0.8, 20.0, 0.0, 0.0, 0.0)
	f.Add(3000.0, 240.0, 60.0, 0.9, 15.0, 30.0, 0.9, 0.05)
	f.Add(0.5, 30.0, 5.0, 0.5, 0.0, 0.0, 0.0, 0.0)
	f.Fuzz(func(t *testing.T, vol, ahtSec, patSec, sl, within, asa, occ, ab float64) {
		q := Queue{Volume: vol, Interval: 30 * time.Minute, AHT: time.Duration(ahtSec * float64(time.Second)), Patience: time.Duration(patSec * float64(time.Second))}
		tg := Target{ServiceLevel: sl, AnswerWithin: time.Duration(within * float64(time.Second)), MaxASA: time.Duration(asa * float64(time.Second)), MaxOccupancy: occ, MaxAbandon: ab, MaxAgents: 20000}
		if q.Load() > 5000 {
			t.Skip("keep each fuzz case fast")
		}
		req, err := Required(q, tg)
		if err != nil {
			if errors.Is(err, ErrUnreachable) || q.Validate() != nil || tg.Validate() != nil {
				return // documented outcomes
			}
			t.Fatalf("undocumented error %v for %+v %+v", err, q, tg)
		}
		if q.Volume > 0 && !tg.met(&req.Result) {
			t.Fatalf("%+v %+v: result %+v misses the target", q, tg, req)
		}
		if math.IsNaN(req.Fractional) || math.IsNaN(req.Result.ServiceLevel) {
			t.Fatalf("NaN in %+v", req)
		}
	})
}

// scheduled, the shortcut for whole agents, must give what Scheduled
// gives, with shrinkage and without, up to the largest staffing.
func TestScheduledWholeAgents(t *testing.T) {
	for _, n := range []int{-1, 0, 1, 2, 7, 100, 1 << 20, DefaultMaxAgents, 1 << 40} {
		for _, s := range []float64{0, 0.2, 0.3, 0.5} {
			if got, want := scheduled(n, s), Scheduled(float64(n), s); got != want {
				t.Errorf("scheduled(%d, %v) = %d, Scheduled = %d", n, s, got, want)
			}
		}
	}
}

// BenchmarkRequiredFractionalYear is the Erlang C search alone on the
// loads of BenchmarkPlannerPhoneYear's fractional year (0 to 24 E, 80/20,
// AHT 3 minutes), one call a row as a plan makes when nothing repeats:
// the part of `staff` that scripts/testdata/erlangmin's required does.
func BenchmarkRequiredFractionalYear(b *testing.B) {
	vols := make([]float64, 365*96)
	for i := range vols {
		h := float64(i%96) / 4
		v := float64(int(h) % 5)
		if h >= 7 && h < 22 {
			v = math.Floor(60 + 60*math.Sin((h-7)/15*3.14159))
		}
		vols[i] = v + float64(i*7919%len(vols))/float64(len(vols))
	}
	tg := Target{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second}
	var req Requirement
	for b.Loop() {
		for _, v := range vols {
			if err := required(Queue{Volume: v, Interval: 15 * time.Minute, AHT: 3 * time.Minute}, &tg, &req); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(vols))*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}
