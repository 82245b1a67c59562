package main

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"time"

	"github.com/staffcast/staffcast/staffing/shifts"
	"github.com/urfave/cli/v2"
)

// solveCBC writes the shift model in LP format, runs COIN-OR CBC on it in
// a temporary folder and reads the schedule back.
func solveCBC(c *cli.Context, start []time.Time, step time.Duration, req []float64, rules shifts.Rules) (*shifts.Schedule, error) {
	bin, err := exec.LookPath("cbc")
	if err != nil {
		return nil, usageError(errors.New("--solver cbc: no cbc on PATH; install COIN-OR CBC (Debian: apt-get install coinor-cbc) or use --solver staffcast"))
	}
	m, err := shifts.NewModel(start, step, req, rules)
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "staffcast-cbc-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	lp, sol := filepath.Join(dir, "shifts.lp"), filepath.Join(dir, "shifts.sol")
	f, err := os.Create(lp)
	if err != nil {
		return nil, err
	}
	if err := m.WriteLP(f); err != nil {
		f.Close()
		return nil, err
	}
	if err := f.Close(); err != nil {
		return nil, err
	}
	fmt.Fprintf(c.App.ErrWriter, "running %s (at most %v)\n", bin, c.Duration("cbc-time"))
	var log bytes.Buffer
	// CBC's "sec" is whole seconds: round a shorter limit up to one.
	secs := max(1, int(math.Ceil(c.Duration("cbc-time").Seconds())))
	cmd := exec.CommandContext(c.Context, bin, lp, "sec", strconv.Itoa(secs), "solve", "solu", sol)
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Run(); err != nil {
		if c.Context.Err() != nil {
			return nil, c.Context.Err() // Ctrl-C: CBC is killed, main exits 130
		}
		// A cbc that cannot start or crashes is no fault of the input.
		return nil, tag(exitInternal, fmt.Errorf("--solver cbc: running %s: %w\n%s", bin, err, log.String()))
	}
	bound := cbcBound(log.Bytes())
	sf, err := os.Open(sol)
	if err != nil {
		return nil, tag(exitInternal, fmt.Errorf("--solver cbc: %s wrote no solution: %w\n%s", bin, err, log.String()))
	}
	defer sf.Close()
	return m.ReadCBCSolution(sf, bound)
}

var (
	cbcObjective = regexp.MustCompile(`(?m)^Objective value:\s+(\S+)`)
	cbcLower     = regexp.MustCompile(`(?m)^Lower bound:\s+(\S+)`)
)

// cbcBound reads the proven bound from CBC's log: its "Lower bound" when
// stopped early, the objective when it proved optimality, and NaN (no
// bound) otherwise.
func cbcBound(log []byte) float64 {
	if m := cbcLower.FindSubmatch(log); m != nil {
		if v, err := strconv.ParseFloat(string(m[1]), 64); err == nil {
			return v
		}
	}
	if bytes.Contains(log, []byte("Optimal solution found")) {
		if m := cbcObjective.FindSubmatch(log); m != nil {
			if v, err := strconv.ParseFloat(string(m[1]), 64); err == nil {
				return v
			}
		}
	}
	return math.NaN()
}
