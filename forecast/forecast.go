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
	Auto           Model = iota // the mean of the two models best by rolling-origin validation on the last horizons of history
	SeasonalNaive               // the same interval one week earlier
	WeekMean                    // the mean of the same interval over the last Options.Weeks weeks
	Profile                     // exponentially weighted week profile with a level correction
	Regression                  // log-scale regression on week profile, yearly terms, trend and calendar events
	Combination                 // the mean of Profile and Regression
	DoubleSeasonal              // double-seasonal exponential smoothing (Taylor 2003) on log(1 + y)
)

var modelNames = [...]string{"auto", "seasonal-naive", "week-mean", "profile", "regression", "combination", "double-seasonal"}

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
	Model     Model       // the model used: Auto only when Blend says what it averaged
	Blend     []Model     // for Auto, the models whose forecasts were averaged
	// ValidationMAE is each candidate model's mean absolute error over the
	// validation origins that chose the model and calibrated the intervals
	// (under Auto, the blend's).
	ValidationMAE map[Model]float64
	Warnings      []error
}

// candidates are the models Auto chooses from.
var candidates = []Model{SeasonalNaive, WeekMean, Profile, DoubleSeasonal, Regression, Combination}

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

// maxOrigins is the number of validation origins: more steady choices
// and intervals, at one fit per origin and candidate.
const maxOrigins = 6

// ForecastAt forecasts the values at the given future interval starts.
// History may have gaps (hours never recorded) and NaN values (missing);
// values must be finite counts >= 0 otherwise. Intervals of the week that
// history never saw open (no observation in its last eight weeks, or all
// zero) are forecast as zero.
//
// Validation: the last len(future) intervals of history (at most four
// weeks), and up to five stretches of that length before them, are each
// forecast from the history before them. Their errors choose the constants
// of the Profile and DoubleSeasonal models and the two models that Auto
// averages and, on the log scale, give the prediction quantiles
// (split-conformal calibration). The chosen models are then refitted on
// all history.
//
// Auto averages two models rather than taking the single best: the best
// by validation is sometimes the one that fails worst on the next weeks
// (a model whose constants follow a recent surge), and the mean of two
// good forecasts is seldom much worse than the better one.
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
	res := &Result{Start: future, Levels: levels, ValidationMAE: map[Model]float64{}}
	if span, ahead := start[len(start)-1].Sub(start[0]), future[len(future)-1].Sub(start[len(start)-1]); ahead > span {
		res.Warnings = append(res.Warnings, fmt.Errorf("forecast: the horizon (%v) reaches further than the history (%v): the forecast repeats what little history shows", ahead.Round(time.Hour), span.Round(time.Hour)))
	}
	h := min(len(future), int(28*24*time.Hour/step))
	n := len(start)
	var cuts []int
	for k := 1; k <= maxOrigins; k++ {
		cut := n - k*h
		if cut <= 0 || start[cut].Sub(start[0]) < 14*24*time.Hour {
			break
		}
		cuts = append(cuts, cut)
	}
	c := tuned{profile: profileParams{shapeHalf: 4, levelHalf: 1}, dshw: dshwParams{alpha: 0.005, delta: 0.01, omega: 0.05}}
	var v *validation
	if len(cuts) > 0 {
		var err error
		if v, err = validate(start, y, step, h, cuts, opt); err != nil {
			return nil, err
		}
		c, res.ValidationMAE = v.c, v.mae
	} else {
		res.Warnings = append(res.Warnings, fmt.Errorf("forecast: under two weeks of history before the validation stretch: prediction intervals are rough"))
	}
	res.Model = opt.Model
	members := []Model{opt.Model}
	if opt.Model == Auto {
		if v == nil {
			res.Model, members = Profile, []Model{Profile}
		} else {
			members = append([]Model(nil), candidates...)
			sort.SliceStable(members, func(i, j int) bool { return v.mae[members[i]] < v.mae[members[j]] })
			members = members[:2]
			res.Blend = members
		}
	}
	// Each model is fitted once: a blend of Combination with Regression or
	// Profile reuses the fit they share.
	fits := map[Model][]float64{}
	fit := func(m Model) ([]float64, error) {
		if p, ok := fits[m]; ok {
			return p, nil
		}
		p, warns, err := predict(m, start, y, step, future, opt, c)
		if err != nil {
			return nil, err
		}
		fits[m] = p
		res.Warnings = append(res.Warnings, warns...)
		return p, nil
	}
	res.Point = make([]float64, len(future))
	for _, m := range members {
		parts := []Model{m}
		if m == Combination {
			parts = []Model{Regression, Profile}
		}
		for _, part := range parts {
			p, err := fit(part)
			if err != nil {
				return nil, err
			}
			for i, x := range p {
				res.Point[i] += x / float64(len(members)*len(parts))
			}
		}
	}
	_, yearly := fits[Regression]
	if !yearly && start[n-1].Sub(start[0]) < yearlySpan {
		res.Warnings = append(res.Warnings, errNoYearly)
	}
	var r []float64
	if v != nil {
		var mae float64
		r, mae = v.blend(y, members)
		res.ValidationMAE[res.Model] = mae
	}
	sort.Float64s(r)
	for _, q := range levels {
		qs := make([]float64, len(future))
		off := roughOffset(q)
		if len(r) >= 20 {
			off = quantile(r, q)
		}
		for i, p := range res.Point {
			if p == 0 {
				continue // a closed interval: zero is certain enough
			}
			qs[i] = math.Max(0, math.Expm1(math.Log1p(p)+off))
		}
		res.Quantiles = append(res.Quantiles, qs)
	}
	return res, nil
}

// tuned are the constants of the models that validation tunes.
type tuned struct {
	profile profileParams
	dshw    dshwParams
}

type validation struct {
	c     tuned
	mae   map[Model]float64
	h     int
	cuts  []int
	preds []map[Model][]float64 // [origin]
}

// blend returns the log-scale errors, log(1 + actual) − log(1 + forecast),
// of the mean of the members' validation forecasts, and its MAE.
func (v *validation) blend(y []float64, members []Model) ([]float64, float64) {
	var resid []float64
	mae := 0.0
	for o, cut := range v.cuts {
		for i, a := range y[cut : cut+v.h] {
			if math.IsNaN(a) {
				continue
			}
			p := 0.0
			for _, m := range members {
				p += v.preds[o][m][i] / float64(len(members))
			}
			mae += math.Abs(a - p)
			resid = append(resid, math.Log1p(a)-math.Log1p(p))
		}
	}
	return resid, mae / float64(max(len(resid), 1))
}

// validate forecasts the h intervals after each cut from the history
// before it, with every candidate (or the one forced) and every constant
// set of the tuned models, and keeps the errors.
func validate(start []time.Time, y []float64, step time.Duration, h int, cuts []int, opt Options) (*validation, error) {
	want := func(m Model) bool {
		return opt.Model == Auto || opt.Model == m || (opt.Model == Combination && (m == Regression || m == Profile))
	}
	preds := make([]map[Model][]float64, len(cuts))
	profGrid, dshwGrid := profileGrid(), dshwGrid()
	profErr, dshwErr := newGridErr(len(cuts), len(profGrid)), newGridErr(len(cuts), len(dshwGrid))
	for o, cut := range cuts {
		preds[o] = map[Model][]float64{}
		hist, hy, at, actual := start[:cut], y[:cut], start[cut:cut+h], y[cut:cut+h]
		for _, m := range []Model{SeasonalNaive, WeekMean, Regression} {
			if !want(m) {
				continue
			}
			p, _, err := predict(m, hist, hy, step, at, opt, tuned{})
			if err != nil {
				return nil, err
			}
			preds[o][m] = p
		}
		open := openSlots(hist, hy, step)
		if want(Profile) {
			pf := newProfileFit(hist, hy, step)
			for g, pp := range profGrid {
				profErr.add(o, g, pf.predict(pp, at), actual, open, at, step)
			}
		}
		if want(DoubleSeasonal) {
			df := newDSHWFit(hist, hy, step)
			for g, dp := range dshwGrid {
				dshwErr.add(o, g, df.predict(dp, at), actual, open, at, step)
			}
		}
	}
	v := &validation{mae: map[Model]float64{}, h: h, cuts: cuts, preds: preds}
	if want(Profile) {
		g := profErr.best()
		v.c.profile = profGrid[g]
		for o := range cuts {
			preds[o][Profile] = profErr.pred[o][g]
		}
	}
	if want(DoubleSeasonal) {
		g := dshwErr.best()
		v.c.dshw = dshwGrid[g]
		for o := range cuts {
			preds[o][DoubleSeasonal] = dshwErr.pred[o][g]
		}
	}
	if want(Combination) {
		for o := range cuts {
			r, p := preds[o][Regression], preds[o][Profile]
			c := make([]float64, h)
			for i := range c {
				c[i] = (r[i] + p[i]) / 2
			}
			preds[o][Combination] = c
		}
	}
	for _, m := range candidates {
		if opt.Model == Auto || opt.Model == m {
			_, v.mae[m] = v.blend(y, []Model{m})
		}
	}
	return v, nil
}

// gridErr keeps, for each constant set of a tuned model, its forecasts at
// each validation origin and its total absolute error.
type gridErr struct {
	pred [][][]float64 // [origin][constant set][interval]
	err  []float64
}

func newGridErr(origins, sets int) *gridErr {
	return &gridErr{pred: make([][][]float64, origins), err: make([]float64, sets)}
}

func (e *gridErr) add(o, g int, p, actual []float64, open map[int]bool, at []time.Time, step time.Duration) {
	closeUnseen(p, open, at, step)
	e.pred[o] = append(e.pred[o], p)
	for i, a := range actual {
		if !math.IsNaN(a) {
			e.err[g] += math.Abs(a - p[i])
		}
	}
}

// best is the constant set with the least error (the first of equals).
func (e *gridErr) best() int {
	b := 0
	for g := range e.err {
		if e.err[g] < e.err[b] {
			b = g
		}
	}
	return b
}

// roughOffset is a log-scale half-width used without validation: ±0.5
// at the 10% and 90% levels (a factor of about 1.6).
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
