package shifts

import "math"

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
				nd := dist[it.v] + a.cost + pot[it.v] - pot[a.to]
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
