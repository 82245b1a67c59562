package main

import (
	"errors"
	"fmt"

	"github.com/staffcast/staffcast/data"
	"github.com/urfave/cli/v2"
)

// Missing intervals (gaps) in a series follow one rule in every command
// that reads one (README, Data): --fill-gaps error|missing|zero, with keep
// the same as missing. A command that works around missing intervals
// (forecast, backtest) treats them as missing by default and warns with
// their count; one that needs every interval (hours, plan), and validate,
// whose job is to say whether a file is whole, stop by default with the
// count and the flag to pass (exit 3).
type gapUse int

const (
	gapsModelled gapUse = iota // forecast, backtest: default missing, with a warning
	gapsChecked                // validate: default error; missing lists them
	gapsNeeded                 // hours, plan: default error; missing is refused
)

const fillGapsUsage = "missing intervals: error (stop, with their count), missing (leave them out; keep is the same) or zero (closed hours: fill with zeros); " +
	"default: missing with a warning in forecast and backtest, which forecast around them; error in validate, hours and plan"

// fillGapsFlag is --fill-gaps for a command that uses gaps as u says.
func fillGapsFlag(u gapUse) *cli.StringFlag {
	def := "error"
	if u == gapsModelled {
		def = "missing"
	}
	return &cli.StringFlag{Name: "fill-gaps", Value: def, Usage: fillGapsUsage,
		Action: func(_ *cli.Context, v string) error { _, err := parseFillGaps(v, u); return err }}
}

// gapPolicy reads --fill-gaps.
func gapPolicy(c *cli.Context, u gapUse) (data.GapPolicy, error) {
	return parseFillGaps(c.String("fill-gaps"), u)
}

func parseFillGaps(v string, u gapUse) (data.GapPolicy, error) {
	p, err := data.ParseGapPolicy(v)
	if err != nil {
		return p, usageError(fmt.Errorf("--fill-gaps %q: want error, missing (or keep) or zero", v))
	}
	if p == data.GapKeep && u == gapsNeeded {
		return p, usageError(fmt.Errorf("--fill-gaps %s: hours and plan need every interval (they average whole weeks): zero if the gaps are closed hours, or fill them in the file", v))
	}
	return p, nil
}

// gapError adds to a gap error the flag that gets past it.
func gapError(err error, u gapUse) error {
	if !errors.Is(err, data.ErrGap) {
		return err
	}
	switch u {
	case gapsModelled:
		return fmt.Errorf("%w (--fill-gaps missing to forecast around them, zero if they are closed hours)", err)
	case gapsChecked:
		return fmt.Errorf("%w (--fill-gaps missing to list them, zero if they are closed hours)", err)
	default:
		return fmt.Errorf("%w (--fill-gaps zero if they are closed hours: this command needs every interval)", err)
	}
}

// warnGaps says how many intervals a history lacks, unless --fill-gaps
// was given (the user has chosen).
func warnGaps(c *cli.Context, name string, s *data.Series) {
	if c.IsSet("fill-gaps") || s.Step <= 0 {
		return
	}
	if n := data.Summarize(s).MissingIntervals; n > 0 {
		fmt.Fprintf(c.App.ErrWriter, "%s: warning: %d intervals absent from the history (gaps): forecast as missing; --fill-gaps zero if they are closed hours, --fill-gaps missing to keep them so quietly\n", name, n)
	}
}
