package staffing

import (
	"container/heap"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"gonum.org/v1/gonum/floats/scalar"
	"gonum.org/v1/gonum/mathext"
)

// simulate runs a FIFO M/M/n+M queue for customers arrivals (after a
// warm-up) and returns, with batch-means standard errors, the shares
// answered within t (over all offered, and excluding those who abandon
// before t), abandoning, waiting, and the mean wait of answered contacts.
//
// Under FIFO a contact's wait is fixed when it arrives: it is the time
// until the earliest agent frees up after serving everyone ahead who did
// not hang up. So each arrival looks at the earliest free agent, abandons
// if its patience is shorter than that wait, and otherwise books the agent.
func simulate(seed uint64, q Queue, n int, t time.Duration, customers int) (mean, se simResult) {
	rng := rand.New(rand.NewPCG(seed, 0))
	lambda := q.Volume / q.Interval.Seconds()
	aht, pat, thr := q.AHT.Seconds(), q.Patience.Seconds(), t.Seconds()
	free := make(agentHeap, n)
	const warm, batches = 20000, 40
	per := customers / batches
	var now float64
	var bs []simResult
	var acc simResult
	var count, answered int
	var waitSum, early float64
	for i := 0; i < warm+per*batches; i++ {
		now += rng.ExpFloat64() / lambda
		f := free[0]
		wait := max(0, f-now)
		patience := rng.ExpFloat64() * pat
		if i < warm {
			if wait <= patience {
				free[0] = now + wait + rng.ExpFloat64()*aht
				heap.Fix(&free, 0)
			}
			continue
		}
		count++
		if wait > 0 {
			acc.pWait++
		}
		if wait <= patience {
			answered++
			waitSum += wait
			if wait <= thr {
				acc.sl++
			}
			free[0] = now + wait + rng.ExpFloat64()*aht
			heap.Fix(&free, 0)
		} else {
			acc.pAb++
			if patience < thr {
				early++
			}
		}
		if count == per {
			r := simResult{sl: acc.sl / float64(count), pAb: acc.pAb / float64(count), pWait: acc.pWait / float64(count),
				slExcl: acc.sl / (float64(count) - early), asa: waitSum / float64(answered)}
			bs = append(bs, r)
			acc, count, answered, waitSum, early = simResult{}, 0, 0, 0, 0
		}
	}
	for _, b := range bs {
		mean.add(b, 1/float64(len(bs)))
	}
	for _, b := range bs {
		d := b
		d.add(mean, -1)
		se.add(simResult{d.sl * d.sl, d.slExcl * d.slExcl, d.pAb * d.pAb, d.pWait * d.pWait, d.asa * d.asa}, 1/float64(len(bs)*(len(bs)-1)))
	}
	se = simResult{math.Sqrt(se.sl), math.Sqrt(se.slExcl), math.Sqrt(se.pAb), math.Sqrt(se.pWait), math.Sqrt(se.asa)}
	return mean, se
}

type simResult struct{ sl, slExcl, pAb, pWait, asa float64 }

func (r *simResult) add(o simResult, w float64) {
	r.sl += w * o.sl
	r.slExcl += w * o.slExcl
	r.pAb += w * o.pAb
	r.pWait += w * o.pWait
	r.asa += w * o.asa
}

type agentHeap []float64

func (h agentHeap) Len() int           { return len(h) }
func (h agentHeap) Less(i, j int) bool { return h[i] < h[j] }
func (h agentHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *agentHeap) Push(x any)        { *h = append(*h, x.(float64)) }
func (h *agentHeap) Pop() any          { old := *h; x := old[len(old)-1]; *h = old[:len(old)-1]; return x }

func TestErlangAAgainstSimulation(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("simulation")
	}
	// A seeded discrete-event simulation is the independent source for the
	// model as a whole (including the service level, which has no other
	// check). Tolerance: 4.5 batch-means standard errors (40 batches), so a
	// correct formula fails with probability well under 1e-4 per measure.
	const within = 20 * time.Second
	cases := []struct {
		q Queue
		n int
	}{
		{Queue{Volume: 100, Interval: 30 * time.Minute, AHT: 3 * time.Minute, Patience: 2 * time.Minute}, 10},
		{Queue{Volume: 100, Interval: 30 * time.Minute, AHT: 3 * time.Minute, Patience: time.Minute}, 12},
		{Queue{Volume: 200, Interval: 30 * time.Minute, AHT: 3 * time.Minute, Patience: 30 * time.Second}, 15}, // overloaded: a = 20
		{Queue{Volume: 50, Interval: time.Hour, AHT: time.Minute, Patience: 3 * time.Minute}, 1},               // M/M/1+M
	}
	for i, c := range cases {
		for _, base := range []SLBase{AllOffered, ExcludeEarlyAbandon} {
			got, err := EvaluateBase(c.q, c.n, within, base)
			if err != nil {
				t.Fatal(err)
			}
			sim, se := simulate(uint64(i+1), c.q, c.n, within, 400000)
			wantSL, seSL := sim.sl, se.sl
			if base == ExcludeEarlyAbandon {
				wantSL, seSL = sim.slExcl, se.slExcl
			}
			check := func(name string, got, want, se float64) {
				if math.Abs(got-want) > 4.5*se+1e-9 {
					t.Errorf("case %d %v: %s = %.4f, simulation %.4f ± %.4f", i, base, name, got, want, se)
				}
			}
			check("service level", got.ServiceLevel, wantSL, seSL)
			check("P(abandon)", got.PAbandon, sim.pAb, se.pAb)
			check("P(wait)", got.PWait, sim.pWait, se.pWait)
			check("ASA", got.ASASeconds, sim.asa, se.asa)
		}
	}
}

// birthDeath returns the stationary law of M/M/n+M by the plain
// birth–death balance equations (a second method, no Erlang B, no
// logarithms), truncated at kmax.
func birthDeath(lambda, mu, theta float64, n, kmax int) []float64 {
	p := make([]float64, kmax+1)
	p[0] = 1
	sum := 1.0
	for k := 1; k <= kmax; k++ {
		death := float64(min(k, n))*mu + float64(max(k-n, 0))*theta
		p[k] = p[k-1] * lambda / death
		sum += p[k]
	}
	for k := range p {
		p[k] /= sum
	}
	return p
}

func TestErlangAAgainstBirthDeath(t *testing.T) {
	t.Parallel()
	// P(wait) = Σ_{k>=n} π_k (PASTA) and Little's law for the queue,
	// P(abandon) = θ·E[queue]/λ, from the balance equations. Both sides are
	// exact; tol rel 1e-9 covers the truncation at k = n + 2000.
	for _, c := range []struct {
		vol      float64
		n        int
		patience time.Duration
	}{{100, 10, 2 * time.Minute}, {100, 14, 30 * time.Second}, {300, 20, time.Minute}, {30, 3, 10 * time.Minute}} {
		q := Queue{Volume: c.vol, Interval: 30 * time.Minute, AHT: 3 * time.Minute, Patience: c.patience}
		m := newModel(q)
		p := birthDeath(m.lambda, m.mu, m.theta, c.n, c.n+2000)
		var pw, eq float64
		for k := c.n; k < len(p); k++ {
			pw += p[k]
			eq += float64(k-c.n) * p[k]
		}
		got, _ := Evaluate(q, c.n, 20*time.Second)
		if !scalar.EqualWithinAbsOrRel(got.PWait, pw, 0, 1e-9) {
			t.Errorf("%+v n=%d: P(wait) = %.12f, balance equations %.12f", q, c.n, got.PWait, pw)
		}
		if want := m.theta * eq / m.lambda; !scalar.EqualWithinAbsOrRel(got.PAbandon, want, 0, 1e-9) {
			t.Errorf("%+v n=%d: P(abandon) = %.12f, θ·E[Q]/λ = %.12f", q, c.n, got.PAbandon, want)
		}
	}
}

func TestErlangABetaRecursionMatchesRegIncBeta(t *testing.T) {
	t.Parallel()
	// The service level sums answered-in-time probabilities built by the
	// incomplete-Beta recursion; recompute one with gonum's RegIncBeta
	// (continued fractions, a second method), rel 1e-9.
	q := Queue{Volume: 100, Interval: 30 * time.Minute, AHT: 3 * time.Minute, Patience: 2 * time.Minute}
	n, T := 9, 20*time.Second
	m := newModel(q)
	p := birthDeath(m.lambda, m.mu, m.theta, n, n+3000)
	nmu, th := float64(n)*m.mu, m.theta
	x := math.Exp(-th * T.Seconds())
	want := 0.0
	for k := range p {
		if k < n {
			want += p[k]
			continue
		}
		j := float64(k - n)
		want += p[k] * nmu / (nmu + (j+1)*th) * (1 - mathext.RegIncBeta(nmu/th+1, j+1, x))
	}
	got, _ := Evaluate(q, n, T)
	if !scalar.EqualWithinAbsOrRel(got.ServiceLevel, want, 0, 1e-9) {
		t.Errorf("service level %.12f, RegIncBeta sum %.12f", got.ServiceLevel, want)
	}
}

func TestErlangATendsToErlangC(t *testing.T) {
	t.Parallel()
	// As patience grows Erlang A becomes Erlang C: with a mean patience of
	// 10⁶ hours abandonment is below 1e-6 and the measures agree to 1e-4.
	base := Queue{Volume: 100, Interval: 30 * time.Minute, AHT: 3 * time.Minute}
	for _, n := range []int{11, 12, 14, 18} {
		c, _ := Evaluate(base, n, 20*time.Second)
		q := base
		q.Patience = 1e6 * time.Hour
		a, _ := Evaluate(q, n, 20*time.Second)
		if math.Abs(a.ServiceLevel-c.ServiceLevel) > 1e-4 || math.Abs(a.PWait-c.PWait) > 1e-4 ||
			!scalar.EqualWithinAbsOrRel(a.ASASeconds, c.ASASeconds, 1e-3, 1e-4) || a.PAbandon > 1e-6 {
			t.Errorf("n=%d: Erlang A %+v, Erlang C %+v", n, a, c)
		}
	}
	// And the gap closes monotonically as patience grows.
	prev := math.Inf(1)
	for _, pat := range []time.Duration{time.Minute, 10 * time.Minute, time.Hour, 10 * time.Hour, 100 * time.Hour} {
		q := base
		q.Patience = pat
		a, _ := Evaluate(q, 12, 20*time.Second)
		c, _ := Evaluate(base, 12, 20*time.Second)
		gap := math.Abs(a.ServiceLevel - c.ServiceLevel)
		if gap > prev {
			t.Errorf("patience %v: |SL_A − SL_C| = %v grew from %v", pat, gap, prev)
		}
		prev = gap
	}
}

func TestErlangAOverloadAndLargeLoads(t *testing.T) {
	t.Parallel()
	// Abandonment keeps an overloaded queue stable: with n·μ far below λ
	// nearly every contact waits and the answered share tends to nμ/λ
	// (fluid limit, Whitt 2004): here 0.5, tol 0.01.
	q := Queue{Volume: 20000, Interval: 30 * time.Minute, AHT: 3 * time.Minute, Patience: time.Minute} // a = 2000
	r, err := Evaluate(q, 1000, 20*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs((1-r.PAbandon)-0.5) > 0.01 || r.PWait < 0.999 || math.IsNaN(r.ServiceLevel) {
		t.Errorf("overloaded: %+v, want answered share ≈ 0.5", r)
	}
	// 10,000 Erlangs: values finite and in range for n around the load.
	q = Queue{Volume: 100000, Interval: 30 * time.Minute, AHT: 3 * time.Minute, Patience: 2 * time.Minute}
	prev := -1.0
	for n := 9000; n <= 11000; n += 250 {
		r, _ := Evaluate(q, n, 20*time.Second)
		for _, v := range []float64{r.ServiceLevel, r.PWait, r.PAbandon, r.Occupancy} {
			if math.IsNaN(v) || v < 0 || v > 1 {
				t.Fatalf("n=%d: %+v", n, r)
			}
		}
		if r.ServiceLevel < prev {
			t.Fatalf("n=%d: service level %v fell from %v", n, r.ServiceLevel, prev)
		}
		prev = r.ServiceLevel
	}
}
