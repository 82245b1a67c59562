package shifts

import (
	"fmt"
	"math"
	"sort"
	"time"
)

// With breaks or a cyclic week the covering matrix is no longer an
// interval matrix, so the LP optimum need not be integral. solveGeneral
// therefore pairs a heuristic integer schedule (built on the exact flow)
// with a Lagrangian lower bound on the LP relaxation, and reports the gap.

// problem is a covering instance over n intervals whose columns are the
// candidate shifts, each with every allowed break placement.
type problem struct {
	n     int
	req   []int
	cands []candidate
	r     Rules
	// span lists, for each interval, the candidates whose span covers it.
	span [][]int
	// price, when set, is the LP's dual price per interval, used to place
	// breaks where cover is cheapest.
	price []float64
}

func newProblem(req []int, cands []candidate, r Rules) *problem {
	p := &problem{n: len(req), req: req, cands: cands, r: r, span: make([][]int, len(req))}
	for j, c := range cands {
		for o := 0; o < c.k; o++ {
			t := (c.start + o) % p.n
			p.span[t] = append(p.span[t], j)
		}
	}
	return p
}

func solveGeneral(start []time.Time, req []int, cands []candidate, r Rules) (*Schedule, error) {
	p := newProblem(req, cands, r)
	lb, cols, xlp, y := p.pdhg()
	ps, cost, err := p.primal(cols, xlp, y)
	if err != nil {
		return nil, err
	}
	lb = p.polish(y, lb, cost)
	what := "breaks"
	switch {
	case r.Cyclic && r.Break > 0:
		what = "breaks and a cyclic week"
	case r.Cyclic:
		what = "a cyclic week"
	}
	note := fmt.Sprintf("with %s the LP need not be integral: the schedule is a heuristic (LP diving, and flows on the requirement plus breaks, repaired and improved) and the bound a Lagrangian bound on the LP relaxation", what)
	if r.MaxAgents > 0 && agents(ps) > r.MaxAgents {
		var lam, capLB float64
		ps, cost, lam, capLB, err = p.capped(xlp, y)
		if err != nil {
			return nil, err
		}
		lb = math.Max(lb, math.Max(capLB, p.capBound(y, lam, cost)))
		note = fmt.Sprintf("with %s and agents capped at %d: the schedule is a heuristic (LP diving and flows, repaired and improved, with a price per shift found by bisection) and the bound a Lagrangian bound on the LP relaxation with a price on agents", what, r.MaxAgents)
	}
	cur := p // the problem whose candidates ps refers to
	if r.MaxStartTimes > 0 && len(p.usedClocks(ps)) > r.MaxStartTimes {
		for len(cur.usedClocks(ps)) > r.MaxStartTimes {
			// Drop the start time with the fewest agents (or the next,
			// when the heuristic cannot do without it) and solve again by
			// the flows alone (no LP: one per start time would cost too much).
			use := map[time.Duration]int{}
			for _, u := range ps {
				use[cur.cands[u.cand].clock] += u.agents
			}
			without := func(clock time.Duration) []candidate {
				var keep []candidate
				for _, c := range cur.cands {
					if c.clock != clock {
						keep = append(keep, c)
					}
				}
				return keep
			}
			order := make([]time.Duration, 0, len(use))
			for c := range use {
				order = append(order, c)
			}
			sort.Slice(order, func(a, b int) bool {
				return use[order[a]] < use[order[b]] || use[order[a]] == use[order[b]] && order[a] < order[b]
			})
			var next *problem
			for _, c := range order {
				keep := without(c)
				if uncovered(start, req, keep, r) != nil {
					continue
				}
				q := newProblem(req, keep, r)
				qs, qc, err := q.primal(nil, nil, nil)
				if err == nil && r.MaxAgents > 0 && agents(qs) > r.MaxAgents {
					qs, qc, _, _, err = q.capped(nil, nil)
				}
				if err == nil {
					next, ps, cost = q, qs, qc
					break
				}
			}
			if next == nil {
				return nil, fmt.Errorf("%w: the heuristic cannot drop another start time (down to %d) and still cover the requirement within the caps; raise the cap or set an under-staffing penalty", ErrUncoverable, r.MaxStartTimes)
			}
			cur = next
		}
		note += fmt.Sprintf("; start times capped at %d by dropping the least-used ones (a heuristic): the bound is without that cap", r.MaxStartTimes)
	}
	lb = math.Min(lb, cost)
	return schedule(start, req, cur.cands, ps, cost, lb, note), nil
}

// agents counts the agents of ps.
func agents(ps []placed) int {
	a := 0
	for _, u := range ps {
		a += u.agents
	}
	return a
}

// usedClocks returns the local start times ps uses.
func (p *problem) usedClocks(ps []placed) map[time.Duration]bool {
	used := map[time.Duration]bool{}
	for _, u := range ps {
		if u.agents > 0 {
			used[p.cands[u.cand].clock] = true
		}
	}
	return used
}

// priced returns p with every shift dearer by lam.
func (p *problem) priced(lam float64) *problem {
	q := *p
	q.cands = append([]candidate(nil), p.cands...)
	for j := range q.cands {
		q.cands[j].cost += lam
	}
	return &q
}

// surplus returns the cover of ps less the requirement per interval.
func (p *problem) surplus(ps []placed) []int {
	sur := coverage(p.n, p.cands, ps)
	for t := range sur {
		sur[t] -= p.req[t]
	}
	return sur
}

// capped meets MaxAgents (which the uncapped schedule exceeds) the way
// the breakless flow does: a price per shift, doubled until the heuristic
// (with every shift dearer by the price) stays within the cap and then
// bisected. With the LP's solution x, y (nil: flows only, for the start
// time pruning) each price's LP is solved again from there and dived.
// It returns the cheapest schedule within the cap found, its cost, the
// price it was found at and the best Lagrangian bound the priced LPs gave.
func (p *problem) capped(x, y []float64) ([]placed, float64, float64, float64, error) {
	cp := p.r.MaxAgents
	scale := 0.0 // the mean shift cost: prices are relative to it
	for _, c := range p.cands {
		scale += c.cost / float64(len(p.cands))
	}
	scale = math.Max(scale, 1e-6)
	var best []placed // may be empty: no agents at all, everything short
	bestCost, bestLam, lb := math.Inf(1), 0.0, math.Inf(-1)
	// try runs the heuristic at price lam: the flows alone (fast), or with
	// lp the priced LP from the last one, dived, as well.
	try := func(lam float64, lp bool) (bool, error) {
		q := p.priced(lam)
		var cols []lpCol
		if lp {
			var qlb float64
			qlb, cols, x, y = q.pdhgFrom(x, y, maxCapPDHG)
			lb = math.Max(lb, qlb-lam*float64(cp))
		}
		qs, _, err := q.primal(cols, x, y)
		if err != nil {
			return false, err
		}
		// The local search at the true costs: it never adds an agent.
		qs = p.improveMerged(qs)
		c := p.cost(qs, p.surplus(qs))
		if agents(qs) > cp || math.IsInf(c, 1) {
			return false, nil
		}
		if c < bestCost {
			best, bestCost, bestLam = qs, c, lam
		}
		return true, nil
	}
	// Bisect on the flows alone, and on the LP too only when the flows
	// never meet the cap; then dive the priced LP once at the price found.
	for _, lp := range []bool{false, true} {
		if lp && x == nil {
			break
		}
		lo, hi := 0.0, scale/16
		ok := false
		for ; !ok && hi <= 64*scale; lo, hi = hi, hi*2 { // past that the price dwarfs the costs
			var err error
			if ok, err = try(hi, lp); err != nil {
				return nil, 0, 0, 0, err
			}
			if ok {
				break
			}
		}
		if !ok {
			continue
		}
		for i := 0; i < 6; i++ {
			mid := (lo + hi) / 2
			ok, err := try(mid, lp)
			if err != nil {
				return nil, 0, 0, 0, err
			}
			if ok {
				hi = mid
			} else {
				lo = mid
			}
		}
		if !lp && x != nil {
			if _, err := try(hi, true); err != nil {
				return nil, 0, 0, 0, err
			}
		}
		break
	}
	if math.IsInf(bestCost, 1) {
		return nil, 0, 0, 0, fmt.Errorf("%w: even at any price per shift the heuristic needs more than %d agents; raise the cap or set an under-staffing penalty", ErrUncoverable, cp)
	}
	return best, bestCost, bestLam, lb, nil
}

// improveMerged is improve on merged units.
func (p *problem) improveMerged(ps []placed) []placed {
	var units []placed
	for _, u := range ps {
		for a := 0; a < u.agents; a++ {
			units = append(units, placed{u.cand, u.off, 1})
		}
	}
	units, _ = p.improve(units, p.surplus(units))
	return merge(units)
}

// maxCapPDHG caps the LP steps per price: each starts from the last.
const maxCapPDHG = 5000

// capBound is a lower bound on the LP with at most MaxAgents agents: for
// a price λ ≥ 0 per agent, L_λ(y) − λ·MaxAgents, where L_λ is the bound
// L (see lagValue) with every shift dearer by λ, is a lower bound for any
// y (the cap's row Σ x_q ≤ A is priced into the objective). It searches
// λ around lam (the price the schedule was found at) with the LP's duals
// y, then polishes y at the best λ; ub is an upper bound on the capped
// optimum (the schedule's cost).
func (p *problem) capBound(y []float64, lam, ub float64) float64 {
	cp := float64(p.r.MaxAgents)
	m := p.spanMax()
	pre := make([]float64, 2*p.n+1)
	at := func(l float64) float64 { return p.priced(l).lagValue(y, m, pre) - l*cp }
	// L_λ(y) − λA is concave in λ: a golden-section search over [0, 4·lam].
	a, b := 0.0, 4*math.Max(lam, 1e-9)
	g := (math.Sqrt(5) - 1) / 2
	for i := 0; i < 40; i++ {
		c, d := b-g*(b-a), a+g*(b-a)
		if at(c) >= at(d) {
			b = d
		} else {
			a = c
		}
	}
	l := (a + b) / 2
	q := p.priced(l)
	return q.polish(y, q.lagValue(y, m, pre), ub+l*cp) - l*cp
}

// spanMax returns, per candidate, the largest requirement in its span:
// the most agents an optimal LP solution puts on it.
func (p *problem) spanMax() []float64 {
	m := make([]float64, len(p.cands))
	for j, c := range p.cands {
		for o := 0; o < c.k; o++ {
			m[j] = math.Max(m[j], float64(p.req[(c.start+o)%p.n]))
		}
	}
	return m
}

// primal builds integer schedules and keeps the cheapest: the LP rounded
// by fractional diving; and the exact breakless flow for the requirement
// plus the LP's agents on break, with the breaks then placed where cover
// is spare, the requirement raised where that leaves it short, and the
// flow solved again. Each is repaired (shifts added where short) and
// improved. Diving usually wins; the flows are a quick second opinion.
func (p *problem) primal(cols []lpCol, xlp, y []float64) ([]placed, float64, error) {
	var best []placed
	bestCost := math.Inf(1)
	variants := 1 // without the LP (cols nil): no diving, one flow variant
	if cols != nil {
		units, sur := p.dive(cols, xlp, y)
		units, sur = p.repair(units, sur)
		units, sur = p.improve(units, sur)
		best, bestCost, variants = merge(units), p.cost(units, sur), 4
	}
	lpBreak := make([]float64, p.n)
	for i, cl := range cols {
		if c := p.cands[cl.j]; cl.off >= 0 {
			for o := cl.off; o < cl.off+c.brK; o++ {
				lpBreak[(c.start+o)%p.n] += xlp[i]
			}
		}
	}
	// The LP's agents on break rounded up at two thresholds, each with
	// breaks placed by spare cover alone or by the LP's prices.
	for variant := 0; variant < variants; variant++ {
		p.price = nil
		if variant >= 2 {
			p.price = y
		}
		rr := append([]int(nil), p.req...)
		theta := []float64{0.1, 0.3}[variant%2]
		for t := range rr {
			rr[t] += int(math.Ceil(lpBreak[t] - theta))
		}
		for it := 0; it < 4; it++ {
			x, err := p.baseSolve(rr)
			if err != nil {
				return nil, 0, err
			}
			units, sur := p.placeBreaks(x)
			// Next round: add what is still short after the breaks.
			next := append([]int(nil), rr...)
			for t, s := range sur {
				next[t] += max(0, -s)
			}
			units, sur = p.repair(units, sur)
			units, sur = p.improve(units, sur)
			if cost := p.cost(units, sur); cost < bestCost-1e-9 {
				best, bestCost = merge(units), cost
			}
			same := true
			for t := range next {
				same = same && next[t] == rr[t]
			}
			if same {
				break
			}
			rr = next
		}
	}
	return best, bestCost, nil
}

// dive rounds the LP by fractional diving: fix the agents of the columns
// at or near a whole number (0.7 and up), or else one agent of the column
// with the largest fraction; solve the LP again for what is left short,
// from the last solution (500 PDHG steps are enough from there), and
// repeat until nothing is short.
func (p *problem) dive(cols []lpCol, x, y []float64) ([]placed, []int) {
	sur := make([]int, p.n)
	for t := range sur {
		sur[t] = -p.req[t]
	}
	var units []placed
	fix := func(i int) {
		units = append(units, placed{cols[i].j, cols[i].off, 1})
		p.cover(units[len(units)-1], sur)
		x[i] = math.Max(0, x[i]-1)
	}
	x = append([]float64(nil), x...)
	// Every useful agent covers some of what is short, so the dive needs
	// at most that many steps; the cap only guards against a stalled LP.
	steps := p.n
	for _, r := range p.req {
		steps += r
	}
	for ; steps > 0; steps-- {
		fixed, top := false, -1
		for i := range cols {
			for x[i] >= 0.7 {
				fix(i)
				fixed = true
			}
			if x[i] > 1e-3 && (top < 0 || x[i] > x[top]) {
				top = i
			}
		}
		if !fixed && top >= 0 {
			fix(top)
		}
		q := *p
		q.req = make([]int, p.n)
		short := false
		for t, s := range sur {
			q.req[t] = max(0, -s)
			short = short || s < 0
		}
		if !short || !fixed && top < 0 {
			return units, sur // covered, or the LP has nothing more to give
		}
		_, _, x, y = q.pdhgFrom(x, y, 500)
	}
	return units, sur
}

// cover adds u's agent to sur where u works.
func (p *problem) cover(u placed, sur []int) {
	c := p.cands[u.cand]
	for o := 0; o < c.k; o++ {
		if works(c, u.off, o) {
			sur[(c.start+o)%p.n]++
		}
	}
}

// cost is the paid cost of units plus the penalty for what is short.
func (p *problem) cost(units []placed, sur []int) float64 {
	c := 0.0
	for _, u := range units {
		c += float64(u.agents) * p.cands[u.cand].cost
	}
	for _, s := range sur {
		if s < 0 {
			c += float64(-s) * p.r.UnderPenalty
		}
	}
	return c
}

// merge counts identical units into one placed entry each.
func merge(units []placed) []placed {
	count := map[[2]int]int{}
	for _, u := range units {
		count[[2]int{u.cand, u.off}] += u.agents
	}
	var out []placed
	for k, a := range count {
		out = append(out, placed{k[0], k[1], a})
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].cand < out[j].cand || out[i].cand == out[j].cand && out[i].off < out[j].off
	})
	return out
}

// baseSolve solves the breakless covering problem for rr exactly (one
// week) or, for a cyclic week, with the shifts across the week's end
// taken from a two-week flow and the rest solved exactly.
func (p *problem) baseSolve(rr []int) ([]int, error) {
	n := p.n
	x := make([]int, len(p.cands))
	all := map[time.Duration]bool{}
	for _, c := range p.cands {
		all[c.clock] = true
	}
	var inner []int // candidates within the week
	for j, c := range p.cands {
		if c.start+c.k <= n {
			inner = append(inner, j)
		}
	}
	res := rr
	if p.r.Cyclic {
		// Two copies of the week back to back; the shifts that cross the
		// middle are a steady-state choice for those that wrap.
		var c2 []candidate
		var of []int
		for j, c := range p.cands {
			for _, s := range []int{c.start, c.start + n} {
				if s+c.k <= 2*n {
					d := c
					d.start = s
					c2 = append(c2, d)
					of = append(of, j)
				}
			}
		}
		sol, err := flowAt(append(append([]int(nil), rr...), rr...), c2, all, p.r, 0)
		if err != nil {
			return nil, err
		}
		res = append([]int(nil), rr...)
		for i, v := range sol.x {
			c := c2[i]
			if v > 0 && c.start < n && c.start+c.k > n {
				x[of[i]] += v
				for o := 0; o < c.k; o++ {
					t := (c.start + o) % n
					res[t] = max(0, res[t]-v)
				}
			}
		}
	}
	cs := make([]candidate, len(inner))
	for i, j := range inner {
		cs[i] = p.cands[j]
	}
	sol, err := flowAt(res, cs, all, p.r, 0)
	if err != nil {
		return nil, err
	}
	for i, v := range sol.x {
		x[inner[i]] += v
	}
	return x, nil
}

// offsets lists c's break placements as offsets from its start, or -1
// for a shift without a break.
func (c candidate) offsets() []int {
	if c.brK == 0 {
		return []int{-1}
	}
	offs := make([]int, 0, c.brHi-c.brLo+1)
	for off := c.brLo; off <= c.brHi; off++ {
		offs = append(offs, off)
	}
	return offs
}

// works reports whether an agent on candidate c with the break at off
// works at offset o.
func works(c candidate, off, o int) bool { return off < 0 || o < off || o >= off+c.brK }

// placeBreaks gives each agent of x a break where the cover to spare is
// largest, and returns the agents and the cover left over per interval
// (negative where short).
func (p *problem) placeBreaks(x []int) ([]placed, []int) {
	n := p.n
	sur := make([]int, n)
	for t := range sur {
		sur[t] = -p.req[t]
	}
	var units []placed
	for j, v := range x {
		c := p.cands[j]
		for ; v > 0; v-- {
			off := -1
			if c.brK > 0 {
				off = c.brLo
			}
			units = append(units, placed{j, off, 1})
			for o := 0; o < c.k; o++ {
				sur[(c.start+o)%n]++
			}
		}
	}
	for i := range units {
		if units[i].off >= 0 {
			p.addBreak(&units[i], sur)
		}
	}
	// Second pass: move each break to the best place given all the others.
	for i := range units {
		if u := &units[i]; u.off >= 0 {
			c := p.cands[u.cand]
			for o := u.off; o < u.off+c.brK; o++ {
				sur[(c.start+o)%n]++
			}
			p.addBreak(u, sur)
		}
	}
	return units, sur
}

// addBreak places u's break at the offset whose intervals have the most
// cover to spare (the lowest spare first, then the total) and takes the
// agent off those intervals in sur.
func (p *problem) addBreak(u *placed, sur []int) {
	c := p.cands[u.cand]
	bestFits, bestMin, bestSum, bestPrice := false, math.MinInt, math.MinInt, 0.0
	for off := c.brLo; off <= c.brHi; off++ {
		mn, sum, price := math.MaxInt, 0, 0.0
		for o := off; o < off+c.brK; o++ {
			t := (c.start + o) % p.n
			mn = min(mn, sur[t])
			sum += sur[t]
			if p.price != nil {
				price += p.price[t]
			}
		}
		// With prices, among places that leave nothing short, the one
		// where cover is cheapest (by the LP's duals) comes first.
		fits := mn > 0 && p.price != nil
		better := fits && !bestFits || fits == bestFits && (fits && price < bestPrice-1e-12 ||
			(!fits || math.Abs(price-bestPrice) <= 1e-12) && (mn > bestMin || mn == bestMin && sum > bestSum))
		if off == c.brLo || better {
			bestFits, bestMin, bestSum, bestPrice, u.off = fits, mn, sum, price, off
		}
	}
	for o := u.off; o < u.off+c.brK; o++ {
		sur[(c.start+o)%p.n]--
	}
}

// repair adds shifts where cover is short (when the penalty makes that
// worth it) and then drops shifts whose every working interval has cover
// to spare, the dearest first.
func (p *problem) repair(units []placed, sur []int) ([]placed, []int) {
	n := p.n
	pen := p.r.UnderPenalty
	if pen == 0 {
		pen = math.Inf(1)
	}
	for t := 0; t < n; t++ {
		for sur[t] < 0 {
			// The shift and break placement working at t that covers the
			// most short intervals per unit of cost.
			best, bestOff, bestScore, bestShort := -1, -1, 0.0, 0
			for _, j := range p.span[t] {
				c := p.cands[j]
				ot := ((t-c.start)%n + n) % n
				for _, off := range c.offsets() {
					if !works(c, off, ot) {
						continue
					}
					short := 0
					for o := 0; o < c.k; o++ {
						if works(c, off, o) && sur[(c.start+o)%n] < 0 {
							short++
						}
					}
					if score := float64(short) / math.Max(c.cost, 1e-9); score > bestScore {
						best, bestOff, bestScore, bestShort = j, off, score, short
					}
				}
			}
			if best < 0 || float64(bestShort)*pen <= p.cands[best].cost {
				break // leave it short: cheaper than another shift
			}
			c := p.cands[best]
			units = append(units, placed{best, bestOff, 1})
			for o := 0; o < c.k; o++ {
				if works(c, bestOff, o) {
					sur[(c.start+o)%n]++
				}
			}
		}
	}
	order := make([]int, len(units))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return p.cands[units[order[a]].cand].cost > p.cands[units[order[b]].cand].cost })
	drop := make([]bool, len(units))
	for _, i := range order {
		u := units[i]
		c := p.cands[u.cand]
		lost := 0
		for o := 0; o < c.k; o++ {
			if works(c, u.off, o) && sur[(c.start+o)%n] <= 0 {
				lost++
			}
		}
		if lost == 0 || float64(lost)*pen < c.cost {
			drop[i] = true
			for o := 0; o < c.k; o++ {
				if works(c, u.off, o) {
					sur[(c.start+o)%n]--
				}
			}
		}
	}
	kept := units[:0]
	for i, u := range units {
		if !drop[i] {
			kept = append(kept, u)
		}
	}
	return kept, sur
}

// The lower bound is on the LP relaxation of
//
//	min Σ c_q x_q + P Σ u_t  s.t.  Σ_{q works at t} x_q + u_t ≥ r_t,
//
// where q runs over every shift and break placement. Each x_q may be
// bounded by M_q, the largest requirement in q's span, without changing
// the optimum (fewer agents on q still cover every interval q works), so
// for any prices 0 ≤ y ≤ P
//
//	L(y) = Σ r_t y_t − Σ_q M_q max(0, Σ_{t∈q} y_t − c_q)
//
// is a lower bound, equal to the LP optimum at the optimal duals: the
// bound is valid whatever y the LP method stops at.

// lagValue returns L(y) (see lagrangian) for prices y.
func (p *problem) lagValue(y, m []float64, pre []float64) float64 {
	n := p.n
	for i := 0; i < 2*n; i++ {
		pre[i+1] = pre[i] + y[i%n]
	}
	val := 0.0
	for t := range y {
		val += float64(p.req[t]) * y[t]
	}
	for j, c := range p.cands {
		s, e := c.start, c.start+c.k
		whole := pre[e] - pre[s]
		if c.brK == 0 {
			val -= m[j] * math.Max(0, whole-c.cost)
			continue
		}
		for off := c.brLo; off <= c.brHi; off++ {
			b := s + off
			val -= m[j] * math.Max(0, whole-(pre[b+c.brK]-pre[b])-c.cost)
		}
	}
	return val
}

// pdhg runs the primal-dual hybrid gradient method (Chambolle & Pock 2011,
// with their diagonal preconditioning) on the covering LP and returns the
// best Lagrangian bound seen, the LP's columns and the last (approximate)
// LP solution over them.
func (p *problem) pdhg() (float64, []lpCol, []float64, []float64) {
	return p.pdhgFrom(nil, nil, maxPDHG)
}

// pdhgFrom is pdhg from the primal x0 and dual y0 (nil: zero) for at most
// iters steps.
func (p *problem) pdhgFrom(x0, y0 []float64, iters int) (float64, []lpCol, []float64, []float64) {
	n := p.n
	var cols []lpCol
	rowCount := make([]float64, n)
	m := make([]float64, len(p.cands))
	for j, c := range p.cands {
		for o := 0; o < c.k; o++ {
			m[j] = math.Max(m[j], float64(p.req[(c.start+o)%n]))
		}
		for _, off := range c.offsets() {
			k := c.k
			if off >= 0 {
				k -= c.brK
			}
			cols = append(cols, lpCol{j, off, c.cost, 1 / float64(k)})
			for o := 0; o < c.k; o++ {
				if works(c, off, o) {
					rowCount[(c.start+o)%n]++
				}
			}
		}
	}
	pen := p.r.UnderPenalty
	x := make([]float64, len(cols))
	u := make([]float64, n) // under-staffing, when penalised
	y := make([]float64, n)
	copy(x, x0)
	copy(y, y0)
	xbar := make([]float64, 2*n+1)
	pre := make([]float64, 2*n+1)
	best, last := math.Inf(-1), math.Inf(-1)
	bestY := make([]float64, n)
	ax := make([]float64, n)
	for it := 0; it < iters; it++ {
		for i := 0; i < 2*n; i++ {
			pre[i+1] = pre[i] + y[i%n]
		}
		clear(xbar)
		for i, cl := range cols {
			c := p.cands[cl.j]
			s := c.start
			aty := pre[s+c.k] - pre[s]
			if cl.off >= 0 {
				aty -= pre[s+cl.off+c.brK] - pre[s+cl.off]
			}
			nx := math.Max(0, x[i]-cl.tau*(cl.cost-aty))
			d := 2*nx - x[i]
			x[i] = nx
			xbar[s] += d
			xbar[s+c.k] -= d
			if cl.off >= 0 {
				xbar[s+cl.off] -= d
				xbar[s+cl.off+c.brK] += d
			}
		}
		run := 0.0
		clear(ax)
		for i := 0; i < 2*n; i++ {
			run += xbar[i]
			ax[i%n] += run
		}
		for t := range y {
			if pen > 0 {
				nu := math.Max(0, u[t]-(pen-y[t]))
				ax[t] += 2*nu - u[t]
				u[t] = nu
			}
			rc := rowCount[t]
			if pen > 0 {
				rc++
			}
			if rc == 0 {
				continue
			}
			y[t] = math.Max(0, y[t]+(float64(p.req[t])-ax[t])/rc)
			if pen > 0 {
				y[t] = math.Min(y[t], pen)
			}
		}
		if it%10 == 9 {
			if v := p.lagValue(y, m, pre); v > best {
				best = v
				copy(bestY, y)
			}
		}
		if it%1000 == 999 {
			// Stop once a thousand steps gain less than 0.001%.
			if best-last <= 1e-5*math.Abs(best) {
				break
			}
			last = best
		}
	}
	return best, cols, x, bestY
}

// maxPDHG caps the LP steps; PDHG usually stalls (and stops) well before.
const maxPDHG = 100000

// lpCol is a column of the LP: a candidate shift and its break offset.
type lpCol struct {
	j, off int
	cost   float64
	tau    float64 // primal step: 1 / the intervals the column works
}

// improve is a local search on units: each agent in turn (the dearest
// first) is dropped or moved to a cheaper shift that starts or ends at the
// same time, and the breaks of the others are moved to cover what that
// leaves short; a change is kept when the schedule's cost falls.
func (p *problem) improve(units []placed, sur []int) ([]placed, []int) {
	n := p.n
	pen := p.r.UnderPenalty
	short := func() float64 {
		s := 0
		for _, v := range sur {
			s += max(0, -v)
		}
		if s > 0 && pen == 0 {
			return math.Inf(1)
		}
		return float64(s) * pen
	}
	apply := func(u placed, d int) {
		c := p.cands[u.cand]
		for o := 0; o < c.k; o++ {
			if works(c, u.off, o) {
				sur[(c.start+o)%n] += d
			}
		}
	}
	// moveBreak moves u's break to the best place given the others.
	moveBreak := func(u *placed) {
		c := p.cands[u.cand]
		for o := u.off; o < u.off+c.brK; o++ {
			sur[(c.start+o)%n]++
		}
		p.addBreak(u, sur)
	}
	byEnd := map[int][]int{}
	for j, c := range p.cands {
		byEnd[c.start+c.k] = append(byEnd[c.start+c.k], j)
	}
	dropped := make([]bool, len(units))
	var near []int
	for pass, changed := 0, true; pass < 4 && changed; pass++ {
		changed = false
		order := make([]int, 0, len(units))
		for i := range units {
			if !dropped[i] {
				order = append(order, i)
			}
		}
		sort.SliceStable(order, func(a, b int) bool { return p.cands[units[order[a]].cand].cost > p.cands[units[order[b]].cand].cost })
		for _, i := range order {
			u := units[i]
			c := p.cands[u.cand]
			before := c.cost + short()
			apply(u, -1)
			// Dropping it, or a cheaper shift within its span.
			opts := []int{-1}
			for e := c.start + 1; e <= c.start+c.k; e++ {
				for _, j := range byEnd[e] {
					if d := p.cands[j]; d.start >= c.start && d.cost < c.cost {
						opts = append(opts, j)
					}
				}
			}
			// The agents whose breaks may move: those whose shifts overlap.
			near = near[:0]
			for k, v := range units {
				d := p.cands[v.cand]
				if !dropped[k] && v.off >= 0 && overlaps(c, d, n) {
					near = append(near, k)
				}
			}
			done := false
			for _, j := range opts {
				saved := append([]int(nil), sur...)
				savedUnits := append([]placed(nil), units...)
				next := placed{j, -1, 1}
				cost := 0.0
				if j >= 0 {
					cost = p.cands[j].cost
					if p.cands[j].brK > 0 {
						apply(placed{j, -1, 1}, 1)
						p.addBreak(&next, sur)
					} else {
						apply(next, 1)
					}
				}
				// Move the breaks that fall where cover is now short, a few
				// rounds so that one move can make room for another.
				for round, moved := 0, true; round < 4 && moved && short() > 0; round++ {
					moved = false
					for _, k := range near {
						if k == i || dropped[k] || units[k].off < 0 {
							continue
						}
						ck := p.cands[units[k].cand]
						for o := units[k].off; o < units[k].off+ck.brK; o++ {
							if sur[(ck.start+o)%n] < 0 {
								old := units[k].off
								moveBreak(&units[k])
								moved = moved || units[k].off != old
								break
							}
						}
					}
				}
				if cost+short() < before-1e-9 {
					if j < 0 {
						dropped[i] = true
					} else {
						units[i] = next
					}
					done, changed = true, true
					break
				}
				copy(sur, saved)
				copy(units, savedUnits)
			}
			if !done {
				apply(u, 1)
			}
		}
	}
	kept := units[:0]
	for i, u := range units {
		if !dropped[i] {
			kept = append(kept, u)
		}
	}
	return kept, sur
}

// overlaps reports whether the spans of shifts a and b share an interval
// (of a week of n intervals, which may wrap).
func overlaps(a, b candidate, n int) bool {
	for _, s := range []int{b.start - n, b.start, b.start + n} {
		if s < a.start+a.k && a.start < s+b.k {
			return true
		}
	}
	return false
}

// polish improves the prices y by subgradient steps on L (Held, Wolfe &
// Crowder 1974) from where PDHG stopped: PDHG's iterate is close to the
// optimal duals but slightly off dual feasibility, which L punishes. It
// returns the best bound, at least best.
func (p *problem) polish(y []float64, best, ub float64) float64 {
	n := p.n
	m := p.spanMax()
	pen := p.r.UnderPenalty
	if pen == 0 {
		pen = math.Inf(1)
	}
	y = append([]float64(nil), y...)
	pre := make([]float64, 2*n+1)
	diff := make([]float64, 2*n+1)
	g := make([]float64, n)
	theta, stall := 0.1, 0
	for it := 0; it < 2000 && theta > 1e-4; it++ {
		val := p.lagValue(y, m, pre)
		if val > best {
			best, stall = val, 0
		} else if stall++; stall >= 20 {
			theta, stall = theta/2, 0
		}
		// g = r − (agents the priced-in columns put on each interval).
		clear(diff)
		for j, c := range p.cands {
			s, e := c.start, c.start+c.k
			whole := pre[e] - pre[s]
			if c.brK == 0 {
				if whole > c.cost {
					diff[s] += m[j]
					diff[e] -= m[j]
				}
				continue
			}
			for off := c.brLo; off <= c.brHi; off++ {
				b := s + off
				if whole-(pre[b+c.brK]-pre[b]) > c.cost {
					diff[s] += m[j]
					diff[e] -= m[j]
					diff[b] -= m[j]
					diff[b+c.brK] += m[j]
				}
			}
		}
		norm, run := 0.0, 0.0
		for t := range g {
			g[t] = float64(p.req[t])
		}
		for i := 0; i < 2*n; i++ {
			run += diff[i]
			g[i%n] -= run
		}
		for t := range g {
			if y[t] <= 0 && g[t] < 0 || y[t] >= pen && g[t] > 0 {
				g[t] = 0 // the step would leave [0, P] here
			}
			norm += g[t] * g[t]
		}
		if norm == 0 || ub <= val {
			break
		}
		step := theta * (ub - val) / norm
		for t := range y {
			y[t] = math.Min(pen, math.Max(0, y[t]+step*g[t]))
		}
	}
	return best
}
