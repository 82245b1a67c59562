package render

import (
	"fmt"
	"io"
	"time"

	"github.com/staffcast/staffcast/data"
	"github.com/staffcast/staffcast/simulate"
)

// Simulation is the simulated service per interval, or per day with
// perDay, one row per queue and interval: agents, offered, answered,
// abandoned, callbacks, service level with its confidence interval, ASA,
// occupancy, queue at the end and below_target (1 where the target is
// missed beyond doubt). The channel column appears with several queues or
// withChannel.
func Simulation(queues []string, withChannel bool, results []*simulate.Result, perDay bool) *data.Table {
	var starts []time.Time
	var names []string
	var stats []simulate.Stats
	for i, r := range results {
		rows := r.Intervals
		if perDay {
			rows = r.Days
		}
		for _, s := range rows {
			starts = append(starts, s.Start)
			names = append(names, queues[i])
			stats = append(stats, s)
		}
	}
	col := func(name string, f func(simulate.Stats) float64) data.Column {
		c := data.Column{Name: name, Float: make([]float64, len(stats))}
		for i, s := range stats {
			c.Float[i] = f(s)
		}
		return c
	}
	t := &data.Table{Columns: []data.Column{{Name: "start", Time: starts}}}
	if len(results) > 1 || withChannel {
		t.Columns = append(t.Columns, data.Column{Name: "channel", Text: names})
	}
	t.Columns = append(t.Columns,
		col("agents", func(s simulate.Stats) float64 { return s.Agents }),
		col("offered", func(s simulate.Stats) float64 { return s.Offered.Mean }),
		col("answered", func(s simulate.Stats) float64 { return s.Answered.Mean }),
		col("abandoned", func(s simulate.Stats) float64 { return s.Abandoned.Mean }),
		col("callbacks", func(s simulate.Stats) float64 { return s.Callbacks.Mean }),
		col("service_level", func(s simulate.Stats) float64 { return s.ServiceLevel.Mean }),
		col("service_level_lo", func(s simulate.Stats) float64 { return s.ServiceLevel.Lo }),
		col("service_level_hi", func(s simulate.Stats) float64 { return s.ServiceLevel.Hi }),
		col("asa_seconds", func(s simulate.Stats) float64 { return s.ASASeconds.Mean }),
		col("occupancy", func(s simulate.Stats) float64 { return s.Occupancy.Mean }),
		col("queue_end", func(s simulate.Stats) float64 { return s.QueueEnd.Mean }),
		col("below_target", func(s simulate.Stats) float64 {
			if s.BelowTarget {
				return 1
			}
			return 0
		}),
	)
	return t
}

// SimulationSummary writes one line per queue (simulate, on stderr): the
// service level over the horizon with its 95% interval, ASA, the share
// abandoned and how many intervals are below target beyond doubt.
func SimulationSummary(w io.Writer, queues []string, results []*simulate.Result) {
	for i, r := range results {
		flagged := 0
		for _, iv := range r.Intervals {
			if iv.BelowTarget {
				flagged++
			}
		}
		t := r.Total
		fmt.Fprintf(w, "%s: %d replications, service level %.1f%% [%.1f, %.1f], ASA %.0f s, abandoned %.1f%%, %d of %d intervals below target beyond doubt\n",
			queues[i], r.Replications, 100*t.ServiceLevel.Mean, 100*t.ServiceLevel.Lo, 100*t.ServiceLevel.Hi, t.ASASeconds.Mean, 100*t.AbandonRate.Mean, flagged, len(r.Intervals))
	}
}
