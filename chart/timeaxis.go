package chart

import (
	"image/color"
	"math"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// timeAxis is an x axis of real hours since t0, marked with the local
// calendar of t0's zone: weekday and date ticks, and a line at every day
// (or week, or month) boundary. Boundaries are local midnights, so a
// 23-hour DST day is 23 hours wide.
type timeAxis struct{ t0 time.Time }

// x is t's position on the axis.
func (a timeAxis) x(t time.Time) float64 { return t.Sub(a.t0).Hours() }

// at is the time at position x.
func (a timeAxis) at(x float64) time.Time {
	return a.t0.Add(time.Duration(math.Round(x * float64(time.Hour))))
}

// Label density: up to dailyDays days are labelled day by day (on two
// lines from a week up, "Mon" over "24 Mar", to fit), up to weeklyDays on
// Mondays, longer spans on the first of each month.
const (
	dailyDays  = 16
	weeklyDays = 84
)

// midnight is the local midnight starting t's day.
func midnight(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}

// boundaries returns the x of the local day, Monday or month starts in
// [min, max], by the span's density.
func (a timeAxis) boundaries(min, max float64) []float64 {
	var xs []float64
	days := (max - min) / 24
	from := midnight(a.at(min))
	for d := from; a.x(d) <= max; d = d.AddDate(0, 0, 1) {
		switch {
		case a.x(d) < min:
			continue
		case days <= weeklyDays && (days <= dailyDays || d.Weekday() == time.Monday),
			days > weeklyDays && d.Day() == 1:
			xs = append(xs, a.x(d))
		}
	}
	return xs
}

// Ticks labels each day as "Mon 24 Mar" at its middle for spans up to
// dailyDays days, each Monday as "Mon 24 Mar" up to weeklyDays, and each
// month as "Mar 2025" beyond; up to weeklyDays, the day boundaries are
// minor ticks.
func (a timeAxis) Ticks(min, max float64) []plot.Tick {
	if !(max > min) {
		return nil
	}
	days := (max - min) / 24
	var ticks []plot.Tick
	if max-min <= 36 {
		return a.hourTicks(min, max)
	}
	for d := midnight(a.at(min)); a.x(d) <= max; d = d.AddDate(0, 0, 1) {
		x0, x1 := a.x(d), a.x(d.AddDate(0, 0, 1))
		if x0 >= min && days <= weeklyDays {
			ticks = append(ticks, plot.Tick{Value: x0}) // minor: the day's start
		}
		switch {
		case days <= dailyDays:
			// Label the visible part of the day in its middle, if
			// there is room for the label (a quarter of a day).
			lo, hi := math.Max(x0, min), math.Min(x1, max)
			layout := "Mon 2 Jan"
			if days > 7 {
				layout = "Mon\n2 Jan"
			}
			if hi-lo >= 6 {
				ticks = append(ticks, plot.Tick{Value: (lo + hi) / 2, Label: d.Format(layout)})
			}
		case days <= weeklyDays:
			if d.Weekday() == time.Monday && x0 >= min {
				ticks[len(ticks)-1].Label = d.Format("Mon 2 Jan")
			}
		default:
			if d.Day() == 1 && x0 >= min {
				ticks = append(ticks, plot.Tick{Value: x0, Label: d.Format("Jan 2006")})
			}
		}
	}
	return ticks
}

// hourTicks marks a span of up to a day and a half every 1, 2, 3, 6 or
// 12 hours of local clock time, at most 8 labels: "15:00", and the
// weekday and date with the first label and at midnight.
func (a timeAxis) hourTicks(min, max float64) []plot.Tick {
	every := 12
	for _, k := range []int{1, 2, 3, 6} {
		if (max-min)/float64(k) <= 8 {
			every = k
			break
		}
	}
	var ticks []plot.Tick
	t := a.at(min)
	t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), 0, 0, 0, t.Location()) // the local hour
	for ; a.x(t) <= max; t = t.Add(time.Hour) {
		if a.x(t) < min || t.Hour()%every != 0 {
			continue
		}
		label := t.Format("15:04")
		if len(ticks) == 0 || t.Hour() == 0 {
			label = t.Format("Mon 2 Jan 15:04")
		}
		ticks = append(ticks, plot.Tick{Value: a.x(t), Label: label})
	}
	return ticks
}

// separators draws a thin vertical line across the data at each boundary
// of the time axis: days, Mondays or months by the span.
type separators struct{ axis timeAxis }

func (s separators) Plot(c draw.Canvas, p *plot.Plot) {
	tx, _ := p.Transforms(&c)
	sty := draw.LineStyle{Color: color.Gray{Y: 150}, Width: vg.Points(0.75)}
	for _, x := range s.axis.boundaries(p.X.Min, p.X.Max) {
		c.StrokeLine2(sty, tx(x), c.Min.Y, tx(x), c.Max.Y)
	}
}

// useTimeAxis marks p's x axis as local time from t0, with boundaries
// drawn behind the data (so call it before adding the data).
func useTimeAxis(p *plot.Plot, t0 time.Time) timeAxis {
	a := timeAxis{t0: t0}
	p.X.Tick.Marker = a
	switch name := t0.Location().String(); name {
	case "UTC", "":
		p.X.Label.Text = "time (UTC" + t0.Format("-07:00") + ")" // a fixed offset has no name
		if t0.Format("-07:00") == "+00:00" {
			p.X.Label.Text = "time (UTC)"
		}
	case "Local":
		p.X.Label.Text = "local time"
	default:
		p.X.Label.Text = "local time (" + name + ")"
	}
	p.Add(separators{axis: a})
	return a
}
