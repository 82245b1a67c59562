package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/staffcast/staffcast/chart"
	"github.com/staffcast/staffcast/cmd/staffcast/internal/render"
	"github.com/staffcast/staffcast/data"
	"github.com/staffcast/staffcast/staffing"
	"github.com/staffcast/staffcast/staffing/shifts"
	"github.com/urfave/cli/v2"
	"golang.org/x/term"
	"gonum.org/v1/plot/vg"
)

func shiftsCommand() *cli.Command {
	return &cli.Command{
		Name:  "shifts",
		Usage: "turn agents required per interval into a shift table at least cost",
		UsageText: `staffcast shifts --in requirements-15m.csv --tz Europe/Stockholm --channel phone --start-every 30m --lengths 4h,6h,8h --out shifts.csv
   staffcast shifts --in requirements.csv --column scheduled_agents --earliest 06:00 --latest 23:00 \
       --cost 4h=1.1,6h=1,8h=1 --under-penalty 5 --coverage-out coverage.csv
   staffcast shifts --in requirements-15m.csv --tz Europe/Stockholm --start-every 15m --breaks 30m@6h --cyclic --latest 30:00 --out shifts-cyclic.csv

The input has start and a requirement column (--column, default
scheduled_agents as "staffcast staff" writes it; a file with one numeric
column needs none), at any interval length. The output has one row per
shift start and length: day (the local date it starts), start, end (RFC
3339 with offset), length (hours) and agents.
Without breaks the solver is exact (the covering matrix is an interval
matrix; see "go doc ./staffing/shifts"); paid hours, the lower bound and
the gap go to stderr.
With --under-penalty, intervals no shift can (or should) cover are left
short and reported instead of failing.

--breaks 30m@6h gives every shift of 6 h or more an unpaid 30-minute
break, placed by the solver wholly inside the middle third of the shift;
the output then has break_start and break_end, one row per shift and
break time. --cyclic treats a one-week input as a repeating week: shifts
may run from Sunday night into Monday (allow them with --latest above
24:00, e.g. 30:00 = 06:00 the next day). With breaks or --cyclic the LP
need not be integral: the schedule is a heuristic and the gap to the lower
bound (the LP's, rounded up to the cost granularity) is reported; days that
no shift crosses are solved in parallel. --max-agents is met by pricing shifts (the price
enters the bound) and --max-start-times by dropping the least-used start
times (the bound is then without that cap), with or without breaks. --solver cbc hands the same model, with
--max-agents but not --max-start-times, to COIN-OR CBC (cbc on PATH) instead. Without --in it schedules the embedded sample's
phone requirements for the week of 17 November 2025.`,
		Flags: append(append([]cli.Flag{
			&cli.StringFlag{Name: "in", Usage: "requirements per interval: CSV, Parquet or Arrow; default: a week of the embedded sample"},
			&cli.StringFlag{Name: "column", Usage: "requirement column; default: the only numeric column, or scheduled_agents"},
			&cli.StringFlag{Name: "start-every", Usage: "shifts start on this grid of local time; default: every interval"},
			&cli.StringFlag{Name: "channel", Usage: "with a channel column: schedule this channel only; default: the sum over channels (one blended team)"},
			&cli.StringFlag{Name: "lengths", Value: "4h,6h,8h", Usage: "allowed shift lengths"},
			&cli.StringFlag{Name: "earliest", Value: "00:00", Usage: "earliest shift start, local time"},
			&cli.StringFlag{Name: "latest", Value: "24:00", Usage: "latest shift end, local time; above 24:00 for shifts past midnight (30:00 = 06:00 the next day)"},
			&cli.StringFlag{Name: "breaks", Value: "none", Usage: "unpaid breaks: none, or LENGTH@MIN_SHIFT such as 30m@6h (placed in the middle third of the shift)"},
			&cli.BoolFlag{Name: "cyclic", Usage: "the input is one repeating week: shifts may wrap from Sunday night into Monday"},
			&cli.StringFlag{Name: "solver", Value: "staffcast", Usage: "staffcast (built in), or cbc (COIN-OR CBC on PATH)"},
			&cli.DurationFlag{Name: "cbc-time", Value: 5 * time.Minute, Usage: "with --solver cbc: stop CBC after this much CPU time and report its gap"},
			&cli.StringFlag{Name: "cost", Usage: "cost of a paid hour by length, e.g. 4h=1.1,6h=1,8h=1 (default 1: minimise paid hours)"},
			&cli.Float64Flag{Name: "under-penalty", Usage: "cost of one agent missing for one interval; 0 = cover everything"},
			&cli.IntFlag{Name: "max-agents", Usage: "at most this many shifts (agents); 0 = no cap"},
			&cli.IntFlag{Name: "max-start-times", Usage: "at most this many distinct start times; 0 = no cap"},
			&cli.StringFlag{Name: "coverage-out", Usage: "write required, scheduled, over and under per interval to FILE (csv, json, parquet)"},
			&cli.StringFlag{Name: "chart", Usage: "draw required against scheduled agents to FILE.png or FILE.svg"},
		}, timeFlags()...), outputFlags(formatTable, formatCSV, formatJSON, formatParquet)...),
		Action: runShifts,
	}
}

func runShifts(c *cli.Context) error {
	out, err := newOutput(c, formatTable, formatCSV, formatJSON, formatParquet)
	if err != nil {
		return err
	}
	// Every flag is checked before the input is read (or the sample made).
	rules, err := shiftRules(c)
	if err != nil {
		return err
	}
	start, step, req, err := requirements(c)
	if err != nil {
		return err
	}
	if rules.StartEvery == 0 {
		rules.StartEvery = step // default: every interval
	}
	if err := rules.Validate(step); err != nil {
		// The library names its fields; the user knows the flags.
		return usageError(errors.New(strings.NewReplacer("shifts: StartEvery", "--start-every", "shifts: Lengths", "--lengths", "shifts: length", "--lengths",
			"shifts: break", "--breaks: break", "shifts: LatestEnd", "--latest", "EarliestStart", "--earliest", "LatestEnd", "--latest",
			"shifts: UnderPenalty", "--under-penalty", "shifts: CostPerHour", "--cost", "shifts: cost per hour", "--cost").Replace(err.Error())))
	}
	if c.String("solver") == "cbc" && rules.MaxStartTimes > 0 {
		// The exported model has no rows for the start-time cap: refuse rather than ignore it.
		return usageError(errors.New("--max-start-times is not in the model handed to --solver cbc; use --solver staffcast"))
	}
	var s *shifts.Schedule
	switch c.String("solver") {
	case "staffcast":
		progress, stop := shiftProgress(c.App.ErrWriter)
		s, err = shifts.Solve(c.Context, start, step, req, rules, &shifts.Options{Progress: progress})
		stop()
	case "cbc":
		s, err = solveCBC(c, start, step, req, rules)
	}
	if err != nil {
		var k *kindError
		if errors.As(err, &k) || c.Context.Err() != nil {
			return err // Ctrl-C: main exits 130
		}
		if errors.Is(err, shifts.ErrUncoverable) {
			return unreachableError(err)
		}
		return inputError(err)
	}
	if f := c.String("coverage-out"); f != "" {
		format, err := data.FormatFromPath(f)
		if err != nil {
			return usageError(fmt.Errorf("--coverage-out: %w", err))
		}
		if err := data.WriteFileAtomic(f, func(w io.Writer) error { return data.WriteTable(w, render.Coverage(start, s), format) }); err != nil {
			return err
		}
	}
	if f := c.String("chart"); f != "" {
		format, err := chart.FormatFromPath(f)
		if err != nil {
			return usageError(fmt.Errorf("--chart: %w", err))
		}
		if err := data.WriteFileAtomic(f, func(w io.Writer) error {
			p, err := chart.Coverage("required and scheduled agents", start, step, s.Required, s.Scheduled)
			if err != nil {
				return err
			}
			return chart.Write(w, format, 11*vg.Inch, 4*vg.Inch, p)
		}); err != nil {
			return err
		}
	}
	// The columns of the table view: day (the local date the shift
	// starts) and length (hours, break included) as well.
	t := &data.Table{Columns: []data.Column{{Name: "day"}, {Name: "start"}, {Name: "end"}, {Name: "length"}, {Name: "agents"}}}
	if rules.Break > 0 {
		t.Columns = append(t.Columns, data.Column{Name: "break_start"}, data.Column{Name: "break_end"})
	}
	for _, sh := range s.Shifts {
		t.Columns[0].Text = append(t.Columns[0].Text, sh.Start.Format(time.DateOnly))
		t.Columns[1].Time = append(t.Columns[1].Time, sh.Start)
		t.Columns[2].Time = append(t.Columns[2].Time, sh.End)
		t.Columns[3].Float = append(t.Columns[3].Float, sh.End.Sub(sh.Start).Hours())
		t.Columns[4].Float = append(t.Columns[4].Float, float64(sh.Agents))
		if rules.Break > 0 {
			// Shifts too short for a break have none: zero times, written
			// as empty cells (null in Parquet and JSON).
			t.Columns[5].Time = append(t.Columns[5].Time, sh.BreakStart)
			t.Columns[6].Time = append(t.Columns[6].Time, sh.BreakEnd)
		}
	}
	if out.format == formatTable {
		err = out.write(c.App.Writer, func(w io.Writer) error { return render.Shifts(w, s, rules.Break > 0) })
	} else {
		err = out.writeTable(c.App.Writer, t, 0)
	}
	if err != nil {
		return err
	}
	under := 0
	for _, u := range s.Under {
		under += u
	}
	fmt.Fprintf(c.App.ErrWriter, "paid hours %.1f, cost %.2f, lower bound %.2f, gap %.2f%%; %s\n", s.PaidHours, s.Cost, s.LowerBound, 100*s.Gap, render.ShiftStatus(s.Status, rules, c.String("solver")))
	if under > 0 {
		fmt.Fprintf(c.App.ErrWriter, "unmet: %d agent-intervals short (see --coverage-out)\n", under)
	}
	return nil
}

// shiftRules reads the rules from the flags and checks every flag that
// needs no input; StartEvery is 0 when --start-every is not set (every
// interval, known once the input is read).
func shiftRules(c *cli.Context) (shifts.Rules, error) {
	var r shifts.Rules
	var err error
	switch c.String("solver") {
	case "staffcast", "cbc":
	default:
		return r, usageError(fmt.Errorf("--solver %q: want staffcast or cbc", c.String("solver")))
	}
	if d := c.Duration("cbc-time"); d <= 0 {
		return r, usageError(fmt.Errorf("--cbc-time %v: want a positive duration such as 5m", d))
	}
	if c.IsSet("start-every") {
		if r.StartEvery, err = parseSpan("start-every", c.String("start-every")); err != nil {
			return r, err
		}
	}
	costs := map[time.Duration]float64{}
	if spec := c.String("cost"); spec != "" {
		for _, part := range strings.Split(spec, ",") {
			l, v, ok := strings.Cut(part, "=")
			d, err1 := time.ParseDuration(strings.TrimSpace(l))
			f, err2 := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if !ok || err1 != nil || err2 != nil {
				return r, usageError(fmt.Errorf("--cost %q: want LENGTH=COST pairs such as 4h=1.1,8h=1", spec))
			}
			if f < 0 || math.IsNaN(f) || math.IsInf(f, 0) {
				return r, usageError(fmt.Errorf("--cost %q: cost %v for %v: want a finite cost >= 0", spec, f, d))
			}
			costs[d] = f
		}
	}
	for _, l := range strings.Split(c.String("lengths"), ",") {
		d, err := time.ParseDuration(strings.TrimSpace(l))
		if err != nil {
			return r, usageError(fmt.Errorf("--lengths %q: want durations such as 4h,6h,8h", c.String("lengths")))
		}
		r.Lengths = append(r.Lengths, d)
		r.CostPerHour = append(r.CostPerHour, costs[d])
		delete(costs, d)
	}
	for d := range costs {
		return r, usageError(fmt.Errorf("--cost prices a %v shift, which is not in --lengths %q", d, c.String("lengths")))
	}
	if r.EarliestStart, err = parseClockFlag("earliest", c.String("earliest"), 24); err != nil {
		return r, err
	}
	if r.LatestEnd, err = parseClockFlag("latest", c.String("latest"), 48); err != nil {
		return r, err
	}
	if r.LatestEnd != 0 && r.EarliestStart >= r.LatestEnd {
		return r, usageError(fmt.Errorf("--earliest %s is not before --latest %s", c.String("earliest"), c.String("latest")))
	}
	if b := c.String("breaks"); b != "none" {
		l, from, ok := strings.Cut(b, "@")
		d1, err1 := time.ParseDuration(l)
		d2, err2 := time.ParseDuration(from)
		if !ok || err1 != nil || err2 != nil || d1 <= 0 || d2 <= 0 {
			return r, usageError(fmt.Errorf("--breaks %q: want none or LENGTH@MIN_SHIFT such as 30m@6h", b))
		}
		r.Break, r.BreakFrom = d1, d2
	}
	r.Cyclic = c.Bool("cyclic")
	r.UnderPenalty = c.Float64("under-penalty")
	if p := r.UnderPenalty; p < 0 || math.IsNaN(p) || math.IsInf(p, 0) {
		return r, usageError(fmt.Errorf("--under-penalty %v: want a finite cost >= 0 (0: cover everything)", p))
	}
	r.MaxAgents = c.Int("max-agents")
	r.MaxStartTimes = c.Int("max-start-times")
	if r.MaxAgents < 0 || r.MaxStartTimes < 0 {
		return r, usageError(fmt.Errorf("--max-agents %d, --max-start-times %d: want 0 (no cap) or more", r.MaxAgents, r.MaxStartTimes))
	}
	if c.String("in") == "" {
		// The sample is one requirement, the phone channel's
		// scheduled_agents: other columns and channels are typos.
		if col := c.String("column"); col != "" && col != "scheduled_agents" {
			return r, usageError(fmt.Errorf("--column %q: the embedded sample has only scheduled_agents (name a file with --in)", col))
		}
		if ch := c.String("channel"); ch != "" && ch != staffing.Phone.String() {
			return r, usageError(fmt.Errorf("--channel %q: the embedded sample schedules the %s channel only (name a file with --in)", ch, staffing.Phone))
		}
	}
	return r, nil
}

// requirements reads --in (or the sample's last week of phone staffing).
func requirements(c *cli.Context) ([]time.Time, time.Duration, []float64, error) {
	if c.String("in") == "" {
		sampleNote(c, "in", "the week of 17 November 2025: calls staffed at 80/20 with a 4-minute AHT and 30% shrinkage")
		tb, err := sampleVolumes()
		if err != nil {
			return nil, 0, nil, err
		}
		rows, step, err := staffRows(tb, 4*time.Minute)
		if err != nil {
			return nil, 0, nil, err
		}
		var phone []staffing.Row
		for _, r := range rows {
			if r.Channel == staffing.Phone {
				phone = append(phone, r)
			}
		}
		needs, err := staffing.Plan(phone, staffing.Settings{Interval: step, AHT: 4 * time.Minute, Target: staffing.Target{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second}, Shrinkage: 0.3})
		if err != nil {
			return nil, 0, nil, err
		}
		// Every hour of the week, 0 where the phone line is closed.
		var start []time.Time
		var req []float64
		t0 := rows[0].Start
		for t := t0; t.Before(rows[len(rows)-1].Start.Add(step)); t = t.Add(step) {
			start = append(start, t)
			req = append(req, 0)
		}
		for _, n := range needs {
			req[int(n.Start.Sub(t0)/step)] = float64(n.Scheduled)
		}
		return start, step, req, nil
	}
	ro, err := readOptions(c)
	if err != nil {
		return nil, 0, nil, err
	}
	tb, err := readTable(c, c.String("in"), ro)
	if err != nil {
		return nil, 0, nil, err
	}
	col := c.String("column")
	if col == "" {
		var numeric []string
		for _, cl := range tb.Columns {
			if cl.Float != nil {
				numeric = append(numeric, cl.Name)
			}
		}
		col = "scheduled_agents"
		if len(numeric) == 1 {
			col = numeric[0]
		}
	}
	if cl := tb.Column(col); cl != nil {
		for i, v := range cl.Float {
			if v != v || v < 0 || v != float64(int(v)) {
				return nil, 0, nil, inputError(tb.ErrorAt(i, col, fmt.Sprint(v), fmt.Errorf("want a whole number of agents >= 0 (use scheduled_agents, rounded up)")))
			}
		}
	}
	var s *data.Series
	ch := tb.Column("channel")
	if keep := c.String("channel"); keep != "" && (ch == nil || ch.Text == nil) {
		return nil, 0, nil, usageError(fmt.Errorf("--channel %q: %s has no channel column (it is one team's requirement)", keep, c.String("in")))
	}
	if ch != nil && ch.Text != nil {
		// Long form, one row per interval and channel: keep one channel,
		// or add the channels up.
		keep := c.String("channel")
		if keep != "" {
			tb = tb.Subset(func(i int) bool { return ch.Text[i] == keep })
			if tb.Len() == 0 {
				return nil, 0, nil, usageError(fmt.Errorf("--channel %q: no rows of that channel", keep))
			}
		}
		if s, err = data.Pivot(tb, nil, col); err != nil {
			return nil, 0, nil, inputError(err)
		}
		s.Columns[0].Name = col
	} else if s, err = data.SeriesFromTable(tb, data.SeriesOptions{ReadOptions: ro, Columns: []string{col}, FillGaps: data.GapKeep}); err != nil {
		return nil, 0, nil, inputError(err)
	}
	// Intervals absent from the file (closed hours) need nobody.
	if s, err = data.SeriesFromTable(s.Table(), data.SeriesOptions{Columns: []string{col}, Every: s.Step, FillGaps: data.GapZero}); err != nil {
		return nil, 0, nil, inputError(err)
	}
	// The values were checked row by row above (where the error can name
	// the line); sums of whole agents and filled gaps stay whole.
	return s.Start, s.Step, s.Columns[0].Float, nil
}

// shiftProgress returns a progress callback for shifts.Options and a stop
// function. On a terminal, a solve that runs past 2 s shows a heartbeat
// on w: a spinner, the stage, how far it is and the time taken, redrawn
// every quarter second whether or not the solver reports; elsewhere (logs,
// pipes, tests) it draws nothing.
func shiftProgress(w io.Writer) (func(shifts.Progress), func()) {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil, func() {}
	}
	var mu sync.Mutex
	last := shifts.Progress{Stage: "starting"}
	report := func(p shifts.Progress) {
		mu.Lock()
		last = p
		mu.Unlock()
	}
	quit, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		began := time.Now()
		tick := time.NewTicker(250 * time.Millisecond)
		defer tick.Stop()
		var bar *progressbar.ProgressBar // made after 2 s: it draws once made
		for {
			select {
			case <-quit:
				if bar != nil {
					bar.Clear()
					bar.Exit()
				}
				return
			case <-tick.C:
				if time.Since(began) < 2*time.Second {
					continue
				}
				if bar == nil {
					bar = progressbar.NewOptions(-1, progressbar.OptionSetWriter(w), progressbar.OptionSpinnerType(14),
						progressbar.OptionSetElapsedTime(false), progressbar.OptionClearOnFinish())
				}
				mu.Lock()
				p := last
				mu.Unlock()
				desc := "shifts: " + p.Stage
				if p.Total > 0 {
					desc += fmt.Sprintf(" %d/%d", p.Done, p.Total)
				} else if p.Done > 0 {
					desc += fmt.Sprintf(" %d", p.Done)
				}
				bar.Describe(fmt.Sprintf("%s (%v)", desc, time.Since(began).Round(time.Second)))
				bar.Add(1)
			}
		}
	}()
	return report, func() { close(quit); <-done }
}
