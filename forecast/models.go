package forecast

import (
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/staffcast/staffcast/clock"
	"github.com/staffcast/staffcast/forecast/calendar"
	"gonum.org/v1/gonum/mat"
)

// predict forecasts future with model m fitted on the history, with the
// constants c of the tuned models.
func predict(m Model, start []time.Time, y []float64, step time.Duration, future []time.Time, opt Options, c tuned) ([]float64, []error, error) {
	var p []float64
	var warns []error
	switch m {
	case SeasonalNaive:
		p = lagged(start, y, future, 1)
	case WeekMean:
		k := opt.Weeks
		if k == 0 {
			k = 4
		}
		p = lagged(start, y, future, k)
	case Regression:
		var err error
		if p, warns, err = regression(start, y, step, future, opt); err != nil {
			return nil, nil, err
		}
	case Profile:
		p = newProfileFit(start, y, step).predict(c.profile, future)
	case RecentProfile:
		p = newProfileFit(start, y, step).predict(c.recent, future)
	case DoubleSeasonal:
		p = newDSHWFit(start, y, step).predict(c.dshw, future)
	default:
		return nil, nil, fmt.Errorf("forecast: model %v cannot predict", m)
	}
	closeUnseen(p, openSlots(start, y, step), future, step)
	return p, warns, nil
}

// closeUnseen sets to zero the forecasts of slots of the week that
// history never saw open, and any negative or NaN forecast.
func closeUnseen(p []float64, open map[int]bool, future []time.Time, step time.Duration) {
	for i, t := range future {
		if !open[slotOf(t, step)] || math.IsNaN(p[i]) || p[i] < 0 {
			p[i] = 0
		}
	}
}

// slotOf is the interval's place in the week by local clock: weekday and
// time of day.
func slotOf(t time.Time, step time.Duration) int {
	perDay := int(24 * time.Hour / step)
	return int(t.Weekday())*perDay + int(clock.Of(t)/step)
}

// openSlots marks the slots of the week that had a non-zero observation
// in the last eight weeks of history: the others are closed, or unknown,
// and forecast as zero.
func openSlots(start []time.Time, y []float64, step time.Duration) map[int]bool {
	open := map[int]bool{}
	from := start[len(start)-1].AddDate(0, 0, -56)
	for i := len(start) - 1; i >= 0 && start[i].After(from); i-- {
		if v := y[i]; !math.IsNaN(v) && v > 0 {
			open[slotOf(start[i], step)] = true
		}
	}
	return open
}

func wallKey(t time.Time) int64 {
	y, m, d := t.Date()
	return time.Date(y, m, d, t.Hour(), t.Minute(), 0, 0, time.UTC).Unix()
}

// lagged averages, for each future time, the values at the same local
// clock time 1, 2, ... weeks earlier, taking the k most recent weeks that
// history holds. k = 1 is the seasonal naive forecast.
func lagged(start []time.Time, y []float64, future []time.Time, k int) []float64 {
	byWall := make(map[int64]float64, len(start))
	for i, t := range start {
		if !math.IsNaN(y[i]) {
			byWall[wallKey(t)] = y[i]
		}
	}
	last := start[len(start)-1]
	out := make([]float64, len(future))
	for i, t := range future {
		sum, n := 0.0, 0
		for j := 1; n < k && j <= k+60; j++ {
			back := t.AddDate(0, 0, -7*j)
			if back.After(last) {
				continue // still in the future: go back another week
			}
			if v, ok := byWall[wallKey(back)]; ok {
				sum += v
				n++
			}
		}
		if n > 0 {
			out[i] = sum / float64(n)
		}
	}
	return out
}

// features describes the regression's columns.
type features struct {
	step     time.Duration
	perWeek  int
	yearly   int // Fourier pairs of the day of the year
	trend    bool
	origin   time.Time
	events   []calendar.Event
	eventCol map[string]int // event group → first of its columns
	counts   map[string]int // occurrences of each event name in history
	byDay    map[int64][]eventRef
	p        int
}

const dayParts = 4 // events act separately on night, morning, afternoon, evening

func eventGroup(e calendar.Event, counts map[string]int) string {
	if e.Kind == calendar.Retail && counts[e.Name] >= 2 {
		return "retail:" + e.Name
	}
	return fmt.Sprint("kind:", int(e.Kind))
}

// yearlySpan is the history the regression needs for yearly terms.
const yearlySpan = 2 * 365 * 24 * time.Hour

// errNoYearly says that a short history left out the yearly cycle. The
// Profile and DoubleSeasonal models never model it (they follow the
// level of recent weeks instead), so it is said of them too.
var errNoYearly = errors.New("forecast: under two years of history: yearly seasonality left out")

func newFeatures(start []time.Time, step time.Duration, events []calendar.Event) (*features, []error) {
	f := &features{step: step, perWeek: int(7 * 24 * time.Hour / step), trend: true, origin: start[len(start)-1], eventCol: map[string]int{}}
	var warns []error
	span := start[len(start)-1].Sub(start[0])
	if span >= yearlySpan {
		f.yearly = 4
	} else {
		warns = append(warns, errNoYearly)
	}
	if span < 8*7*24*time.Hour {
		f.trend = false
		warns = append(warns, errors.New("forecast: under eight weeks of history: trend left out"))
	}
	f.p = f.perWeek + 2*f.yearly
	if f.trend {
		f.p++
	}
	// Events seen in history get columns: in-event by part of day, and
	// the days before and after.
	first, last := start[0], start[len(start)-1]
	counts := map[string]int{}
	for _, e := range events {
		if e.End.After(first) && e.Start.Before(last) {
			counts[e.Name]++
		}
	}
	for _, e := range events {
		if !(e.End.After(first) && e.Start.Before(last)) {
			continue
		}
		g := eventGroup(e, counts)
		if _, ok := f.eventCol[g]; !ok {
			f.eventCol[g] = f.p
			f.p += dayParts + 2
		}
		f.events = append(f.events, e)
	}
	// Future-only events of a group seen in history act through it.
	for _, e := range events {
		if e.Start.After(last) {
			if _, ok := f.eventCol[eventGroup(e, counts)]; ok {
				f.events = append(f.events, e)
			}
		}
	}
	f.counts = counts
	f.index()
	return f, warns
}

// eventRef is an event's effect on one local day: inside it (with the
// hours it covers), or in its window before or after.
type eventRef struct {
	e    *calendar.Event
	base int
	kind int // 0 inside, 1 before, 2 after
}

// index lists, per local day, the events that touch it, so that a row
// looks up its day instead of scanning every event.
func (f *features) index() {
	f.byDay = map[int64][]eventRef{}
	for i := range f.events {
		e := &f.events[i]
		base := f.eventCol[eventGroup(*e, f.counts)]
		add := func(from, to time.Time, kind int) {
			for d := dayOf(from); d.Before(to); d = d.AddDate(0, 0, 1) {
				k := wallKey(d)
				f.byDay[k] = append(f.byDay[k], eventRef{e, base, kind})
			}
		}
		add(e.Start, e.End, 0)
		if e.Before > 0 {
			add(e.Start.AddDate(0, 0, -e.Before), e.Start, 1)
		}
		if e.After > 0 {
			add(e.End, e.End.AddDate(0, 0, e.After), 2)
		}
	}
}

func dayOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}

// row returns the non-zero columns of time t and their values.
func (f *features) row(t time.Time, cols []int, vals []float64) ([]int, []float64) {
	cols, vals = cols[:0], vals[:0]
	cols = append(cols, slotOf(t, f.step))
	vals = append(vals, 1)
	c := f.perWeek
	if f.yearly > 0 {
		doy := float64(t.YearDay()) / 365.25
		for k := 1; k <= f.yearly; k++ {
			s, co := math.Sincos(2 * math.Pi * float64(k) * doy)
			cols = append(cols, c, c+1)
			vals = append(vals, s, co)
			c += 2
		}
	}
	if f.trend {
		cols = append(cols, c)
		vals = append(vals, t.Sub(f.origin).Hours()/(24*365))
	}
	for _, r := range f.byDay[wallKey(dayOf(t))] {
		switch {
		case r.kind == 0 && !t.Before(r.e.Start) && t.Before(r.e.End):
			cols = append(cols, r.base+t.Hour()*dayParts/24)
		case r.kind == 1 && t.Before(r.e.Start):
			cols = append(cols, r.base+dayParts)
		case r.kind == 2 && !t.Before(r.e.End):
			cols = append(cols, r.base+dayParts+1)
		default:
			continue
		}
		vals = append(vals, 1)
	}
	return cols, vals
}

// regression fits log1p(y) on the week profile, yearly Fourier terms, a
// trend and calendar events by weighted ridge least squares (recent
// weeks weigh more, half-life Options.HalfLife) and forecasts future.
func regression(start []time.Time, y []float64, step time.Duration, future []time.Time, opt Options) ([]float64, []error, error) {
	f, warns := newFeatures(start, step, opt.Events)
	half := opt.HalfLife
	if half == 0 {
		half = 12 * 7 * 24 * time.Hour
	}
	p := f.p
	xtx := make([]float64, p*p)
	xty := make([]float64, p)
	var cols []int
	var vals []float64
	last := start[len(start)-1]
	for i, t := range start {
		v := y[i]
		if math.IsNaN(v) {
			continue
		}
		w := math.Exp2(-last.Sub(t).Hours() / half.Hours())
		cols, vals = f.row(t, cols, vals)
		ly := math.Log1p(v)
		for a, ca := range cols {
			wa := w * vals[a]
			xty[ca] += wa * ly
			for b, cb := range cols {
				xtx[ca*p+cb] += wa * vals[b]
			}
		}
	}
	// A small ridge keeps columns of slots or events never seen solvable
	// (their coefficients stay near zero).
	trace := 0.0
	for i := 0; i < p; i++ {
		trace += xtx[i*p+i]
	}
	ridge := 1e-8 * trace / float64(p)
	for i := 0; i < p; i++ {
		xtx[i*p+i] += ridge
	}
	var chol mat.Cholesky
	if ok := chol.Factorize(mat.NewSymDense(p, xtx)); !ok {
		return nil, nil, errors.New("forecast: regression is singular: the history has too little variety")
	}
	beta := mat.NewVecDense(p, nil)
	if err := chol.SolveVecTo(beta, mat.NewVecDense(p, xty)); err != nil {
		return nil, nil, fmt.Errorf("forecast: regression: %w", err)
	}
	out := make([]float64, len(future))
	for i, t := range future {
		cols, vals = f.row(t, cols, vals)
		s := 0.0
		for a, ca := range cols {
			s += beta.AtVec(ca) * vals[a]
		}
		out[i] = math.Max(0, math.Expm1(s))
	}
	return out, warns, nil
}
