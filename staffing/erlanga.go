package staffing

import (
	"math"

	"gonum.org/v1/gonum/mathext"
)

// erlangA evaluates the M/M/n+M (Erlang A) queue: Poisson arrivals at
// rate λ, exponential service at rate μ per agent, and exponential
// patience at rate θ = 1/Patience for every waiting contact (Palm 1943;
// Garnett, Mandelbaum & Reiman 2002, "Designing a call center with
// impatient customers", MSOM 4(3):208–227; Mandelbaum & Zeltyn 2007,
// "Service engineering in action: the Palm/Erlang-A queue").
//
// With c = nμ/θ and y = λ/θ, the stationary law (which arrivals see, by
// PASTA) relative to the state n is
//
//	π(n+j)/π(n) = r_j = Π_{i=1..j} λ/(nμ + iθ) = y^j Γ(c+1)/Γ(c+j+1),  j ≥ 0
//	Σ_{k<n} π(k)/π(n) = (1 − B)/B,  B = B(a, n) Erlang B
//
// so an arrival finds j contacts waiting ahead with probability r_j/D,
// D = (1−B)/B + Σ r. A contact with j ahead is answered after
// V = −ln(U)/θ, U ~ Beta(c, j+1), unless its own patience runs out first
// (probability e^{−θV} = U of being answered). Summing over j under the
// integral, Σ_j r_j·Beta(c, j+1) density(u) = c·u^{c−1}·e^{y(1−u)}, so every
// measure is an incomplete gamma integral (the role Garnett et al.'s
// function J plays in their formulas), written here with P(s, z), the
// regularised lower incomplete gamma function (Abramowitz & Stegun 6.5.29):
//
//	W(s, z) := Γ(c+1)·e^y·y^{−c}·P(s, z)
//	Σ_j r_j                          = W(c, y)             (waiting)
//	Σ_j r_j·P(answered | j)          = (c/y)·W(c+1, y)     (waited, answered)
//	Σ_j r_j·P(answered within T | j) = (c/y)·(W(c+1, y) − W(c+1, xy)),  x = e^{−θT}
//	Σ_j r_j·P(V > T | j)             = W(c, xy)            (offered wait beyond T)
//
// P comes from gonum's mathext (Temme's uniform expansion near z ≈ s, a
// series or continued fraction elsewhere), except where gonum's cap of
// 2,000 terms would truncate (s > 20,000 away from z ≈ s) or P underflows:
// there our own series (z < s) or continued fraction (z > s) runs
// uncapped. W is kept as a logarithm, since it overflows when λ ≫ nμ and
// P underflows when nμ ≫ λ, and its scale Γ(c+1)·e^y·y^{−c} is formed
// by Stirling's series so that c·ln c-sized terms do not cancel. P(c+1, ·)
// follows from P(c, ·) by recurrence, so one staffing costs two
// incomplete gamma evaluations. P(abandon) = (W(c, y) − (c/y)·W(c+1, y))/D
// cancels when the queue is far from overloaded (c ≫ y, long patience);
// where it would lose more than four digits, it is summed instead as
// Σ r_j (j+1)/(c+j+1), whose terms then fall geometrically.
//
// The mean wait of answered contacts, Σ_j r_j·(c/(c+j+1))·Σ_{i=1..j+1}
// 1/(θ(c+i)), is not one of these integrals (it weighs u^c by ln u): it
// is summed around the mode of r_j with products only (no logarithm per
// term), which costs O(√c) and is only done when the caller needs the ASA.
func (m model) erlangA(n int, b float64, t float64, base SLBase) Result {
	return m.erlangAWith(n, b, t, base, true)
}

// erlangAWith is erlangA, leaving ASASeconds at 0 unless withASA: the
// staffing search skips the one O(√c) sum when no ASA target is set.
func (m model) erlangAWith(n int, b float64, t float64, base SLBase, withASA bool) Result {
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
	c := float64(n) * m.mu / m.theta
	y := m.lambda / m.theta
	lx := -m.theta * t
	x := math.Exp(lx)
	z := x * y
	g := newGammaW(c, y)

	// Two incomplete gamma evaluations (three for ExcludeEarlyAbandon):
	// P(c+1, ·) follows from P(c, ·) by P(c+1, z) = P(c, z) − z^c e^{−z}/Γ(c+1)
	// (A&S 6.5.21), which in W's scale is W(c+1, y) = W(c, y) − 1, used where
	// it does not cancel, or Q(c+1, y) = Q(c, y) + e^{−logL}.
	var lW0, lW1 float64
	qc1y := -1.0 // Q(c+1, y), when y > c
	if y > c {
		qc := gammaQ(c, y)
		qc1y = qc + math.Exp(-g.logL)
		lW0 = g.logL + math.Log1p(-qc)
		lW1 = g.logL + math.Log1p(-qc1y)
	} else {
		lW0 = g.logW(c, 0)
		if lW0 > math.Ln2 {
			lW1 = lW0 + math.Log1p(-math.Exp(-lW0))
		} else {
			lW1 = g.logW(c+1, 0)
		}
	}
	lNoWait := math.Log1p(-b) - math.Log(b)
	lD := logAddExp(lNoWait, lW0)
	pWait := math.Exp(lW0 - lD)
	noWait := math.Exp(lNoWait - lD)
	w1 := math.Exp(lW1 - lD) // Σ r_j P(answered | j)/D · y/c
	answered := c / y * w1   // P(wait and answered)
	pAb := pWait - answered
	if !(pAb > 1e-4*answered) {
		pAb = g.abandonSeries(lD)
	}
	// Answered within T: W(c+1, y) − W(c+1, xy), taken as a difference of
	// upper tails Q when both arguments are past the mode, so that neither
	// side is 1 − (something tiny).
	var inT, lWz1 float64
	if z > c+1 {
		inT = math.Exp(g.logL-lD) * (gammaQ(c+1, z) - qc1y)
	} else {
		lWz1 = g.logW(c+1, lx)
		inT = w1 - math.Exp(lWz1-lD)
	}
	answeredInT := max(0, c/y*inT)

	r.PWait = clamp01(pWait)
	r.PAbandon = clamp01(pAb)
	r.ServiceLevel = clamp01(noWait + answeredInT)
	if base == ExcludeEarlyAbandon {
		// Abandoned before T: 1 − E[e^{−θ·min(V, T)}] for those who wait,
		// with W(c, xy) = W(c+1, xy) + x^c·e^{y(1−x)} where that is a sum.
		var wz0 float64
		if z > c+1 {
			wz0 = math.Exp(g.logW(c, lx) - lD)
		} else {
			wz0 = math.Exp(lWz1-lD) + math.Exp(c*lx-y*math.Expm1(lx)-lD)
		}
		abBeforeT := pWait - answeredInT - x*wz0
		if den := 1 - abBeforeT; den > 0 {
			r.ServiceLevel = clamp01((noWait + answeredInT) / den)
		}
	}
	if ans := 1 - r.PAbandon; ans <= 0 {
		r.ASASeconds = math.Inf(1)
	} else if withASA {
		r.ASASeconds = g.answeredWait(lD) / m.theta / ans
	}
	r.Occupancy = clamp01(m.a * (1 - r.PAbandon) / float64(n))
	return r
}

// gammaW evaluates W(s, z) = Γ(c+1)·e^y·y^{−c}·P(s, z) for s ∈ {c, c+1}.
type gammaW struct {
	c, y float64
	logL float64 // log(Γ(c+1)·e^y·y^{−c})
}

func newGammaW(c, y float64) gammaW {
	return gammaW{c: c, y: y, logL: logGammaScale(c, y)}
}

// logGammaScale returns log(Γ(c+1)·e^y·y^{−c}) without forming
// lgamma(c+1) and c·ln y, which are each about c·ln c and would lose
// c·ln c·1e-16 to rounding (1e-6 at c = 10⁸).
func logGammaScale(c, y float64) float64 {
	return stirlingRem(c) + 0.5*math.Log(c) + logPowTail(c, y)
}

// stirlingRem returns lgamma(s+1) − (s+½)·ln s + s, which tends to
// ½·ln 2π: from Stirling's series for s >= 100 (error below 1e-20).
func stirlingRem(s float64) float64 {
	if s < 100 {
		lg, _ := math.Lgamma(s + 1)
		return lg - (s+0.5)*math.Log(s) + s
	}
	is := 1 / s
	is2 := is * is
	return 0.5*math.Log(2*math.Pi) + is*(1.0/12-is2*(1.0/360-is2*(1.0/1260-is2/1680)))
}

// logPowTail returns z − s − s·ln(z/s) >= 0, the log of e^z·z^{−s} over its
// value at z = s, as s·(u − log1p(u)) with u = (z−s)/s, by its series
// u²/2 − u³/3 + … where that subtraction would cancel.
func logPowTail(s, z float64) float64 {
	u := (z - s) / s
	if math.Abs(u) >= 0.1 {
		return s * (u - math.Log1p(u))
	}
	term, sum := -u, 0.0
	for k := 2.0; ; k++ {
		term *= -u
		sum += term / k
		if math.Abs(term) < 1e-17*math.Abs(sum) || k > 40 {
			return s * sum
		}
	}
}

// gonumSafe reports whether gonum's incomplete gamma (which stops its
// series and continued fraction after 2000 terms) is accurate at (s, z):
// in Temme's band |z − s| < 4.5·√s it uses the uniform asymptotic
// expansion; elsewhere the 2000 terms suffice while s <= 20,000.
func gonumSafe(s, z float64) bool {
	return s <= 20000 || math.Abs(z-s) < 4.4*math.Sqrt(s)
}

// gammaQ returns the regularised upper incomplete gamma function Q(s, z).
func gammaQ(s, z float64) float64 {
	if gonumSafe(s, z) || z < s {
		return mathext.GammaIncRegComp(s, z)
	}
	return gammaQCF(s, z)
}

// gammaQCF returns Q(s, z) for z > s by its continued fraction.
func gammaQCF(s, z float64) float64 {
	// Continued fraction (DLMF 8.9.2) by the modified Lentz method, with
	// no cap on the terms, times z^s·e^{−z}/Γ(s) formed stably.
	const tiny = 1e-300
	b := z + 1 - s
	cc, d := 1/tiny, 1/b
	h := d
	for i := 1.0; ; i++ {
		an := -i * (i - s)
		b += 2
		d = an*d + b
		if math.Abs(d) < tiny {
			d = tiny
		}
		cc = b + an/cc
		if math.Abs(cc) < tiny {
			cc = tiny
		}
		d = 1 / d
		del := d * cc
		h *= del
		if math.Abs(del-1) < 1e-16 {
			break
		}
	}
	return math.Exp(-logPowTail(s, z)+0.5*math.Log(s)-stirlingRem(s)) * h
}

// logW returns log W(s, z) for s = c or c+1 and z = y·e^{lx}, lx <= 0
// (−Inf when z = 0). It takes lx = −θT rather than z because y − z is
// needed to full relative precision when θT is tiny (long patience).
func (g gammaW) logW(s, lx float64) float64 {
	z := g.y * math.Exp(lx)
	if z == 0 {
		return math.Inf(-1)
	}
	if z > s {
		return g.logL + math.Log1p(-gammaQ(s, z))
	}
	if gonumSafe(s, z) {
		if p := mathext.GammaIncReg(s, z); p > 1e-290 {
			return g.logL + math.Log(p)
		}
	}
	// Lower tail: P(s, z) = z^s e^{−z}/Γ(s+1) · Σ_k z^k/((s+1)…(s+k)),
	// whose ratio z/(s+k) is below 1 − 4.4/√s, and the Γ and powers cancel
	// against W's scale to  e^{y−z}·(z/y)^c · Σ  (times z/(c+1) for s = c+1).
	sum, term := 1.0, 1.0
	for k := 1.0; term > 1e-17*sum; k++ {
		term *= z / (s + k)
		sum += term
	}
	lw := -g.y*math.Expm1(lx) + g.c*lx + math.Log(sum)
	if s != g.c {
		lw += math.Log(z / (g.c + 1))
	}
	return lw
}

// abandonSeries returns P(abandon) = Σ_j r_j·(j+1)/(c+j+1)/D when the
// closed form would cancel (c ≫ y): the terms then fall from j = 0 by the
// factor y/(c+j+1) < 1.
func (g gammaW) abandonSeries(lD float64) float64 {
	rj := math.Exp(-lD) // r_0/D
	sum := 0.0
	for j := 0.0; ; j++ {
		term := rj * (j + 1) / (g.c + j + 1)
		sum += term
		if term <= 1e-17*sum || rj == 0 {
			return sum
		}
		rj *= g.y / (g.c + j + 1)
	}
}

// answeredWait returns θ·Σ_j (r_j/D)·(c/(c+j+1))·h_j, h_j = Σ_{i=1..j+1}
// 1/(θ(c+i)) the mean time to answer with j ahead: the mean wait of
// answered contacts times P(answered), in units of 1/θ. It sums outwards
// from the mode of r_j, where the terms are largest.
func (g gammaW) answeredWait(lD float64) float64 {
	c, y := g.c, g.y
	mode := max(0, math.Floor(y-c))
	lr := 0.0 // log r_mode = mode·ln y + lgamma(c+1) − lgamma(c+mode+1)
	var h float64
	if mode > 0 {
		// By Stirling, without the cancelling c·ln c-sized terms.
		s := c + mode
		lr = mode*math.Log(y/s) - (c+0.5)*math.Log1p(mode/c) + mode + stirlingRem(c) - stirlingRem(s)
	}
	if mode < 4096 {
		for i := 1.0; i <= mode+1; i++ {
			h += 1 / (c + i)
		}
	} else {
		h = mathext.Digamma(c+mode+2) - mathext.Digamma(c+1)
	}
	r0 := math.Exp(lr - lD)
	sum := 0.0
	// Upwards from the mode.
	rj, hj := r0, h
	for j := mode; ; j++ {
		term := rj * c / (c + j + 1) * hj
		sum += term
		if term <= 1e-17*sum || rj == 0 {
			break
		}
		rj *= y / (c + j + 1)
		hj += 1 / (c + j + 2)
	}
	// Downwards to j = 0.
	rj, hj = r0, h
	for j := mode - 1; j >= 0; j-- {
		rj *= (c + j + 1) / y
		hj -= 1 / (c + j + 2)
		term := rj * c / (c + j + 1) * hj
		sum += term
		if term <= 1e-17*sum || rj == 0 {
			break
		}
	}
	return sum
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
