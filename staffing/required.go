package staffing

import (
	"errors"
	"fmt"
	"math"
)

// ErrUnreachable is returned when no staffing up to Target.MaxAgents meets
// every target.
var ErrUnreachable = errors.New("staffing: target unreachable")

// Requirement is the staffing a queue needs to meet a Target.
type Requirement struct {
	// Agents is the smallest n that meets every target; n−1 misses one.
	Agents int
	// Fractional is the n at which the binding target is met exactly:
	// the binding metric (service level, 1/ASA, occupancy or abandonment)
	// is interpolated linearly between Agents−1 and Agents, and for
	// Erlang C it is never below the offered load. Summed over intervals
	// it does not inflate totals the way rounding every interval up does.
	Fractional float64
	Result     Result // the performance at Agents
}

// Required returns the smallest number of agents that meets every target
// in t: service level, ASA ceiling, maximum occupancy, maximum
// abandonment. With no target set it returns the smallest staffing that
// answers at all: for Erlang C more agents than the offered load, for
// Erlang A one agent. A queue with no volume needs no agents.
//
// For Erlang C the search runs upward from the offered load, carrying the
// Erlang B recursion from one n to the next, so its cost is linear in the
// agents searched; Erlang A brackets its answer from the Erlang C
// requirement and scans the last few agents the same way. If even t.MaxAgents agents (DefaultMaxAgents when 0) fall short,
// Required returns the Requirement at the cap and an error wrapping
// ErrUnreachable.
func Required(q Queue, t Target) (Requirement, error) {
	if err := errors.Join(q.Validate(), t.Validate()); err != nil {
		return Requirement{}, err
	}
	var req Requirement
	err := required(q, &t, &req)
	return req, err
}

// required is Required for a target already validated (a plan checks
// its targets once, not once a row); it checks the queue on the load it
// computes anyway. It writes the requirement to *req (the zero
// Requirement with a queue's error), which the row it is for holds:
// a plan staffs a row through four calls, and a 72-byte result returned
// through each was a tenth of the time a fractional row takes.
func required(q Queue, t *Target, req *Requirement) error {
	m := newModel(q)
	if err := q.check(m.a); err != nil {
		*req = Requirement{}
		return err
	}
	if m.a == 0 {
		*req = Requirement{Result: m.eval(0, 1, t.AnswerWithin.Seconds(), t.SLBase)}
		return nil
	}
	limit := t.MaxAgents
	if limit == 0 {
		limit = DefaultMaxAgents
	}
	if m.theta == 0 {
		return m.requiredC(t, limit, req)
	}
	return m.requiredA(t, limit, req)
}

// requiredC is the Erlang C search. It runs once a row of a plan, so it
// is one loop with no calls per n: the targets are tested on the few
// quantities they need, with one division per n (C = n/(I·(n − a) + a)
// for I = 1/B), the service level's exp(−(n − a)·μT) carried as a
// product and 1/B carried from n−1. The Results at n and n−1 are built
// once, at the answer.
func (m model) requiredC(t *Target, limit int, req *Requirement) error {
	sec := t.AnswerWithin.Seconds()
	if m.a >= float64(limit) { // also keeps int(m.a) below from overflowing
		*req = Requirement{Agents: limit}
		m.erlangC(&req.Result, limit, 1/invErlangB(m.a, limit), sec)
		return unreachable(&req.Result, limit)
	}
	n := int(math.Floor(m.a)) + 1 // the first stable staffing, at most limit as a < limit
	inv := invErlangB(m.a, n)
	ia := 1 / m.a
	decay := math.Exp(-m.mu * sec)
	e := math.Exp(-(float64(n) - m.a) * m.mu * sec)
	sl, maxASA, maxOcc := t.ServiceLevel, t.MaxASA.Seconds(), t.MaxOccupancy
	prevInv := 1.0 // 1/B at n−1; unused while n−1 <= a, where the queue is unstable
	for {
		fn := float64(n)
		c := min(fn/(inv*(fn-m.a)+m.a), 1)
		if (sl == 0 || 1-c*e >= sl) &&
			(maxASA == 0 || c/(m.mu*(fn-m.a)) <= maxASA) &&
			(maxOcc == 0 || !exceeds(m.a/fn, maxOcc)) {
			req.Agents, req.Fractional = n, 0
			m.erlangC(&req.Result, n, 1/inv, sec)
			if t.met(&req.Result) { // the same test on the full Result, which is authoritative
				var prev Result
				m.erlangC(&prev, n-1, 1/prevInv, sec)
				req.Fractional = max(t.fractional(&prev, &req.Result), m.a)
				return nil
			}
		}
		if n == limit {
			req.Agents, req.Fractional = n, 0
			m.erlangC(&req.Result, n, 1/inv, sec)
			return unreachable(&req.Result, limit)
		}
		n++
		prevInv, inv = inv, 1+float64(n)*ia*inv
		e *= decay
	}
}

func (m model) requiredA(t *Target, limit int, req *Requirement) error {
	sec := t.AnswerWithin.Seconds()
	// The search tests the targets without the ASA's O(√c) sum unless an
	// ASA target is set; the Requirement's results are computed in full.
	test := func(n int, inv float64) bool {
		r := m.erlangAWith(n, 1/inv, sec, t.SLBase, t.MaxASA > 0)
		return t.met(&r)
	}
	full := func(n int, inv float64) Result { return m.erlangA(n, 1/inv, sec, t.SLBase) }
	// Bracket from the Erlang C requirement, which is cheap and usually
	// within a few agents: gallop from it to lo, which misses (0 always
	// misses), and hi, which meets; bisect while the bracket is wide; then
	// scan upwards from lo + 1, carrying the Erlang B recursion from one n
	// to the next as requiredC does. Erlang A's measures are monotone in
	// n, so the first n that meets every target is the answer.
	start := max(1, int(math.Ceil(min(m.a, float64(limit)))))
	c := m
	c.theta = 0
	tc := *t
	tc.MaxAbandon = 0
	if err := c.requiredC(&tc, limit, req); err == nil {
		start = min(req.Agents, limit)
	}
	lo, hi := 0, start
	if test(start, invErlangB(m.a, start)) {
		for step := 1; hi > 1; step *= 2 {
			next := max(hi-step, 1)
			if !test(next, invErlangB(m.a, next)) {
				lo = next
				break
			}
			hi = next
		}
	} else {
		lo = start
		for step := 1; ; step *= 2 {
			if lo == limit {
				*req = Requirement{Agents: limit, Result: full(limit, invErlangB(m.a, limit))}
				return unreachable(&req.Result, limit)
			}
			hi = min(limit, lo+step)
			if test(hi, invErlangB(m.a, hi)) {
				break
			}
			lo = hi
		}
	}
	for hi-lo > 2 {
		mid := lo + (hi-lo)/2
		if test(mid, invErlangB(m.a, mid)) {
			hi = mid
		} else {
			lo = mid
		}
	}
	prevInv := invErlangB(m.a, lo)
	n := lo + 1
	inv := 1 + float64(n)/m.a*prevInv
	for ; n < hi && !test(n, inv); n++ {
		prevInv, inv = inv, 1+float64(n+1)/m.a*inv
	}
	prev := full(n-1, prevInv)
	*req = Requirement{Agents: n, Result: full(n, inv)}
	req.Fractional = t.fractional(&prev, &req.Result)
	return nil
}

// met reports whether r meets every target in t. Staffing that answers
// nobody (an unbounded ASA) never meets.
func (t *Target) met(r *Result) bool {
	if r.Agents == 0 || math.IsInf(r.ASASeconds, 1) {
		return false
	}
	if t.ServiceLevel > 0 && r.ServiceLevel < t.ServiceLevel {
		return false
	}
	if t.MaxASA > 0 && r.ASASeconds > t.MaxASA.Seconds() {
		return false
	}
	if t.MaxOccupancy > 0 && exceeds(r.Occupancy, t.MaxOccupancy) {
		return false
	}
	if t.MaxAbandon > 0 && r.PAbandon > t.MaxAbandon {
		return false
	}
	return true
}

// fractional is the fractional requirement for the minimal staffing r
// (r.Agents), interpolated against prev, the result at r.Agents − 1: the
// point between them where the binding target is met exactly. For Erlang
// C the caller raises it to the offered load.
func (t *Target) fractional(prev, r *Result) float64 {
	need := 0.0
	if t.ServiceLevel > 0 && prev.ServiceLevel < t.ServiceLevel {
		need = max(need, crossing(prev.ServiceLevel, r.ServiceLevel, t.ServiceLevel))
	}
	if t.MaxASA > 0 && !(prev.ASASeconds <= t.MaxASA.Seconds()) {
		// Interpolate the answer rate 1/ASA, which is 0 (not +Inf) when unstable.
		need = max(need, crossing(1/prev.ASASeconds, 1/r.ASASeconds, 1/t.MaxASA.Seconds()))
	}
	if t.MaxOccupancy > 0 && exceeds(prev.Occupancy, t.MaxOccupancy) {
		need = max(need, crossing(prev.Occupancy, r.Occupancy, t.MaxOccupancy))
	}
	if t.MaxAbandon > 0 && prev.PAbandon > t.MaxAbandon {
		need = max(need, crossing(prev.PAbandon, r.PAbandon, t.MaxAbandon))
	}
	if need == 0 {
		// Only the implicit floor binds (stability for Erlang C, one agent for Erlang A).
		need = 1
	}
	return float64(r.Agents-1) + need
}

// crossing returns where a metric moving from v0 (at n−1) to v1 (at n)
// crosses goal, as a fraction of the step.
func crossing(v0, v1, goal float64) float64 {
	if v1 == v0 {
		return 1
	}
	return max(0, min(1, (goal-v0)/(v1-v0)))
}

// exceeds reports whether v is above the ceiling limit by more than a
// relative 1e-9. Occupancy a/n lands exactly on a ceiling whenever the
// load is a whole multiple of it (10.5 E at 0.7 on 15 agents), but in
// floating point 10.5/15 can come out one unit in the last place above
// 0.7, which would demand a 16th agent. Inputs that planners type carry
// far fewer than 9 significant digits, so the tolerance decides those
// boundaries as exact rational arithmetic does (TestOccupancyBoundaries),
// the same rule Scheduled applies to shrinkage.
func exceeds(v, limit float64) bool {
	return v > limit*(1+1e-9)
}

func unreachable(r *Result, limit int) error {
	return fmt.Errorf("%w: %d agents (the cap) give service level %.3f, ASA %s, occupancy %.3f, abandonment %.3f",
		ErrUnreachable, limit, r.ServiceLevel, formatSeconds(r.ASASeconds), r.Occupancy, r.PAbandon)
}

func formatSeconds(s float64) string {
	if math.IsInf(s, 1) {
		return "unbounded"
	}
	return fmt.Sprintf("%.1fs", s)
}
