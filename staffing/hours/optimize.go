package hours

import (
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/staffcast/staffcast/clock"
	"github.com/staffcast/staffcast/staffing"
)

// Objective is what the recommendation maximises.
type Objective int

const (
	// CallsThenOrders (the default) keeps a floor under the callers, then
	// covers orders: among the hours that answer at least Floor calls
	// within target (counted on the low end of the closed-hour estimate,
	// so the plan cannot lean on calls that may not exist) and stay within
	// the budget, it maximises the orders placed while open.
	CallsThenOrders Objective = iota
	// CoverOrders maximises the orders placed while open within the budget.
	CoverOrders
	// CoverCalls maximises the calls answered within target within the budget.
	CoverCalls
	// Profit maximises ValuePerOrder·orders covered + ValuePerContact·calls
	// answered − CostPerAgentHour·cost, within the budget if one is set.
	Profit
)

var objectiveNames = [...]string{"calls-then-orders", "orders", "calls", "value"}

func (o Objective) String() string {
	if o < 0 || int(o) >= len(objectiveNames) {
		return fmt.Sprintf("Objective(%d)", int(o))
	}
	return objectiveNames[o]
}

// ParseObjective reads an objective by its String name.
func ParseObjective(s string) (Objective, error) {
	for i, n := range objectiveNames {
		if s == n {
			return Objective(i), nil
		}
	}
	return 0, fmt.Errorf("objective %q: want calls-then-orders, orders, calls or value", s)
}

// NearTie is how close to the best (a fraction of its value) a plan
// must come to count as a near-tie: among near-ties the plan with the
// fewest distinct windows in the week wins, then the one with the fewest
// Monday-to-Friday day patterns (Monday to Friday alike), then the one
// with the lowest cost.
const NearTie = 0.005

// ErrInfeasible is wrapped by errors for constraints no opening hours meet.
var ErrInfeasible = errors.New("hours: no opening hours meet the constraints")

// InfeasibleError says why no opening hours meet the constraints. It
// wraps ErrInfeasible.
type InfeasibleError struct {
	Budget    float64 // the budget asked for
	MinBudget float64 // the smallest budget that meets the constraints (0: none does)
	Floor     float64 // the calls floor, when it is what the budget cannot meet
	Reason    string
}

func (e *InfeasibleError) Error() string {
	switch {
	case e.Reason != "":
		return ErrInfeasible.Error() + ": " + e.Reason
	case e.Floor > 0:
		return fmt.Sprintf("%v: a budget of %g agent-hours per week cannot answer %.0f calls within target (today's hours do); the cheapest opening hours that do need %g",
			ErrInfeasible, e.Budget, e.Floor, e.MinBudget)
	}
	return fmt.Sprintf("%v: a budget of %g agent-hours per week is too small: the cheapest opening hours that meet the constraints need %g agent-hours",
		ErrInfeasible, e.Budget, e.MinBudget)
}

func (e *InfeasibleError) Unwrap() error { return ErrInfeasible }

// Settings are the staffing model, the budget and the constraints.
type Settings struct {
	AHT       time.Duration   // phone handling time
	Patience  time.Duration   // 0 = Erlang C
	Target    staffing.Target // e.g. 80/20
	Shrinkage float64         // fraction in [0,1)
	MinAgents int             // agents on duty in any open slot; 0 means 1

	// Budget bounds the cost per week: scheduled agent-hours (after
	// shrinkage), each weighted by its Premium. 0 means none, which only
	// the Profit objective allows.
	Budget float64
	// Premium is the cost of an agent-hour per weekday and slot, in
	// agent-hours (1.5 for an evening at time and a half); nil means 1.
	Premium [7][]float64
	// Floor is the calls answered within target per week, counted on the
	// low end of the closed-hour estimate, that CallsThenOrders must reach.
	Floor float64
	// MaxWindows caps the distinct windows in the week; 0 means no cap.
	MaxWindows int

	// Allow adds a window per weekday whatever the other constraints say:
	// today's hours, so that keeping them is always an option.
	Allow staffing.OpeningHours

	MinOpen, MaxOpen time.Duration // window length; 0 means one step and 24h
	Earliest, Latest time.Duration // clock bounds; Latest 0 means 24:00
	ClosedOK         [7]bool       // weekdays (time.Weekday) that may stay closed
	SameWeekdays     bool          // one window for Monday to Friday
	Displaced        float64       // share of closed-hour calls that call again at the next opening
	Objective        Objective
	CostPerAgentHour float64
	ValuePerOrder    float64
	ValuePerContact  float64
}

// Day is one weekday of a plan.
type Day struct {
	Weekday     time.Weekday
	Closed      bool
	Open, Close time.Duration // local clock; Close exclusive
	Orders      float64       // orders placed while open
	OrdersTotal float64       // orders of the whole day
	Calls       float64       // calls answered within the target while open (incl. returning callers)
	CallsLow    float64       // the same on the low end of the closed-hour estimate (no returning callers)
	CallsOpen   float64       // calls that arrive while open (returning callers not counted)
	CallsTotal  float64       // calls of the whole day (estimated where the line never was open)
	Chats       float64       // chats while open
	ChatsTotal  float64
	Returning   float64 // displaced callers added to the first open slot
	AgentHours  float64 // scheduled agent-hours
	Cost        float64 // agent-hours weighted by their premiums
	Agents      []int   // scheduled agents per open slot
}

// Plan is a week of opening hours and what it covers.
type Plan struct {
	Days       [7]Day // indexed by time.Weekday
	Orders     float64
	OrdersAll  float64
	Calls      float64 // answered within target
	CallsLow   float64 // answered within target, on the low end of the closed-hour estimate
	CallsOpen  float64 // arriving while open
	CallsAll   float64
	Chats      float64
	ChatsAll   float64
	AgentHours float64
	Cost       float64 // agent-hours weighted by their premiums
	Value      float64 // the objective's value
	BestValue  float64 // the best value of any plan (Value is within NearTie of it)
	Optimal    bool    // proven optimal by the dynamic programme (false when it kept only its most valuable labels)
	Windows    int     // distinct windows in the week
	Weekdays   int     // distinct day patterns Monday to Friday, closed being one: 1 is Monday to Friday alike
	// Best is the plan with the best value when the choice among
	// near-ties is another (more regular) one; nil when it is this one.
	Best *Plan
	// NearTies counts the other plans within NearTie of the best value
	// that the search kept (it drops plans another beats on cost, value,
	// floor calls and regularity); Alternatives are the two next near-ties
	// in the order of the choice, or else the feasible plans closest in
	// value (Best aside).
	NearTies     int
	Alternatives []*Plan
}

// ValueLoss is the share of the best value this plan gives up for
// regularity (0 when it is the best plan).
func (p *Plan) ValueLoss() float64 {
	if p.BestValue == 0 {
		return 0
	}
	return (p.BestValue - p.Value) / math.Abs(p.BestValue)
}

// OrdersCovered is the share of the week's orders placed while open.
func (p *Plan) OrdersCovered() float64 { return share(p.Orders, p.OrdersAll) }

// CallsOutside is the share of the week's calls that arrive while closed.
func (p *Plan) CallsOutside() float64 { return 1 - share(p.CallsOpen, p.CallsAll) }

// CallsAnswered is the share of the week's calls answered within the target.
func (p *Plan) CallsAnswered() float64 { return share(p.Calls, p.CallsAll) }

// ChatsCovered is the share of the week's chats that arrive while open.
func (p *Plan) ChatsCovered() float64 { return share(p.Chats, p.ChatsAll) }

// OrdersCovered is the share of the day's orders placed while open.
func (d Day) OrdersCovered() float64 { return share(d.Orders, d.OrdersTotal) }

// CallsReach is the share of the day's calls that arrive while open.
func (d Day) CallsReach() float64 { return share(d.CallsOpen, d.CallsTotal) }

// CallsAnswered is the share of the day's calls answered within the target.
func (d Day) CallsAnswered() float64 { return share(d.Calls, d.CallsTotal) }

func share(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// Validate reports every problem with s at once.
func (s Settings) Validate() error {
	var errs []error
	if s.AHT <= 0 {
		errs = append(errs, fmt.Errorf("hours: Settings.AHT = %v: want a positive handling time", s.AHT))
	}
	errs = append(errs, s.Target.Validate())
	if !(s.Shrinkage >= 0 && s.Shrinkage < 1) {
		errs = append(errs, fmt.Errorf("hours: Settings.Shrinkage = %v: want a fraction in [0,1)", s.Shrinkage))
	}
	if s.MinAgents < 0 {
		errs = append(errs, fmt.Errorf("hours: Settings.MinAgents = %d: want >= 0", s.MinAgents))
	}
	if !(s.Budget >= 0) || math.IsInf(s.Budget, 0) {
		errs = append(errs, fmt.Errorf("hours: budget %v: want agent-hours >= 0", s.Budget))
	}
	if s.Budget == 0 && s.Objective != Profit {
		errs = append(errs, fmt.Errorf("hours: the %v objective needs a budget (agent-hours per week), or the value objective", s.Objective))
	}
	if !(s.Floor >= 0) || math.IsInf(s.Floor, 0) {
		errs = append(errs, fmt.Errorf("hours: floor %v: want calls >= 0", s.Floor))
	}
	if s.MaxWindows < 0 {
		errs = append(errs, fmt.Errorf("hours: max windows %d: want >= 1, or 0 for no cap", s.MaxWindows))
	}
	for d := range s.Premium {
		for k, p := range s.Premium[d] {
			if !(p > 0) || math.IsInf(p, 0) {
				errs = append(errs, fmt.Errorf("hours: premium %v on %v slot %d: want a positive factor", p, time.Weekday(d), k))
			}
		}
	}
	if s.Objective < CallsThenOrders || s.Objective > Profit {
		errs = append(errs, fmt.Errorf("hours: %v: unknown objective", s.Objective))
	}
	if s.MaxOpen != 0 && s.MinOpen > s.MaxOpen {
		errs = append(errs, fmt.Errorf("hours: MinOpen %v is longer than MaxOpen %v", s.MinOpen, s.MaxOpen))
	}
	if s.Latest != 0 && s.Earliest >= s.Latest {
		errs = append(errs, fmt.Errorf("hours: Earliest %v is not before Latest %v", s.Earliest, s.Latest))
	}
	if !(s.Displaced >= 0 && s.Displaced <= 1) {
		errs = append(errs, fmt.Errorf("hours: Settings.Displaced = %v: want a fraction in [0,1]", s.Displaced))
	}
	return errors.Join(errs...)
}

// weekOrder is Monday first.
var weekOrder = [7]time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

// window is an option for a day: slots [open, close), or closed.
type window struct{ open, close int }

func (w window) closed() bool { return w.close <= w.open }

var closedWindow = window{0, 0}

// model holds what the optimiser needs per slot.
type model struct {
	w        *Week
	s        Settings
	slots    int
	hours    float64 // slot length in hours
	base     [7][]int
	baseSL   [7][]float64
	cache    map[[2]float64]agentsSL
	minAgent int
	minCost  bool    // value is minus the cost: the cheapest plan that meets the constraints
	tables   *tables // shared by the passes of one search
	// truncated is set when the exact pass had to drop labels it could
	// not prove dominated: the plan is then not proven optimal.
	truncated bool
	// patterns keeps labels apart by their Monday-to-Friday day patterns
	// as well as by their windows (the search for the most regular plan).
	patterns bool
}

type agentsSL struct {
	agents int
	sl     float64
}

func newModel(w *Week, s Settings) (*model, error) {
	m := &model{w: w, s: s, slots: w.Slots(), hours: w.Step.Hours(), cache: map[[2]float64]agentsSL{}, minAgent: max(s.MinAgents, 1)}
	for wd := 0; wd < 7; wd++ {
		if s.Premium[wd] != nil && len(s.Premium[wd]) != m.slots {
			return nil, fmt.Errorf("hours: %v has %d premiums: want one per slot (%d)", time.Weekday(wd), len(s.Premium[wd]), m.slots)
		}
		m.base[wd] = make([]int, m.slots)
		m.baseSL[wd] = make([]float64, m.slots)
		for k := 0; k < m.slots; k++ {
			a, err := m.agents(w.Calls[wd][k])
			if err != nil {
				return nil, fmt.Errorf("hours: %v %s: %w", time.Weekday(wd), clock.Format(time.Duration(k)*w.Step), err)
			}
			m.base[wd][k], m.baseSL[wd][k] = a.agents, a.sl
		}
	}
	return m, nil
}

// agents returns the scheduled agents a slot with calls needs, and the
// service level they give.
func (m *model) agents(calls float64) (agentsSL, error) {
	key := [2]float64{calls, 0}
	if a, ok := m.cache[key]; ok {
		return a, nil
	}
	q := staffing.Queue{Volume: calls, Interval: m.w.Step, AHT: m.s.AHT, Patience: m.s.Patience}
	req, err := staffing.Required(q, m.s.Target)
	if err != nil {
		return agentsSL{}, err
	}
	a := agentsSL{agents: max(staffing.Scheduled(float64(req.Agents), m.s.Shrinkage), m.minAgent), sl: req.Result.ServiceLevel}
	if a.agents > staffing.Scheduled(float64(req.Agents), m.s.Shrinkage) {
		// Extra agents (the minimum on duty) only raise the service level.
		avail := int(float64(a.agents) * (1 - m.s.Shrinkage))
		if r, err := staffing.Evaluate(q, max(avail, req.Agents), m.s.Target.AnswerWithin); err == nil {
			a.sl = r.ServiceLevel
		}
	}
	m.cache[key] = a
	return a, nil
}

// dayEval is what a window gives on one weekday.
type dayEval struct {
	orders, calls, callsLow, callsOpen, chats, returning float64
	units                                                int // agent-slots
	cost                                                 float64
	agents                                               []int
}

// night returns the calls of the closed hours between the previous
// day's close (prevClose slot, or -1 when that day was closed and its
// callers gave up) and this day's opening.
func (m *model) night(prevWd, wd, prevClose, open int) float64 {
	n := 0.0
	if prevClose >= 0 {
		for k := prevClose; k < m.slots; k++ {
			n += m.w.Calls[prevWd][k]
		}
	}
	for k := 0; k < open; k++ {
		n += m.w.Calls[wd][k]
	}
	return n
}

func (m *model) evalDay(wd int, win window, prevWd, prevClose int) (dayEval, error) {
	var e dayEval
	if win.closed() {
		return e, nil
	}
	for k := win.open; k < win.close; k++ {
		a, sl := m.base[wd][k], m.baseSL[wd][k]
		calls := m.w.Calls[wd][k]
		if k == win.open && m.s.Displaced > 0 {
			e.returning = m.s.Displaced * m.night(prevWd, wd, prevClose, win.open)
			r, err := m.agents(calls + e.returning)
			if err != nil {
				return e, err
			}
			a, sl = r.agents, r.sl
			calls += e.returning
		}
		e.units += a
		e.cost += float64(a) * m.hours * m.premium(wd, k)
		e.agents = append(e.agents, a)
		e.orders += m.w.Orders[wd][k]
		e.chats += m.w.Chats[wd][k]
		e.calls += sl * calls
		e.callsLow += sl * m.low(wd, k)
		e.callsOpen += m.w.Calls[wd][k]
	}
	return e, nil
}

func (m *model) value(e dayEval) float64 {
	if m.minCost {
		return -e.cost
	}
	switch m.s.Objective {
	case CallsThenOrders, CoverOrders:
		return e.orders
	case CoverCalls:
		return e.calls
	}
	return m.s.ValuePerOrder*e.orders + m.s.ValuePerContact*e.calls - m.s.CostPerAgentHour*e.cost
}

func (m *model) premium(wd, k int) float64 {
	if m.s.Premium[wd] == nil {
		return 1
	}
	return m.s.Premium[wd][k]
}

// low is the low end of the calls of a slot (the central value when the
// week has no band).
func (m *model) low(wd, k int) float64 {
	if m.w.CallsLow[wd] == nil {
		return m.w.Calls[wd][k]
	}
	return m.w.CallsLow[wd][k]
}

// options lists the windows allowed on weekday wd.
func (m *model) options(wd time.Weekday) []window {
	step := m.w.Step
	minLen := max(1, int((m.s.MinOpen+step-1)/step))
	maxLen := m.slots
	if m.s.MaxOpen > 0 {
		maxLen = int(m.s.MaxOpen / step)
	}
	first := int((m.s.Earliest + step - 1) / step)
	last := m.slots
	if m.s.Latest > 0 {
		last = int(m.s.Latest / step)
	}
	var opts []window
	if m.s.ClosedOK[wd] {
		opts = append(opts, closedWindow)
	}
	for o := first; o < last; o++ {
		for l := minLen; l <= maxLen && o+l <= last; l++ {
			opts = append(opts, window{o, o + l})
		}
	}
	if a := m.s.Allow.Days[wd]; a.IsOpen() && a.Open%step == 0 && a.Close%step == 0 && a.Close <= 24*time.Hour {
		w := window{int(a.Open / step), int(a.Close / step)}
		found := false
		for _, o := range opts {
			found = found || o == w
		}
		if !found {
			opts = append(opts, w)
		}
	}
	return opts
}
