package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/staffcast/staffcast/internal/panicerr"
	"github.com/staffcast/staffcast/staffing"
	"github.com/urfave/cli/v2"
)

// staffingFlags are the flags every command that sizes a queue shares:
// handling time, targets, patience and shrinkage.
func staffingFlags() []cli.Flag {
	return []cli.Flag{
		&cli.DurationFlag{Name: "aht", Usage: "average handling time per contact, including wrap-up (e.g. 3m, 4m30s)"},
		&cli.StringFlag{Name: "target", Value: "80/20", Usage: "service level: PERCENT/SECONDS answered, e.g. 80/20 = 80% within 20 s"},
		&cli.DurationFlag{Name: "asa", Usage: "ceiling on the average speed of answer (e.g. 30s); 0 = none"},
		&cli.Float64Flag{Name: "max-occupancy", Usage: "ceiling on agent occupancy, a fraction in (0,1]; 0 = none"},
		&cli.Float64Flag{Name: "max-abandon", Usage: "ceiling on the share of callers hanging up (needs --patience); 0 = none"},
		&cli.DurationFlag{Name: "patience", Usage: "mean caller patience: Erlang A with abandonment (e.g. 2m); 0 = Erlang C, nobody hangs up"},
		&cli.StringFlag{Name: "sl-base", Value: "all-offered", Usage: "which contacts the service level counts with --patience: all-offered or exclude-early-abandon"},
		&cli.Float64Flag{Name: "shrinkage", Usage: "share of paid time not on contacts (breaks, meetings, sickness), in [0,1)"},
		&cli.IntFlag{Name: "max-agents", Usage: "largest staffing to consider, at most 1000000; a target it cannot meet is an error (exit 4); 0 = 1000000"},
	}
}

// readTarget builds a staffing.Target from the shared flags.
func readTarget(c *cli.Context) (staffing.Target, error) {
	var t staffing.Target
	if c.IsSet("target") && strings.TrimSpace(c.String("target")) == "" {
		return t, usageError(errors.New(`--target "": want PERCENT/SECONDS such as 80/20, or none for no service-level target`))
	}
	if s := c.String("target"); s != "none" {
		p, err := staffing.ParseTarget(s)
		if err != nil {
			return t, usageError(fmt.Errorf("--target: %w", err))
		}
		t = p
	}
	t.MaxASA = c.Duration("asa")
	t.MaxOccupancy = c.Float64("max-occupancy")
	t.MaxAbandon = c.Float64("max-abandon")
	t.MaxAgents = c.Int("max-agents")
	switch c.String("sl-base") {
	case "all-offered":
		t.SLBase = staffing.AllOffered
	case "exclude-early-abandon":
		t.SLBase = staffing.ExcludeEarlyAbandon
	default:
		return t, usageError(fmt.Errorf("--sl-base %q: want all-offered or exclude-early-abandon", c.String("sl-base")))
	}
	if err := t.Validate(); err != nil {
		return t, usageError(flagNames(err))
	}
	if sh := c.Float64("shrinkage"); !(sh >= 0 && sh < 1) {
		hint := ""
		if sh >= 1 && sh < 100 {
			hint = fmt.Sprintf("; did you mean %g?", sh/100)
		}
		return t, usageError(fmt.Errorf("--shrinkage %v: want a fraction in [0,1)%s", sh, hint))
	}
	return t, nil
}

// fieldFlags names the flag behind each library field, so that a
// validation message points at what the user typed.
var fieldFlags = strings.NewReplacer(
	"Queue.Volume", "--volume",
	"Queue.Interval", "--interval",
	"Queue.AHT", "--aht",
	"Queue.Patience", "--patience",
	"Target.ServiceLevel", "--target",
	"Target.MaxASA", "--asa",
	"Target.MaxOccupancy", "--max-occupancy",
	"Target.MaxAbandon", "--max-abandon",
	"Target.MaxAgents", "--max-agents",
	"Settings.Shrinkage", "--shrinkage",
	"Settings.Interval", "--interval",
	"Settings.AHT", "--aht",
	"Concurrency.Chats", "--chats",
	"Concurrency.Slowdown", "--chat-slowdown",
	"Promise.Share", "--email-share",
	"Promise.AllWithin", "--email-all-within",
	"Promise.Within", "--email-within",
)

// printWarnings writes a library's warnings to stderr in terms of flags
// (Target.MaxAbandon as --max-abandon).
func printWarnings(c *cli.Context, warnings []error) {
	for _, w := range warnings {
		fmt.Fprintf(c.App.ErrWriter, "warning: %s\n", strings.TrimPrefix(flagNames(w).Error(), "staffing: "))
	}
}

// flagNames rewrites a library validation error in terms of flags. A
// panic handed back by a library is a bug, not a flag: it stays as it is
// for main to report.
func flagNames(err error) error {
	var pe *panicerr.Error
	if err == nil || errors.As(err, &pe) {
		return err
	}
	return errors.New(fieldFlags.Replace(err.Error()))
}
