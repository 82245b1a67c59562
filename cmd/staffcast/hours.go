package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/staffcast/staffcast/chart"
	"github.com/staffcast/staffcast/clock"
	"github.com/staffcast/staffcast/cmd/staffcast/internal/texttab"
	"github.com/staffcast/staffcast/data"
	"github.com/staffcast/staffcast/forecast"
	"github.com/staffcast/staffcast/staffing"
	"github.com/staffcast/staffcast/staffing/hours"
	"github.com/urfave/cli/v2"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

// hoursFlags are shared by hours and plan.
func hoursFlags() []cli.Flag {
	f := []cli.Flag{
		&cli.StringFlag{Name: "orders-column", Value: "orders", Usage: "column of orders"},
		&cli.StringFlag{Name: "calls-column", Value: "calls", Usage: "column of calls (empty cells: the line was closed)"},
		&cli.StringFlag{Name: "chats-column", Value: "chats", Usage: "column of chats, if any"},
		&cli.StringFlag{Name: "budget", Usage: "agent-hours per week, e.g. 230h; default: what the --current hours cost"},
		&cli.IntFlag{Name: "min-agents", Value: 1, Usage: "agents on duty in any open hour"},
		&cli.StringFlag{Name: "step", Value: "1h", Usage: "window grid: 1h or 30m"},
		&cli.StringFlag{Name: "min-open", Value: "6h", Usage: "shortest opening"},
		&cli.StringFlag{Name: "max-open", Value: "14h", Usage: "longest opening"},
		&cli.StringFlag{Name: "earliest", Value: "06:00", Usage: "earliest opening time"},
		&cli.StringFlag{Name: "latest", Value: "24:00", Usage: "latest closing time"},
		&cli.StringFlag{Name: "closed-ok", Usage: "days that may stay closed, e.g. Sat,Sun"},
		&cli.BoolFlag{Name: "same-weekdays", Usage: "one window for Monday to Friday"},
		&cli.StringSliceFlag{Name: "period", Usage: `a period with its own hours: NAME=FROM..TO with dates (2026-12-01..2026-12-23) or month-days every year (12-01..12-23); repeat`},
		&cli.Float64Flag{Name: "quantile", Usage: "summarise each weekday's demand by this quantile over the weeks (e.g. 0.8); 0 = the mean"},
		&cli.Float64Flag{Name: "displaced", Usage: "share of closed-hour callers who call again at the next opening (adds load to it)"},
		&cli.Float64Flag{Name: "callbacks", Usage: "share of closed-hour callers who leave a callback request"},
		&cli.DurationFlag{Name: "callback-within", Value: 2 * time.Hour, Usage: "promise to call back within this long after opening"},
		&cli.Float64Flag{Name: "cost-per-agent-hour", Usage: "money objective: cost of an agent-hour"},
		&cli.Float64Flag{Name: "value-per-order", Usage: "money objective: value of an order placed while open"},
		&cli.Float64Flag{Name: "value-per-contact", Usage: "money objective: value of a call answered within target"},
		&cli.StringFlag{Name: "current", Value: "Mon-Fri 08:00-17:00", Usage: `today's opening hours to compare with, e.g. "Mon-Fri 09:00-17:00,Sat 10:00-14:00"`},
		&cli.StringFlag{Name: "chart", Usage: "write a weekday × hour heat map of orders with the recommended windows to FILE.png or FILE.svg"},
	}
	f = append(f, timeFlags()...)
	return append(f, staffingFlags()...)
}

func hoursCommand() *cli.Command {
	return &cli.Command{
		Name:  "hours",
		Usage: "recommend opening hours per weekday and period that cover the most orders within an agent-hour budget",
		UsageText: `staffcast hours --demand shop.csv --tz Europe/Stockholm --aht 4m --target 80/20 --budget 230h --min-open 6h --max-open 14h
   staffcast hours --demand shop.parquet --budget 300h --closed-ok Sun --period "christmas=12-01..12-23" --chart heatmap.png
   staffcast hours --aht 4m --current "Mon-Fri 09:00-17:00,Sat 10:00-14:00" --format json

The demand file has a start column and hourly orders and calls (and
chats); over several weeks each weekday's hour is summarised by its mean
(or --quantile). Calls in hours the line was never open (empty cells) are
estimated from chats (or orders) with the calls per chat seen where both
are known. An open hour costs the scheduled agents its calls need at the
target (Erlang C, or Erlang A with --patience, grossed up by --shrinkage),
at least --min-agents. The recommendation maximises orders placed while
the phones are open within --budget agent-hours per week (ties: fewer
agent-hours), or value minus cost with --cost-per-agent-hour; it is exact
(a dynamic programme over the week) and says so. Without --demand it runs
on the embedded sample.`,
		Flags: append(append([]cli.Flag{
			&cli.StringFlag{Name: "demand", Usage: "hourly demand: CSV, Parquet or Arrow; default: the embedded sample"},
		}, hoursFlags()...), outputFlags(formatTable, formatJSON, formatCSV)...),
		Action: func(c *cli.Context) error { return runHours(c, c.String("demand"), false) },
	}
}

// period is a named set of days with its own hours.
type period struct {
	name string
	in   func(time.Time) bool
}

func parsePeriods(specs []string) ([]period, error) {
	type span struct {
		name     string
		from, to string // "2006-01-02" or "01-02"
	}
	var spans []span
	for _, s := range specs {
		name, rng, ok := strings.Cut(s, "=")
		from, to, ok2 := strings.Cut(rng, "..")
		if !ok || !ok2 || name == "" {
			return nil, usageError(fmt.Errorf("--period %q: want NAME=FROM..TO such as christmas=2026-12-01..2026-12-23 or christmas=12-01..12-23", s))
		}
		for _, d := range []string{from, to} {
			layout := "2006-01-02"
			if len(d) == 5 {
				layout = "01-02"
			}
			if _, err := time.Parse(layout, d); err != nil {
				return nil, usageError(fmt.Errorf("--period %q: %q is not a date YYYY-MM-DD or MM-DD", s, d))
			}
		}
		if len(from) != len(to) || to < from {
			return nil, usageError(fmt.Errorf("--period %q: want FROM and TO in the same form with FROM <= TO", s))
		}
		spans = append(spans, span{name, from, to})
	}
	key := func(t time.Time, yearly bool) string {
		if yearly {
			return t.Format("01-02")
		}
		return t.Format("2006-01-02")
	}
	inSpan := func(sp span) func(time.Time) bool {
		yearly := len(sp.from) == 5
		return func(t time.Time) bool { k := key(t, yearly); return k >= sp.from && k <= sp.to }
	}
	var ps []period
	for i, sp := range spans {
		for _, other := range spans[:i] {
			if len(other.from) == len(sp.from) && !(sp.to < other.from || other.to < sp.from) {
				return nil, usageError(fmt.Errorf("--period %s and %s overlap: a day can have only one set of hours", sp.name, other.name))
			}
		}
		ps = append(ps, period{sp.name, inSpan(sp)})
	}
	normal := func(t time.Time) bool {
		for _, p := range ps {
			if p.in(t) {
				return false
			}
		}
		return true
	}
	return append([]period{{"normal", normal}}, ps...), nil
}

// parseClockFlag reads a clock time HH:MM from 00:00 to maxHour:00; above
// 24:00 means the next day (30:00 = 06:00).
func parseClockFlag(name, s string, maxHour int) (time.Duration, error) {
	d, err := clock.Parse(s, maxHour)
	if err != nil {
		want := "a clock time HH:MM"
		if maxHour > 24 {
			want = fmt.Sprintf("a clock time HH:MM, up to %d:00 (30:00 = 06:00 the next day)", maxHour)
		}
		return 0, usageError(fmt.Errorf("--%s %q: want %s", name, s, want))
	}
	return d, nil
}

var weekdayNames = map[string]time.Weekday{"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday, "thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday}

func hoursSettings(c *cli.Context) (hours.Settings, error) {
	target, err := readTarget(c)
	if err != nil {
		return hours.Settings{}, err
	}
	s := hours.Settings{AHT: c.Duration("aht"), Patience: c.Duration("patience"), Target: target, Shrinkage: c.Float64("shrinkage"),
		MinAgents: c.Int("min-agents"), SameWeekdays: c.Bool("same-weekdays"), Displaced: c.Float64("displaced"),
		CostPerAgentHour: c.Float64("cost-per-agent-hour"), ValuePerOrder: c.Float64("value-per-order"), ValuePerContact: c.Float64("value-per-contact")}
	if s.AHT == 0 {
		s.AHT = 4 * time.Minute
	}
	if s.CostPerAgentHour > 0 || s.ValuePerOrder > 0 || s.ValuePerContact > 0 {
		s.Objective = hours.Profit
	}
	if b := c.String("budget"); b != "" {
		d, err := time.ParseDuration(b)
		if err != nil {
			var v float64
			if _, err2 := fmt.Sscanf(b, "%g", &v); err2 != nil {
				return s, usageError(fmt.Errorf("--budget %q: want agent-hours per week such as 230h", b))
			}
			d = time.Duration(v * float64(time.Hour))
		}
		s.Budget = d.Hours()
	}
	for _, f := range []struct {
		name string
		dst  *time.Duration
	}{{"min-open", &s.MinOpen}, {"max-open", &s.MaxOpen}} {
		if *f.dst, err = parseSpan(f.name, c.String(f.name)); err != nil {
			return s, err
		}
	}
	if s.Earliest, err = parseClockFlag("earliest", c.String("earliest"), 24); err != nil {
		return s, err
	}
	if s.Latest, err = parseClockFlag("latest", c.String("latest"), 24); err != nil {
		return s, err
	}
	if days := c.String("closed-ok"); days != "" {
		for _, d := range strings.Split(days, ",") {
			wd, ok := weekdayNames[strings.ToLower(strings.TrimSpace(d))[:min(3, len(strings.TrimSpace(d)))]]
			if !ok {
				return s, usageError(fmt.Errorf("--closed-ok %q: unknown day %q; want Mon, Tue, ..., Sun", days, d))
			}
			s.ClosedOK[wd] = true
		}
	}
	return s, nil
}

func runHours(c *cli.Context, path string, isPlan bool) error {
	out, err := newOutput(c, formatTable, formatJSON, formatCSV)
	if err != nil {
		return err
	}
	s, err := hoursSettings(c)
	if err != nil {
		return err
	}
	current, err := staffing.ParseOpeningHours(c.String("current"))
	if err != nil {
		return usageError(fmt.Errorf("--current: %w", err))
	}
	periods, err := parsePeriods(c.StringSlice("period"))
	if err != nil {
		return err
	}
	if isPlan && !c.IsSet("period") {
		periods, _ = parsePeriods([]string{"christmas=12-01..12-23"})
	}
	step, err := parseSpan("step", c.String("step"))
	if err != nil {
		return err
	}
	fromForecast := isPlan && c.String("demand-from") == "forecast"
	if isPlan && !fromForecast && c.String("demand-from") != "history" {
		return usageError(fmt.Errorf("--demand-from %q: want forecast or history", c.String("demand-from")))
	}
	series, err := demandSeries(c, path, isPlan, !fromForecast)
	if err != nil {
		return err
	}
	if fromForecast {
		if series, err = forecastDemand(c, series); err != nil {
			return err
		}
	}
	orders := series.Column(c.String("orders-column"))
	calls := series.Column(c.String("calls-column"))
	if orders == nil || calls == nil {
		return inputError(fmt.Errorf("the demand needs columns %q and %q (set --orders-column and --calls-column); it has %s",
			c.String("orders-column"), c.String("calls-column"), columnNames(series)))
	}
	if series.Step > step || step%series.Step != 0 {
		return usageError(fmt.Errorf("--step %v: want a multiple of the demand's interval %v", step, series.Step))
	}
	chats := series.Column(c.String("chats-column"))
	res := hoursResult{Optimal: true}
	var panels []*plot.Plot
	for _, p := range periods {
		w, err := hours.Profile(series.Start, step, orders, calls, chats, p.in, hours.Statistic{Quantile: c.Float64("quantile")})
		if err != nil {
			if p.name != "normal" {
				fmt.Fprintf(c.App.ErrWriter, "period %s: no demand in the data; skipped\n", p.name)
				continue
			}
			return inputError(err)
		}
		ps := s
		cur, err := hours.Evaluate(&w, ps, current)
		if err != nil {
			return usageError(flagNames(err))
		}
		if ps.Budget == 0 && ps.Objective == hours.CoverOrders {
			ps.Budget = cur.AgentHours // what today's hours cost
		}
		plan, err := hours.Recommend(&w, ps)
		if err != nil {
			if errors.Is(err, hours.ErrInfeasible) {
				return unreachableError(fmt.Errorf("period %s: %w", p.name, err))
			}
			return usageError(flagNames(err))
		}
		marg, err := hours.Marginals(&w, ps, plan)
		if err != nil {
			return err
		}
		pr := periodResult{Name: p.name, Weeks: w.Weeks, Budget: ps.Budget, plan: plan, current: cur, marginals: marg, week: &w}
		if share := c.Float64("callbacks"); share > 0 {
			if pr.callbacks, err = hours.CallbackLoad(&w, ps, plan, share, c.Duration("callback-within")); err != nil {
				return err
			}
		}
		res.add(pr)
		pan, err := chart.HeatMap(fmt.Sprintf("orders per hour, %s (mean week); boxes: recommended hours", p.name), w.Orders, step, plan.Hours())
		if err != nil {
			return err
		}
		panels = append(panels, pan)
	}
	if f := c.String("chart"); f != "" {
		format, err := chart.FormatFromPath(f)
		if err != nil {
			return usageError(fmt.Errorf("--chart: %w", err))
		}
		if err := data.WriteFileAtomic(f, func(w io.Writer) error { return chart.Write(w, format, 9*vg.Inch, 3.2*vg.Inch, panels...) }); err != nil {
			return err
		}
	}
	return out.write(c.App.Writer, func(w io.Writer) error { return res.write(w, out.format, current) })
}

// forecastDemand forecasts the 52 weeks after the history with the
// regression model (the one with yearly seasonality and retail events,
// so that the coming Christmas rush is in the plan), for the orders,
// calls and chats columns. Hours whose calls history never saw (the line
// was closed) stay unknown (NaN), as in the history.
func forecastDemand(c *cli.Context, s *data.Series) (*data.Series, error) {
	horizon := int(364 * 24 * time.Hour / s.Step)
	until := s.Start[len(s.Start)-1].Add(time.Duration(horizon+48) * s.Step)
	opt, err := forecastOptions(c, s, until)
	if err != nil {
		return nil, err
	}
	opt.Model = forecast.Regression
	out := &data.Series{Step: s.Step}
	for _, name := range []string{c.String("orders-column"), c.String("calls-column"), c.String("chats-column")} {
		y := s.Column(name)
		if y == nil {
			continue
		}
		res, err := forecast.Forecast(s.Start, y, s.Step, horizon, opt)
		if err != nil {
			return nil, inputError(fmt.Errorf("forecasting %s: %w", name, err))
		}
		for _, w := range res.Warnings {
			fmt.Fprintf(c.App.ErrWriter, "forecasting %s: warning: %v\n", name, w)
		}
		out.Start = res.Start
		point := res.Point
		if name == c.String("calls-column") {
			seen := map[int]bool{}
			for i, t := range s.Start {
				if !math.IsNaN(y[i]) {
					seen[weekSlot(t, s.Step)] = true
				}
			}
			for i, t := range res.Start {
				if !seen[weekSlot(t, s.Step)] {
					point[i] = math.NaN()
				}
			}
		}
		out.Columns = append(out.Columns, data.Column{Name: name, Float: point})
	}
	fmt.Fprintf(c.App.ErrWriter, "planning on a forecast of the 52 weeks after the history (%s to %s, regression model); --demand-from history plans on the history itself\n",
		out.Start[0].Format("2006-01-02"), out.Start[len(out.Start)-1].Format("2006-01-02"))
	return out, nil
}

func weekSlot(t time.Time, step time.Duration) int {
	return int(t.Weekday())*int(24*time.Hour/step) + int(clock.Of(t)/step)
}

// demandSeries reads the demand, or the embedded sample (its last 52
// weeks when lastYear is set).
func demandSeries(c *cli.Context, path string, isPlan, lastYear bool) (*data.Series, error) {
	if path != "" {
		ro, err := readOptions(c)
		if err != nil {
			return nil, err
		}
		s, err := data.ReadSeriesFile(path, data.SeriesOptions{ReadOptions: ro, FillGaps: data.GapError})
		if err != nil {
			return nil, inputError(err)
		}
		return s, nil
	}
	s, err := data.Sample()
	if err != nil {
		return nil, err
	}
	flag := map[bool]string{true: "history", false: "demand"}[isPlan]
	if !lastYear {
		sampleNote(c, flag, "hourly orders, calls, chats and emails, Europe/Stockholm, 2023-2025")
		return s, nil
	}
	// The last 52 weeks: the coming year is planned from the last one.
	end := s.Start[len(s.Start)-1].Add(s.Step)
	from := end.AddDate(0, 0, -364)
	i := 0
	for i < len(s.Start) && s.Start[i].Before(from) {
		i++
	}
	last := &data.Series{Start: s.Start[i:], Step: s.Step}
	for _, col := range s.Columns {
		last.Columns = append(last.Columns, data.Column{Name: col.Name, Float: col.Float[i:]})
	}
	fmt.Fprintf(c.App.ErrWriter, "no --%s: planning on the embedded sample's last 52 weeks (%s to %s), Europe/Stockholm\n",
		flag, last.Start[0].Format("2006-01-02"), end.AddDate(0, 0, -1).Format("2006-01-02"))
	return last, nil
}

func columnNames(s *data.Series) string {
	var n []string
	for _, c := range s.Columns {
		n = append(n, fmt.Sprintf("%q", c.Name))
	}
	return strings.Join(n, ", ")
}

type periodResult struct {
	Name      string
	Weeks     int
	Budget    float64
	plan      *hours.Plan
	current   *hours.Plan
	marginals []hours.Marginal
	callbacks [7][]float64
	week      *hours.Week
}

type hoursResult struct {
	periods []periodResult
	Optimal bool
}

func (r *hoursResult) add(p periodResult) {
	r.periods = append(r.periods, p)
	r.Optimal = r.Optimal && p.plan.Optimal
}

// totals weighs each period's weekly plan by its weeks of data.
func (r *hoursResult) totals(current bool) (orders, calls, agentHours float64) {
	var o, oAll, cl, cAll, ah, weeks float64
	for _, p := range r.periods {
		pl := p.plan
		if current {
			pl = p.current
		}
		wk := float64(p.Weeks)
		o += wk * pl.Orders
		oAll += wk * pl.OrdersAll
		cl += wk * pl.Calls
		cAll += wk * pl.CallsAll
		ah += wk * pl.AgentHours
		weeks += wk
	}
	return o / oAll, cl / cAll, ah / weeks
}

var weekOrder = []time.Weekday{1, 2, 3, 4, 5, 6, 0}

func hhmm(d time.Duration) string { return clock.Format(d) }

func round(v float64, digits int) float64 {
	p := math.Pow(10, float64(digits))
	return math.Round(v*p) / p
}

func (r *hoursResult) write(w io.Writer, format string, current staffing.OpeningHours) error {
	switch format {
	case formatJSON:
		return writeJSON(w, r.json())
	case formatCSV:
		g := grid{header: []string{"period", "weekday", "closed", "open", "close", "orders_covered", "contacts_answered", "agent_hours", "current_open", "current_close", "current_orders_covered", "current_agent_hours"}}
		for _, p := range r.periods {
			for _, d := range weekOrder {
				day, cur := p.plan.Days[d], p.current.Days[d]
				open, close, copen, cclose := "", "", "", ""
				if !day.Closed {
					open, close = hhmm(day.Open), hhmm(day.Close)
				}
				if !cur.Closed {
					copen, cclose = hhmm(cur.Open), hhmm(cur.Close)
				}
				g.rows = append(g.rows, []any{p.Name, d.String(), day.Closed, open, close, shareOf(day.Orders, day.OrdersTotal), shareOf(day.Calls, day.CallsTotal), day.AgentHours,
					copen, cclose, shareOf(cur.Orders, cur.OrdersTotal), cur.AgentHours})
			}
		}
		return output{format: formatCSV}.writeGrid(w, g, false)
	}
	return r.text(w, current)
}

func shareOf(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

func (r *hoursResult) json() any {
	type day struct {
		Weekday          string    `json:"weekday"`
		Closed           bool      `json:"closed,omitempty"`
		Open             string    `json:"open,omitempty"`
		Close            string    `json:"close,omitempty"`
		OrdersCovered    float64   `json:"orders_covered"`
		ContactsAnswered float64   `json:"contacts_answered"`
		AgentHours       float64   `json:"agent_hours"`
		ReturningCallers float64   `json:"returning_callers,omitempty"`
		CallbackAgents   []float64 `json:"callback_agents,omitempty"`
	}
	type marginal struct {
		Weekday     string  `json:"weekday"`
		Edge        string  `json:"edge"`
		From        string  `json:"from"`
		To          string  `json:"to"`
		OrdersShare float64 `json:"orders_share"`
		AgentHours  float64 `json:"agent_hours"`
	}
	type current struct {
		OrdersCovered    float64 `json:"orders_covered"`
		ContactsAnswered float64 `json:"contacts_answered"`
		AgentHours       float64 `json:"agent_hours"`
	}
	type per struct {
		Name             string     `json:"name"`
		Weeks            int        `json:"weeks"`
		Budget           float64    `json:"budget_agent_hours"`
		Days             []day      `json:"days"`
		OrdersCovered    float64    `json:"orders_covered"`
		ContactsAnswered float64    `json:"contacts_answered"`
		AgentHours       float64    `json:"agent_hours"`
		Current          current    `json:"current"`
		Marginals        []marginal `json:"marginals"`
	}
	var ps []per
	for _, p := range r.periods {
		pp := per{Name: p.Name, Weeks: p.Weeks, Budget: p.Budget, OrdersCovered: round(p.plan.OrdersCovered(), 4), ContactsAnswered: round(p.plan.CallsAnswered(), 4), AgentHours: round(p.plan.AgentHours, 2),
			Current: current{round(p.current.OrdersCovered(), 4), round(p.current.CallsAnswered(), 4), round(p.current.AgentHours, 2)}}
		for _, d := range weekOrder {
			dd := p.plan.Days[d]
			jd := day{Weekday: d.String(), Closed: dd.Closed, OrdersCovered: round(shareOf(dd.Orders, dd.OrdersTotal), 4), ContactsAnswered: round(shareOf(dd.Calls, dd.CallsTotal), 4), AgentHours: round(dd.AgentHours, 2), ReturningCallers: round(dd.Returning, 2)}
			if !dd.Closed {
				jd.Open, jd.Close = hhmm(dd.Open), hhmm(dd.Close)
			}
			for _, a := range p.callbacks[d] {
				jd.CallbackAgents = append(jd.CallbackAgents, round(a, 3))
			}
			pp.Days = append(pp.Days, jd)
		}
		for _, m := range p.marginals {
			pp.Marginals = append(pp.Marginals, marginal{m.Weekday.String(), m.Edge, hhmm(m.From), hhmm(m.To), round(m.OrdersShare, 4), round(m.AgentHours, 2)})
		}
		ps = append(ps, pp)
	}
	o, c, ah := r.totals(false)
	return struct {
		Periods          []per   `json:"periods"`
		OrdersCovered    float64 `json:"orders_covered"`
		ContactsAnswered float64 `json:"contacts_answered"`
		AgentHours       float64 `json:"agent_hours"`
		Optimal          bool    `json:"optimal"`
	}{ps, round(o, 4), round(c, 4), round(ah, 2), r.Optimal}
}

func pct(v float64) string { return fmt.Sprintf("%.1f%%", 100*v) }

func agentHours(h float64) string {
	if h == 1 {
		return "1 agent-hour"
	}
	return fmt.Sprintf("%.0f agent-hours", h)
}

func (r *hoursResult) text(w io.Writer, current staffing.OpeningHours) error {
	for _, p := range r.periods {
		fmt.Fprintf(w, "Period %s (%d weeks of demand), budget %.0f agent-hours per week\n", p.Name, p.Weeks, p.Budget)
		var rows [][]string
		for _, d := range weekOrder {
			day, cur := p.plan.Days[d], p.current.Days[d]
			hoursText, curText := "closed", "closed"
			if !day.Closed {
				hoursText = hhmm(day.Open) + "-" + hhmm(day.Close)
			}
			if !cur.Closed {
				curText = hhmm(cur.Open) + "-" + hhmm(cur.Close)
			}
			cb := ""
			if len(p.callbacks[d]) > 0 {
				cb = fmt.Sprintf("%.1f", p.callbacks[d][0])
			}
			rows = append(rows, []string{d.String()[:3], hoursText, pct(shareOf(day.Orders, day.OrdersTotal)), pct(shareOf(day.Calls, day.CallsTotal)), fmt.Sprintf("%.0f", day.AgentHours),
				curText, pct(shareOf(cur.Orders, cur.OrdersTotal)), fmt.Sprintf("%.0f", cur.AgentHours), cb})
		}
		rows = append(rows, []string{"week", "", pct(p.plan.OrdersCovered()), pct(p.plan.CallsAnswered()), fmt.Sprintf("%.0f", p.plan.AgentHours),
			"", pct(p.current.OrdersCovered()), fmt.Sprintf("%.0f", p.current.AgentHours), ""})
		header := []string{"day", "recommended", "orders covered", "calls in target", "agent-hours", "current", "orders covered", "agent-hours", "callback agents at opening"}
		if len(p.callbacks[time.Monday]) == 0 && len(p.callbacks[time.Saturday]) == 0 {
			header = header[:8]
			for i := range rows {
				rows[i] = rows[i][:8]
			}
		}
		if err := texttab.Write(w, header, rows); err != nil {
			return err
		}
		// The edges most worth a look: the best extensions per agent-hour
		// and the cheapest cuts.
		ms := append([]hours.Marginal(nil), p.marginals...)
		sort.SliceStable(ms, func(i, j int) bool {
			return ms[i].OrdersShare/math.Max(math.Abs(ms[i].AgentHours), 0.5) > ms[j].OrdersShare/math.Max(math.Abs(ms[j].AgentHours), 0.5)
		})
		shown := 0
		for _, m := range ms {
			if m.Orders <= 0 || shown == 3 {
				continue
			}
			shown++
			fmt.Fprintf(w, "  staying open %s-%s on %ss (%s) covers %s more of that day's orders for %s\n",
				hhmm(m.From), hhmm(m.To), m.Weekday, p.Name, pct(m.OrdersShare), agentHours(m.AgentHours))
		}
		sort.SliceStable(ms, func(i, j int) bool { return ms[i].OrdersShare > ms[j].OrdersShare })
		for _, m := range ms {
			if m.Orders < 0 && m.AgentHours < 0 {
				fmt.Fprintf(w, "  closing %s-%s on %ss (%s) loses %s of that day's orders and saves %s\n",
					hhmm(m.From), hhmm(m.To), m.Weekday, p.Name, pct(-m.OrdersShare), agentHours(-m.AgentHours))
				break
			}
		}
		fmt.Fprintf(w, "  outside the recommended hours: %s of orders, %s of calls, %s of chats\n\n",
			pct(1-p.plan.OrdersCovered()), pct(p.plan.CallsOutside()), pct(1-shareOf(p.plan.Chats, p.plan.ChatsAll)))
	}
	o, c, ah := r.totals(false)
	co, cc, cah := r.totals(true)
	opt := "optimal (exact dynamic programme)"
	if !r.Optimal {
		opt = "not proven optimal"
	}
	fmt.Fprintf(w, "Recommended: %s of orders placed while the phones are open, %s of calls answered within target, %.0f agent-hours a week on average; %s.\n", pct(o), pct(c), ah, opt)
	fmt.Fprintf(w, "Current (%s): %s of orders, %s of calls, %.0f agent-hours a week.\n", current, pct(co), pct(cc), cah)
	return nil
}
