package staffing

// The Erlang C and A requirement search as it was before the lean
// restructuring (commit 3de4d06), renamed, as the oracle
// of TestRequiredMatchesOracle: the new path must return the same
// Requirement and error, bit for bit. What the restructuring left as it was
// (the model, the Erlang B recursion, the queue measures) is called, not copied.

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// oldModel is model, so that the oracle's methods do not clash.
type oldModel model

func oldRequiredSearch(q Queue, t *Target) (Requirement, error) {
	m := oldModel(newModel(q))
	if m.a == 0 {
		return Requirement{Result: model(m).eval(0, 1, t.AnswerWithin.Seconds(), t.SLBase)}, nil
	}
	limit := t.MaxAgents
	if limit == 0 {
		limit = DefaultMaxAgents
	}
	if m.theta == 0 {
		return m.oldRequiredC(*t, limit)
	}
	return m.oldRequiredA(*t, limit)
}

func (m oldModel) oldRequiredC(t Target, limit int) (Requirement, error) {
	sec := t.AnswerWithin.Seconds()
	if m.a >= float64(limit) { // also keeps int(m.a) below from overflowing
		r := model(m).eval(limit, 1/invErlangB(m.a, limit), sec, t.SLBase)
		return Requirement{Agents: limit, Result: r}, unreachable(&r, limit)
	}
	n := int(math.Floor(m.a)) + 1 // the first stable staffing
	if n > limit {
		r := model(m).eval(limit, 1/invErlangB(m.a, limit), sec, t.SLBase)
		return Requirement{Agents: limit, Result: r}, unreachable(&r, limit)
	}
	// The loop tests the targets on the few quantities they need, with one
	// division per n: C = n/(I·(n − a) + a) for I = 1/B, and the service
	// level's exp(−(n − a)·μT) carried as a product. Result is built once.
	inv := invErlangB(m.a, n)
	ia := 1 / m.a
	decay := math.Exp(-m.mu * sec)
	e := math.Exp(-(float64(n) - m.a) * m.mu * sec)
	maxASA := t.MaxASA.Seconds()
	prevInv := 1.0 // 1/B at n−1; unused while n−1 <= a, where the queue is unstable
	for {
		fn := float64(n)
		c := min(fn/(inv*(fn-m.a)+m.a), 1)
		ok := (t.ServiceLevel == 0 || 1-c*e >= t.ServiceLevel) &&
			(maxASA == 0 || c/(m.mu*(fn-m.a)) <= maxASA) &&
			(t.MaxOccupancy == 0 || !exceeds(m.a/fn, t.MaxOccupancy))
		if ok {
			r := model(m).eval(n, 1/inv, sec, t.SLBase)
			if t.oldMet(r) { // the same test on the full Result, which is authoritative
				prev := model(m).eval(n-1, 1/prevInv, sec, t.SLBase)
				return m.oldRequirement(t, prev, r, n), nil
			}
		}
		if n == limit {
			r := model(m).eval(n, 1/inv, sec, t.SLBase)
			return Requirement{Agents: n, Result: r}, unreachable(&r, limit)
		}
		n++
		prevInv, inv = inv, 1+float64(n)*ia*inv
		e *= decay
	}
}

func (m oldModel) oldRequiredA(t Target, limit int) (Requirement, error) {
	sec := t.AnswerWithin.Seconds()
	// The search tests the targets without the ASA's O(√c) sum unless an
	// ASA target is set; the Requirement's results are computed in full.
	test := func(n int, inv float64) bool {
		return t.oldMet(model(m).erlangAWith(n, 1/inv, sec, t.SLBase, t.MaxASA > 0))
	}
	full := func(n int, inv float64) Result { return model(m).erlangA(n, 1/inv, sec, t.SLBase) }
	// Bracket from the Erlang C requirement, which is cheap and usually
	// within a few agents: gallop from it to lo, which misses (0 always
	// misses), and hi, which meets; bisect while the bracket is wide; then
	// scan upwards from lo + 1, carrying the Erlang B recursion from one n
	// to the next as oldRequiredC does. Erlang A's measures are monotone in
	// n, so the first n that meets every target is the answer.
	start := max(1, int(math.Ceil(min(m.a, float64(limit)))))
	c := m
	c.theta = 0
	tc := t
	tc.MaxAbandon = 0
	if req, err := c.oldRequiredC(tc, limit); err == nil {
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
				r := full(limit, invErlangB(m.a, limit))
				return Requirement{Agents: limit, Result: r}, unreachable(&r, limit)
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
	return m.oldRequirement(t, full(n-1, prevInv), full(n, inv), n), nil
}

func (t Target) oldMet(r Result) bool {
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

func (m oldModel) oldRequirement(t Target, prev, r Result, n int) Requirement {
	req := Requirement{Agents: n, Fractional: float64(n), Result: r}
	frac := float64(n - 1)
	// interp returns where a metric moving from v0 (at n−1) to v1 (at n)
	// crosses goal, as a fraction of the step.
	interp := func(v0, v1, goal float64) float64 {
		if v1 == v0 {
			return 1
		}
		return max(0, min(1, (goal-v0)/(v1-v0)))
	}
	need := 0.0
	if t.ServiceLevel > 0 && prev.ServiceLevel < t.ServiceLevel {
		need = max(need, interp(prev.ServiceLevel, r.ServiceLevel, t.ServiceLevel))
	}
	if t.MaxASA > 0 && !(prev.ASASeconds <= t.MaxASA.Seconds()) {
		// Interpolate the answer rate 1/ASA, which is 0 (not +Inf) when unstable.
		need = max(need, interp(1/prev.ASASeconds, 1/r.ASASeconds, 1/t.MaxASA.Seconds()))
	}
	if t.MaxOccupancy > 0 && exceeds(prev.Occupancy, t.MaxOccupancy) {
		need = max(need, interp(prev.Occupancy, r.Occupancy, t.MaxOccupancy))
	}
	if t.MaxAbandon > 0 && prev.PAbandon > t.MaxAbandon {
		need = max(need, interp(prev.PAbandon, r.PAbandon, t.MaxAbandon))
	}
	if need == 0 {
		// Only the implicit floor binds (stability for Erlang C, one agent for Erlang A).
		need = 1
	}
	req.Fractional = frac + need
	if m.theta == 0 {
		req.Fractional = max(req.Fractional, m.a)
	}
	return req
}

// TestRequiredMatchesOracle compares the requirement search with the
// oracle above, bit for bit (every field of the Requirement, and the
// error's text), on random queues and targets: loads from 0 to 20,000
// Erlangs drawn log-uniformly, whole, tiny (down to 1e-300) and exact
// integers; intervals and handling times from seconds to hours; service
// levels, ASA and occupancy ceilings alone and together; caps that make
// the target unreachable; and, for one case in 16, a patience (Erlang A,
// which starts from the Erlang C search). Both the plain search and a
// plan's memo (cold, so that it stores and hits) are compared.
func TestRequiredMatchesOracle(t *testing.T) {
	t.Parallel()
	cases := 1_000_000
	if testing.Short() {
		cases = 50_000
	}
	rng := rand.New(rand.NewPCG(17, 2026))
	intervals := []time.Duration{time.Minute, 5 * time.Minute, 15 * time.Minute, 30 * time.Minute, time.Hour, 90 * time.Second}
	var memo requiredMemo
	var unreachable, erlangA, hits int
	for i := 0; i < cases; {
		iv := intervals[rng.IntN(len(intervals))]
		aht := time.Duration(1+rng.IntN(3600)) * time.Second
		if rng.IntN(4) == 0 {
			aht = time.Duration(rng.Int64N(int64(time.Hour))) + time.Millisecond
		}
		var load float64
		switch rng.IntN(6) {
		case 0:
			load = float64(rng.IntN(20001)) // integer loads
		case 1:
			load = math.Pow(10, -300+rng.Float64()*297) // tiny
		case 2:
			load = 0
		default:
			load = math.Exp(rng.Float64()*math.Log(20000)) - 1 // log-uniform in [0, 20,000)
		}
		q := Queue{Volume: load * iv.Seconds() / aht.Seconds(), Interval: iv, AHT: aht}
		switch rng.IntN(4) {
		case 0:
			q.Volume = float64(rng.IntN(1 + int(20000*iv.Seconds()/aht.Seconds()))) // whole calls
		case 1:
			q.Volume = math.Round(q.Volume*100) / 100
		}
		var tg Target
		for tg == (Target{}) || rng.IntN(3) == 0 {
			switch rng.IntN(4) {
			case 0, 1:
				tg.ServiceLevel = []float64{0.8, 0.9, 0.95, 0.5, 0.999}[rng.IntN(5)]
				if rng.IntN(3) == 0 {
					tg.ServiceLevel = 0.01 + 0.98*rng.Float64()
				}
				tg.AnswerWithin = time.Duration(rng.IntN(601)) * time.Second
			case 2:
				tg.MaxASA = time.Duration(1+rng.IntN(600)) * time.Second
				if rng.IntN(3) == 0 {
					tg.MaxASA = time.Duration(1 + rng.Int64N(int64(10*time.Minute)))
				}
			case 3:
				tg.MaxOccupancy = []float64{0.7, 0.85, 0.9, 1, 0.75}[rng.IntN(5)]
				if rng.IntN(3) == 0 {
					tg.MaxOccupancy = 0.3 + 0.7*rng.Float64()
				}
			}
		}
		if rng.IntN(16) == 0 {
			tg.MaxAgents = 1 + rng.IntN(200)
		}
		if i%16 == 0 && q.Load() < 2000 {
			q.Patience = time.Duration(1+rng.IntN(1200)) * time.Second
			if rng.IntN(4) == 0 {
				tg.MaxAbandon = 0.01 + 0.3*rng.Float64()
			}
		}
		if err := errors.Join(q.Validate(), tg.Validate()); err != nil {
			continue
		}
		i++
		want, wantErr := oldRequired(q, &tg)
		var got, viaMemo Requirement
		gotErr := required(q, &tg, &got)
		if i%1000 == 0 {
			hits += memo.hits
			memo = requiredMemo{} // warm: it stores every key, and the second call hits
		}
		memo.required(q, &tg, &viaMemo)
		viaMemo = Requirement{Agents: -1}
		memoErr := memo.required(q, &tg, &viaMemo)
		if !sameRequirement(got, want) || !sameError(gotErr, wantErr) || !sameRequirement(viaMemo, want) || !sameError(memoErr, wantErr) {
			t.Fatalf("case %d: %+v %+v:\nnew  %+v %v\nmemo %+v %v\nold  %+v %v", i, q, tg, got, gotErr, viaMemo, memoErr, want, wantErr)
		}
		if wantErr != nil {
			unreachable++
		}
		if q.Patience > 0 {
			erlangA++
		}
	}
	// The cases must reach every branch that matters.
	if unreachable < cases/100 || erlangA < cases/50 || hits < cases/2 {
		t.Errorf("%d cases: %d unreachable, %d Erlang A, %d memo hits: too few", cases, unreachable, erlangA, hits)
	}
	t.Logf("%d cases: %d unreachable, %d Erlang A, %d memo hits", cases, unreachable, erlangA, hits)
}

func sameError(a, b error) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Error() == b.Error() && errors.Is(a, ErrUnreachable) == errors.Is(b, ErrUnreachable)
}

// oldRequired is what a plan called before: the cheap queue check, then
// the search.
func oldRequired(q Queue, t *Target) (Requirement, error) {
	if err := q.Validate(); err != nil {
		return Requirement{}, err
	}
	return oldRequiredSearch(q, t)
}
