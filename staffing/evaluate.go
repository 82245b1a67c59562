package staffing

import (
	"fmt"
	"math"
	"time"
)

// Result is the performance of one queue at one staffing level.
type Result struct {
	Agents       int
	OfferedLoad  float64 // Erlangs: Volume · AHT / Interval
	PWait        float64 // probability that a contact waits at all
	ServiceLevel float64 // share answered within the threshold (see SLBase)
	// ASASeconds is the average speed of answer of answered contacts, in
	// seconds; +Inf when the queue is unstable (Erlang C with load >= agents)
	// or nobody is answered.
	ASASeconds float64
	Occupancy  float64 // share of agent time busy: carried load / agents, in [0,1]
	PAbandon   float64 // share of contacts that hang up (Erlang A; 0 for Erlang C)
}

// Evaluate returns the performance of q with n agents, with the service
// level measured at answerWithin. With q.Patience = 0 it is Erlang C, else
// Erlang A (M/M/n+M) with the service level counted over all offered
// contacts; EvaluateBase chooses the other convention.
func Evaluate(q Queue, n int, answerWithin time.Duration) (Result, error) {
	return EvaluateBase(q, n, answerWithin, AllOffered)
}

// EvaluateBase is Evaluate with a choice of which contacts the service
// level counts (it matters only with a patience).
func EvaluateBase(q Queue, n int, answerWithin time.Duration, base SLBase) (Result, error) {
	if err := q.Validate(); err != nil {
		return Result{}, err
	}
	if n < 0 {
		return Result{}, fmt.Errorf("staffing: agents = %d: want a number >= 0", n)
	}
	if answerWithin < 0 {
		return Result{}, fmt.Errorf("staffing: answer-within = %v: want a duration >= 0", answerWithin)
	}
	m := newModel(q)
	return m.eval(n, 1/invErlangB(m.a, n), answerWithin.Seconds(), base), nil
}

// model holds a queue in the units the formulas use: rates per second.
type model struct {
	a      float64 // offered load, Erlangs
	lambda float64 // arrivals per second
	mu     float64 // service completions per second per agent
	theta  float64 // abandonment rate per waiting contact per second; 0 = Erlang C
}

func newModel(q Queue) model {
	m := model{a: q.Load()}
	m.mu = 1 / q.AHT.Seconds()
	m.lambda = m.a * m.mu
	if q.Patience > 0 {
		m.theta = 1 / q.Patience.Seconds()
	}
	return m
}

// eval evaluates n agents given b = B(a, n), the Erlang B value for n.
func (m model) eval(n int, b float64, t float64, base SLBase) Result {
	if m.theta > 0 {
		return m.erlangA(n, b, t, base)
	}
	var r Result
	m.erlangC(&r, n, b, t)
	return r
}

// erlangC evaluates the M/M/n queue (Erlang 1917; e.g. Gross & Harris,
// "Fundamentals of Queueing Theory", 4th ed., §2.3):
//
//	P(wait)   = C(a, n)
//	SL(T)     = 1 − C·exp(−(n − a)·T/AHT)
//	ASA       = C·AHT/(n − a)
//	occupancy = a/n
//
// With a >= n the queue grows without bound: P(wait) = 1, SL = 0, ASA = +Inf.
// It writes the Result to *r: the search builds the Results it returns in
// place, which measured a fifth faster than returning them.
func (m model) erlangC(r *Result, n int, b float64, t float64) {
	*r = Result{Agents: n, OfferedLoad: m.a}
	fn := float64(n)
	switch {
	case m.a == 0:
		r.ServiceLevel = 1
		return
	case m.a >= fn:
		r.PWait, r.ASASeconds = 1, math.Inf(1)
		if n > 0 {
			r.Occupancy = 1
		}
		return
	}
	c := erlangCFromB(m.a, n, b)
	r.PWait = c
	r.ServiceLevel = 1 - c*math.Exp(-(fn-m.a)*m.mu*t)
	r.ASASeconds = c / (m.mu * (fn - m.a))
	r.Occupancy = m.a / fn
}
