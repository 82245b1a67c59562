package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestStaffRisk(t *testing.T) {
	t.Parallel()
	in := "testdata/sim_peak.csv"
	for _, c := range []struct {
		name string
		args []string
		code int
	}{
		{"time_varying", []string{"--in", in, "--tz", "Europe/Stockholm", "--aht", "4m", "--time-varying", "--replications", "40", "--format", "csv"}, exitOK},
		{"risk", []string{"--in", in, "--tz", "Europe/Stockholm", "--aht", "4m", "--risk", "0.9", "--replications", "20", "--format", "csv"}, exitOK},
		{"quantile_column", []string{"--in", in, "--tz", "Europe/Stockholm", "--aht", "4m", "--quantile-column", "p90", "--format", "csv"}, exitOK},
		{"risk_outside", []string{"--in", in, "--aht", "4m", "--risk", "1"}, exitUsage},
		{"risk_percent", []string{"--in", in, "--aht", "4m", "--risk", "90"}, exitUsage},
		{"risk_no_quantiles", []string{"--in", "testdata/sim_volumes.csv", "--aht", "4m", "--risk", "0.9"}, exitInput},
		{"unknown_quantile_column", []string{"--in", in, "--aht", "4m", "--quantile-column", "p99"}, exitInput},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			stdout, stderr, code := run(t, "", append([]string{"staff"}, c.args...)...)
			if code != c.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, c.code, stderr)
			}
			golden(t, ".stdout", stdout)
			golden(t, ".stderr", stderr)
		})
	}
}

// TestStaffTimeVaryingInterrupted checks that Ctrl-C during the
// correction writes nothing.
func TestStaffTimeVaryingInterrupted(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "corrected.csv")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var so, se strings.Builder
	err := newApp(strings.NewReader(""), &so, &se).RunContext(ctx, []string{"staffcast", "staff", "--in", "testdata/sim_peak.csv", "--aht", "4m", "--time-varying", "--out", out})
	if err == nil || !strings.Contains(err.Error(), "nothing written") {
		t.Errorf("error %v, want one saying nothing was written", err)
	}
	if _, serr := os.Stat(out); !os.IsNotExist(serr) {
		t.Errorf("interrupted run wrote %s", out)
	}
}

// TestStaffNoVolumeColumn is a regression test: a CSV without a volume
// column is an input error, not a panic (ErrorAt at row -1).
func TestStaffNoVolumeColumn(t *testing.T) {
	t.Parallel()
	_, stderr, code := run(t, "", "staff", "--in", "testdata/sim_no_volume.csv", "--aht", "4m")
	if code != exitInput || !strings.Contains(stderr, `column "volume"`) {
		t.Errorf("exit %d, stderr %q; want %d naming the volume column", code, stderr, exitInput)
	}
}
