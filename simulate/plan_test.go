package simulate

import (
	"context"
	"testing"
	"time"

	"github.com/staffcast/staffcast/staffing"
)

// TestCorrectPlanChannelSettings checks that CorrectPlan simulates a
// channel as staffing.Plan staffed it, with the channel's own settings
// (Settings.Channels): its handling time, the contacts left after
// deflection, and no contacts while it is closed. A steady phone load
// that SIPP staffs well must then stay (nearly) as planned, and a closed
// interval must get no agents.
func TestCorrectPlanChannelSettings(t *testing.T) {
	t.Parallel()
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	closedFrom := start.Add(3 * time.Hour)
	s := staffing.Settings{
		Interval: 30 * time.Minute,
		AHT:      3 * time.Minute, // not the phone's: with it and without deflection the load would be 1.5 times the planned one
		Target:   staffing.Target{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second},
		Channels: map[staffing.Channel]staffing.ChannelSettings{
			staffing.Phone: {AHT: 4 * time.Minute, Deflect: 0.5, Open: func(t time.Time) bool { return t.Before(closedFrom) }},
		},
	}
	var rows []staffing.Row
	for k := 0; k < 8; k++ {
		rows = append(rows, staffing.Row{Start: start.Add(time.Duration(k) * 30 * time.Minute), Volume: 200, Channel: staffing.Phone})
	}
	needs, err := staffing.Plan(rows, s)
	if err != nil {
		t.Fatal(err)
	}
	c, err := CorrectPlan(context.Background(), rows, needs, s, 60, 1)
	if err != nil {
		t.Fatal(err)
	}
	for i, n := range c.Needs {
		if !rows[i].Start.Before(closedFrom) {
			if n.Agents != 0 {
				t.Errorf("row %d (closed): %d agents after correction, want 0", i, n.Agents)
			}
			continue
		}
		// Erlang C's steady state holds here but for the queue building up
		// in the first interval: a correction of at most one agent.
		if n.Agents > c.SIPP[i]+1 {
			t.Errorf("row %d: corrected to %d agents from SIPP's %d on a steady load", i, n.Agents, c.SIPP[i])
		}
	}
	if len(c.Channels) != 1 {
		t.Fatalf("%d channels summarised, want 1", len(c.Channels))
	}
	if cc := c.Channels[0]; cc.SIPPMeets < 0.5 {
		t.Errorf("SIPP meets the target in %.0f%% of intervals in simulation; a steady load staffed by Erlang C should meet it in most", 100*cc.SIPPMeets)
	}
}
