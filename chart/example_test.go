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
