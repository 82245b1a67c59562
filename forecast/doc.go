// Package forecast forecasts hourly (or 15- and 30-minute) counts of
// orders and contacts, with prediction intervals, and measures forecasts
// by rolling-origin backtests.
//
// # Models
//
//   - SeasonalNaive: the same local clock time one week earlier.
//   - WeekMean: the mean of the same local clock time over the last
//     Options.Weeks weeks (4 by default).
//   - Profile: an exponentially weighted mean of each interval of the
//     week over the last year, days that look like holes (a day under a
//     quarter of its weekday's median: a closure, an outage) left out,
//     times a level correction: the weighted ratio of recent actuals to
//     that profile. Both half-lives (1–32 weeks for the profile; none or
//     0.5–2 weeks for the level) are chosen per series by validation.
//   - DoubleSeasonal: double-seasonal exponential smoothing (Taylor
//     2003) of log(1 + y): a level, a daily and a weekly cycle updated by
//     each one-step error, clipped at twice a robust scale of the errors
//     (Huber's ψ), so that a day unlike its kind (the surge after a
//     holiday the series does not show) does not drag the level for the
//     weeks ahead; constants chosen per series by validation.
//   - Regression: least squares on log(1 + y) with one effect per
//     interval of the week (weekday × time of day), yearly Fourier terms
//     (4 pairs, with two years of history), a linear trend, and calendar
//     events (public holidays, retail events, campaigns: effects by part of
//     day inside an event and for its days before and after, one set per
//     retail event seen twice in history, pooled by kind otherwise),
//     weighted so that an observation Options.HalfLife old (12 weeks)
//     counts half as much as the latest.
//   - RecentProfile: the Profile model with a week-profile half-life under
//     a week (0.35–0.75) and a level of the last days: the fast-adapting
//     candidate, which takes up a weekly timetable changed a few weeks ago.
//   - Combination: the mean of Profile and Regression.
//   - Auto: a weighted mean of the candidates (see below; Result.Blend and
//     Result.Weights say which).
//
// # Choosing the model
//
// Validation forecasts the last horizon of history (at most four weeks)
// and up to five horizons before it, each from the history before it:
// rolling origins inside the history, so that choices never see the
// future they are used for. Each origin's errors weigh 2^(−k/2) for the
// k-th origin back, so that the latest weeks count most (a change of
// weekly shape shows within a horizon or two). The same forecasts choose
// the constants of Profile, RecentProfile and DoubleSeasonal.
//
// Auto scores each candidate by its weighted validation MAE over the
// best one's and combines the candidates within 10% of the best score,
// weighted by 1/score² shrunk halfway towards equal weights: one clearly
// best model takes all the weight; several close ones are averaged, which
// keeps any one's failure on the next weeks small (the single best in
// validation is sometimes the worst next: on the US bank series a fast
// double-seasonal level won validation just after Labor Day and then
// forecast the post-holiday surge for nine days). When the horizon holds
// an event window (a holiday, a retail event, a campaign) and history
// reaches a year and twelve weeks back, every candidate also forecasts
// the same horizon 52 (and 104) weeks earlier, and its score is the mean
// of its validation score and its score there: the model that knows the
// Christmas rush is not outvoted by the ordinary weeks before it.
//
// On a history under twelve weeks, Auto takes the single best by
// validation (origins weighed equally) among the seasonal naive, the
// week mean and the two profiles: with two or three short origins a
// weighted blend is noise, and the regression and double-seasonal models
// have too little to start from.
//
// Intervals of the week with no non-zero observation in the last eight
// weeks (closed hours, nights never recorded) are forecast as zero. A run
// of zeros of at least a day at the end of history that the weeks before
// do not explain (an outage) is treated as missing, with a warning,
// unless Options.KeepOutage.
//
// # Prediction intervals
//
// Split-conformal calibration (Vovk et al. 2005) per regime. The errors
// are the validation errors of the chosen blend on the log scale,
// log(1+y) − log(1+ŷ), counted on open intervals only (a non-zero actual
// or forecast: a closed hour forecast at zero is no evidence about the
// open ones). The interval at level q is exp(log(1+ŷ) + e_q) − 1, with
// e_q the empirical q-quantile of the errors of ŷ's regime:
//
//   - level: up to three bins by the size of the forecast (tertiles of
//     the validation forecasts, at least 50 errors a bin), since a quiet
//     hour's relative error is larger than a busy one's;
//   - event windows: an interval inside an event window (salary days
//     excepted) takes the errors of the year-earlier horizons at their
//     event hours, when there are at least 50 of them.
//
// Backtests report coverage on open intervals and on all intervals.
// Result.Paths draws sample paths with these marginals, correlated as
// the validation errors were (a Gaussian copula: a common draw per day
// plus an AR(1) part).
//
// # Time
//
// Series are in their own location; the forecast continues it, stepping
// with Add, so a spring day has 23 hourly intervals and an autumn day 25.
// Weekly lags are taken by local clock time (AddDate), so "the same hour
// last week" stays the same hour across a daylight-saving change.
package forecast
