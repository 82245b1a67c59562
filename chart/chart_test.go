package chart

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/staffcast/staffcast/staffing"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
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
	cov, err := Coverage("agents", hourly(48), time.Hour, make([]int, 48), ramp48int())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		plots []*plot.Plot
		w, h  int
	}{{[]*plot.Plot{hm}, 864, 307}, {[]*plot.Plot{hm, fc}, 864, 614}, {[]*plot.Plot{cov}, 864, 307}} {
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

func ramp48int() []int {
	v := make([]int, 48)
	for i := range v {
		v[i] = i % 7
	}
	return v
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
// (Sunday 21-22, the bottom row) dark red, an empty cell pale yellow, a NaN
// cell white, the edge of an opening window black, and Monday on top.
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
	const w, h = 9 * vg.Inch, 3.2 * vg.Inch
	for _, c := range []struct {
		what    string
		x, y    float64
		r, g, b func(uint32) bool
	}{
		{"Sunday 21:30, the peak", 21.5, 0, within(100, 160), below(40), below(60)},
		{"Monday 03:30, the peak", 3.5, 6, within(100, 160), below(40), below(60)},
		{"Sunday 03:30, zero", 3.5, 0, above(245), above(245), within(180, 225)},
		{"Saturday 04:30, NaN", 4.5, 1, above(250), above(250), above(250)},
		{"Tuesday 08:00, the window's edge", 8, 5, below(40), below(40), below(40)},
		{"Wednesday 08:00, no window", 8, 4, above(245), above(245), within(180, 225)},
	} {
		r, g, b := rgb(pixel(t, p, w, h, c.x, c.y))
		if !c.r(r) || !c.g(g) || !c.b(b) {
			t.Errorf("%s: pixel rgb(%d, %d, %d)", c.what, r, g, b)
		}
	}
}

func within(lo, hi uint32) func(uint32) bool {
	return func(x uint32) bool { return lo <= x && x <= hi }
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
	if r, g, _ := rgb(pixel(t, p, w, h, 21.75, 0)); r > 160 || g > 40 {
		t.Errorf("21:45 Sunday: rgb(%d, %d, _), want dark red", r, g)
	}
	if r, g, _ := rgb(pixel(t, p, w, h, 21.25, 0)); r < 245 || g < 245 {
		t.Errorf("21:15 Sunday: rgb(%d, %d, _), want pale", r, g)
	}
}

// luminance is the relative luminance of c (WCAG), 0 black to 1 white.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		x := float64(v) / 0xffff
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// TestHeatMapSequential: the palette of counts is sequential, darker for
// more all the way (a diverging map is lightest in the middle and fails),
// and the colour bar beside the map shows it: dark at its top, pale at its
// bottom, labelled in whole numbers from 0 up to the largest value.
func TestHeatMapSequential(t *testing.T) {
	m := sequential(200)
	prev := math.Inf(1)
	for v := 0.0; v <= 200; v += 5 {
		c, err := m.At(v)
		if err != nil {
			t.Fatal(err)
		}
		l := luminance(c)
		if l >= prev {
			t.Fatalf("luminance at %g is %.3f, not below %.3f at %g: not sequential", v, l, prev, v-5)
		}
		prev = l
	}
	if lo, _ := m.At(0); luminance(lo) < 0.9 {
		t.Errorf("0 is %v: want nearly white", lo)
	}

	p, err := HeatMap("orders", week(200), time.Hour, staffing.OpeningHours{})
	if err != nil {
		t.Fatal(err)
	}
	var bar *colorBar
	for _, pl := range plotters(t, p) {
		if b, ok := pl.(colorBar); ok {
			bar = &b
		}
	}
	if bar == nil {
		t.Fatal("no colour bar")
	}
	if bar.cmap.Min() != 0 || bar.cmap.Max() != 200 {
		t.Errorf("colour bar %g to %g, want 0 to 200", bar.cmap.Min(), bar.cmap.Max())
	}
	var labels []string
	for _, tk := range bar.ticks {
		if tk.Label != "" {
			labels = append(labels, tk.Label)
			if _, err := strconv.Atoi(tk.Label); err != nil {
				t.Errorf("colour bar label %q: want a whole number", tk.Label)
			}
		}
	}
	if len(labels) < 3 || labels[0] != "0" {
		t.Errorf("colour bar labels %q: want 0 and at least two more", labels)
	}
	// The bar is drawn right of the map, as tall as it.
	const w, h = 9 * vg.Inch, 3.2 * vg.Inch
	img := writePNG(t, w, h, p)
	dc := p.DataCanvas(draw.New(vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(DPI))))
	scale := float64(DPI) / 72
	x := int(float64(dc.Max.X+barGap+barWidth/2) * scale)
	top, bottom := img.Bounds().Dy()-int(float64(dc.Max.Y-2)*scale), img.Bounds().Dy()-int(float64(dc.Min.Y+2)*scale)
	if l := luminance(img.At(x, top)); l > 0.1 {
		t.Errorf("colour bar's top %v (luminance %.2f): want dark", img.At(x, top), l)
	}
	if l := luminance(img.At(x, bottom)); l < 0.9 {
		t.Errorf("colour bar's bottom %v (luminance %.2f): want pale", img.At(x, bottom), l)
	}
}

// plotters returns what p draws. gonum/plot keeps the list unexported, and
// the tests inspect the lines themselves rather than pixels.
func plotters(t *testing.T, p *plot.Plot) []plot.Plotter {
	t.Helper()
	f := reflect.ValueOf(p).Elem().FieldByName("plotters")
	if !f.IsValid() {
		t.Fatal("gonum/plot.Plot has no field plotters: update the test helper")
	}
	return reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem().Interface().([]plot.Plotter)
}

// lines returns the points of each line p draws, in the order added.
func lines(t *testing.T, p *plot.Plot) []plotter.XYs {
	var ls []plotter.XYs
	for _, pl := range plotters(t, p) {
		if l, ok := pl.(*plotter.Line); ok {
			ls = append(ls, l.XYs)
		}
	}
	return ls
}

// keyNames returns the legend's entries.
func keyNames(t *testing.T, p *plot.Plot) []string {
	var names []string
	for _, pl := range plotters(t, p) {
		if k, ok := pl.(*key); ok {
			for _, e := range k.entries {
				names = append(names, e.name)
			}
		}
	}
	return names
}

// majorLabels returns the labelled ticks of an axis over its range.
func majorLabels(a plot.Axis) []string {
	var ls []string
	for _, tk := range a.Tick.Marker.Ticks(a.Min, a.Max) {
		if tk.Label != "" {
			ls = append(ls, tk.Label)
		}
	}
	return ls
}

// TestForecastBand checks that the band is drawn between low and high and
// not outside it, and that the y axis starts at 0 with room above the band.
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
	if p.Y.Min != 0 || !(p.Y.Max > 80) {
		t.Errorf("y axis %g to %g: want 0 to above the band's top, 80", p.Y.Min, p.Y.Max)
	}
	for _, l := range majorLabels(p.Y) {
		if strings.Contains(l, ".") {
			t.Errorf("y label %q: want whole numbers", l)
		}
	}
	if p.X.Label.Text == "" || p.Y.Label.Text == "" {
		t.Errorf("axis labels x %q y %q: want both", p.X.Label.Text, p.Y.Label.Text)
	}
	if got := keyNames(t, p); strings.Join(got, "|") != "80% interval|forecast" {
		t.Errorf("legend %q, want the band and the forecast", got)
	}
}

// TestForecastModel: the legend names the model when told.
func TestForecastModel(t *testing.T) {
	p, err := Forecast("f", hourly(24), ramp(24, func(int) float64 { return 1 }), ramp(24, func(int) float64 { return 1 }), nil, nil, Model("auto: profile"))
	if err != nil {
		t.Fatal(err)
	}
	if got := keyNames(t, p); strings.Join(got, "|") != "forecast (auto: profile)|actual" {
		t.Errorf("legend %q", got)
	}
}

// TestForecastGaps: a series of weekday open hours, with closed nights
// and a missing value, is drawn as one line per stretch of open hours:
// no segment spans a closed night or the missing hour, on the real time
// axis (the nights keep their width).
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
	point := ramp(n, func(i int) float64 { return float64(i) + 1 })
	p, err := Forecast("f", start, actual, point, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	ls := lines(t, p)
	// 3 days of the forecast; the actual: day 1 broken at 12:00, days 2, 3.
	if len(ls) != 7 {
		t.Fatalf("%d lines, want 3 for the forecast and 4 for the actual", len(ls))
	}
	for i, l := range ls {
		for j := 1; j < len(l); j++ {
			if d := l[j].X - l[j-1].X; d != 1 {
				t.Errorf("line %d joins %g h and %g h: a segment of %g h, want 1", i, l[j-1].X, l[j].X, d)
			}
		}
	}
	// The axis spans the 62 hours from Monday 07:00 to Wednesday 21:00.
	if p.X.Min != 0 || p.X.Max != 62 {
		t.Errorf("x axis %g to %g, want 0 to 62", p.X.Min, p.X.Max)
	}
	if !(p.Y.Max > float64(n)) {
		t.Errorf("y axis to %g: want headroom above the highest value, %d", p.Y.Max, n)
	}
	if got := strings.Join(majorLabels(p.X), "|"); got != "Mon 20 Oct|Tue 21 Oct|Wed 22 Oct" {
		t.Errorf("x tick labels %q, want the three weekdays and dates", got)
	}
}

// TestForecastClosed: hours with nothing expected (0, band 0 to 0) and
// nothing recorded (NaN) or nothing happened (0) are closed and left out;
// a forecast of 0 with calls that did come, or a forecast for hours
// without a record (a holiday), is drawn.
func TestForecastClosed(t *testing.T) {
	start := hourly(72)
	point, low, high, actual := make([]float64, 72), make([]float64, 72), make([]float64, 72), make([]float64, 72)
	for i := range start {
		actual[i] = math.NaN()
		if h := start[i].Hour(); h >= 8 && h < 17 {
			point[i], low[i], high[i], actual[i] = 10, 8, 12, 11
		}
	}
	actual[27] = 2 // Sunday 04:00 (after the DST gap): calls that came although none were expected
	for i := 48; i < 72; i++ {
		actual[i] = math.NaN() // Monday: open, forecast, but no record
	}
	p, err := Forecast("f", start, actual, point, low, high)
	if err != nil {
		t.Fatal(err)
	}
	var spans []string
	for _, l := range lines(t, p) {
		spans = append(spans, fmt.Sprintf("%g-%g", l[0].X, l[len(l)-1].X))
	}
	// Forecast: Saturday 8-17, its 0 at Sunday 04:00, Sunday 8-17 (from
	// 24 + 7 hours after the DST gap), Monday 8-17 (Monday starts at 47);
	// the actual: Saturday, Sunday 04:00 alone, Sunday 8-17, no Monday.
	want := "8.5-16.5|27.5-27.5|31.5-39.5|55.5-63.5|8.5-16.5|27.5-27.5|31.5-39.5"
	if got := strings.Join(spans, "|"); got != want {
		t.Errorf("lines %s, want %s", got, want)
	}
}

// TestTimeAxis checks the ticks and day boundaries for spans from days to
// a year, over the spring DST change: 30 March 2025 is 23 hours long in
// Stockholm, so the boundaries fall at 0, 24 and 47 hours.
func TestTimeAxis(t *testing.T) {
	a := timeAxis{t0: time.Date(2025, 3, 29, 0, 0, 0, 0, stockholm)}
	if got := a.boundaries(0, 72); !reflect.DeepEqual(got, []float64{0, 24, 47, 71}) {
		t.Errorf("boundaries over the DST change %v, want 0 24 47 71", got)
	}
	day := regexp.MustCompile(`^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[ \n]([1-9]|[12][0-9]|3[01]) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)$`)
	clock := regexp.MustCompile(`^((Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([1-9]|[12][0-9]|3[01]) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) )?([01][0-9]|2[0-3]):00$`)
	month := regexp.MustCompile(`^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) 20[0-9][0-9]$`)
	for _, c := range []struct {
		days   float64
		labels int
		re     *regexp.Regexp
		first  string
	}{
		{0.5, 7, clock, "Sat 29 Mar 00:00"},
		{3, 3, day, "Sat 29 Mar"},
		{14, 14, day, "Sat\n29 Mar"},
		{56, 8, day, "Mon 31 Mar"}, // Mondays
		{365, 12, month, "Apr 2025"},
	} {
		var labels []string
		ticks := a.Ticks(0, c.days*24)
		if c.days > weeklyDays && len(ticks) > 13 {
			t.Errorf("%g days: %d ticks: want the months only, not a comb of days", c.days, len(ticks))
		}
		for _, tk := range ticks {
			if tk.Label == "" {
				continue
			}
			labels = append(labels, tk.Label)
			if !c.re.MatchString(tk.Label) {
				t.Errorf("%g days: tick label %q is not a weekday and date or a month", c.days, tk.Label)
			}
			if c.re == day && c.days > 16 && !strings.HasPrefix(tk.Label, "Mon") {
				t.Errorf("%g days: tick label %q: want Mondays only", c.days, tk.Label)
			}
		}
		if len(labels) != c.labels || labels[0] != c.first {
			t.Errorf("%g days: %d labels from %q, want %d from %q", c.days, len(labels), labels[0], c.labels, c.first)
		}
	}
}

// TestKeyHidesNoData: the legend is drawn above the data area, so a
// forecast that runs flat along the top of its axis is nowhere covered:
// the data area holds no legend text (dark pixels) at all.
func TestKeyHidesNoData(t *testing.T) {
	n := 72
	flat := ramp(n, func(int) float64 { return 100 })
	p, err := Forecast("f", hourly(n), nil, flat, flat, flat)
	if err != nil {
		t.Fatal(err)
	}
	const w, h = 9 * vg.Inch, 3.2 * vg.Inch
	img := writePNG(t, w, h, p)
	dc := p.DataCanvas(draw.New(vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(DPI))))
	scale := float64(DPI) / 72
	dark := 0
	for y := img.Bounds().Dy() - int(float64(dc.Max.Y)*scale) + 1; y < img.Bounds().Dy()-int(float64(dc.Min.Y)*scale)-1; y++ {
		for x := int(float64(dc.Min.X)*scale) + 1; x < int(float64(dc.Max.X)*scale)-1; x++ {
			if luminance(img.At(x, y)) < 0.02 {
				dark++
			}
		}
	}
	if dark > 0 {
		t.Errorf("%d black pixels inside the data area: the legend covers data", dark)
	}
	if names := keyNames(t, p); len(names) != 2 {
		t.Errorf("legend %q: want two entries", names)
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
		{"forecast, infinite point", "point[22] is +Inf", func() error {
			_, err := Forecast("t", start, nil, append(v23[:22:22], math.Inf(1), 1), nil, nil)
			return err
		}},
		{"forecast, infinite high", "high[22] is +Inf", func() error {
			_, err := Forecast("t", start, nil, v24, v24, append(v23[:22:22], math.Inf(1), 1))
			return err
		}},
		{"heat map, negative value", "Monday slot 2 is -1", func() error {
			v := week(1)
			v[time.Monday][2] = -1
			_, err := HeatMap("t", v, time.Hour, staffing.OpeningHours{})
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
// the DST change (23 hours on 30 March still span 23 hours of the axis);
// the agent axis runs from 0 to above the largest count in whole numbers.
func TestCoverageSteps(t *testing.T) {
	start := hourly(72)
	req := make([]int, 72)
	for i := range req {
		req[i] = 1 + i%5
	}
	p, err := Coverage("t", start, time.Hour, req, req)
	if err != nil {
		t.Fatal(err)
	}
	if p.X.Min != 0 || p.X.Max != 72 || p.Y.Min != 0 || !(p.Y.Max > 5) {
		t.Errorf("axes x %g..%g y %g..%g, want x 0..72 y 0..above 5", p.X.Min, p.X.Max, p.Y.Min, p.Y.Max)
	}
	// Monday's steps start 47 hours in, after the 23-hour Sunday.
	if l := lines(t, p)[0]; l[2*47].X != 47 || l[2*47].Y != float64(req[47]) {
		t.Errorf("interval 47 (Monday 00:00) drawn at %v, want x 47", l[2*47])
	}
	labels := majorLabels(p.Y)
	for _, l := range labels {
		if _, err := strconv.Atoi(l); err != nil {
			t.Errorf("agent axis label %q: want a whole number", l)
		}
	}
	if len(labels) < 3 {
		t.Errorf("agent axis labels %q: want at least 3", labels)
	}
	if got := strings.Join(majorLabels(p.X), "|"); got != "Sat 29 Mar|Sun 30 Mar|Mon 31 Mar" {
		t.Errorf("x tick labels %q", got)
	}
}

// TestCoverageGaps: closed hours (intervals missing from start, on the
// first night, or with nobody required or scheduled, on the second) are
// gaps in the required line and the scheduled area, not steps joined
// across the night.
func TestCoverageGaps(t *testing.T) {
	var start []time.Time
	var req []int
	for d := 0; d < 3; d++ {
		for h := 0; h < 24; h++ {
			if d == 0 && h >= 17 || d == 1 && h < 8 || d == 2 {
				continue // missing
			}
			start = append(start, time.Date(2025, 10, 20+d, h, 0, 0, 0, stockholm))
			req = append(req, 0)
			if h >= 8 && h < 17 {
				req[len(req)-1] = 3
			}
		}
	}
	p, err := Coverage("t", start, time.Hour, req, req)
	if err != nil {
		t.Fatal(err)
	}
	ls := lines(t, p)
	if len(ls) != 2 {
		t.Fatalf("%d required lines, want one a day", len(ls))
	}
	for i, l := range ls {
		if l[0].X != float64(24*i+8) || l[len(l)-1].X != float64(24*i+17) {
			t.Errorf("line %d from %g h to %g h, want %d to %d", i, l[0].X, l[len(l)-1].X, 24*i+8, 24*i+17)
		}
	}
	areas := 0
	for _, pl := range plotters(t, p) {
		if _, ok := pl.(*plotter.Polygon); ok {
			areas++
		}
	}
	if areas != 2 {
		t.Errorf("%d scheduled areas, want one a day", areas)
	}
	if got := keyNames(t, p); strings.Join(got, "|") != "scheduled|required" {
		t.Errorf("legend %q: want each entry once", got)
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
