package forecast

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

func TestForecastDrivenRecoversContactsPerOrder(t *testing.T) {
	t.Parallel()
	// Synthetic truth: each day's contacts are 0.3 × the orders of two days
	// before, with Poisson-like noise, spread 08–17 on weekdays (the
	// phone line is closed otherwise: NaN). The model must learn 0.3 at
	// lag 2 (tolerance 0.02: with daily orders uniform on 400–1600, sd 346,
	// and daily noise sd about 17 over ~100 weekdays, the standard error of
	// each lag weight is near 0.005) and little elsewhere.
	rng := rand.New(rand.NewPCG(3, 3))
	t0 := time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC)
	days := 140
	var start []time.Time
	var orders, contacts []float64
	dailyOrders := make([]float64, days)
	for d := range dailyOrders {
		dailyOrders[d] = 400 + 1200*rng.Float64()
	}
	for d := 0; d < days; d++ {
		for h := 0; h < 24; h++ {
			ts := t0.AddDate(0, 0, d).Add(time.Duration(h) * time.Hour)
			start = append(start, ts)
			orders = append(orders, dailyOrders[d]/24)
			c := math.NaN()
			if wd := ts.Weekday(); wd != time.Saturday && wd != time.Sunday && h >= 8 && h < 17 && d >= 2 {
				mean := 0.3 * dailyOrders[d-2] / 9
				c = math.Max(0, math.Round(mean+math.Sqrt(mean)*rng.NormFloat64()))
			}
			contacts = append(contacts, c)
		}
	}
	res, err := ForecastDriven(start, contacts, orders, time.Hour, 7*24*time.Hour, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(res.PerOrder[2]-0.3) > 0.02 || math.Abs(res.ContactsPerOrder-0.3) > 0.03 {
		t.Errorf("contacts per order by lag %v (sum %v), want 0.3 at lag 2", res.PerOrder, res.ContactsPerOrder)
	}
	for i, ts := range res.Start {
		open := ts.Weekday() != time.Saturday && ts.Weekday() != time.Sunday && ts.Hour() >= 8 && ts.Hour() < 17
		if !open && res.Point[i] != 0 || open && res.Point[i] <= 0 || math.IsNaN(res.Point[i]) {
			t.Fatalf("%v: %v", ts, res.Point[i])
		}
	}
}
