package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/staffcast/staffcast/chart"
	"github.com/staffcast/staffcast/cmd/staffcast/internal/render"
	"github.com/staffcast/staffcast/data"
	"github.com/staffcast/staffcast/forecast/calendar"
	"github.com/staffcast/staffcast/plan"
	"github.com/staffcast/staffcast/sample"
	"github.com/staffcast/staffcast/staffing"
	"github.com/staffcast/staffcast/staffing/hours"
	"github.com/urfave/cli/v2"
	"golang.org/x/term"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

// hoursFlags are shared by hours and plan.
func hoursFlags() []cli.Flag {
	f := []cli.Flag{
		&cli.StringFlag{Name: "orders-column", Value: "orders", Usage: "column of orders"},
		&cli.StringFlag{Name: "calls-column", Value: "calls", Usage: "column of calls (empty cells: the line was closed)"},
		&cli.StringFlag{Name: "chats-column", Value: "chats", Usage: "column of chats, if any"},
		&cli.StringFlag{Name: "calls-closed-column", Value: "calls_closed", Usage: "column of the attempts the phone system logged while closed, if any"},
		&cli.Float64Flag{Name: "repeat-attempts", Value: hours.DefaultRepeatAttempts, Usage: "attempts per caller in the closed-hour attempts column (>= 1)"},
		fillGapsFlag(gapsNeeded),
		&cli.StringFlag{Name: "objective", Value: "calls-then-orders", Usage: "calls-then-orders (answer today's calls, then cover orders), orders, calls or value"},
		&cli.StringFlag{Name: "budget", Usage: `cost per week: 230h for every period, or per period: normal=210h,christmas=380h; default: what the --current hours cost in each period; with chat or email planned (plan --channels), totals for every channel`},
		&cli.StringFlag{Name: "premium", Usage: `cost of unsocial hours in agent-hours, e.g. "Mon-Fri 18:00-24:00=1.5,Sat-Sun=1.7,holidays=2"; default: none`},
		&cli.StringFlag{Name: "frontier", Value: "10,20,30,50", Usage: "budget steps above each period's budget to plan as well, in percent; none for no frontier"},
		&cli.IntFlag{Name: "max-windows", Usage: "at most this many distinct windows in the week (>= 1); default: no cap"},
		&cli.IntFlag{Name: "min-agents", Value: 1, Usage: "agents on duty in any open hour"},
		&cli.StringFlag{Name: "step", Value: "1h", Usage: "window grid: 1h or 30m"},
		&cli.StringFlag{Name: "min-open", Value: "6h", Usage: "shortest opening"},
		&cli.StringFlag{Name: "max-open", Value: "14h", Usage: "longest opening"},
		&cli.StringFlag{Name: "earliest", Value: "06:00", Usage: "earliest opening time"},
		&cli.StringFlag{Name: "latest", Value: "24:00", Usage: "latest closing time"},
		&cli.StringFlag{Name: "closed-ok", Usage: "days that may stay closed besides those closed today, e.g. Sat,Sun"},
		&cli.BoolFlag{Name: "same-weekdays", Usage: "one window for Monday to Friday"},
		&cli.StringSliceFlag{Name: "period", Usage: `a period with its own hours: NAME=FROM..TO with dates (2026-12-01..2026-12-23) or month-days every year (12-01..12-23); repeat`},
		&cli.Float64Flag{Name: "quantile", Usage: "summarise each weekday's demand by this quantile over the weeks (e.g. 0.8); 0 = the mean"},
		&cli.Float64Flag{Name: "displaced", Usage: "share of closed-hour callers who call again at the next opening (adds load to it)"},
		&cli.Float64Flag{Name: "callbacks", Usage: "share of closed-hour callers who leave a callback request (worked inside the budget)"},
		&cli.DurationFlag{Name: "callback-within", Value: 2 * time.Hour, Usage: "promise to call back within this long after opening"},
		&cli.Float64Flag{Name: "cost-per-agent-hour", Usage: "value objective: cost of an agent-hour"},
		&cli.Float64Flag{Name: "value-per-order", Usage: "value objective: value of an order placed while open"},
		&cli.Float64Flag{Name: "value-per-contact", Usage: "value objective: value of a call answered within target"},
		&cli.StringFlag{Name: "current", Value: "Mon-Fri 08:00-17:00", Usage: `today's opening hours to compare with, e.g. "Mon-Fri 09:00-17:00,Sat 10:00-14:00"`},
		&cli.StringFlag{Name: "country", Value: "SE", Usage: "public holidays (for the forecast and the holidays premium): SE, NO, DK or FI"},
		&cli.StringFlag{Name: "chart", Usage: "write a weekday × hour heat map of orders with the recommended windows to FILE.png or FILE.svg"},
		&cli.StringFlag{Name: "requirements-out", Usage: "write the agents the recommended hours need per interval of the first planned week (start, channel, volume, agents, scheduled_agents) to FILE.csv for staffcast shifts --in"},
	}
	f = append(f, timeFlags()...)
	return append(f, withDefaultText(staffingFlags(), "aht", "4m")...)
}

// withDefaultText sets the default --help shows for the flag name, where a
// command fills in an unset flag itself (hours and plan: --aht 4m) and
// urfave/cli would print the zero value.
func withDefaultText(flags []cli.Flag, name, text string) []cli.Flag {
	for _, f := range flags {
		if d, ok := f.(*cli.DurationFlag); ok && d.Name == name {
			d.DefaultText = text
		}
	}
	return flags
}

func hoursCommand() *cli.Command {
	return &cli.Command{
		Name:  "hours",
		Usage: "recommend opening hours per weekday and period: answer today's callers, then cover the most orders within a budget",
		UsageText: `staffcast hours --demand shop.csv --tz Europe/Stockholm --aht 4m --target 80/20 --min-open 6h --max-open 14h
   staffcast hours --demand shop.parquet --budget normal=210h,christmas=380h --closed-ok Sun --period "christmas=12-01..12-23" --chart heatmap.png
   staffcast hours --aht 4m --current "Mon-Fri 09:00-17:00,Sat 10:00-14:00" --premium "Mon-Fri 18:00-24:00=1.5,Sat-Sun=1.7" --format json

The demand file has a start column and hourly orders and calls (and
chats, and calls_closed: attempts logged while the line was closed). Each
weekday's hour is summarised by its mean over the last 52 weeks of the
demand (or --quantile), whether it comes from a file or the sample. Calls
in hours the line was never open are estimated, with a band: from the
attempts over --repeat-attempts, or else from chats (or orders) with a
calls-per-chat ratio by weekday and hour. An open hour costs the
scheduled agents its calls need at the target (Erlang C, or Erlang A with
--patience, grossed up by --shrinkage), at least --min-agents, each
weighted by its --premium. By default the hours answer at least as many
calls within target as the --current hours (counting estimated calls at
the low end), and then cover the most orders within the budget (default:
what today's hours cost); --objective orders, calls or value change that.
The optimum is exact. Without --demand it runs on the embedded sample.`,
		Flags: append(append([]cli.Flag{
			&cli.StringFlag{Name: "demand", Usage: "hourly demand: CSV, Parquet or Arrow; default: the embedded sample"},
		}, hoursFlags()...), outputFlags(formatTable, formatJSON, formatCSV)...),
		Action: func(c *cli.Context) error { return runHours(c, c.String("demand"), false) },
	}
}

var weekdayNames = map[string]time.Weekday{"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday, "thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday}

// maxBudget is far above any team's week and far below a Duration's limit.
const maxBudget = 1e6

// parseHoursValue reads agent-hours: 230h, 230, 90m.
func parseHoursValue(flag, s string) (float64, error) {
	s = strings.TrimSpace(s)
	v, err := strconv.ParseFloat(strings.TrimSuffix(s, "h"), 64)
	if err != nil {
		d, err2 := time.ParseDuration(s)
		if err2 != nil {
			return 0, usageError(fmt.Errorf("--%s %q: want agent-hours per week such as 230h", flag, s))
		}
		v = d.Hours()
	}
	if !(v > 0) || v > maxBudget {
		return 0, usageError(fmt.Errorf("--%s %q: want agent-hours per week above 0 and at most %g", flag, s, float64(maxBudget)))
	}
	return v, nil
}

func hoursSettings(c *cli.Context) (hours.Settings, error) {
	target, err := readTarget(c)
	if err != nil {
		return hours.Settings{}, err
	}
	s := hours.Settings{AHT: c.Duration("aht"), Patience: c.Duration("patience"), Target: target, Shrinkage: c.Float64("shrinkage"),
		MinAgents: c.Int("min-agents"), SameWeekdays: c.Bool("same-weekdays"), Displaced: c.Float64("displaced"), MaxWindows: c.Int("max-windows"),
		CostPerAgentHour: c.Float64("cost-per-agent-hour"), ValuePerOrder: c.Float64("value-per-order"), ValuePerContact: c.Float64("value-per-contact")}
	if s.AHT == 0 {
		s.AHT = 4 * time.Minute
	}
	if s.AHT < 0 {
		return s, usageError(fmt.Errorf("--aht %v: want a positive handling time", s.AHT))
	}
	if s.Objective, err = hours.ParseObjective(c.String("objective")); err != nil {
		return s, usageError(fmt.Errorf("--%w", err))
	}
	if !c.IsSet("objective") && (s.CostPerAgentHour > 0 || s.ValuePerOrder > 0 || s.ValuePerContact > 0) {
		s.Objective = hours.Profit
	}
	for _, name := range []string{"cost-per-agent-hour", "value-per-order", "value-per-contact"} {
		if v := c.Float64(name); !(v >= 0) || math.IsInf(v, 0) {
			return s, usageError(fmt.Errorf("--%s %v: want a number >= 0", name, v))
		}
	}
	for _, name := range []string{"displaced", "callbacks"} {
		if v := c.Float64(name); !(v >= 0 && v <= 1) {
			return s, usageError(fmt.Errorf("--%s %v: want a share in [0,1]", name, v))
		}
	}
	if v := c.Float64("quantile"); !(v >= 0 && v < 1) {
		return s, usageError(fmt.Errorf("--quantile %v: want a fraction in (0,1), or 0 for the mean", v))
	}
	if c.Duration("callback-within") <= 0 {
		return s, usageError(fmt.Errorf("--callback-within %v: want a positive duration", c.Duration("callback-within")))
	}
	if v := c.Float64("repeat-attempts"); !(v >= 1) || math.IsInf(v, 0) {
		return s, usageError(fmt.Errorf("--repeat-attempts %v: want attempts per caller >= 1", v))
	}
	if c.IsSet("max-windows") && s.MaxWindows < 1 {
		return s, usageError(fmt.Errorf("--max-windows %d: want at least 1 window", s.MaxWindows))
	}
	if s.MinAgents < 0 || s.MinAgents > 1e6 {
		return s, usageError(fmt.Errorf("--min-agents %d: want 0 to 1000000", s.MinAgents))
	}
	for _, f := range []struct {
		name string
		dst  *time.Duration
	}{{"min-open", &s.MinOpen}, {"max-open", &s.MaxOpen}} {
		if *f.dst, err = parseSpan(f.name, c.String(f.name)); err != nil {
			return s, err
		}
		if *f.dst <= 0 || *f.dst > 24*time.Hour {
			return s, usageError(fmt.Errorf("--%s %s: want a length above 0 and at most 24h", f.name, c.String(f.name)))
		}
	}
	if s.MinOpen > s.MaxOpen {
		return s, usageError(fmt.Errorf("--min-open %v is longer than --max-open %v", s.MinOpen, s.MaxOpen))
	}
	if s.Earliest, err = parseClockFlag("earliest", c.String("earliest"), 24); err != nil {
		return s, err
	}
	if s.Latest, err = parseClockFlag("latest", c.String("latest"), 24); err != nil {
		return s, err
	}
	if days := c.String("closed-ok"); days != "" {
		for _, d := range strings.Split(days, ",") {
			d = strings.ToLower(strings.TrimSpace(d))
			wd, ok := weekdayNames[d[:min(3, len(d))]]
			if !ok {
				return s, usageError(fmt.Errorf("--closed-ok %q: unknown day %q; want Mon, Tue, ..., Sun", days, d))
			}
			s.ClosedOK[wd] = true
		}
	}
	return s, nil
}

// planOptions turns the flags into plan.Options (all but the history).
func planOptions(c *cli.Context, isPlan bool) (plan.Options, error) {
	var opt plan.Options
	var err error
	if opt.Settings, err = hoursSettings(c); err != nil {
		return opt, err
	}
	if opt.Current, err = staffing.ParseOpeningHours(c.String("current")); err != nil {
		return opt, usageError(fmt.Errorf("--current: %w", err))
	}
	periods := c.StringSlice("period")
	if isPlan && !c.IsSet("period") {
		periods = []string{"christmas=12-01..12-23"}
	}
	if opt.Periods, err = plan.ParsePeriods(periods); err != nil {
		return opt, usageError(fmt.Errorf("--period: %w", err))
	}
	if opt.Step, err = parseSpan("step", c.String("step")); err != nil {
		return opt, err
	}
	if opt.Step <= 0 || (24*time.Hour)%opt.Step != 0 {
		return opt, usageError(fmt.Errorf("--step %s: want a divisor of a day such as 1h or 30m", c.String("step")))
	}
	if b := c.String("budget"); b != "" {
		if strings.Contains(b, "=") {
			opt.Budgets = map[string]float64{}
			for _, item := range strings.Split(b, ",") {
				name, v, _ := strings.Cut(item, "=")
				name = strings.TrimSpace(name)
				found := false
				for _, p := range opt.Periods {
					found = found || p.Name == name
				}
				if !found {
					var names []string
					for _, p := range opt.Periods {
						names = append(names, p.Name)
					}
					return opt, usageError(fmt.Errorf("--budget %q: there is no period %q (the periods are %s)", b, name, strings.Join(names, ", ")))
				}
				if opt.Budgets[name], err = parseHoursValue("budget", v); err != nil {
					return opt, err
				}
			}
		} else if opt.Budget, err = parseHoursValue("budget", b); err != nil {
			return opt, err
		}
	}
	if opt.Premiums, err = plan.ParsePremiums(c.String("premium")); err != nil {
		return opt, usageError(fmt.Errorf("--premium: %w", err))
	}
	if fr := c.String("frontier"); fr == "none" {
		opt.Frontier = []float64{}
	} else {
		for _, s := range strings.Split(fr, ",") {
			v, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(s), "+"), "%"), 64)
			if err != nil || !(v > 0 && v <= 1000) {
				return opt, usageError(fmt.Errorf("--frontier %q: want budget steps in percent above 0 such as 10,20,30,50, or none", fr))
			}
			opt.Frontier = append(opt.Frontier, v/100)
		}
	}
	opt.RepeatAttempts = c.Float64("repeat-attempts")
	opt.Quantile = c.Float64("quantile")
	opt.Callbacks, opt.CallbackWithin = c.Float64("callbacks"), c.Duration("callback-within")
	opt.Columns = plan.Columns{Orders: c.String("orders-column"), Calls: c.String("calls-column"), Chats: c.String("chats-column"), CallsClosed: c.String("calls-closed-column")}
	return opt, nil
}

func runHours(c *cli.Context, path string, isPlan bool) error {
	out, err := newOutput(c, formatTable, formatJSON, formatCSV)
	if err != nil {
		return err
	}
	opt, err := planOptions(c, isPlan)
	if err != nil {
		return err
	}
	country, err := calendar.ParseCountry(c.String("country"))
	if err != nil {
		return usageError(fmt.Errorf("--country: %w", err))
	}
	var chartFormat chart.Format
	if f := c.String("chart"); f != "" {
		if chartFormat, err = chart.FormatFromPath(f); err != nil {
			return usageError(fmt.Errorf("--chart: %w", err))
		}
	}
	if isPlan {
		if err := planChannelOptions(c, &opt); err != nil { // plan_channels.go
			return err
		}
		switch c.String("demand-from") {
		case "forecast":
			opt.From = plan.FromForecast
		case "history":
			opt.From = plan.FromHistory
		default:
			return usageError(fmt.Errorf("--demand-from %q: want forecast or history", c.String("demand-from")))
		}
	} else {
		opt.From = plan.FromHistory
	}
	series, err := demandSeries(c, path, isPlan)
	if err != nil {
		return err
	}
	if len(series.Start) < 2 {
		return inputError(errors.New("the demand has one interval: it takes at least two to tell their length and a week to plan on"))
	}
	loc := series.Start[0].Location()
	until := series.Start[len(series.Start)-1].AddDate(0, 0, 7*53)
	if opt.From == plan.FromForecast {
		if opt.Forecast, err = forecastOptions(c, series, until); err != nil {
			return err
		}
	}
	opt.Holiday = calendar.IsHoliday(calendar.Events(country, series.Start[0], until, loc))
	opt.History = series
	if f, ok := c.App.ErrWriter.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		// On a terminal, say what the plan is doing (the frontier takes a while).
		opt.Progress = func(s string) { fmt.Fprintf(f, "\r\033[K%s", s) }
	}
	res, err := plan.Run(c.Context, opt)
	if opt.Progress != nil {
		opt.Progress("") // clear the line before the results
	}
	if err != nil {
		var inf *hours.InfeasibleError
		if errors.As(err, &inf) {
			if inf.Floor > 0 && inf.MinBudget > 0 {
				return unreachableError(fmt.Errorf("--budget: %w; pass --budget %gh or more, or --objective orders", err, math.Ceil(inf.MinBudget)))
			}
			return unreachableError(err)
		}
		if errors.Is(err, c.Context.Err()) && c.Context.Err() != nil {
			return err
		}
		return planChannelError(c, err) // plan_channels.go
	}
	if opt.From == plan.FromForecast {
		fmt.Fprintf(c.App.ErrWriter, "planning on a forecast of the 52 weeks after the history (%s to %s, %v model); --demand-from history plans on the last 52 weeks of history\n",
			res.From.Format("2006-01-02"), res.To.AddDate(0, 0, -1).Format("2006-01-02"), opt.Forecast.Model)
	} else {
		fmt.Fprintf(c.App.ErrWriter, "planning on the last 52 weeks of the demand (%s to %s)\n", res.From.Format("2006-01-02"), res.To.AddDate(0, 0, -1).Format("2006-01-02"))
	}
	if f := c.String("chart"); f != "" {
		var panels []*plot.Plot
		for _, p := range res.Periods {
			pan, err := chart.HeatMap(fmt.Sprintf("orders per hour, %s (mean week); boxes: recommended hours", p.Name), p.Week.Orders, p.Week.Step, p.Plan.Hours())
			if err != nil {
				return err
			}
			panels = append(panels, pan)
		}
		if err := data.WriteFileAtomic(f, func(w io.Writer) error { return chart.Write(w, chartFormat, 9*vg.Inch, 3.2*vg.Inch, panels...) }); err != nil {
			return err
		}
	}
	reqOut := c.String("requirements-out")
	if reqOut != "" {
		if err := (output{format: formatCSV, path: reqOut}).writeGrid(nil, render.Requirements(res), false); err != nil {
			return err
		}
	}
	return out.write(c.App.Writer, func(w io.Writer) error { return render.Plan(w, out.format, res, opt, reqOut) })
}

func columnNames(s *data.Series) string {
	var n []string
	for _, c := range s.Columns {
		n = append(n, fmt.Sprintf("%q", c.Name))
	}
	return strings.Join(n, ", ")
}

// demandSeries reads the demand, or the embedded sample.
func demandSeries(c *cli.Context, path string, isPlan bool) (*data.Series, error) {
	if path != "" {
		ro, err := readOptions(c)
		if err != nil {
			return nil, err
		}
		gaps, err := gapPolicy(c, gapsNeeded)
		if err != nil {
			return nil, err
		}
		s, err := data.ReadSeriesFile(path, data.SeriesOptions{ReadOptions: ro, FillGaps: gaps})
		if err != nil {
			return nil, inputError(gapError(err, gapsNeeded))
		}
		return s, nil
	}
	s, err := sample.Shop()
	if err != nil {
		return nil, err
	}
	flag := map[bool]string{true: "history", false: "demand"}[isPlan]
	sampleNote(c, flag, "hourly orders, calls, chats, emails and closed-hour call attempts, Europe/Stockholm, 2023-2025")
	return s, nil
}
