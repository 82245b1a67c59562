package chart

import (
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// key is a legend laid out in one row above the data area, right-aligned
// under the title, so that it hides no data whatever the series do. It
// reserves its strip through GlyphBoxes, which is how gonum/plot makes
// room for anything drawn outside the data area. (plot.Legend draws
// inside the data area, over whatever is there.)
type key struct {
	entries []keyEntry
}

type keyEntry struct {
	name  string
	thumb plot.Thumbnailer
}

func (k *key) add(name string, thumb plot.Thumbnailer) {
	k.entries = append(k.entries, keyEntry{name, thumb})
}

// Layout, relative to the legend's text: the swatch is two ems wide, and
// entries are two ems apart.
func (k *key) metrics(p *plot.Plot) (em, height, width vg.Length) {
	sty := p.Legend.TextStyle
	em = sty.Width("M")
	height = sty.Height("Mg")
	for i, e := range k.entries {
		if i > 0 {
			width += 2 * em
		}
		width += 2*em + em/2 + sty.Width(e.name)
	}
	return em, height, width
}

// gap is the space between the key and the data area; margin keeps the
// data and the key's last word off the right edge of the image.
const (
	gap    = vg.Length(4)
	margin = vg.Length(8)
)

func (k *key) GlyphBoxes(p *plot.Plot) []plot.GlyphBox {
	if len(k.entries) == 0 {
		return nil
	}
	_, h, w := k.metrics(p)
	return []plot.GlyphBox{{X: 1, Y: 1, Rectangle: vg.Rectangle{
		Min: vg.Point{X: -w, Y: 0},
		Max: vg.Point{X: margin, Y: h + 2*gap}, // and a margin right of the data
	}}}
}

func (k *key) Plot(c draw.Canvas, p *plot.Plot) {
	if len(k.entries) == 0 {
		return
	}
	sty := p.Legend.TextStyle
	sty.XAlign, sty.YAlign = draw.XLeft, draw.YBottom
	em, h, w := k.metrics(p)
	x := c.Max.X - w
	y := c.Max.Y + gap
	for _, e := range k.entries {
		thumb := draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
			Min: vg.Point{X: x, Y: y + h*0.15},
			Max: vg.Point{X: x + 2*em, Y: y + h*0.85},
		}}
		e.thumb.Thumbnail(&thumb)
		x += 2*em + em/2
		c.FillText(sty, vg.Point{X: x, Y: y + vg.Length(math.Max(0, float64(sty.FontExtents().Descent)))}, e.name)
		x += sty.Width(e.name) + 2*em
	}
}
