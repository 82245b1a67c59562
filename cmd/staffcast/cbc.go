package main

import (
	"bytes"
	"errors"
	"fmt"
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
	cmd := exec.Command(bin, lp, "sec", strconv.Itoa(int(c.Duration("cbc-time").Seconds())), "solve", "solu", sol)
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("cbc: %w\n%s", err, log.String())
	}
	bound, note := cbcBound(log.Bytes())
	sf, err := os.Open(sol)
	if err != nil {
		return nil, fmt.Errorf("cbc wrote no solution: %w\n%s", err, log.String())
	}
	defer sf.Close()
	return m.ReadCBCSolution(sf, bound, note)
}

var (
	cbcObjective = regexp.MustCompile(`(?m)^Objective value:\s+(\S+)`)
	cbcLower     = regexp.MustCompile(`(?m)^Lower bound:\s+(\S+)`)
)

// cbcBound reads the proven bound from CBC's log: its "Lower bound" when
// stopped early, the objective when it proved optimality.
func cbcBound(log []byte) (float64, string) {
	if m := cbcLower.FindSubmatch(log); m != nil {
		if v, err := strconv.ParseFloat(string(m[1]), 64); err == nil {
			return v, "COIN-OR CBC stopped early: the bound is CBC's"
		}
	}
	if bytes.Contains(log, []byte("Optimal solution found")) {
		if m := cbcObjective.FindSubmatch(log); m != nil {
			if v, err := strconv.ParseFloat(string(m[1]), 64); err == nil {
				return v, "COIN-OR CBC proved the schedule optimal"
			}
		}
	}
	return 0, "COIN-OR CBC gave no bound"
}
