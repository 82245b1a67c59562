package staffing

import "math"

// ErlangB returns the Erlang B blocking probability for an offered load of
// a Erlangs on n servers (M/M/n/n):
//
//	B(a, n) = (aⁿ/n!) / Σ_{k=0..n} aᵏ/k!
//
// It uses the recursion on the inverse, 1/B(n) = 1 + (n/a)·1/B(n-1), which
// needs no factorials and cannot overflow into NaN (Jagerman 1974,
// "Some properties of the Erlang loss function", Bell Syst. Tech. J. 53).
// ErlangB panics if a < 0 or n < 0.
func ErlangB(a float64, n int) float64 {
	if a < 0 || n < 0 || math.IsNaN(a) {
		panic("staffing: ErlangB needs a >= 0 and n >= 0")
	}
	return 1 / invErlangB(a, n)
}

// ErlangC returns the Erlang C probability that an arriving contact waits,
// for an offered load of a Erlangs on n agents (M/M/n):
//
//	C(a, n) = n·B / (n − a·(1 − B)),  B = B(a, n)
//
// For a >= n the queue is unstable and every contact waits: C = 1.
// ErlangC panics if a < 0 or n < 0.
func ErlangC(a float64, n int) float64 {
	if a < 0 || n < 0 || math.IsNaN(a) {
		panic("staffing: ErlangC needs a >= 0 and n >= 0")
	}
	return erlangCFromB(a, n, 1/invErlangB(a, n))
}

func erlangCFromB(a float64, n int, b float64) float64 {
	if a == 0 {
		return 0
	}
	fn := float64(n)
	if a >= fn {
		return 1
	}
	c := fn * b / (fn - a*(1-b))
	return min(c, 1)
}

// invErlangB returns 1/B(a, n), +Inf when B underflows.
//
// The recursion I(m) = 1 + (m/a)·I(m−1) contracts errors by the factor
// m/a < 1 while m < a, so it need not start at m = 0: starting from the
// fluid approximation I(m₀) ≈ a/(a − m₀) at m₀ = n − 8√a − 8 (or a − 8√a − 8
// when n > a), the start's error (about 1%) is multiplied by at most
// Π m/a ≈ exp(−32) by the time the recursion reaches min(n, a). This makes
// the cost O(√a + |n − a|) instead of O(n), which is what lets a year of
// 15-minute intervals be staffed in milliseconds.
func invErlangB(a float64, n int) float64 {
	if a == 0 {
		return math.Inf(1)
	}
	if n == 0 {
		return 1
	}
	m0, inv := startInvB(a, n)
	ia := 1 / a
	for m := m0 + 1; m <= n; m++ {
		inv = 1 + float64(m)*ia*inv
	}
	return inv
}

// startInvB picks where the recursion for 1/B(a, n) starts and its value there.
func startInvB(a float64, n int) (m0 int, inv float64) {
	skip := min(float64(n), a) - 8*math.Sqrt(a) - 8
	if skip < 1 {
		return 0, 1
	}
	m0 = int(skip)
	return m0, a / (a - float64(m0))
}
