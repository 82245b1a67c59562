// Package hours recommends opening hours: for each weekday one window
// [Open, Close) of local clock time, chosen so that the phone line serves
// its callers and covers the most orders within a budget.
//
// # Where each formula lives
//
//   - week.go: Profile, demand per weekday and slot, the mean (or a
//     quantile, Hyndman & Fan type 7) over the days of a period, each
//     interval in the slot of its own local clock (DST days count their
//     real hours).
//   - estimate.go: EstimateClosedCalls, the calls of intervals the line was
//     closed in, with a band: attempts / repeat-attempt factor, or a
//     calls-per-chat (per-order) ratio by weekday and hour with displaced
//     callers taken out of the first open hour.
//   - optimize.go: the model of one open slot: the scheduled agents its
//     calls need at the target (staffing.Required, Erlang C or A, grossed
//     up by staffing.Scheduled for shrinkage, at least MinAgents), the
//     service level they give, calls answered = service level × calls,
//     cost = agents × slot hours × premium; the objectives.
//   - recommend.go: Recommend, the exact search (a label-setting dynamic
//     programme over the days with dominance on cost, value and floor
//     calls, bounded by staircases of what later days can add and by a
//     Lagrangian bound that prices missing floor calls against the
//     budget), the near-tie rule (the most regular plan within NearTie of
//     the best, found by the same programme under a cap of 1, 2, ...
//     windows) and the alternatives; Evaluate for given hours.
//   - marginal.go: Marginals (one slot more or less at each edge) and
//     CallbackLoad (requests worked within a promise after opening,
//     staffing.Deferred).
//
// # Units
//
// Volumes are per slot (Week.Step, an hour or a divisor of a day).
// Budgets and costs are scheduled agent-hours per week, each weighted by
// its premium (1 when there are none). Shares are fractions in [0,1].
//
// # Errors
//
// Bad settings return errors that name the setting; constraints that no
// hours meet return an *InfeasibleError (errors.Is ErrInfeasible) with the
// smallest budget that would meet them. Nothing panics on user input.
package hours
