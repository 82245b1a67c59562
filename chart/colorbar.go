package chart

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// sequential returns the heat map's colour map over [0, max]: ColorBrewer's
// YlOrRd, pale yellow for none to dark red for the most, interpolated
// evenly in luminance. A sequential map reads as "more is darker"; a
// diverging one (blue-white-red) makes middle values look neutral.
func sequential(max float64) palette.ColorMap {
	dark := []color.Color{ // dark to light, as NewLuminance wants them
		color.RGBA{0x80, 0x00, 0x26, 0xff},
		color.RGBA{0xbd, 0x00, 0x26, 0xff},
		color.RGBA{0xe3, 0x1a, 0x1c, 0xff},
		color.RGBA{0xfc, 0x4e, 0x2a, 0xff},
		color.RGBA{0xfd, 0x8d, 0x3c, 0xff},
		color.RGBA{0xfe, 0xb2, 0x4c, 0xff},
		color.RGBA{0xfe, 0xd9, 0x76, 0xff},
		color.RGBA{0xff, 0xed, 0xa0, 0xff},
		color.RGBA{0xff, 0xff, 0xcc, 0xff},
	}
	m, err := moreland.NewLuminance(dark)
	if err != nil {
		panic(err) // the controls above are ordered by luminance
	}
	m = palette.Reverse(m)
	m.SetMin(0)
	m.SetMax(max)
	return m
}

// colorBar is the heat map's scale: a vertical bar right of the data
// area, as tall as it, with ticks labelled without decimals. It reserves
// its margin through GlyphBoxes.
type colorBar struct {
	cmap  palette.ColorMap
	ticks []plot.Tick
}

// Layout of the bar: a gap, the bar, a tick, a small gap, the labels.
const (
	barGap   = vg.Length(10)
	barWidth = vg.Length(12)
	barTick  = vg.Length(3)
)

func (b colorBar) labelWidth(p *plot.Plot) vg.Length {
	var w vg.Length
	for _, t := range b.ticks {
		w = max(w, p.Y.Tick.Label.Width(t.Label))
	}
	return w
}

func (b colorBar) GlyphBoxes(p *plot.Plot) []plot.GlyphBox {
	return []plot.GlyphBox{{X: 1, Y: 0.5, Rectangle: vg.Rectangle{
		Max: vg.Point{X: barGap + barWidth + barTick + 2 + b.labelWidth(p)},
	}}}
}

func (b colorBar) Plot(c draw.Canvas, p *plot.Plot) {
	const n = 64
	x0, x1 := c.Max.X+barGap, c.Max.X+barGap+barWidth
	lo, hi := b.cmap.Min(), b.cmap.Max()
	y := func(v float64) vg.Length { return c.Min.Y + vg.Length((v-lo)/(hi-lo))*(c.Max.Y-c.Min.Y) }
	for i := range n {
		v0, v1 := lo+(hi-lo)*float64(i)/n, lo+(hi-lo)*float64(i+1)/n
		col, err := b.cmap.At((v0 + v1) / 2)
		if err != nil {
			continue
		}
		// Overlap the next cell by a hair so that no seam shows.
		c.FillPolygon(col, []vg.Point{{X: x0, Y: y(v0)}, {X: x1, Y: y(v0)}, {X: x1, Y: y(v1) + 0.5}, {X: x0, Y: y(v1) + 0.5}})
	}
	frame := draw.LineStyle{Color: color.Gray{Y: 80}, Width: vg.Points(0.5)}
	c.StrokeLines(frame, []vg.Point{{X: x0, Y: c.Min.Y}, {X: x1, Y: c.Min.Y}, {X: x1, Y: c.Max.Y}, {X: x0, Y: c.Max.Y}, {X: x0, Y: c.Min.Y}})
	sty := p.Y.Tick.Label
	sty.XAlign, sty.YAlign = draw.XLeft, draw.YCenter
	for _, t := range b.ticks {
		if t.IsMinor() || t.Value < lo || t.Value > hi {
			continue
		}
		c.StrokeLine2(frame, x1, y(t.Value), x1+barTick, y(t.Value))
		c.FillText(sty, vg.Point{X: x1 + barTick + 2, Y: y(t.Value)}, t.Label)
	}
}
