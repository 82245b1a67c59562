package shifts

import (
	"context"
	"math"
)

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
	// tie is flowAt's tie-breaking cost per idle interval.
	tie float64
	// ctx stops the solve: the loops below return early once it is done
	// (what they return is then discarded by Solve).
	ctx context.Context
}

func newProblem(ctx context.Context, req []int, cands []candidate, r Rules, tie float64) *problem {
	p := &problem{n: len(req), req: req, cands: cands, r: r, span: make([][]int, len(req)), tie: tie, ctx: ctx}
	for j, c := range cands {
		for o := 0; o < c.k; o++ {
			t := (c.start + o) % p.n
			p.span[t] = append(p.span[t], j)
		}
	}
	return p
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

// stopped reports whether the solve has been cancelled.
func (p *problem) stopped() bool { return p.ctx.Err() != nil }

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
	for it := 0; it < iters && (it%100 != 99 || !p.stopped()); it++ {
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
			if best-last <= stallTol*math.Abs(best) {
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
	for it := 0; it < 2000 && theta > 1e-4 && (it%100 != 99 || !p.stopped()); it++ {
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

// maxCapPDHG caps the LP steps per price: each starts from the last.
const maxCapPDHG = 5000

var stallTol = 1e-5
