package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// gappedSample writes the sample as `staffcast sample` does, less three
// night rows of June 2025 (inside the last 52 weeks that hours averages):
// three gaps of one interval each; the first row after a gap is line 21388.
func gappedSample(t *testing.T) string {
	t.Helper()
	full := filepath.Join(t.TempDir(), "shop.csv")
	if _, stderr, code := run(t, "", "sample", "--out", full); code != exitOK {
		t.Fatal(stderr)
	}
	b, err := os.ReadFile(full)
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	dropped := 0
	for _, l := range strings.SplitAfter(string(b), "\n") {
		if strings.HasPrefix(l, "2025-06-10T03:00:00+02:00,") || strings.HasPrefix(l, "2025-06-11T03:00:00+02:00,") || strings.HasPrefix(l, "2025-06-12T03:00:00+02:00,") {
			dropped++
			continue
		}
		kept = append(kept, l)
	}
	if dropped != 3 {
		t.Fatalf("dropped %d rows, want 3", dropped)
	}
	path := filepath.Join(t.TempDir(), "shop_gaps.csv")
	if err := os.WriteFile(path, []byte(strings.Join(kept, "")), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestFillGaps runs every command that reads a series on one gapped file:
// forecast and backtest warn with the count and go on (missing by
// default); validate, hours and plan stop with the count and the flag to
// pass; each takes error, missing (keep) and zero, except that hours and
// plan refuse missing.
func TestFillGaps(t *testing.T) {
	t.Parallel()
	gapped := gappedSample(t)
	const warning = "warning: 3 intervals absent from the history (gaps)"
	const count = "1 interval(s) missing between 2025-06-10T02:00:00+02:00 and 2025-06-10T04:00:00+02:00; 3 intervals missing in all, in 3 gaps"
	for _, c := range []struct {
		name     string
		args     []string
		code     int
		want     []string // in stderr
		wantNot  []string // not in stderr
		inStdout string
	}{
		{"forecast_default", []string{"forecast", "--history", gapped, "--column", "calls", "--horizon", "1d", "--model", "profile"}, exitOK, []string{warning}, nil, ""},
		{"forecast_missing", []string{"forecast", "--history", gapped, "--column", "calls", "--horizon", "1d", "--model", "profile", "--fill-gaps", "missing"}, exitOK, nil, []string{"warning: 3"}, ""},
		{"forecast_zero", []string{"forecast", "--history", gapped, "--column", "calls", "--horizon", "1d", "--model", "profile", "--fill-gaps", "zero"}, exitOK, nil, []string{"warning: 3"}, ""},
		{"forecast_error", []string{"forecast", "--history", gapped, "--fill-gaps", "error"}, exitInput, []string{count, "--fill-gaps missing to forecast around them"}, nil, ""},
		{"backtest_default", []string{"backtest", "--history", gapped, "--column", "calls", "--horizon", "1d", "--origins", "1", "--model", "profile"}, exitOK, []string{warning}, nil, ""},
		{"backtest_bad", []string{"backtest", "--fill-gaps", "bogus"}, exitUsage, []string{`--fill-gaps "bogus": want error, missing (or keep) or zero`}, nil, ""},
		{"validate_default", []string{"validate", "--in", gapped}, exitInput, []string{":21388: ", count, "--fill-gaps missing to list them"}, nil, ""},
		{"validate_missing", []string{"validate", "--in", gapped, "--fill-gaps", "missing"}, exitOK, nil, nil, "gaps     3 (3 intervals missing)"},
		{"validate_keep", []string{"validate", "--in", gapped, "--fill-gaps", "keep"}, exitOK, nil, nil, "gaps     3 (3 intervals missing)"},
		{"validate_zero", []string{"validate", "--in", gapped, "--fill-gaps", "zero"}, exitOK, nil, nil, "gaps     0 (0 intervals missing)"},
		{"hours_default", []string{"hours", "--demand", gapped}, exitInput, []string{count, "--fill-gaps zero if they are closed hours"}, nil, ""},
		{"hours_missing", []string{"hours", "--demand", gapped, "--fill-gaps", "missing"}, exitUsage, []string{"hours and plan need every interval"}, nil, ""},
		{"hours_zero", []string{"hours", "--demand", gapped, "--fill-gaps", "zero"}, exitOK, nil, nil, ""},
		{"plan_default", []string{"plan", "--history", gapped}, exitInput, []string{count, "--fill-gaps zero if they are closed hours"}, nil, ""},
		{"plan_keep", []string{"plan", "--history", gapped, "--fill-gaps", "keep"}, exitUsage, []string{"hours and plan need every interval"}, nil, ""},
		{"plan_zero", []string{"plan", "--history", gapped, "--fill-gaps", "zero", "--demand-from", "history"}, exitOK, nil, nil, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			stdout, stderr, code := run(t, "", c.args...)
			if code != c.code {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, c.code, stderr)
			}
			for _, w := range c.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
			for _, w := range c.wantNot {
				if strings.Contains(stderr, w) {
					t.Errorf("stderr has %q:\n%s", w, stderr)
				}
			}
			if !strings.Contains(stdout, c.inStdout) {
				t.Errorf("stdout lacks %q:\n%s", c.inStdout, stdout)
			}
		})
	}
}

// TestForecastBatchFillGaps: a folder of series takes --fill-gaps as a
// single history does (it once read every file with the gaps missing).
func TestForecastBatchFillGaps(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	b, err := os.ReadFile("testdata/forecast_gaps.csv")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "a.csv"), b, 0o644)
	args := []string{"--horizon", "1d", "--country", "none", "--model", "profile", "--format", "csv", "--fill-gaps", "zero"}
	batch, stderr, code := run(t, "", append([]string{"forecast", "--history", dir}, args...)...)
	if code != exitOK {
		t.Fatal(stderr)
	}
	single, stderr, code := run(t, "", append([]string{"forecast", "--history", "testdata/forecast_gaps.csv"}, args...)...)
	if code != exitOK {
		t.Fatal(stderr)
	}
	missing, stderr, code := run(t, "", "forecast", "--history", "testdata/forecast_gaps.csv", "--horizon", "1d", "--country", "none", "--model", "profile", "--format", "csv")
	if code != exitOK {
		t.Fatal(stderr)
	}
	if single == missing {
		t.Fatal("zeros and missing values gave the same forecast: the test cannot tell them apart")
	}
	sl := strings.Split(strings.TrimSpace(single), "\n")
	bl := strings.Split(strings.TrimSpace(batch), "\n")
	if len(sl) != len(bl) || len(sl) < 2 {
		t.Fatalf("batch:\n%s\nsingle:\n%s", batch, single)
	}
	for i := 1; i < len(sl); i++ {
		if "a,"+sl[i] != bl[i] {
			t.Fatalf("row %d: batch %q, single %q", i, bl[i], sl[i])
		}
	}
}
