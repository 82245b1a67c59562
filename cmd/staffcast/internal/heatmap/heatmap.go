// Package heatmap draws weekday × time-of-day demand with opening windows
// on it, as PNG or SVG, with gonum.org/v1/plot.
package heatmap

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"strings"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// Panel is one heat map: demand per weekday (Monday first) and slot, and
// the windows to outline per weekday (Close <= Open for none).
type Panel struct {
	Title   string
	Values  [7][]float64 // [Monday..Sunday][slot]
	Step    time.Duration
	Windows [7][2]time.Duration
}

type grid struct {
	v    [7][]float64
	step float64 // hours
}

func (g grid) Dims() (int, int)   { return len(g.v[0]), 7 }
func (g grid) Z(c, r int) float64 { return g.v[6-r][c] } // Monday on top
func (g grid) X(c int) float64    { return (float64(c) + 0.5) * g.step }
func (g grid) Y(r int) float64    { return float64(r) }
func (g grid) maxZ() (m float64) {
	for _, row := range g.v {
		for _, x := range row {
			m = math.Max(m, x)
		}
	}
	return m
}

var dayNames = []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}

// Write renders panels stacked vertically to w as "png" or "svg".
func Write(w io.Writer, format string, panels []Panel) error {
	if len(panels) == 0 {
		return fmt.Errorf("heatmap: nothing to draw")
	}
	const width, height = 9 * vg.Inch, 3.2 * vg.Inch
	canvas, err := newCanvas(format, width, height*vg.Length(len(panels)))
	if err != nil {
		return err
	}
	for i, p := range panels {
		pl, err := panel(p)
		if err != nil {
			return err
		}
		top := height * vg.Length(len(panels)-1-i)
		pl.Draw(subCanvas(canvas, top, width, height))
	}
	_, err = canvas.WriteTo(w)
	return err
}

func panel(p Panel) (*plot.Plot, error) {
	g := grid{v: p.Values, step: p.Step.Hours()}
	pl := plot.New()
	pl.Title.Text = p.Title
	pl.X.Label.Text = "local time of day (hour)"
	pl.X.Min, pl.X.Max = 0, 24
	pl.Y.Min, pl.Y.Max = -0.5, 6.5
	pl.Y.Tick.Marker = plot.ConstantTicks(dayTicks())
	pl.X.Tick.Marker = plot.ConstantTicks(hourTicks())
	pal := moreland.SmoothBlueRed()
	pal.SetMax(math.Max(g.maxZ(), 1e-9))
	pal.SetMin(0)
	hm := plotter.NewHeatMap(g, pal.Palette(64))
	pl.Add(hm)
	for d := 0; d < 7; d++ {
		w := p.Windows[d]
		if w[1] <= w[0] {
			continue
		}
		y := float64(6 - d)
		x0, x1 := w[0].Hours(), w[1].Hours()
		box, err := plotter.NewLine(plotter.XYs{{X: x0, Y: y - 0.45}, {X: x1, Y: y - 0.45}, {X: x1, Y: y + 0.45}, {X: x0, Y: y + 0.45}, {X: x0, Y: y - 0.45}})
		if err != nil {
			return nil, err
		}
		box.Color = color.Black
		box.Width = vg.Points(2)
		pl.Add(box)
	}
	return pl, nil
}

func dayTicks() []plot.Tick {
	t := make([]plot.Tick, 7)
	for d := 0; d < 7; d++ {
		t[d] = plot.Tick{Value: float64(6 - d), Label: dayNames[d]}
	}
	return t
}

func hourTicks() []plot.Tick {
	var t []plot.Tick
	for h := 0; h <= 24; h += 3 {
		t = append(t, plot.Tick{Value: float64(h), Label: fmt.Sprintf("%02d", h)})
	}
	return t
}

// FormatFromPath returns "png" or "svg" from a file name.
func FormatFromPath(path string) (string, error) {
	switch {
	case strings.HasSuffix(strings.ToLower(path), ".png"):
		return "png", nil
	case strings.HasSuffix(strings.ToLower(path), ".svg"):
		return "svg", nil
	}
	return "", fmt.Errorf("chart %q: want a .png or .svg file name", path)
}
