package shifts

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"sync"
	"time"

	"github.com/staffcast/staffcast/clock"
	"github.com/staffcast/staffcast/internal/panicerr"
)

// Options tune how Solve works, not what it solves; nil means the
// defaults.
type Options struct {
	// Progress, when set, is called as the solve advances, one call at a
	// time (from the solving goroutines). Solves that take long call it
	// often: a caller drawing a heartbeat needs no timer of its own to
	// know the solver is alive, only to redraw.
	Progress func(Progress)
	// Workers is how many pieces of a decomposed horizon (see Solve) are
	// solved at once; 0 means runtime.GOMAXPROCS.
	Workers int
}

// Progress reports how far a solve has come.
type Progress struct {
	Stage string // what is being done, e.g. "days with breaks"
	Done  int    // steps of the stage done
	Total int    // steps in the stage; 0 when not known in advance
}

// Solve chooses how many agents start which shift so that every interval
// has at least its required agents, at least cost.
//
// Without breaks every shift covers consecutive intervals, so the
// covering matrix has consecutive ones in each column and is totally
// unimodular: the LP relaxation has an integral optimum, and it is a
// minimum-cost flow (Veinott & Wagner 1962): with r₋₁ = rₙ = 0, node t
// has supply rₜ − rₜ₋₁, a shift from interval a to b is an arc a → b, and
// surplus agents flow back along zero-cost arcs t+1 → t (under-staffing,
// when penalised, along arcs t → t+1). The flow optimum is thus exact,
// with a zero gap. With breaks or a cyclic week the schedule is a
// heuristic with a proven lower bound (see the package doc). The caps
// (MaxAgents, MaxStartTimes) are met the same way by either: a price per
// shift found by bisection (Lagrangian relaxation; its bound is reported)
// and dropping the least-used start times (the bound is then without
// that cap, Status StartsCapped).
//
// Without a start-time cap or a cyclic week, the horizon is cut wherever
// no allowed shift spans the cut (nights closed to shifts, or LatestEnd
// at midnight): the pieces, usually days, are independent, solved in
// parallel (Options.Workers) and their costs and bounds added up; an
// agent cap is priced across them (see the package doc). A cyclic week is
// cut at a time of day where its schedule's shifts cross least, keeping
// those. A panic while solving a piece (a bug) comes back as an error
// that says "internal error: panic: …" and keeps the stack
// (internal/panicerr).
//
// start holds the interval starts, consecutive at step in real time (a
// week in Europe/Stockholm may have 167 or 169 hourly intervals). When
// ctx is done Solve stops within a fraction of a second and returns
// ctx.Err().
func Solve(ctx context.Context, start []time.Time, step time.Duration, required []float64, r Rules, opt *Options) (*Schedule, error) {
	if opt == nil {
		opt = &Options{}
	}
	req, cands, err := prepare(start, step, required, r)
	if err != nil {
		return nil, err
	}
	s := &solver{ctx: ctx, start: start, req: req, cands: cands, r: r, opt: opt}
	s.g = granularity(cands, r.UnderPenalty)
	withBreaks := false
	for _, c := range cands {
		withBreaks = withBreaks || c.brK > 0
	}
	var res result
	if withBreaks || r.Cyclic {
		res, err = s.heuristic()
	} else {
		res, err = s.exact()
	}
	if err == nil {
		err = ctx.Err() // the loops return early, with rubbish, once ctx is done
	}
	if err != nil {
		return nil, err
	}
	return schedule(start, req, res.cands, res.ps, res.cost, roundUp(res.bound, s.g), res.startsCapped), nil
}

// solver holds one Solve call's input and options.
type solver struct {
	ctx   context.Context
	start []time.Time
	req   []int
	cands []candidate
	r     Rules
	opt   *Options
	g     float64 // every schedule's cost is a multiple of g (0: unknown)
	mu    sync.Mutex
}

// result is a schedule over cands, its cost and a lower bound on the
// optimum (without the start-time cap when startsCapped).
type result struct {
	cands        []candidate
	ps           []placed
	cost, bound  float64
	startsCapped bool
	cut          time.Duration // cutWeek's cut: the time of day the week was cut at
}

// report passes progress on to Options.Progress, one call at a time.
func (s *solver) report(stage string, done, total int) {
	if s.opt.Progress == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.opt.Progress(Progress{Stage: stage, Done: done, Total: total})
}

// exact solves without breaks or a cyclic week by the flow.
func (s *solver) exact() (result, error) {
	t, err := s.flowCapped(s.cands)
	if err != nil {
		return result{}, err
	}
	res := result{cands: s.cands, ps: t.ps, cost: t.cost, bound: math.Min(t.bound, t.cost)}
	if s.r.MaxStartTimes > 0 && len(usedClocks(s.cands, t.ps)) > s.r.MaxStartTimes {
		if res.cands, t, err = s.capStarts(s.cands, t.ps, s.flowCapped); err != nil {
			return result{}, err
		}
		res.ps, res.cost, res.startsCapped = t.ps, t.cost, true
	}
	return res, nil
}

// heuristic solves with breaks or a cyclic week: the LP bound and the
// heuristic schedule, under the caps layer, or piece by piece.
func (s *solver) heuristic() (result, error) {
	r := s.r
	if r.MaxStartTimes == 0 && !r.Cyclic {
		if pcs := pieces(s.req, s.cands); len(pcs) > 0 {
			return s.decomposed(pcs)
		}
	}
	s.report("LP relaxation and rounding", 0, 1)
	p := newProblem(s.ctx, s.req, s.cands, r, tieCost(s.req, s.cands, s.g))
	lb, cols, xlp, y := p.pdhg()
	var ps []placed
	var cost float64
	var err error
	if r.Cyclic && r.MaxStartTimes == 0 {
		if ps, cost, lb, err = s.cyclicDays(p, lb, cols, xlp, y); err != nil {
			return result{}, err
		}
	} else {
		if ps, cost, err = p.primal(cols, xlp, y); err != nil {
			return result{}, err
		}
		lb = p.polish(y, lb, cost)
	}
	s.report("LP relaxation and rounding", 1, 1)
	if r.MaxAgents > 0 && agents(ps) > r.MaxAgents {
		t, err := s.heuristicCapped(p, xlp, y)
		if err != nil {
			return result{}, err
		}
		ps, cost = t.ps, t.cost
		lb = math.Max(lb, math.Max(t.bound, p.capBound(y, t.lam, cost)))
	}
	res := result{cands: s.cands, ps: ps, cost: cost, bound: math.Min(lb, cost)}
	if r.MaxStartTimes > 0 && len(usedClocks(s.cands, ps)) > r.MaxStartTimes {
		// Re-solve by the flows alone (no LP: one per start time would cost too much).
		solve := func(cs []candidate) (capTry, error) {
			if err := uncovered(s.start, s.req, cs, r); err != nil {
				return capTry{}, err
			}
			q := newProblem(s.ctx, s.req, cs, r, p.tie)
			qs, qc, err := q.primal(nil, nil, nil)
			if err == nil && r.MaxAgents > 0 && agents(qs) > r.MaxAgents {
				return s.heuristicCapped(q, nil, nil)
			}
			return capTry{ps: qs, cost: qc}, err
		}
		var t capTry
		if res.cands, t, err = s.capStarts(s.cands, ps, solve); err != nil {
			return result{}, err
		}
		res.ps, res.cost, res.startsCapped = t.ps, t.cost, true
	}
	return res, nil
}

// granularity returns g > 0 such that every cost (the shifts' and the
// penalty) is a whole multiple of g, or 0 when there is none to a
// millionth. Paid hours at 15-minute intervals and a cost of 1 per hour
// give g = 0.25 (0.5 when breaks are whole half hours): then no schedule
// costs strictly between two multiples of g, and a lower bound may be
// rounded up to the next one (a Chvátal–Gomory cut on the objective).
func granularity(cands []candidate, penalty float64) float64 {
	const unit = 1e6
	var g int64
	add := func(c float64) bool {
		v := c * unit
		if v > 1e15 || math.Abs(v-math.Round(v)) > 1e-3 {
			return false
		}
		a := int64(math.Round(v))
		for a != 0 {
			g, a = a, g%a
		}
		return true
	}
	for _, c := range cands {
		if !add(c.cost) {
			return 0
		}
	}
	if penalty > 0 && !add(penalty) {
		return 0
	}
	return float64(g) / unit
}

// roundUp rounds the lower bound lb up to the next multiple of g (see
// granularity), allowing for rounding error in lb; g = 0 leaves it.
func roundUp(lb, g float64) float64 {
	if g <= 0 || math.IsNaN(lb) || math.IsInf(lb, 0) {
		return lb
	}
	return g * math.Ceil(lb/g-1e-6)
}

// piece is a stretch of intervals [from, to) that no allowed shift
// crosses into or out of, and the candidates (indices) within it.
type piece struct {
	from, to int
	cands    []int
}

// pieces cuts the horizon wherever no candidate's span crosses the cut,
// and returns the pieces with something required in them.
func pieces(req []int, cands []candidate) []piece {
	n := len(req)
	cross := make([]int, n+1) // difference array: candidates spanning b−1 and b
	for _, c := range cands {
		if c.start+c.k > n {
			return nil // a cyclic shift wraps: no cuts
		}
		cross[c.start+1]++
		cross[c.start+c.k]--
	}
	var out []piece
	from, run := 0, 0
	for b := 1; b <= n; b++ {
		run += cross[b]
		if b < n && run > 0 {
			continue
		}
		need := false
		for _, v := range req[from:b] {
			need = need || v > 0
		}
		if need {
			out = append(out, piece{from: from, to: b})
		}
		from = b
	}
	for j, c := range cands {
		for i := range out {
			if c.start >= out[i].from && c.start < out[i].to {
				out[i].cands = append(out[i].cands, j)
				break
			}
		}
	}
	return out
}

// decomposed solves the pieces independently, Options.Workers at a time,
// and adds up their schedules, costs and bounds. Each piece's bound is
// rounded up to the granularity before the sum, which is what proves
// most days optimal. The LP of a piece is warm-started from that of the
// first piece of the same shape (the same candidates at the same
// offsets: the same hours of another day), solved first; so a piece's
// schedule depends neither on the number of workers nor on their timing.
// An agent cap, which couples the pieces, is met by a price per agent
// (see capPieces).
func (s *solver) decomposed(pcs []piece) (result, error) {
	ws, err := s.newPieceSet(pcs, s.req, s.r)
	if err != nil {
		return result{}, err
	}
	outs, err := ws.solveAt(0, "days (pieces of the horizon) with breaks")
	if err != nil {
		return result{}, err
	}
	res := result{cands: s.cands}
	a := 0
	for _, o := range outs {
		res.ps = append(res.ps, o.ps...)
		res.cost += o.cost
		res.bound += math.Min(o.bound, o.cost)
		a += o.agents
	}
	if s.r.MaxAgents > 0 && a > s.r.MaxAgents {
		res, _, err = ws.capPieces([][]pieceOut{outs}, res.bound, s.r.MaxAgents)
	}
	return res, err
}

// newPieceSet sets up the pieces pcs of a requirement req (a piece may
// run past the end of a cyclic week: its intervals are taken modulo its
// length) under rules r, and solves the LP of the first piece of each
// shape, Options.Workers at a time, to warm-start the others from.
func (s *solver) newPieceSet(pcs []piece, req []int, r Rules) (*pieceSet, error) {
	n := len(req)
	ws := &pieceSet{s: s, pcs: pcs, probs: make([]*problem, len(pcs)), first: make([]int, len(pcs)), warm: make([]*warmStart, len(pcs))}
	for i, pc := range pcs {
		cs := make([]candidate, len(pc.cands))
		for k, j := range pc.cands {
			cs[k] = s.cands[j]
			cs[k].start = ((cs[k].start-pc.from)%n + n) % n
		}
		preq := make([]int, pc.to-pc.from)
		for o := range preq {
			preq[o] = req[(pc.from+o)%n]
		}
		ws.probs[i] = newProblem(s.ctx, preq, cs, r, tieCost(preq, cs, s.g))
		ws.first[i] = i
		for f := range i {
			if ws.first[f] == f && len(pcs[f].cands) == len(cs) && pc.to-pc.from == pcs[f].to-pcs[f].from && sameShape(ws.probs[f].cands, cs) {
				ws.first[i] = f
				break
			}
		}
	}
	var firsts []int
	for i := range pcs {
		if ws.first[i] == i {
			firsts = append(firsts, i)
		}
	}
	err := ws.run(firsts, func(i int) {
		_, _, x, y := ws.probs[i].pdhg()
		ws.warm[i] = &warmStart{x: x, y: y}
	})
	return ws, err
}

// pieceSet is a horizon cut into pieces: each piece's problem, the first
// piece of its shape and that piece's LP solution (the warm start).
type pieceSet struct {
	s     *solver
	pcs   []piece
	probs []*problem
	first []int
	warm  []*warmStart
}

// pieceOut is a piece's schedule (over the horizon's candidates), its
// true cost and agents, and a lower bound, rounded up to the granularity,
// on the piece's optimum at the price per agent it was solved at.
type pieceOut struct {
	ps          []placed
	cost, bound float64
	agents      int
}

// run calls do(i) for each i of todo, Options.Workers at a time. A panic
// in do (a bug, or in Options.Progress) stops it and comes back as an
// error: the caller cannot recover one on a worker goroutine.
func (ws *pieceSet) run(todo []int, do func(i int)) error {
	s := ws.s
	workers := s.opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	next := make(chan int)
	var (
		wg       sync.WaitGroup
		pmu      sync.Mutex
		panicked error
	)
	failed := func() bool {
		pmu.Lock()
		defer pmu.Unlock()
		return panicked != nil
	}
	for range min(workers, len(todo)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				err := panicerr.Catch(func() error { do(i); return nil })
				if err != nil {
					pmu.Lock()
					if panicked == nil {
						panicked = fmt.Errorf("shifts: piece %d of the horizon: %w", i, err)
					}
					pmu.Unlock()
				}
			}
		}()
	}
	for _, i := range todo {
		if s.ctx.Err() != nil || failed() {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	return panicked
}

// solveAt solves every piece with each shift dearer by lam (the price of
// an agent under the cap; 0: none), warm-started, and returns the pieces'
// schedules at their true costs with their bounds at that price.
func (ws *pieceSet) solveAt(lam float64, stage string) ([]pieceOut, error) {
	rounds := 100
	if lam > 0 {
		rounds = pricedRounds
	}
	s := ws.s
	outs := make([]pieceOut, len(ws.pcs))
	errs := make([]error, len(ws.pcs))
	all := make([]int, len(ws.pcs))
	for i := range all {
		all[i] = i
	}
	done := 0
	s.report(stage, 0, len(ws.pcs))
	err := ws.run(all, func(i int) {
		p, g := ws.probs[i], s.g
		if lam > 0 {
			// The priced costs have their own unit (a price on a grid of
			// g/16 keeps one); the bound rounds up to that.
			p = p.priced(lam)
			g = granularity(p.cands, s.r.UnderPenalty)
		}
		ps, cost, bound, err := p.solvePiece(ws.warm[ws.first[i]], g, uint64(ws.pcs[i].from), rounds)
		if err != nil {
			errs[i] = err
			return
		}
		o := pieceOut{agents: agents(ps), bound: roundUp(math.Min(bound, cost), g)}
		o.cost = cost - lam*float64(o.agents)
		for _, u := range ps {
			u.cand = ws.pcs[i].cands[u.cand]
			o.ps = append(o.ps, u)
		}
		outs[i] = o
		s.mu.Lock()
		done++
		d := done
		s.mu.Unlock()
		s.report(stage, d, len(ws.pcs))
	})
	if err != nil {
		return nil, err
	}
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return outs, s.ctx.Err()
}

// warmStart is an LP solution to start a piece's LP from.
type warmStart struct{ x, y []float64 }

// solvePiece solves p without caps: LP (from w, nil: cold), rounding,
// bound; where the schedule costs more than the bound rounded up to the
// granularity g, it searches on for up to rounds rounds, with seed for
// its random choices. It returns the schedule, its cost and the bound.
func (p *problem) solvePiece(w *warmStart, g float64, seed uint64, rounds int) ([]placed, float64, float64, error) {
	var x0, y0 []float64
	if w != nil {
		x0, y0 = w.x, w.y
	}
	lb, cols, xlp, y := p.pdhgFrom(x0, y0, maxPDHG)
	ps, cost, err := p.primal(cols, xlp, y)
	if err != nil {
		return nil, 0, 0, err
	}
	lb = p.polish(y, lb, cost)
	// A piece is small: where the schedule is above the bound (rounded to
	// the granularity g), search on by ruin and recreate until it meets
	// the bound.
	target := roundUp(lb, g)
	if cost > target+1e-9 {
		var units []placed
		for _, u := range ps {
			for range u.agents {
				units = append(units, placed{u.cand, u.off, 1})
			}
		}
		units, cost = p.ruinRecreate(units, target, rounds, seed)
		ps = merge(units)
	}
	return ps, cost, math.Min(lb, cost), nil
}

// sameShape reports whether two pieces have the same candidates (start
// offset, span, break window), so that one's LP solution fits the other.
func sameShape(a, b []candidate) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if x.start != y.start || x.k != y.k || x.brLo != y.brLo || x.brHi != y.brHi || x.brK != y.brK {
			return false
		}
	}
	return true
}

// capPieces meets a cap of capA agents on the pieces, whose schedules
// so far (given: each a schedule per piece, at price 0) use too many, by
// Lagrangian relaxation of the cap's row Σ x ≤ A: at a price λ per agent
// the pieces are independent again and solved apart, and Σ_pieces B(λ) −
// λA, with B(λ) a piece's bound at the priced costs rounded up to their
// unit, is a lower bound on the capped optimum for every λ ≥ 0 (bound0,
// the bound at 0, is the first). The first price is g/2; it is doubled
// until the pieces together meet the cap, then bisected on a grid of g/16
// (so that the priced costs keep a unit to round to) until the schedule
// meets the bound or two steps have passed (each costs a priced solve of
// every piece; on the benchmarks more found nothing cheaper). Every
// piece's schedule at every price is kept, and the cheapest combination
// within the cap (a multiple-choice knapsack, by dynamic programming over
// agents) is the schedule. It returns it with the bound and the price
// that met the cap.
func (ws *pieceSet) capPieces(given [][]pieceOut, bound0 float64, capA int) (result, float64, error) {
	s := ws.s
	opts := make([][]pieceOut, len(ws.pcs))
	add := func(outs []pieceOut) int {
		a := 0
		for i, o := range outs {
			opts[i] = append(opts[i], o)
			a += o.agents
		}
		return a
	}
	for _, outs := range given {
		add(outs)
	}
	scale := 0.0 // the mean shift cost, for a grid when costs have no unit
	for _, c := range s.cands {
		scale += c.cost / float64(len(s.cands))
	}
	q := s.g / 16
	if q <= 0 {
		q = math.Max(scale, 1e-6) / 64
	}
	bound := bound0
	at := func(k int) (bool, error) {
		lam := float64(k) * q
		outs, err := ws.solveAt(lam, "days at a price per agent (agent cap)")
		if err != nil {
			return false, err
		}
		lb := -lam * float64(capA)
		for _, o := range outs {
			lb += o.bound
		}
		bound = math.Max(bound, lb)
		return add(outs) <= capA, nil
	}
	// best combines the options so far; the search stops once it meets
	// the bound (rounded up to the unit of the true costs).
	var pick []int
	best := math.Inf(1)
	proven := func() bool {
		if pick = cheapestWithin(opts, capA); pick != nil {
			best = 0
			for i, k := range pick {
				best += opts[i][k].cost
			}
		}
		return best <= roundUp(bound, s.g)+1e-9
	}
	// The first price is g/2, whose priced costs keep a coarse unit (the
	// pieces meet their rounded bounds quickly); finer ones only when the
	// combination is not yet proven.
	lo, hi := 0, 8
	for {
		if float64(hi)*q > 64*math.Max(scale, 1e-6) {
			return result{}, 0, s.noPriceError()
		}
		ok, err := at(hi)
		if err != nil {
			return result{}, 0, err
		}
		if ok {
			break
		}
		lo, hi = hi, 2*hi
	}
	for steps := 0; hi-lo > 1 && steps < 2 && !proven(); steps++ {
		mid := (lo + hi) / 2
		ok, err := at(mid)
		if err != nil {
			return result{}, 0, err
		}
		if ok {
			hi = mid
		} else {
			lo = mid
		}
	}
	if proven(); pick == nil {
		return result{}, 0, s.noPriceError()
	}
	res := result{cands: s.cands}
	for i, k := range pick {
		o := opts[i][k]
		res.ps = append(res.ps, o.ps...)
		res.cost += o.cost
	}
	res.bound = math.Min(bound, res.cost)
	return res, float64(hi) * q, nil
}

// cheapestWithin picks one option per piece so that their agents add up
// to at most capA at least total cost (a multiple-choice knapsack, solved
// exactly by dynamic programming over the agents used); the first of
// equal choices wins. It returns the option index per piece, or nil when
// no choice is within the cap.
func cheapestWithin(opts [][]pieceOut, capA int) []int {
	inf := math.Inf(1)
	dp := make([]float64, capA+1) // cheapest cost of the pieces so far with a agents
	for a := 1; a <= capA; a++ {
		dp[a] = inf
	}
	choice := make([][]int16, len(opts))
	for i, os := range opts {
		next := make([]float64, capA+1)
		choice[i] = make([]int16, capA+1)
		for a := range next {
			next[a] = inf
			for k, o := range os {
				if o.agents <= a && dp[a-o.agents]+o.cost < next[a]-1e-9 {
					next[a], choice[i][a] = dp[a-o.agents]+o.cost, int16(k)
				}
			}
		}
		dp = next
	}
	best := 0
	for a := range dp {
		if dp[a] < dp[best]-1e-9 {
			best = a
		}
	}
	if math.IsInf(dp[best], 1) {
		return nil
	}
	pick := make([]int, len(opts))
	for i := len(opts) - 1; i >= 0; i-- {
		k := int(choice[i][best])
		pick[i] = k
		best -= opts[i][k].agents
	}
	return pick
}

// pricedRounds caps the search of a piece at a price per agent: its
// schedule is one option among several for the combination.
const pricedRounds = 25

// cyclicDays solves a cyclic week p, whose LP bound is lb, LP solution
// cols, x and duals y: the LP rounded (primal) and, unless that is proven
// optimal, the week again in days, cut where its shifts cross least
// (cutWeek), then cut again at another time of day from that schedule if
// it is still above the bound. A day's schedule replaces the week's only
// where it costs less, so a schedule changes only for a cheaper one. Under
// an agent cap the flows at a price per agent are a second opinion, and
// the bound is the best of the LP's, the capped Lagrangian at the days'
// price and at the flows' (capBound) and the priced LP's there. It
// returns the schedule, its cost and the bound; a schedule still over the
// cap (no cut left the cap a chance) is left to heuristicCapped.
func (s *solver) cyclicDays(p *problem, lb float64, cols []lpCol, x, y []float64) ([]placed, float64, float64, error) {
	ps, cost, err := p.primal(cols, x, y)
	if err != nil {
		return nil, 0, 0, err
	}
	lb = p.polish(y, lb, cost)
	over := s.r.MaxAgents > 0 && agents(ps) > s.r.MaxAgents
	if !over && cost <= roundUp(lb, s.g)+1e-9 {
		return ps, cost, lb, nil // proven optimal already
	}
	t, lam, ok, err := s.cutWeek(ps, -1)
	if err != nil {
		return nil, 0, 0, err
	}
	if ok && (over || t.cost < cost-1e-9) {
		ps, cost = t.ps, t.cost
	}
	if ok && roundUp(lb, s.g) < cost-1e-9 {
		t, l, ok2, err := s.cutWeek(ps, t.cut)
		if err != nil {
			return nil, 0, 0, err
		}
		if ok2 && t.cost < cost-1e-9 && (s.r.MaxAgents == 0 || agents(t.ps) <= s.r.MaxAgents) {
			ps, cost, lam = t.ps, t.cost, l
		}
	}
	if over && ok {
		lams := []float64{lam}
		if f, err := s.heuristicCapped(p, nil, nil); err == nil {
			lams = append(lams, f.lam)
			if f.cost < cost-1e-9 {
				ps, cost = f.ps, f.cost
			}
		}
		cp := float64(s.r.MaxAgents)
		for _, l := range lams {
			lb = math.Max(lb, p.capBound(y, l, cost))
			qlb, _, _, _ := p.priced(l).pdhgFrom(x, y, maxCapPDHG)
			lb = math.Max(lb, qlb-l*cp)
		}
	}
	return ps, cost, math.Max(lb, p.polish(y, lb, cost)), nil
}

// cutWeek solves a cyclic week again in days, keeping from its schedule
// ps0 only the shifts across one time of day: the time the fewest of
// ps0's agents work across (then the one with the least required), which
// is where the week is cut. Between two cuts no other shift crosses, so
// the days are pieces of what the kept shifts leave to cover, solved
// apart as a week of days is (LP warm-started, dived, searched to their
// rounded bound), under the agent cap less the kept agents when there is
// one (see capPieces). Each day keeps ps0's own shifts within it when
// they cost less. It returns the schedule, the price per agent it was
// found at (0 without a binding cap) and false when no cut leaves the
// cap a chance. The bounds of the days are not bounds of the week (the
// kept shifts are a choice): the caller keeps the week's own.
func (s *solver) cutWeek(ps0 []placed, avoid time.Duration) (result, float64, bool, error) {
	n := len(s.req)
	byClock := map[time.Duration][]int{}
	for t, st := range s.start {
		c := clock.Of(st)
		byClock[c] = append(byClock[c], t)
	}
	// across reports whether shift j works across the boundary before t.
	across := func(j, t int) bool {
		c := s.cands[j]
		d := ((t-c.start)%n + n) % n
		return d > 0 && d < c.k
	}
	bestClock, bestAgents, bestReq := time.Duration(-1), 0, 0
	for c, ts := range byClock {
		if len(ts) != 7 {
			continue // a clock time DST skips or repeats on one day of the week
		}
		if d := ((c-avoid)%(24*time.Hour) + 24*time.Hour) % (24 * time.Hour); avoid >= 0 && (d < 2*time.Hour || d > 22*time.Hour) {
			continue
		}
		a, rq := 0, 0
		for _, t := range ts {
			rq += s.req[t]
			for _, u := range ps0 {
				if across(u.cand, t) {
					a += u.agents
				}
			}
		}
		if bestClock < 0 || a < bestAgents || a == bestAgents && (rq < bestReq || rq == bestReq && c < bestClock) {
			bestClock, bestAgents, bestReq = c, a, rq
		}
	}
	if bestClock < 0 {
		return result{}, 0, false, nil
	}
	cuts := byClock[bestClock]
	pcs := make([]piece, len(cuts))
	for i, c := range cuts {
		pcs[i].from = c
		if i+1 < len(cuts) {
			pcs[i].to = cuts[i+1]
		} else {
			pcs[i].to = cuts[0] + n
		}
	}
	pieceOf := make([]int, len(s.cands)) // -1: across a cut
	for j, c := range s.cands {
		pieceOf[j] = -1
		for i, pc := range pcs {
			if ls := ((c.start-pc.from)%n + n) % n; ls+c.k <= pc.to-pc.from {
				pieceOf[j] = i
				pcs[i].cands = append(pcs[i].cands, j)
				break
			}
		}
	}
	var fixed []placed
	inside := make([][]placed, len(pcs)) // ps0's shifts per piece
	for _, u := range ps0 {
		if i := pieceOf[u.cand]; i >= 0 {
			inside[i] = append(inside[i], u)
		} else {
			fixed = append(fixed, u)
		}
	}
	res := make([]int, n)
	cov := coverage(n, s.cands, fixed)
	for t := range res {
		res[t] = max(0, s.req[t]-cov[t])
	}
	r := s.r
	r.Cyclic, r.MaxAgents = false, 0
	ws, err := s.newPieceSet(pcs, res, r)
	if err != nil {
		return result{}, 0, false, err
	}
	outs, err := ws.solveAt(0, "days of the cyclic week with breaks")
	if err != nil {
		return result{}, 0, false, err
	}
	own := make([]pieceOut, len(pcs))
	for i, pc := range pcs {
		local := map[int]int{}
		for k, j := range pc.cands {
			local[j] = k
		}
		p := ws.probs[i]
		var units []placed
		for _, u := range inside[i] {
			units = append(units, placed{local[u.cand], u.off, u.agents})
		}
		own[i] = pieceOut{ps: inside[i], cost: p.cost(units, p.surplus(units)), agents: agents(units)}
	}
	out := result{cands: s.cands}
	lam := 0.0
	left := math.MaxInt
	if s.r.MaxAgents > 0 {
		left = s.r.MaxAgents - agents(fixed)
	}
	a, bound := 0, 0.0 // the days' bound given the kept shifts
	for i := range outs {
		bound += math.Min(outs[i].bound, outs[i].cost)
		if own[i].cost < outs[i].cost-1e-9 {
			outs[i] = own[i]
		}
		a += outs[i].agents
	}
	if a <= left {
		for _, o := range outs {
			out.ps = append(out.ps, o.ps...)
			out.cost += o.cost
		}
	} else {
		if left <= 0 {
			return result{}, 0, false, nil
		}
		if out, lam, err = ws.capPieces([][]pieceOut{outs, own}, bound, left); errors.Is(err, ErrUncoverable) {
			return result{}, 0, false, nil
		} else if err != nil {
			return result{}, 0, false, err
		}
	}
	out.cut = bestClock
	out.ps = append(merge(fixed), out.ps...)
	for _, u := range fixed {
		out.cost += float64(u.agents) * s.cands[u.cand].cost
	}
	return out, lam, true, nil
}
