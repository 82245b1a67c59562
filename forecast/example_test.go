package forecast_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"time"

	"github.com/staffcast/staffcast/forecast"
	"github.com/staffcast/staffcast/forecast/calendar"
)

// shop makes twelve weeks of hourly orders of a shop open 08–20, busier
// on weekdays, with Poisson-like noise.
func shop() ([]time.Time, []float64) {
	loc, _ := time.LoadLocation("Europe/Stockholm")
	rng := rand.New(rand.NewPCG(1, 2))
	t0 := time.Date(2025, 9, 1, 0, 0, 0, 0, loc)
	var start []time.Time
	var y []float64
	for t := t0; t.Before(t0.AddDate(0, 0, 84)); t = t.Add(time.Hour) {
		mean := 0.0
		if h := t.Hour(); h >= 8 && h < 20 {
			mean = 30
			if t.Weekday() == time.Saturday || t.Weekday() == time.Sunday {
				mean = 15
			}
		}
		start = append(start, t)
		y = append(y, math.Max(0, math.Round(mean+rng.NormFloat64()*math.Sqrt(mean))))
	}
	return start, y
}

func ExampleForecast() {
	start, y := shop()
	// Two weeks ahead with the Swedish calendar; Auto picks the models.
	opt := forecast.Options{Events: calendar.Events(calendar.Sweden, start[0], start[len(start)-1].AddDate(0, 0, 15), start[0].Location())}
	res, err := forecast.Forecast(start, y, time.Hour, 14*24*time.Hour, opt)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(res.Point), "hours from", res.Start[0].Format(time.RFC3339))
	// Wednesday noon (the history ends on a Sunday night): the forecast
	// and its 80% band, p10 to p90; and a night hour, closed.
	noon := 24*2 + 12
	fmt.Printf("%s: %.0f (p10 %.0f, p90 %.0f)\n", res.Start[noon].Format("Mon 15:04"), res.Point[noon], res.Quantiles[0][noon], res.Quantiles[2][noon])
	fmt.Printf("%s: %.0f (closed)\n", res.Start[3].Format("Mon 15:04"), res.Point[3])
	// Output:
	// 336 hours from 2025-11-24T00:00:00+01:00
	// Wed 12:00: 30 (p10 24, p90 39)
	// Mon 03:00: 0 (closed)
}

func ExampleRunBacktest() {
	start, y := shop()
	// Four weekly origins: each week forecast from the weeks before it.
	bts, err := forecast.RunBacktest(context.Background(), start, y, time.Hour, 7*24*time.Hour, 4,
		[]forecast.Model{forecast.SeasonalNaive, forecast.Auto}, forecast.Options{Quantiles: []float64{0.1, 0.9}}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, b := range bts {
		fmt.Printf("%-14v MASE mean %.2f, worst origin %.2f; 80%% band covers %.0f%% of open hours\n", b.Model, b.MeanMASE, b.WorstMASE, 100*b.Overall.CoverageOpen)
	}
	// Output:
	// seasonal-naive MASE mean 0.99, worst origin 1.07; 80% band covers 78% of open hours
	// auto           MASE mean 0.77, worst origin 0.82; 80% band covers 74% of open hours
}

func ExampleResult_Paths() {
	start, y := shop()
	res, err := forecast.Forecast(start, y, time.Hour, 24*time.Hour, forecast.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	// 1,000 days drawn jointly: the spread of a day's total, which the
	// hourly quantiles alone cannot give.
	paths := res.Paths(1000, rand.New(rand.NewPCG(7, 7)))
	totals := make([]float64, len(paths))
	for k, p := range paths {
		for _, v := range p {
			totals[k] += v
		}
	}
	sort.Float64s(totals)
	point := 0.0
	for _, v := range res.Point {
		point += v
	}
	fmt.Printf("%d paths of %d hours; the day's forecast %.0f orders, 80%% of paths between %.0f and %.0f\n", len(paths), len(paths[0]), point, totals[100], totals[900])
	// Output:
	// 1000 paths of 24 hours; the day's forecast 365 orders, 80% of paths between 347 and 415
}
