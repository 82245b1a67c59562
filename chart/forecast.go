package chart

import (
	"fmt"
	"image/color"
	"math"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

// Forecast draws a forecast (point) with its prediction band from low to
// high against what happened (actual), one value per interval starting at
// start[i]. actual, low and high may be nil to leave out the actual line
// or the band; otherwise every slice has len(start) values, NaN for
// missing.
//
// The x axis counts hours from start[0] in steps of the shortest
// interval between starts, one step per row: a series whose rows skip
// time (a line closed at night and at weekends) is drawn with the gaps
// closed up rather than as long straight lines across them, and the axis
// label says so.
func Forecast(title string, start []time.Time, actual, point, low, high []float64) (*plot.Plot, error) {
	n := len(start)
	if n == 0 {
		return nil, fmt.Errorf("chart: forecast: no intervals to draw")
	}
	for _, s := range []struct {
		name string
		v    []float64
	}{{"actual", actual}, {"point", point}, {"low", low}, {"high", high}} {
		if (s.v != nil || s.name == "point") && len(s.v) != n {
			return nil, fmt.Errorf("chart: forecast: %s has %d values for %d intervals", s.name, len(s.v), n)
		}
	}
	if (low == nil) != (high == nil) {
		return nil, fmt.Errorf("chart: forecast: a band needs both low and high")
	}
	step := time.Duration(math.MaxInt64)
	for i := 1; i < n; i++ {
		d := start[i].Sub(start[i-1])
		if d <= 0 {
			return nil, fmt.Errorf("chart: forecast: start[%d] %v is not after start[%d] %v", i, start[i], i-1, start[i-1])
		}
		step = min(step, d)
	}
	if n == 1 {
		step = time.Hour
	}
	gaps := start[n-1].Sub(start[0]) != time.Duration(n-1)*step
	x := func(i int) float64 { return float64(i) * step.Hours() }

	p := plot.New()
	p.Title.Text = title
	from := start[0].Format("Mon 2006-01-02 15:04 -07")
	p.X.Label.Text = "hours from " + from
	if gaps {
		p.X.Label.Text = fmt.Sprintf("hours of the series from %s, its gaps closed up", from)
	}
	p.Add(plotter.NewGrid())
	if low != nil {
		var band plotter.XYs
		for i := range n {
			if !math.IsNaN(low[i]) && !math.IsNaN(high[i]) {
				band = append(band, plotter.XY{X: x(i), Y: low[i]})
			}
		}
		for i := n - 1; i >= 0; i-- {
			if !math.IsNaN(low[i]) && !math.IsNaN(high[i]) {
				band = append(band, plotter.XY{X: x(i), Y: high[i]})
			}
		}
		if len(band) > 0 {
			poly, err := plotter.NewPolygon(band)
			if err != nil {
				return nil, fmt.Errorf("chart: forecast: band: %w", err)
			}
			poly.Color, poly.LineStyle.Width = color.NRGBA{R: 150, G: 180, B: 230, A: 140}, 0
			p.Add(poly)
			p.Legend.Add("prediction interval", poly)
		}
	}
	for _, l := range []struct {
		name  string
		v     []float64
		color color.Color
	}{{"forecast", point, color.RGBA{B: 200, A: 255}}, {"actual", actual, color.Black}} {
		var xy plotter.XYs
		for i, y := range l.v {
			if !math.IsNaN(y) {
				xy = append(xy, plotter.XY{X: x(i), Y: y})
			}
		}
		if len(xy) == 0 {
			continue
		}
		line, err := plotter.NewLine(xy)
		if err != nil {
			return nil, fmt.Errorf("chart: forecast: %s line: %w", l.name, err)
		}
		line.Color = l.color
		p.Add(line)
		p.Legend.Add(l.name, line)
	}
	p.Legend.Top = true
	return p, nil
}
