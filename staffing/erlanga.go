package staffing

import "math"

// erlangA evaluates the M/M/n+M (Erlang A) queue: Poisson arrivals at
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
func (m model) erlangA(n int, b float64, t float64, base SLBase) Result {
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
	log1mx := math.Log1p(-x)
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

func logAddExp(x, y float64) float64 {
	if math.IsInf(x, 1) || math.IsInf(y, 1) {
		return math.Inf(1)
	}
	if x < y {
		x, y = y, x
	}
	return x + math.Log1p(math.Exp(y-x))
}

func clamp01(v float64) float64 { return max(0, min(1, v)) }
