package staffing

import (
	"math"
	"math/big"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
)

// directErlangB computes B(a, n) = (aⁿ/n!)/Σ aᵏ/k! term by term in
// 256-bit floating point: a second method, independent of the recursion.
func directErlangB(a float64, n int) float64 {
	const prec = 256
	term := new(big.Float).SetPrec(prec).SetFloat64(1)
	sum := new(big.Float).SetPrec(prec).SetFloat64(1)
	ba := new(big.Float).SetPrec(prec).SetFloat64(a)
	for k := 1; k <= n; k++ {
		term.Mul(term, ba)
		term.Quo(term, new(big.Float).SetPrec(prec).SetInt64(int64(k)))
		sum.Add(sum, term)
	}
	b, _ := new(big.Float).SetPrec(prec).Quo(term, sum).Float64()
	return b
}

// directErlangC computes C(a, n) from the textbook closed form
// (aⁿ/n!·n/(n−a)) / (Σ_{k<n} aᵏ/k! + aⁿ/n!·n/(n−a)) in 256-bit floats.
func directErlangC(a float64, n int) float64 {
	const prec = 256
	term := new(big.Float).SetPrec(prec).SetFloat64(1)
	sum := new(big.Float).SetPrec(prec)
	ba := new(big.Float).SetPrec(prec).SetFloat64(a)
	for k := 0; k < n; k++ {
		sum.Add(sum, term)
		term.Mul(term, ba)
		term.Quo(term, new(big.Float).SetPrec(prec).SetInt64(int64(k+1)))
	}
	top := new(big.Float).SetPrec(prec).Mul(term, new(big.Float).SetPrec(prec).SetFloat64(float64(n)/(float64(n)-a)))
	c, _ := new(big.Float).SetPrec(prec).Quo(top, sum.Add(sum, top)).Float64()
	return c
}

func TestErlangBPublishedTable(t *testing.T) {
	t.Parallel()
	// Erlang B table entries printed to 3 significant digits (any Erlang
	// B loss table): B(2,5) = 3.67%, B(5,10) = 1.84%, B(10,14) = 5.68%;
	// tol half a unit in the last digit.
	for _, c := range []struct {
		a    float64
		n    int
		want float64
	}{{2, 5, 0.0367}, {5, 10, 0.0184}, {10, 14, 0.0568}, {1, 1, 0.5}} {
		if got := ErlangB(c.a, c.n); math.Abs(got-c.want) > 5e-5 {
			t.Errorf("ErlangB(%v, %d) = %.5f, table %.4f", c.a, c.n, got, c.want)
		}
	}
	// Erlang B table, grade of service 1% (e.g. the tables in ITU-T
	// "Teletraffic Engineering Handbook", Iversen 2005, or any Erlang B
	// table): the load a that n circuits carry at 1% blocking, printed to
	// 5 significant digits. A 5-digit load moves B by at most
	// |dB/da|·0.5e-4·a; the tolerance below (2e-3 relative) covers that.
	for _, c := range []struct {
		n int
		a float64
	}{
		{1, 0.010101}, {5, 1.3608}, {10, 4.4612}, {20, 12.031}, {50, 37.901}, {100, 84.064},
	} {
		if got := ErlangB(c.a, c.n); !scalar.EqualWithinAbsOrRel(got, 0.01, 0, 2e-3) {
			t.Errorf("ErlangB(%v, %d) = %.6f, want 0.01 (1%% table)", c.a, c.n, got)
		}
	}
}

func TestErlangBAgainstDirectSum(t *testing.T) {
	t.Parallel()
	// Second method: the factorial sum in 256-bit floats. Both are exact
	// formulas, so only float64 rounding separates them: rel 1e-12.
	for _, a := range []float64{0.1, 1, 2.5, 10, 33.3, 80, 150, 400} {
		for _, n := range []int{0, 1, 2, 5, 10, 30, 60, 100, 150, 200, 300, 450, 600} {
			want := directErlangB(a, n)
			if got := ErlangB(a, n); !scalar.EqualWithinAbsOrRel(got, want, 1e-300, 1e-12) {
				t.Errorf("ErlangB(%v, %d) = %.17g, direct sum %.17g", a, n, got, want)
			}
		}
	}
}

func TestInvErlangBShortcutMatchesFullRecursion(t *testing.T) {
	t.Parallel()
	// invErlangB skips the start of the recursion; the full recursion from
	// n = 0 is the reference. The skipped start's error is damped by
	// about e^-50, so they agree to float64 rounding over the steps (rel 1e-12).
	full := func(a float64, n int) float64 {
		inv := 1.0
		for m := 1; m <= n; m++ {
			inv = 1 + float64(m)/a*inv
		}
		return inv
	}
	for _, a := range []float64{50, 300, 1000, 5000, 20000} {
		for _, f := range []float64{0.3, 0.9, 0.99, 1, 1.01, 1.1, 1.3} {
			n := int(a * f)
			want, got := full(a, n), invErlangB(a, n)
			if !scalar.EqualWithinAbsOrRel(got, want, 0, 1e-12) {
				t.Errorf("invErlangB(%v, %d) = %.17g, full recursion %.17g", a, n, got, want)
			}
		}
	}
}

func TestErlangCAgainstClosedForm(t *testing.T) {
	t.Parallel()
	// The textbook closed form with factorials (Gross & Harris §2.3) in
	// 256-bit floats as the second method; rel 1e-12.
	for _, a := range []float64{0.5, 3, 10, 48, 95.5} {
		for n := int(a) + 1; n < int(a)+40; n += 3 {
			want := directErlangC(a, n)
			if got := ErlangC(a, n); !scalar.EqualWithinAbsOrRel(got, want, 1e-300, 1e-12) {
				t.Errorf("ErlangC(%v, %d) = %.17g, closed form %.17g", a, n, got, want)
			}
		}
	}
	// M/M/1: P(wait) = ρ exactly.
	for _, rho := range []float64{0.1, 0.5, 0.9, 0.999} {
		if got := ErlangC(rho, 1); !scalar.EqualWithinAbsOrRel(got, rho, 0, 1e-14) {
			t.Errorf("ErlangC(%v, 1) = %v, want ρ", rho, got)
		}
	}
}

func TestErlangStableAtLargeLoads(t *testing.T) {
	t.Parallel()
	// 20,000 Erlangs on up to 25,000 agents: no NaN or Inf, values in
	// [0,1], Erlang B and C decreasing in n.
	const a = 20000.0
	prevB, prevC := 2.0, 2.0
	for n := 19000; n <= 25000; n += 50 {
		b, c := ErlangB(a, n), ErlangC(a, n)
		if math.IsNaN(b) || math.IsNaN(c) || b < 0 || b > 1 || c < 0 || c > 1 {
			t.Fatalf("n=%d: B=%v C=%v, want values in [0,1]", n, b, c)
		}
		if b > prevB || c > prevC {
			t.Fatalf("n=%d: B=%v C=%v rose from %v %v", n, b, c, prevB, prevC)
		}
		prevB, prevC = b, c
	}
	// Just above the load the queue is heavily loaded but finite; the
	// square-root staffing rule (Halfin & Whitt 1981) says C(a, a+β√a)
	// tends to [1 + β·Φ(β)/φ(β)]⁻¹; for β = 1 that is 0.2234. At a =
	// 20,000 the finite-size correction is of order 1/√a = 0.007, so tol 0.005
	// (it is 0.002 here; the old wrong constant 0.2167 would fail).
	n := int(a + math.Sqrt(a))
	if got := ErlangC(a, n); math.Abs(got-0.2234) > 0.005 {
		t.Errorf("ErlangC(20000, %d) = %v, Halfin–Whitt limit 0.2234", n, got)
	}
}
