package main

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/staffcast/staffcast/cmd/staffcast/internal/render"
	"github.com/staffcast/staffcast/data"
	"github.com/staffcast/staffcast/simulate"
	"github.com/staffcast/staffcast/staffing"
	"github.com/urfave/cli/v2"
)

// staffRiskFlags are the flags of staff that go beyond one stationary
// Erlang queue per interval: the time-varying correction and staffing for
// forecast risk.
func staffRiskFlags() []cli.Flag {
	return []cli.Flag{
		&cli.BoolFlag{Name: "time-varying", Usage: "correct the agents by simulation for the queue carried over from interval to interval (adds sipp_agents)"},
		&cli.Float64Flag{Name: "risk", Usage: "staff so that each interval meets the service level with this probability, from the input's p10, p50 and p90 columns (e.g. 0.9)"},
		&cli.StringFlag{Name: "quantile-column", Usage: "staff against this column of the input instead of volume (e.g. p90)"},
		&cli.IntFlag{Name: "replications", Value: 100, Usage: "with --time-varying or --risk: simulation replications"},
		&cli.Uint64Flag{Name: "seed", Value: 1, Usage: "with --time-varying or --risk: random seed"},
	}
}

// staffRisk applies --quantile-column, --risk and --time-varying to a
// plan staff has made: it may replace needs in place, and returns the
// columns to add to staff's output.
func staffRisk(c *cli.Context, tb *data.Table, rows []staffing.Row, needs []staffing.Need, s staffing.Settings) ([]data.Column, error) {
	tv, qcol := c.Bool("time-varying"), c.String("quantile-column")
	risk := c.IsSet("risk")
	if !tv && !risk && qcol == "" {
		return nil, nil
	}
	level := c.Float64("risk")
	switch {
	case risk && !(level > 0 && level < 1):
		hint := ""
		if level >= 2 && level < 100 {
			hint = fmt.Sprintf("; did you mean %g?", level/100)
		}
		return nil, usageError(fmt.Errorf("--risk %v: want a probability in (0,1), e.g. 0.9%s", level, hint))
	case risk && qcol != "":
		return nil, usageError(errors.New("--risk and --quantile-column both choose the volume to staff for: give one"))
	case c.Int("replications") < 1:
		return nil, usageError(fmt.Errorf("--replications %d: want at least 1", c.Int("replications")))
	}
	reps, seed := c.Int("replications"), c.Uint64("seed")
	planErr := func(err error, at []staffing.Row) error {
		var re *staffing.RowError
		if errors.As(err, &re) {
			err = tb.ErrorAt(re.Row, "volume", fmt.Sprint(at[re.Row].Volume), flagNames(re.Err))
			if errors.Is(re.Err, staffing.ErrUnreachable) {
				return unreachableError(err)
			}
			return inputError(err)
		}
		return usageError(flagNames(err))
	}
	if qcol != "" {
		col := tb.Column(qcol)
		if col == nil || col.Float == nil {
			return nil, inputError(fmt.Errorf("--quantile-column %q: the input has no numeric column of that name", qcol))
		}
		at := slices.Clone(rows)
		for i := range at {
			v := col.Float[i]
			if math.IsNaN(v) || v < 0 {
				return nil, inputError(tb.ErrorAt(i, qcol, fmt.Sprint(v), fmt.Errorf("%w: want a number of contacts >= 0", data.ErrNegative)))
			}
			at[i].Volume = v
		}
		n, err := staffing.Plan(at, s)
		if err != nil {
			return nil, planErr(err, at)
		}
		copy(needs, n)
	}
	if risk {
		p10, p50, p90 := tb.Column("p10"), tb.Column("p50"), tb.Column("p90")
		if p10 == nil || p50 == nil || p90 == nil || p10.Float == nil || p50.Float == nil || p90.Float == nil {
			return nil, inputError(errors.New("--risk needs the forecast's quantile columns p10, p50 and p90 (staffcast forecast writes them)"))
		}
		qs := make([]simulate.Quantiles, len(rows))
		for i := range qs {
			qs[i] = simulate.Quantiles{P10: p10.Float[i], P50: p50.Float[i], P90: p90.Float[i]}
		}
		levels := slices.Clone(simulate.RiskLevels)
		if !slices.Contains(levels, level) {
			levels = append(levels, level)
			slices.Sort(levels)
		}
		table, err := simulate.StaffForRisk(c.Context, rows, qs, s, levels, reps, seed)
		if err != nil {
			var re *staffing.RowError
			if errors.As(err, &re) && !errors.Is(err, staffing.ErrUnreachable) {
				return nil, inputError(tb.ErrorAt(re.Row, "p50", fmt.Sprint(qs[re.Row].P50), re.Err))
			}
			return nil, planErr(err, rows)
		}
		for _, t := range table {
			if t.Level == level {
				copy(needs, t.Needs)
			}
		}
		if err := render.RiskLevels(c.App.ErrWriter, table, reps); err != nil {
			return nil, err
		}
	}
	if !tv {
		return nil, nil
	}
	corr, err := simulate.CorrectPlan(c.Context, rows, needs, s, reps, seed)
	if err != nil && !errors.Is(err, simulate.ErrNotConverged) {
		if c.Context.Err() != nil {
			return nil, fmt.Errorf("interrupted: nothing written: %w", err)
		}
		return nil, usageError(fmt.Errorf("--time-varying: %w", err))
	}
	if err != nil {
		fmt.Fprintf(c.App.ErrWriter, "warning: %v\n", err)
	}
	copy(needs, corr.Needs)
	render.Correction(c.App.ErrWriter, corr)
	return []data.Column{render.SIPPColumn(corr)}, nil
}
