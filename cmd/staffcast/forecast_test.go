package main

import (
	"os"
	"path/filepath"
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
	if lines[0] != "model,day,mase,wape,bias,rmse,coverage_80,n,fit_seconds" || len(lines) != 1+7*(1+7) {
		t.Errorf("backtest CSV:\n%s", stdout)
	}
	if !strings.HasPrefix(lines[1], "seasonal-naive,all,") || !strings.Contains(stdout, "\nregression,all,") {
		t.Errorf("rows: %v", lines[:3])
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
