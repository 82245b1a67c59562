package heatmap

import (
	"fmt"
	"image/color"
	"io"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// WriteCoverage draws required against scheduled agents per interval as
// step lines over the horizon, to w as "png" or "svg".
func WriteCoverage(w io.Writer, format string, start []time.Time, step time.Duration, required, scheduled []int) error {
	if len(start) == 0 {
		return fmt.Errorf("heatmap: nothing to draw")
	}
	pl := plot.New()
	pl.Title.Text = "required and scheduled agents"
	pl.X.Label.Text = fmt.Sprintf("hours from %s", start[0].Format("Mon 2006-01-02 15:04 -07"))
	pl.Y.Label.Text = "agents"
	steps := func(v []int) plotter.XYs {
		var xy plotter.XYs
		for i, x := range v {
			t0 := start[i].Sub(start[0]).Hours()
			xy = append(xy, plotter.XY{X: t0, Y: float64(x)}, plotter.XY{X: t0 + step.Hours(), Y: float64(x)})
		}
		return xy
	}
	req, err := plotter.NewLine(steps(required))
	if err != nil {
		return err
	}
	req.Color, req.Width = color.RGBA{R: 200, A: 255}, vg.Points(1.5)
	sch, err := plotter.NewLine(steps(scheduled))
	if err != nil {
		return err
	}
	sch.Color, sch.Width = color.RGBA{B: 200, A: 255}, vg.Points(1)
	pl.Add(plotter.NewGrid(), req, sch)
	pl.Legend.Add("required", req)
	pl.Legend.Add("scheduled", sch)
	pl.Legend.Top = true
	c, err := newCanvas(format, 11*vg.Inch, 4*vg.Inch)
	if err != nil {
		return err
	}
	pl.Draw(subCanvas(c, 0, 11*vg.Inch, 4*vg.Inch))
	_, err = c.WriteTo(w)
	return err
}
