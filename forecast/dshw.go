package forecast

import (
	"math"
	"sort"
	"time"
)

// dshwParams are the smoothing constants of the DoubleSeasonal model:
// level (alpha), daily cycle (delta) and weekly cycle (omega).
type dshwParams struct{ alpha, delta, omega float64 }

// dshwGrid is what validation chooses from.
func dshwGrid() []dshwParams {
	var g []dshwParams
	for _, a := range []float64{0.001, 0.005, 0.02, 0.05} {
		for _, d := range []float64{0, 0.01, 0.05} {
			for _, o := range []float64{0.02, 0.05, 0.1, 0.2} {
				g = append(g, dshwParams{a, d, o})
			}
		}
	}
	return g
}

// dshwFit is double-seasonal exponential smoothing (Taylor 2003, J. Oper.
// Res. Soc. 54:799) in error-correction form, additive on z = log(1 + y)
// so that closed hours at zero need no division: with e the one-step
// error z − (ℓ + d[hour] + w[slot of the week]),
//
//	ℓ += alpha·e,  d[hour] += delta·e,  w[slot] += omega·e,
//
// and the forecast is exp(ℓ + d + w) − 1. There is no trend term, and
// Taylor's AR(1) adjustment of the errors is left out: it helps only the
// first hours of a horizon of days. Cycles
// are indexed by local clock time, so a daylight-saving change moves
// nothing; hours never recorded (nights of a daytime series) are skipped.
// It runs over the last profileWeeks weeks, starting from the means of
// their first four weeks.
type dshwFit struct {
	step       time.Duration
	perDay     int
	perWeek    int
	slot, hour []int
	z          []float64
	l0         float64
	d0, w0     []float64
	scale      float64 // robust scale of the starting state's errors
}

// newDSHWFit keeps the observations and the starting state.
func newDSHWFit(start []time.Time, y []float64, step time.Duration) *dshwFit {
	perDay := int(24 * time.Hour / step)
	f := &dshwFit{step: step, perDay: perDay, perWeek: 7 * perDay}
	last := start[len(start)-1]
	from := last.AddDate(0, 0, -7*profileWeeks)
	first := sort.Search(len(start), func(i int) bool { return start[i].After(from) })
	initEnd := start[first].AddDate(0, 0, 28)
	ds, dn := make([]float64, perDay), make([]float64, perDay)
	ws, wn := make([]float64, f.perWeek), make([]float64, f.perWeek)
	sum, n := 0.0, 0.0
	for i := first; i < len(start); i++ {
		if math.IsNaN(y[i]) {
			continue
		}
		s, h, z := slotOf(start[i], step), hourOf(start[i], step), math.Log1p(y[i])
		f.slot = append(f.slot, s)
		f.hour = append(f.hour, h)
		f.z = append(f.z, z)
		if start[i].Before(initEnd) {
			sum += z
			n++
			ds[h] += z
			dn[h]++
			ws[s] += z
			wn[s]++
		}
	}
	f.l0 = sum / math.Max(n, 1)
	f.d0 = make([]float64, perDay)
	for h := range ds {
		if dn[h] > 0 {
			f.d0[h] = ds[h]/dn[h] - f.l0
		}
	}
	f.w0 = make([]float64, f.perWeek)
	for s := range ws {
		if wn[s] > 0 {
			f.w0[s] = ws[s]/wn[s] - f.l0 - f.d0[s%perDay]
		}
	}
	// The error scale: the median absolute error of the starting state
	// over the open hours of the weeks that made it, times 1.4826 (the
	// MAD's factor to a normal standard deviation), and at least the
	// Poisson noise of the median open hour, 1/√median on the log scale,
	// so that a series too regular to show noise can still move to a new
	// level.
	var dev, open []float64
	for i := first; i < len(start) && start[i].Before(initEnd); i++ {
		if math.IsNaN(y[i]) || y[i] == 0 {
			continue
		}
		s, h := slotOf(start[i], step), hourOf(start[i], step)
		dev = append(dev, math.Abs(math.Log1p(y[i])-(f.l0+f.d0[h]+f.w0[s])))
		open = append(open, y[i])
	}
	f.scale = 1
	if len(dev) > 0 {
		sort.Float64s(dev)
		sort.Float64s(open)
		f.scale = math.Max(1.4826*dev[len(dev)/2], 1/math.Sqrt(math.Max(open[len(open)/2], 1)))
	}
	return f
}

// huberK is where the smoothing clips a one-step error, in units of the
// error scale: Huber's ψ with k = 2, so that a day unlike its kind (the
// surge after a holiday the series does not show, an outage) moves the
// level, day and week cycles as a 2σ error would instead of dragging them
// for the weeks ahead.
const huberK = 2

// hourOf is the interval's place in the day by local clock.
func hourOf(t time.Time, step time.Duration) int {
	return (t.Hour()*60 + t.Minute()) / int(step/time.Minute)
}

// predict runs the smoothing with constants p and forecasts future.
func (f *dshwFit) predict(p dshwParams, future []time.Time) []float64 {
	l := f.l0
	d := append([]float64(nil), f.d0...)
	w := append([]float64(nil), f.w0...)
	for i, z := range f.z {
		s, h := f.slot[i], f.hour[i]
		e := z - (l + d[h] + w[s])
		e = math.Max(-huberK*f.scale, math.Min(huberK*f.scale, e))
		l += p.alpha * e
		d[h] += p.delta * e
		w[s] += p.omega * e
	}
	out := make([]float64, len(future))
	for i, t := range future {
		out[i] = math.Max(0, math.Expm1(l+d[hourOf(t, f.step)]+w[slotOf(t, f.step)]))
	}
	return out
}
