package forecast

import (
	"context"
	"fmt"
	"math"
	"sort"
	"time"
)

// Metrics measure a forecast against what happened.
type Metrics struct {
	MASE     float64 // MAE over the in-sample MAE of the weekly seasonal naive forecast
	WAPE     float64 // Σ|error| / Σ actual
	Bias     float64 // Σ(forecast − actual) / Σ actual
	RMSE     float64
	Coverage float64 // share of actuals inside the outermost prediction interval, all intervals
	// CoverageOpen is Coverage counted on open intervals only: those with
	// a non-zero actual or a non-zero forecast. A closed hour forecast at
	// zero is trivially covered, so Coverage flatters a series with long
	// closed nights; CoverageOpen is the figure to hold to the level.
	CoverageOpen float64
	N            int // intervals with an actual
	NOpen        int // of which open
}

// Backtest is a rolling-origin evaluation of one model.
type Backtest struct {
	Model   Model
	Overall Metrics   // all origins pooled
	ByDay   []Metrics // per day of the horizon (day 1 = the first 24 hours)
	// ByOrigin holds each origin's metrics, oldest first. MeanMASE is
	// their mean and WorstMASE their maximum: a model is judged on every
	// origin, the worst included, not on one pooled figure.
	ByOrigin  []Metrics
	Origins   []time.Time // each origin: the first forecast interval
	MeanMASE  float64
	WorstMASE float64
	FitTime   time.Duration // mean per origin
	// Last origin's forecast, for a chart.
	LastStart  []time.Time
	LastActual []float64
	LastPoint  []float64
	LastLow    []float64
	LastHigh   []float64
}

// MaxOrigins bounds RunBacktest's origins: a backtest of more is a
// mistake in the arguments rather than a wish.
const MaxOrigins = 1000

// RunBacktest evaluates each model on rolling origins: the last
// origins × horizon of history is cut into consecutive horizons, each
// forecast from everything before it. Horizons are spans of time, so a
// series that skips its closed hours (nights never recorded) gets the
// rows that fall in each span. progress, if not nil, is called after
// each fit with the fits done and the total. It stops with ctx's error
// when ctx is done, checked before each fit.
func RunBacktest(ctx context.Context, start []time.Time, y []float64, step, horizon time.Duration, origins int, models []Model, opt Options, progress func(done, total int)) ([]Backtest, error) {
	if origins <= 0 || origins > MaxOrigins {
		return nil, fmt.Errorf("forecast: backtest origins %d: want 1 to %d", origins, MaxOrigins)
	}
	if err := checkHorizon(horizon, step); err != nil {
		return nil, err
	}
	if len(start) != len(y) {
		return nil, fmt.Errorf("forecast: want one value per start time")
	}
	if len(start) < 2 {
		return nil, fmt.Errorf("%w: %d rows; a backtest wants at least three weeks before its origins", ErrTooShort, len(start))
	}
	// Origins go back from the end of history by whole horizons.
	end := start[len(start)-1].Add(step)
	cuts := make([]int, origins+1)
	for o := 0; o <= origins; o++ {
		at := end.Add(-time.Duration(origins-o) * horizon)
		cuts[o] = sort.Search(len(start), func(i int) bool { return !start[i].Before(at) })
	}
	if first := cuts[0]; first == 0 || start[first-1].Sub(start[0]) < 3*7*24*time.Hour-step {
		fitted := time.Duration(0)
		if first > 0 {
			fitted = start[first-1].Sub(start[0]) + step
		}
		return nil, fmt.Errorf("%w: %d origins of %v leave %v of history to fit on; want at least three weeks", ErrTooShort, origins, horizon, fitted.Round(time.Hour))
	}
	days := int((horizon + 24*time.Hour - 1) / (24 * time.Hour))
	var out []Backtest
	done, total := 0, len(models)*origins
	for _, m := range models {
		bt := Backtest{Model: m, ByDay: make([]Metrics, days)}
		all, dayAcc := &acc{}, make([]*acc, days)
		for d := range dayAcc {
			dayAcc[d] = &acc{}
		}
		for o := 0; o < origins; o++ {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			cut, next := cuts[o], cuts[o+1]
			if next == cut {
				continue // a horizon with no rows (a closed fortnight)
			}
			o2 := opt
			o2.Model = m
			t0 := time.Now()
			res, err := ForecastAt(start[:cut], y[:cut], step, start[cut:next], o2)
			if err != nil {
				return nil, fmt.Errorf("origin %s: %w", start[cut].Format(time.RFC3339), err)
			}
			bt.FitTime += time.Since(t0)
			scale := naiveScale(start[:cut], y[:cut])
			lo, hi := res.Quantiles[0], res.Quantiles[len(res.Quantiles)-1]
			oa := &acc{}
			origin := start[cut]
			for i := 0; i < next-cut; i++ {
				a := y[cut+i]
				if math.IsNaN(a) {
					continue
				}
				oa.add(a, res.Point[i], lo[i], hi[i], scale)
				all.add(a, res.Point[i], lo[i], hi[i], scale)
				d := min(int(start[cut+i].Sub(origin)/(24*time.Hour)), days-1)
				dayAcc[d].add(a, res.Point[i], lo[i], hi[i], scale)
			}
			bt.ByOrigin = append(bt.ByOrigin, oa.metrics())
			bt.Origins = append(bt.Origins, origin)
			if o == origins-1 {
				bt.LastStart, bt.LastActual, bt.LastPoint, bt.LastLow, bt.LastHigh = start[cut:next], y[cut:next], res.Point, lo, hi
			}
			done++
			if progress != nil {
				progress(done, total)
			}
		}
		bt.Overall = all.metrics()
		for d := range dayAcc {
			bt.ByDay[d] = dayAcc[d].metrics()
		}
		n := 0
		for _, om := range bt.ByOrigin {
			if om.N > 0 && !math.IsNaN(om.MASE) {
				bt.MeanMASE += om.MASE
				bt.WorstMASE = math.Max(bt.WorstMASE, om.MASE)
				n++
			}
		}
		if n > 0 {
			bt.MeanMASE /= float64(n)
			bt.FitTime /= time.Duration(n)
		}
		out = append(out, bt)
	}
	return out, nil
}

// naiveScale is the in-sample MAE of the weekly seasonal naive forecast
// (same local clock time a week earlier), the denominator of MASE.
func naiveScale(start []time.Time, y []float64) float64 {
	byWall := make(map[int64]float64, len(start))
	for i, t := range start {
		if !math.IsNaN(y[i]) {
			byWall[wallKey(t)] = y[i]
		}
	}
	sum, n := 0.0, 0
	for i, t := range start {
		if v, ok := byWall[wallKey(t.AddDate(0, 0, -7))]; ok && !math.IsNaN(y[i]) {
			sum += math.Abs(y[i] - v)
			n++
		}
	}
	if n == 0 || sum == 0 {
		return math.NaN()
	}
	return sum / float64(n)
}

type acc struct {
	absErr, sqErr, err, actual, covered, coveredOpen, scaled float64
	n, nOpen                                                 int
}

func (a *acc) add(actual, point, lo, hi, scale float64) {
	e := point - actual
	a.absErr += math.Abs(e)
	a.sqErr += e * e
	a.err += e
	a.actual += actual
	a.scaled += math.Abs(e) / scale
	in := actual >= lo && actual <= hi
	if in {
		a.covered++
	}
	if actual != 0 || point != 0 {
		a.nOpen++
		if in {
			a.coveredOpen++
		}
	}
	a.n++
}

func (a *acc) metrics() Metrics {
	if a.n == 0 {
		return Metrics{}
	}
	n := float64(a.n)
	m := Metrics{MASE: a.scaled / n, WAPE: a.absErr / a.actual, Bias: a.err / a.actual, RMSE: math.Sqrt(a.sqErr / n), Coverage: a.covered / n, N: a.n, NOpen: a.nOpen}
	m.CoverageOpen = math.NaN()
	if a.nOpen > 0 {
		m.CoverageOpen = a.coveredOpen / float64(a.nOpen)
	}
	return m
}
