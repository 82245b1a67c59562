package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/staffcast/staffcast/cmd/staffcast/internal/render"
	"github.com/staffcast/staffcast/staffing"
	"github.com/urfave/cli/v2"
)

func erlangCommand() *cli.Command {
	return &cli.Command{
		Name:  "erlang",
		Usage: "size one interval of one queue with Erlang C (or Erlang A with --patience)",
		UsageText: `staffcast erlang --volume 100 --interval 30m --aht 3m --target 80/20
   staffcast erlang --volume 100 --interval 30m --aht 3m --patience 2m --shrinkage 0.3 --format json
   staffcast erlang --volume 100 --interval 30m --aht 3m --agents 10:16

Without --agents it finds the smallest staffing that meets every target
(--target, --asa, --max-occupancy, --max-abandon); with --agents N it
evaluates N agents; with --agents A:B it prints the Erlang table.`,
		Flags: append(append([]cli.Flag{
			&cli.Float64Flag{Name: "volume", DefaultText: "none, required", Usage: "contacts offered in the interval"},
			&cli.DurationFlag{Name: "interval", Value: 30 * 60e9, Usage: "interval length"},
			&cli.StringFlag{Name: "agents", Usage: "evaluate N agents, or the table for A:B, instead of finding the requirement"},
		}, withDefaultText(staffingFlags(), "aht", "none, required")...), outputFlags(formatTable, formatCSV, formatJSON)...),
		Action: runErlang,
	}
}

func runErlang(c *cli.Context) error {
	if c.Args().Present() {
		return usageError(fmt.Errorf("erlang takes no arguments, got %q", c.Args().Slice()))
	}
	if !c.IsSet("volume") || !c.IsSet("aht") {
		return usageError(errors.New("erlang needs --volume and --aht, e.g. --volume 100 --interval 30m --aht 3m"))
	}
	out, err := newOutput(c, formatTable, formatCSV, formatJSON)
	if err != nil {
		return err
	}
	q := staffing.Queue{Volume: c.Float64("volume"), Interval: c.Duration("interval"), AHT: c.Duration("aht"), Patience: c.Duration("patience")}
	t, terr := readTarget(c)
	if err := errors.Join(flagNames(q.Validate()), terr); err != nil {
		return usageError(err)
	}
	shrink, abandon := c.Float64("shrinkage"), q.Patience > 0
	if !c.IsSet("agents") {
		req, err := staffing.Required(q, t)
		if err != nil {
			if errors.Is(err, staffing.ErrUnreachable) {
				return unreachableError(fmt.Errorf("%w; raise --max-agents or relax the target", err))
			}
			return usageError(flagNames(err))
		}
		printWarnings(c, req.Warnings())
		g := render.Erlang([]staffing.Result{req.Result}, []float64{req.Fractional}, shrink, abandon)
		return out.writeGrid(c.App.Writer, g, true)
	}
	lo, hi, err := parseAgents(c.String("agents"))
	if err != nil {
		return usageError(err)
	}
	var rs []staffing.Result
	for n := lo; n <= hi; n++ {
		r, err := staffing.EvaluateBase(q, n, t.AnswerWithin, t.SLBase)
		if err != nil {
			return usageError(flagNames(err))
		}
		rs = append(rs, r)
	}
	return out.writeGrid(c.App.Writer, render.Erlang(rs, nil, shrink, abandon), lo == hi)
}

// parseAgents reads --agents N or --agents A:B.
func parseAgents(s string) (lo, hi int, err error) {
	a, b, isRange := strings.Cut(s, ":")
	lo, err1 := strconv.Atoi(strings.TrimSpace(a))
	hi = lo
	var err2 error
	if isRange {
		hi, err2 = strconv.Atoi(strings.TrimSpace(b))
	}
	switch {
	case err1 != nil || err2 != nil:
		return 0, 0, fmt.Errorf("--agents %q: want a whole number N or a range A:B such as 10:20", s)
	case lo < 0 || hi < lo:
		return 0, 0, fmt.Errorf("--agents %q: want 0 <= A <= B", s)
	case hi-lo > 10000:
		return 0, 0, fmt.Errorf("--agents %q: at most 10,001 rows", s)
	}
	return lo, hi, nil
}
