package shifts

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"sync"
	"time"

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
// Without caps or a cyclic week, the horizon is cut wherever no allowed
// shift spans the cut (nights closed to shifts, or LatestEnd at
// midnight): the pieces, usually days, are independent, solved in
// parallel (Options.Workers) and their costs and bounds added up. A
// panic while solving a piece (a bug) comes back as an error that says
// "internal error: panic: …" and keeps the stack (internal/panicerr).
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
	ps, cost, err := p.primal(cols, xlp, y)
	if err != nil {
		return result{}, err
	}
	lb = p.polish(y, lb, cost)
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
	ws := &pieceSet{s: s, pcs: pcs, probs: make([]*problem, len(pcs)), first: make([]int, len(pcs)), warm: make([]*warmStart, len(pcs))}
	for i, pc := range pcs {
		cs := make([]candidate, len(pc.cands))
		for k, j := range pc.cands {
			cs[k] = s.cands[j]
			cs[k].start -= pc.from
		}
		req := s.req[pc.from:pc.to]
		ws.probs[i] = newProblem(s.ctx, req, cs, s.r, tieCost(req, cs, s.g))
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
	if err := ws.run(firsts, func(i int) {
		_, _, x, y := ws.probs[i].pdhg()
		ws.warm[i] = &warmStart{x: x, y: y}
	}); err != nil {
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
		return ws.capPieces(outs, res.bound)
	}
	return res, nil
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
		rounds := 100
		if lam > 0 {
			rounds = pricedRounds
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

// capPieces meets MaxAgents on a horizon in pieces, whose uncapped
// schedules outs0 use too many agents, by Lagrangian relaxation of the
// cap's row Σ x ≤ A: at a price λ per agent the pieces are independent
// again and solved apart, and Σ_pieces B(λ) − λA, with B(λ) a piece's
// bound at the priced costs rounded up to their unit, is a lower bound on
// the capped optimum for every λ ≥ 0 (bound0, the uncapped bound, is the
// one at 0). The price is doubled until the pieces together meet the cap,
// then bisected on a grid of g/16 (so that the priced costs keep a unit
// to round to). Every piece's schedule at every price tried is kept, and
// the cheapest combination within the cap (a multiple-choice knapsack,
// by dynamic programming over agents) is the schedule.
func (ws *pieceSet) capPieces(outs0 []pieceOut, bound0 float64) (result, error) {
	s := ws.s
	capA := s.r.MaxAgents
	opts := make([][]pieceOut, len(ws.pcs))
	add := func(outs []pieceOut) int {
		a := 0
		for i, o := range outs {
			opts[i] = append(opts[i], o)
			a += o.agents
		}
		return a
	}
	add(outs0)
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
			return result{}, s.noPriceError()
		}
		ok, err := at(hi)
		if err != nil {
			return result{}, err
		}
		if ok {
			break
		}
		lo, hi = hi, 2*hi
	}
	for steps := 0; hi-lo > 1 && steps < 4 && !proven(); steps++ {
		mid := (lo + hi) / 2
		ok, err := at(mid)
		if err != nil {
			return result{}, err
		}
		if ok {
			hi = mid
		} else {
			lo = mid
		}
	}
	if proven(); pick == nil {
		return result{}, s.noPriceError()
	}
	res := result{cands: s.cands}
	for i, k := range pick {
		o := opts[i][k]
		res.ps = append(res.ps, o.ps...)
		res.cost += o.cost
	}
	res.bound = math.Min(bound, res.cost)
	return res, nil
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
