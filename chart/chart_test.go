package chart

import (
	"bytes"
	"encoding/xml"
	"image"
	"image/color"
	"image/png"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/staffcast/staffcast/staffing"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

var stockholm = mustLoad("Europe/Stockholm")

func mustLoad(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

// hourly returns n hourly starts from 2025-03-29 00:00 in Stockholm, over
// the spring DST change (the 30th has 23 hours).
func hourly(n int) []time.Time {
	t0 := time.Date(2025, 3, 29, 0, 0, 0, 0, stockholm)
	s := make([]time.Time, n)
	for i := range s {
		s[i] = t0.Add(time.Duration(i) * time.Hour)
	}
	return s
}

func ramp(n int, f func(i int) float64) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = f(i)
	}
	return v
}

// week returns hourly values per weekday: zero, but for peak at Sunday
// 21-22.
func week(peak float64) [7][]float64 {
	var v [7][]float64
	for d := range v {
		v[d] = make([]float64, 24)
	}
	v[time.Sunday][21] = peak
	return v
}

func writePNG(t *testing.T, width, height vg.Length, plots ...*plot.Plot) image.Image {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, PNG, width, height, plots...); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&b)
	if err != nil {
		t.Fatalf("PNG does not decode: %v", err)
	}
	return img
}

// TestWriteSize checks the image sizes: the notebooks' 9 × 3.2 inch charts
// were 864 × 307 pixels at 96 dpi before the package existed; stacking
// adds the heights; SVG states its size in points (72 to the inch).
func TestWriteSize(t *testing.T) {
	hm, err := HeatMap("orders", week(10), time.Hour, staffing.OpeningHours{})
	if err != nil {
		t.Fatal(err)
	}
	fc, err := Forecast("calls", hourly(48), ramp(48, func(i int) float64 { return float64(i % 24) }), ramp(48, func(i int) float64 { return 12 }), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		plots []*plot.Plot
		w, h  int
	}{{[]*plot.Plot{hm}, 864, 307}, {[]*plot.Plot{hm, fc}, 864, 614}} {
		img := writePNG(t, 9*vg.Inch, 3.2*vg.Inch, c.plots...)
		if b := img.Bounds(); b.Dx() != c.w || b.Dy() != c.h {
			t.Errorf("%d plots: PNG %v × %v, want %d × %d", len(c.plots), b.Dx(), b.Dy(), c.w, c.h)
		}
		// Not blank: a chart has dark pixels (text, axes) and light ones.
		dark, light := 0, 0
		b := img.Bounds()
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				r, g, bl, _ := img.At(x, y).RGBA()
				switch l := (r + g + bl) / 3; {
				case l < 0x4000:
					dark++
				case l > 0xc000:
					light++
				}
			}
		}
		if dark < 100 || light < 1000 {
			t.Errorf("%d plots: %d dark and %d light pixels: looks blank", len(c.plots), dark, light)
		}

		var s bytes.Buffer
		if err := Write(&s, SVG, 9*vg.Inch, 3.2*vg.Inch, c.plots...); err != nil {
			t.Fatal(err)
		}
		var root struct {
			XMLName xml.Name
			Width   string `xml:"width,attr"`
			Height  string `xml:"height,attr"`
		}
		if err := xml.Unmarshal(s.Bytes(), &root); err != nil {
			t.Fatalf("SVG does not parse: %v", err)
		}
		wantH := 3.2 * 72 * float64(len(c.plots))
		h, err := strconv.ParseFloat(strings.TrimSuffix(root.Height, "pt"), 64)
		if root.XMLName.Local != "svg" || root.Width != "648pt" || err != nil || math.Abs(h-wantH) > 0.01 {
			t.Errorf("SVG root %s %s × %s, want svg 648pt × %gpt", root.XMLName.Local, root.Width, root.Height, wantH)
		}
		if !strings.Contains(s.String(), "calls") && len(c.plots) == 2 {
			t.Errorf("SVG lacks the second plot's title")
		}
	}
}

// pixel returns the colour of the PNG pixel at data point (x, y) of p
// drawn alone at width × height, by the plot's own transforms.
func pixel(t *testing.T, p *plot.Plot, width, height vg.Length, x, y float64) color.Color {
	t.Helper()
	img := writePNG(t, width, height, p)
	c := draw.New(vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(DPI)))
	tx, ty := p.Transforms(ptr(p.DataCanvas(c)))
	scale := float64(DPI) / 72
	px, py := int(float64(tx(x))*scale), img.Bounds().Dy()-1-int(float64(ty(y))*scale)
	return img.At(px, py)
}

func ptr[T any](v T) *T { return &v }

func rgb(c color.Color) (r, g, b uint32) {
	r, g, b, _ = c.RGBA()
	return r >> 8, g >> 8, b >> 8
}

// TestHeatMapColours checks what the map shows where: the peak cell
// (Sunday 21-22, the bottom row) red, an empty cell blue, the edge of
// an opening window black, and Monday on top.
func TestHeatMapColours(t *testing.T) {
	v := week(100)
	v[time.Monday][3] = 100
	v[time.Saturday][4] = math.NaN()
	open := staffing.OpeningHours{}
	open.Days[time.Tuesday] = staffing.Window{Open: 8 * time.Hour, Close: 17 * time.Hour}
	p, err := HeatMap("orders", v, time.Hour, open)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(p.Title.Text, "; blue 0 to red 100") {
		t.Errorf("title %q: want the scale's top, 100 (NaN ignored)", p.Title.Text)
	}
	const w, h = 9 * vg.Inch, 3.2 * vg.Inch
	for _, c := range []struct {
		what    string
		x, y    float64
		r, g, b func(uint32) bool
	}{
		{"Sunday 21:30, the peak", 21.5, 0, above(150), below(80), below(80)},
		{"Monday 03:30, the peak", 3.5, 6, above(150), below(80), below(80)},
		{"Sunday 03:30, zero", 3.5, 0, below(100), below(150), above(150)},
		{"Saturday 04:30, NaN", 4.5, 1, above(240), above(240), above(240)},
		{"Tuesday 08:00, the window's edge", 8, 5, below(40), below(40), below(40)},
		{"Wednesday 08:00, no window", 8, 4, below(150), below(200), above(150)},
	} {
		r, g, b := rgb(pixel(t, p, w, h, c.x, c.y))
		if !c.r(r) || !c.g(g) || !c.b(b) {
			t.Errorf("%s: pixel rgb(%d, %d, %d)", c.what, r, g, b)
		}
	}
}

func above(v uint32) func(uint32) bool { return func(x uint32) bool { return x > v } }
func below(v uint32) func(uint32) bool { return func(x uint32) bool { return x < v } }

// TestHeatMapStep draws 30-minute slots: slot 43 (21:30-22:00) is at 21.75 h.
func TestHeatMapStep(t *testing.T) {
	var v [7][]float64
	for d := range v {
		v[d] = make([]float64, 48)
	}
	v[time.Sunday][43] = 5
	p, err := HeatMap("orders", v, 30*time.Minute, staffing.OpeningHours{})
	if err != nil {
		t.Fatal(err)
	}
	const w, h = 9 * vg.Inch, 3.2 * vg.Inch
	if !strings.HasSuffix(p.Title.Text, "red 5") {
		t.Errorf("title %q: want the scale's top, 5", p.Title.Text)
	}
	if r, _, b := rgb(pixel(t, p, w, h, 21.75, 0)); r < 150 || b > 80 {
		t.Errorf("21:45 Sunday: rgb(%d, _, %d), want red", r, b)
	}
	if r, _, b := rgb(pixel(t, p, w, h, 21.25, 0)); r > 100 || b < 150 {
		t.Errorf("21:15 Sunday: rgb(%d, _, %d), want blue", r, b)
	}
}

// TestForecastBand checks that the band is drawn between low and high and
// not outside it.
func TestForecastBand(t *testing.T) {
	n := 48
	start := hourly(n)
	point := ramp(n, func(int) float64 { return 50 })
	low := ramp(n, func(int) float64 { return 40 })
	high := ramp(n, func(int) float64 { return 80 })
	p, err := Forecast("f", start, nil, point, low, high)
	if err != nil {
		t.Fatal(err)
	}
	const w, h = 9 * vg.Inch, 3.2 * vg.Inch
	inBand := func(c color.Color) bool { r, g, b := rgb(c); return b > 200 && r < 230 && r > 120 && g > 150 }
	if c := pixel(t, p, w, h, 10, 70); !inBand(c) {
		t.Errorf("inside the band (10 h, 70): %v", c)
	}
	if c := pixel(t, p, w, h, 10, 85); inBand(c) {
		t.Errorf("above the band (10 h, 85): %v", c)
	}
	if got := p.X.Label.Text; strings.Contains(got, "gaps") {
		t.Errorf("x label %q for a series without gaps", got)
	}
}

// TestForecastGaps: a series of weekday open hours is drawn row by row.
func TestForecastGaps(t *testing.T) {
	var start []time.Time
	for d := 0; d < 3; d++ {
		for h := 7; h < 21; h++ {
			start = append(start, time.Date(2025, 10, 20+d, h, 0, 0, 0, time.UTC))
		}
	}
	n := len(start)
	actual := ramp(n, func(i int) float64 { return float64(i) })
	actual[5] = math.NaN()
	p, err := Forecast("f", start, actual, actual, actual, actual)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(p.X.Label.Text, "gaps closed up") {
		t.Errorf("x label %q: want it to say the gaps are closed up", p.X.Label.Text)
	}
	// 42 rows over three days: the axis spans 41 hours, not the 61 between
	// the first and last start.
	if p.X.Min != 0 || p.X.Max != float64(n-1) {
		t.Errorf("x axis %g to %g, want 0 to %d", p.X.Min, p.X.Max, n-1)
	}
}

// TestBadInput: every argument that cannot be drawn is an error naming
// it, never a panic.
func TestBadInput(t *testing.T) {
	start := hourly(24)
	v24 := ramp(24, func(int) float64 { return 1 })
	v23 := ramp(23, func(int) float64 { return 1 })
	ragged := week(1)
	ragged[time.Wednesday] = v23
	unordered := hourly(24)
	unordered[3] = unordered[2]
	cases := []struct {
		name, want string
		err        func() error
	}{
		{"heat map, ragged days", "Wednesday has 23", func() error {
			_, err := HeatMap("t", ragged, time.Hour, staffing.OpeningHours{})
			return err
		}},
		{"heat map, no values", "no values", func() error {
			_, err := HeatMap("t", [7][]float64{}, time.Hour, staffing.OpeningHours{})
			return err
		}},
		{"heat map, zero step", "step 0s", func() error {
			_, err := HeatMap("t", week(1), 0, staffing.OpeningHours{})
			return err
		}},
		{"heat map, infinite value", "Friday slot 7 is +Inf", func() error {
			v := week(1)
			v[time.Friday][7] = math.Inf(1)
			_, err := HeatMap("t", v, time.Hour, staffing.OpeningHours{})
			return err
		}},
		{"forecast, infinite point", "forecast line: plotter: infinite", func() error {
			_, err := Forecast("t", start, nil, append(v23[:22:22], math.Inf(1), 1), nil, nil)
			return err
		}},
		{"forecast, infinite high", "band: plotter: infinite", func() error {
			_, err := Forecast("t", start, nil, v24, v24, append(v23[:22:22], math.Inf(1), 1))
			return err
		}},
		{"forecast, no intervals", "no intervals", func() error {
			_, err := Forecast("t", nil, nil, nil, nil, nil)
			return err
		}},
		{"forecast, short point", "point has 23 values for 24", func() error {
			_, err := Forecast("t", start, nil, v23, nil, nil)
			return err
		}},
		{"forecast, short actual", "actual has 23", func() error {
			_, err := Forecast("t", start, v23, v24, nil, nil)
			return err
		}},
		{"forecast, short high", "high has 23", func() error {
			_, err := Forecast("t", start, nil, v24, v24, v23)
			return err
		}},
		{"forecast, low without high", "both low and high", func() error {
			_, err := Forecast("t", start, nil, v24, v24, nil)
			return err
		}},
		{"forecast, starts not increasing", "start[3]", func() error {
			_, err := Forecast("t", unordered, nil, v24, nil, nil)
			return err
		}},
		{"coverage, short scheduled", "scheduled has 2 values for 24", func() error {
			_, err := Coverage("t", start, time.Hour, make([]int, 24), make([]int, 2))
			return err
		}},
		{"coverage, short required", "required has 0 values", func() error {
			_, err := Coverage("t", start, time.Hour, nil, make([]int, 24))
			return err
		}},
		{"coverage, zero step", "step 0s", func() error {
			_, err := Coverage("t", start, 0, make([]int, 24), make([]int, 24))
			return err
		}},
		{"write, no plots", "no plots", func() error { return Write(&bytes.Buffer{}, PNG, vg.Inch, vg.Inch) }},
		{"write, nil plot", "plot 0 is nil", func() error { return Write(&bytes.Buffer{}, PNG, vg.Inch, vg.Inch, nil) }},
		{"write, zero size", "want positive", func() error { return Write(&bytes.Buffer{}, SVG, 0, vg.Inch, plot.New()) }},
		{"write, unknown format", `format "pdf"`, func() error { return Write(&bytes.Buffer{}, "pdf", vg.Inch, vg.Inch, plot.New()) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.err()
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want one containing %q", err, c.want)
			}
		})
	}
}

// TestCoverageSteps: each interval is a flat step of its own length, over
// the DST change (23 hours on 30 March still span 23 hours of the axis).
func TestCoverageSteps(t *testing.T) {
	start := hourly(72)
	req := make([]int, 72)
	for i := range req {
		req[i] = i % 5
	}
	p, err := Coverage("t", start, time.Hour, req, req)
	if err != nil {
		t.Fatal(err)
	}
	if p.X.Min != 0 || p.X.Max != 72 || p.Y.Min != 0 || p.Y.Max != 4 {
		t.Errorf("axes x %g..%g y %g..%g, want x 0..72 y 0..4", p.X.Min, p.X.Max, p.Y.Min, p.Y.Max)
	}
}

func TestFormatFromPath(t *testing.T) {
	for _, c := range []struct {
		path string
		want Format
		ok   bool
	}{{"a.png", PNG, true}, {"dir/A.SVG", SVG, true}, {"a.pdf", "", false}, {"png", "", false}} {
		got, err := FormatFromPath(c.path)
		if got != c.want || (err == nil) != c.ok {
			t.Errorf("FormatFromPath(%q) = %q, %v", c.path, got, err)
		}
	}
}
