package render

import (
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/staffcast/staffcast/clock"
	"github.com/staffcast/staffcast/cmd/staffcast/internal/texttab"
	"github.com/staffcast/staffcast/plan"
	"github.com/staffcast/staffcast/staffing/hours"
)

var weekOrder = []time.Weekday{1, 2, 3, 4, 5, 6, 0}

func round(v float64, digits int) float64 {
	p := math.Pow(10, float64(digits))
	return math.Round(v*p) / p
}

func shareOf(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

func pct(v float64) string { return fmt.Sprintf("%.1f%%", 100*v) }

func window(d hours.Day) (string, string) {
	if d.Closed {
		return "", ""
	}
	return clock.Format(d.Open), clock.Format(d.Close)
}

func windowText(d hours.Day) string {
	if d.Closed {
		return "closed"
	}
	return clock.Format(d.Open) + "-" + clock.Format(d.Close)
}

func hasPremiums(opt plan.Options) bool { return opt.Premiums.Spec != "" }

// Assumptions lists what the plan assumed, as name and value.
func Assumptions(res *plan.Result, opt plan.Options) [][2]string {
	a := res.Assumptions
	target := fmt.Sprintf("%.0f/%.0f", 100*a.Target.ServiceLevel, a.Target.AnswerWithin.Seconds())
	closed := map[string]string{
		hours.FromAttempts: fmt.Sprintf("attempts: the attempts logged while closed over %.2g attempts per caller; band: low assumes 25%% more repeats, high one caller per attempt", a.RepeatAttempts),
		hours.FromChats:    "chats: calls per chat by weekday and hour where both were seen (first open hour capped at the next one's: displaced callers); band: 0.75-1.25x in hours seen open on other days, 0.25-1.5x in hours never open",
		hours.FromOrders:   "orders: calls per order by weekday and hour where both were seen (first open hour capped at the next one's: displaced callers); band: 0.75-1.25x in hours seen open on other days, 0.25-1.5x in hours never open",
	}[a.ClosedHour]
	budget := "what today's hours cost in each period"
	asToday := "as today"
	if opt.Settings.Objective == hours.Profit {
		// Value minus cost needs no cap: a period given no budget has none.
		budget, asToday = "none (value minus cost decides the hours)", "none"
	}
	if opt.Budget > 0 {
		budget = fmt.Sprintf("%g agent-hours a week in every period", opt.Budget)
	}
	if opt.Budgets != nil {
		var parts []string
		for _, p := range res.Periods {
			if b, ok := opt.BudgetFor(p.Name); ok {
				parts = append(parts, fmt.Sprintf("%s %g", p.Name, b))
			} else {
				parts = append(parts, p.Name+" "+asToday)
			}
		}
		budget = strings.Join(parts, ", ") + " agent-hours a week"
	}
	if a.Callbacks > 0 {
		budget += fmt.Sprintf(", callbacks (%.0f%% of closed-hour callers) inside it", 100*a.Callbacks)
	}
	if a.BudgetCovers != "" {
		budget += "; one budget for all channels: " + a.BudgetCovers + " (today's cost: chat and email in their own hours, else in today's phone hours; --budget values are totals); the phone's hours are chosen within what the others leave under those hours"
	}
	premiums := "none"
	if a.Premiums != "" {
		premiums = a.Premiums + " (cost in premium-weighted agent-hours)"
	}
	model := "Erlang C"
	if opt.Settings.Patience > 0 {
		model = fmt.Sprintf("Erlang A, patience %v", opt.Settings.Patience)
	}
	return [][2]string{
		{"aht", fmt.Sprintf("%v (%s)", a.AHT, model)},
		{"target", fmt.Sprintf("%s, service level over %v calls", target, a.Target.SLBase)},
		{"shrinkage", fmt.Sprintf("%.0f%%", 100*a.Shrinkage)},
		{"min_agents", fmt.Sprint(a.MinAgents)},
		{"objective", objectiveText(a.Objective)},
		{"demand", a.Demand},
		{"closed_hour_calls", closed},
		{"budget", budget},
		{"premiums", premiums},
	}
}

func objectiveText(o hours.Objective) string {
	switch o {
	case hours.CallsThenOrders:
		return "calls-then-orders: answer at least as many calls within target as today (estimated calls at the low end), then cover the most orders; among the plans within 0.5% of the best the most regular wins: fewest distinct windows, then Monday-Friday alike, then fewest agent-hours"
	case hours.CoverOrders:
		return "orders: cover the most orders within the budget"
	case hours.CoverCalls:
		return "calls: answer the most calls within target within the budget"
	}
	return "value: value of orders and answered calls minus labour cost"
}

// Plan writes the plan in format: JSON, CSV (the assumptions as # lines,
// then one row per period and weekday) or the terminal text.
func Plan(w io.Writer, format string, res *plan.Result, opt plan.Options, reqOut string) error {
	switch format {
	case FormatJSON:
		return JSON(w, planJSON(res, opt))
	case FormatCSV:
		for _, a := range Assumptions(res, opt) {
			fmt.Fprintf(w, "# %s: %s\n", a[0], a[1])
		}
		planChannelsCSV(w, res) // plan_channels.go
		g := Grid{Header: []string{"period", "weekday", "open", "close", "orders_covered", "calls_reachable", "calls_answered", "agent_hours", "cost",
			"current_open", "current_close", "current_orders_covered", "current_calls_answered", "current_agent_hours"}}
		for _, p := range res.Periods {
			for _, d := range weekOrder {
				day, cur := p.Plan.Days[d], p.Current.Days[d]
				open, close := window(day)
				copen, cclose := window(cur)
				g.Rows = append(g.Rows, []any{p.Name, d.String(), open, close, round(day.OrdersCovered(), 4), round(day.CallsReach(), 4),
					round(day.CallsAnswered(), 4), round(day.AgentHours, 2), round(day.Cost, 2),
					copen, cclose, round(cur.OrdersCovered(), 4), round(cur.CallsAnswered(), 4), round(cur.AgentHours, 2)})
			}
		}
		return WriteGrid(w, FormatCSV, g, false)
	}
	if err := planText(w, res, opt, reqOut); err != nil {
		return err
	}
	return planChannelsText(w, res, opt) // plan_channels.go
}

type jsonCurrent struct {
	Open          string  `json:"open,omitempty"`
	Close         string  `json:"close,omitempty"`
	OrdersCovered float64 `json:"orders_covered"`
	CallsReach    float64 `json:"calls_reachable"`
	CallsAnswered float64 `json:"calls_answered"`
	AgentHours    float64 `json:"agent_hours"`
	Cost          float64 `json:"cost,omitempty"`
}

// jsonDay is a recommended day: its figures (the fields of jsonCurrent,
// inlined) and today's beside them.
type jsonDay struct {
	Weekday string `json:"weekday"`
	Closed  bool   `json:"closed,omitempty"`
	jsonCurrent
	CallbackAgents []float64   `json:"callback_agents,omitempty"`
	Current        jsonCurrent `json:"current"`
}

func dayFigures(d hours.Day, withCost bool) jsonCurrent {
	c := jsonCurrent{OrdersCovered: round(d.OrdersCovered(), 4), CallsReach: round(d.CallsReach(), 4),
		CallsAnswered: round(d.CallsAnswered(), 4), AgentHours: round(d.AgentHours, 2)}
	c.Open, c.Close = window(d)
	if withCost {
		c.Cost = round(d.Cost, 2)
	}
	return c
}

func planFigures(p *hours.Plan, withCost bool) jsonCurrent {
	c := jsonCurrent{OrdersCovered: round(p.OrdersCovered(), 4), CallsReach: round(1-p.CallsOutside(), 4), CallsAnswered: round(p.CallsAnswered(), 4), AgentHours: round(p.AgentHours, 2)}
	if withCost {
		c.Cost = round(p.Cost, 2)
	}
	return c
}

func totalFigures(t plan.Totals, withCost bool) jsonCurrent {
	c := jsonCurrent{OrdersCovered: round(t.OrdersCovered, 4), CallsReach: round(t.CallsReachable, 4), CallsAnswered: round(t.CallsAnswered, 4), AgentHours: round(t.AgentHours, 2)}
	if withCost {
		c.Cost = round(t.Cost, 2)
	}
	return c
}

// hoursText writes a week of hours compactly: consecutive days with
// the same window together ("Mon-Fri 08:00-17:00, Sat-Sun closed").
func hoursText(p *hours.Plan) string {
	var parts []string
	for i := 0; i < len(weekOrder); {
		j := i
		for j+1 < len(weekOrder) && windowText(p.Days[weekOrder[j+1]]) == windowText(p.Days[weekOrder[i]]) {
			j++
		}
		days := weekOrder[i].String()[:3]
		if j > i {
			days += "-" + weekOrder[j].String()[:3]
		}
		parts = append(parts, days+" "+windowText(p.Days[weekOrder[i]]))
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

func planJSON(res *plan.Result, opt plan.Options) any {
	withCost := hasPremiums(opt)
	a := res.Assumptions
	as := map[string]any{
		"aht_seconds": a.AHT.Seconds(), "target": fmt.Sprintf("%.0f/%.0f", 100*a.Target.ServiceLevel, a.Target.AnswerWithin.Seconds()),
		"sl_definition": a.Target.SLBase.String(), "shrinkage": a.Shrinkage, "min_agents": a.MinAgents, "objective": a.Objective.String(),
		"closed_hour_calls": a.ClosedHour, "demand": a.Demand, "premiums": a.Premiums,
	}
	for _, kv := range Assumptions(res, opt) {
		if kv[0] == "budget" {
			as["budget"] = kv[1]
		}
	}
	if a.ClosedHour == hours.FromAttempts {
		as["repeat_attempts"] = a.RepeatAttempts
	}
	type alt struct {
		Hours    string `json:"hours"`
		Windows  int    `json:"windows"`
		Weekdays int    `json:"weekday_patterns"`
		jsonCurrent
	}
	type best struct {
		alt
		Gain float64 `json:"gain"` // share more of the objective than the recommendation
	}
	type period struct {
		Name         string      `json:"name"`
		Weeks        float64     `json:"weeks"`
		Budget       float64     `json:"budget_agent_hours"`
		FloorCalls   float64     `json:"floor_calls,omitempty"`
		Days         []jsonDay   `json:"days"`
		Figures      jsonCurrent `json:"recommended"`
		Current      jsonCurrent `json:"current"`
		Sensitive    bool        `json:"changes_within_band"`
		Windows      int         `json:"windows"`
		Weekdays     int         `json:"weekday_patterns"`
		NearTies     int         `json:"near_ties"`
		Best         *best       `json:"best,omitempty"`
		Alternatives []alt       `json:"alternatives,omitempty"`
	}
	altOf := func(q *hours.Plan) alt { return alt{hoursText(q), q.Windows, q.Weekdays, planFigures(q, withCost)} }
	var ps []period
	for _, p := range res.Periods {
		pp := period{Name: p.Name, Weeks: round(p.Weeks, 2), Budget: round(p.Budget, 2), FloorCalls: round(p.Floor, 1), Figures: planFigures(p.Plan, withCost),
			Current: planFigures(p.Current, withCost), Sensitive: p.Sensitive, Windows: p.Plan.Windows, Weekdays: p.Plan.Weekdays, NearTies: p.Plan.NearTies}
		if b := p.Plan.Best; b != nil {
			pp.Best = &best{altOf(b), round(b.Value/p.Plan.Value-1, 5)}
		}
		for _, d := range weekOrder {
			day := p.Plan.Days[d]
			jd := jsonDay{Weekday: d.String(), Closed: day.Closed, jsonCurrent: dayFigures(day, withCost), Current: dayFigures(p.Current.Days[d], withCost)}
			for _, a := range p.Callbacks[d] {
				jd.CallbackAgents = append(jd.CallbackAgents, round(a, 3))
			}
			pp.Days = append(pp.Days, jd)
		}
		for _, q := range p.Plan.Alternatives {
			pp.Alternatives = append(pp.Alternatives, altOf(q))
		}
		ps = append(ps, pp)
	}
	type point struct {
		Budget float64 `json:"budget_agent_hours"`
		Step   float64 `json:"step"`
		jsonCurrent
		TodaysCallers float64           `json:"todays_callers_reachable"`
		Hours         map[string]string `json:"hours"`
		Windows       map[string]int    `json:"windows"`
		// BestHours are the best plan's hours where the frontier point
		// took a more regular near-tie.
		BestHours map[string]string `json:"best_hours,omitempty"`
	}
	var fr []point
	for _, f := range res.Frontier {
		h, n, bh := map[string]string{}, map[string]int{}, map[string]string{}
		for i, p := range f.Plans {
			h[res.Periods[i].Name] = hoursText(p)
			n[res.Periods[i].Name] = p.Windows
			if p.Best != nil {
				bh[res.Periods[i].Name] = hoursText(p.Best)
			}
		}
		if len(bh) == 0 {
			bh = nil
		}
		fr = append(fr, point{round(f.Totals.Budget, 2), f.Step, totalFigures(f.Totals, withCost), round(f.Totals.TodaysCallers, 4), h, n, bh})
	}
	type peak struct {
		Period     string  `json:"period"`
		Hours      string  `json:"hours"`
		AgentHours float64 `json:"agent_hours"`
		Orders     float64 `json:"orders"`
		Covered    bool    `json:"covered"`
		ExtraHours float64 `json:"stretch_agent_hours"`
		ExtraOrd   float64 `json:"stretch_orders"`
	}
	var pk []peak
	for _, p := range res.Peak {
		pk = append(pk, peak{p.Period, clock.Format(p.From) + "-" + clock.Format(p.To), round(p.AgentHours, 2), math.Round(p.Orders), p.Covered, round(p.ExtraAgentHours, 2), math.Round(p.ExtraOrders)})
	}
	t := totalFigures(res.Recommended, withCost)
	return struct {
		Assumptions map[string]any `json:"assumptions"`
		Periods     []period       `json:"periods"`
		jsonCurrent
		Current  jsonCurrent `json:"current"`
		Frontier []point     `json:"frontier"`
		Peak     []peak      `json:"peak"`
		Optimal  bool        `json:"optimal"`

		Channels *jsonChannels `json:"channels,omitempty"` // plan_channels.go
	}{as, ps, t, totalFigures(res.Current, withCost), fr, pk, res.Optimal, planChannelsJSON(res)}
}

func planText(w io.Writer, res *plan.Result, opt plan.Options, reqOut string) error {
	withCost := hasPremiums(opt)
	fmt.Fprintln(w, "Assumptions")
	for _, a := range Assumptions(res, opt) {
		fmt.Fprintf(w, "  %-18s %s\n", a[0]+":", a[1])
	}
	fmt.Fprintln(w, "\nColumns: orders_covered = share of the day's orders placed while open; calls_reachable = share of the")
	fmt.Fprintln(w, "day's calls arriving while open; calls_answered = share answered within target; agent_hours = scheduled")
	fmt.Fprint(w, "agent-hours")
	if withCost {
		fmt.Fprint(w, "; cost = agent-hours weighted by their premiums")
	}
	fmt.Fprintln(w, ".")
	for _, p := range res.Periods {
		if p.Budget > 0 {
			fmt.Fprintf(w, "\nPeriod %s (%.1f weeks of demand), budget %.0f agent-hours a week", p.Name, p.Weeks, p.Budget)
		} else {
			fmt.Fprintf(w, "\nPeriod %s (%.1f weeks of demand), no budget", p.Name, p.Weeks)
		}
		if len(p.Others) > 0 {
			fmt.Fprintf(w, " for %s (the phone's columns below)", res.Assumptions.BudgetCovers)
		}
		if opt.Settings.Objective == hours.CallsThenOrders {
			fmt.Fprintf(w, ", floor %.0f calls a week answered within target", p.Floor)
		}
		fmt.Fprintln(w)
		header := []string{"day", "recommended", "orders_covered", "calls_reachable", "calls_answered", "agent_hours", "today", "orders_covered", "calls_answered", "agent_hours"}
		if withCost {
			header = append(header, "cost", "cost today")
		}
		var rows [][]string
		row := func(name, rec, today string, r, c jsonCurrent) []string {
			out := []string{name, rec, pct(r.OrdersCovered), pct(r.CallsReach), pct(r.CallsAnswered), fmt.Sprintf("%.0f", r.AgentHours),
				today, pct(c.OrdersCovered), pct(c.CallsAnswered), fmt.Sprintf("%.0f", c.AgentHours)}
			if withCost {
				out = append(out, fmt.Sprintf("%.0f", r.Cost), fmt.Sprintf("%.0f", c.Cost))
			}
			return out
		}
		for _, d := range weekOrder {
			day, cur := p.Plan.Days[d], p.Current.Days[d]
			rows = append(rows, row(d.String()[:3], windowText(day), windowText(cur), dayFigures(day, true), dayFigures(cur, true)))
		}
		rows = append(rows, row("week", "", "", planFigures(p.Plan, true), planFigures(p.Current, true)))
		if err := texttab.Write(w, header, rows); err != nil {
			return err
		}
		fmt.Fprintf(w, "  %s\n", choiceText(p.Plan, opt.Settings.Objective))
		for _, q := range p.Plan.Alternatives {
			fmt.Fprintf(w, "    %s: orders_covered %s, calls_answered %s, %.0f agent-hours, %s\n", hoursText(q), pct(q.OrdersCovered()), pct(q.CallsAnswered()), q.AgentHours, regularity(q))
		}
		if p.Sensitive {
			fmt.Fprintf(w, "  the hours depend on the closed-hour estimate: at its low end they would be %s; at its high end %s\n", altHours(p.Low, p.Plan), altHours(p.High, p.Plan))
		} else {
			fmt.Fprintln(w, "  the hours stay the same with closed-hour calls anywhere in their estimated band")
		}
		for _, m := range hours.BestExtensions(p.Marginals, 2) {
			fmt.Fprintf(w, "  staying open %s-%s on %ss covers %s more of that day's orders for %.0f agent-hours\n", clock.Format(m.From), clock.Format(m.To), m.Weekday, pct(m.OrdersShare), m.AgentHours)
		}
		outside := fmt.Sprintf("  outside the recommended hours: %s of orders, %s of calls", pct(1-p.Plan.OrdersCovered()), pct(p.Plan.CallsOutside()))
		if p.Week.HasChats {
			outside += fmt.Sprintf(", %s of chats", pct(1-p.Plan.ChatsCovered()))
		}
		fmt.Fprintln(w, outside)
	}
	r, c := res.Recommended, res.Current
	same := true
	for _, p := range res.Periods {
		same = same && p.Plan.Hours() == p.Current.Hours()
	}
	if same {
		fmt.Fprintf(w, "\nRecommended: keep today's hours (%s of orders covered, %s of calls answered, %.0f agent-hours a week): no other hours answer as many calls for the budget.\n",
			pct(c.OrdersCovered), pct(c.CallsAnswered), c.AgentHours)
	} else {
		fmt.Fprintf(w, "\nRecommended: %+.1f points of orders covered (%s vs %s today), calls answered %s vs %s today, %.0f vs %.0f agent-hours a week.\n",
			100*(r.OrdersCovered-c.OrdersCovered), pct(r.OrdersCovered), pct(c.OrdersCovered), pct(r.CallsAnswered), pct(c.CallsAnswered), r.AgentHours, c.AgentHours)
	}
	if len(res.Frontier) > 1 {
		fmt.Fprintln(w, "\nWhat more budget buys (each period's budget raised by the step; figures over the year; todays_callers_reachable =")
		fmt.Fprintln(w, "share of the calls arriving in today's hours that still find the phones open):")
		header := []string{"budget", "agent_hours", "orders_covered", "calls_reachable", "calls_answered", "todays_callers_reachable"}
		if withCost {
			header = append(header, "cost")
		}
		var rows [][]string
		for _, f := range res.Frontier {
			name := "today's"
			if opt.Budget > 0 || opt.Budgets != nil {
				name = "as given"
			}
			if f.Step > 0 {
				name = fmt.Sprintf("+%.0f%%", 100*f.Step)
			}
			row := []string{fmt.Sprintf("%s (%.0f)", name, f.Totals.Budget), fmt.Sprintf("%.0f", f.Totals.AgentHours), pct(f.Totals.OrdersCovered), pct(f.Totals.CallsReachable), pct(f.Totals.CallsAnswered), pct(f.Totals.TodaysCallers)}
			if withCost {
				row = append(row, fmt.Sprintf("%.0f", f.Totals.Cost))
			}
			rows = append(rows, row)
		}
		if err := texttab.Write(w, header, rows); err != nil {
			return err
		}
		for _, f := range res.Frontier[1:] {
			for i, p := range f.Plans {
				fmt.Fprintf(w, "  +%.0f%%, %s: %s (%s%s)\n", 100*f.Step, res.Periods[i].Name, hoursText(p), regularity(p), bestText(p, opt.Settings.Objective))
			}
		}
		fmt.Fprintln(w, "  (--max-windows K caps the distinct windows of every plan, at the price the frontier then shows)")
	}
	fmt.Fprintln(w)
	for _, pk := range res.Peak {
		cov := "not covered by the recommendation"
		if pk.Covered {
			cov = "covered by the recommendation"
		}
		fmt.Fprintf(w, "Price of the peak (%s): staffing %s-%s every day takes %.0f agent-hours a week and reaches %.0f orders a week (%s).\n",
			pk.Period, clock.Format(pk.From), clock.Format(pk.To), pk.AgentHours, pk.Orders, cov)
		if !pk.Covered {
			fmt.Fprintf(w, "  Stretching the recommended hours to cover it every day adds %.0f agent-hours and %.0f orders a week.\n", pk.ExtraAgentHours, pk.ExtraOrders)
		}
	}
	opt2 := "optimal (exact dynamic programme)"
	if !res.Optimal {
		opt2 = "not proven optimal"
	}
	fmt.Fprintf(w, "The recommendation is %s.\n", opt2)
	if reqOut != "" {
		fmt.Fprintf(w, "Next: staffcast shifts --in %s (agents per hour of the first planned week, %s)\n", reqOut, res.From.Format("2006-01-02"))
	} else {
		fmt.Fprintln(w, "Next: --requirements-out req.csv writes the agents per hour of these hours for staffcast shifts --in req.csv")
	}
	return nil
}

func windowsText(n int) string {
	if n == 1 {
		return "1 window"
	}
	return fmt.Sprintf("%d windows", n)
}

// regularity says how regular a plan is: "2 windows, Monday-Friday alike".
func regularity(p *hours.Plan) string {
	if p.Weekdays == 1 {
		return windowsText(p.Windows) + ", Monday-Friday alike"
	}
	return windowsText(p.Windows)
}

// gainNoun names what the objective counts, for "covers 0.3% more orders".
func gainNoun(o hours.Objective) string {
	switch o {
	case hours.CoverCalls:
		return "calls answered"
	case hours.Profit:
		return "value"
	}
	return "orders"
}

// lossPct writes a small relative difference: "0.3%", "under 0.05%".
func lossPct(v float64) string {
	if v < 0.0005 {
		return "under 0.05%"
	}
	return fmt.Sprintf("%.1f%%", 100*v)
}

// bestDiff says where the best plan is less regular than p: its windows,
// its Monday-to-Friday patterns or, failing both, its agent-hours.
func bestDiff(p *hours.Plan) string {
	b := p.Best
	switch {
	case b.Windows != p.Windows:
		return windowsText(b.Windows)
	case b.Weekdays != p.Weekdays:
		return fmt.Sprintf("%d day patterns Monday-Friday instead of %d", b.Weekdays, p.Weekdays)
	case b.AgentHours >= p.AgentHours+0.5:
		return fmt.Sprintf("%.0f more agent-hours", b.AgentHours-p.AgentHours)
	}
	return "a higher cost"
}

// bestText says what the regular choice gives up against the best plan
// ("; the best plan covers 0.3% more orders with 6 windows"), or nothing.
func bestText(p *hours.Plan, o hours.Objective) string {
	if p.Best == nil {
		return ""
	}
	return fmt.Sprintf("; the best plan covers %s more %s with %s", lossPct(p.Best.Value/p.Value-1), gainNoun(o), bestDiff(p))
}

// choiceText says how the recommendation was chosen among its near-ties
// and introduces the alternatives listed after it.
func choiceText(p *hours.Plan, o hours.Objective) string {
	const next = " The closest alternatives:"
	switch {
	case len(p.Alternatives) == 0 && p.Best == nil:
		return "no other hours meet the floor within this budget"
	case p.Best != nil:
		s := fmt.Sprintf("the most regular of the plans within 0.5%% of the best (%s): %s fewer %s than the best plan, which has %s: %s.",
			regularity(p), lossPct(p.ValueLoss()), gainNoun(o), bestDiff(p), hoursText(p.Best))
		if len(p.Alternatives) > 0 {
			s += next
		}
		return s
	case p.NearTies > 0:
		return fmt.Sprintf("%d other plans come within 0.5%% of the best; this one is the best and the most regular (%s).", p.NearTies, regularity(p)) + next
	}
	return fmt.Sprintf("no other plan comes within 0.5%% of the best (%s).", regularity(p)) + next
}

func altHours(p, rec *hours.Plan) string {
	switch {
	case p == nil:
		return "none (no hours meet the floor)"
	case p.Hours() == rec.Hours():
		return "the recommended ones"
	}
	return hoursText(p)
}

// Requirements is the agents per hour of the recommended hours as a grid
// (--requirements-out): start, channel, volume, agents, scheduled_agents.
func Requirements(res *plan.Result) Grid {
	g := Grid{Header: []string{"start", "channel", "volume", "agents", "scheduled_agents"}}
	for _, r := range res.Requirements {
		g.Rows = append(g.Rows, []any{r.Start.Format(time.RFC3339), r.Channel, round(r.Volume, 3), r.Agents, r.ScheduledAgents})
	}
	return g
}
