// Package shifts turns agents required per interval into a shift table:
// how many agents start which shift so that every interval is covered at
// least cost.
//
// # Model
//
// Shifts start on a grid of local clock times (Rules.StartEvery) between
// Rules.EarliestStart and, ending by, Rules.LatestEnd on the day they
// start, with one of Rules.Lengths, in real elapsed time (a shift over the
// spring daylight-saving change still lasts eight hours). The cost of a
// shift is its paid hours times Rules.CostPerHour for its length. The
// integer programme
//
//	minimise   Σ_j c_j x_j + P Σ_t u_t
//	subject to Σ_{j covers t} x_j + u_t ≥ r_t,   x, u ≥ 0 integer
//
// (u, the agents missing, only when an under-staffing penalty P is set)
// has an interval matrix: every shift covers consecutive intervals. Such
// matrices are totally unimodular, so the LP relaxation's optimum is
// integral, and differencing consecutive rows turns it into a minimum-cost
// flow (Veinott & Wagner 1962, "Optimal capacity scheduling"), solved here
// by successive shortest paths. The schedule is therefore optimal and its
// lower bound (the LP value) equals its cost. Caps on agents and on start
// times break this structure; one caps layer (caps.go) meets them for the
// flow and for the heuristic alike: agents by Lagrangian relaxation (a
// price per shift, with the dual bound reported), start times by
// dropping the least-used ones (a heuristic, with the gap to the
// uncapped bound reported). Schedule.Status says which holds.
//
// # Breaks and cyclic weeks
//
// Rules.Break gives shifts of at least Rules.BreakFrom an unpaid break,
// wholly inside the middle third of the shift, placed by the solver;
// Rules.Cyclic lets shifts run past the end of a one-week input into its
// first intervals (Sunday night into Monday). Either breaks the interval
// structure, so the LP optimum may be fractional. The model then has one
// column per shift and break placement. Its LP relaxation is solved
// approximately by the primal-dual hybrid gradient method (Chambolle &
// Pock 2011, diagonally preconditioned); the lower bound is the
// Lagrangian value of the LP prices, polished by subgradient steps, and is
// valid wherever the methods stop. The integer schedule is the best of:
// the LP rounded by fractional diving (fix the columns at 0.7 agents and
// up, or else one agent of the largest column, and solve the LP again for
// what is still short, warm-started); and exact breakless flows for the
// requirement plus the LP's agents on break, with the breaks then placed
// where cover is spare or cheapest by the LP prices and the requirement
// raised where still short. Each is repaired and improved by a local
// search (drop or shorten a shift, move other breaks to cover). In the
// flows for cyclic weeks the shifts across the week's end are taken from a
// two-week flow and the rest solved exactly.
//
// # Pieces and the rounded bound
//
// When costs are whole multiples of a unit g (paid hours at 15-minute
// intervals: g = 0.25 or 0.5), so is every schedule's cost, and a lower
// bound rounds up to the next multiple of g. Without a start-time cap or
// a cyclic week, Solve cuts the horizon wherever no allowed shift spans
// the cut (usually at night), solves the pieces in parallel, each LP
// warm-started from the first piece of the same shape, and adds up costs
// and rounded bounds; a piece whose schedule is above its rounded bound
// is searched further by ruin and recreate until it meets the bound or a
// budget runs out. Small pieces mostly meet it, so the gap closes: the
// benchmark week of 15-minute intervals with breaks is proven optimal
// (1,246 h, as COIN-OR CBC proves), and four weeks solve in linear time
// (see the README).
//
// An agent cap couples the pieces. It is priced (Lagrangian relaxation of
// the cap's row): at a price per agent the pieces are independent again,
// each solved apart with its bound at the priced costs rounded up to their
// unit, and the sum less the price times the cap is a lower bound for
// every price; the schedule is the cheapest combination, within the cap,
// of the pieces' schedules at the prices tried (a multiple-choice
// knapsack, by dynamic programming over agents).
//
// A cyclic week has no such cuts (shifts cross every midnight). After the
// whole week's LP and rounding, it is cut at the time of day the fewest
// of its shifts cross: those shifts are kept, and the days between the
// cuts are pieces of what they leave to cover, solved apart as above (and
// priced under a cap); a day's schedule replaces the week's only where it
// costs less. Then again at another time of day, from that schedule. The
// bound stays the whole week's (the kept shifts are a choice, so the
// days' bounds are not the week's).
//
// # Files
//
// shifts.go: Rules, Schedule and the candidate shifts; solve.go: Solve,
// the pieces; flow.go: the exact flow; lp.go: the LP (PDHG) and its
// bound; round.go: diving, break placement, repair; search.go: local
// search, ruin and recreate; caps.go: the caps layer; model.go: the LP
// file for CBC.
//
// NewModel writes the same integer programme in LP format for an outside
// solver (COIN-OR CBC) and reads its solution back.
//
// # Errors
//
// Requirements that are negative or not whole numbers, intervals that are
// not consecutive, and requirements that no allowed shift covers (named,
// unless a penalty lets them go unmet) are errors; ErrUncoverable marks the
// last kind.
package shifts
