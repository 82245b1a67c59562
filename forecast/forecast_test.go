package forecast

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/staffcast/staffcast/forecast/calendar"
	"gonum.org/v1/gonum/floats/scalar"
)

// weekly makes n hourly values of a pure weekly pattern from t0.
func weekly(t0 time.Time, n int) ([]time.Time, []float64) {
	start := make([]time.Time, n)
	y := make([]float64, n)
	for i := range start {
		start[i] = t0.Add(time.Duration(i) * time.Hour)
		s := slotOf(start[i], time.Hour)
		y[i] = float64(10 + (s*7)%23)
	}
	return start, y
}

func TestModelsRecoverAPureWeeklyPattern(t *testing.T) {
	t.Parallel()
	// A series that repeats every week exactly: the seasonal naive and
	// week-mean forecasts are exact by construction, and the regression,
	// which can express it exactly, recovers it to 1e-3 relative (the
	// ridge and the trend term are all that separate them).
	start, y := weekly(time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC), 12*168)
	fut, want := weekly(start[len(start)-1].Add(time.Hour), 336)
	for _, m := range []Model{SeasonalNaive, WeekMean, Profile, DoubleSeasonal, Regression, Combination} {
		res, err := ForecastAt(start, y, time.Hour, fut, Options{Model: m})
		if err != nil {
			t.Fatal(err)
		}
		for i := range want {
			if !scalar.EqualWithinAbsOrRel(res.Point[i], want[i], 1e-9, 1e-3) {
				t.Fatalf("%v at %v: %v, want %v", m, fut[i], res.Point[i], want[i])
			}
		}
	}
}

func TestForecastContinuesAcrossDST(t *testing.T) {
	t.Parallel()
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Skip(err)
	}
	// History ends the Saturday before the spring change; a 2-day horizon
	// has 47 hours, and 03:00 follows 01:00 on the Sunday.
	start, y := weekly(time.Date(2025, 2, 1, 0, 0, 0, 0, loc), 0)
	for t0 := time.Date(2025, 2, 1, 0, 0, 0, 0, loc); t0.Before(time.Date(2025, 3, 30, 0, 0, 0, 0, loc)); t0 = t0.Add(time.Hour) {
		start = append(start, t0)
		y = append(y, float64(t0.Hour()))
	}
	res, err := Forecast(start, y, time.Hour, 47*time.Hour, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Start[2].Format(time.RFC3339); got != "2025-03-30T03:00:00+02:00" {
		t.Errorf("third forecast hour %s, want 2025-03-30T03:00:00+02:00", got)
	}
	if got := res.Start[46].Format(time.RFC3339); got != "2025-03-31T23:00:00+02:00" {
		t.Errorf("last forecast hour %s", got)
	}
	for i, p := range res.Point {
		if math.IsNaN(p) || p < 0 || res.Quantiles[0][i] > res.Quantiles[2][i] {
			t.Fatalf("hour %d: %v %v", i, p, res.Quantiles)
		}
	}
}

func TestForecastBadInput(t *testing.T) {
	t.Parallel()
	start, y := weekly(time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC), 3*168)
	if _, err := Forecast(start[:50], y[:50], time.Hour, 24*time.Hour, Options{}); !errors.Is(err, ErrTooShort) {
		t.Errorf("two days of history: %v", err)
	}
	if _, err := Forecast(start, y, time.Hour, 0, Options{}); err == nil || !strings.Contains(err.Error(), "horizon") {
		t.Errorf("horizon 0: %v", err)
	}
	neg := append([]float64(nil), y...)
	neg[7] = -1
	if _, err := Forecast(start, neg, time.Hour, 24*time.Hour, Options{}); err == nil || !strings.Contains(err.Error(), ">= 0") {
		t.Errorf("negative value: %v", err)
	}
	// An all-zero series forecasts zeros, with no NaN.
	zero := make([]float64, len(y))
	res, err := Forecast(start, zero, time.Hour, 48*time.Hour, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range res.Point {
		if res.Point[i] != 0 || math.IsNaN(res.Quantiles[2][i]) {
			t.Fatalf("all-zero series: %v", res.Point[i])
		}
	}
	// A constant series: validation errors are all zero, so the quantiles
	// equal the point forecast, which is the constant.
	flat := make([]float64, len(y))
	for i := range flat {
		flat[i] = 5
	}
	res, err = Forecast(start, flat, time.Hour, 48*time.Hour, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range res.Point {
		if !scalar.EqualWithinAbs(res.Point[i], 5, 1e-9) || !scalar.EqualWithinAbs(res.Quantiles[0][i], 5, 1e-9) || !scalar.EqualWithinAbs(res.Quantiles[2][i], 5, 1e-9) {
			t.Fatalf("constant series, hour %d: %v %v %v", i, res.Point[i], res.Quantiles[0][i], res.Quantiles[2][i])
		}
	}
	// Too little history for the horizon: a forecast, with a warning
	// that says so, and no NaN.
	res, err = Forecast(start[:200], y[:200], time.Hour, 28*24*time.Hour, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !hasWarning(res.Warnings, "reaches further than the history") || !hasWarning(res.Warnings, "yearly seasonality left out") {
		t.Errorf("four weeks from eight days: warnings %v", res.Warnings)
	}
	for i := range res.Point {
		for _, v := range []float64{res.Point[i], res.Quantiles[0][i], res.Quantiles[2][i]} {
			if math.IsNaN(v) || v < 0 {
				t.Fatalf("four weeks from eight days, hour %d: %v", i, v)
			}
		}
	}
	if _, err := ParseModel("prophet"); err == nil {
		t.Error("ParseModel accepted an unknown model")
	}
}

func TestBacktestMetricsByHand(t *testing.T) {
	t.Parallel()
	// Hand-computed: actuals 10, 20; forecast 12, 15; scale 5.
	a := &acc{}
	a.add(10, 12, 0, 11, 5)
	a.add(20, 15, 14, 18, 5) // 20 falls outside [14, 18]
	m := a.metrics()
	// MAE (2+5)/2 = 3.5 → MASE 0.7; WAPE 7/30; bias (2−5)/30; RMSE √14.5; coverage 1/2.
	want := Metrics{MASE: 0.7, WAPE: 7.0 / 30, Bias: -3.0 / 30, RMSE: math.Sqrt(14.5), Coverage: 0.5, N: 2}
	if !scalar.EqualWithinAbs(m.MASE, want.MASE, 1e-12) || !scalar.EqualWithinAbs(m.WAPE, want.WAPE, 1e-12) || !scalar.EqualWithinAbs(m.Bias, want.Bias, 1e-12) ||
		!scalar.EqualWithinAbs(m.RMSE, want.RMSE, 1e-12) || m.Coverage != want.Coverage || m.N != 2 {
		t.Errorf("metrics %+v, want %+v", m, want)
	}
	// A backtest of a pure weekly series: the seasonal naive is perfect.
	start, y := weekly(time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC), 8*168)
	bts, err := RunBacktest(context.Background(), start, y, time.Hour, 168*time.Hour, 2, []Model{SeasonalNaive}, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if bts[0].Overall.MASE > 1e-12 || bts[0].Overall.N != 336 || len(bts[0].ByDay) != 7 {
		t.Errorf("seasonal naive on a weekly series: %+v", bts[0].Overall)
	}
}

func BenchmarkForecastThreeYears(b *testing.B) {
	// Fit and forecast 14 days from three years of hourly history, with
	// the validation that picks the model (Auto): the cost a planner waits for.
	start, y := weekly(time.Date(2023, 1, 2, 0, 0, 0, 0, time.UTC), 3*52*168)
	for i := range y {
		y[i] *= 1 + 0.3*math.Sin(2*math.Pi*float64(i)/(365.25*24))
	}
	events := calendar.Events(calendar.Sweden, start[0], start[len(start)-1].AddDate(0, 0, 15), time.UTC)
	for b.Loop() {
		if _, err := Forecast(start, y, time.Hour, 336*time.Hour, Options{Events: events}); err != nil {
			b.Fatal(err)
		}
	}
}

func hasWarning(ws []error, text string) bool {
	for _, w := range ws {
		if strings.Contains(w.Error(), text) {
			return true
		}
	}
	return false
}

func TestProfileAgainstWeekMeanAndHoles(t *testing.T) {
	t.Parallel()
	// With equal weights (a very long half-life) and no level correction,
	// the Profile model is the mean of each hour of the week over all
	// weeks, which lagged computes independently.
	start, y := weekly(time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC), 10*168)
	for i := range y {
		y[i] *= 1 + 0.05*float64(i/168) + 0.1*math.Sin(float64(i))
	}
	fut, _ := weekly(start[len(start)-1].Add(time.Hour), 168)
	got := newProfileFit(start, y, time.Hour).predict(profileParams{shapeHalf: 1e12}, fut)
	want := lagged(start, y, fut, 10)
	for i := range want {
		if !scalar.EqualWithinAbsOrRel(got[i], want[i], 1e-9, 1e-9) {
			t.Fatalf("hour %d: profile %v, mean of ten weeks %v", i, got[i], want[i])
		}
	}
	// A closed day in history (a holiday Monday at zero) is a hole, not a
	// quiet Monday: the Monday forecast is still the pattern's.
	start, y = weekly(time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC), 10*168)
	for i := 4 * 168; i < 4*168+24; i++ {
		y[i] = 0
	}
	fut, want = weekly(start[len(start)-1].Add(time.Hour), 168)
	got = newProfileFit(start, y, time.Hour).predict(profileParams{shapeHalf: 4, levelHalf: 1}, fut)
	for i := range want {
		if !scalar.EqualWithinAbsOrRel(got[i], want[i], 1e-9, 1e-9) {
			t.Fatalf("hour %d after a closed Monday: %v, want %v", i, got[i], want[i])
		}
	}
}

func TestQuarterHours(t *testing.T) {
	t.Parallel()
	// A 15-minute series that repeats every week: every model forecasts
	// the pattern, on its 672 intervals of the week.
	const step = 15 * time.Minute
	mk := func(t0 time.Time, n int) ([]time.Time, []float64) {
		start := make([]time.Time, n)
		y := make([]float64, n)
		for i := range start {
			start[i] = t0.Add(time.Duration(i) * step)
			y[i] = float64(3 + (slotOf(start[i], step)*5)%17)
		}
		return start, y
	}
	start, y := mk(time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC), 10*672)
	fut, want := mk(start[len(start)-1].Add(step), 2*96)
	for _, m := range []Model{SeasonalNaive, WeekMean, Profile, DoubleSeasonal, Regression, Combination, Auto} {
		res, err := ForecastAt(start, y, step, fut, Options{Model: m})
		if err != nil {
			t.Fatal(err)
		}
		for i := range want {
			if !scalar.EqualWithinAbsOrRel(res.Point[i], want[i], 1e-9, 1e-3) {
				t.Fatalf("%v at %v: %v, want %v", m, fut[i], res.Point[i], want[i])
			}
		}
	}
}

func TestDoubleSeasonalStartAndLevel(t *testing.T) {
	t.Parallel()
	// With all constants zero nothing is updated: the forecast is the
	// starting state, exp of the mean of log(1 + y) of each hour of the
	// week over the first four weeks, minus one (computed here directly).
	start, y := weekly(time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC), 10*168)
	for i := range y {
		y[i] *= 1 + 0.1*math.Sin(float64(i))
	}
	fut, _ := weekly(start[len(start)-1].Add(time.Hour), 168)
	got := newDSHWFit(start, y, time.Hour).predict(dshwParams{}, fut)
	for i, t0 := range fut {
		s := 0.0
		for w := 0; w < 4; w++ {
			s += math.Log1p(y[w*168+(slotOf(t0, time.Hour)-slotOf(start[0], time.Hour)+168)%168])
		}
		if want := math.Expm1(s / 4); !scalar.EqualWithinAbsOrRel(got[i], want, 1e-9, 1e-9) {
			t.Fatalf("hour %d: %v, want %v", i, got[i], want)
		}
	}
	// A level that doubles for the last four weeks: the level term
	// follows it, so the forecast moves most of the way to the new level.
	start, y = weekly(time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC), 20*168)
	for i := 16 * 168; i < len(y); i++ {
		y[i] *= 2
	}
	fut, want := weekly(start[len(start)-1].Add(time.Hour), 168)
	got = newDSHWFit(start, y, time.Hour).predict(dshwParams{alpha: 0.02, delta: 0.01, omega: 0.05}, fut)
	sumGot, sumWant := 0.0, 0.0
	for i := range want {
		sumGot += got[i]
		sumWant += want[i]
	}
	if r := sumGot / sumWant; r < 1.8 || r > 2.1 {
		t.Errorf("after the level doubled: forecast %.2f times the old level, want about 2", r)
	}
}
