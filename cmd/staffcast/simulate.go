package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/staffcast/staffcast/chart"
	"github.com/staffcast/staffcast/cmd/staffcast/internal/render"
	"github.com/staffcast/staffcast/data"
	"github.com/staffcast/staffcast/simulate"
	"github.com/staffcast/staffcast/staffing"
	"github.com/urfave/cli/v2"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

func simulateCommand() *cli.Command {
	return &cli.Command{
		Name:  "simulate",
		Usage: "check a staffing plan by simulation: service level, waits, abandonment and queues per interval",
		UsageText: `staffcast simulate --in requirements.csv --aht 4m --patience 2m --target 80/20 --chart sl.png
   staffcast simulate --in requirements.csv --aht 4m --cv 1.5 --replications 200 --seed 7 --format csv --out sim.csv
   staffcast simulate --in volumes.csv --shifts shifts.csv --channel phone --aht 4m --per day
   staffcast simulate --in requirements.csv --aht 4m --patience 2m --scenario standard --out policy.md

The input is "staffcast staff" output as it is: start, volume, agents and,
if present, channel and aht_seconds (handling time per row; else --aht).
With --shifts, the agents come from a shift table as "staffcast shifts"
writes it (start, end, agents, optional break_start and break_end; a break
removes its agents for its time) instead of the agents column. Phone and
chat rows are simulated, each channel its own queue with its own agents
(chat agents run --chats chats at once); email and callback rows are
deferred work and are left out.

The simulation is discrete-event (see "go doc ./simulate"): Poisson
arrivals at each interval's rate, exponential handling times (--cv 1,
what Erlang C assumes; another --cv, or --handling lognormal, draws
lognormal handling times with that coefficient of variation), patience
with --patience (exponential, or lognormal with --patience-cv), first
come first served, calls in progress at
a shift's end finished. It is run --replications times; each statistic
is the mean with a 95% interval. The output has one row per interval (or
day, with --per day): start, offered, answered, abandoned, callbacks,
service_level with service_level_lo and service_level_hi, asa_seconds,
occupancy, queue_end and below_target (1 when the interval's upper bound
is below --target). The same --seed gives the same numbers on any
machine and number of cores.

--scenario runs what-ifs against the plan (volume=1.3, aht=1.2, sick=3,
p90: the forecast's p90 column, each optionally @channel, or standard for
all four) and the policies that might rescue each, and writes the policy
page a team lead can follow.`,
		Flags: append(append([]cli.Flag{
			&cli.StringFlag{Name: "in", Usage: "requirements per interval (staffcast staff output): CSV, Parquet or Arrow; - for CSV on stdin (required: simulate checks a plan you give it)"},
			&cli.StringFlag{Name: "shifts", Usage: "take the agents from this shift table (staffcast shifts output) instead of the agents column"},
			&cli.StringFlag{Name: "channel", Usage: "simulate this channel only (phone or chat); needed with --shifts when the input has both"},
			&cli.DurationFlag{Name: "interval", Usage: "interval length; 0 = the spacing of start"},
			&cli.DurationFlag{Name: "aht", Usage: "average handling time where the input has no aht_seconds (e.g. 4m)"},
			&cli.Float64Flag{Name: "cv", Value: 1, Usage: "coefficient of variation of handling times; 1 = exponential (Erlang's assumption), else lognormal"},
			&cli.StringFlag{Name: "handling", Usage: "handling-time distribution: exponential or lognormal (default: exponential at --cv 1, else lognormal)"},
			&cli.DurationFlag{Name: "patience", Usage: "mean caller patience (exponential): callers hang up; unset = nobody hangs up"},
			&cli.Float64Flag{Name: "patience-cv", Usage: "coefficient of variation of patience: lognormal patience with this CV; unset = exponential (Erlang A's assumption)"},
			&cli.StringFlag{Name: "target", Value: "80/20", Usage: "service level PERCENT/SECONDS; intervals whose upper bound is below it are flagged"},
			&cli.IntFlag{Name: "chats", Value: 1, Usage: "chats one chat agent handles at once"},
			&cli.Float64Flag{Name: "chat-slowdown", Usage: "extra handling time per extra concurrent chat, a fraction (0.2 = 20% slower per extra chat)"},
			&cli.IntFlag{Name: "callback-queue", Usage: "offer a callback when at least this many callers wait; 0 = never"},
			&cli.DurationFlag{Name: "callback-wait", Usage: "offer a callback when the expected wait exceeds this; 0 = never"},
			&cli.DurationFlag{Name: "callback-promise", Value: time.Hour, Usage: "callbacks are promised within this"},
			&cli.Float64Flag{Name: "overdispersion", Usage: "variance-to-mean ratio of each interval's arrivals; 1 or 0 = Poisson"},
			&cli.IntFlag{Name: "replications", Value: 100, Usage: "independent runs of the horizon"},
			&cli.Uint64Flag{Name: "seed", Value: 1, Usage: "random seed; the same seed gives the same output"},
			&cli.StringFlag{Name: "per", Value: "interval", Usage: "rows of the output: interval or day"},
			&cli.StringFlag{Name: "chart", Usage: "draw the service level per interval against the target to FILE.png or FILE.svg"},
			&cli.StringSliceFlag{Name: "scenario", Usage: "what-if: volume=1.3, aht=1.2, sick=3 or p90, each optionally @channel, or standard (all four); writes the policy page"},
		}, timeFlags()...), outputFlags(formatTable, formatCSV, formatJSON)...),
		Action: runSimulate,
	}
}

// simInput is the plan the simulate command read: one queue per simulated
// channel, with its interval table rows.
type simInput struct {
	queues   []simulate.Queue
	p90      [][]float64
	settings simulate.Settings
	table    *data.Table
}

func runSimulate(c *cli.Context) error {
	out, err := newOutput(c, formatTable, formatCSV, formatJSON)
	if err != nil {
		return err
	}
	in, err := readSimInput(c)
	if err != nil {
		return err
	}
	if specs := c.StringSlice("scenario"); len(specs) > 0 {
		if c.String("format") == "" && strings.HasSuffix(strings.ToLower(out.path), ".md") {
			out.format = formatTable // the policy page is Markdown
		}
		return runScenarios(c, out, in, specs)
	}
	per := c.String("per")
	if per != "interval" && per != "day" {
		return usageError(fmt.Errorf("--per %q: want interval or day", per))
	}
	results := make([]*simulate.Result, len(in.queues))
	for i, q := range in.queues {
		s := in.settings
		s.Progress = progressTo(c.App.ErrWriter, s.Replications)
		if results[i], err = simulate.Run(c.Context, q, s); err != nil {
			if c.Context.Err() != nil {
				return fmt.Errorf("interrupted: nothing written: %w", err)
			}
			return usageError(flagNames(err))
		}
	}
	if f := c.String("chart"); f != "" {
		if err := simChart(f, in, results); err != nil {
			return err
		}
	}
	if err := out.writeTable(c.App.Writer, render.Simulation(queueNames(in), in.table.Column("channel") != nil, results, per == "day"), 3); err != nil {
		return err
	}
	render.SimulationSummary(c.App.ErrWriter, queueNames(in), results)
	return nil
}

// readSimInput reads the flags and the input table into queues.
func readSimInput(c *cli.Context) (*simInput, error) {
	if c.String("in") == "" {
		// Not Required in the flag: urfave/cli's own message for that exits 1.
		return nil, usageError(errors.New("--in: want the plan to check, as staffcast staff writes it (staffcast staff --out requirements.csv)"))
	}
	in := &simInput{}
	if s := c.String("target"); s != "" && s != "none" {
		t, err := staffing.ParseTarget(s)
		if err != nil {
			return nil, usageError(fmt.Errorf("--target: %w", err))
		}
		in.settings.ServiceLevel, in.settings.AnswerWithin = t.ServiceLevel, t.AnswerWithin
	}
	in.settings.Replications = c.Int("replications")
	in.settings.Seed = c.Uint64("seed")
	in.settings.Overdispersion = c.Float64("overdispersion")
	if in.settings.Replications < 1 {
		return nil, usageError(fmt.Errorf("--replications %d: want at least 1 (100 is usual)", in.settings.Replications))
	}
	cv := c.Float64("cv")
	if !(cv > 0) || math.IsInf(cv, 0) {
		return nil, usageError(fmt.Errorf("--cv %v: want a positive coefficient of variation (1 = exponential)", cv))
	}
	handling := simulate.Exponential
	if cv != 1 {
		handling = simulate.Lognormal
	}
	if h := c.String("handling"); h != "" {
		d, err := simulate.ParseDist(h)
		if err != nil {
			return nil, usageError(fmt.Errorf("--handling: %w", err))
		}
		handling = d
		if d == simulate.Exponential && cv != 1 {
			return nil, usageError(fmt.Errorf("--handling exponential has a CV of 1, not --cv %v", cv))
		}
	}
	if c.IsSet("patience") && c.Duration("patience") <= 0 {
		return nil, usageError(fmt.Errorf("--patience %v: want a positive mean patience (leave it out for callers who never hang up)", c.Duration("patience")))
	}
	patienceDist, patienceCV := simulate.Exponential, 0.0
	if c.IsSet("patience-cv") {
		patienceCV = c.Float64("patience-cv")
		if !(patienceCV > 0) || math.IsInf(patienceCV, 0) {
			return nil, usageError(fmt.Errorf("--patience-cv %v: want a positive coefficient of variation", patienceCV))
		}
		if !c.IsSet("patience") {
			return nil, usageError(errors.New("--patience-cv needs --patience, the mean patience"))
		}
		patienceDist = simulate.Lognormal
	}
	if c.Int("callback-queue") < 0 || c.Duration("callback-wait") < 0 || c.Duration("callback-promise") <= 0 {
		return nil, usageError(errors.New("--callback-queue, --callback-wait and --callback-promise: want values >= 0 (a positive promise)"))
	}
	if v := c.Float64("overdispersion"); !(v == 0 || v >= 1) {
		return nil, usageError(fmt.Errorf("--overdispersion %v: want a variance-to-mean ratio >= 1", v))
	}
	chat := staffing.Concurrency{Chats: c.Int("chats"), Slowdown: c.Float64("chat-slowdown")}
	if err := chat.Validate(); err != nil {
		return nil, usageError(flagNames(err))
	}
	opt, err := readOptions(c)
	if err != nil {
		return nil, err
	}
	opt.Text = []string{"channel"}
	tb, err := readTable(c, c.String("in"), opt)
	if err != nil {
		return nil, err
	}
	in.table = tb
	rows, interval, err := staffRows(tb, c.Duration("aht"))
	if err != nil {
		return nil, inputError(err)
	}
	in.settings.Interval = c.Duration("interval")
	if in.settings.Interval == 0 {
		if interval == 0 {
			return nil, usageError(errors.New("cannot tell the interval length from a single row per channel: pass --interval"))
		}
		in.settings.Interval = interval
	}
	var only *staffing.Channel
	if name := c.String("channel"); name != "" {
		ch, err := staffing.ParseChannel(name)
		if err != nil {
			return nil, usageError(fmt.Errorf("--channel: %w", err))
		}
		only = &ch
	}
	agentsCol := tb.Column("agents")
	if c.String("shifts") == "" && (agentsCol == nil || agentsCol.Float == nil) {
		return nil, inputError(fmt.Errorf("%s: %w: want a numeric column \"agents\" (staffcast staff output), or pass --shifts", c.String("in"), data.ErrMissingColumn))
	}
	var agents []float64
	if agentsCol != nil {
		agents = agentsCol.Float
	}
	template := simulate.Queue{AHT: c.Duration("aht"), Handling: handling, HandlingCV: cv, Patience: c.Duration("patience"), PatienceIs: patienceDist, PatienceCV: patienceCV,
		Callback: simulate.Callback{QueueLength: c.Int("callback-queue"), Wait: c.Duration("callback-wait"), Promise: c.Duration("callback-promise")}}
	plan, err := simulate.QueuesFromPlan(rows, agents, only, template, chat)
	var bad *simulate.AgentsError
	if errors.As(err, &bad) {
		return nil, inputError(tb.ErrorAt(bad.Row, "agents", fmt.Sprint(bad.Agents), errors.New("want a whole number of agents >= 0")))
	} else if err != nil {
		return nil, inputError(fmt.Errorf("%s: %w", c.String("in"), err))
	}
	in.queues = plan.Queues
	if p90 := tb.Column("p90"); p90 != nil && p90.Float != nil {
		for _, rows := range plan.Rows {
			v := make([]float64, len(rows))
			for k, i := range rows {
				v[k] = p90.Float[i]
			}
			in.p90 = append(in.p90, v)
		}
	} else {
		in.p90 = make([][]float64, len(in.queues))
	}
	if len(plan.Skipped) > 0 {
		skipped := make([]string, len(plan.Skipped))
		for i, ch := range plan.Skipped {
			skipped[i] = ch.String()
		}
		fmt.Fprintf(c.App.ErrWriter, "not simulated: %s (deferred work, not a queue callers wait in)\n", strings.Join(skipped, ", "))
	}
	if len(in.queues) == 0 {
		return nil, inputError(fmt.Errorf("%s: no phone or chat rows to simulate", c.String("in")))
	}
	if f := c.String("shifts"); f != "" {
		if len(in.queues) > 1 {
			return nil, usageError(errors.New("--shifts gives one team's agents, and the input has phone and chat rows: pass --channel"))
		}
		if err := applyShifts(c, f, opt, &in.queues[0], in.settings.Interval); err != nil {
			return nil, err
		}
	}
	for _, q := range in.queues {
		if err := q.Validate(in.settings.Interval); err != nil {
			return nil, inputError(fmt.Errorf("%s: %w", c.String("in"), err))
		}
		unstaffed := 0
		for _, iv := range q.Intervals {
			if iv.Volume > 0 && iv.Agents == 0 {
				unstaffed++
			}
		}
		if unstaffed > 0 {
			fmt.Fprintf(c.App.ErrWriter, "warning: %s: %d intervals have calls and no agents; their callers wait for the next agents or hang up\n", q.Name, unstaffed)
		}
	}
	return in, nil
}

// applyShifts replaces the agents of q by the shift table's coverage.
func applyShifts(c *cli.Context, path string, opt data.ReadOptions, q *simulate.Queue, step time.Duration) error {
	tb, err := readTable(c, path, opt)
	if err != nil {
		return err
	}
	start, end, agents := tb.Column("start"), tb.Column("end"), tb.Column("agents")
	if start == nil || start.Time == nil || end == nil || end.Text == nil || agents == nil || agents.Float == nil {
		return inputError(fmt.Errorf("%s: %w: want columns start, end and agents (staffcast shifts output)", path, data.ErrMissingColumn))
	}
	bs, be := tb.Column("break_start"), tb.Column("break_end")
	shifts := make([]simulate.Shift, tb.Len())
	for i := range shifts {
		a := agents.Float[i]
		if math.IsNaN(a) || a < 0 || a != math.Trunc(a) {
			return inputError(tb.ErrorAt(i, "agents", fmt.Sprint(a), errors.New("want a whole number of agents >= 0")))
		}
		shifts[i] = simulate.Shift{Start: start.Time[i], Agents: int(a)}
		if shifts[i].End, err = shiftTime(tb, i, end, opt.Location); err != nil {
			return err
		}
		if bs != nil && be != nil && bs.Text != nil && be.Text != nil && bs.Text[i] != "" {
			if shifts[i].BreakStart, err = shiftTime(tb, i, bs, opt.Location); err != nil {
				return err
			}
			if shifts[i].BreakEnd, err = shiftTime(tb, i, be, opt.Location); err != nil {
				return err
			}
		}
	}
	if err := simulate.StaffFromShifts(q, shifts, step); err != nil {
		return inputError(fmt.Errorf("%s: %w", path, err))
	}
	return nil
}

// simChart draws the service level of each queue against the target.
func simChart(path string, in *simInput, results []*simulate.Result) error {
	format, err := chart.FormatFromPath(path)
	if err != nil {
		return usageError(fmt.Errorf("--chart: %w", err))
	}
	var plots []*plot.Plot
	for i, r := range results {
		p, err := chart.SimulatedServiceLevel(fmt.Sprintf("%s: simulated service level (%d replications)", in.queues[i].Name, r.Replications), r, in.settings.Interval, in.settings.ServiceLevel)
		if err != nil {
			return err
		}
		plots = append(plots, p)
	}
	return data.WriteFileAtomic(path, func(w io.Writer) error {
		return chart.Write(w, format, 11*vg.Inch, 4*vg.Inch, plots...)
	})
}

// shiftTime reads a time of a shift table's text column: RFC 3339, or a
// local time in loc.
func shiftTime(tb *data.Table, i int, col *data.Column, loc *time.Location) (time.Time, error) {
	v := col.Text[i]
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t, nil
	}
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02T15:04"} {
		if t, err := time.ParseInLocation(layout, v, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, inputError(tb.ErrorAt(i, col.Name, v, fmt.Errorf("%w: want an RFC 3339 time such as 2025-11-17T08:00:00+01:00", data.ErrBadTime)))
}

// queueNames lists the names of the simulated queues, in order.
func queueNames(in *simInput) []string {
	names := make([]string, len(in.queues))
	for i, q := range in.queues {
		names[i] = q.Name
	}
	return names
}
