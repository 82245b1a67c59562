package chart

import (
	"fmt"
	"image/color"
	"math"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// An Option adjusts what a chart says.
type Option func(*options)

type options struct {
	model string
}

// Model names the forecasting model in Forecast's legend:
// Model("auto: profile") labels the line "forecast (auto: profile)".
func Model(name string) Option { return func(o *options) { o.model = name } }

// Forecast draws a forecast (point) with its prediction band from low to
// high against what happened (actual), one value per interval starting at
// start[i]. actual, low and high may be nil to leave out the actual line
// or the band; otherwise every slice has len(start) values.
//
// The x axis is local time in start[0]'s zone, with weekday and date
// ticks and a line at each day boundary (each Monday or month on long
// spans). The interval is the shortest step between starts; values are
// drawn at the middle of their interval. Lines and the band break at a
// NaN, where the rows skip time, and at closed intervals, instead of
// joining across them. An interval is closed when nothing was expected
// and nothing happened: point 0 with a band of 0 to 0 (or none), and an
// actual of 0 or NaN (or none) — what the forecast models give for hours
// a line has never been open. The legend sits above the data; the y axis starts
// at 0 for data that are never negative and leaves headroom above the
// highest value. Its label says "volume per" the step; set
// p.Y.Label.Text to name the series.
func Forecast(title string, start []time.Time, actual, point, low, high []float64, opts ...Option) (*plot.Plot, error) {
	var o options
	for _, f := range opts {
		f(&o)
	}
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
		for i, v := range s.v {
			if math.IsInf(v, 0) {
				return nil, fmt.Errorf("chart: forecast: %s[%d] is %v: want a finite value, or NaN for none", s.name, i, v)
			}
		}
	}
	if (low == nil) != (high == nil) {
		return nil, fmt.Errorf("chart: forecast: a band needs both low and high")
	}
	step := time.Hour
	for i := 1; i < n; i++ {
		d := start[i].Sub(start[i-1])
		if d <= 0 {
			return nil, fmt.Errorf("chart: forecast: start[%d] %v is not after start[%d] %v", i, start[i], i-1, start[i-1])
		}
		if i == 1 || d < step {
			step = d
		}
	}

	p := plot.New()
	p.Title.Text = title
	axis := useTimeAxis(p, start[0])
	p.Y.Label.Text = "volume per " + per(step)
	x := func(i int) float64 { return axis.x(start[i].Add(step / 2)) }
	closed := func(i int) bool {
		return point[i] == 0 && (low == nil || low[i] == 0 && high[i] == 0) &&
			(actual == nil || actual[i] == 0 || math.IsNaN(actual[i]))
	}
	var k key
	lo, hi := math.Inf(1), math.Inf(-1)
	seen := func(v float64) {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}

	if low != nil {
		var first *plotter.Polygon
		for _, r := range runs(start, step, func(i int) bool { return !closed(i) && !math.IsNaN(low[i]) && !math.IsNaN(high[i]) }) {
			var band plotter.XYs
			for i := r[0]; i < r[1]; i++ {
				band = append(band, plotter.XY{X: x(i), Y: low[i]})
				seen(low[i])
			}
			for i := r[1] - 1; i >= r[0]; i-- {
				band = append(band, plotter.XY{X: x(i), Y: high[i]})
				seen(high[i])
			}
			poly, err := plotter.NewPolygon(band)
			if err != nil {
				return nil, fmt.Errorf("chart: forecast: band: %w", err)
			}
			poly.Color, poly.LineStyle.Width = color.NRGBA{R: 150, G: 180, B: 230, A: 160}, 0
			p.Add(poly)
			if first == nil {
				first = poly
			}
		}
		if first != nil {
			k.add("80% interval", first)
		}
	}
	name := "forecast"
	if o.model != "" {
		name = fmt.Sprintf("forecast (%s)", o.model)
	}
	for _, l := range []struct {
		name  string
		v     []float64
		color color.Color
		width vg.Length
	}{{name, point, color.RGBA{B: 200, A: 255}, vg.Points(1.5)}, {"actual", actual, color.Black, vg.Points(1)}} {
		var first *plotter.Line
		for _, r := range runs(start, step, func(i int) bool { return l.v != nil && !closed(i) && !math.IsNaN(l.v[i]) }) {
			var xy plotter.XYs
			for i := r[0]; i < r[1]; i++ {
				xy = append(xy, plotter.XY{X: x(i), Y: l.v[i]})
				seen(l.v[i])
			}
			line, err := plotter.NewLine(xy)
			if err != nil {
				return nil, fmt.Errorf("chart: forecast: %s line: %w", l.name, err)
			}
			line.Color, line.Width = l.color, l.width
			p.Add(line)
			if first == nil {
				first = line
			}
		}
		if first != nil {
			k.add(l.name, first)
		}
	}
	p.Add(&k)
	p.X.Min, p.X.Max = axis.x(start[0]), axis.x(start[n-1].Add(step))
	if math.IsInf(hi, 0) { // nothing but NaN
		lo, hi = 0, 0
	}
	if lo >= 0 {
		p.Y.Min = 0
	} else {
		p.Y.Min = lo - (hi-lo)/16
	}
	p.Y.Max = headroom(hi, false)
	if hi >= 5 {
		p.Y.Tick.Marker = countTicks{}
	}
	return p, nil
}

// per names a step for an axis label: "hour", "15 min", "day".
func per(step time.Duration) string {
	switch {
	case step == time.Hour:
		return "hour"
	case step == 24*time.Hour:
		return "day"
	case step < time.Hour && time.Hour%step == 0:
		return fmt.Sprintf("%d min", int(step.Minutes()))
	}
	return step.String()
}

// runs splits the intervals 0..len(start)-1 into maximal runs [from, to)
// of intervals that ok accepts and that follow each other without a gap:
// start[i+1] = start[i] + step. A line is drawn per run, so that it
// breaks at missing values and closed hours.
func runs(start []time.Time, step time.Duration, ok func(i int) bool) [][2]int {
	var rs [][2]int
	for i := range start {
		if !ok(i) {
			continue
		}
		if len(rs) > 0 {
			last := &rs[len(rs)-1]
			if last[1] == i && start[i].Sub(start[i-1]) == step {
				last[1]++
				continue
			}
		}
		rs = append(rs, [2]int{i, i + 1})
	}
	return rs
}
