package shifts

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"time"
)

// The caps layer: MaxAgents and MaxStartTimes are met the same way
// whichever solver builds the schedules, the exact flow (no breaks) or the
// heuristic (breaks or a cyclic week). The solvers are handed in as
// functions; the layer knows only schedules, their cost and their bounds.

// capTry is one schedule a solver returned under the caps layer.
type capTry struct {
	ps    []placed
	cost  float64 // at the true costs, penalties included
	bound float64 // a lower bound on the capped optimum the run proved; -Inf if none
	lam   float64 // the price per shift it was found at
}

// errNoPrice says no price per shift brought the schedule within the agent cap.
var errNoPrice = errors.New("no price per shift meets the agent cap")

// priceAgents meets MaxAgents by Lagrangian relaxation of the cap's row
// Σ x ≤ A: every shift is made dearer by a price λ, doubled from first
// (up to limit) until the schedule at that price has at most A agents,
// then bisected steps times or until the bracket is narrower than tol
// relative to it. at returns the schedule at price λ and, where the
// solver is exact or has an LP bound at λ, a bound L(λ) − λA; every λ ≥ 0
// gives a valid bound, so the best of them is kept. It returns the
// cheapest schedule within the cap found (the first of equal cost) with
// that bound, and the lowest price at which any schedule met the cap.
func (s *solver) priceAgents(first, limit float64, steps int, tol float64, at func(lam float64) (capTry, error)) (capTry, float64, error) {
	cp := s.r.MaxAgents
	best := capTry{cost: math.Inf(1), lam: math.Inf(1)}
	bound := math.Inf(-1)
	tries := 0
	try := func(lam float64) (bool, error) {
		if err := s.ctx.Err(); err != nil {
			return false, err
		}
		t, err := at(lam)
		if err != nil {
			return false, err
		}
		tries++
		s.report("agent cap: pricing shifts", tries, 0)
		bound = math.Max(bound, t.bound)
		if agents(t.ps) > cp || math.IsInf(t.cost, 1) {
			return false, nil
		}
		if t.cost < best.cost {
			best, best.lam = t, lam
		}
		return true, nil
	}
	lo, hi := 0.0, first
	found := false
	for ; hi <= limit; lo, hi = hi, hi*2 {
		ok, err := try(hi)
		if err != nil {
			return capTry{}, 0, err
		}
		if ok {
			found = true
			break
		}
	}
	if !found {
		return capTry{bound: bound}, 0, errNoPrice
	}
	for i := 0; i < steps && hi-lo > tol*math.Max(1, hi); i++ {
		mid := (lo + hi) / 2
		ok, err := try(mid)
		if err != nil {
			return capTry{}, 0, err
		}
		if ok {
			hi = mid
		} else {
			lo = mid
		}
	}
	best.bound = bound
	return best, hi, nil
}

// noPriceError is the error for an agent cap no price meets.
func (s *solver) noPriceError() error {
	return fmt.Errorf("%w: even with every shift priced up, the schedule needs more than %d agents; raise the cap or set an under-staffing penalty", ErrUncoverable, s.r.MaxAgents)
}

// capStarts meets MaxStartTimes, which the schedule ps over cands
// exceeds: it drops the start time with the fewest agents (or the next,
// when solve cannot do without it) and solves again, until the cap
// holds. solve returns a schedule over the candidates it is given, within
// the agent cap. It returns the candidates left and the schedule over
// them. This is a heuristic: the caller's bound is without this cap.
func (s *solver) capStarts(cands []candidate, ps []placed, solve func([]candidate) (capTry, error)) ([]candidate, capTry, error) {
	cur := capTry{ps: ps}
	for drops := 1; len(usedClocks(cands, cur.ps)) > s.r.MaxStartTimes; drops++ {
		use := map[time.Duration]int{}
		for _, u := range cur.ps {
			use[cands[u.cand].clock] += u.agents
		}
		order := make([]time.Duration, 0, len(use))
		for c := range use {
			order = append(order, c)
		}
		sort.Slice(order, func(a, b int) bool {
			return use[order[a]] < use[order[b]] || use[order[a]] == use[order[b]] && order[a] < order[b]
		})
		found := false
		for _, clock := range order {
			var keep []candidate
			for _, c := range cands {
				if c.clock != clock {
					keep = append(keep, c)
				}
			}
			t, err := solve(keep)
			if err := s.ctx.Err(); err != nil {
				return nil, capTry{}, err
			}
			if err == nil {
				cands, cur, found = keep, t, true
				break
			}
		}
		if !found {
			return nil, capTry{}, fmt.Errorf("%w: cannot drop another start time (down to %d) and still cover the requirement within the caps; raise the cap or set an under-staffing penalty", ErrUncoverable, s.r.MaxStartTimes)
		}
		s.report("start-time cap: dropping start times", drops, 0)
	}
	return cands, cur, nil
}

// usedClocks returns the local start times ps uses.
func usedClocks(cands []candidate, ps []placed) map[time.Duration]bool {
	used := map[time.Duration]bool{}
	for _, u := range ps {
		if u.agents > 0 {
			used[cands[u.cand].clock] = true
		}
	}
	return used
}

// flowCapped is the exact solver under the agent cap: the flow, and when
// it uses too many agents, the flow at a price per shift (exact for each
// price, so each price's Lagrangian value is a valid bound).
func (s *solver) flowCapped(cands []candidate) (capTry, error) {
	at := func(lam float64) (capTry, error) {
		tie := 0.0 // at a price the flow's value enters the bound: no tie costs
		if lam == 0 {
			tie = tieCost(s.req, cands, s.g)
		}
		ps, cost, err := flowAt(s.req, cands, s.r, lam, tie)
		return capTry{ps: ps, cost: cost, bound: cost + lam*float64(agents(ps)-s.r.MaxAgents)}, err
	}
	t, err := at(0)
	if err != nil || s.r.MaxAgents == 0 || agents(t.ps) <= s.r.MaxAgents {
		return t, err
	}
	t, _, err = s.priceAgents(1, 1<<30, 40, 1e-6, at)
	if errors.Is(err, errNoPrice) {
		return t, s.noPriceError()
	}
	return t, err
}

// heuristicCapped is the heuristic under the agent cap, for p whose
// uncapped schedule has too many agents: bisect the price on the flows
// alone (fast), and on the priced LP (warm-started from the LP solution
// x, y and dived) only when the flows never meet the cap; then dive the
// priced LP once at the price found. With x nil (the start-time cap's
// re-solves) only the flows run.
func (s *solver) heuristicCapped(p *problem, x, y []float64) (capTry, error) {
	cp := float64(s.r.MaxAgents)
	scale := 0.0 // the mean shift cost: prices are relative to it
	for _, c := range p.cands {
		scale += c.cost / float64(len(p.cands))
	}
	scale = math.Max(scale, 1e-6)
	finish := func(qs []placed) capTry {
		// The local search at the true costs: it never adds an agent.
		qs = p.improveMerged(qs)
		return capTry{ps: qs, cost: p.cost(qs, p.surplus(qs)), bound: math.Inf(-1)}
	}
	flows := func(lam float64) (capTry, error) {
		qs, _, err := p.priced(lam).primal(nil, nil, nil)
		if err != nil {
			return capTry{}, err
		}
		return finish(qs), nil
	}
	lp := func(lam float64) (capTry, error) {
		q := p.priced(lam)
		qlb, cols, nx, ny := q.pdhgFrom(x, y, maxCapPDHG)
		x, y = nx, ny
		qs, _, err := q.primal(cols, x, y)
		if err != nil {
			return capTry{}, err
		}
		t := finish(qs)
		t.bound = qlb - lam*cp
		return t, nil
	}
	best, hi, err := s.priceAgents(scale/16, 64*scale, 6, 0, flows)
	switch {
	case errors.Is(err, errNoPrice) && x != nil:
		best, _, err = s.priceAgents(scale/16, 64*scale, 6, 0, lp)
		if errors.Is(err, errNoPrice) {
			return capTry{}, s.noPriceError()
		}
	case errors.Is(err, errNoPrice):
		return capTry{}, s.noPriceError()
	case err == nil && x == nil:
		best.lam = hi // the lowest price that met the cap: where a caller's priced LP bound is best
	case err == nil && x != nil:
		t, err := lp(hi)
		if err != nil {
			return capTry{}, err
		}
		best.bound = math.Max(best.bound, t.bound)
		if agents(t.ps) <= s.r.MaxAgents && t.cost < best.cost {
			best.ps, best.cost, best.lam = t.ps, t.cost, hi
		}
	}
	return best, err
}
