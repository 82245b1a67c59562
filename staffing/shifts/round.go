package shifts

import (
	"math"
	"sort"
)

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
		units, sur := p.dive(cols, xlp, y, 0.7, 500)
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
	for variant := 0; variant < variants && !p.stopped(); variant++ {
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
// at or near a whole number (theta and up, 0.7), or else one agent of the
// column with the largest fraction; solve the LP again for what is left
// short, from the last solution (lpSteps PDHG steps: 500 are mostly enough
// from there, more make a better dive), and repeat until nothing is short.
func (p *problem) dive(cols []lpCol, x, y []float64, theta float64, lpSteps int) ([]placed, []int) {
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
	for ; steps > 0 && !p.stopped(); steps-- {
		fixed, top := false, -1
		for i := range cols {
			for x[i] >= theta {
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
		_, _, x, y = q.pdhgFrom(x, y, lpSteps)
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

// surplus returns the cover of ps less the requirement per interval.
func (p *problem) surplus(ps []placed) []int {
	sur := coverage(p.n, p.cands, ps)
	for t := range sur {
		sur[t] -= p.req[t]
	}
	return sur
}

// agents counts the agents of ps.
func agents(ps []placed) int {
	a := 0
	for _, u := range ps {
		a += u.agents
	}
	return a
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
		ps, _, err := flowAt(append(append([]int(nil), rr...), rr...), c2, p.r, 0, p.tie)
		if err != nil {
			return nil, err
		}
		res = append([]int(nil), rr...)
		for _, u := range ps {
			c, v := c2[u.cand], u.agents
			if c.start < n && c.start+c.k > n {
				x[of[u.cand]] += v
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
	ps, _, err := flowAt(res, cs, p.r, 0, p.tie)
	if err != nil {
		return nil, err
	}
	for _, u := range ps {
		x[inner[u.cand]] += u.agents
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
