// Package plan is the planner's whole chain, the one place that joins
// data, forecast and staffing: history → demand (a forecast of the 52
// weeks after the history, or its last 52 weeks) → calls in the hours the
// line was never open (an estimate with a band) → demand per period and
// weekday → staffing (Erlang C or A) → opening hours → a budget frontier,
// the price of the evening peak and the agents per interval for shift
// planning.
//
// Run takes a context and Options and returns a Result that says what it
// assumed (Result.Assumptions) and, for each period, the recommended
// hours beside today's under the same model.
//
// # The decision
//
// By default (hours.CallsThenOrders) the callers come first: the
// recommended hours answer at least as many calls within target as
// today's hours, per period, counting calls in never-open hours at the
// low end of their estimate. Within that floor and the budget (by
// default what today's hours cost in that period), the hours cover the
// most orders. The optimum is exact (a dynamic programme checked against
// enumeration in staffing/hours). Days closed today may stay closed.
//
// # One budget
//
// With chat and email planned beside the phone (Options.Channels and
// the rest), each period's budget covers them all, callbacks too: by
// default what today's hours cost for every channel. The phone's hours
// are chosen within what the others leave under those hours, searched
// in bounded passes since chat and email follow the phone's hours
// (PeriodResult.Others, MaxBudgetPasses); the frontier raises the total.
//
// # Closed-hour calls
//
// See hours.EstimateClosedCalls: the attempts the phone system logged
// (calls_closed) over a repeat-attempt factor when the column is present,
// otherwise a calls-per-chat (or per-order) ratio by weekday and hour.
// Each period is also planned at both ends of the band, and
// PeriodResult.Sensitive says whether the hours would change.
//
// # Weights
//
// Periods are weighed by their days (a 23-day Christmas period is 23/7
// weeks), not by the Mondays they contain.
package plan
