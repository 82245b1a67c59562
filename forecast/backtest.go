package forecast

import (
	"fmt"
	"math"
	"time"
)

// Metrics measure a forecast against what happened.
type Metrics struct {
	MASE     float64 // MAE over the in-sample MAE of the weekly seasonal naive forecast
	WAPE     float64 // Σ|error| / Σ actual
	Bias     float64 // Σ(forecast − actual) / Σ actual
	RMSE     float64
	Coverage float64 // share of actuals inside the outermost prediction interval
	N        int
}

// Backtest is a rolling-origin evaluation of one model.
type Backtest struct {
	Model   Model
	Overall Metrics
	ByDay   []Metrics // per day of the horizon (day 1 = the first 24 hours)
	FitTime time.Duration
	// Last origin's forecast, for a chart.
	LastStart  []time.Time
	LastActual []float64
	LastPoint  []float64
	LastLow    []float64
	LastHigh   []float64
}

// RunBacktest evaluates each model on origins rolling origins: the last
// origins × horizon intervals of history are cut into consecutive
// horizons, each forecast from everything before it. progress, if not
// nil, is called after each fit with the fits done and the total.
func RunBacktest(start []time.Time, y []float64, step time.Duration, horizon, origins int, models []Model, opt Options, progress func(done, total int)) ([]Backtest, error) {
	if horizon <= 0 || origins <= 0 {
		return nil, fmt.Errorf("forecast: backtest needs a horizon and at least one origin, got %d and %d", horizon, origins)
	}
	n := len(y)
	first := n - origins*horizon
	week := int(7 * 24 * time.Hour / step)
	if first < 3*week {
		return nil, fmt.Errorf("%w: %d origins of %d intervals leave %d intervals to fit on; want at least three weeks", ErrTooShort, origins, horizon, max(first, 0))
	}
	perDay := int(24 * time.Hour / step)
	var out []Backtest
	done, total := 0, len(models)*origins
	for _, m := range models {
		bt := Backtest{Model: m, ByDay: make([]Metrics, (horizon+perDay-1)/perDay)}
		var acc, dayAcc = newAcc(), make([]*acc, len(bt.ByDay))
		for d := range dayAcc {
			dayAcc[d] = newAcc()
		}
		for o := 0; o < origins; o++ {
			cut := first + o*horizon
			o2 := opt
			o2.Model = m
			t0 := time.Now()
			res, err := ForecastAt(start[:cut], y[:cut], step, start[cut:cut+horizon], o2)
			if err != nil {
				return nil, err
			}
			bt.FitTime += time.Since(t0)
			scale := naiveScale(start[:cut], y[:cut])
			lo, hi := res.Quantiles[0], res.Quantiles[len(res.Quantiles)-1]
			for i := 0; i < horizon; i++ {
				a := y[cut+i]
				if math.IsNaN(a) {
					continue
				}
				acc.add(a, res.Point[i], lo[i], hi[i], scale)
				dayAcc[i/perDay].add(a, res.Point[i], lo[i], hi[i], scale)
			}
			if o == origins-1 {
				bt.LastStart, bt.LastActual, bt.LastPoint, bt.LastLow, bt.LastHigh = start[cut:cut+horizon], y[cut:cut+horizon], res.Point, lo, hi
			}
			done++
			if progress != nil {
				progress(done, total)
			}
		}
		bt.Overall = acc.metrics()
		for d := range dayAcc {
			bt.ByDay[d] = dayAcc[d].metrics()
		}
		bt.FitTime /= time.Duration(origins)
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
	absErr, sqErr, err, actual, covered, scaled float64
	n                                           int
}

func newAcc() *acc { return &acc{} }

func (a *acc) add(actual, point, lo, hi, scale float64) {
	e := point - actual
	a.absErr += math.Abs(e)
	a.sqErr += e * e
	a.err += e
	a.actual += actual
	a.scaled += math.Abs(e) / scale
	if actual >= lo && actual <= hi {
		a.covered++
	}
	a.n++
}

func (a *acc) metrics() Metrics {
	if a.n == 0 {
		return Metrics{}
	}
	n := float64(a.n)
	return Metrics{MASE: a.scaled / n, WAPE: a.absErr / a.actual, Bias: a.err / a.actual, RMSE: math.Sqrt(a.sqErr / n), Coverage: a.covered / n, N: a.n}
}
