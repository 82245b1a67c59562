package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSimulate(t *testing.T) {
	t.Parallel()
	req := "testdata/sim_requirements.csv"
	for _, c := range []struct {
		name string
		args []string
		code int
	}{
		{"table", []string{"--in", req, "--tz", "Europe/Stockholm", "--aht", "4m", "--replications", "20"}, exitOK},
		{"csv_patience", []string{"--in", req, "--tz", "Europe/Stockholm", "--aht", "4m", "--patience", "2m", "--replications", "20", "--format", "csv"}, exitOK},
		{"json_day_lognormal", []string{"--in", req, "--tz", "Europe/Stockholm", "--aht", "4m", "--cv", "1.5", "--replications", "10", "--per", "day", "--format", "json"}, exitOK},
		{"shifts", []string{"--in", req, "--tz", "Europe/Stockholm", "--shifts", "testdata/sim_shifts.csv", "--aht", "4m", "--replications", "10", "--format", "csv"}, exitOK},
		{"shifts_elsewhere", []string{"--in", req, "--tz", "Europe/Stockholm", "--shifts", "testdata/sim_shifts_elsewhere.csv", "--aht", "4m"}, exitInput},
		{"zero_replications", []string{"--in", req, "--aht", "4m", "--replications", "0"}, exitUsage},
		{"bad_cv", []string{"--in", req, "--aht", "4m", "--cv", "0"}, exitUsage},
		{"lognormal_patience", []string{"--in", req, "--tz", "Europe/Stockholm", "--aht", "4m", "--patience", "2m", "--patience-cv", "0.8", "--replications", "10", "--per", "day", "--format", "csv"}, exitOK},
		{"bad_patience_cv", []string{"--in", req, "--aht", "4m", "--patience", "2m", "--patience-cv", "-1"}, exitUsage},
		{"bad_patience", []string{"--in", req, "--aht", "4m", "--patience", "0s"}, exitUsage},
		{"scenario_page", []string{"--in", "testdata/sim_requirements_p90.csv", "--tz", "Europe/Stockholm", "--aht", "4m", "--patience", "2m", "--replications", "10", "--scenario", "standard"}, exitOK},
		{"scenario_csv", []string{"--in", req, "--tz", "Europe/Stockholm", "--aht", "4m", "--replications", "10", "--scenario", "sick=3", "--format", "csv"}, exitOK},
		{"scenario_unknown_channel", []string{"--in", req, "--aht", "4m", "--scenario", "sick=3@fax"}, exitUsage},
		{"scenario_bad", []string{"--in", req, "--aht", "4m", "--scenario", "volume=-1"}, exitUsage},
		{"scenario_p90_missing", []string{"--in", req, "--aht", "4m", "--scenario", "p90"}, exitInput},
		{"no_agents", []string{"--in", "testdata/sim_volumes.csv", "--aht", "4m"}, exitInput},
		{"no_in", []string{"--aht", "4m"}, exitUsage},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			stdout, stderr, code := run(t, "", append([]string{"simulate"}, c.args...)...)
			if code != c.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, c.code, stderr)
			}
			golden(t, ".stdout", stdout)
			golden(t, ".stderr", stderr)
		})
	}
}

// TestSimulateInterrupted checks that a cancelled simulation writes
// nothing to --out and says so.
func TestSimulateInterrupted(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "sim.csv")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var so, se strings.Builder
	err := newApp(strings.NewReader(""), &so, &se).RunContext(ctx, []string{"staffcast", "simulate", "--in", "testdata/sim_requirements.csv", "--aht", "4m", "--out", out})
	if err == nil || !strings.Contains(err.Error(), "nothing written") {
		t.Errorf("error %v, want one saying nothing was written", err)
	}
	if _, serr := os.Stat(out); !os.IsNotExist(serr) {
		t.Errorf("interrupted run wrote %s", out)
	}
}

func TestSimulateChart(t *testing.T) {
	t.Parallel()
	f := filepath.Join(t.TempDir(), "sl.svg")
	if _, stderr, code := run(t, "", "simulate", "--in", "testdata/sim_requirements.csv", "--aht", "4m", "--replications", "5", "--chart", f); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(f)
	if err != nil || !strings.Contains(string(b), "<svg") {
		t.Errorf("chart not written: %v", err)
	}
}

// TestSimulatePolicyOut checks that --out policy.md, with no --format,
// writes the bad-day policy page (Markdown), not a table. The --help
// examples themselves run in TestHelpExamples.
func TestSimulatePolicyOut(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "policy.md")
	if _, stderr, code := run(t, "", "simulate", "--in", "testdata/sim_requirements_p90.csv", "--tz", "Europe/Stockholm",
		"--aht", "4m", "--patience", "2m", "--scenario", "standard", "--replications", "5", "--out", out); code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if b, err := os.ReadFile(out); err != nil || !strings.HasPrefix(string(b), "# Bad-day policy") {
		t.Errorf("policy.md is not the policy page: %v\n%.200s", err, b)
	}
}
