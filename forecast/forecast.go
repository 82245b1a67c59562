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
	Auto           Model = iota // a weighted mean of the candidates, by recency-weighted rolling-origin validation (see Forecast)
	SeasonalNaive               // the same interval one week earlier
	WeekMean                    // the mean of the same interval over the last Options.Weeks weeks
	Profile                     // exponentially weighted week profile with a level correction
	Regression                  // log-scale regression on week profile, yearly terms, trend and calendar events
	Combination                 // the mean of Profile and Regression
	DoubleSeasonal              // double-seasonal exponential smoothing (Taylor 2003) on log(1 + y)
	RecentProfile               // the week profile of the last few weeks only, with a level of the last days: adapts fast to a new weekly shape
)

var modelNames = [...]string{"auto", "seasonal-naive", "week-mean", "profile", "regression", "combination", "double-seasonal", "recent-profile"}

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
	// KeepOutage keeps a run of zeros at the end of history that the
	// history does not explain (an outage, a broken feed) as zeros. By
	// default such a run is treated as missing, with a warning.
	KeepOutage bool
}

// DefaultQuantiles are the prediction levels used when Options.Quantiles is nil.
var DefaultQuantiles = []float64{0.1, 0.5, 0.9}

// Result is a forecast.
type Result struct {
	Start     []time.Time
	Point     []float64
	Levels    []float64   // quantile levels
	Quantiles [][]float64 // [level][interval]
	Model     Model       // the model used: Auto only when Blend says what it combined
	// Blend and Weights are, for Auto, the models combined and their
	// weights (summing to one), largest first.
	Blend   []Model
	Weights []float64
	// ValidationMAE is each candidate model's recency-weighted mean
	// absolute error over the validation origins that chose the model and
	// calibrated the intervals (under Auto, the blend's).
	ValidationMAE map[Model]float64
	Warnings      []error
	cal           *calibration
	event         []bool // whether each interval is in an event window
}

// candidates are the models Auto chooses from, and shortCandidates
// those it chooses from on a short history (see Forecast).
var (
	candidates      = []Model{SeasonalNaive, WeekMean, Profile, RecentProfile, DoubleSeasonal, Regression, Combination}
	shortCandidates = []Model{SeasonalNaive, WeekMean, Profile, RecentProfile}
)

// Candidates returns the models Auto chooses from, the seasonal naive first.
func Candidates() []Model { return append([]Model(nil), candidates...) }

// shortHistory is the history under which Auto uses its short-history rule.
const shortHistory = 12 * 7 * 24 * time.Hour

// ErrTooShort is wrapped when the history cannot support the forecast.
var ErrTooShort = errors.New("forecast: history too short")

// MaxHorizon is the longest horizon Forecast accepts: five years.
const MaxHorizon = 5 * 365 * 24 * time.Hour

func checkHorizon(horizon, step time.Duration) error {
	if horizon > MaxHorizon {
		return fmt.Errorf("forecast: horizon %v: want at most five years (%v)", horizon.Round(time.Hour), MaxHorizon)
	}
	if step <= 0 || horizon < step {
		return fmt.Errorf("forecast: horizon %v: want at least one interval of %v", horizon, step)
	}
	return nil
}

// Forecast forecasts the intervals of length step that start after the
// last start and before last start + horizon (a horizon of 14 days of
// hourly data is 336 intervals), continuing its time zone through
// daylight-saving changes. The horizon is at most MaxHorizon.
//
// Auto combines the candidate models with weights from their validation
// errors (ForecastAt says how); a short history (under twelve weeks) takes
// the single best of the models that need little history.
func Forecast(start []time.Time, y []float64, step, horizon time.Duration, opt Options) (*Result, error) {
	if len(start) == 0 {
		return nil, fmt.Errorf("%w: no history", ErrTooShort)
	}
	if err := checkHorizon(horizon, step); err != nil {
		return nil, err
	}
	future := make([]time.Time, int(horizon/step))
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

// originHalfLife is how fast the weight of a validation origin falls with
// its age, in origins: the latest counts 1, the one before 0.71, the
// sixth 0.18. A recent change of the weekly shape then shows in the
// choice within a horizon or two.
const originHalfLife = 2.0

// ForecastAt forecasts the values at the given future interval starts.
// History may have gaps (hours never recorded) and NaN values (missing);
// values must be finite counts >= 0 otherwise. Intervals of the week that
// history never saw open (no observation in its last eight weeks, or all
// zero) are forecast as zero. A run of zeros at the end of history that
// the weeks before do not explain is treated as missing (an outage), with
// a warning, unless Options.KeepOutage.
//
// Validation: the last len(future) intervals of history (at most four
// weeks), and up to five stretches of that length before them, are each
// forecast from the history before them. Their errors choose the constants
// of the Profile, RecentProfile and DoubleSeasonal models, weight Auto's
// candidates and calibrate the prediction quantiles. The chosen models
// are then refitted on all history.
//
// Auto's rule: each candidate's validation MAE is weighted by origin, the
// latest origin weighing most (half-life two origins). The candidates
// within 10% of the best weighted MAE are combined with weights
// proportional to 1/MAE², shrunk halfway towards equal weights among
// them. Where one model is clearly best it takes all the weight; where
// several are close, their mean keeps any one's failure on the next
// weeks small. On a history under twelve weeks (two or three short
// validation origins), Auto takes the single best by validation among
// the seasonal naive, the week mean and the two profiles, which need no
// yearly terms, trend or smoothing start.
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
	if !opt.KeepOutage {
		if k, from := outage(start, y, step); k > 0 {
			y = append([]float64(nil), y...)
			for i := len(y) - k; i < len(y); i++ {
				y[i] = math.NaN()
			}
			res.Warnings = append(res.Warnings, fmt.Errorf("forecast: the last %d intervals (from %s) are all zero where the weeks before had demand: treated as missing (an outage); keep them with KeepOutage (--keep-outage)", k, from.Format(time.RFC3339)))
		}
	}
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
	short := start[n-1].Sub(start[0]) < shortHistory
	cands := candidates
	if short {
		cands = shortCandidates
	}
	c := tuned{profile: profileParams{shapeHalf: 4, levelHalf: 1}, recent: profileParams{shapeHalf: 1, levelHalf: 0.5}, dshw: dshwParams{alpha: 0.005, delta: 0.01, omega: 0.05}}
	var v *validation
	if len(cuts) > 0 {
		var err error
		if v, err = validate(start, y, step, h, cuts, opt, cands, short); err != nil {
			return nil, err
		}
		c, res.ValidationMAE = v.c, v.mae
	} else {
		res.Warnings = append(res.Warnings, fmt.Errorf("forecast: under two weeks of history before the validation stretch: prediction intervals are rough"))
	}
	res.Model = opt.Model
	members, weights := []Model{opt.Model}, []float64{1}
	// A horizon with event windows is also forecast a year earlier.
	var yb *yearBack
	if v != nil && !short && len(opt.Events) > 0 {
		ms := cands
		if opt.Model != Auto {
			ms = []Model{opt.Model}
		}
		yb = yearEarlier(start, y, step, future, ms, opt, c)
	}
	if opt.Model == Auto {
		switch {
		case v == nil:
			res.Model, members = Profile, []Model{Profile}
		case short:
			members = []Model{v.best(cands)}
			res.Model = members[0]
		default:
			members, weights = v.combine(cands, yb)
			res.Blend, res.Weights = members, weights
			if len(members) == 1 {
				res.Model = members[0]
			}
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
	for k, m := range members {
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
				res.Point[i] += weights[k] * x / float64(len(parts))
			}
		}
	}
	_, yearly := fits[Regression]
	if !yearly && start[n-1].Sub(start[0]) < yearlySpan {
		res.Warnings = append(res.Warnings, errNoYearly)
	}
	if v != nil {
		res.ValidationMAE[res.Model] = v.blendMAE(y, members, weights)
		res.cal = calibrate(v, y, members, weights)
		if res.cal != nil && yb != nil {
			res.cal.event = yb.eventErrors(y, members, weights, opt.Events)
		}
	}
	if res.cal != nil && len(opt.Events) > 0 {
		res.event = make([]bool, len(future))
		for i, t := range future {
			res.event[i] = inEvent(t, opt.Events)
		}
	}
	for _, q := range levels {
		qs := make([]float64, len(future))
		for i, p := range res.Point {
			if p == 0 {
				continue // a closed interval: zero is certain enough
			}
			off := roughOffset(q)
			if res.cal != nil {
				off = res.cal.offset(q, p, res.event != nil && res.event[i])
			}
			qs[i] = math.Max(0, math.Expm1(math.Log1p(p)+off))
		}
		res.Quantiles = append(res.Quantiles, qs)
	}
	return res, nil
}

// outage returns the length of a run of zeros (or missing values) at the
// end of history that the history does not explain, and where it starts,
// or 0: a run of at least a day whose intervals held on average at least
// 20 counts a week and two weeks earlier (a Poisson count with a mean of
// 20 is zero with probability 2e-9), and under a tenth of that on the
// same dates a year earlier, when history reaches back that far. Closed
// nights and a shop's regular day off are zero a week earlier too, and a
// yearly closure (New Year's Eve) a year earlier.
func outage(start []time.Time, y []float64, step time.Duration) (int, time.Time) {
	n := len(y)
	for n > 0 && math.IsNaN(y[n-1]) {
		n-- // missing at the end: already missing
	}
	k := 0
	for k < n && (y[n-1-k] == 0 || math.IsNaN(y[n-1-k])) {
		k++
	}
	if k == 0 || start[n-1].Sub(start[n-k]) < 24*time.Hour-step || k == n {
		return 0, time.Time{}
	}
	byWall := make(map[int64]float64, n)
	for i, t := range start[:n-k] {
		if !math.IsNaN(y[i]) {
			byWall[wallKey(t)] = y[i]
		}
	}
	total := 0.0
	for _, w := range []int{1, 2} {
		sum, seen := 0.0, 0
		for i, t := range start[n-k : n] {
			if math.IsNaN(y[n-k+i]) {
				continue
			}
			// Go back far enough that the week before lies in the kept history.
			for back := w; back <= w+int(k/int(7*24*time.Hour/step))+1; back++ {
				if v, ok := byWall[wallKey(t.AddDate(0, 0, -7*back))]; ok {
					sum += v
					seen++
					break
				}
			}
		}
		if seen == 0 {
			return 0, time.Time{}
		}
		total += sum
	}
	if total/2 < 20 {
		return 0, time.Time{}
	}
	// The same dates a year earlier closed too (New Year's Eve, a
	// holiday week): a closure the history explains.
	yearAgo, seen := 0.0, 0
	for _, t := range start[n-k : n] {
		if v, ok := byWall[wallKey(t.AddDate(-1, 0, 0))]; ok {
			yearAgo += v
			seen++
		}
	}
	if seen > k/2 && yearAgo < 0.1*total/2 {
		return 0, time.Time{}
	}
	return len(y) - (n - k), start[n-k]
}

// tuned are the constants of the models that validation tunes.
type tuned struct {
	profile profileParams
	recent  profileParams
	dshw    dshwParams
}

type validation struct {
	c     tuned
	mae   map[Model]float64 // recency-weighted
	h     int
	cuts  []int
	w     []float64             // weight of each origin
	preds []map[Model][]float64 // [origin]
	start []time.Time
}

// blendMAE returns the recency-weighted mean, over the validation origins
// that have actuals, of the MAE of a blend's validation forecasts (NaN
// when no origin has one).
func (v *validation) blendMAE(y []float64, members []Model, weights []float64) float64 {
	sum, wsum := 0.0, 0.0
	for o, cut := range v.cuts {
		e, n := 0.0, 0
		for i, a := range y[cut : cut+v.h] {
			if math.IsNaN(a) {
				continue
			}
			p := 0.0
			for k, m := range members {
				p += weights[k] * v.preds[o][m][i]
			}
			e += math.Abs(a - p)
			n++
		}
		if n > 0 {
			sum += v.w[o] * e / float64(n)
			wsum += v.w[o]
		}
	}
	if wsum == 0 {
		return math.NaN()
	}
	return sum / wsum
}

// best is the candidate with the least recency-weighted validation MAE.
func (v *validation) best(cands []Model) Model {
	b := cands[0]
	for _, m := range cands {
		if v.mae[m] < v.mae[b] {
			b = m
		}
	}
	return b
}

// combineWithin is how close to the best a candidate's weighted
// validation MAE must be to enter Auto's combination, and combineShrink
// how far its 1/MAE² weights are pulled towards equal weights.
const (
	combineWithin = 1.10
	combineShrink = 0.5
)

// combine returns Auto's members and weights, largest first: the
// candidates whose score is within combineWithin of the best, weighted by
// 1/score² shrunk towards equal weights. A candidate's score is its
// recency-weighted validation MAE over the best one's; when the horizon
// holds event windows and history holds it a year earlier (yb), the mean
// of that and its MAE over the same horizon a year earlier over the best
// one's there, so that a model that knows the Christmas rush is not
// outvoted by weeks without one.
func (v *validation) combine(cands []Model, yb *yearBack) ([]Model, []float64) {
	score := map[Model]float64{}
	bestVal := v.mae[v.best(cands)]
	bestYear := math.Inf(1)
	if yb != nil {
		for _, m := range cands {
			bestYear = math.Min(bestYear, yb.mae[m])
		}
	}
	for _, m := range cands {
		score[m] = v.mae[m] / math.Max(bestVal, 1e-12)
		if yb != nil && bestYear > 0 && !math.IsInf(bestYear, 0) {
			score[m] = (score[m] + yb.mae[m]/bestYear) / 2
		}
	}
	best := cands[0]
	for _, m := range cands {
		if score[m] < score[best] {
			best = m
		}
	}
	var members []Model
	for _, m := range cands {
		if e := score[m]; e <= combineWithin*score[best] || m == best {
			members = append(members, m)
		}
	}
	sort.SliceStable(members, func(i, j int) bool { return score[members[i]] < score[members[j]] })
	w := make([]float64, len(members))
	sum := 0.0
	for k, m := range members {
		w[k] = 1 / math.Max(score[m]*score[m], 1e-12)
		sum += w[k]
	}
	for k := range w {
		w[k] = (1-combineShrink)*w[k]/sum + combineShrink/float64(len(w))
	}
	return members, w
}

// validate forecasts the h intervals after each cut from the history
// before it, with every candidate (or the one forced) and every constant
// set of the tuned models, and keeps the errors.
func validate(start []time.Time, y []float64, step time.Duration, h int, cuts []int, opt Options, cands []Model, short bool) (*validation, error) {
	in := func(m Model) bool {
		for _, c := range cands {
			if c == m {
				return true
			}
		}
		return false
	}
	want := func(m Model) bool {
		return (opt.Model == Auto && in(m)) || opt.Model == m || (opt.Model == Combination && (m == Regression || m == Profile))
	}
	preds := make([]map[Model][]float64, len(cuts))
	w := make([]float64, len(cuts))
	profGrid, recentGrid, dshwGrid := profileGrid(), recentProfileGrid(), dshwGrid()
	profErr, recentErr, dshwErr := newGridErr(len(cuts), len(profGrid)), newGridErr(len(cuts), len(recentGrid)), newGridErr(len(cuts), len(dshwGrid))
	for o, cut := range cuts {
		w[o] = math.Exp2(-float64(o) / originHalfLife)
		if short {
			w[o] = 1 // two or three origins: too few to weight
		}
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
		if want(Profile) || want(RecentProfile) {
			pf := newProfileFit(hist, hy, step)
			if want(Profile) {
				for g, pp := range profGrid {
					profErr.add(o, g, w[o], pf.predict(pp, at), actual, open, at, step)
				}
			}
			if want(RecentProfile) {
				for g, pp := range recentGrid {
					recentErr.add(o, g, w[o], pf.predict(pp, at), actual, open, at, step)
				}
			}
		}
		if want(DoubleSeasonal) {
			df := newDSHWFit(hist, hy, step)
			for g, dp := range dshwGrid {
				dshwErr.add(o, g, w[o], df.predict(dp, at), actual, open, at, step)
			}
		}
	}
	v := &validation{mae: map[Model]float64{}, h: h, cuts: cuts, preds: preds, w: w, start: start}
	for _, t := range []struct {
		m    Model
		e    *gridErr
		set  func(g int)
		grid int
	}{
		{Profile, profErr, func(g int) { v.c.profile = profGrid[g] }, len(profGrid)},
		{RecentProfile, recentErr, func(g int) { v.c.recent = recentGrid[g] }, len(recentGrid)},
		{DoubleSeasonal, dshwErr, func(g int) { v.c.dshw = dshwGrid[g] }, len(dshwGrid)},
	} {
		if !want(t.m) {
			continue
		}
		g := t.e.best()
		t.set(g)
		for o := range cuts {
			preds[o][t.m] = t.e.pred[o][g]
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
		if want(m) {
			v.mae[m] = v.blendMAE(y, []Model{m}, []float64{1})
		}
	}
	return v, nil
}

// gridErr keeps, for each constant set of a tuned model, its forecasts at
// each validation origin and its origin-weighted absolute error.
type gridErr struct {
	pred [][][]float64 // [origin][constant set][interval]
	err  []float64
}

func newGridErr(origins, sets int) *gridErr {
	return &gridErr{pred: make([][][]float64, origins), err: make([]float64, sets)}
}

func (e *gridErr) add(o, g int, w float64, p, actual []float64, open map[int]bool, at []time.Time, step time.Duration) {
	closeUnseen(p, open, at, step)
	e.pred[o] = append(e.pred[o], p)
	for i, a := range actual {
		if !math.IsNaN(a) {
			e.err[g] += w * math.Abs(a-p[i])
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
	if ahead := future[len(future)-1].Sub(start[len(start)-1]); ahead > MaxHorizon {
		return fmt.Errorf("forecast: horizon %v: want at most five years (%v)", ahead.Round(time.Hour), MaxHorizon)
	}
	return nil
}
