// Package quantile holds the one sample quantile the libraries share:
// forecast's prediction intervals and staffing/hours' weekly statistics
// both interpolate between order statistics the same way, and neither may
// import the other.
package quantile

import "math"

// Sorted returns the q-quantile of sorted, a sample in increasing order,
// by linear interpolation between order statistics (Hyndman & Fan 1996,
// "Sample quantiles in statistical packages", definition 7: the default
// of R's quantile and NumPy's percentile):
//
//	h = q·(n−1),  Q(q) = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋])
//
// with x indexed from 0. q is in [0,1]. Sorted panics if sorted is empty.
// gonum's stat.Quantile offers definitions 1 and 4, not this one.
func Sorted(sorted []float64, q float64) float64 {
	h := q * float64(len(sorted)-1)
	lo := int(math.Floor(h))
	if lo+1 >= len(sorted) {
		return sorted[lo]
	}
	return sorted[lo] + (h-float64(lo))*(sorted[lo+1]-sorted[lo])
}
