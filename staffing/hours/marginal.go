package hours

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/staffcast/staffcast/staffing"
)

// Marginal is what moving one edge of a day's window by one slot is worth.
type Marginal struct {
	Weekday     time.Weekday
	Edge        string        // "open earlier", "close later", "open later", "close earlier"
	From, To    time.Duration // the slot added or removed, local clock
	Orders      float64       // orders gained (negative when lost)
	OrdersShare float64       // Orders as a share of the day's orders
	Calls       float64       // calls answered within target gained
	AgentHours  float64       // agent-hours added (negative when saved)
}

// Marginals returns, for every open day of p, the value of opening one
// slot earlier or closing one slot later, and of the reverse, ignoring
// the budget: what a planner weighs at each edge.
func Marginals(w *Week, s Settings, p *Plan) ([]Marginal, error) {
	s.Budget = max(s.Budget, 1)
	m, err := newModel(w, s)
	if err != nil {
		return nil, err
	}
	var days [7]window
	for d, day := range p.Days {
		if !day.Closed {
			days[d] = window{int(day.Open / w.Step), int(day.Close / w.Step)}
		}
	}
	base, err := m.plan(days)
	if err != nil {
		return nil, err
	}
	var out []Marginal
	for _, d := range weekOrder {
		win := days[d]
		if win.closed() {
			continue
		}
		type move struct {
			edge string
			w    window
			slot int
		}
		moves := []move{
			{"open earlier", window{win.open - 1, win.close}, win.open - 1},
			{"close later", window{win.open, win.close + 1}, win.close},
		}
		if win.close-win.open > 1 {
			moves = append(moves, move{"open later", window{win.open + 1, win.close}, win.open}, move{"close earlier", window{win.open, win.close - 1}, win.close - 1})
		}
		for _, mv := range moves {
			if mv.w.open < 0 || mv.w.close > m.slots {
				continue
			}
			alt := days
			alt[d] = mv.w
			q, err := m.plan(alt)
			if err != nil {
				return nil, err
			}
			mg := Marginal{Weekday: d, Edge: mv.edge, From: time.Duration(mv.slot) * w.Step, To: time.Duration(mv.slot+1) * w.Step,
				Orders: q.Orders - base.Orders, Calls: q.Calls - base.Calls, AgentHours: q.AgentHours - base.AgentHours}
			mg.OrdersShare = share(mg.Orders, base.Days[d].OrdersTotal)
			out = append(out, mg)
		}
	}
	return out, nil
}

// BestExtensions returns at most n of ms that gain orders, those that
// cover the largest share of their day's orders per agent-hour first (ties
// in the order of ms): the edges most worth moving if the budget allows.
// An extension is counted at half an agent-hour at least, so one that
// costs next to nothing does not rank on a near-zero divisor. ms is not
// changed.
func BestExtensions(ms []Marginal, n int) []Marginal {
	var gain []Marginal
	for _, m := range ms {
		if m.Orders > 0 {
			gain = append(gain, m)
		}
	}
	perHour := func(m Marginal) float64 { return m.OrdersShare / math.Max(math.Abs(m.AgentHours), 0.5) }
	slices.SortStableFunc(gain, func(a, b Marginal) int { return cmp.Compare(perHour(b), perHour(a)) })
	return gain[:min(n, len(gain))]
}

// CallbackLoad returns, for each weekday, the agents (fractional, before
// shrinkage) that callbacks add to each open slot of p: share of the calls
// of the closed hours before the opening (from the previous day's close)
// leave a request to be called back, and the requests are worked within
// `within` of the opening as deferred work (staffing.Deferred, every item
// inside the window). The requests arrive at the opening; the result for
// a day has one value per open slot.
func CallbackLoad(w *Week, s Settings, p *Plan, share float64, within time.Duration) ([7][]float64, error) {
	var out [7][]float64
	s.Budget = max(s.Budget, 1)
	m, err := newModel(w, s)
	if err != nil {
		return out, err
	}
	prevWd, prevClose := time.Sunday, -1
	if d := p.Days[time.Sunday]; !d.Closed {
		prevClose = int(d.Close / w.Step)
	}
	for _, d := range weekOrder {
		day := p.Days[d]
		if day.Closed {
			prevWd, prevClose = d, -1
			continue
		}
		open, close := int(day.Open/w.Step), int(day.Close/w.Step)
		vol := make([]float64, close-open)
		aht := make([]time.Duration, len(vol))
		for i := range aht {
			aht[i] = s.AHT
		}
		vol[0] = share * m.night(int(prevWd), int(d), prevClose, open)
		needs, err := staffing.Deferred(vol, aht, nil, w.Step, staffing.Promise{Share: 1, Within: within})
		if err != nil {
			return out, err
		}
		for _, n := range needs {
			out[d] = append(out[d], n.Fractional)
		}
		prevWd, prevClose = d, close
	}
	return out, nil
}
