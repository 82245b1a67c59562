package hours

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"
	"time"

	"github.com/staffcast/staffcast/clock"
	"github.com/staffcast/staffcast/staffing"
)

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
		sum.callsLow += e.callsLow
		sum.chats += e.chats
		sum.units += e.units
		sum.cost += e.cost
		prevWd = d
		prevClose = -1
		if !w.closed() {
			prevClose = w.close
		}
	}
	return sum, prevClose, nil
}

// Recommend returns the opening hours that maximise the objective within
// the budget and the constraints.
//
// The optimum is exact: a dynamic programme over the units of the week
// (days, or Monday to Friday together) whose labels are partial weeks
// with their cost, value and floor calls (and, when displaced callers
// return, the previous day's close; with MaxWindows, the windows used).
// A label is dropped only when another of the same state costs no more,
// is worth no less and answers no fewer floor calls, or when no
// completion can meet the budget or the floor; so the best complete
// label is the optimum of the enumeration the tests check it against.
// Among the plans within NearTie of the best value (that meet the budget
// and the floor) the most regular wins: the fewest distinct windows in
// the week, then the fewest Monday-to-Friday day patterns, then the
// fewest agent-hours (cost). A plan a manager would publish matters more
// than the last half per cent: the best value stays in BestValue and the
// best plan in Best. That choice is exact as well: see regular.
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
	ls, first, best, err := m.search(us, s.Budget)
	if err != nil {
		return nil, err
	}
	if len(ls) == 0 {
		return nil, m.infeasible(us)
	}
	bar := best - NearTie*math.Abs(best) - tieTol(best)
	// The best plan; among exact ties the one Recommend would choose.
	var tops []cand
	for _, l := range ls {
		if l.value >= best-tieTol(best) {
			days := expand(us, l.windows(us))
			tops = append(tops, cand{l, days, distinctWindows(days[:]), weekdayPatterns(days)})
		}
	}
	topDays := slices.MinFunc(tops, regularFirst).days
	regular, err := m.regular(us, s.Budget, best, distinctWindows(topDays[:]))
	if err != nil {
		return nil, err
	}
	var near, all []cand
	seen := map[[7]window]bool{}
	for _, l := range append(append(regular, ls...), first...) {
		days := expand(us, l.windows(us))
		if seen[days] {
			continue
		}
		seen[days] = true
		c := cand{l, days, distinctWindows(days[:]), weekdayPatterns(days)}
		if l.value >= bar {
			near = append(near, c)
		} else {
			all = append(all, c)
		}
	}
	slices.SortStableFunc(near, regularFirst)
	chosen := near[0]
	p, err := m.plan(chosen.days)
	if err != nil {
		return nil, err
	}
	p.Optimal = !m.truncated
	p.BestValue = best
	p.NearTies = len(near) - 1
	if chosen.days != topDays {
		if p.Best, err = m.plan(topDays); err != nil {
			return nil, err
		}
	}
	// The alternatives: the next near-ties in the order of the choice, then
	// the plans closest in value.
	slices.SortStableFunc(all, func(a, b cand) int {
		return cmp.Compare(math.Abs(a.l.value-chosen.l.value), math.Abs(b.l.value-chosen.l.value))
	})
	for _, c := range append(near[1:], all...) {
		if len(p.Alternatives) == 2 {
			break
		}
		if c.days == topDays {
			continue // p.Best
		}
		q, err := m.plan(c.days)
		if err != nil {
			return nil, err
		}
		p.Alternatives = append(p.Alternatives, q)
	}
	return p, nil
}

// cand is a complete plan the choice considers.
type cand struct {
	l        *label
	days     [7]window
	windows  int
	weekdays int
}

// regularFirst orders near-ties as Recommend chooses among them.
func regularFirst(a, b cand) int {
	if a.windows != b.windows {
		return cmp.Compare(a.windows, b.windows)
	}
	if a.weekdays != b.weekdays {
		return cmp.Compare(a.weekdays, b.weekdays)
	}
	if math.Abs(a.l.cost-b.l.cost) > 1e-9*math.Max(1, math.Abs(a.l.cost)) {
		return cmp.Compare(a.l.cost, b.l.cost)
	}
	if c := cmp.Compare(b.l.value, a.l.value); c != 0 {
		return c
	}
	// The same on every count: the earlier windows, for a stable answer.
	for _, d := range weekOrder {
		if c := cmp.Compare(a.days[d].open, b.days[d].open); c != 0 {
			return c
		}
		if c := cmp.Compare(a.days[d].close, b.days[d].close); c != 0 {
			return c
		}
	}
	return 0
}

// regular returns the complete labels within NearTie of best that have
// the fewest distinct windows, keeping, for each set of windows and
// Monday-to-Friday pattern count, every label no other beats on cost,
// value and floor calls: so the most regular near-tie, and the cheapest
// of those, is among them. It runs the dynamic programme with a cap of
// k windows for k = 1, 2, ... up to the best plan's count (topWindows),
// stopping at the first k that reaches the bar; labels that cannot come
// within NearTie of best are dropped on the way (the exact pass's bound).
func (m *model) regular(us []unit, budget, best float64, topWindows int) ([]*label, error) {
	if topWindows == 0 {
		return nil, nil // all closed: nothing is more regular
	}
	bar := best - NearTie*math.Abs(best) - tieTol(best)
	saved := m.s.MaxWindows
	m.patterns = true
	defer func() { m.s.MaxWindows, m.patterns = saved, false }()
	for k := 1; k <= topWindows; k++ {
		m.s.MaxWindows = k
		ls, _, err := m.pass(us, budget, 0, best)
		if err != nil {
			return nil, err
		}
		var near []*label
		for _, l := range ls {
			if l.value >= bar {
				near = append(near, l)
			}
		}
		if len(near) > 0 {
			return near, nil
		}
	}
	return nil, nil
}

// weekdayPatterns counts the different day patterns Monday to Friday,
// closed being one: 1 means Monday to Friday alike.
func weekdayPatterns(days [7]window) int {
	n := distinctWindows(days[time.Monday : time.Friday+1])
	for _, w := range days[time.Monday : time.Friday+1] {
		if w.closed() {
			return n + 1
		}
	}
	return n
}

func tieTol(v float64) float64 { return 1e-9 * math.Max(1, math.Abs(v)) }

// maxLabels bounds the labels the exact pass keeps after a unit.
const maxLabels = 20000

// label is a partial week in the dynamic programme.
type label struct {
	cost, value, floor float64
	start, end         int      // the state the week started from and the one it is in
	set                []window // distinct windows so far (only with MaxWindows)
	// patterns is the number of Monday-to-Friday day patterns (closed
	// being one) once Friday is placed, and wkClosed whether a day up to
	// Friday is closed (only with model.patterns).
	patterns int
	wkClosed bool
	parent   *label
	opt      int
}

// windows returns the window of every unit along l's path.
func (l *label) windows(us []unit) []window {
	wins := make([]window, len(us))
	for ui := len(us) - 1; ui >= 0; ui-- {
		wins[ui] = us[ui].opts[l.opt]
		l = l.parent
	}
	return wins
}

type unitEval struct {
	cost, value, floor float64
	end                int
}

// needFloor reports whether the floor is a constraint of the objective.
func (m *model) needFloor() bool { return m.s.Objective == CallsThenOrders && m.s.Floor > 0 }

// search runs the dynamic programme with the given budget (0: none) and
// returns the complete, feasible labels and the best value among them.
//
// A first pass keeps only the beam best labels of each unit; its best
// complete plan (an incumbent) then bounds the exact pass, which drops a
// label when even the most valuable completion within the budget cannot
// come within NearTie of the incumbent.
//
// It returns the complete labels of the exact pass, those of the first
// pass (which reach further from the best: alternatives) and the best value.
func (m *model) search(us []unit, budget float64) ([]*label, []*label, float64, error) {
	first, best, err := m.pass(us, budget, 48, math.Inf(-1))
	if err != nil {
		return nil, nil, 0, err
	}
	// Without an incumbent (the beam found no feasible plan) the exact pass
	// runs unbounded by value.
	ls, best, err := m.pass(us, budget, 0, best)
	return ls, first, best, err
}

// pass is one pass of the dynamic programme: with beam > 0 only the beam
// most valuable labels survive each unit.
func (m *model) pass(us []unit, budget float64, beam int, incumbent float64) ([]*label, float64, error) {
	nState := 1
	if m.s.Displaced > 0 {
		nState = m.slots + 2 // previous close -1..slots
	}
	needFloor := m.needFloor()
	if m.tables == nil || m.tables.us != &us[0] || m.tables.budget != budget {
		t, err := m.buildTables(us, nState, needFloor, budget)
		if err != nil {
			return nil, 0, err
		}
		m.tables = t
	}
	evals, suffix, values := m.tables.evals, m.tables.suffix, m.tables.values
	bar := incumbent - NearTie*math.Abs(incumbent) - tieTol(incumbent)
	eps := 1e-9 * math.Max(1, budget)
	floorEps := 1e-9 * math.Max(1, m.s.Floor)
	var cur []*label
	for st := 0; st < nState; st++ {
		cur = append(cur, &label{start: st, end: st})
	}
	for ui, u := range us {
		var next []*label
		for _, l := range cur {
			for oi, w := range u.opts {
				ue := evals[ui][l.end][oi]
				c := l.cost + ue.cost
				f := l.floor + ue.floor
				rest, ok := cheapest(suffix[ui+1], m.s.Floor-f-floorEps, needFloor)
				if !ok || budget > 0 && c+rest > budget+eps {
					continue
				}
				rem := math.Inf(1)
				if budget > 0 {
					rem = budget - c + eps
				}
				if v := l.value + ue.value; v+mostValue(values[ui+1], rem) < bar || needFloor && v+m.tables.priced(ui+1, rem, m.s.Floor-f) < bar {
					continue
				}
				if needFloor {
					// Floor calls above the floor buy nothing: capping them lets
					// labels that met it dominate each other on cost and value.
					f = math.Min(f, m.s.Floor)
				}
				var set []window
				if m.s.MaxWindows > 0 {
					var ok bool
					if set, ok = addWindow(l.set, w, m.s.MaxWindows); !ok {
						continue
					}
					// With every window used, the units to come choose among
					// these or closed: a tighter bound on what they add.
					if len(set) == m.s.MaxWindows && l.value+ue.value+m.tables.within(ui+1, set) < bar {
						continue
					}
				}
				nl := &label{cost: c, value: l.value + ue.value, floor: f, start: l.start, end: ue.end, set: set, parent: l, opt: oi}
				if m.patterns {
					nl.patterns, nl.wkClosed = l.patterns, l.wkClosed
					if u.days[0] <= time.Friday && u.days[0] >= time.Monday {
						nl.wkClosed = nl.wkClosed || w.closed()
					}
					if u.days[len(u.days)-1] == time.Friday {
						// Before Saturday every window in set is a weekday's.
						nl.patterns = len(set)
						if nl.wkClosed {
							nl.patterns++
						}
					}
				}
				next = append(next, nl)
			}
		}
		cur = prune(next)
		limit := beam
		if beam == 0 && len(cur) > maxLabels {
			// Past this many labels (a cap on windows multiplies the states)
			// the search keeps the most valuable and no longer proves the optimum.
			limit, m.truncated = maxLabels, true
		}
		if limit > 0 && len(cur) > limit {
			slices.SortFunc(cur, func(a, b *label) int { return cmp.Compare(b.value, a.value) })
			if needFloor && beam == 0 {
				// Keep half by value and half by floor calls per cost, so that
				// plans which meet the floor cheaply survive as well.
				rest := cur[limit/2:]
				slices.SortFunc(rest, func(a, b *label) int { return cmp.Compare(b.floor/(1+b.cost), a.floor/(1+a.cost)) })
			}
			cur = cur[:limit]
		}
	}
	var out []*label
	best := math.Inf(-1)
	for _, l := range cur {
		if l.end != l.start {
			continue // the week wraps: Sunday's close is Monday's previous close
		}
		out = append(out, l)
		best = math.Max(best, l.value)
	}
	return out, best, nil
}

// costFloor is a cost and the floor calls it buys.
type costFloor struct{ cost, floor float64 }

// staircase keeps the points no other point beats in both cost (lower)
// and floor (higher), sorted by floor and cost ascending.
func staircase(ps []costFloor) []costFloor {
	slices.SortFunc(ps, func(a, b costFloor) int {
		if c := cmp.Compare(a.cost, b.cost); c != 0 {
			return c
		}
		return cmp.Compare(b.floor, a.floor)
	})
	var out []costFloor
	for _, p := range ps {
		if len(out) == 0 || p.floor > out[len(out)-1].floor+tieTol(p.floor) {
			out = append(out, p)
		}
	}
	return out
}

// cheapest returns the least cost on the staircase that reaches floor
// (with needFloor false: the least cost of all).
func cheapest(st []costFloor, floor float64, needFloor bool) (float64, bool) {
	if !needFloor || floor <= 0 {
		return st[0].cost, true
	}
	i := sort.Search(len(st), func(i int) bool { return st[i].floor >= floor })
	if i == len(st) {
		return 0, false
	}
	return st[i].cost, true
}

// mostValue returns the most value (the staircase's floor field) at a
// cost of at most budget.
func mostValue(st []costFloor, budget float64) float64 {
	i := sort.Search(len(st), func(i int) bool { return st[i].cost > budget })
	if i == 0 {
		return math.Inf(-1)
	}
	return st[i-1].floor
}

// tables are what both passes of a search share: every option evaluated
// from every state, and the staircases that bound what is still to come.
type tables struct {
	us             *unit
	budget         float64 // of the passes they serve (the prices' grid spans it)
	evals          [][][]unitEval
	suffix, values [][]costFloor
	// opts finds a unit's option by its window (open·(slots+1)+close; -1:
	// none), and most is an option's most value from any state (for within).
	opts  [][]int
	most  [][]float64
	slots int
	// prices are Lagrangian bounds on the value still to come under the
	// floor: for a price λ per floor call, the most of value + λ·floor
	// each budget buys (see priced), on a grid of costs.
	prices []price
	grid   float64 // cost per grid step
}

// price is the most of value + λ·floor the units from ui onwards give
// for a cost of at most b grid steps: most[ui][b], with each option's
// cost rounded down to the grid (so it bounds from above).
type price struct {
	lambda float64
	most   [][]float64
}

// priceSteps is the number of grid steps the prices' costs span.
const priceSteps = 1024

// priced bounds the value units ui onwards add within budget while they
// answer need more floor calls: any such completion has value ≤ value +
// λ·(floor − need) ≤ the most of value + λ·floor − λ·need, for every λ ≥ 0.
// The floor couples with the budget (daytime calls and evening orders
// compete for the same hours), which the budget-only bound ignores.
func (t *tables) priced(ui int, budget, need float64) float64 {
	b := priceSteps
	if budget/t.grid < priceSteps {
		b = int(budget / t.grid)
	}
	if b < 0 {
		return math.Inf(-1)
	}
	v := math.Inf(1)
	for _, p := range t.prices {
		v = math.Min(v, p.most[ui][b]-p.lambda*need)
	}
	return v
}

// buildPrices fills t.prices: a few prices around the objective's value
// per floor call over the week's options (the least bound of them is
// taken), each a max-plus convolution over the units on a cost grid.
func (t *tables) buildPrices(us []unit, nState int, budget float64) {
	var v, f, span float64
	for ui := range us {
		c := 0.0
		for oi := range us[ui].opts {
			e := t.evals[ui][0][oi]
			v += math.Abs(e.value)
			f += e.floor
			c = math.Max(c, e.cost)
		}
		span += c
	}
	if f == 0 {
		return
	}
	if budget > 0 {
		// Within the budget no option costs more, and one capped at it
		// still costs at least the budget: the rounding stays downwards.
		span = math.Min(span, budget)
	}
	t.grid = math.Max(span/priceSteps, 1e-9)
	steps := make([][]int, len(us)) // each option's cost in grid steps, rounded down
	for ui := range us {
		for oi := range us[ui].opts {
			steps[ui] = append(steps[ui], min(priceSteps, int(t.evals[ui][0][oi].cost/t.grid)))
		}
	}
	for _, r := range []float64{0.25, 0.5, 1, 2, 4} {
		p := price{lambda: r * v / f, most: make([][]float64, len(us)+1)}
		p.most[len(us)] = make([]float64, priceSteps+1) // nothing more: 0 at any cost
		for ui := len(us) - 1; ui >= 0; ui-- {
			next, cur := p.most[ui+1], make([]float64, priceSteps+1)
			for b := range cur {
				cur[b] = math.Inf(-1)
			}
			for oi := range us[ui].opts {
				best := math.Inf(-1)
				for st := 0; st < nState; st++ {
					e := t.evals[ui][st][oi]
					best = math.Max(best, e.value+p.lambda*e.floor)
				}
				for b, c := steps[ui][oi], 0; b <= priceSteps; b, c = b+1, c+1 {
					cur[b] = math.Max(cur[b], best+next[c])
				}
			}
			p.most[ui] = cur
		}
		t.prices = append(t.prices, p)
	}
}

// within bounds the value units ui onwards can add when each is closed or
// open in one of the windows in set: the sum of their best such options,
// budget aside; -Inf when a unit has none.
func (t *tables) within(ui int, set []window) float64 {
	v := 0.0
	for ; ui < len(t.opts); ui++ {
		best := math.Inf(-1)
		for i := -1; i < len(set); i++ {
			w := closedWindow
			if i >= 0 {
				w = set[i]
			}
			if oi := t.opts[ui][w.open*(t.slots+1)+w.close]; oi >= 0 {
				best = math.Max(best, t.most[ui][oi])
			}
		}
		v += best
	}
	return v
}

// buildTables builds the tables for passes with the given budget (0: none).
func (m *model) buildTables(us []unit, nState int, needFloor bool, budget float64) (*tables, error) {
	// Every unit's options evaluated from every state.
	evals := make([][][]unitEval, len(us))
	prevWd := time.Sunday
	for ui, u := range us {
		evals[ui] = make([][]unitEval, nState)
		for st := 0; st < nState; st++ {
			for _, w := range u.opts {
				e, end, err := m.evalUnit(u, w, prevWd, st-1)
				if err != nil {
					return nil, err
				}
				ue := unitEval{cost: e.cost, value: m.value(e), end: 0}
				if needFloor {
					ue.floor = e.callsLow
				}
				if nState > 1 {
					ue.end = end + 1
				}
				evals[ui][st] = append(evals[ui][st], ue)
			}
		}
		prevWd = u.days[len(u.days)-1]
	}
	// Bounds on what the units still to come can add: the least cost of
	// reaching each floor (a staircase per suffix of units), from state 0
	// (no returning callers: the least load) and, with returning callers,
	// every low call counted as answered.
	suffix := make([][]costFloor, len(us)+1)
	suffix[len(us)] = []costFloor{{0, 0}}
	for ui := len(us) - 1; ui >= 0; ui-- {
		var cand []costFloor
		for oi, w := range us[ui].opts {
			c, fl := evals[ui][0][oi].cost, evals[ui][0][oi].floor
			if nState > 1 && needFloor {
				fl = 0
				for _, d := range us[ui].days {
					for k := w.open; k < w.close; k++ {
						fl += m.low(int(d), k)
					}
				}
			}
			for _, x := range suffix[ui+1] {
				cand = append(cand, costFloor{c + x.cost, fl + x.floor})
			}
		}
		suffix[ui] = staircase(cand)
	}
	// The most value each budget can still buy (the best state's value and
	// the least cost of every option).
	values := make([][]costFloor, len(us)+1)
	values[len(us)] = []costFloor{{0, 0}}
	for ui := len(us) - 1; ui >= 0; ui-- {
		var cand []costFloor
		for oi := range us[ui].opts {
			v := math.Inf(-1)
			for st := 0; st < nState; st++ {
				v = math.Max(v, evals[ui][st][oi].value)
			}
			for _, x := range values[ui+1] {
				cand = append(cand, costFloor{evals[ui][0][oi].cost + x.cost, v + x.floor})
			}
		}
		values[ui] = staircase(cand)
	}
	t := &tables{us: &us[0], budget: budget, evals: evals, suffix: suffix, values: values}
	if needFloor {
		t.buildPrices(us, nState, budget)
	}
	t.slots = m.slots
	for ui, u := range us {
		byWin := make([]int, (m.slots+1)*(m.slots+1))
		for i := range byWin {
			byWin[i] = -1
		}
		most := make([]float64, len(u.opts))
		for oi, w := range u.opts {
			byWin[w.open*(m.slots+1)+w.close] = oi
			most[oi] = math.Inf(-1)
			for st := 0; st < nState; st++ {
				most[oi] = math.Max(most[oi], evals[ui][st][oi].value)
			}
		}
		t.opts, t.most = append(t.opts, byWin), append(t.most, most)
	}
	return t, nil
}

// addWindow returns set (sorted) with w added, and false when that
// would make more than limit windows; it allocates only when set grows.
func addWindow(set []window, w window, limit int) ([]window, bool) {
	if w.closed() {
		return set, true
	}
	i := 0
	for ; i < len(set); i++ {
		if set[i] == w {
			return set, true
		}
		if set[i].open > w.open || set[i].open == w.open && set[i].close > w.close {
			break
		}
	}
	if len(set) >= limit {
		return nil, false
	}
	out := make([]window, 0, len(set)+1)
	out = append(append(append(out, set[:i]...), w), set[i:]...)
	return out, true
}

// prune drops the labels another label of the same state dominates: it
// costs no more, is worth no less and has no fewer floor calls.
func prune(ls []*label) []*label {
	type key struct {
		start, end int
		set        string
		patterns   int
		wkClosed   bool
	}
	groups := map[key][]*label{}
	var keys []key
	for _, l := range ls {
		k := key{start: l.start, end: l.end, patterns: l.patterns, wkClosed: l.wkClosed}
		if l.set != nil {
			b := make([]byte, 0, 2*len(l.set))
			for _, w := range l.set {
				b = append(b, byte(w.open), byte(w.close))
			}
			k.set = string(b)
		}
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], l)
	}
	var out []*label
	type pt struct{ v, f float64 }
	for _, k := range keys {
		g := groups[k]
		slices.SortFunc(g, func(a, b *label) int {
			if c := cmp.Compare(a.cost, b.cost); c != 0 {
				return c
			}
			if c := cmp.Compare(b.value, a.value); c != 0 {
				return c
			}
			return cmp.Compare(b.floor, a.floor)
		})
		// The staircase of (value, floor) of the labels kept so far: value
		// descending, floor ascending.
		var pts []pt
		for _, l := range g {
			veps := tieTol(l.value)
			i := sort.Search(len(pts), func(j int) bool { return pts[j].v < l.value-veps })
			if i > 0 && pts[i-1].f >= l.floor-tieTol(l.floor) {
				continue
			}
			j := i
			for j < len(pts) && pts[j].f <= l.floor+tieTol(l.floor) {
				j++
			}
			pts = append(pts[:i], append([]pt{{l.value, l.floor}}, pts[j:]...)...)
			out = append(out, l)
		}
	}
	return out
}

// infeasible explains why no plan meets the constraints, with the
// smallest budget that would.
func (m *model) infeasible(us []unit) error {
	m.minCost, m.tables = true, nil
	defer func() { m.minCost, m.tables = false, nil }()
	ls, _, _, err := m.search(us, 0)
	if err != nil {
		return err
	}
	if len(ls) == 0 {
		if m.needFloor() {
			return &InfeasibleError{Budget: m.s.Budget, Floor: m.s.Floor, Reason: fmt.Sprintf("no opening hours within the constraints answer %.0f calls within target", m.s.Floor)}
		}
		return &InfeasibleError{Budget: m.s.Budget, Reason: "no combination of windows is allowed"}
	}
	minCost := math.Inf(1)
	for _, l := range ls {
		minCost = math.Min(minCost, l.cost)
	}
	e := &InfeasibleError{Budget: m.s.Budget, MinBudget: math.Ceil(minCost*100-1e-6) / 100}
	if m.needFloor() {
		e.Floor = m.s.Floor
	}
	return e
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
		day := Day{Weekday: d, Closed: w.closed(), Orders: e.orders, Calls: e.calls, CallsLow: e.callsLow, CallsOpen: e.callsOpen, Chats: e.chats, Returning: e.returning,
			AgentHours: float64(e.units) * m.hours, Cost: e.cost, Agents: e.agents}
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
		p.CallsLow += day.CallsLow
		p.CallsOpen += day.CallsOpen
		p.CallsAll += day.CallsTotal
		p.Chats += day.Chats
		p.ChatsAll += day.ChatsTotal
		p.AgentHours += day.AgentHours
		p.Cost += day.Cost
		p.Value += m.value(e)
		prevWd, prevClose = d, -1
		if !w.closed() {
			prevClose = w.close
		}
	}
	p.Windows = distinctWindows(days[:])
	p.Weekdays = weekdayPatterns(days)
	return p, nil
}

// distinctWindows counts the different open windows among days.
func distinctWindows(days []window) int {
	seen := map[window]bool{}
	for _, w := range days {
		if !w.closed() {
			seen[w] = true
		}
	}
	return len(seen)
}

// Evaluate returns what given opening hours (such as today's) cover and
// cost under the same model, for comparison with a recommendation.
func Evaluate(w *Week, s Settings, h staffing.OpeningHours) (*Plan, error) {
	s.Budget = math.Max(s.Budget, 1) // a current plan is evaluated, not bounded
	s.Floor = 0
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
