package chart_test

import (
	"bytes"
	"fmt"
	"image/png"
	"time"

	"github.com/staffcast/staffcast/chart"
	"github.com/staffcast/staffcast/staffing"
	"gonum.org/v1/plot/vg"
)

// A week of orders per hour with the phones open Monday to Friday 08-17,
// written as a PNG (a notebook would display the bytes instead).
func ExampleHeatMap() {
	var orders [7][]float64 // indexed by time.Weekday
	for d := range orders {
		orders[d] = make([]float64, 24)
		for h := range orders[d] {
			orders[d][h] = float64(10 * h) // busier towards the evening
		}
	}
	open, err := staffing.ParseOpeningHours("Mon-Fri 08:00-17:00")
	if err != nil {
		panic(err)
	}
	p, err := chart.HeatMap("orders per hour", orders, time.Hour, open)
	if err != nil {
		panic(err)
	}
	var buf bytes.Buffer
	if err := chart.Write(&buf, chart.PNG, 9*vg.Inch, 3.2*vg.Inch, p); err != nil {
		panic(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		panic(err)
	}
	fmt.Println(p.Title.Text)
	fmt.Println(img.Bounds().Dx(), "×", img.Bounds().Dy(), "pixels")
	// Output:
	// orders per hour
	// 864 × 307 pixels
}

// Three days of an hourly calls forecast with its band, the phones open
// 08-17: the x axis reads weekdays and dates in the series' zone, the
// closed nights are gaps, and the legend names the model.
func ExampleForecast() {
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		panic(err)
	}
	var start []time.Time
	var point, low, high []float64
	for h := range 72 {
		t := time.Date(2025, 11, 17, h, 0, 0, 0, loc) // from Monday 00:00
		start = append(start, t)
		v := 0.0 // closed: nothing expected
		if t.Hour() >= 8 && t.Hour() < 17 {
			v = 40
		}
		point, low, high = append(point, v), append(low, 0.8*v), append(high, 1.25*v)
	}
	p, err := chart.Forecast("calls, next three days", start, nil, point, low, high, chart.Model("auto: profile"))
	if err != nil {
		panic(err)
	}
	p.Y.Label.Text = "calls per hour"
	for _, t := range p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max) {
		if t.Label != "" {
			fmt.Println(t.Label)
		}
	}
	fmt.Printf("y from %g to %g\n", p.Y.Min, p.Y.Max)
	// Output:
	// Mon 17 Nov
	// Tue 18 Nov
	// Wed 19 Nov
	// y from 0 to 56.25
}
