package data

import (
	"math"
	"testing"
	"time"
)

// The finer sample sums back to the hourly one in every hour and column,
// keeps missing calls missing, runs on a regular grid through both DST
// changes, and is spread evenly: over the sample's years each quarter of
// the hour holds a quarter of the orders within a few standard errors of
// the multinomial.
func TestSampleEvery(t *testing.T) {
	hourly, err := Sample()
	if err != nil {
		t.Fatal(err)
	}
	for _, step := range []time.Duration{15 * time.Minute, 30 * time.Minute} {
		s, err := SampleEvery(step)
		if err != nil {
			t.Fatal(err)
		}
		k := int(time.Hour / step)
		if s.Step != step || len(s.Start) != k*len(hourly.Start) {
			t.Fatalf("%v: step %v, %d rows; want %d", step, s.Step, len(s.Start), k*len(hourly.Start))
		}
		for i := 1; i < len(s.Start); i++ {
			if d := s.Start[i].Sub(s.Start[i-1]); d != step {
				t.Fatalf("%v: rows %d and %d are %v apart", step, i-1, i, d)
			}
		}
		share := make([]float64, k)
		var total float64
		for ci, c := range hourly.Columns {
			fine := s.Columns[ci].Float
			for i, v := range c.Float {
				var sum float64
				missing := 0
				for j := range k {
					f := fine[i*k+j]
					if math.IsNaN(f) {
						missing++
						continue
					}
					sum += f
					if c.Name == "orders" {
						share[j] += f
					}
				}
				if math.IsNaN(v) && missing != k || !math.IsNaN(v) && (missing != 0 || sum != v) {
					t.Fatalf("%v: %s at %v: hourly %v, intervals sum to %v with %d missing", step, c.Name, hourly.Start[i], v, sum, missing)
				}
				if c.Name == "orders" {
					total += v
				}
			}
		}
		for j := range k {
			p := 1 / float64(k)
			se := math.Sqrt(total * p * (1 - p))
			if d := math.Abs(share[j] - total*p); d > 5*se {
				t.Errorf("%v: interval %d of the hour holds %v orders, want %v ± %v (5 standard errors)", step, j, share[j], total*p, 5*se)
			}
		}
	}
	if s, err := SampleEvery(time.Hour); err != nil || s.Step != time.Hour || len(s.Start) != len(hourly.Start) {
		t.Errorf("SampleEvery(1h) = %v rows, %v", len(s.Start), err)
	}
	for _, bad := range []time.Duration{0, 7 * time.Minute, 2 * time.Hour} {
		if _, err := SampleEvery(bad); err == nil {
			t.Errorf("SampleEvery(%v): no error", bad)
		}
	}
}
