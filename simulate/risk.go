package simulate

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Quantiles are a forecast's p10, p50 and p90 of one interval's volume.
type Quantiles struct {
	P10, P50, P90 float64
}

// z90 is the standard normal's 90% quantile.
var z90 = distuv.UnitNormal.Quantile(0.9)

// FitLognormal fits a lognormal distribution to an interval's forecast
// quantiles: its median is the p50 and its spread matches p10 to p90,
//
//	μ = ln p50,   σ = (ln p90 − ln p10) / (2·z₀.₉),  z₀.₉ = 1.2816
//
// A forecast of zero (p50 = 0) has no demand and σ = 0. It returns an
// error for quantiles out of order or negative.
func FitLognormal(q Quantiles) (median, sigma float64, err error) {
	if !(q.P10 >= 0 && q.P10 <= q.P50 && q.P50 <= q.P90) || math.IsInf(q.P90, 0) {
		return 0, 0, fmt.Errorf("simulate: quantiles p10 %v, p50 %v, p90 %v: want 0 <= p10 <= p50 <= p90", q.P10, q.P50, q.P90)
	}
	if q.P50 == 0 {
		return 0, 0, nil
	}
	lo := math.Max(q.P10, q.P50*1e-3) // a p10 of 0 would make σ infinite
	return q.P50, (math.Log(q.P90) - math.Log(lo)) / (2 * z90), nil
}

// VolumeAt returns the volume the fitted lognormal leaves a probability
// level of not exceeding: median·exp(σ·z_level). Staffing each interval
// for it, as a stationary queue, meets the service level with probability
// at least level, because the service level falls as the volume rises.
// It returns an error unless 0 < level < 1.
func VolumeAt(q Quantiles, level float64) (float64, error) {
	if !(level > 0 && level < 1) {
		return 0, fmt.Errorf("simulate: risk level %v: want a probability in (0,1), e.g. 0.9", level)
	}
	m, s, err := FitLognormal(q)
	if err != nil {
		return 0, err
	}
	return m * math.Exp(s*distuv.UnitNormal.Quantile(level)), nil
}

// ShareMeeting is the share of intervals, across replications, whose
// service level in that replication reaches the target; intervals
// nobody called in are left out. With VolumeSigma set, each replication
// is one draw of demand, so this is the chance that an interval of the
// plan meets the target on the day, forecast error and arrival noise
// both counted. It is a mean across replications with its 95% interval.
func (r *Result) ShareMeeting() Estimate {
	K, R := len(r.start), r.Replications
	share := make([]float64, 0, R)
	for rep := range R {
		met, n := 0, 0
		for _, x := range r.t[rep*K : (rep+1)*K] {
			live := x.offered - x.callbacks
			if live <= 0 {
				continue
			}
			n++
			if x.within/live >= r.target {
				met++
			}
		}
		if n > 0 {
			share = append(share, float64(met)/float64(n))
		}
	}
	if len(share) == 0 {
		return Estimate{1, 1, 1}
	}
	e := mean(share)
	clip01(&e)
	return e
}
