// Package simulate checks a staffing plan by discrete-event simulation:
// the contacts of each interval arrive, wait, hang up or are answered,
// with the queue carried over from one interval to the next, which the
// steady-state formulas of package staffing leave out.
//
// # Model
//
// A Queue is a horizon of Intervals of equal length (Settings.Interval),
// each with the contacts expected in it (Volume) and the agents on duty
// (Agents). Times are seconds from the first interval's start, taken with
// time.Time.Sub, so a day that loses or repeats an hour at a DST change
// has as many intervals as the input gives it.
//
//   - Arrivals are a non-homogeneous Poisson process: within interval k at
//     the constant rate Volume/Interval. With Settings.Overdispersion φ > 1
//     each interval's rate is first multiplied by a Gamma(shape m/(φ−1),
//     mean 1) draw, m the Volume, so that the count has variance φ·m (a
//     negative binomial), as when the forecast itself is uncertain.
//   - Handling times have mean AHT (per interval, or the Queue's) and are
//     Exponential by default: CV 1, what Erlang C and Erlang A assume, so
//     the simulation reproduces them. Lognormal with HandlingCV is closer
//     to measured call lengths; note that a lognormal with CV 1 is not the
//     exponential (it has fewer very short calls) and waits come out
//     somewhat different.
//   - Patience (Queue.Patience, 0 for callers who never hang up) is
//     exponential, as Erlang A assumes, or lognormal with PatienceCV.
//   - Service is first come, first served. When the agents on duty drop at
//     an interval's start, idle agents leave at once and busy ones finish
//     their contact first: a call in progress at a shift's end is finished.
//   - Callbacks (Queue.Callback): a caller who arrives when every agent is
//     busy and finds at least QueueLength waiting, or an expected wait of
//     (waiting+1)·AHT/agents over Wait, is offered a callback and takes
//     it. Callbacks are worked by idle agents when nobody waits live, and
//     ahead of the live queue once their promise is due; one worked after
//     its promise counts as Late.
//   - A gap between two intervals, and the horizon's end, is a closure: no
//     more calls arrive, the agents on duty stay until every caller still
//     waiting is answered or hangs up, and callbacks not yet worked wait for
//     the next opening (Pending at the close is the backlog).
//
// Contacts are counted in the interval they arrive in, also when they are
// answered later. The service level is answered within AnswerWithin over
// the live callers offered (offered less callbacks), with a caller who
// hangs up counted against it, as staffing.Evaluate's AllOffered base. ASA
// is the mean wait of the answered. Occupancy is the agent time spent on
// contacts inside the interval over the agent time on duty.
//
// # Replications and intervals
//
// Run repeats the horizon Settings.Replications times, in parallel. Each
// replication has its own two random streams (arrivals; handling times and
// patience), seeded from Settings.Seed and the replication's number, so
// the same seed gives the same result on any number of cores, and two
// plans run with one seed see the same arrivals (common random numbers).
// Every statistic is a mean across replications with a 95% confidence
// interval from Student's t; shares and the ASA are ratio estimators
// (total answered in time over total offered, across replications) with
// the delta-method interval (Law 2015, Simulation Modeling and Analysis,
// §9.5.3). An interval is flagged BelowTarget when the upper bound of its
// service level is below Settings.ServiceLevel.
//
// # Correctness
//
// The tests run stationary queues from 1 to 500 Erlangs and compare the
// service level, ASA, occupancy and share abandoning with Erlang C and
// Erlang A from package staffing: the formula must lie inside the
// simulation's 95% interval (allowing the 5% of misses a correct
// simulation makes).
//
// # Beyond checking a plan
//
// TimeVarying (and CorrectPlan, for a plan of package staffing) corrects
// the stationary interval-by-interval staffing where the queue carries
// over, by iterated simulation (Feldman, Mandelbaum, Massey & Whitt 2008).
// StaffForRisk staffs each interval for a quantile of its demand, a
// lognormal through the forecast's p10, p50 and p90 (FitLognormal), and
// checks the share of intervals meeting the target across demand draws
// (Interval.VolumeSigma, Result.ShareMeeting). Evaluate runs a Scenario
// (more volume, longer calls, agents sick, other volumes) under a Policy
// (callbacks, chat agents moved to the phones, a wait message, an
// extended closing, extra agents), and Policies searches each family of
// policies for the least intrusive setting that keeps the target.
//
// # Errors
//
// Run validates its arguments and returns an error naming the field; it
// returns ctx's error and no result when cancelled. Result.Span panics on
// a span outside the result.
package simulate
