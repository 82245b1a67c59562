package chart

import (
	"fmt"
	"image/color"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// ServiceLevel draws a simulated service level per interval, with its 95%
// interval (lo, hi) as thin lines, against a horizontal target. Interval i
// starts at start[i] and lasts step; sl, lo and hi are fractions with
// len(start) values each, and target is a fraction (0 draws none).
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
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = fmt.Sprintf("hours from %s", start[0].Format("Mon 2006-01-02 15:04 -07"))
	p.Y.Label.Text = "service level (%)"
	p.Y.Min, p.Y.Max = 0, 100
	steps := func(v []float64) plotter.XYs {
		xy := make(plotter.XYs, 0, 2*n)
		for i, y := range v {
			t0 := start[i].Sub(start[0]).Hours()
			xy = append(xy, plotter.XY{X: t0, Y: 100 * y}, plotter.XY{X: t0 + step.Hours(), Y: 100 * y})
		}
		return xy
	}
	blue := color.RGBA{B: 200, A: 255}
	mid, err := plotter.NewLine(steps(sl))
	if err != nil {
		return nil, err
	}
	mid.Color, mid.Width = blue, vg.Points(1.5)
	p.Add(plotter.NewGrid())
	for i, v := range [][]float64{lo, hi} {
		l, err := plotter.NewLine(steps(v))
		if err != nil {
			return nil, err
		}
		l.Color, l.Width, l.Dashes = color.RGBA{R: 120, G: 120, B: 220, A: 255}, vg.Points(0.5), []vg.Length{vg.Points(2), vg.Points(2)}
		p.Add(l)
		if i == 0 {
			p.Legend.Add("95% interval", l)
		}
	}
	p.Add(mid)
	p.Legend.Add("simulated", mid)
	if target > 0 {
		end := start[n-1].Sub(start[0]).Hours() + step.Hours()
		tl, err := plotter.NewLine(plotter.XYs{{X: 0, Y: 100 * target}, {X: end, Y: 100 * target}})
		if err != nil {
			return nil, err
		}
		tl.Color, tl.Width = color.RGBA{R: 200, A: 255}, vg.Points(1)
		p.Add(tl)
		p.Legend.Add("target", tl)
	}
	return p, nil
}
