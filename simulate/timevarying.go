package simulate

import (
	"context"
	"errors"
	"fmt"
	"math"
)

// ErrNotConverged is returned with a partial TimeVarying result when some
// interval still misses the target after MaxIterations.
var ErrNotConverged = errors.New("simulate: time-varying staffing did not meet the target in every interval")

// TimeVaryingResult is a staffing corrected by simulation.
type TimeVaryingResult struct {
	SIPP   []int // the agents given: the stationary, interval-by-interval staffing
	Agents []int // corrected: never fewer than SIPP
	// Iterations is the number of simulate-and-add rounds run.
	Iterations int
	// SIPPCheck and Check simulate the SIPP and the corrected staffing with
	// a seed independent of the search's, so that the search's noise does
	// not flatter its own result.
	SIPPCheck, Check *Result
}

// MaxIterations bounds TimeVarying's rounds.
const MaxIterations = 40

// SearchReplications caps the replications of each search round; the
// checks use Settings.Replications.
const SearchReplications = 40

// TimeVarying corrects the stationary independent period-by-period
// (SIPP) staffing in q's Intervals.Agents for the queue that carries
// over from one interval into the next (Green, Kolesar & Soares 2001,
// "Improving the SIPP approach for staffing service systems that have
// cyclic demands", Operations Research 49(4)). It iterates simulation as
// the iterative staffing algorithm of Feldman, Mandelbaum, Massey & Whitt
// (2008, "Staffing of time-varying queues to achieve time-stable
// performance", Management Science 54(2)) does, but from the SIPP
// staffing and for a service-level target:
//
//  1. simulate the staffing with s, at most SearchReplications
//     replications (one seed for every round: common
//     random numbers, so that a change of staffing, not of luck, moves
//     the result);
//  2. in every interval whose mean simulated service level is below
//     s.ServiceLevel by more than half its standard error (so that an
//     interval on the target is not chased through noise) add agents: on the
//     first round the larger of 1 + ⌊(target − SL)/0.15⌋ and the agents
//     the queue carried in from the interval before needs (queue · AHT /
//     interval length), then the secant step through the interval's last
//     two staffings;
//  3. repeat until no interval is below target, at most MaxIterations
//     times.
//
// Agents are only ever added, so the result never has fewer than SIPP in
// any interval. The two checks use seed s.Seed + 1<<32. An interval
// meets the target when its simulated service level's upper 95% bound
// reaches it (it is not BelowTarget). s.ServiceLevel must be positive.
func TimeVarying(ctx context.Context, q Queue, s Settings) (*TimeVaryingResult, error) {
	if !(s.ServiceLevel > 0) {
		return nil, fmt.Errorf("simulate: Settings.ServiceLevel = %v: time-varying staffing needs a service-level target", s.ServiceLevel)
	}
	K := len(q.Intervals)
	res := &TimeVaryingResult{SIPP: make([]int, K), Agents: make([]int, K)}
	for k, iv := range q.Intervals {
		res.SIPP[k], res.Agents[k] = iv.Agents, iv.Agents
	}
	work := q
	work.Intervals = append([]Interval(nil), q.Intervals...)
	converged := false
	search := s
	type point struct {
		n  int
		sl float64
	}
	last := make([]point, K)
	search.Replications = min(s.Replications, SearchReplications)
	for res.Iterations < MaxIterations {
		r, err := Run(ctx, work, search)
		if err != nil {
			return nil, err
		}
		res.Iterations++
		changed := false
		for k, st := range r.Intervals {
			se := (st.ServiceLevel.Hi - st.ServiceLevel.Lo) / (2 * t975(search.Replications))
			sl := st.ServiceLevel.Mean
			if !(st.Offered.Mean > 0 && sl+se/2 < s.ServiceLevel) {
				continue
			}
			n := work.Intervals[k].Agents
			add := 1 + int(math.Floor((s.ServiceLevel-sl)/0.15))
			if p := last[k]; p.n != 0 && p.n < n && sl > p.sl+0.005 {
				// Secant through the last two staffings of this interval.
				slope := (sl - p.sl) / float64(n-p.n)
				add = int(math.Ceil((s.ServiceLevel - sl) / slope))
			} else if k > 0 {
				// The queue carried in is work the interval must also do:
				// backlog · AHT / interval length agents' worth.
				aht := q.Intervals[k].AHT
				if aht == 0 {
					aht = q.AHT
				}
				add = max(add, int(math.Round(r.Intervals[k-1].QueueEnd.Mean*aht.Seconds()/s.Interval.Seconds())))
			}
			add = min(max(add, 1), max(4, n))
			last[k] = point{n, sl}
			work.Intervals[k].Agents += add
			changed = true
		}
		if !changed {
			converged = true
			break
		}
	}
	for k := range K {
		res.Agents[k] = work.Intervals[k].Agents
	}
	check := s
	check.Seed = s.Seed + 1<<32
	var err error
	if res.SIPPCheck, err = Run(ctx, q, check); err != nil {
		return nil, err
	}
	if res.Check, err = Run(ctx, work, check); err != nil {
		return nil, err
	}
	if !converged {
		return res, ErrNotConverged
	}
	return res, nil
}

// MeetShare is the share of intervals with contacts whose service level
// is not BelowTarget, and their number.
func (r *Result) MeetShare() (share float64, n int) {
	met := 0
	for _, st := range r.Intervals {
		if st.Offered.Mean > 0 {
			n++
			if !st.BelowTarget {
				met++
			}
		}
	}
	if n == 0 {
		return 1, 0
	}
	return float64(met) / float64(n), n
}
