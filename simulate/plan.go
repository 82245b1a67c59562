package simulate

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/staffcast/staffcast/staffing"
)

// planQueue is one channel of a staffing plan as a Queue, with the
// target the channel is staffed for and the plan row of each interval.
type planQueue struct {
	q      Queue
	target staffing.Target
	index  []int
}

// planQueues groups a staffing plan's phone and chat rows into one Queue
// per channel, as staffing.Plan staffed them: with the channel's own
// settings (staffing.Settings.Channel), the contacts left after
// deflection and the agents of needs. Rows in which the channel is closed
// are left out, so that the simulation sees a closure, and so are email
// and callback rows, which are deferred work.
func planQueues(rows []staffing.Row, needs []staffing.Need, s staffing.Settings) []planQueue {
	var queues []planQueue
	at := map[staffing.Channel]int{}
	for i, r := range rows {
		if r.Channel != staffing.Phone && r.Channel != staffing.Chat || needs[i].Closed {
			continue
		}
		j, ok := at[r.Channel]
		if !ok {
			j = len(queues)
			at[r.Channel] = j
			c := s.Channel(r.Channel)
			q := Queue{Name: r.Channel.String(), AHT: c.AHT, Patience: c.Patience}
			if r.Channel == staffing.Chat {
				q.Chat = c.Chat
			}
			queues = append(queues, planQueue{q: q, target: *c.Target})
		}
		n := needs[i]
		queues[j].q.Intervals = append(queues[j].q.Intervals, Interval{Start: r.Start, Volume: n.Offered - n.Deflected, AHT: r.AHT, Agents: n.Agents})
		queues[j].index = append(queues[j].index, i)
	}
	return queues
}

// simSettings are the simulation settings a staffing target implies.
func simSettings(t staffing.Target, interval time.Duration, replications int, seed uint64) Settings {
	return Settings{Interval: interval, ServiceLevel: t.ServiceLevel, AnswerWithin: t.AnswerWithin, Replications: replications, Seed: seed}
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
// that staffing.Plan made (needs), each with its own settings and target
// (s.Channel), with replications and seed for the simulation, and
// returns the corrected plan. The service level is counted over all
// offered contacts, so each target's SLBase must be staffing.AllOffered;
// its other targets (ASA, occupancy, abandonment) are kept by never
// staffing below the plan. Email and callback rows, and rows in which
// their channel is closed, are left as they are. On ErrNotConverged the corrected
// plan so far is returned with the error.
func CorrectPlan(ctx context.Context, rows []staffing.Row, needs []staffing.Need, s staffing.Settings, replications int, seed uint64) (*Correction, error) {
	if len(rows) != len(needs) {
		return nil, fmt.Errorf("simulate: %d rows and %d needs", len(rows), len(needs))
	}
	queues := planQueues(rows, needs, s)
	for _, pq := range queues {
		if pq.target.SLBase != staffing.AllOffered {
			return nil, fmt.Errorf("simulate: %s: the simulation counts the service level over all offered contacts: use the all-offered base", pq.q.Name)
		}
	}
	c := &Correction{Needs: append([]staffing.Need(nil), needs...), SIPP: make([]int, len(needs))}
	for i, n := range needs {
		c.SIPP[i] = n.Agents
	}
	var notConverged error
	for _, pq := range queues {
		q := pq.q
		tv, err := TimeVarying(ctx, q, simSettings(pq.target, s.Interval, replications, seed))
		if errors.Is(err, ErrNotConverged) {
			notConverged = fmt.Errorf("%s: %w", q.Name, err)
		} else if err != nil {
			return nil, err
		}
		cc := ChannelCorrection{Channel: q.Name, Iterations: tv.Iterations, SIPPServiceLevel: tv.SIPPCheck.Total.ServiceLevel, Service: tv.Check.Total.ServiceLevel}
		cc.SIPPMeets, cc.Intervals = tv.SIPPCheck.MeetShare()
		cc.Meets, _ = tv.Check.MeetShare()
		h := s.Interval.Hours()
		for k, i := range pq.index {
			n := &c.Needs[i]
			cc.SIPPHours += float64(n.Agents) * h
			n.Fractional += float64(tv.Agents[k] - n.Agents) // the correction adds whole agents
			n.Agents = tv.Agents[k]
			cc.Hours += float64(n.Agents) * h
			n.Scheduled = staffing.Scheduled(float64(n.Agents), s.Shrinkage)
			st := tv.Check.Intervals[k]
			n.ServiceLevel, n.ASASeconds, n.Occupancy = st.ServiceLevel.Mean, st.ASASeconds.Mean, st.Occupancy.Mean
			if q.Patience > 0 {
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
		var shares []float64
		for _, pq := range planQueues(rows, needs, s) {
			q := pq.q
			deflect := s.Channel(rows[pq.index[0]].Channel).Deflect
			for k, i := range pq.index {
				// The contacts left after deflection, as Plan counts them:
				// the lognormal scaled.
				keep := 1 - cmp.Or(rows[i].Deflect, deflect)
				q.Intervals[k].Volume, q.Intervals[k].VolumeSigma = keep*median[i], sigma[i]
				rl.AgentHours += float64(q.Intervals[k].Agents) * s.Interval.Hours()
			}
			res, err := Run(ctx, q, simSettings(pq.target, s.Interval, replications, seed))
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
