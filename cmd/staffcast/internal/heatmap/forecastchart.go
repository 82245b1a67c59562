package heatmap

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// WriteForecast draws actual values against a forecast with its
// prediction band, to w as "png" or "svg".
func WriteForecast(w io.Writer, format, title string, start []time.Time, actual, point, low, high []float64) error {
	if len(start) == 0 {
		return fmt.Errorf("heatmap: nothing to draw")
	}
	pl := plot.New()
	pl.Title.Text = title
	pl.X.Label.Text = fmt.Sprintf("hours from %s", start[0].Format("Mon 2006-01-02 15:04 -07"))
	x := func(i int) float64 { return start[i].Sub(start[0]).Hours() }
	var band plotter.XYs
	for i := range low {
		band = append(band, plotter.XY{X: x(i), Y: low[i]})
	}
	for i := len(high) - 1; i >= 0; i-- {
		band = append(band, plotter.XY{X: x(i), Y: high[i]})
	}
	poly, err := plotter.NewPolygon(band)
	if err != nil {
		return err
	}
	poly.Color = color.NRGBA{R: 150, G: 180, B: 230, A: 120}
	poly.LineStyle.Width = 0
	line := func(v []float64, c color.Color) (*plotter.Line, error) {
		var xy plotter.XYs
		for i, y := range v {
			if !math.IsNaN(y) {
				xy = append(xy, plotter.XY{X: x(i), Y: y})
			}
		}
		l, err := plotter.NewLine(xy)
		if err == nil {
			l.Color = c
		}
		return l, err
	}
	fc, err := line(point, color.RGBA{B: 200, A: 255})
	if err != nil {
		return err
	}
	pl.Add(plotter.NewGrid(), poly, fc)
	pl.Legend.Add("forecast", fc)
	pl.Legend.Add("prediction interval", poly)
	if actual != nil {
		ac, err := line(actual, color.Black)
		if err != nil {
			return err
		}
		pl.Add(ac)
		pl.Legend.Add("actual", ac)
	}
	pl.Legend.Top = true
	c, err := newCanvas(format, 11*vg.Inch, 4*vg.Inch)
	if err != nil {
		return err
	}
	pl.Draw(subCanvas(c, 0, 11*vg.Inch, 4*vg.Inch))
	_, err = c.WriteTo(w)
	return err
}
