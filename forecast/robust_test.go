package forecast

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/staffcast/staffcast/internal/panicerr"
	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// noisy makes n hourly Poisson-like counts around a weekly pattern.
func noisy(t0 time.Time, n int, seed uint64) ([]time.Time, []float64) {
	start, y := weekly(t0, n)
	rng := rand.New(rand.NewPCG(seed, 1))
	for i := range y {
		y[i] = math.Max(0, math.Round(y[i]*2+rng.NormFloat64()*math.Sqrt(y[i]*2)))
	}
	return start, y
}

func TestHorizonCap(t *testing.T) {
	t.Parallel()
	start, y := weekly(time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC), 3*168)
	if _, err := Forecast(start, y, time.Hour, MaxHorizon+time.Hour, Options{}); err == nil || !strings.Contains(err.Error(), "at most five years") {
		t.Errorf("six years: %v", err)
	}
	if _, err := Forecast(start, y, time.Hour, 30*time.Minute, Options{}); err == nil || !strings.Contains(err.Error(), "at least one interval") {
		t.Errorf("half an interval: %v", err)
	}
}

func TestBacktestArguments(t *testing.T) {
	t.Parallel()
	start, y := weekly(time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC), 8*168)
	for _, o := range []int{0, -1, MaxOrigins + 1} {
		if _, err := RunBacktest(context.Background(), start, y, time.Hour, 24*time.Hour, o, []Model{SeasonalNaive}, Options{}, nil); err == nil || !strings.Contains(err.Error(), "origins") {
			t.Errorf("%d origins: %v", o, err)
		}
	}
	// One row: an error, not a panic.
	if _, err := RunBacktest(context.Background(), start[:1], y[:1], time.Hour, 24*time.Hour, 1, []Model{SeasonalNaive}, Options{}, nil); !errors.Is(err, ErrTooShort) {
		t.Errorf("one row: %v", err)
	}
}

func TestCancel(t *testing.T) {
	t.Parallel()
	// A cancelled context stops a backtest and a batch before any fit,
	// with the context's error.
	start, y := noisy(time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC), 20*168, 1)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := RunBacktest(ctx, start, y, time.Hour, 7*24*time.Hour, 4, []Model{Auto}, Options{}, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("backtest: %v", err)
	}
	loads := 0
	jobs := make([]Job, 50)
	for i := range jobs {
		jobs[i] = Job{Name: "s", Load: func() (*Input, error) {
			loads++
			return &Input{Start: start, Y: y, Step: time.Hour}, nil
		}}
	}
	if _, err := ForecastBatch(ctx, jobs, 24*time.Hour, 1, nil); !errors.Is(err, context.Canceled) || loads > 1 {
		t.Errorf("batch: %v after %d series", err, loads)
	}
	// Not cancelled: every series, in order.
	res, err := ForecastBatch(context.Background(), jobs[:3], 24*time.Hour, 2, nil)
	if err != nil || len(res) != 3 || len(res[2].Point) != 24 {
		t.Fatalf("batch: %v", err)
	}
}

func TestOutageIsMissing(t *testing.T) {
	t.Parallel()
	// Ten weeks of demand, then the last three days at zero (a broken
	// feed): warned about and left out, so the forecast keeps the level.
	// With KeepOutage the seasonal naive repeats the zeros. Closed nights at
	// the end are no outage.
	start, y := noisy(time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC), 10*168, 2)
	cut := append([]float64(nil), y...)
	for i := len(cut) - 72; i < len(cut); i++ {
		cut[i] = 0
	}
	res, err := Forecast(start, cut, time.Hour, 7*24*time.Hour, Options{Model: SeasonalNaive})
	if err != nil {
		t.Fatal(err)
	}
	keep, err := Forecast(start, cut, time.Hour, 7*24*time.Hour, Options{Model: SeasonalNaive, KeepOutage: true})
	if err != nil {
		t.Fatal(err)
	}
	full, err := Forecast(start, y, time.Hour, 7*24*time.Hour, Options{Model: SeasonalNaive})
	if err != nil {
		t.Fatal(err)
	}
	sum := func(p []float64) float64 {
		s := 0.0
		for _, v := range p {
			s += v
		}
		return s
	}
	if !hasWarning(res.Warnings, "the last 72 intervals") || hasWarning(keep.Warnings, "outage") {
		t.Errorf("warnings %v / %v", res.Warnings, keep.Warnings)
	}
	if r := sum(res.Point) / sum(full.Point); r < 0.9 || r > 1.1 {
		t.Errorf("outage treated as missing: forecast %.2f of the full history's", r)
	}
	if r := sum(keep.Point) / sum(full.Point); r > 0.9 {
		t.Errorf("outage kept: forecast %.2f of the full history's, want lower", r)
	}
	if k, _ := outage(start[:len(start)-5], y[:len(y)-5], time.Hour); k != 0 {
		t.Errorf("an ordinary end of history taken for an outage of %d intervals", k)
	}
}

func TestShortHistoryTakesOneSimpleModel(t *testing.T) {
	t.Parallel()
	// Ten weeks: Auto takes the single best of the short-history
	// candidates, no blend.
	start, y := noisy(time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC), 10*168, 3)
	res, err := Forecast(start, y, time.Hour, 14*24*time.Hour, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ok := false
	for _, m := range shortCandidates {
		ok = ok || res.Model == m
	}
	if !ok || len(res.Blend) != 0 {
		t.Errorf("ten weeks: model %v, blend %v", res.Model, res.Blend)
	}
}

func TestAutoTakesUpANewWeeklyShape(t *testing.T) {
	t.Parallel()
	// Thirty weeks of one timetable, then four of another (the mornings
	// moved to the evenings): Auto's forecast must be closer to the new
	// shape than the slow year-long profile alone, thanks to recency-
	// weighted validation and the recent-profile candidate.
	start, y := noisy(time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC), 34*168, 4)
	shape := func(t time.Time, late bool) float64 {
		h := t.Hour()
		if late {
			h = (h + 8) % 24
		}
		if h >= 8 && h < 16 {
			return 40
		}
		return 4
	}
	for i, t0 := range start {
		y[i] = shape(t0, i >= 30*168)
	}
	fut := make([]time.Time, 168)
	for i := range fut {
		fut[i] = start[len(start)-1].Add(time.Duration(i+1) * time.Hour)
	}
	mae := func(m Model) float64 {
		res, err := ForecastAt(start, y, time.Hour, fut, Options{Model: m})
		if err != nil {
			t.Fatal(err)
		}
		e := 0.0
		for i, t0 := range fut {
			e += math.Abs(res.Point[i] - shape(t0, true))
		}
		return e / float64(len(fut))
	}
	auto, slow := mae(Auto), mae(Profile)
	t.Logf("MAE on the new shape: auto %.2f, profile %.2f", auto, slow)
	if auto > 0.5*slow+1e-9 && auto > 1 {
		t.Errorf("after a change of timetable: auto MAE %.2f, profile %.2f", auto, slow)
	}
}

func TestPathsMatchQuantilesAndCorrelate(t *testing.T) {
	t.Parallel()
	// Sample paths: at each interval their 10% and 90% quantiles are the
	// forecast's (same calibrated errors; tolerance 0.1 on the fraction
	// below with 4,000 paths, over 7 binomial standard errors), and their
	// normal scores correlate as the model says (lag one: rho; 6 hours
	// apart on one day: day + (1 − day)·phi⁶), within 0.06 (with 4,000
	// paths a correlation's standard error is under 0.016), where the
	// history's errors have both a day's common part and a persistent
	// hourly part.
	start, y := noisy(time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC), 20*168, 5)
	rng := rand.New(rand.NewPCG(9, 9))
	lv, dayShock := 0.0, 0.0
	for i := range y {
		if i%24 == 0 {
			dayShock = 0.15 * rng.NormFloat64()
		}
		lv = 0.7*lv + 0.1*rng.NormFloat64()
		y[i] = math.Round(y[i] * math.Exp(lv+dayShock))
	}
	res, err := Forecast(start, y, time.Hour, 48*time.Hour, Options{Quantiles: []float64{0.1, 0.9}})
	if err != nil {
		t.Fatal(err)
	}
	if res.cal == nil {
		t.Fatal("no calibration")
	}
	const n = 4000
	paths := res.Paths(n, rand.New(rand.NewPCG(1, 2)))
	for i := range res.Point {
		if res.Point[i] == 0 {
			continue
		}
		below10, below90 := 0, 0
		for _, p := range paths {
			if p[i] < res.Quantiles[0][i]-1e-9 {
				below10++
			}
			if p[i] <= res.Quantiles[1][i]+1e-9 {
				below90++
			}
		}
		f10, f90 := float64(below10)/n, float64(below90)/n
		if math.Abs(f10-0.1) > 0.1 || math.Abs(f90-0.9) > 0.1 {
			t.Fatalf("interval %d: %.3f of paths below p10, %.3f at most p90", i, f10, f90)
		}
	}
	// Normal scores of the paths at two intervals of the second day:
	// ranks turned into normal quantiles (the copula's own scale).
	score := func(i int) []float64 {
		v := make([]float64, n)
		idx := make([]int, n)
		for k := range idx {
			idx[k] = k
		}
		sort.SliceStable(idx, func(a, b int) bool { return paths[idx[a]][i] < paths[idx[b]][i] })
		for r, k := range idx {
			v[k] = distuv.UnitNormal.Quantile((float64(r) + 0.5) / n)
		}
		return v
	}
	c := res.cal
	at := 24 + 10 // 10:00 on the second day: open, as are 11:00 and 16:00
	lag1 := stat.Correlation(score(at), score(at+1), nil)
	lag6 := stat.Correlation(score(at), score(at+6), nil)
	want6 := c.day + (1-c.day)*math.Pow(c.phi, 6)
	t.Logf("rho %.3f day %.3f phi %.3f; paths: lag 1 %.3f, lag 6 %.3f (want %.3f)", c.rho, c.day, c.phi, lag1, lag6, want6)
	if c.rho < 0.2 || c.day < 0.1 {
		t.Errorf("measured rho %.3f, day %.3f: the history's errors were built correlated", c.rho, c.day)
	}
	if math.Abs(lag1-c.rho) > 0.06 || math.Abs(lag6-want6) > 0.06 {
		t.Errorf("paths' correlations %.3f (lag 1, want %.3f) and %.3f (lag 6, want %.3f)", lag1, c.rho, lag6, want6)
	}
}

func TestShortSmoothSeriesNearItsBestCandidate(t *testing.T) {
	t.Parallel()
	// Ten weeks of a smooth, high-volume series (a weekly shape of
	// 100–600 an hour, noise of 1%): the case where the old Auto doubled
	// the error of its best candidate. Auto's error on the next two weeks
	// must stay within 25% of the best of every candidate. (With a level
	// rising 1% a week the regression, whose trend validation on cuts
	// under eight weeks cannot fit, is best by 45% and Auto, taking the
	// recent profile, is not: a known limit of validating on short
	// histories.)
	t0 := time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC)
	rng := rand.New(rand.NewPCG(11, 3))
	n := 12 * 168
	start := make([]time.Time, n)
	y := make([]float64, n)
	for i := range y {
		start[i] = t0.Add(time.Duration(i) * time.Hour)
		shape := 300 + 200*math.Sin(2*math.Pi*float64(i%24)/24) + 100*float64(int(start[i].Weekday())%3)
		y[i] = math.Round(shape * (1 + 0.01*rng.NormFloat64()))
	}
	hist := 10 * 168
	mae := func(m Model) float64 {
		res, err := ForecastAt(start[:hist], y[:hist], time.Hour, start[hist:], Options{Model: m})
		if err != nil {
			t.Fatal(err)
		}
		e := 0.0
		for i, p := range res.Point {
			e += math.Abs(p - y[hist+i])
		}
		return e / float64(n-hist)
	}
	best := math.Inf(1)
	for _, m := range candidates {
		best = math.Min(best, mae(m))
	}
	auto := mae(Auto)
	t.Logf("ten smooth weeks: auto MAE %.1f, best candidate %.1f", auto, best)
	if auto > 1.25*best {
		t.Errorf("auto MAE %.1f, over 25%% above the best candidate's %.1f", auto, best)
	}
}

func TestBatchPanic(t *testing.T) {
	t.Parallel()
	// A panic on a worker goroutine (here in a Load, then in the progress
	// callback) comes back as an error naming the series; the test
	// process goes on.
	start, y := noisy(time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC), 4*168, 1)
	ok := func() (*Input, error) { return &Input{Start: start, Y: y, Step: time.Hour}, nil }
	var none []float64
	jobs := []Job{{Name: "a", Load: ok}, {Name: "b", Load: func() (*Input, error) {
		_ = none[3] // index out of range
		return ok()
	}}, {Name: "c", Load: ok}}
	for _, workers := range []int{1, 3} {
		res, err := ForecastBatch(context.Background(), jobs, 24*time.Hour, workers, nil)
		var pe *panicerr.Error
		if !errors.As(err, &pe) || res != nil || !strings.HasPrefix(err.Error(), `series "b": internal error: panic: runtime error: index out of range`) || !strings.Contains(string(pe.Stack), "TestBatchPanic") {
			t.Errorf("%d workers: got %v, %d results", workers, err, len(res))
		}
	}
	_, err := ForecastBatch(context.Background(), jobs[:1], 24*time.Hour, 1, func(int, int) { panic("progress") })
	if err == nil || err.Error() != `series "a": internal error: panic: progress` {
		t.Errorf("progress: got %v", err)
	}
}
