package simulate

import (
	"context"
	"errors"
	"fmt"

	"github.com/staffcast/staffcast/staffing"
)

// planQueues groups a staffing plan's phone and chat rows into one Queue
// per channel, with the agents of needs, and returns the row index of
// each queue interval. Email and callback rows are deferred work and are
// left out.
func planQueues(rows []staffing.Row, needs []staffing.Need, s staffing.Settings) ([]Queue, [][]int) {
	var queues []Queue
	var index [][]int
	at := map[staffing.Channel]int{}
	for i, r := range rows {
		if r.Channel != staffing.Phone && r.Channel != staffing.Chat {
			continue
		}
		j, ok := at[r.Channel]
		if !ok {
			j = len(queues)
			at[r.Channel] = j
			q := Queue{Name: r.Channel.String(), AHT: s.AHT, Patience: s.Patience}
			if r.Channel == staffing.Chat {
				q.Chat = s.Chat
			}
			queues = append(queues, q)
			index = append(index, nil)
		}
		queues[j].Intervals = append(queues[j].Intervals, Interval{Start: r.Start, Volume: r.Volume, AHT: r.AHT, Agents: needs[i].Agents})
		index[j] = append(index[j], i)
	}
	return queues, index
}

// simSettings are the simulation settings a staffing target implies.
func simSettings(s staffing.Settings, replications int, seed uint64) Settings {
	return Settings{Interval: s.Interval, ServiceLevel: s.Target.ServiceLevel, AnswerWithin: s.Target.AnswerWithin, Replications: replications, Seed: seed}
}

// Correction is a staffing plan corrected for the queue carried over
// between intervals (see TimeVarying), row by row.
type Correction struct {
	// Needs are the plan's needs with Agents and Scheduled corrected,
	// Fractional raised by the agents added, and the queue measures
	// simulated.
	Needs []staffing.Need
	SIPP  []int // agents of the stationary plan, per row
	// Channels summarises each simulated channel.
	Channels []ChannelCorrection
}

// ChannelCorrection compares a channel's SIPP and corrected staffing.
type ChannelCorrection struct {
	Channel                   string
	SIPPHours, Hours          float64 // agent-hours on the phones (before shrinkage)
	SIPPMeets, Meets          float64 // share of intervals with calls not BelowTarget, in simulation
	Intervals, Iterations     int
	SIPPServiceLevel, Service Estimate // over the whole horizon
}

// CorrectPlan runs TimeVarying on every phone and chat channel of a plan
// that staffing.Plan made (needs), with replications and seed for the
// simulation, and returns the corrected plan. The service level is
// counted over all offered contacts, so the target's SLBase must be
// staffing.AllOffered; other targets of s.Target (ASA, occupancy,
// abandonment) are kept by never staffing below the plan. Email and
// callback rows are left as they are. On ErrNotConverged the corrected
// plan so far is returned with the error.
func CorrectPlan(ctx context.Context, rows []staffing.Row, needs []staffing.Need, s staffing.Settings, replications int, seed uint64) (*Correction, error) {
	if len(rows) != len(needs) {
		return nil, fmt.Errorf("simulate: %d rows and %d needs", len(rows), len(needs))
	}
	if s.Target.SLBase != staffing.AllOffered {
		return nil, errors.New("simulate: the simulation counts the service level over all offered contacts: use the all-offered base")
	}
	c := &Correction{Needs: append([]staffing.Need(nil), needs...), SIPP: make([]int, len(needs))}
	for i, n := range needs {
		c.SIPP[i] = n.Agents
	}
	queues, index := planQueues(rows, needs, s)
	ss := simSettings(s, replications, seed)
	var notConverged error
	for j, q := range queues {
		tv, err := TimeVarying(ctx, q, ss)
		if errors.Is(err, ErrNotConverged) {
			notConverged = fmt.Errorf("%s: %w", q.Name, err)
		} else if err != nil {
			return nil, err
		}
		cc := ChannelCorrection{Channel: q.Name, Iterations: tv.Iterations, SIPPServiceLevel: tv.SIPPCheck.Total.ServiceLevel, Service: tv.Check.Total.ServiceLevel}
		cc.SIPPMeets, cc.Intervals = tv.SIPPCheck.MeetShare()
		cc.Meets, _ = tv.Check.MeetShare()
		h := s.Interval.Hours()
		for k, i := range index[j] {
			n := &c.Needs[i]
			cc.SIPPHours += float64(n.Agents) * h
			n.Fractional += float64(tv.Agents[k] - n.Agents) // the correction adds whole agents
			n.Agents = tv.Agents[k]
			cc.Hours += float64(n.Agents) * h
			n.Scheduled = staffing.Scheduled(float64(n.Agents), s.Shrinkage)
			st := tv.Check.Intervals[k]
			n.ServiceLevel, n.ASASeconds, n.Occupancy = st.ServiceLevel.Mean, st.ASASeconds.Mean, st.Occupancy.Mean
			if s.Patience > 0 {
				n.PAbandon = st.AbandonRate.Mean
			}
		}
		c.Channels = append(c.Channels, cc)
	}
	return c, notConverged
}

// RiskLevel is what staffing for one probability of meeting the service
// level costs and gives.
type RiskLevel struct {
	Level      float64         // the probability asked for, in (0,1)
	Needs      []staffing.Need // the plan for each row's volume at Level
	AgentHours float64         // phone and chat agent-hours (before shrinkage)
	Share      Estimate        // simulated share of intervals meeting the target across demand draws
}

// RiskLevels is the default table of what certainty costs.
var RiskLevels = []float64{0.5, 0.8, 0.9, 0.95}

// StaffForRisk plans every row for the volume its forecast quantiles
// give at each of levels (VolumeAt: a lognormal through p10, p50 and p90,
// intervals independent), and checks each plan by simulation across
// demand draws: every replication draws each interval's volume from its
// lognormal, then Poisson arrivals, and the share of intervals whose
// service level reaches the target is averaged. quantiles has one entry
// per row. Email and callback rows are planned but not simulated.
func StaffForRisk(ctx context.Context, rows []staffing.Row, quantiles []Quantiles, s staffing.Settings, levels []float64, replications int, seed uint64) ([]RiskLevel, error) {
	if len(rows) != len(quantiles) {
		return nil, fmt.Errorf("simulate: %d rows and %d quantiles", len(rows), len(quantiles))
	}
	median := make([]float64, len(rows))
	sigma := make([]float64, len(rows))
	for i, q := range quantiles {
		var err error
		if median[i], sigma[i], err = FitLognormal(q); err != nil {
			return nil, &staffing.RowError{Row: i, Err: err}
		}
	}
	out := make([]RiskLevel, 0, len(levels))
	for _, level := range levels {
		at := append([]staffing.Row(nil), rows...)
		for i := range at {
			v, err := VolumeAt(quantiles[i], level)
			if err != nil {
				return nil, err
			}
			at[i].Volume = v
		}
		needs, err := staffing.Plan(at, s)
		if err != nil {
			return nil, err
		}
		rl := RiskLevel{Level: level, Needs: needs}
		queues, index := planQueues(rows, needs, s)
		var shares []float64
		for j, q := range queues {
			for k, i := range index[j] {
				q.Intervals[k].Volume, q.Intervals[k].VolumeSigma = median[i], sigma[i]
				rl.AgentHours += float64(q.Intervals[k].Agents) * s.Interval.Hours()
			}
			res, err := Run(ctx, q, simSettings(s, replications, seed))
			if err != nil {
				return nil, err
			}
			e := res.ShareMeeting()
			shares = append(shares, e.Mean, e.Lo, e.Hi)
		}
		if len(shares) == 3 {
			rl.Share = Estimate{shares[0], shares[1], shares[2]}
		} else if len(shares) > 0 {
			// Several channels: the mean of their shares, with the widest bounds.
			var m float64
			lo, hi := 1.0, 0.0
			for i := 0; i < len(shares); i += 3 {
				m += shares[i]
				lo, hi = min(lo, shares[i+1]), max(hi, shares[i+2])
			}
			rl.Share = Estimate{m / float64(len(shares)/3), lo, hi}
		}
		out = append(out, rl)
	}
	return out, nil
}
