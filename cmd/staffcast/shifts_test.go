package main

import (
	"bytes"
	"context"
	"errors"
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
		{"cbc_caps", []string{"--in", "testdata/requirements_dst.csv", "--max-start-times", "3", "--solver", "cbc"}, exitUsage},
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

// TestShiftsFlags checks that bad flags are refused before any input is
// read, with exit 2 and the flag named, once.
func TestShiftsFlags(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		args []string
		flag string
	}{
		{[]string{"--under-penalty", "NaN"}, "--under-penalty"},
		{[]string{"--under-penalty", "-1"}, "--under-penalty"},
		{[]string{"--cost", "5h=1"}, "--cost"},
		{[]string{"--cost", "4h=NaN"}, "--cost"},
		{[]string{"--cbc-time", "-1s"}, "--cbc-time"},
		{[]string{"--solver", "gurobi"}, "--solver"},
		{[]string{"--max-agents", "-3"}, "--max-agents"},
		{[]string{"--earliest", "10:00", "--latest", "08:00"}, "--earliest"},
		{[]string{"--column", "nosuch"}, "--column"},
		{[]string{"--channel", "nosuch"}, "--channel"},
		{[]string{"--breaks", "10h@6h"}, "--breaks"},
		{[]string{"--in", "testdata/requirements_dst.csv", "--channel", "chat"}, "--channel"},
	} {
		_, stderr, code := run(t, "", append([]string{"shifts"}, c.args...)...)
		if code != exitUsage || !strings.Contains(stderr, c.flag) {
			t.Errorf("%v: exit %d, want %d naming %s; stderr:\n%s", c.args, code, exitUsage, c.flag, stderr)
		}
		for _, field := range []string{"EarliestStart", "LatestEnd", "UnderPenalty", "CostPerHour", "StartEvery"} {
			if strings.Contains(stderr, field) {
				t.Errorf("%v: the message names the library field %s: %s", c.args, field, stderr)
			}
		}
		if n := strings.Count(stderr, c.flag); n != 1 {
			t.Errorf("%v: %s named %d times, want once: %s", c.args, c.flag, n, stderr)
		}
	}
}

// TestShiftsCancelled checks that a cancelled context (Ctrl-C) stops the
// solve and writes nothing.
func TestShiftsCancelled(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "shifts.csv")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	err := newApp(strings.NewReader(""), &stdout, &stderr).RunContext(ctx, []string{"staffcast", "shifts", "--in", "testdata/requirements_week_night.csv",
		"--cyclic", "--lengths", "6h,8h", "--latest", "30:00", "--breaks", "1h@6h", "--out", out})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("%s written despite Ctrl-C", out)
	}
}

// TestShiftsCBCBroken checks that a cbc on PATH that cannot start is an
// internal failure (exit 1), not a fault of the input.
func TestShiftsCBCBroken(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "cbc"), []byte("#!/nonexistent/interpreter\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir)
	_, stderr, code := run(t, "", "shifts", "--in", "testdata/requirements_dst.csv", "--solver", "cbc")
	if code != exitInternal || !strings.Contains(stderr, "--solver cbc") {
		t.Errorf("exit %d, want %d; stderr:\n%s", code, exitInternal, stderr)
	}
}

// TestShiftsCBC runs the same model through COIN-OR CBC when it is
// installed; CI machines may not have it, and some have a cbc that
// cannot start (a broken package): both skip, saying why.
func TestShiftsCBC(t *testing.T) {
	t.Parallel()
	bin, err := exec.LookPath("cbc")
	if err != nil {
		t.Skip("cbc not on PATH")
	}
	if out, err := exec.Command(bin, "-quit").CombinedOutput(); err != nil {
		t.Skipf("%s is on PATH but cannot start: %v %s", bin, err, out)
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
