package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const ukSeries = "../../data/real/online_retail_uk_2011_hourly.csv"

func TestForecast(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		args []string
		code int
	}{
		{"uk_csv", []string{"forecast", "--history", ukSeries, "--horizon", "2d", "--country", "DK", "--events", "testdata/events.csv", "--format", "csv"}, exitOK},
		{"sample_two_columns", []string{"forecast", "--column", "orders", "--column", "calls", "--horizon", "6h", "--format", "csv"}, exitOK},
		{"sample_driver", []string{"forecast", "--column", "calls", "--driver", "orders", "--horizon", "12h", "--format", "csv"}, exitOK},
		{"horizon_zero", []string{"forecast", "--history", ukSeries, "--horizon", "0h"}, exitUsage},
		{"unknown_country", []string{"forecast", "--history", ukSeries, "--country", "UK"}, exitUsage},
		{"events_end_before_start", []string{"forecast", "--history", ukSeries, "--events", "testdata/events_bad.csv"}, exitInput},
		{"too_short", []string{"forecast", "--history", "testdata/requirements_dst.csv"}, exitInput},
		{"unknown_column", []string{"forecast", "--history", ukSeries, "--column", "calls"}, exitUsage},
		{"country_none", []string{"forecast", "--history", ukSeries, "--horizon", "1d", "--country", "none", "--format", "csv"}, exitOK},
		{"country_gb", []string{"forecast", "--history", ukSeries, "--horizon", "1d", "--country", "gb", "--format", "csv"}, exitOK},
		{"horizon_too_long", []string{"forecast", "--history", ukSeries, "--horizon", "100000d"}, exitUsage},
		{"horizon_overflow", []string{"forecast", "--history", ukSeries, "--horizon", "1e12d"}, exitUsage},
		{"gaps_warned", []string{"forecast", "--history", "testdata/forecast_gaps.csv", "--horizon", "1d", "--country", "none", "--format", "csv"}, exitOK},
		{"gaps_bad_flag", []string{"forecast", "--fill-gaps", "bogus"}, exitUsage},
		{"paths", []string{"forecast", "--history", ukSeries, "--horizon", "2d", "--paths", "3", "--country", "none", "--format", "csv"}, exitOK},
		{"paths_too_many", []string{"forecast", "--paths", "100001"}, exitUsage},
		{"backtest_origins_zero", []string{"backtest", "--history", ukSeries, "--origins", "0"}, exitUsage},
		{"backtest_one_row", []string{"backtest", "--history", "testdata/forecast_one_row.csv"}, exitInput},
		// A bad value in one series of a long file is named by its line in the file.
		{"batch_long_bad_value", []string{"forecast", "--history", "testdata/forecast_long_bad.csv", "--country", "none"}, exitInput},
	} {
		t.Run(c.name, func(t *testing.T) {
			stdout, stderr, code := run(t, "", c.args...)
			if code != c.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, c.code, stderr)
			}
			golden(t, ".stdout", stdout)
			golden(t, ".stderr", stderr)
		})
	}
}

func TestBacktestCSV(t *testing.T) {
	t.Parallel()
	// Fit times vary, so the CSV is checked by shape rather than golden.
	stdout, stderr, code := run(t, "", "backtest", "--history", ukSeries, "--horizon", "7d", "--origins", "2", "--format", "csv")
	if code != exitOK {
		t.Fatal(stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	// Per model: all, seven days, two origins.
	if lines[0] != "model,scope,mase,wape,bias,rmse,coverage_80_open,coverage_80_all,n,n_open,fit_seconds" || len(lines) != 1+8*(1+7+2) {
		t.Errorf("backtest CSV:\n%s", stdout)
	}
	if !strings.HasPrefix(lines[1], "seasonal-naive,all,") || !strings.Contains(stdout, "\nregression,all,") || !strings.Contains(stdout, "\nauto,origin 2011-12-03T00:00,") {
		t.Errorf("rows: %v", lines[:3])
	}
}

// TestBacktestDecemberSample holds the 80% band of auto to 75–85% of the
// open hours in a December backtest of the embedded sample (four weekly
// origins from 4 December, the Christmas rush and the week after it).
// Before the bands were calibrated per regime and on open hours only,
// it covered 47% of the December rush.
func TestBacktestDecemberSample(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("long")
	}
	for _, col := range []string{"orders", "calls"} {
		stdout, stderr, code := run(t, "", "backtest", "--column", col, "--model", "auto", "--horizon", "7d", "--origins", "4", "--format", "csv")
		if code != exitOK {
			t.Fatal(stderr)
		}
		for _, l := range strings.Split(stdout, "\n") {
			f := strings.Split(l, ",")
			if len(f) < 8 || f[0] != "auto" || f[1] != "all" {
				continue
			}
			open, err1 := strconv.ParseFloat(f[6], 64)
			all, err2 := strconv.ParseFloat(f[7], 64)
			if err1 != nil || err2 != nil {
				t.Fatal(l)
			}
			t.Logf("%s: 80%% band covers %.3f of open hours, %.3f of all hours", col, open, all)
			if open < 0.75 || open > 0.85 {
				t.Errorf("%s: December 80%% band covers %.3f of the open hours, want 0.75–0.85", col, open)
			}
		}
	}
}

func TestBacktestChart(t *testing.T) {
	t.Parallel()
	chart := filepath.Join(t.TempDir(), "bt.svg")
	if _, stderr, code := run(t, "", "backtest", "--history", ukSeries, "--horizon", "7d", "--origins", "1", "--chart", chart); code != exitOK {
		t.Fatal(stderr)
	}
	if b, err := os.ReadFile(chart); err != nil || !strings.Contains(string(b), "<svg") {
		t.Errorf("chart: %v", err)
	}
}

func TestForecastBatch(t *testing.T) {
	t.Parallel()
	// A folder of series and a long file with a series column give the
	// same forecasts, one block per series.
	dir := t.TempDir()
	uk, err := os.ReadFile(ukSeries)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(uk)), "\n")
	var long strings.Builder
	long.WriteString("series,start,count\n")
	for _, name := range []string{"a", "b"} {
		os.WriteFile(filepath.Join(dir, name+".csv"), uk, 0o644)
		for _, l := range lines[1:] {
			long.WriteString(name + "," + l + "\n")
		}
	}
	longFile := filepath.Join(t.TempDir(), "long.csv")
	os.WriteFile(longFile, []byte(long.String()), 0o644)
	fromDir, stderr, code := run(t, "", "forecast", "--history", dir, "--horizon", "1d", "--format", "csv")
	if code != exitOK {
		t.Fatal(stderr)
	}
	fromLong, stderr, code := run(t, "", "forecast", "--history", longFile, "--horizon", "1d", "--format", "csv")
	if code != exitOK {
		t.Fatal(stderr)
	}
	if fromDir != fromLong || strings.Count(fromDir, "\na,") != 24 || strings.Count(fromDir, "\nb,") != 24 {
		t.Errorf("folder:\n%s\nlong file:\n%s", fromDir, fromLong)
	}
	// The batch honours --quantiles and --events as a single forecast
	// does, and gives the same numbers as one series forecast alone.
	batch, stderr, code := run(t, "", "forecast", "--history", dir, "--horizon", "1d", "--quantiles", "0.05,0.95", "--events", "testdata/events.csv", "--country", "DK", "--format", "csv")
	if code != exitOK {
		t.Fatal(stderr)
	}
	single, stderr, code := run(t, "", "forecast", "--history", filepath.Join(dir, "a.csv"), "--horizon", "1d", "--quantiles", "0.05,0.95", "--events", "testdata/events.csv", "--country", "DK", "--format", "csv")
	if code != exitOK {
		t.Fatal(stderr)
	}
	if !strings.HasPrefix(batch, "series,start,forecast,p5,p95\n") {
		t.Errorf("batch header: %q", strings.SplitN(batch, "\n", 2)[0])
	}
	sl := strings.Split(strings.TrimSpace(single), "\n")
	bl := strings.Split(strings.TrimSpace(batch), "\n")
	for i := 1; i < len(sl); i++ {
		if "a,"+sl[i] != bl[i] {
			t.Fatalf("row %d: batch %q, single %q", i, bl[i], sl[i])
		}
	}
}

func TestForecastBatchBadFile(t *testing.T) {
	t.Parallel()
	// Files of a folder are read by the workers; a file that does not
	// parse still fails the run with its name and line, and an unknown
	// --column is still a usage error.
	dir := t.TempDir()
	uk, err := os.ReadFile(ukSeries)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "a.csv"), uk, 0o644)
	os.WriteFile(filepath.Join(dir, "b.csv"), []byte("start,count\n2011-01-01T00:00:00,1\n2011-01-01T01:00:00,x\n"), 0o644)
	_, stderr, code := run(t, "", "forecast", "--history", dir, "--horizon", "1d", "--format", "csv")
	if code != exitInput || !strings.Contains(stderr, "b.csv:3") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	_, stderr, code = run(t, "", "forecast", "--history", dir, "--column", "calls", "--horizon", "1d", "--format", "csv")
	if code != exitUsage || !strings.Contains(stderr, `--column "calls"`) {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

func TestForecastBatchDriver(t *testing.T) {
	t.Parallel()
	// --driver in a batch: each series' calls are forecast from its
	// orders, as a single forecast of the same file does.
	dir := t.TempDir()
	sample, stderr, code := run(t, "", "sample", "--format", "csv")
	if code != exitOK {
		t.Fatal(stderr)
	}
	for _, name := range []string{"a", "b"} {
		os.WriteFile(filepath.Join(dir, name+".csv"), []byte(sample), 0o644)
	}
	batch, stderr, code := run(t, "", "forecast", "--history", dir, "--column", "calls", "--driver", "orders", "--tz", "Europe/Stockholm", "--horizon", "1d", "--format", "csv")
	if code != exitOK {
		t.Fatal(stderr)
	}
	single, stderr, code := run(t, "", "forecast", "--history", filepath.Join(dir, "b.csv"), "--column", "calls", "--driver", "orders", "--tz", "Europe/Stockholm", "--horizon", "1d", "--format", "csv")
	if code != exitOK || !strings.Contains(stderr, "per orders") {
		t.Fatal(stderr)
	}
	sl := strings.Split(strings.TrimSpace(single), "\n")
	bl := strings.Split(strings.TrimSpace(batch), "\n")
	if len(bl) != 1+2*(len(sl)-1) {
		t.Fatalf("batch has %d rows, want %d", len(bl)-1, 2*(len(sl)-1))
	}
	for i := 1; i < len(sl); i++ {
		if "b,"+sl[i] != bl[len(sl)-1+i] {
			t.Fatalf("row %d: batch %q, single %q", i, bl[len(sl)-1+i], sl[i])
		}
	}
}
