package quantile

import (
	"math"
	"testing"
)

// The expected values are NumPy's and R's (definition 7), from their
// documentation or worked by hand from the definition; tol covers the
// rounding of one interpolation.
func TestSorted(t *testing.T) {
	const tol = 1e-12
	for _, tc := range []struct {
		x    []float64
		q    float64
		want float64
	}{
		// numpy.percentile docs: a = [[10, 7, 4], [3, 2, 1]], percentile(a, 50) = 3.5.
		{[]float64{1, 2, 3, 4, 7, 10}, 0.5, 3.5},
		// numpy.percentile([1, 2, 3, 4], 25) = 1.75; R quantile(1:4, 0.25) = 1.75.
		{[]float64{1, 2, 3, 4}, 0.25, 1.75},
		// R quantile(1:10, 0.1) = 1.9, quantile(1:10, 0.9) = 9.1.
		{[]float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.1, 1.9},
		{[]float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.9, 9.1},
		// The ends are the minimum and the maximum; one value is every quantile.
		{[]float64{-3, 0, 8}, 0, -3},
		{[]float64{-3, 0, 8}, 1, 8},
		{[]float64{5}, 0.3, 5},
	} {
		if got := Sorted(tc.x, tc.q); math.Abs(got-tc.want) > tol {
			t.Errorf("Sorted(%v, %v) = %v, want %v", tc.x, tc.q, got, tc.want)
		}
	}
}

// At q = k/(n−1) the quantile is the k-th order statistic exactly, and
// between two such points it is monotone.
func TestSortedOrderStatistics(t *testing.T) {
	x := []float64{0.5, 1, 1, 2.25, 9, 40}
	n := len(x)
	for k := range x {
		if got := Sorted(x, float64(k)/float64(n-1)); got != x[k] {
			t.Errorf("q = %d/%d: got %v, want x[%d] = %v", k, n-1, got, k, x[k])
		}
	}
	prev := math.Inf(-1)
	for i := 0; i <= 100; i++ {
		got := Sorted(x, float64(i)/100)
		if got < prev {
			t.Fatalf("q = %v: %v below the value at the previous q, %v", float64(i)/100, got, prev)
		}
		prev = got
	}
}
