package forecast

import (
	"math"
	"math/rand/v2"
	"sort"
	"time"

	"github.com/staffcast/staffcast/forecast/calendar"
	"github.com/staffcast/staffcast/internal/quantile"
	"gonum.org/v1/gonum/stat/distuv"
)

// calibration holds the validation errors that give the prediction
// quantiles: split-conformal calibration (Vovk et al. 2005) per regime.
// Errors are on the log scale, log(1 + actual) − log(1 + forecast), and
// only open intervals count (a non-zero actual or forecast): a closed hour
// forecast at zero has an error of zero, and counting it would narrow the
// band of the open hours, where it matters.
//
// Regimes:
//   - level: the errors are split into up to three bins by the size of
//     the forecast (tertiles of the validation forecasts, at least
//     minBin errors a bin), because a quiet hour's relative error is
//     larger than a busy hour's (Poisson noise alone is 1/√level);
//   - event windows: an interval inside an event window (a public
//     holiday, a retail event such as Black Friday or the Christmas rush,
//     a campaign, with its days before and after; salary days excepted)
//     takes the errors of the same horizon one and two years earlier (52
//     and 104 weeks, same weekdays), forecast from the history before it
//     with the same models, at the hours of that stretch that were in an
//     event window: how wrong forecasts were in last year's rush, not in
//     the ordinary weeks before this one. With under minBin such errors it
//     falls back to its level bin.
type calibration struct {
	edges []float64   // upper bound of each level bin but the last, on the forecast
	bins  [][]float64 // sorted errors per level bin
	event []float64   // sorted errors in past event windows; nil: none
	// For sample paths: the lag-one correlation of consecutive errors
	// (rho), the share of the error common to a whole day (day: their
	// correlation 4 to 12 steps apart on one day), and the AR(1)
	// coefficient of the rest (phi), so that rho = day + (1 − day)·phi.
	rho, day, phi float64
}

// minBin is the fewest errors a regime's quantiles are read from.
const minBin = 50

// calibrate collects the blend's validation errors on open intervals
// and splits them by level.
func calibrate(v *validation, y []float64, members []Model, weights []float64) *calibration {
	type pe struct{ p, r float64 }
	var all []pe
	// Each origin's errors in order, NaN where closed or missing, with
	// their local day, for the correlations the sample paths need.
	type seq struct {
		r   []float64
		day []int64
	}
	var seqs []seq
	for o, cut := range v.cuts {
		sq := seq{r: make([]float64, v.h), day: make([]int64, v.h)}
		for i, a := range y[cut : cut+v.h] {
			p := 0.0
			for k, m := range members {
				p += weights[k] * v.preds[o][m][i]
			}
			sq.day[i] = wallKey(dayOf(v.start[cut+i]))
			sq.r[i] = math.NaN()
			if math.IsNaN(a) || (a == 0 && p == 0) {
				continue
			}
			r := math.Log1p(a) - math.Log1p(p)
			sq.r[i] = r
			all = append(all, pe{p, r})
		}
		seqs = append(seqs, sq)
	}
	c := &calibration{}
	if len(all) < 20 {
		return nil // too few to calibrate: the rough offsets serve
	}
	// Correlations of the errors: of neighbours (lag one), and of the
	// same day's intervals 4 to 12 steps apart, which is mostly the day's
	// common part (a busy day is busy all day).
	mean := 0.0
	for _, x := range all {
		mean += x.r / float64(len(all))
	}
	corr := func(lo, hi int, sameDay bool) float64 {
		var num, d1, d2 float64
		for _, sq := range seqs {
			for i := range sq.r {
				for j := i + lo; j <= i+hi && j < len(sq.r); j++ {
					if math.IsNaN(sq.r[i]) || math.IsNaN(sq.r[j]) || (sameDay && sq.day[i] != sq.day[j]) {
						continue
					}
					a, b := sq.r[i]-mean, sq.r[j]-mean
					num += a * b
					d1 += a * a
					d2 += b * b
				}
			}
		}
		if d1 <= 0 || d2 <= 0 {
			return 0
		}
		return math.Max(0, math.Min(0.99, num/math.Sqrt(d1*d2)))
	}
	c.rho = corr(1, 1, false)
	c.day = math.Min(corr(4, 12, true), c.rho)
	if c.day < 0.99 {
		c.phi = math.Max(0, (c.rho-c.day)/(1-c.day))
	}
	sort.Slice(all, func(i, j int) bool { return all[i].p < all[j].p })
	nb := max(1, min(3, len(all)/minBin))
	for b := 0; b < nb; b++ {
		lo, hi := b*len(all)/nb, (b+1)*len(all)/nb
		r := make([]float64, 0, hi-lo)
		for _, x := range all[lo:hi] {
			r = append(r, x.r)
		}
		sort.Float64s(r)
		c.bins = append(c.bins, r)
		if b < nb-1 {
			c.edges = append(c.edges, all[hi-1].p)
		}
	}
	return c
}

// errors returns the sorted errors of the regime of a forecast p.
func (c *calibration) errors(p float64, event bool) []float64 {
	if event && len(c.event) >= minBin {
		return c.event
	}
	b := sort.SearchFloat64s(c.edges, p)
	return c.bins[b]
}

// offset is the log-scale offset of level q for a forecast p.
func (c *calibration) offset(q, p float64, event bool) float64 {
	return quantile.Sorted(c.errors(p, event), q)
}

// inEvent says whether t lies in an event window that moves demand off
// its ordinary weeks: any event with its days before and after, salary
// days excepted (they come every month and validation sees them).
func inEvent(t time.Time, events []calendar.Event) bool {
	for _, e := range events {
		if e.Name == calendar.SalaryDay {
			continue
		}
		if !t.Before(e.Start.AddDate(0, 0, -e.Before)) && t.Before(e.End.AddDate(0, 0, e.After)) {
			return true
		}
	}
	return false
}

// yearBack holds forecasts of the horizon one and two years earlier (52
// and 104 weeks, same weekdays), each from the history before it, by
// each candidate: how the models did in last year's Christmas rush, not
// in the ordinary weeks before this one.
type yearBack struct {
	at    [][]int               // [year] indices of history forecast
	times [][]time.Time         // [year] their starts
	preds []map[Model][]float64 // [year]
	mae   map[Model]float64     // over all years' intervals
}

// yearEarlier forecasts the horizon a year (and two years) earlier with
// the models ms, or returns nil when the horizon has no event hour or
// history does not reach back a year and twelve weeks before it.
func yearEarlier(start []time.Time, y []float64, step time.Duration, future []time.Time, ms []Model, opt Options, c tuned) *yearBack {
	anyEvent := false
	for _, t := range future {
		if inEvent(t, opt.Events) {
			anyEvent = true
			break
		}
	}
	if !anyEvent {
		return nil
	}
	yb := &yearBack{mae: map[Model]float64{}}
	n := 0
	for years := 1; years <= 2; years++ {
		origin := start[len(start)-1].AddDate(0, 0, -364*years)
		cut := sort.Search(len(start), func(i int) bool { return start[i].After(origin) })
		if cut == 0 || cut >= len(start) || start[cut-1].Sub(start[0]) < shortHistory {
			break
		}
		end := future[len(future)-1].AddDate(0, 0, -364*years)
		stop := sort.Search(len(start), func(i int) bool { return start[i].After(end) })
		if stop <= cut {
			continue
		}
		at := start[cut:stop]
		preds := map[Model][]float64{}
		for _, m := range ms {
			parts := []Model{m}
			if m == Combination {
				parts = []Model{Regression, Profile}
			}
			p := make([]float64, len(at))
			for _, part := range parts {
				pp, ok := preds[part]
				if !ok {
					var err error
					if pp, _, err = predict(part, start[:cut], y[:cut], step, at, opt, c); err != nil {
						return nil
					}
				}
				for i, x := range pp {
					p[i] += x / float64(len(parts))
				}
			}
			preds[m] = p
		}
		idx := make([]int, len(at))
		for i := range idx {
			idx[i] = cut + i
		}
		yb.at = append(yb.at, idx)
		yb.times = append(yb.times, at)
		yb.preds = append(yb.preds, preds)
		for i, j := range idx {
			if a := y[j]; !math.IsNaN(a) {
				for _, m := range ms {
					yb.mae[m] += math.Abs(a - preds[m][i])
				}
				n++
			}
		}
	}
	if n == 0 {
		return nil
	}
	for m := range yb.mae {
		yb.mae[m] /= float64(n)
	}
	return yb
}

// eventErrors returns the sorted log-scale errors of the blend at the
// open intervals of the year-earlier horizons that lay in event windows.
func (yb *yearBack) eventErrors(y []float64, members []Model, weights []float64, events []calendar.Event) []float64 {
	var errs []float64
	for k, idx := range yb.at {
		for i, j := range idx {
			a := y[j]
			p := 0.0
			for w, m := range members {
				p += weights[w] * yb.preds[k][m][i]
			}
			if math.IsNaN(a) || (a == 0 && p == 0) || !inEvent(yb.times[k][i], events) {
				continue
			}
			errs = append(errs, math.Log1p(a)-math.Log1p(p))
		}
	}
	sort.Float64s(errs)
	return errs
}

// Paths draws n sample paths of the forecast: joint draws over the
// horizon whose value at each interval follows that interval's predictive
// distribution (the same calibrated errors as the quantiles) and whose
// errors are correlated as the validation errors were. The copula is
// Gaussian: each interval's normal score is √d·D + √(1−d)·U, with D one
// draw per local day (a busy day is busy all day) and U an AR(1) series
// with coefficient φ over the horizon, d and φ set so that the scores of
// neighbouring intervals correlate as the errors did at lag one and those
// 4 to 12 intervals apart on one day as they did on one day. Use the
// paths where sums over hours matter (a day's total, a simulation of
// queues); the quantiles alone would treat the hours as independent and
// understate the spread of a day. Closed intervals (forecast zero) are
// zero on every path. Draws come from rng.
func (r *Result) Paths(n int, rng *rand.Rand) [][]float64 {
	out := make([][]float64, n)
	std := distuv.UnitNormal
	var d, phi float64
	if r.cal != nil {
		d, phi = r.cal.day, r.cal.phi
	}
	inno := math.Sqrt(1 - phi*phi)
	for k := range out {
		path := make([]float64, len(r.Point))
		u := rng.NormFloat64()
		day, lastDay := rng.NormFloat64(), int64(math.MinInt64)
		for i, p := range r.Point {
			if i > 0 {
				u = phi*u + inno*rng.NormFloat64()
			}
			if dk := wallKey(dayOf(r.Start[i])); dk != lastDay {
				if i > 0 {
					day = rng.NormFloat64()
				}
				lastDay = dk
			}
			if p == 0 {
				continue
			}
			q := std.CDF(math.Sqrt(d)*day + math.Sqrt(1-d)*u)
			var off float64
			if r.cal != nil {
				off = quantile.Sorted(r.cal.errors(p, r.event != nil && r.event[i]), q)
			} else {
				off = roughOffset(q)
			}
			path[i] = math.Max(0, math.Expm1(math.Log1p(p)+off))
		}
		out[k] = path
	}
	return out
}
