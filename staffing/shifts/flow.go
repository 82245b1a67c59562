package shifts

import (
	"fmt"
	"math"
)

// flowGraph is a min-cost flow network solved by successive shortest
// paths with Johnson potentials (Ahuja, Magnanti & Orlin 1993, §9.7).
// Arc costs are non-negative, so the first potentials are zero.
type flowGraph struct {
	n    int
	arcs []arc
	out  [][]int // arc indices leaving each node
}

type arc struct {
	to, rev int     // head, index of the reverse arc
	cap     float64 // residual capacity
	cost    float64
}

func newFlowGraph(n int) *flowGraph { return &flowGraph{n: n, out: make([][]int, n)} }

// addArc adds from → to with capacity and cost and returns its index.
func (g *flowGraph) addArc(from, to int, capacity, cost float64) int {
	i := len(g.arcs)
	g.arcs = append(g.arcs, arc{to: to, rev: i + 1, cap: capacity, cost: cost}, arc{to: from, rev: i, cap: 0, cost: -cost})
	g.out[from] = append(g.out[from], i)
	g.out[to] = append(g.out[to], i+1)
	return i
}

// flow returns the flow on arc i.
func (g *flowGraph) flow(i int) float64 { return g.arcs[g.arcs[i].rev].cap }

// minCostFlow sends up to want units from s to t at least cost and
// returns the units sent and their cost.
func (g *flowGraph) minCostFlow(s, t int, want float64) (sent, cost float64) {
	pot := make([]float64, g.n)
	dist := make([]float64, g.n)
	prev := make([]int, g.n)
	var pq queue
	for sent < want {
		for i := range dist {
			dist[i], prev[i] = math.Inf(1), -1
		}
		dist[s] = 0
		pq = append(pq[:0], item{s, 0})
		for len(pq) > 0 {
			var it item
			it, pq = pq.pop()
			if it.d > dist[it.v] {
				continue
			}
			if it.v == t {
				break // the rest cannot shorten the path to t
			}
			for _, ai := range g.out[it.v] {
				a := &g.arcs[ai]
				if a.cap <= 1e-12 {
					continue
				}
				// A reduced cost is never negative in exact arithmetic;
				// in floats it can fall a rounding error below 0 (the
				// potentials grow with the costs: shifts priced per agent,
				// costs in money), and a negative one lets a settled node
				// be relaxed again and the path to t run in a cycle.
				nd := dist[it.v] + max(0, a.cost+pot[it.v]-pot[a.to])
				if nd < dist[a.to]-1e-12 {
					dist[a.to], prev[a.to] = nd, ai
					pq = pq.push(item{a.to, nd})
				}
			}
		}
		if math.IsInf(dist[t], 1) {
			break
		}
		// Nodes settled after t move by dist[t] only, which keeps every
		// reduced cost on a residual arc non-negative (the usual early
		// exit of Dijkstra in successive shortest paths).
		for v := range pot {
			pot[v] += math.Min(dist[v], dist[t])
		}
		push := want - sent
		for v := t; v != s; {
			a := &g.arcs[prev[v]]
			push = math.Min(push, a.cap)
			v = g.arcs[a.rev].to
		}
		for v := t; v != s; {
			a := &g.arcs[prev[v]]
			a.cap -= push
			g.arcs[a.rev].cap += push
			cost += push * a.cost
			v = g.arcs[a.rev].to
		}
		sent += push
	}
	return sent, cost
}

type item struct {
	v int
	d float64
}

// queue is a binary min-heap on d, typed to avoid container/heap's
// boxing in the innermost loop.
type queue []item

func (q queue) push(x item) queue {
	q = append(q, x)
	for i := len(q) - 1; i > 0; {
		p := (i - 1) / 2
		if q[p].d <= q[i].d {
			break
		}
		q[p], q[i] = q[i], q[p]
		i = p
	}
	return q
}

func (q queue) pop() (item, queue) {
	top := q[0]
	last := len(q) - 1
	q[0] = q[last]
	q = q[:last]
	for i := 0; ; {
		l, m := 2*i+1, i
		if l < len(q) && q[l].d < q[m].d {
			m = l
		}
		if r := l + 1; r < len(q) && q[r].d < q[m].d {
			m = r
		}
		if m == i {
			break
		}
		q[m], q[i] = q[i], q[m]
		i = m
	}
	return top, q
}

// flowAt solves the breakless covering problem for req over cands
// exactly, with each shift's cost raised by price (the Lagrangian price
// of an agent cap). It returns the agents per shift, as placed units
// without breaks, and their cost at the true prices, penalties included.
//
// Among schedules of equal cost it prefers shifts that work where agents
// are required over shifts that idle before opening or after closing:
// each shift's cost in the flow carries tie, a cost per idle interval
// (see tieCost) too small to outweigh any real difference in cost.
func flowAt(req []int, cands []candidate, r Rules, price, tie float64) ([]placed, float64, error) {
	n := len(req)
	g := newFlowGraph(n + 3)
	src, sink := n+1, n+2
	inf := math.Inf(1)
	arcOf := make([]int, len(cands))
	for j, c := range cands {
		idle := 0
		for t := c.start; t < c.start+c.k && tie > 0; t++ {
			if req[t] == 0 {
				idle++
			}
		}
		arcOf[j] = g.addArc(c.start, c.start+c.k, inf, c.cost+price+tie*float64(idle))
	}
	for t := 0; t < n; t++ {
		g.addArc(t+1, t, inf, 0) // surplus agents
	}
	if r.UnderPenalty > 0 {
		for t := 0; t < n; t++ {
			g.addArc(t, t+1, inf, r.UnderPenalty)
		}
	}
	want := 0.0
	prev := 0
	for t := 0; t <= n; t++ {
		cur := 0
		if t < n {
			cur = req[t]
		}
		if d := cur - prev; d > 0 {
			g.addArc(src, t, float64(d), 0)
			want += float64(d)
		} else if d < 0 {
			g.addArc(t, sink, float64(-d), 0)
		}
		prev = cur
	}
	sent, _ := g.minCostFlow(src, sink, want)
	if sent < want-1e-9 {
		return nil, 0, fmt.Errorf("%w: the allowed shifts cannot cover every interval", ErrUncoverable)
	}
	var ps []placed
	cover := make([]int, n)
	cost := 0.0
	for j, a := range arcOf {
		if x := int(math.Round(g.flow(a))); x > 0 {
			ps = append(ps, placed{j, -1, x})
			cost += float64(x) * cands[j].cost
			c := cands[j]
			for t := c.start; t < c.start+c.k; t++ {
				cover[t] += x
			}
		}
	}
	for t, v := range req {
		if cover[t] < v {
			cost += float64(v-cover[t]) * r.UnderPenalty
		}
	}
	return ps, cost, nil
}

// tieCost returns the cost per idle interval that breaks ties in flowAt:
// with every cost a multiple of the granularity g, any two schedules
// differ by g or more, and no schedule of up to Σreq agents on shifts of
// at most kmax intervals gathers g/4 of tie costs. With no granularity
// (g = 0) there is no tie-breaking.
func tieCost(req []int, cands []candidate, g float64) float64 {
	if g <= 0 {
		return 0
	}
	sum, kmax := 0, 0
	for _, v := range req {
		sum += v
	}
	for _, c := range cands {
		kmax = max(kmax, c.k)
	}
	return g / (4 * float64(1+sum*kmax))
}
