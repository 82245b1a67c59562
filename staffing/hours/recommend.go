package hours

import (
	"fmt"
	"math"
	"time"

	"github.com/staffcast/staffcast/clock"
	"github.com/staffcast/staffcast/staffing"
)

// cachedEval is a unit's window evaluated from one state; the dynamic
// programme meets it again for every state the week may start from.
type cachedEval struct {
	e     dayEval
	end   int
	value float64
}

// unit is a group of consecutive weekdays that share one window.
type unit struct {
	days []time.Weekday
	opts []window
}

func (m *model) units() ([]unit, error) {
	var us []unit
	if m.s.SameWeekdays {
		us = append(us, unit{days: weekOrder[:5]})
		us = append(us, unit{days: []time.Weekday{time.Saturday}}, unit{days: []time.Weekday{time.Sunday}})
	} else {
		for _, d := range weekOrder {
			us = append(us, unit{days: []time.Weekday{d}})
		}
	}
	for i := range us {
		u := &us[i]
		closedOK := true
		for _, d := range u.days {
			closedOK = closedOK && m.s.ClosedOK[d]
		}
		for _, w := range m.options(u.days[0]) {
			if !w.closed() || closedOK {
				u.opts = append(u.opts, w)
			}
		}
		if len(u.opts) == 0 {
			return nil, fmt.Errorf("%w: no window of %v to %v fits between %s and %s on %v", ErrInfeasible, m.s.MinOpen, m.s.MaxOpen, clock.Format(m.s.Earliest), clock.Format(m.latest()), u.days[0])
		}
	}
	return us, nil
}

func (m *model) latest() time.Duration {
	if m.s.Latest == 0 {
		return 24 * time.Hour
	}
	return m.s.Latest
}

// evalUnit applies window w to the days of u, starting from the previous
// day's close, and returns the sum and the last day's close (-1 when closed).
func (m *model) evalUnit(u unit, w window, prevWd time.Weekday, prevClose int) (dayEval, int, error) {
	var sum dayEval
	for _, d := range u.days {
		e, err := m.evalDay(int(d), w, int(prevWd), prevClose)
		if err != nil {
			return sum, 0, err
		}
		sum.orders += e.orders
		sum.calls += e.calls
		sum.chats += e.chats
		sum.units += e.units
		prevWd = d
		prevClose = -1
		if !w.closed() {
			prevClose = w.close
		}
	}
	return sum, prevClose, nil
}

// Recommend returns the opening hours that maximise the objective within
// the budget and the constraints. The optimum is exact: a dynamic
// programme over the days of the week, whose state is the agent-slots
// spent so far and (when displaced callers return) the previous day's
// closing slot, tries every allowed window of every day. Ties in the
// objective go to fewer agent-hours.
func Recommend(w *Week, s Settings) (*Plan, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	m, err := newModel(w, s)
	if err != nil {
		return nil, err
	}
	us, err := m.units()
	if err != nil {
		return nil, err
	}
	capUnits := -1 // no budget
	if s.Budget > 0 {
		capUnits = int(math.Floor(s.Budget/m.hours + 1e-9))
	}
	nState := 1
	if s.Displaced > 0 {
		nState = m.slots + 2 // prevClose -1..slots
	}
	starts := []int{0}
	if nState > 1 {
		starts = nil
		for st := 0; st < nState; st++ {
			starts = append(starts, st)
		}
	}
	best := struct {
		value float64
		units int
		wins  []window
		ok    bool
	}{}
	minUnits := math.MaxInt
	for _, s0 := range starts {
		wins, value, units, cheapest, ok, err := m.solve(us, s0, capUnits, nState)
		if err != nil {
			return nil, err
		}
		minUnits = min(minUnits, cheapest)
		if ok && (!best.ok || value > best.value+tieTol(best.value) || math.Abs(value-best.value) <= tieTol(best.value) && units < best.units) {
			best.value, best.units, best.wins, best.ok = value, units, wins, true
		}
	}
	if !best.ok {
		if minUnits == math.MaxInt {
			return nil, fmt.Errorf("%w: no combination of windows is allowed", ErrInfeasible)
		}
		return nil, fmt.Errorf("%w: a budget of %g agent-hours per week is too small: the cheapest opening hours that meet the constraints need %g agent-hours",
			ErrInfeasible, s.Budget, float64(minUnits)*m.hours)
	}
	var days [7]window
	for i, u := range us {
		for _, d := range u.days {
			days[d] = best.wins[i]
		}
	}
	p, err := m.plan(days)
	if err != nil {
		return nil, err
	}
	p.Optimal = true
	return p, nil
}

func tieTol(v float64) float64 { return 1e-9 * math.Max(1, math.Abs(v)) }

// solve runs the dynamic programme with the week's first day preceded by
// state s0 (and, with returning callers, ending in it too, as the week
// wraps). It returns the best windows per unit, their value and cost, and
// the cost of the cheapest feasible plan ignoring the budget.
func (m *model) solve(us []unit, s0, capUnits, nState int) ([]window, float64, int, int, bool, error) {
	width := capUnits + 1
	if capUnits < 0 {
		width = 1 // no budget: the cost is in the value
	}
	type back struct {
		prevState, prevU, opt int
	}
	negInf := math.Inf(-1)
	cur := make([]float64, nState*width)
	for i := range cur {
		cur[i] = negInf
	}
	cur[s0*width] = 0
	curMin := make([]int, nState) // cheapest cost reaching each state, ignoring the budget
	for i := range curMin {
		curMin[i] = math.MaxInt
	}
	curMin[s0] = 0
	backs := make([][]back, len(us))
	prevWd := time.Sunday
	for ui, u := range us {
		next := make([]float64, nState*width)
		for i := range next {
			next[i] = negInf
		}
		nextMin := make([]int, nState)
		for i := range nextMin {
			nextMin[i] = math.MaxInt
		}
		bk := make([]back, nState*width)
		for st := 0; st < nState; st++ {
			if curMin[st] == math.MaxInt {
				continue
			}
			for oi, w := range u.opts {
				key := [3]int{ui, st, oi}
				ce, ok := m.evals[key] // only filled when the week is solved from several start states
				if !ok {
					e, end, err := m.evalUnit(u, w, prevWd, st-1)
					if err != nil {
						return nil, 0, 0, 0, false, err
					}
					ce = cachedEval{e, end, m.value(e)}
					if nState > 1 {
						m.evals[key] = ce
					}
				}
				e, end, v := ce.e, ce.end, ce.value
				ns := 0
				if nState > 1 {
					ns = end + 1
				}
				if c := curMin[st] + e.units; c < nextMin[ns] {
					nextMin[ns] = c
				}
				if capUnits < 0 {
					if cur[st*width] == negInf {
						continue
					}
					if nv := cur[st*width] + v; nv > next[ns*width] {
						next[ns*width] = nv
						bk[ns*width] = back{st, 0, oi}
					}
					continue
				}
				for uu := 0; uu+e.units <= capUnits; uu++ {
					if cur[st*width+uu] == negInf {
						continue
					}
					j := ns*width + uu + e.units
					if nv := cur[st*width+uu] + v; nv > next[j] {
						next[j] = nv
						bk[j] = back{st, uu, oi}
					}
				}
			}
		}
		backs[ui] = bk
		cur, curMin = next, nextMin
		prevWd = u.days[len(u.days)-1]
	}
	// The week wraps: with returning callers the last day's close must be
	// the state the first day started from.
	finals := []int{0}
	if nState > 1 {
		finals = []int{s0}
	}
	cheapest := math.MaxInt
	bestV, bestU, bestS, found := negInf, 0, 0, false
	for _, st := range finals {
		cheapest = min(cheapest, curMin[st])
		for uu := 0; uu < width; uu++ {
			v := cur[st*width+uu]
			if v == negInf {
				continue
			}
			if !found || v > bestV+tieTol(bestV) {
				bestV, bestU, bestS, found = v, uu, st, true
			}
		}
	}
	if !found {
		return nil, 0, 0, cheapest, false, nil
	}
	wins := make([]window, len(us))
	st, uu := bestS, bestU
	for ui := len(us) - 1; ui >= 0; ui-- {
		b := backs[ui][st*width+uu]
		wins[ui] = us[ui].opts[b.opt]
		st, uu = b.prevState, b.prevU
	}
	units := bestU
	if capUnits < 0 {
		units = 0
		p, err := m.plan(expand(us, wins))
		if err != nil {
			return nil, 0, 0, 0, false, err
		}
		units = int(math.Round(p.AgentHours / m.hours))
	}
	return wins, bestV, units, cheapest, true, nil
}

func expand(us []unit, wins []window) [7]window {
	var days [7]window
	for i, u := range us {
		for _, d := range u.days {
			days[d] = wins[i]
		}
	}
	return days
}

// plan evaluates the week's windows (indexed by weekday) into a Plan.
func (m *model) plan(days [7]window) (*Plan, error) {
	p := &Plan{}
	prevClose := -1
	if w := days[time.Sunday]; !w.closed() {
		prevClose = w.close
	}
	prevWd := time.Sunday
	for _, d := range weekOrder {
		w := days[d]
		e, err := m.evalDay(int(d), w, int(prevWd), prevClose)
		if err != nil {
			return nil, err
		}
		day := Day{Weekday: d, Closed: w.closed(), Orders: e.orders, Calls: e.calls, CallsOpen: e.callsOpen, Chats: e.chats, Returning: e.returning,
			AgentHours: float64(e.units) * m.hours, Agents: e.agents}
		if !w.closed() {
			day.Open, day.Close = time.Duration(w.open)*m.w.Step, time.Duration(w.close)*m.w.Step
		}
		for k := 0; k < m.slots; k++ {
			day.OrdersTotal += m.w.Orders[d][k]
			day.CallsTotal += m.w.Calls[d][k]
			day.ChatsTotal += m.w.Chats[d][k]
		}
		p.Days[d] = day
		p.Orders += day.Orders
		p.OrdersAll += day.OrdersTotal
		p.Calls += day.Calls
		p.CallsOpen += day.CallsOpen
		p.CallsAll += day.CallsTotal
		p.Chats += day.Chats
		p.ChatsAll += day.ChatsTotal
		p.AgentHours += day.AgentHours
		p.Value += m.value(e)
		prevWd, prevClose = d, -1
		if !w.closed() {
			prevClose = w.close
		}
	}
	return p, nil
}

// Evaluate returns what given opening hours (such as today's) cover and
// cost under the same model, for comparison with a recommendation.
func Evaluate(w *Week, s Settings, h staffing.OpeningHours) (*Plan, error) {
	s.Budget = math.Max(s.Budget, 1) // a current plan is evaluated, not bounded
	if err := s.Validate(); err != nil {
		return nil, err
	}
	m, err := newModel(w, s)
	if err != nil {
		return nil, err
	}
	var days [7]window
	for d := 0; d < 7; d++ {
		win := h.Days[d]
		if !win.IsOpen() {
			continue
		}
		if win.Open%w.Step != 0 || win.Close%w.Step != 0 {
			return nil, fmt.Errorf("hours: %v %s-%s is not on the %v grid of the demand", time.Weekday(d), clock.Format(win.Open), clock.Format(win.Close), w.Step)
		}
		days[d] = window{int(win.Open / w.Step), int(win.Close / w.Step)}
	}
	return m.plan(days)
}

// Hours returns the plan's opening hours.
func (p *Plan) Hours() staffing.OpeningHours {
	var h staffing.OpeningHours
	for d, day := range p.Days {
		if !day.Closed {
			h.Days[d] = staffing.Window{Open: day.Open, Close: day.Close}
		}
	}
	return h
}
