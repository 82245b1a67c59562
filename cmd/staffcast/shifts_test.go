package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestShifts(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		args []string
		code int
	}{
		{"sample_table", nil, exitOK},
		{"dst_csv", []string{"--in", "testdata/requirements_dst.csv", "--tz", "Europe/Stockholm", "--lengths", "4h,6h,8h", "--format", "csv"}, exitOK},
		{"dst_capped", []string{"--in", "testdata/requirements_dst.csv", "--tz", "Europe/Stockholm", "--max-start-times", "2", "--under-penalty", "2"}, exitOK},
		{"fractional", []string{"--in", "testdata/requirements_fractional.csv"}, exitInput},
		{"night_uncoverable", []string{"--in", "testdata/requirements_night.csv", "--earliest", "06:00"}, exitUnreachable},
		{"bad_length", []string{"--in", "testdata/requirements_night.csv", "--lengths", "4h,90m", "--start-every", "1h"}, exitUsage},
		{"dst_breaks_csv", []string{"--in", "testdata/requirements_dst.csv", "--tz", "Europe/Stockholm", "--breaks", "1h@6h", "--format", "csv"}, exitOK},
		{"cyclic_night", []string{"--in", "testdata/requirements_week_night.csv", "--cyclic", "--lengths", "8h", "--latest", "30:00", "--format", "csv"}, exitOK},
		{"cyclic_not_a_week", []string{"--in", "testdata/requirements_dst.csv", "--cyclic"}, exitInput},
		{"bad_breaks", []string{"--in", "testdata/requirements_night.csv", "--breaks", "lunch"}, exitUsage},
		{"break_too_long", []string{"--in", "testdata/requirements_night.csv", "--breaks", "3h@6h"}, exitUsage},
		{"negative", []string{"--in", "testdata/requirements_negative.csv"}, exitInput},
		{"breaks_max_agents", []string{"--in", "testdata/requirements_dst.csv", "--tz", "Europe/Stockholm", "--breaks", "1h@6h", "--max-agents", "14", "--format", "csv"}, exitOK},
		{"breaks_max_agents_unreachable", []string{"--in", "testdata/requirements_dst.csv", "--tz", "Europe/Stockholm", "--breaks", "1h@6h", "--max-agents", "12"}, exitUnreachable},
		{"cyclic_breaks_capped", []string{"--in", "testdata/requirements_week_night.csv", "--cyclic", "--lengths", "6h,8h", "--latest", "30:00", "--breaks", "1h@6h",
			"--max-agents", "50", "--max-start-times", "6", "--format", "csv"}, exitOK},
		{"cbc_caps", []string{"--in", "testdata/requirements_dst.csv", "--max-agents", "14", "--solver", "cbc"}, exitUsage},
		{"cyclic_breaks_start_times", []string{"--in", "testdata/requirements_week_night.csv", "--cyclic", "--lengths", "6h,8h", "--latest", "30:00", "--breaks", "1h@6h",
			"--max-start-times", "4", "--format", "csv"}, exitOK},
	} {
		t.Run(c.name, func(t *testing.T) {
			stdout, stderr, code := run(t, "", append([]string{"shifts"}, c.args...)...)
			if code != c.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, c.code, stderr)
			}
			golden(t, ".stdout", stdout)
			golden(t, ".stderr", stderr)
		})
	}
}

// TestShiftsCBC runs the same model through COIN-OR CBC when it is
// installed; CI machines may not have it.
func TestShiftsCBC(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("cbc"); err != nil {
		t.Skip("cbc not on PATH")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "shifts.csv")
	for _, solver := range []string{"staffcast", "cbc"} {
		_, stderr, code := run(t, "", "shifts", "--in", "testdata/requirements_week_night.csv", "--cyclic", "--lengths", "6h,8h",
			"--latest", "30:00", "--breaks", "1h@6h", "--solver", solver, "--out", out)
		if code != exitOK {
			t.Fatalf("%s: exit %d: %s", solver, code, stderr)
		}
		if !strings.Contains(stderr, "paid hours") {
			t.Errorf("%s: %s", solver, stderr)
		}
		t.Logf("%s: %s", solver, stderr)
	}
}

// TestShiftsNoOutputOnError checks that a refused schedule leaves no file.
func TestShiftsNoOutputOnError(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, args := range [][]string{
		{"--in", "testdata/requirements_night.csv", "--earliest", "06:00"},
		{"--in", "testdata/requirements_negative.csv"},
		{"--in", "testdata/requirements_fractional.csv"},
		{"--in", "testdata/requirements_night.csv", "--breaks", "3h@6h"},
	} {
		out, cov := filepath.Join(dir, "shifts.csv"), filepath.Join(dir, "coverage.csv")
		_, stderr, code := run(t, "", append([]string{"shifts", "--out", out, "--coverage-out", cov}, args...)...)
		if code == exitOK {
			t.Errorf("%v: exit 0", args)
		}
		for _, f := range []string{out, cov} {
			if _, err := os.Stat(f); err == nil {
				t.Errorf("%v: %s written despite the error %s", args, f, stderr)
			}
		}
		entries, _ := os.ReadDir(dir)
		if len(entries) != 0 {
			t.Errorf("%v: left %v", args, entries)
		}
	}
}
