package chart

import (
	"fmt"
	"image/color"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// Coverage draws the agents scheduled per interval as a shaded area and
// the agents required as a line over it: interval i starts at start[i]
// and lasts step, and required and scheduled have len(start) values each.
// Closed intervals, missing from start or with no agent required or
// scheduled, are gaps rather than steps at 0.
//
// The x axis is local time in start[0]'s zone with weekday and date ticks
// and day boundaries; the y axis counts agents in whole numbers from 0,
// with headroom above the highest value. The legend sits above the data.
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
	for i := 1; i < n; i++ {
		if d := start[i].Sub(start[i-1]); d < step {
			return nil, fmt.Errorf("chart: coverage: start[%d] %v is less than the step %v after start[%d] %v", i, start[i], step, i-1, start[i-1])
		}
	}
	p := plot.New()
	p.Title.Text = title
	axis := useTimeAxis(p, start[0])
	p.Y.Label.Text = "agents"
	p.Y.Tick.Marker = countTicks{}
	// steps is the outline of a run of intervals as flat steps.
	steps := func(v []int, r [2]int) plotter.XYs {
		xy := make(plotter.XYs, 0, 2*(r[1]-r[0]))
		for i := r[0]; i < r[1]; i++ {
			y := float64(v[i])
			xy = append(xy, plotter.XY{X: axis.x(start[i]), Y: y}, plotter.XY{X: axis.x(start[i].Add(step)), Y: y})
		}
		return xy
	}
	var k key
	top := 0
	for _, r := range runs(start, step, func(i int) bool { return required[i] != 0 || scheduled[i] != 0 }) {
		outline := steps(scheduled, r)
		poly := append(plotter.XYs{{X: outline[0].X, Y: 0}}, outline...)
		poly = append(poly, plotter.XY{X: outline[len(outline)-1].X, Y: 0})
		sch, err := plotter.NewPolygon(poly)
		if err != nil {
			return nil, err
		}
		sch.Color, sch.LineStyle.Width = color.NRGBA{R: 120, G: 160, B: 220, A: 255}, 0
		req, err := plotter.NewLine(steps(required, r))
		if err != nil {
			return nil, err
		}
		req.Color, req.Width = color.RGBA{R: 190, G: 20, B: 20, A: 255}, vg.Points(1.5)
		p.Add(sch, req)
		if len(k.entries) == 0 {
			k.add("scheduled", sch)
			k.add("required", req)
		}
		for i := r[0]; i < r[1]; i++ {
			top = max(top, required[i], scheduled[i])
		}
	}
	p.Add(&k)
	p.X.Min, p.X.Max = axis.x(start[0]), axis.x(start[n-1].Add(step))
	p.Y.Min, p.Y.Max = 0, headroom(float64(top), true)
	return p, nil
}
