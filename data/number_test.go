package data

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// appendNumber's whole-number fast path must write what the shortest
// exact form does, which is what the golden files hold.
func TestAppendNumberIsShortestForm(t *testing.T) {
	vals := []float64{0, math.Copysign(0, -1), 1, -1, 60, 120, 1 << 52, 1<<53 - 1, 1 << 53, -(1<<53 - 1), 1e15, 1e16, 1e21, 1e300,
		0.5, -0.5, 0.1, 1e-7, 123.456, math.MaxFloat64, math.SmallestNonzeroFloat64, math.Nextafter(1<<53, 0), math.Nextafter(1, 2)}
	r := rand.New(rand.NewPCG(1, 2))
	for range 100000 {
		vals = append(vals, float64(r.Int64N(1<<54)-1<<53), r.NormFloat64()*1e6, math.Round(r.NormFloat64()*1e4), math.Float64frombits(r.Uint64()))
	}
	for _, v := range vals {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		want := strconv.FormatFloat(v, 'f', -1, 64)
		if got := string(appendNumber(nil, v)); got != want {
			t.Fatalf("appendNumber(%v) = %q, want %q", v, got, want)
		}
	}
}
