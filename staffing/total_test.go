package staffing

import (
	"math"
	"testing"
	"time"
)

// TestTotal checks the channels' total against a second way to the same
// sums: adding up the plan's needs directly, interval by interval.
func TestTotal(t *testing.T) {
	t.Parallel()
	start := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	var rows []Row
	for i := range 6 {
		at := start.Add(time.Duration(i) * 30 * time.Minute)
		v := float64(20 + 7*i)
		rows = append(rows, Row{Start: at, Volume: 4 * v, Channel: Phone}, Row{Start: at, Volume: v, Channel: Chat}, Row{Start: at, Volume: v / 2, Channel: Email})
	}
	s := Settings{
		Interval: 30 * time.Minute, AHT: 4 * time.Minute, Shrinkage: 0.3,
		Target:   Target{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second},
		Promise:  Promise{Share: 0.9, Within: time.Hour},
		Chat:     Concurrency{Chats: 2},
		Channels: map[Channel]ChannelSettings{Chat: {Deflect: 0.25}},
	}
	needs, err := Plan(rows, s)
	if err != nil {
		t.Fatal(err)
	}
	var want ChannelsTotal
	h := s.Interval.Hours()
	for _, n := range needs {
		want.Offered += n.Offered
		want.Deflected += n.Deflected
		want.AgentHours += n.Fractional * h
		want.RoundedHours += float64(n.Agents) * h
		want.ScheduledHours += float64(n.Scheduled) * h
		want.SavedHours += n.Saved * h
	}
	got := Total(Summarize(needs, s))
	// The two sum the same terms in another order: a few ulps apart.
	const tol = 1e-9
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"Offered", got.Offered, want.Offered}, {"Deflected", got.Deflected, want.Deflected},
		{"AgentHours", got.AgentHours, want.AgentHours}, {"RoundedHours", got.RoundedHours, want.RoundedHours},
		{"ScheduledHours", got.ScheduledHours, want.ScheduledHours}, {"SavedHours", got.SavedHours, want.SavedHours},
	} {
		if math.Abs(c.got-c.want) > tol*math.Max(1, c.want) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if want.Deflected == 0 || want.SavedHours <= 0 || want.ScheduledHours <= want.RoundedHours {
		t.Errorf("the case should deflect, save and shrink: %+v", want)
	}
	if (Total(nil) != ChannelsTotal{}) {
		t.Errorf("Total(nil) = %+v, want zero", Total(nil))
	}
}
