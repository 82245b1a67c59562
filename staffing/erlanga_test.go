package staffing

import (
	"container/heap"
	"fmt"
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

// erlangAExact evaluates the M/M/n+M (Erlang A) queue: Poisson arrivals at
// rate λ, exponential service at rate μ per agent, and exponential
// patience at rate θ = 1/Patience for every waiting contact (Palm 1943;
// Garnett, Mandelbaum & Reiman 2002, "Designing a call center with
// impatient customers", MSOM 4(3):208–227).
//
// The state is the number k of contacts in the system. Its stationary law
// (which arrivals see, by PASTA) is, relative to the state n:
//
//	π(n+j)/π(n) = r_j = Π_{i=1..j} λ/(nμ + iθ),  j ≥ 0
//	Σ_{k<n} π(k)/π(n) = (1 − B)/B,  B = B(a, n) Erlang B
//
// so an arrival finds j contacts waiting ahead with probability
// r_j / ((1−B)/B + Σ r). A contact with j ahead moves up one place at
// rate nμ + (i−1)θ at place i (a service completion or an abandonment
// ahead) and leaves by its own patience at rate θ; the step times are
// therefore Exp(nμ + iθ), i = 1..j+1, whatever the route, and it is
// answered with probability Π (nμ+(i−1)θ)/(nμ+iθ) = nμ/(nμ + (j+1)θ).
// The time to answer H = Σ Exp(nμ + iθ) has the law of −ln(U)/θ with
// U ~ Beta(nμ/θ + 1, j + 1) (its Laplace transform is a ratio of Beta
// functions), so
//
//	P(answered within T | j) = nμ/(nμ+(j+1)θ) · (1 − I_x(nμ/θ + 1, j + 1)),  x = e^{−θT}
//
// with I the regularised incomplete Beta function, computed for all j at
// once by I_x(α, b+1) = I_x(α, b) + x^α(1−x)^b Γ(α+b)/(Γ(α)Γ(b+1))
// (Abramowitz & Stegun 26.5.16) in logarithms. Likewise the offered wait
// (the time to answer of an infinitely patient contact) exceeds T with
// probability I_x(nμ/θ, j + 1), which gives the contacts abandoning before T.
//
// The sums over j stop once the remaining terms are below 1e-17 of the
// largest; all products are kept as logarithms, so large loads and
// overloaded queues (λ > nμ, stable thanks to abandonment) neither
// overflow nor lose the distribution's mass.
//
// It was the package's method until the closed forms of erlangA replaced
// it; it is kept here as their test oracle.
func (m model) erlangAExact(n int, b float64, t float64, base SLBase) Result {
	r := Result{Agents: n, OfferedLoad: m.a}
	if m.a == 0 {
		r.ServiceLevel = 1
		return r
	}
	if n == 0 {
		r.PWait, r.PAbandon, r.ASASeconds = 1, 1, math.Inf(1)
		return r
	}
	if b == 0 {
		// B underflowed: so many agents that nobody waits.
		r.ServiceLevel = 1
		r.Occupancy = min(m.a/float64(n), 1)
		return r
	}
	nmu := float64(n) * m.mu
	th := m.theta
	logLambda := math.Log(m.lambda)

	// First pass: J, the number of states that matter, and log Σ r_j.
	mx, sum := 0.0, 1.0 // running log-sum-exp of l_j = log r_j, starting with l_0 = 0
	l := 0.0
	j := 0
	const maxStates = 50_000_000
	for ; j < maxStates; j++ {
		rate := nmu + float64(j+1)*th
		if rate > m.lambda {
			q := m.lambda / rate
			if l+math.Log(q/(1-q)) < mx-40 {
				break
			}
		}
		l += logLambda - math.Log(rate)
		if l > mx {
			sum = sum*math.Exp(mx-l) + 1
			mx = l
		} else {
			sum += math.Exp(l - mx)
		}
	}
	states := j + 1 // j = 0..states-1
	logR := mx + math.Log(sum)
	logD := logAddExp(math.Log((1-b)/b), logR)

	// Second pass: accumulate the measures state by state.
	c := nmu / th
	logX := -th * t // log x, x = e^{−θT}
	x := math.Exp(logX)
	log1mx := math.Log(-math.Expm1(logX)) // not Log1p(-x), which loses 1 − x when θT is tiny
	// Incomplete Beta terms for α = c+1 (answered in time) and α = c
	// (offered wait beyond T), b = 1 first: I_x(α, 1) = x^α.
	iAns := math.Exp((c + 1) * logX)
	ltAns := (c+1)*logX + log1mx + math.Log(c+1)
	iOff := math.Exp(c * logX)
	ltOff := c*logX + log1mx + math.Log(c)

	var pWait, pAb, answeredInT, waitAnswered, abBeforeT float64
	h := 0.0 // mean time to answer given answered: Σ_{i=1..j+1} 1/(nμ+iθ)
	l = 0
	for j := 0; j < states; j++ {
		if j > 0 {
			l += logLambda - math.Log(nmu+float64(j)*th)
		}
		p := math.Exp(l - logD) // P(arrival finds j waiting ahead)
		rate := nmu + float64(j+1)*th
		served := nmu / rate
		h += 1 / rate
		pWait += p
		pAb += p * (1 - served)
		inT := served * (1 - iAns)
		answeredInT += p * inT
		waitAnswered += p * served * h
		if base == ExcludeEarlyAbandon {
			abBeforeT += p * (1 - inT - x*iOff)
		}
		// Step b = j+1 → j+2 of both incomplete Beta recursions.
		bb := float64(j + 1)
		iAns += math.Exp(ltAns)
		ltAns += log1mx + math.Log((c+1+bb)/(bb+1))
		if base == ExcludeEarlyAbandon {
			iOff += math.Exp(ltOff)
			ltOff += log1mx + math.Log((c+bb)/(bb+1))
		}
	}
	pWait = min(pWait, 1)
	noWait := 1 - pWait
	r.PWait = pWait
	r.PAbandon = clamp01(pAb)
	r.ServiceLevel = clamp01(noWait + answeredInT)
	if base == ExcludeEarlyAbandon {
		if den := 1 - abBeforeT; den > 0 {
			r.ServiceLevel = clamp01((noWait + answeredInT) / den)
		}
	}
	if answered := 1 - r.PAbandon; answered > 0 {
		r.ASASeconds = waitAnswered / answered
	} else {
		r.ASASeconds = math.Inf(1)
	}
	r.Occupancy = clamp01(m.a * (1 - r.PAbandon) / float64(n))
	return r
}

func TestErlangAClosedFormMatchesSummation(t *testing.T) {
	t.Parallel()
	// The closed forms of erlangA against erlangAExact, the sum over
	// queue lengths (an independent evaluation of the same model), over
	// loads 0.1–20,000 Erlangs, patiences 10 s to 1 h and 10⁶ h (where
	// Erlang A is Erlang C), staffing from a third of the load to well
	// above it, and service-level thresholds 0, 20 s and 5 min.
	// Tolerance: relative 1e-9, or absolute 1e-13 for probabilities
	// that are themselves that small; for the service level absolute
	// 1e-10, because the summation takes P(no wait) as 1 − Σ P(j ahead),
	// which rounds to a few 1e-11 when nearly everyone waits among
	// 10⁵ queue lengths.
	const rel, abs = 1e-9, 1e-13
	loads := []float64{0.1, 0.5, 1, 3, 10, 30, 100, 300, 1000, 3000, 10000, 20000}
	patiences := []time.Duration{10 * time.Second, time.Minute, 2 * time.Minute, 10 * time.Minute, time.Hour, 1e6 * time.Hour}
	if testing.Short() {
		loads = []float64{0.5, 10, 300, 10000}
	}
	worst, worstAbs := map[string]float64{}, map[string]float64{}
	check := func(name string, got, want float64, ctx string) {
		tol := abs
		if name == "service level" {
			tol = 1e-10
		}
		d := math.Abs(got - want)
		if d > tol {
			worst[name] = max(worst[name], d/math.Abs(want))
		}
		worstAbs[name] = max(worstAbs[name], d)
		if !scalar.EqualWithinAbsOrRel(got, want, tol, rel) {
			t.Errorf("%s: %s = %.15g, summation %.15g", ctx, name, got, want)
		}
	}
	for _, a := range loads {
		var ns []int
		for _, f := range []float64{0.33, 0.8, 0.95, 1, 1.02, 1.1, 1.5} {
			ns = append(ns, max(1, int(f*a)))
		}
		ns = append(ns, int(a+math.Sqrt(a))+1, int(a+3*math.Sqrt(a))+2, int(a)+1)
		for _, pat := range patiences {
			q := Queue{Volume: a * 10, Interval: 30 * time.Minute, AHT: 3 * time.Minute, Patience: pat}
			m := newModel(q)
			for _, n := range ns {
				if pat > time.Hour && float64(n) < a+1 {
					// The summation would need ~10⁷ states per call.
					continue
				}
				b := 1 / invErlangB(m.a, n)
				for _, T := range []float64{0, 20, 300} {
					for _, base := range []SLBase{AllOffered, ExcludeEarlyAbandon} {
						got := m.erlangA(n, b, T, base)
						want := m.erlangAExact(n, b, T, base)
						ctx := fmt.Sprintf("a=%g patience=%v n=%d T=%gs %v", a, pat, n, T, base)
						check("P(wait)", got.PWait, want.PWait, ctx)
						check("P(abandon)", got.PAbandon, want.PAbandon, ctx)
						check("service level", got.ServiceLevel, want.ServiceLevel, ctx)
						check("occupancy", got.Occupancy, want.Occupancy, ctx)
						if !scalar.EqualWithinAbsOrRel(got.ASASeconds, want.ASASeconds, 1e-9, rel) {
							t.Errorf("%s: ASA = %.15g, summation %.15g", ctx, got.ASASeconds, want.ASASeconds)
						}
						if !math.IsInf(want.ASASeconds, 1) && want.ASASeconds > 1e-9 {
							worst["ASA"] = max(worst["ASA"], math.Abs(got.ASASeconds-want.ASASeconds)/want.ASASeconds)
						}
					}
				}
			}
		}
	}
	t.Logf("largest relative differences (outside the absolute tolerance): %v", worst)
	t.Logf("largest absolute differences: %v", worstAbs)
}

func TestRequiredErlangAMatchesScanOfSummation(t *testing.T) {
	t.Parallel()
	// The bracketed search with the closed forms against the plainest
	// possible search: n = 1, 2, … evaluated by the sum over queue
	// lengths, stopping at the first n that meets every target. Exact
	// agreement on the agents, for loads and targets where the search
	// brackets downwards (abandonment helps) and upwards (abandonment cap).
	for _, a := range []float64{0.3, 2, 9.5, 40, 150, 600} {
		for _, pat := range []time.Duration{15 * time.Second, 2 * time.Minute, 30 * time.Minute} {
			for _, tg := range []Target{
				{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second},
				{ServiceLevel: 0.95, AnswerWithin: 10 * time.Second, SLBase: ExcludeEarlyAbandon},
				{MaxASA: 30 * time.Second},
				{ServiceLevel: 0.5, AnswerWithin: time.Minute, MaxAbandon: 0.01},
			} {
				q := Queue{Volume: a * 10, Interval: 30 * time.Minute, AHT: 3 * time.Minute, Patience: pat}
				m := newModel(q)
				want := 1
				for ; ; want++ {
					if r := m.erlangAExact(want, 1/invErlangB(m.a, want), tg.AnswerWithin.Seconds(), tg.SLBase); tg.met(&r) {
						break
					}
				}
				req, err := Required(q, tg)
				if err != nil || req.Agents != want {
					t.Errorf("a=%g patience=%v %+v: Required %d (%v), scan %d", a, pat, tg, req.Agents, err, want)
				}
			}
		}
	}
}
