package forecast

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/staffcast/staffcast/forecast/calendar"
)

// Model names a forecasting model.
type Model int

const (
	Auto          Model = iota // choose by a holdout backtest on the last horizon
	SeasonalNaive              // the same interval one week earlier
	WeekMean                   // the mean of the same interval over the last Options.Weeks weeks
	Regression                 // log-scale regression on week profile, yearly terms, trend and calendar events
	Combination                // the mean of WeekMean and Regression
)

var modelNames = [...]string{"auto", "seasonal-naive", "week-mean", "regression", "combination"}

func (m Model) String() string {
	if m >= 0 && int(m) < len(modelNames) {
		return modelNames[m]
	}
	return fmt.Sprintf("Model(%d)", int(m))
}

// ParseModel reads a model name as String writes it.
func ParseModel(s string) (Model, error) {
	for i, n := range modelNames {
		if strings.EqualFold(s, n) {
			return Model(i), nil
		}
	}
	return 0, fmt.Errorf("forecast: unknown model %q: want %s", s, strings.Join(modelNames[:], ", "))
}

// Options say what to forecast and how.
type Options struct {
	Model     Model
	Quantiles []float64        // levels in (0,1); nil means 0.1, 0.5, 0.9
	Events    []calendar.Event // holidays, retail events, campaigns covering history and horizon
	Weeks     int              // weeks averaged by WeekMean; 0 means 4
	// HalfLife weights the regression's history: an observation HalfLife
	// old counts half as much as the latest; 0 means 12 weeks.
	HalfLife time.Duration
}

// DefaultQuantiles are the prediction levels used when Options.Quantiles is nil.
var DefaultQuantiles = []float64{0.1, 0.5, 0.9}

// Result is a forecast.
type Result struct {
	Start     []time.Time
	Point     []float64
	Levels    []float64   // quantile levels
	Quantiles [][]float64 // [level][interval]
	Model     Model       // the model used (Auto resolved)
	// HoldoutMAE is each candidate model's mean absolute error on the
	// holdout that chose the model and calibrated the intervals.
	HoldoutMAE map[Model]float64
	Warnings   []error
}

// candidates are the models Auto chooses from.
var candidates = []Model{SeasonalNaive, WeekMean, Regression, Combination}

// ErrTooShort is wrapped when the history cannot support the forecast.
var ErrTooShort = errors.New("forecast: history too short")

// Forecast forecasts the horizon intervals of length step that follow the
// last start, continuing its time zone through daylight-saving changes.
func Forecast(start []time.Time, y []float64, step time.Duration, horizon int, opt Options) (*Result, error) {
	if len(start) == 0 {
		return nil, fmt.Errorf("%w: no history", ErrTooShort)
	}
	if horizon <= 0 {
		return nil, fmt.Errorf("forecast: horizon %d: want at least one interval", horizon)
	}
	future := make([]time.Time, horizon)
	t := start[len(start)-1]
	for i := range future {
		t = t.Add(step)
		future[i] = t
	}
	return ForecastAt(start, y, step, future, opt)
}

// ForecastAt forecasts the values at the given future interval starts.
// History may have gaps (hours never recorded) and NaN values (missing);
// values must be finite counts >= 0 otherwise. Intervals of the week that
// history never saw open (no observation in its last eight weeks, or all
// zero) are forecast as zero.
//
// A holdout of the last len(future) intervals of history (at most four
// weeks) is forecast from the history before it; its errors choose the
// model (Auto) and, on the log scale, give the prediction quantiles
// (split-conformal calibration). The chosen model is then refitted on all
// history.
func ForecastAt(start []time.Time, y []float64, step time.Duration, future []time.Time, opt Options) (*Result, error) {
	if err := check(start, y, step, future); err != nil {
		return nil, err
	}
	levels := opt.Quantiles
	if levels == nil {
		levels = DefaultQuantiles
	}
	for _, q := range levels {
		if !(q > 0 && q < 1) {
			return nil, fmt.Errorf("forecast: quantile %v: want a level in (0,1)", q)
		}
	}
	res := &Result{Start: future, Levels: levels, HoldoutMAE: map[Model]float64{}}
	h := min(len(future), int(28*24*time.Hour/step))
	week := int(7 * 24 * time.Hour / step)
	n := len(start)
	var resid map[Model][]float64
	if n-h >= 2*week {
		resid = map[Model][]float64{}
		cut := n - h
		for _, m := range candidates {
			if opt.Model != Auto && opt.Model != m {
				continue
			}
			p, _, err := predict(m, start[:cut], y[:cut], step, start[cut:], opt)
			if err != nil {
				return nil, err
			}
			mae, k := 0.0, 0
			for i, v := range y[cut:] {
				if math.IsNaN(v) {
					continue
				}
				mae += math.Abs(v - p[i])
				k++
				resid[m] = append(resid[m], math.Log1p(v)-math.Log1p(p[i]))
			}
			res.HoldoutMAE[m] = mae / float64(max(k, 1))
		}
	} else {
		res.Warnings = append(res.Warnings, fmt.Errorf("forecast: under three weeks of history before the holdout: prediction intervals are rough"))
	}
	res.Model = opt.Model
	if res.Model == Auto {
		res.Model = Regression
		best := math.Inf(1)
		for _, m := range candidates {
			if mae, ok := res.HoldoutMAE[m]; ok && mae < best {
				best, res.Model = mae, m
			}
		}
	}
	point, warns, err := predict(res.Model, start, y, step, future, opt)
	if err != nil {
		return nil, err
	}
	res.Point = point
	res.Warnings = append(res.Warnings, warns...)
	r := resid[res.Model]
	sort.Float64s(r)
	for _, q := range levels {
		qs := make([]float64, len(future))
		off := roughOffset(q)
		if len(r) >= 20 {
			off = quantile(r, q)
		}
		for i, p := range point {
			if p == 0 {
				continue // a closed interval: zero is certain enough
			}
			qs[i] = math.Max(0, math.Expm1(math.Log1p(p)+off))
		}
		res.Quantiles = append(res.Quantiles, qs)
	}
	return res, nil
}

// roughOffset is a log-scale half-width used without a holdout: ±0.5 at
// the 10% and 90% levels (a factor of about 1.6).
func roughOffset(q float64) float64 { return (q - 0.5) * 1.25 }

func quantile(sorted []float64, q float64) float64 {
	h := q * float64(len(sorted)-1)
	lo := int(math.Floor(h))
	if lo+1 >= len(sorted) {
		return sorted[lo]
	}
	return sorted[lo] + (h-float64(lo))*(sorted[lo+1]-sorted[lo])
}

func check(start []time.Time, y []float64, step time.Duration, future []time.Time) error {
	if len(start) != len(y) {
		return errors.New("forecast: want one value per start time")
	}
	if step <= 0 || (24*time.Hour)%step != 0 {
		return fmt.Errorf("forecast: step %v: want a divisor of a day (15m, 30m, 1h)", step)
	}
	week := int(7 * 24 * time.Hour / step)
	seen := 0
	for i, v := range y {
		if v < 0 || math.IsInf(v, 0) {
			return fmt.Errorf("forecast: value %v at %s: want a count >= 0", v, start[i].Format(time.RFC3339))
		}
		if !math.IsNaN(v) {
			seen++
		}
		if i > 0 && !start[i].After(start[i-1]) {
			return fmt.Errorf("forecast: start %s does not follow %s", start[i].Format(time.RFC3339), start[i-1].Format(time.RFC3339))
		}
	}
	if span := start[len(start)-1].Sub(start[0]); span < 7*24*time.Hour-step || seen < week/4 {
		return fmt.Errorf("%w: %v of history with %d values; want at least one week", ErrTooShort, span.Round(time.Hour), seen)
	}
	if len(future) == 0 {
		return errors.New("forecast: nothing to forecast: the horizon is empty")
	}
	return nil
}
