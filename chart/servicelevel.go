package chart

import (
	"fmt"
	"image/color"
	"math"
	"time"

	"github.com/staffcast/staffcast/simulate"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// ServiceLevel draws a simulated service level per interval as steps, its
// 95% interval (lo, hi) as a shaded band, and the target as a horizontal
// line: interval i starts at start[i] and lasts step; sl, lo and hi are
// fractions with len(start) values each, drawn as percentages; target is
// a fraction (0 draws none). Intervals whose sl is NaN (nobody called)
// are gaps, as are closed hours missing from start.
//
// The x axis is local time in start[0]'s zone with weekday and date ticks
// and day boundaries; the y axis runs from 0 to 100%. The legend sits
// above the data.
func ServiceLevel(title string, start []time.Time, step time.Duration, sl, lo, hi []float64, target float64) (*plot.Plot, error) {
	n := len(start)
	switch {
	case n == 0:
		return nil, fmt.Errorf("chart: service level: no intervals to draw")
	case step <= 0:
		return nil, fmt.Errorf("chart: service level: step %v: want a positive duration", step)
	case len(sl) != n || len(lo) != n || len(hi) != n:
		return nil, fmt.Errorf("chart: service level: %d, %d and %d values for %d intervals", len(sl), len(lo), len(hi), n)
	}
	for i := 1; i < n; i++ {
		if start[i].Sub(start[i-1]) < step {
			return nil, fmt.Errorf("chart: service level: start[%d] %v is less than the step %v after start[%d] %v", i, start[i], step, i-1, start[i-1])
		}
	}
	p := plot.New()
	p.Title.Text = title
	axis := useTimeAxis(p, start[0])
	p.Y.Label.Text = "service level (%)"
	steps := func(v []float64, r [2]int) plotter.XYs {
		xy := make(plotter.XYs, 0, 2*(r[1]-r[0]))
		for i := r[0]; i < r[1]; i++ {
			xy = append(xy, plotter.XY{X: axis.x(start[i]), Y: 100 * v[i]}, plotter.XY{X: axis.x(start[i].Add(step)), Y: 100 * v[i]})
		}
		return xy
	}
	var k key
	for _, r := range runs(start, step, func(i int) bool { return !math.IsNaN(sl[i]) }) {
		band := steps(lo, r)
		upper := steps(hi, r)
		for i := len(upper) - 1; i >= 0; i-- {
			band = append(band, upper[i])
		}
		poly, err := plotter.NewPolygon(band)
		if err != nil {
			return nil, fmt.Errorf("chart: service level: band: %w", err)
		}
		poly.Color, poly.LineStyle.Width = color.NRGBA{R: 120, G: 160, B: 220, A: 110}, 0
		line, err := plotter.NewLine(steps(sl, r))
		if err != nil {
			return nil, err
		}
		line.Color, line.Width = color.RGBA{R: 20, G: 60, B: 160, A: 255}, vg.Points(1.5)
		p.Add(poly, line)
		if len(k.entries) == 0 {
			k.add("simulated", line)
			k.add("95% interval", poly)
		}
	}
	x0, x1 := axis.x(start[0]), axis.x(start[n-1].Add(step))
	if target > 0 {
		tl, err := plotter.NewLine(plotter.XYs{{X: x0, Y: 100 * target}, {X: x1, Y: 100 * target}})
		if err != nil {
			return nil, err
		}
		tl.Color, tl.Width, tl.Dashes = color.RGBA{R: 190, G: 20, B: 20, A: 255}, vg.Points(1), []vg.Length{vg.Points(4), vg.Points(2)}
		p.Add(tl)
		k.add(fmt.Sprintf("target %.0f%%", 100*target), tl)
	}
	p.Add(&k)
	p.X.Min, p.X.Max = x0, x1
	p.Y.Min, p.Y.Max = 0, 105
	return p, nil
}

// SimulatedServiceLevel is ServiceLevel for a simulation's intervals,
// each of length step: an interval nobody called in has no service level
// and is drawn as a gap, not as 100%.
func SimulatedServiceLevel(title string, r *simulate.Result, step time.Duration, target float64) (*plot.Plot, error) {
	start, sl, lo, hi := simulatedSeries(r)
	return ServiceLevel(title, start, step, sl, lo, hi, target)
}

// simulatedSeries is the series SimulatedServiceLevel draws: sl is NaN
// where no calls were offered.
func simulatedSeries(r *simulate.Result) (start []time.Time, sl, lo, hi []float64) {
	n := len(r.Intervals)
	start = make([]time.Time, n)
	sl, lo, hi = make([]float64, n), make([]float64, n), make([]float64, n)
	for k, iv := range r.Intervals {
		start[k], sl[k], lo[k], hi[k] = iv.Start, iv.ServiceLevel.Mean, iv.ServiceLevel.Lo, iv.ServiceLevel.Hi
		if iv.Offered.Mean == 0 {
			sl[k] = math.NaN() // nobody called: a gap, not 100%
		}
	}
	return start, sl, lo, hi
}
