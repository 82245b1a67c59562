package simulate

import (
	"fmt"
	"math"
	"time"

	"github.com/staffcast/staffcast/staffing"
)

// PlanQueues is a staffing plan split into the queues a simulation runs.
type PlanQueues struct {
	// Queues holds one queue per simulated channel (phone, chat), in the
	// order each channel first appears in the rows.
	Queues []Queue
	// Rows[j][k] is the index in the plan's rows of Queues[j].Intervals[k],
	// to join results back to the plan (or to its other columns, such as a
	// p90 forecast).
	Rows [][]int
	// Skipped lists the channels left out, in order of first appearance:
	// email and callbacks are deferred work, not a queue callers wait in.
	Skipped []staffing.Channel
}

// AgentsError is a plan row whose agents are not a whole number >= 0.
type AgentsError struct {
	Row    int // index in the plan's rows
	Agents float64
}

func (e *AgentsError) Error() string {
	return fmt.Sprintf("simulate: row %d: agents %v: want a whole number of agents >= 0", e.Row, e.Agents)
}

// QueuesFromPlan turns a staffing plan, as staffing.Plan's rows and the
// agents staffed for each, into one queue per phone or chat channel, the
// check "staffcast simulate" runs on "staffcast staff" output. Each queue
// is a copy of template (handling and patience distributions, callbacks)
// named after its channel; the chat queue also gets chat's concurrency.
// Row AHTs become interval AHTs (0: the template's AHT). agents may be
// nil, leaving every interval unstaffed, for StaffFromShifts to fill in.
// only, if not nil, keeps that channel's rows alone. A row's agents must
// be a whole number >= 0 (else an *AgentsError); rows of a channel are
// taken in the order given, which must be time order for Run.
func QueuesFromPlan(rows []staffing.Row, agents []float64, only *staffing.Channel, template Queue, chat staffing.Concurrency) (*PlanQueues, error) {
	if agents != nil && len(agents) != len(rows) {
		return nil, fmt.Errorf("simulate: %d agents for %d rows", len(agents), len(rows))
	}
	p := &PlanQueues{}
	byChannel := map[staffing.Channel]int{}
	skipped := map[staffing.Channel]bool{}
	for i, r := range rows {
		if only != nil && r.Channel != *only {
			continue
		}
		if r.Channel != staffing.Phone && r.Channel != staffing.Chat {
			if !skipped[r.Channel] {
				skipped[r.Channel] = true
				p.Skipped = append(p.Skipped, r.Channel)
			}
			continue
		}
		j, ok := byChannel[r.Channel]
		if !ok {
			j = len(p.Queues)
			byChannel[r.Channel] = j
			q := template
			q.Name, q.Intervals, q.Chat = r.Channel.String(), nil, staffing.Concurrency{}
			if r.Channel == staffing.Chat {
				q.Chat = chat
			}
			p.Queues = append(p.Queues, q)
			p.Rows = append(p.Rows, nil)
		}
		iv := Interval{Start: r.Start, Volume: r.Volume, AHT: r.AHT}
		if agents != nil {
			a := agents[i]
			if math.IsNaN(a) || a < 0 || a != math.Trunc(a) {
				return nil, &AgentsError{Row: i, Agents: a}
			}
			iv.Agents = int(a)
		}
		p.Queues[j].Intervals = append(p.Queues[j].Intervals, iv)
		p.Rows[j] = append(p.Rows[j], i)
	}
	return p, nil
}

// StaffFromShifts sets the agents of every interval of q, intervals of
// length step, to the shifts' coverage as AgentsFromShifts counts it.
func StaffFromShifts(q *Queue, shifts []Shift, step time.Duration) error {
	starts := make([]time.Time, len(q.Intervals))
	for i, iv := range q.Intervals {
		starts[i] = iv.Start
	}
	n, err := AgentsFromShifts(shifts, starts, step)
	if err != nil {
		return err
	}
	for i := range q.Intervals {
		q.Intervals[i].Agents = n[i]
	}
	return nil
}
