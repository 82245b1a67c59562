// Package staffing computes how many agents a contact-centre queue needs
// in an interval, from queueing theory.
//
// # Units and conventions
//
// Volumes are contacts offered in one interval; Queue.Interval says how
// long the interval is, so 100 contacts in 30 minutes with a 3-minute
// handling time is an offered load of 100·3/30 = 10 Erlangs. Durations are
// time.Duration; shares and probabilities are fractions in [0,1], never
// percentages (ParseTarget reads the planners' "80/20"). The average
// speed of answer is reported in seconds as a float64 so that an unstable
// queue can say +Inf; it is never NaN.
//
// Functions that take user values (Evaluate, Required, Plan, Deferred)
// validate them and return errors naming the field, the value and what was
// expected. Only ErlangB, ErlangC and Scheduled panic, on arguments their
// docs forbid, and Deferred on slices of unequal length.
//
// # Phone: Erlang C and Erlang A
//
// Erlang C (M/M/n) assumes Poisson arrivals, exponential handling times
// and callers who never hang up:
//
//	a         = λ·AHT                      offered load, Erlangs
//	P(wait)   = C(a, n) = n·B/(n − a(1 − B))  with B the Erlang B value
//	SL(T)     = 1 − P(wait)·exp(−(n − a)·T/AHT)
//	ASA       = P(wait)·AHT/(n − a)
//	occupancy = a/n
//
// Erlang B comes from the recursion 1/B(n) = 1 + (n/a)/B(n−1), with no
// factorials, stable from 0 to beyond 20,000 Erlangs and 25,000 agents.
//
// With a Queue.Patience, the queue is Erlang A (M/M/n+M, Palm 1943;
// Garnett, Mandelbaum & Reiman 2002): each waiting caller hangs up at rate
// 1/Patience. Erlang A reports the share abandoning, is stable even when
// a >= n, and tends to Erlang C as the patience grows. Its service level
// counts, by default, answered-within-T over ALL offered contacts, so a
// caller who hangs up counts against it (SLBase AllOffered); SLBase
// ExcludeEarlyAbandon divides instead by the contacts that did not hang up
// before T, as many ACD reports do. The ASA is the mean wait of answered
// contacts.
//
// Erlang A is evaluated in closed form (Garnett, Mandelbaum & Reiman
// 2002; Mandelbaum & Zeltyn 2007): summed over queue lengths, P(wait),
// P(abandon) and the service level are the Erlang B value and the
// regularised incomplete gamma function P(s, z) at s = nμ/θ (+1) and
// z = λ/θ or λ·e^{−θT}/θ, kept in logarithms (gonum's mathext, with our
// own series and continued fraction where its 2,000-term cap would
// truncate, beyond 20,000 in s). The ASA alone has no such form and is
// summed around the most likely queue length in O(√(nμ/θ)) products.
// The formulas are derived in the comment of erlangA; the exact sum over
// queue lengths they replace is kept in the tests as their oracle.
//
// # Required agents
//
// Required finds the smallest n that meets every target given (service
// level, ASA ceiling, maximum occupancy, maximum abandonment): n−1 misses
// one. Requirement.Fractional interpolates where the binding target is
// met exactly, so that totals over many intervals are not inflated by
// rounding each one up. Scheduled grosses agents up for shrinkage:
// ceil(n/(1 − shrinkage)).
//
// # Chat
//
// An agent handles up to k chats at once, and each chat takes longer the
// more there are: AHT·(1 + slowdown·(k−1)). Every agent is k slots of an
// Erlang C (or A) queue with that handling time; the queue needs s slots
// and ceil(s/k) agents (RequiredChat).
//
// # Email and callbacks: deferred work
//
// Deferred work is not a queue that callers wait in but items with a
// response-time promise, such as 90% answered within 1 hour and all within
// 4 hours, counted in open time. Deferred spreads each interval's items
// evenly over the open intervals of their promise window, so every item
// meets its deadline by construction; an interval needs the work it is
// given divided by its length, and the backlog at its end is what has
// arrived and not yet been worked off.
//
// That fluid model staffs the average work. With a window of one interval
// it staffs exactly the offered load, an unstable queue, so Plan staffs a
// promise shorter than two intervals as an Erlang C queue with the promise
// as the answer time, and carries only the items that arrive while closed
// through the backlog model (Queued says which, and why the switch lies
// there; a seeded simulation in the tests checks both sides).
//
// Booked callbacks are scheduled work (Booked): the customer books a slot,
// so the work arrives at a known time; a slot needs the agents that fit
// its bookings, whole callbacks with their preparation, and Capacity says
// how many bookings each slot can take.
//
// # Channels, deflection, quotes and streaming
//
// Settings.Channels gives each channel its own handling time, target,
// patience, concurrency, promise, opening hours and deflection (the share
// a chatbot or self-service resolves before staffing; Need.Saved is what
// it saves). Email and callback needs carry the answer times to quote,
// p50 and p90 (WaitQuantile for the queue, the spread's completion times
// for the backlog model, measured from the interval's start and through
// closed hours); QuoteTable condenses them by weekday and hour, and
// PublishedHours writes the hours for a website. TeamNeeds pools channels
// into blended or dedicated teams. Planner gives Plan's results one row at
// a time, holding only what the promise window needs, for input too long
// to hold; Totals sums them.
//
// # References
//
//   - A. K. Erlang (1917), "Solution of some problems in the theory of
//     probabilities of significance in automatic telephone exchanges".
//   - D. L. Jagerman (1974), "Some properties of the Erlang loss function",
//     Bell System Technical Journal 53(3):525–551 (the recursion).
//   - O. Garnett, A. Mandelbaum, M. Reiman (2002), "Designing a call center
//     with impatient customers", Manufacturing & Service Operations
//     Management 4(3):208–227 (Erlang A).
//   - A. Mandelbaum, S. Zeltyn (2007), "Service engineering in action: the
//     Palm/Erlang-A queue, with applications to call centers", in Advances
//     in Services Innovations, Springer (Erlang A's closed forms).
//   - M. Abramowitz, I. Stegun (1964), Handbook of Mathematical Functions,
//     6.5.21 and 6.5.29 (the incomplete gamma recurrence and series).
package staffing
