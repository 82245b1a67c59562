package shifts

import (
	"math"
	"math/rand/v2"
	"sort"
)

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
	for pass, changed := 0, true; pass < 4 && changed && !p.stopped(); pass++ {
		changed = false
		order := make([]int, 0, len(units))
		for i := range units {
			if !dropped[i] {
				order = append(order, i)
			}
		}
		sort.SliceStable(order, func(a, b int) bool { return p.cands[units[order[a]].cand].cost > p.cands[units[order[b]].cand].cost })
		for _, i := range order {
			if p.stopped() {
				break
			}
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

// ruinRecreate is an iterated local search by ruin and recreate
// (Schrimpf et al. 2000, "Record breaking optimization results using the
// ruin and recreate principle"): take out the agents whose shifts overlap
// a random window of one to four times the shortest shift, cover what
// that leaves short (in turn by the exact breakless flow with the breaks
// then placed where cover is spare, and by diving the LP of what is
// short), repair and improve; keep the result when it costs no more (so
// the search moves along plateaus) and return the cheapest seen. It stops early at target, a proven lower bound: nothing
// costs less. The random windows come from seed, so a piece's schedule
// does not depend on which goroutine solves it.
func (p *problem) ruinRecreate(units []placed, target float64, rounds int, seed uint64) ([]placed, float64) {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	kmin := p.n
	for _, c := range p.cands {
		kmin = min(kmin, c.k)
	}
	cur := units
	curCost := p.cost(cur, p.surplus(cur))
	best, bestCost := cur, curCost
	for round := 0; round < rounds && bestCost > target+1e-9 && !p.stopped(); round++ {
		t0 := rng.IntN(p.n)
		w := kmin + rng.IntN(3*kmin+1)
		win := candidate{start: t0, k: w}
		var kept []placed
		for _, u := range cur {
			if !overlaps(p.cands[u.cand], win, p.n) {
				kept = append(kept, u)
			}
		}
		sur := p.surplus(kept)
		res := make([]int, p.n)
		for t, s := range sur {
			res[t] = max(0, -s)
		}
		var add []placed
		if round%2 == 1 {
			// Odd rounds recreate by the LP of what is short, dived.
			q := *p
			q.req = res
			_, cols, x, y := q.pdhgFrom(nil, nil, 2000)
			add, _ = q.dive(cols, x, y, 0.7, 300)
			sur = p.surplus(append(append([]placed(nil), kept...), add...))
		} else {
			x, err := p.baseSolve(res)
			if err != nil {
				continue
			}
			for j, v := range x {
				c := p.cands[j]
				for ; v > 0; v-- {
					u := placed{j, -1, 1}
					for o := 0; o < c.k; o++ {
						sur[(c.start+o)%p.n]++
					}
					if c.brK > 0 {
						u.off = c.brLo
						p.addBreak(&u, sur)
					}
					add = append(add, u)
				}
			}
		}
		next := append(kept, add...)
		next, sur = p.repair(next, sur)
		next, sur = p.improve(next, sur)
		if c := p.cost(next, sur); c <= curCost+1e-9 {
			cur, curCost = next, c
			if c < bestCost-1e-9 {
				best, bestCost = append([]placed(nil), next...), c
			}
		}
	}
	return best, bestCost
}
