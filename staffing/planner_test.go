package staffing

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// TestPlannerEqualsPlan checks that staffing rows one at a time gives
// Plan's results to the last bit, for every channel model: phone Erlang
// A, chat with deflection and hours, email queued and by the backlog with
// closed nights, booked and deferred callbacks.
func TestPlannerEqualsPlan(t *testing.T) {
	t.Parallel()
	office, _ := ParseOpeningHours("Mon-Fri 08:00-17:00, Sat 10:00-14:00")
	chatHours, _ := ParseOpeningHours("Mon-Sun 08:00-22:00")
	rng := rand.New(rand.NewPCG(3, 4))
	start := time.Date(2026, 3, 23, 0, 0, 0, 0, time.UTC)
	var rows []Row
	for i := range 24 * 21 * 4 { // three weeks of 15-minute intervals
		at := start.Add(time.Duration(i) * 15 * time.Minute)
		shape := math.Max(0, math.Sin(math.Pi*float64(i%96)/96))
		for _, ch := range Channels {
			r := Row{Start: at, Channel: ch, Volume: math.Round(40 * shape * rng.Float64())}
			if ch == Chat && i%7 == 0 {
				r.Deflect = 0.4
			}
			if ch == Email && i%11 == 0 {
				r.AHT = 5 * time.Minute
			}
			rows = append(rows, r)
		}
	}
	base := Settings{
		Interval: 15 * time.Minute, AHT: 3 * time.Minute, Patience: 2 * time.Minute,
		Target:  Target{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second},
		Promise: Promise{Share: 0.9, Within: 2 * time.Hour, AllWithin: 8 * time.Hour},
		Open:    office.Contains,
	}
	for name, channels := range map[string]map[Channel]ChannelSettings{
		"backlog": {
			Chat:  {AHT: 6 * time.Minute, Chat: Concurrency{Chats: 2}, Deflect: 0.2, Open: chatHours.Contains},
			Email: {Deflect: 0.1},
		},
		"queued": {
			Email:    {Promise: Promise{Share: 0.8, Within: 20 * time.Minute}, Deflect: 0.1},
			Callback: {Slot: 15 * time.Minute, Prep: time.Minute},
		},
		"queued_all": {
			Email:    {Promise: Promise{Share: 1, Within: 25 * time.Minute}},
			Callback: {Promise: Promise{Share: 0.5, Within: 3 * time.Hour, AllWithin: 3 * time.Hour}},
		},
	} {
		s := base
		s.Channels = channels
		want, err := Plan(rows, s)
		if err != nil {
			t.Fatalf("%s: Plan: %v", name, err)
		}
		p, err := NewPlanner(s)
		if err != nil {
			t.Fatal(err)
		}
		var got []Need
		most := 0
		for _, r := range rows {
			if err := p.Add(r); err != nil {
				t.Fatalf("%s: Add: %v", name, err)
			}
			got = p.Ready(got)
			most = max(most, len(p.queue))
		}
		if err := p.Close(); err != nil {
			t.Fatal(err)
		}
		got = p.Ready(got)
		if len(got) != len(want) {
			t.Fatalf("%s: %d needs, want %d", name, len(got), len(want))
		}
		same := func(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }
		bad := 0
		for i := range want {
			g, w := got[i], want[i]
			if !g.Start.Equal(w.Start) || g.Channel != w.Channel || g.Agents != w.Agents || g.Scheduled != w.Scheduled || g.Closed != w.Closed ||
				!same(g.Fractional, w.Fractional) || !same(g.ServiceLevel, w.ServiceLevel) || !same(g.ASASeconds, w.ASASeconds) ||
				!same(g.Occupancy, w.Occupancy) || !same(g.PAbandon, w.PAbandon) || !same(g.Backlog, w.Backlog) ||
				!same(g.QuoteP50, w.QuoteP50) || !same(g.QuoteP90, w.QuoteP90) || !same(g.Capacity, w.Capacity) ||
				!same(g.Saved, w.Saved) || !same(g.Deflected, w.Deflected) || !same(g.Offered, w.Offered) {
				if bad++; bad <= 3 {
					t.Errorf("%s: row %d:\n got %+v\nwant %+v", name, i, g, w)
				}
			}
		}
		// The planner holds the needs a quote waits for, not the table.
		if most > 4*200 {
			t.Errorf("%s: the planner held %d needs at once", name, most)
		}
		t.Logf("%s: %d rows, at most %d held", name, len(rows), most)
	}
}
