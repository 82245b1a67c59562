package forecast

import (
	"context"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"
)

// realSeries reads one of ../../shared/data/real/*.csv (start,count,...)
// as a wall-clock grid in UTC, or skips the test when it is absent.
var skipLoudly sync.Once

func realSeries(t testing.TB, name string) ([]time.Time, []float64) {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "shared", "data", "real", name))
	if err != nil {
		// The UK series ships with the repository (CC BY 4.0); the others
		// may not be copied (see data/real/README.md) and need ../shared.
		if f, err = os.Open(filepath.Join("..", "data", "real", name)); err != nil {
			skipLoudly.Do(func() {
				fmt.Fprintf(os.Stderr, "forecast: SKIPPING the accuracy tests on %s and the other shared series: ../shared/data/real is absent (clone the shared data beside the repository to run them)\n", name)
			})
			t.Skipf("SKIP: real series %s not available: put the shared data at ../shared/data/real (beside the repository) to run the accuracy tests", name)
		}
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var start []time.Time
	var y []float64
	for _, r := range recs[1:] {
		ts, err := time.Parse("2006-01-02T15:04:05", r[0])
		if err != nil {
			t.Fatal(err)
		}
		v, err := strconv.ParseFloat(r[1], 64)
		if err != nil {
			t.Fatal(err)
		}
		start = append(start, ts)
		y = append(y, v)
	}
	return start, y
}

type accuracy struct {
	mase, coverage float64
	model          Model
	fit            time.Duration
}

// holdoutAccuracy follows the protocol of ../shared/data/real/README.md:
// hold out the last h rows, fit on the rest, forecast the held-out rows'
// times; MASE scales the holdout MAE by the in-sample MAE of the seasonal
// naive forecast at lag rows (one week); negative forecasts are clipped.
func holdoutAccuracy(t testing.TB, start []time.Time, y []float64, h, lag int, m Model) accuracy {
	t.Helper()
	n := len(y) - h
	t0 := time.Now()
	res, err := ForecastAt(start[:n], y[:n], time.Hour, start[n:], Options{Model: m, Quantiles: []float64{0.1, 0.9}})
	if err != nil {
		t.Fatal(err)
	}
	fit := time.Since(t0)
	scale := 0.0
	for i := lag; i < n; i++ {
		scale += math.Abs(y[i] - y[i-lag])
	}
	scale /= float64(n - lag)
	mae, cov := 0.0, 0.0
	for i := 0; i < h; i++ {
		mae += math.Abs(y[n+i] - math.Max(0, res.Point[i]))
		if y[n+i] >= res.Quantiles[0][i] && y[n+i] <= res.Quantiles[1][i] {
			cov++
		}
	}
	return accuracy{mase: mae / float64(h) / scale, coverage: cov / float64(h), model: res.Model, fit: fit}
}

// realCases are the real series with the README's protocol: h held-out
// rows, a weekly lag of lag rows, the goal (at least 25% below the
// seasonal naive and no worse than the best published tool) and the MASE
// this engine is held to: its measured value plus 2% (under the goal) so
// that a loss of accuracy fails. Coverage is held on the rolling origins
// (TestRollingOrigins), where there are eight fortnights to count.
var realCases = []struct {
	file          string
	h, lag        int
	goal, maxMASE float64
}{
	{"anonbank_il_1999_hourly.csv", 336, 168, 0.571, 0.524},
	{"bank_calls_us_2003_hourly.csv", 140, 70, 0.861, 0.807},
	{"online_retail_uk_2011_hourly.csv", 336, 168, 1.058, 1.043},
}

func TestAccuracyOnRealSeries(t *testing.T) {
	for _, c := range realCases {
		t.Run(c.file, func(t *testing.T) {
			start, y := realSeries(t, c.file)
			for _, m := range []Model{SeasonalNaive, WeekMean, Profile, RecentProfile, Regression, Combination, DoubleSeasonal, Auto} {
				a := holdoutAccuracy(t, start, y, c.h, c.lag, m)
				t.Logf("%-34s %-15v MASE %.3f  80%% coverage %.3f  (%v chosen, %v)", c.file, m, a.mase, a.coverage, a.model, a.fit.Round(time.Millisecond))
				if m == Auto && a.mase > c.maxMASE {
					t.Errorf("%s: MASE %.3f, held to %.3f (goal %.3f)", c.file, a.mase, c.maxMASE, c.goal)
				}
			}
		})
	}
}

// rollingCases are the shared series with the rolling-origin protocol:
// eight origins of 14 days each (for the US bank series, the open rows of
// each 14 days), ending at the end of each series, and every model
// forecast from the history before each origin. The figures are those
// measured when the current design was settled, and the test fails when
// auto's mean MASE rises more than 2% above them.
type rollingCase struct {
	file     string
	autoMean float64 // auto's mean MASE over the origins, as measured
	// notBelowNaive is the number of origins where auto is known not to
	// beat the seasonal naive: on the US bank series, the fortnights from
	// 2003-07-21 and 2003-09-15 (after the surge that follows Labor Day,
	// which every level-following candidate carries into the next weeks
	// while last week alone was a normal week).
	notBelowNaive int
}

var rollingCases = []rollingCase{
	{"anonbank_il_1999_hourly.csv", 0.665, 0},
	{"bank_calls_us_2003_hourly.csv", 0.801, 2},
	{"online_retail_uk_2011_hourly.csv", 0.910, 0},
}

const rollingOrigins = 8

var rollingModels = []Model{SeasonalNaive, WeekMean, Profile, RecentProfile, DoubleSeasonal, Regression, Combination, Auto}

func rollingTable(t *testing.T, file string, dev bool) []Backtest {
	start, y := realSeries(t, file)
	n := len(y)
	if dev {
		// The development stretch: the origins before the held-out 14 days.
		cut := start[n-1].AddDate(0, 0, -14)
		for n > 0 && start[n-1].After(cut) {
			n--
		}
	}
	bts, err := RunBacktest(context.Background(), start[:n], y[:n], time.Hour, 14*24*time.Hour, rollingOrigins, rollingModels, Options{Quantiles: []float64{0.1, 0.9}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return bts
}

func logTable(t *testing.T, file string, bts []Backtest) {
	for _, b := range bts {
		per := ""
		for _, m := range b.ByOrigin {
			per += fmt.Sprintf(" %.3f", m.MASE)
		}
		t.Logf("%-32s %-15v mean %.3f worst %.3f  80%% coverage open %.3f all %.3f |%s", file, b.Model, b.MeanMASE, b.WorstMASE, b.Overall.CoverageOpen, b.Overall.Coverage, per)
	}
}

func TestRollingOrigins(t *testing.T) {
	if testing.Short() {
		t.Skip("long")
	}
	for _, c := range rollingCases {
		t.Run(c.file, func(t *testing.T) { rollingCheck(t, c) })
	}
}

// rollingCheck computes the rolling-origin table of one series (and,
// with STAFFCAST_DEV set, the development stretch's) and holds auto to it.
func rollingCheck(t *testing.T, c rollingCase) {
	for _, dev := range []bool{true, false} {
		if dev && os.Getenv("STAFFCAST_DEV") == "" {
			continue
		}
		bts := rollingTable(t, c.file, dev)
		logTable(t, c.file, bts)
		if dev {
			continue
		}
		naive, auto := bts[0], bts[len(bts)-1]
		best := bts[0]
		for _, b := range bts[:len(bts)-1] {
			if b.MeanMASE < best.MeanMASE {
				best = b
			}
		}
		if auto.MeanMASE > 1.05*best.MeanMASE {
			t.Errorf("%s: auto mean MASE %.3f, more than 5%% above the best candidate (%v, %.3f)", c.file, auto.MeanMASE, best.Model, best.MeanMASE)
		}
		worse := 0
		for o := range auto.ByOrigin {
			if auto.ByOrigin[o].MASE >= naive.ByOrigin[o].MASE {
				worse++
				t.Logf("%s: origin %s: auto MASE %.3f, not below the seasonal naive's %.3f", c.file, auto.Origins[o].Format("2006-01-02"), auto.ByOrigin[o].MASE, naive.ByOrigin[o].MASE)
			}
		}
		if worse > c.notBelowNaive {
			t.Errorf("%s: auto is not below the seasonal naive on %d origins, held to %d", c.file, worse, c.notBelowNaive)
		}
		if c.autoMean > 0 && auto.MeanMASE > 1.02*c.autoMean {
			t.Errorf("%s: auto mean MASE %.3f, held to %.3f + 2%%", c.file, auto.MeanMASE, c.autoMean)
		}
		if cov := auto.Overall.CoverageOpen; cov < 0.75 || cov > 0.85 {
			t.Errorf("%s: the 80%% interval covers %.3f of the open hours, want 0.75–0.85", c.file, cov)
		}
	}
}
