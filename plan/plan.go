package plan

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/staffcast/staffcast/data"
	"github.com/staffcast/staffcast/forecast"
	"github.com/staffcast/staffcast/staffing"
	"github.com/staffcast/staffcast/staffing/hours"
)

// DemandFrom says what the hours are planned on.
type DemandFrom int

const (
	// FromForecast plans on a forecast of the 52 weeks after the history.
	FromForecast DemandFrom = iota
	// FromHistory plans on the last 52 weeks of the history.
	FromHistory
)

// Columns name the series' columns; empty names take the defaults.
type Columns struct {
	Orders, Calls, Chats, CallsClosed string // default orders, calls, chats, calls_closed
}

// Options say what to plan and how. The zero value of each field is its default.
type Options struct {
	History *Series // hourly (or finer) history: orders, calls (NaN while closed), optionally chats and calls_closed
	Columns Columns
	From    DemandFrom
	// Forecast configures the forecast (model, events); only with FromForecast.
	Forecast forecast.Options
	Periods  []Period // nil: DefaultPeriods
	// Settings are the staffing model, the constraints and the objective;
	// its Budget, Premium and Floor are set per period from the fields below.
	Settings hours.Settings
	Step     time.Duration // window grid; 0 means the series' step
	Quantile float64       // summarise each slot by this quantile over the weeks; 0: the mean
	Current  staffing.OpeningHours
	// Budget is the cost per week of every period; 0 means what the
	// current hours cost in that period. Budgets overrides it per period.
	Budget   float64
	Budgets  map[string]float64
	Premiums Premiums
	Holiday  func(time.Time) bool // public holidays, for Premiums.Holidays; nil: none
	// Frontier are the budget steps above each period's budget to solve
	// as well; nil means 0.1, 0.2, 0.3, 0.5. The budget itself is always
	// the first point.
	Frontier []float64
	// RepeatAttempts is the attempts per caller in the calls_closed
	// column; 0 means hours.DefaultRepeatAttempts.
	RepeatAttempts float64
	// Callbacks is the share of closed-hour callers who ask to be called
	// back within CallbackWithin of the opening; their agent-hours count
	// inside the budget.
	Callbacks      float64
	CallbackWithin time.Duration
	// Progress, when set, is told what the plan is doing (for a terminal).
	Progress func(string)
	// Channels, ChatHours, EmailHours and Teams staff chat and email
	// beside the phone over the first planned week (Result.Channels, see
	// planChannels): each channel's own settings, chat's and email's
	// hours (nil: the recommended phone hours) and teams to compare
	// blended with dedicated. All nil: the phone alone. EmailColumn names
	// the emails column (default emails).
	Channels              map[staffing.Channel]staffing.ChannelSettings
	ChatHours, EmailHours *staffing.OpeningHours
	Teams                 []staffing.Team
	EmailColumn           string
}

// Series is the history: interval starts and named columns.
type Series = data.Series

// DefaultFrontier are the budget steps of the frontier.
var DefaultFrontier = []float64{0.1, 0.2, 0.3, 0.5}

// Result is a plan.
type Result struct {
	Assumptions Assumptions
	Periods     []PeriodResult
	// Recommended and Current total the periods, each weighted by its days.
	Recommended, Current Totals
	Frontier             []FrontierPoint
	Peak                 []Peak
	Optimal              bool
	// Requirements are the agents the recommended hours need per interval
	// of the first week of the planned demand (for shift planning).
	Requirements []Requirement
	// From and To are the span of the demand the hours were planned on
	// (the forecast or the history's last 52 weeks).
	From, To time.Time
	// Channels is phone, chat and email on the recommended hours, when
	// Options asks for it; nil otherwise.
	Channels *ChannelPlan
}

// Assumptions are what the plan assumed, to be echoed first.
type Assumptions struct {
	AHT            time.Duration
	Target         staffing.Target
	Shrinkage      float64
	MinAgents      int
	Objective      hours.Objective
	ClosedHour     string  // the source of closed-hour calls: attempts, chats or orders
	RepeatAttempts float64 // attempts per caller, with the attempts source
	Demand         string  // "a forecast (… model) of the 52 weeks after the history" or "the last 52 weeks of the history"
	Premiums       string
	Callbacks      float64
	// BudgetCovers lists the channels inside the one budget when channels
	// beside the phone are planned ("phone, chat, email"); empty: the
	// phone alone (and its callbacks).
	BudgetCovers string
}

// Totals are a plan's figures over the periods.
type Totals struct {
	OrdersCovered  float64 // share of orders placed while open
	CallsReachable float64 // share of calls arriving while open
	CallsAnswered  float64 // share of calls answered within target
	AgentHours     float64 // per week; with other channels planned, theirs too (PeriodResult.Others)
	Cost           float64 // per week, premium-weighted agent-hours, callbacks and other channels included
	Budget         float64 // per week
	// TodaysCallers is the share of the calls arriving in today's hours that
	// still arrive while the phones are open: what happens to today's callers.
	TodaysCallers float64
}

// PeriodResult is one period's recommendation.
type PeriodResult struct {
	Name   string
	Weeks  float64 // days of demand / 7: the period's weight
	Budget float64 // cost per week
	Floor  float64 // calls per week today's hours answer within target, on the low estimate
	Week   *hours.Week
	// Plan is the recommendation and Current today's hours under the same model.
	Plan, Current *hours.Plan
	// Others are what the channels beside the phone (chat, email) take of
	// the budget in a mean week under Plan's hours, when Options plan
	// them; the phone's hours were chosen within what they and the
	// callbacks leave (Passes passes, at most MaxBudgetPasses).
	Others []ChannelCost
	Passes int
	rows   []staffing.Row // the other channels' rows of the period
	// phoneBudget is the budget Plan was made in: what callbacks and the
	// other channels leave the phone.
	phoneBudget float64
	// Low and High are the recommendations had the closed-hour calls been
	// at the low or the high end of their band; Sensitive says whether
	// either differs in its hours from Plan.
	Low, High *hours.Plan
	Sensitive bool
	Marginals []hours.Marginal
	// Callbacks are the agents callbacks add per open slot of each weekday.
	Callbacks [7][]float64
	// CallbackHours is what the callbacks cost per week (inside Budget).
	CallbackHours float64

	holiday [7]float64 // share of each weekday's days that are public holidays
}

// FrontierPoint is the recommendation at one budget.
type FrontierPoint struct {
	Step   float64 // above today's budget: 0, 0.1, ...
	Totals Totals
	Plans  []*hours.Plan // per period, as Result.Periods
}

// Peak prices covering the busiest evening hour on every day of a period.
type Peak struct {
	Period     string
	From, To   time.Duration // clock
	AgentHours float64       // per week, staffing that hour every day
	Orders     float64       // per week, placed in that hour
	Calls      float64       // per week, arriving in that hour (central estimate)
	Covered    bool          // whether the recommendation already covers it every day
	// ExtraAgentHours and ExtraOrders are what stretching each day's
	// recommended window to cover the hour adds per week (a closed day opens
	// for that hour alone).
	ExtraAgentHours, ExtraOrders float64
}

// Requirement is the agents one interval of the recommended hours needs.
type Requirement struct {
	Start           time.Time
	Channel         string
	Volume          float64
	Agents          int // before shrinkage
	ScheduledAgents int
}

// ErrFloor is wrapped when no hours within a budget answer as many
// calls as today's; errors.As gives the *hours.InfeasibleError with the
// smallest budget that would.
var ErrFloor = hours.ErrInfeasible

// BudgetFor returns the budget per week given for the period named
// (Budgets, else Budget) and whether one was given; a period without one
// gets what today's hours cost in it (none with the value objective).
func (o *Options) BudgetFor(period string) (float64, bool) {
	if b, ok := o.Budgets[period]; ok {
		return b, true
	}
	return o.Budget, o.Budget > 0
}

func (o *Options) progress(format string, args ...any) {
	if o.Progress != nil {
		o.Progress(fmt.Sprintf(format, args...))
	}
}

// Run plans: history → demand (forecast or the last 52 weeks) →
// closed-hour calls → demand per period → staffing → hours → frontier,
// peak price and requirements.
func Run(ctx context.Context, opt Options) (*Result, error) {
	if opt.History == nil || len(opt.History.Start) < 2 {
		return nil, errors.New("plan: the history needs at least two intervals")
	}
	cols := opt.Columns
	def := func(s *string, d string) {
		if *s == "" {
			*s = d
		}
	}
	def(&cols.Orders, "orders")
	def(&cols.Calls, "calls")
	def(&cols.Chats, "chats")
	def(&cols.CallsClosed, "calls_closed")
	h := opt.History
	d := hours.Demand{Start: h.Start, Step: h.Step, Orders: h.Column(cols.Orders), Calls: h.Column(cols.Calls), Chats: h.Column(cols.Chats), CallsClosed: h.Column(cols.CallsClosed)}
	if d.Orders == nil || d.Calls == nil {
		return nil, fmt.Errorf("plan: the history needs columns %q and %q; it has %s", cols.Orders, cols.Calls, columnNames(h))
	}
	step := opt.Step
	if step == 0 {
		step = h.Step
	}
	if step < h.Step || step%h.Step != 0 {
		return nil, fmt.Errorf("plan: step %v: want a multiple of the history's interval %v", step, h.Step)
	}
	// Days closed today may stay closed, and today's windows stay allowed
	// (a 4-hour Saturday below --min-open): keeping today's hours is always
	// an option, so the floor compares like with like.
	for wd, w := range opt.Current.Days {
		if !w.IsOpen() {
			opt.Settings.ClosedOK[wd] = true
		}
	}
	opt.Settings.Allow = opt.Current
	cc, err := hours.EstimateClosedCalls(d, opt.RepeatAttempts)
	if err != nil {
		return nil, err
	}
	res := &Result{Optimal: true}
	res.Assumptions = Assumptions{AHT: opt.Settings.AHT, Target: opt.Settings.Target, Shrinkage: opt.Settings.Shrinkage, MinAgents: max(1, opt.Settings.MinAgents),
		Objective: opt.Settings.Objective, ClosedHour: cc.Source, RepeatAttempts: cc.RepeatAttempts, Premiums: opt.Premiums.Spec, Callbacks: opt.Callbacks}
	last := lastWeeks(d, cc, 52)
	demand, dcc := last.d, last.cc
	if opt.From == FromForecast {
		opt.progress("forecasting the 52 weeks after the history")
		if demand, dcc, err = forecastDemand(ctx, d, cc, last, opt.Forecast); err != nil {
			return nil, err
		}
		res.Assumptions.Demand = fmt.Sprintf("a forecast (%v model) of the 52 weeks after the history", opt.Forecast.Model)
	} else {
		res.Assumptions.Demand = "the last 52 weeks of the history"
	}
	res.From, res.To = demand.Start[0], demand.Start[len(demand.Start)-1].Add(demand.Step)
	profiled := demand
	profiled.Step = step // Profile sums finer intervals into the slots of the window grid
	periods := opt.Periods
	if periods == nil {
		periods = DefaultPeriods()
	}
	for name := range opt.Budgets {
		found := false
		for _, p := range periods {
			found = found || p.Name == name
		}
		if !found {
			var names []string
			for _, p := range periods {
				names = append(names, p.Name)
			}
			return nil, fmt.Errorf("plan: a budget for period %q, which is not one of %v", name, names)
		}
	}
	frontier := opt.Frontier
	if frontier == nil {
		frontier = DefaultFrontier
	}
	var cs *channelSet // the channels beside the phone, inside the one budget
	if opt.channelsWanted() {
		if cs, err = newChannelSet(&opt, demand); err != nil {
			return nil, err
		}
		res.Assumptions.BudgetCovers = cs.covers(&opt)
	}
	for _, p := range periods {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		w, err := hours.Profile(profiled, dcc, p.In, hours.Statistic{Quantile: opt.Quantile})
		if err != nil {
			if p.Name != "normal" && len(periods) > 1 {
				continue // no demand in this period
			}
			return nil, err
		}
		opt.progress("period %s: recommending hours", p.Name)
		pr, err := planPeriod(ctx, &opt, p, &w, demand, cs)
		if err != nil {
			return nil, fmt.Errorf("period %s: %w", p.Name, err)
		}
		res.Periods = append(res.Periods, *pr)
		res.Optimal = res.Optimal && pr.Plan.Optimal
	}
	res.Recommended = totals(res.Periods, func(p *PeriodResult) *hours.Plan { return p.Plan })
	res.Current = totals(res.Periods, func(p *PeriodResult) *hours.Plan { return p.Current })
	// The frontier: the same optimisation at higher budgets.
	var plans []*hours.Plan
	for _, pr := range res.Periods {
		plans = append(plans, pr.Plan)
	}
	res.Frontier = append(res.Frontier, FrontierPoint{0, res.Recommended, plans})
	// known is each period's last plan within the one budget and the
	// phone's budget it was made in (see within).
	known := make([]struct {
		plan   *hours.Plan
		budget float64
	}, len(res.Periods))
	for i, pr := range res.Periods {
		known[i].plan = pr.Plan
		known[i].budget = pr.phoneBudget
	}
	for _, f := range frontier {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		opt.progress("frontier: budget +%.0f%%", 100*f)
		var prs []PeriodResult
		var plans []*hours.Plan
		for i, pr := range res.Periods {
			s := pr.settings(&opt, pr.Budget*(1+f), pr.Floor)
			q := pr
			var pl *hours.Plan
			if cs != nil { // the step raises the total; the phone takes what the others leave
				var first float64
				if first, err = cs.phoneShare(&opt, &q, s, s.Budget); err == nil {
					pl, known[i].budget, err = q.within(&opt, s, first, s.Budget, cs, known[i].plan, known[i].budget)
					known[i].plan = pl
				}
			} else {
				pl, err = hours.Recommend(pr.Week, s)
			}
			if err != nil {
				return nil, fmt.Errorf("frontier +%.0f%%, period %s: %w", 100*f, pr.Name, err)
			}
			q.Plan, q.Budget = pl, s.Budget
			prs = append(prs, q)
			plans = append(plans, pl)
		}
		res.Frontier = append(res.Frontier, FrontierPoint{f, totals(prs, func(p *PeriodResult) *hours.Plan { return p.Plan }), plans})
	}
	for _, pr := range res.Periods {
		res.Peak = append(res.Peak, peakPrice(&opt, &pr))
	}
	res.Requirements, err = requirements(&opt, res.Periods, periods, demand, dcc)
	if err != nil {
		return nil, err
	}
	if opt.channelsWanted() { // channels.go
		if res.Channels, res.Requirements, err = planChannels(&opt, cs, res.Periods, periods, demand, dcc, res.Requirements); err != nil {
			return nil, err
		}
	}
	return res, nil
}

func columnNames(s *Series) string {
	var n []string
	for _, c := range s.Columns {
		n = append(n, fmt.Sprintf("%q", c.Name))
	}
	return fmt.Sprint(n)
}

// settings are the period's settings at a budget and a floor.
func (pr *PeriodResult) settings(opt *Options, budget, floor float64) hours.Settings {
	s := opt.Settings
	s.Budget, s.Floor = budget, floor
	s.Premium = opt.Premiums.week(pr.Week.Step, pr.holiday)
	return s
}

func planPeriod(ctx context.Context, opt *Options, p Period, w *hours.Week, demand hours.Demand, cs *channelSet) (*PeriodResult, error) {
	pr := &PeriodResult{Name: p.Name, Weeks: float64(w.Days) / 7, Week: w}
	if opt.Holiday != nil && opt.Premiums.Holidays > 0 {
		pr.holiday = shares(demand, p, opt.Holiday)
	}
	s := pr.settings(opt, 1, 0)
	cur, err := hours.Evaluate(w, s, opt.Current)
	if err != nil {
		return nil, err
	}
	pr.Current = cur
	pr.Floor = cur.CallsLow
	// Each period's budget is given or not on its own: a budget for one
	// period leaves every other period on today's cost.
	b, given := opt.BudgetFor(p.Name)
	defaultBudget := !given
	switch {
	case given:
		pr.Budget = b
	case opt.Settings.Objective == hours.Profit:
		pr.Budget = 0 // value minus cost needs no budget
	default:
		pr.Budget = cur.Cost
	}
	s = pr.settings(opt, pr.Budget, pr.Floor)
	// Callbacks and the channels beside the phone count inside the budget
	// (within); the default budget is what today's hours cost with them.
	if cs != nil {
		pr.rows = cs.rows(p)
	}
	first := pr.Budget
	if defaultBudget && opt.Callbacks > 0 {
		_, curCB, err := callbackCost(opt, w, s, cur)
		if err != nil {
			return nil, err
		}
		pr.Budget += curCB
	}
	if defaultBudget && cs != nil && pr.Budget > 0 {
		today, err := cs.costOf(pr, opt.Current, s.Premium)
		if err != nil {
			return nil, err
		}
		_, c := sumCost(today)
		pr.Budget += c
	}
	if cs != nil && pr.Budget > 0 {
		if first, err = cs.phoneShare(opt, pr, s, pr.Budget); err != nil {
			return nil, err
		}
	}
	plan, phoneBudget, err := pr.within(opt, s, first, pr.Budget, cs, nil, 0)
	if err != nil {
		return nil, cs.totalInfeasible(err, opt, pr, s)
	}
	pr.phoneBudget = phoneBudget
	s.Budget = phoneBudget
	pr.Plan = plan
	if pr.Marginals, err = hours.Marginals(w, s, plan); err != nil {
		return nil, err
	}
	// Sensitivity: the recommendation had the closed-hour calls been at
	// either end of their band (the floor stays today's, counted the same way).
	for _, end := range []struct {
		calls *[7][]float64
		dst   **hours.Plan
	}{{&w.CallsLow, &pr.Low}, {&w.CallsHigh, &pr.High}} {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		alt := *w
		alt.Calls = *end.calls
		ss := pr.settings(opt, 1, 0)
		c, err := hours.Evaluate(&alt, ss, opt.Current)
		if err != nil {
			return nil, err
		}
		budget := pr.Budget
		if cs != nil {
			budget = phoneBudget // what the other channels leave the phone
		}
		if defaultBudget && budget > 0 {
			budget = c.Cost
		}
		ss = pr.settings(opt, budget, c.CallsLow)
		if *end.dst, err = hours.Recommend(&alt, ss); err != nil {
			*end.dst = nil // no hours at that end: reported as a change
		}
		pr.Sensitive = pr.Sensitive || *end.dst == nil || (*end.dst).Hours() != plan.Hours()
	}
	return pr, nil
}

// callbackCost returns the agents callbacks add to each open slot of
// plan and what they cost a week.
func callbackCost(opt *Options, w *hours.Week, s hours.Settings, plan *hours.Plan) ([7][]float64, float64, error) {
	cb, err := hours.CallbackLoad(w, s, plan, opt.Callbacks, opt.CallbackWithin)
	if err != nil {
		return cb, 0, err
	}
	cost := 0.0
	for d := range cb {
		for k, a := range cb[d] {
			f := 1.0
			if s.Premium[d] != nil {
				f = s.Premium[d][int(plan.Days[d].Open/w.Step)+k]
			}
			cost += a / (1 - s.Shrinkage) * w.Step.Hours() * f
		}
	}
	return cb, cost, nil
}

// shares returns, per weekday, the share of the period's days in demand
// that are holidays.
func shares(d hours.Demand, p Period, holiday func(time.Time) bool) [7]float64 {
	var n, h [7]float64
	seen := map[string]bool{}
	for _, t := range d.Start {
		k := t.Format("2006-01-02")
		if seen[k] || !p.In(t) {
			continue
		}
		seen[k] = true
		n[t.Weekday()]++
		if holiday(t) {
			h[t.Weekday()]++
		}
	}
	var out [7]float64
	for i := range out {
		if n[i] > 0 {
			out[i] = h[i] / n[i]
		}
	}
	return out
}

// totals weighs each period's plan by its weeks (days / 7).
func totals(ps []PeriodResult, pick func(*PeriodResult) *hours.Plan) Totals {
	var o, oAll, c, cOpen, cAll, ah, cost, budget, weeks, kept, today float64
	for i := range ps {
		p := pick(&ps[i])
		wk := ps[i].Weeks
		k, t := todaysCallers(ps[i].Week, ps[i].Current.Hours(), p.Hours())
		kept += wk * k
		today += wk * t
		o += wk * p.Orders
		oAll += wk * p.OrdersAll
		c += wk * p.Calls
		cOpen += wk * p.CallsOpen
		cAll += wk * p.CallsAll
		ah += wk * p.AgentHours
		oh, oc := sumCost(ps[i].Others)
		ah += wk * oh
		cost += wk * (p.Cost + ps[i].CallbackHours + oc)
		budget += wk * ps[i].Budget
		weeks += wk
	}
	if weeks == 0 {
		return Totals{}
	}
	return Totals{OrdersCovered: share(o, oAll), CallsReachable: share(cOpen, cAll), CallsAnswered: share(c, cAll), AgentHours: ah / weeks, Cost: cost / weeks, Budget: budget / weeks,
		TodaysCallers: share(kept, today)}
}

// todaysCallers returns the calls a week that arrive in today's hours and
// while h is open, and all the calls that arrive in today's hours.
func todaysCallers(w *hours.Week, today, h staffing.OpeningHours) (kept, all float64) {
	open := func(o staffing.OpeningHours, wd, k int) bool {
		win, at := o.Days[wd], time.Duration(k)*w.Step
		return win.IsOpen() && at >= win.Open && at < win.Close
	}
	for wd := 0; wd < 7; wd++ {
		for k, c := range w.Calls[wd] {
			if open(today, wd, k) {
				all += c
				if open(h, wd, k) {
					kept += c
				}
			}
		}
	}
	return kept, all
}

func share(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// peakPrice finds the busiest evening hour of the period (17:00-24:00,
// most orders over the week) and what staffing it every day costs.
func peakPrice(opt *Options, pr *PeriodResult) Peak {
	w := pr.Week
	perHour := int(time.Hour / w.Step)
	best, bestOrders := -1, -1.0
	for h := 17; h < 24; h++ {
		o := 0.0
		for wd := 0; wd < 7; wd++ {
			for k := h * perHour; k < (h+1)*perHour; k++ {
				o += w.Orders[wd][k]
			}
		}
		if o > bestOrders {
			best, bestOrders = h, o
		}
	}
	pk := Peak{Period: pr.Name, From: time.Duration(best) * time.Hour, To: time.Duration(best+1) * time.Hour, Orders: bestOrders, Covered: true}
	var one staffing.OpeningHours
	for wd := range one.Days {
		one.Days[wd] = staffing.Window{Open: pk.From, Close: pk.To}
		if day := pr.Plan.Days[wd]; day.Closed || day.Open > pk.From || day.Close < pk.To {
			pk.Covered = false
		}
	}
	s := pr.settings(opt, 1, 0)
	if p, err := hours.Evaluate(w, s, one); err == nil {
		pk.AgentHours = p.AgentHours
		pk.Calls = p.CallsOpen
	}
	stretched := pr.Plan.Hours()
	for wd, win := range stretched.Days {
		if !win.IsOpen() {
			stretched.Days[wd] = staffing.Window{Open: pk.From, Close: pk.To}
			continue
		}
		stretched.Days[wd] = staffing.Window{Open: min(win.Open, pk.From), Close: max(win.Close, pk.To)}
	}
	if p, err := hours.Evaluate(w, s, stretched); err == nil {
		pk.ExtraAgentHours, pk.ExtraOrders = p.AgentHours-pr.Plan.AgentHours, p.Orders-pr.Plan.Orders
	}
	return pk
}

// requirements staffs the recommended hours on the first week of the
// planned demand.
func requirements(opt *Options, prs []PeriodResult, periods []Period, d hours.Demand, cc *hours.ClosedCalls) ([]Requirement, error) {
	var out []Requirement
	if len(d.Start) == 0 {
		return nil, nil
	}
	end := d.Start[0].AddDate(0, 0, 7)
	s := opt.Settings
	for i, t := range d.Start {
		if !t.Before(end) {
			break
		}
		var plan *hours.Plan
		for _, p := range periods {
			if p.In(t) {
				for j := range prs {
					if prs[j].Name == p.Name {
						plan = prs[j].Plan
					}
				}
			}
		}
		if plan == nil || !plan.Hours().Contains(t) {
			continue
		}
		vol := math.Max(0, cc.Central[i])
		q := staffing.Queue{Volume: vol, Interval: d.Step, AHT: s.AHT, Patience: s.Patience}
		req, err := staffing.Required(q, s.Target)
		if err != nil {
			return nil, fmt.Errorf("plan: staffing %s: %w", t.Format(time.RFC3339), err)
		}
		sched := max(staffing.Scheduled(float64(req.Agents), s.Shrinkage), max(1, s.MinAgents))
		out = append(out, Requirement{Start: t, Channel: "phone", Volume: vol, Agents: req.Agents, ScheduledAgents: sched})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start.Before(out[j].Start) })
	return out, nil
}
