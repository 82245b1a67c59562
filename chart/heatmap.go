package chart

import (
	"fmt"
	"image/color"
	"math"
	"time"

	"github.com/staffcast/staffcast/staffing"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// mondayFirst is the order of the rows, top to bottom.
var mondayFirst = [7]time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

// HeatMap draws values per weekday and time of day in a sequential palette,
// pale yellow for 0 to dark red for the largest value, with a colour bar
// for the scale right of the map and the windows of open outlined in
// black on white, visible on any cell (a zero OpeningHours outlines none).
//
// values is indexed by time.Weekday, as hours.Week.Orders is; each day
// holds one value per slot of length step from midnight, every day the
// same number. A NaN value is a cell left blank (white); a negative or
// infinite one is an error.
func HeatMap(title string, values [7][]float64, step time.Duration, open staffing.OpeningHours) (*plot.Plot, error) {
	if step <= 0 {
		return nil, fmt.Errorf("chart: heat map step %v: want a positive duration", step)
	}
	slots := len(values[0])
	if slots == 0 {
		return nil, fmt.Errorf("chart: heat map: no values for %v", time.Weekday(0))
	}
	max := 0.0
	for d, row := range values {
		if len(row) != slots {
			return nil, fmt.Errorf("chart: heat map: %v has %d values and %v %d: want the same number every day", time.Weekday(d), len(row), time.Weekday(0), slots)
		}
		for i, v := range row {
			if math.IsInf(v, 0) || v < 0 {
				return nil, fmt.Errorf("chart: heat map: %v slot %d is %v: want a finite value ≥ 0, or NaN for none", time.Weekday(d), i, v)
			}
			if v > max { // false for NaN
				max = v
			}
		}
	}
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = "local time of day (hour)"
	p.Y.Label.Text = "weekday"
	p.X.Min, p.X.Max = 0, 24
	p.Y.Min, p.Y.Max = -0.5, 6.5
	var days, clock []plot.Tick
	for i, d := range mondayFirst {
		days = append(days, plot.Tick{Value: float64(6 - i), Label: d.String()[:3]})
	}
	for h := 0; h <= 24; h += 3 {
		clock = append(clock, plot.Tick{Value: float64(h), Label: fmt.Sprintf("%02d", h)})
	}
	p.Y.Tick.Marker, p.X.Tick.Marker = plot.ConstantTicks(days), plot.ConstantTicks(clock)
	top := max
	if !(top > 0) {
		top = 1 // an all-zero map still has a valid range
	}
	var scale plot.Ticker = countTicks{}
	if top < 5 {
		scale = plot.DefaultTicks{} // 0.35 rather than 0
	}
	cmap := sequential(top)
	hm := plotter.NewHeatMap(grid{v: values, step: step.Hours()}, cmap.Palette(64))
	hm.Min, hm.Max = 0, top
	hm.NaN = color.White
	p.Add(hm, colorBar{cmap: cmap, ticks: scale.Ticks(0, top)})
	for i, d := range mondayFirst {
		w := open.Days[d]
		if !w.IsOpen() {
			continue
		}
		y, x0, x1 := float64(6-i), w.Open.Hours(), w.Close.Hours()
		box, err := plotter.NewLine(plotter.XYs{{X: x0, Y: y - .45}, {X: x1, Y: y - .45}, {X: x1, Y: y + .45}, {X: x0, Y: y + .45}, {X: x0, Y: y - .45}})
		if err != nil {
			return nil, err
		}
		halo := *box
		box.Color, box.Width = color.Black, vg.Points(1.5)
		halo.Color, halo.Width = color.White, vg.Points(3.5)
		p.Add(&halo, box)
	}
	return p, nil
}

// grid is the heat map's view of the values: columns are slots, rows
// weekdays with Monday on top (row 6).
type grid struct {
	v    [7][]float64
	step float64 // hours
}

func (g grid) Dims() (int, int)   { return len(g.v[0]), 7 }
func (g grid) Z(c, r int) float64 { return g.v[mondayFirst[6-r]][c] }
func (g grid) X(c int) float64    { return (float64(c) + 0.5) * g.step }
func (g grid) Y(r int) float64    { return float64(r) }
