package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain lets the tests run this test binary as the staffcast command:
// with STAFFCAST_TEST_MAIN=1 it is main, on the arguments after the first.
func TestMain(m *testing.M) {
	if os.Getenv("STAFFCAST_TEST_MAIN") == "1" {
		main()
	}
	os.Exit(m.Run())
}

// TestCtrlCStopsLongRuns starts long runs as a separate process, sends
// SIGINT once the run is under way, and checks what a user at a terminal
// sees: the run stops, exits 130, prints nothing on stdout and writes no
// --out file.
func TestCtrlCStopsLongRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("starts long runs")
	}
	dir := t.TempDir()
	for _, args := range [][]string{
		{"sample", "--every", "15m", "--out", filepath.Join(dir, "shop-15m.csv")},
		{"sample", "--volumes", "--every", "15m", "--out", filepath.Join(dir, "volumes-15m.csv")},
		{"staff", "--in", filepath.Join(dir, "volumes-15m.csv"), "--aht", "4m", "--shrinkage", "0.3", "--out", filepath.Join(dir, "requirements-15m.csv")},
		{"sample", "--volumes", "--out", filepath.Join(dir, "volumes.csv")},
		{"staff", "--in", filepath.Join(dir, "volumes.csv"), "--aht", "4m", "--patience", "2m", "--out", filepath.Join(dir, "requirements.csv")},
	} {
		if _, stderr, code := run(t, "", args...); code != exitOK {
			t.Fatalf("%q: exit %d\n%s", args, code, stderr)
		}
	}
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"forecast batch", []string{"forecast", "--history", filepath.Join(dir, "shop-15m.csv"), "--tz", "Europe/Stockholm", "--horizon", "28d"}},
		{"backtest", []string{"backtest", "--column", "orders", "--origins", "12"}},
		{"simulate scenarios", []string{"simulate", "--in", filepath.Join(dir, "requirements.csv"), "--aht", "4m", "--patience", "2m", "--scenario", "standard", "--replications", "400"}},
		{"shifts with breaks", []string{"shifts", "--in", filepath.Join(dir, "requirements-15m.csv"), "--start-every", "15m", "--breaks", "30m@6h", "--cyclic", "--latest", "30:00"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "result.csv")
			cmd := exec.Command(os.Args[0], append(tc.args, "--out", out)...)
			cmd.Env = append(os.Environ(), "STAFFCAST_TEST_MAIN=1")
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			// Long enough to be past reading the input and into the work
			// (these runs take 10 s and more); a run that ends earlier is
			// no test of Ctrl-C.
			select {
			case err := <-done:
				t.Fatalf("finished before the signal (%v); stderr:\n%s", err, stderr.String())
			case <-time.After(1500 * time.Millisecond):
			}
			cmd.Process.Signal(syscall.SIGINT)
			var err error
			select {
			case err = <-done:
			case <-time.After(30 * time.Second):
				cmd.Process.Kill()
				<-done
				t.Fatalf("still running 30 s after SIGINT; stderr:\n%s", stderr.String())
			}
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != exitInterrupted {
				t.Errorf("after SIGINT: %v, want exit %d; stderr:\n%s", err, exitInterrupted, stderr.String())
			}
			if stdout.Len() != 0 {
				t.Errorf("stdout after SIGINT: %q", stdout.String())
			}
			if strings.Contains(stderr.String(), "staffcast:") {
				t.Errorf("an error message after SIGINT: %s", stderr.String())
			}
			if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("--out %s exists after SIGINT (%v)", out, err)
			}
		})
	}
}
