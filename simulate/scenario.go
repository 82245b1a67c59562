package simulate

import (
	"context"
	"fmt"
	"math"
	"slices"
	"time"
)

// Scenario is a what-if applied to a plan's queues: more volume, longer
// calls, fewer agents, or other volumes altogether.
type Scenario struct {
	Name         string
	Channel      string    // the queue it applies to (Queue.Name); "" means every queue, and for Sick and the policies the phone queue (else the first)
	VolumeFactor float64   // volume multiplier; 0 means 1
	AHTFactor    float64   // handling-time multiplier; 0 means 1
	Sick         int       // agents missing from every interval that has agents
	Volumes      []float64 // if not nil, the volumes of the queue's intervals (e.g. the forecast's p90)
}

// Policy is what a team lead can do on a bad day.
type Policy struct {
	Callback Callback // offer callbacks on the scenario's queue
	// MoveChat agents move from the chat queue to the phone queue in every
	// interval where chat has that many.
	MoveChat int
	// ExtendClose keeps the agents of each day's last interval on for this
	// long after closing (no new calls) to work the callbacks still pending.
	ExtendClose time.Duration
	// PatienceFactor multiplies the callers' mean patience, as an
	// announcement of the expected wait makes some hang up sooner; 0 means 1.
	PatienceFactor float64
	// ExtraAgents are added to every interval that has agents.
	ExtraAgents int
}

// Outcome is how one queue fares under a scenario and policy.
type Outcome struct {
	Queue      string
	Total      Stats   // over the horizon
	Meets      float64 // share of intervals with calls not BelowTarget
	Backlog    float64 // mean callers waiting plus callbacks pending at each day's close, summed over days
	ExtraHours float64 // agent-hours beyond the plan (extra agents, extended closing)
	// KeepsTarget: the horizon's service level reaches the target, at
	// least MinMeetShare of intervals meet it, and at most MaxLateShare of
	// callbacks are worked after their promise or still pending at close.
	KeepsTarget bool
}

// MaxLateShare is the share of callbacks that may miss their promise in an
// outcome that keeps the target: a callback is a promise, not a way to
// hide callers.
const MaxLateShare = 0.1

// MinMeetShare is the share of intervals an outcome must meet the target
// in to keep it, besides the horizon's service level.
const MinMeetShare = 0.9

// focusIndex is the queue a scenario and its policies are about: the one
// it names, else the phone queue, else the first.
func focusIndex(queues []Queue, sc Scenario) int {
	for _, name := range []string{sc.Channel, "phone"} {
		for j, q := range queues {
			if name != "" && q.Name == name {
				return j
			}
		}
	}
	return 0
}

// applyScenario returns copies of queues with sc applied.
func applyScenario(queues []Queue, sc Scenario) ([]Queue, error) {
	focus := focusIndex(queues, sc)
	out := make([]Queue, len(queues))
	found := sc.Channel == ""
	for j, q := range queues {
		q.Intervals = slices.Clone(q.Intervals)
		out[j] = q
		if sc.Channel != "" && q.Name != sc.Channel {
			continue
		}
		found = true
		for k := range q.Intervals {
			iv := &q.Intervals[k]
			if sc.Volumes != nil {
				if len(sc.Volumes) != len(q.Intervals) {
					return nil, fmt.Errorf("simulate: scenario %q: %d volumes for %d intervals of %s", sc.Name, len(sc.Volumes), len(q.Intervals), q.Name)
				}
				iv.Volume = sc.Volumes[k]
			}
			if sc.VolumeFactor > 0 {
				iv.Volume *= sc.VolumeFactor
			}
			if sc.AHTFactor > 0 {
				aht := iv.AHT
				if aht == 0 {
					aht = q.AHT
				}
				iv.AHT = time.Duration(float64(aht) * sc.AHTFactor)
			}
			if sc.Sick > 0 && j == focus && iv.Agents > 0 {
				iv.Agents = max(0, iv.Agents-sc.Sick)
			}
		}
	}
	if !found {
		names := make([]string, len(queues))
		for j, q := range queues {
			names[j] = q.Name
		}
		return nil, fmt.Errorf("simulate: scenario %q names channel %q; the plan has %v", sc.Name, sc.Channel, names)
	}
	return out, nil
}

// Evaluate simulates queues under scenario sc with policy p applied to
// the scenario's queue (the phone queue, else the first, when sc names
// none) and returns
// one Outcome per queue, the scenario's first. Chat agents moved by
// p.MoveChat come from a queue named "chat" and go to one named "phone".
func Evaluate(ctx context.Context, queues []Queue, sc Scenario, p Policy, s Settings) ([]Outcome, error) {
	qs, err := applyScenario(queues, sc)
	if err != nil {
		return nil, err
	}
	focus := focusIndex(qs, sc)
	qs[0], qs[focus] = qs[focus], qs[0]
	extra := make([]float64, len(qs))
	h := s.Interval.Hours()
	f := &qs[0]
	f.Callback = p.Callback
	if p.PatienceFactor > 0 {
		f.Patience = time.Duration(float64(f.Patience) * p.PatienceFactor)
	}
	for k := range f.Intervals {
		if p.ExtraAgents > 0 && f.Intervals[k].Agents > 0 {
			f.Intervals[k].Agents += p.ExtraAgents
			extra[0] += float64(p.ExtraAgents) * h
		}
	}
	if p.MoveChat > 0 {
		ph, ch := -1, -1
		for j, q := range qs {
			switch q.Name {
			case "phone":
				ph = j
			case "chat":
				ch = j
			}
		}
		if ph < 0 || ch < 0 {
			return nil, fmt.Errorf("simulate: moving chat agents to phone needs a phone and a chat queue")
		}
		at := map[time.Time]int{}
		for k, iv := range qs[ch].Intervals {
			at[iv.Start] = k
		}
		for k, iv := range qs[ph].Intervals {
			if c, ok := at[iv.Start]; ok && qs[ch].Intervals[c].Agents >= p.MoveChat {
				qs[ch].Intervals[c].Agents -= p.MoveChat
				qs[ph].Intervals[k].Agents += p.MoveChat
			}
		}
	}
	if p.ExtendClose > 0 {
		n := int(math.Ceil(p.ExtendClose.Seconds() / s.Interval.Seconds()))
		var ivs []Interval
		for k, iv := range f.Intervals {
			ivs = append(ivs, iv)
			if k == len(f.Intervals)-1 || f.Intervals[k+1].Start.Sub(iv.Start) > s.Interval {
				for i := 1; i <= n; i++ {
					if k+1 < len(f.Intervals) && iv.Start.Add(time.Duration(i+1)*s.Interval).After(f.Intervals[k+1].Start) {
						break // the extension would run into the next opening
					}
					ivs = append(ivs, Interval{Start: iv.Start.Add(time.Duration(i) * s.Interval), Agents: iv.Agents, AHT: iv.AHT})
					extra[0] += float64(iv.Agents) * h
				}
			}
		}
		f.Intervals = ivs
	}
	out := make([]Outcome, len(qs))
	for j, q := range qs {
		r, err := Run(ctx, q, s)
		if err != nil {
			return nil, err
		}
		o := Outcome{Queue: q.Name, Total: r.Total, ExtraHours: extra[j]}
		o.Meets, _ = r.MeetShare()
		for _, d := range r.Days {
			o.Backlog += d.QueueEnd.Mean + d.Pending.Mean
		}
		pendingAtClose := 0.0
		for _, d := range r.Days {
			pendingAtClose += d.Pending.Mean
		}
		o.KeepsTarget = r.Total.ServiceLevel.Mean >= s.ServiceLevel && o.Meets >= MinMeetShare &&
			r.Total.Late.Mean+pendingAtClose <= MaxLateShare*r.Total.Callbacks.Mean
		out[j] = o
	}
	return out, nil
}
