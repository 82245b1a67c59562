package chart

import (
	"fmt"
	"image/color"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// Coverage draws the agents required against the agents scheduled per
// interval as step lines: interval i starts at start[i] and lasts step.
// required and scheduled have len(start) values each.
func Coverage(title string, start []time.Time, step time.Duration, required, scheduled []int) (*plot.Plot, error) {
	n := len(start)
	switch {
	case n == 0:
		return nil, fmt.Errorf("chart: coverage: no intervals to draw")
	case step <= 0:
		return nil, fmt.Errorf("chart: coverage: step %v: want a positive duration", step)
	case len(required) != n:
		return nil, fmt.Errorf("chart: coverage: required has %d values for %d intervals", len(required), n)
	case len(scheduled) != n:
		return nil, fmt.Errorf("chart: coverage: scheduled has %d values for %d intervals", len(scheduled), n)
	}
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = fmt.Sprintf("hours from %s", start[0].Format("Mon 2006-01-02 15:04 -07"))
	p.Y.Label.Text = "agents"
	steps := func(v []int) plotter.XYs {
		xy := make(plotter.XYs, 0, 2*len(v))
		for i, a := range v {
			t0 := start[i].Sub(start[0]).Hours()
			xy = append(xy, plotter.XY{X: t0, Y: float64(a)}, plotter.XY{X: t0 + step.Hours(), Y: float64(a)})
		}
		return xy
	}
	req, err := plotter.NewLine(steps(required))
	if err != nil {
		return nil, err
	}
	req.Color, req.Width = color.RGBA{R: 200, A: 255}, vg.Points(1.5)
	sch, err := plotter.NewLine(steps(scheduled))
	if err != nil {
		return nil, err
	}
	sch.Color, sch.Width = color.RGBA{B: 200, A: 255}, vg.Points(1)
	p.Add(plotter.NewGrid(), req, sch)
	p.Legend.Add("required", req)
	p.Legend.Add("scheduled", sch)
	p.Legend.Top = true
	return p, nil
}
