package chart

import (
	"fmt"
	"io"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Format is an image format Write can produce.
type Format string

// The formats.
const (
	PNG Format = "png"
	SVG Format = "svg"
)

// DPI is the resolution of PNG output: 96, a screen's, so that charts are
// sharp in a browser or notebook at their nominal size.
const DPI = 96

// FormatFromPath returns the format a file name asks for by its extension,
// .png or .svg (in any case).
func FormatFromPath(path string) (Format, error) {
	switch {
	case strings.HasSuffix(strings.ToLower(path), ".png"):
		return PNG, nil
	case strings.HasSuffix(strings.ToLower(path), ".svg"):
		return SVG, nil
	}
	return "", fmt.Errorf("chart %q: want a .png or .svg file name", path)
}

// Write draws plots stacked top to bottom, each width × height, to w in
// format f. The image is width × height·len(plots).
func Write(w io.Writer, f Format, width, height vg.Length, plots ...*plot.Plot) error {
	if len(plots) == 0 {
		return fmt.Errorf("chart: no plots to write")
	}
	if width <= 0 || height <= 0 {
		return fmt.Errorf("chart: size %v × %v: want positive lengths", width, height)
	}
	for i, p := range plots {
		if p == nil {
			return fmt.Errorf("chart: plot %d is nil", i)
		}
	}
	total := height * vg.Length(len(plots))
	var c interface {
		vg.CanvasSizer
		io.WriterTo
	}
	switch f {
	case PNG:
		c = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(width, total), vgimg.UseDPI(DPI))}
	case SVG:
		c = vgsvg.New(width, total)
	default:
		return fmt.Errorf("chart: format %q: want %q or %q", f, PNG, SVG)
	}
	for i, p := range plots {
		bottom := height * vg.Length(len(plots)-1-i) // the first plot on top
		p.Draw(draw.Canvas{Canvas: c, Rectangle: vg.Rectangle{
			Min: vg.Point{X: 0, Y: bottom},
			Max: vg.Point{X: width, Y: bottom + height},
		}})
	}
	_, err := c.WriteTo(w)
	return err
}
