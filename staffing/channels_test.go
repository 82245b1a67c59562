package staffing

import (
	"math"
	"strings"
	"testing"
	"time"
)

func TestBooked(t *testing.T) {
	t.Parallel()
	// By hand: 15-minute slots in an hour, 6 min + 1 min prep: 2 callbacks
	// per agent per slot. 20 bookings an hour are 5 a slot: 3 agents,
	// who can take 6 a slot.
	b, err := Booked(20, time.Hour, 15*time.Minute, 6*time.Minute, time.Minute)
	if err != nil || b.PerAgent != 2 || b.Agents != 3 || b.Capacity != 6 || b.Fractional != 2.5 {
		t.Errorf("Booked = %+v, %v; want 2 per agent, 3 agents, capacity 6, fractional 2.5", b, err)
	}
	// Preparation that no longer fits a second callback halves the capacity.
	b, _ = Booked(20, time.Hour, 15*time.Minute, 6*time.Minute, 2*time.Minute)
	if b.PerAgent != 1 || b.Agents != 5 || b.Capacity != 5 {
		t.Errorf("8-minute callbacks in 15-minute slots: %+v; want 1 per agent, 5 agents", b)
	}
	for _, c := range []struct {
		slot, aht, prep time.Duration
		want            string
	}{
		{5 * time.Minute, 6 * time.Minute, 0, "shorter than the handling time"},
		{10 * time.Minute, 6 * time.Minute, 5 * time.Minute, "shorter than the handling time"},
		{25 * time.Minute, 6 * time.Minute, 0, "divides the interval"},
	} {
		if _, err := Booked(20, time.Hour, c.slot, c.aht, c.prep); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("slot %v aht %v prep %v: %v, want %q", c.slot, c.aht, c.prep, err, c.want)
		}
	}
}

func TestWaitQuantileAgainstServiceLevel(t *testing.T) {
	t.Parallel()
	// Second method: the service level at the p-quantile of the wait is p.
	q := Queue{Volume: 30, Interval: time.Hour, AHT: 4 * time.Minute}
	for n := 3; n <= 6; n++ {
		for _, p := range []float64{0.5, 0.9, 0.99} {
			r, _ := Evaluate(q, n, 0)
			w := WaitQuantile(r, q.AHT, p)
			if w == 0 {
				if r.PWait > 1-p {
					t.Errorf("n=%d p=%v: quantile 0 with P(wait) %v", n, p, r.PWait)
				}
				continue
			}
			at, _ := Evaluate(q, n, time.Duration(w*float64(time.Second)))
			if math.Abs(at.ServiceLevel-p) > 1e-6 {
				t.Errorf("n=%d: SL at the %v-quantile %.1fs is %v", n, p, w, at.ServiceLevel)
			}
		}
	}
	if r, _ := Evaluate(q, 2, 0); !math.IsInf(WaitQuantile(r, q.AHT, 0.9), 1) {
		t.Error("unstable queue: want +Inf")
	}
}

func TestDeferredQuotes(t *testing.T) {
	t.Parallel()
	// Hourly intervals, open 2 of every 4; promise 90% within 2h, all
	// within 4h: open time runs 0,1 | closed 2,3 | open 4,5 ...
	vol := []float64{10, 10, 10, 10, 10, 10, 10, 10}
	open := []bool{true, true, false, false, true, true, false, false}
	d, err := Deferred(vol, repeat(time.Minute, 8), open, time.Hour, Promise{Share: 0.9, Within: 2 * time.Hour, AllWithin: 4 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	// By hand: F(x) = 0.9·x/2 + 0.1·x/4 for x <= 2 open hours, and
	// F(2) = 0.95 >= 0.9, so p50 = 0.5/0.475 h and p90 = 0.9/0.475 h.
	p50, p90 := 0.5/0.475*3600, 0.9/0.475*3600
	if math.Abs(d[0].QuoteP50-p50) > 1e-6 || math.Abs(d[0].QuoteP90-p90) > 1e-6 {
		t.Errorf("open interval 0: quotes %v, %v; want %v, %v", d[0].QuoteP50, d[0].QuoteP90, p50, p90)
	}
	// Interval 2 is closed: its items start at interval 4, two hours on;
	// p90 at open time 1.89 h falls in interval 5.
	if want := 2*3600 + p90; math.Abs(d[2].QuoteP90-want) > 1e-6 {
		t.Errorf("closed interval 2: p90 %v, want %v (wait to the opening plus the work)", d[2].QuoteP90, want)
	}
	// Interval 1: p90 falls past the next open hour, in interval 4 after the closed 2-3.
	if want := (4-1)*3600 + (p90 - 3600); math.Abs(d[1].QuoteP90-want) > 1e-6 {
		t.Errorf("interval 1: p90 %v, want %v", d[1].QuoteP90, want)
	}
	if !math.IsNaN(d[7].QuoteP90) {
		t.Errorf("closed last interval: p90 %v, want NaN (no opening left)", d[7].QuoteP90)
	}
}

func TestPlanChannels(t *testing.T) {
	t.Parallel()
	start := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	var rows []Row
	for i := range 4 {
		at := start.Add(time.Duration(i) * time.Hour)
		rows = append(rows,
			Row{Start: at, Volume: 100, Channel: Phone},
			Row{Start: at, Volume: 40, Channel: Chat},
			Row{Start: at, Volume: 30, Channel: Email},
			Row{Start: at, Volume: 8, Channel: Callback})
	}
	chatTarget := Target{ServiceLevel: 0.8, AnswerWithin: time.Minute}
	s := Settings{
		Interval: time.Hour, AHT: 3 * time.Minute,
		Target:  Target{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second},
		Promise: Promise{Share: 0.9, Within: 4 * time.Hour},
		Channels: map[Channel]ChannelSettings{
			Chat:     {AHT: 6 * time.Minute, Target: &chatTarget, Chat: Concurrency{Chats: 2}, Deflect: 0.25},
			Email:    {AHT: 4 * time.Minute, Promise: Promise{Share: 0.9, Within: 10 * time.Minute}},
			Callback: {AHT: 6 * time.Minute, Slot: 15 * time.Minute, Prep: time.Minute},
		},
	}
	needs, err := Plan(rows, s)
	if err != nil {
		t.Fatal(err)
	}
	phone, _ := Required(Queue{Volume: 100, Interval: time.Hour, AHT: 3 * time.Minute}, s.Target)
	chat, _ := RequiredChat(Queue{Volume: 30, Interval: time.Hour, AHT: 6 * time.Minute}, Concurrency{Chats: 2}, chatTarget)
	chatAll, _ := RequiredChat(Queue{Volume: 40, Interval: time.Hour, AHT: 6 * time.Minute}, Concurrency{Chats: 2}, chatTarget)
	for _, n := range needs[4:8] {
		var want int
		switch n.Channel {
		case Phone:
			want = phone.Agents
		case Chat:
			want = chat.Agents
			if n.Deflected != 10 || math.Abs(n.Saved-(chatAll.Fractional-chat.Fractional)) > 1e-12 || n.Saved <= 0 {
				t.Errorf("chat deflection: %v deflected, %v saved; want 10 and %v", n.Deflected, n.Saved, chatAll.Fractional-chat.Fractional)
			}
		case Email:
			want = 3 // the case: Erlang C, 90% within 10 minutes
			if !(n.QuoteP90 <= 600) || n.QuoteP50 > n.QuoteP90 {
				t.Errorf("email quotes %v, %v: want p50 <= p90 <= 600 s", n.QuoteP50, n.QuoteP90)
			}
		case Callback:
			want = 1 // 2 bookings a slot, 2 per agent (7 minutes each)
			if n.Capacity != 2 {
				t.Errorf("callback capacity %v, want 2", n.Capacity)
			}
		}
		if n.Agents != want {
			t.Errorf("%v: %d agents, want %d", n.Channel, n.Agents, want)
		}
	}
	teams := TeamNeeds(needs, []Team{{Name: "phone", Channels: []Channel{Phone}}, {Name: "chat+email", Channels: []Channel{Chat, Email}}})
	if len(teams) != 8 || teams[1].Team != "chat+email" || teams[1].Dedicated != chat.Agents+3 || teams[1].Agents > teams[1].Dedicated {
		t.Errorf("teams: %+v", teams[:2])
	}

	// Bad settings name the channel and the field.
	for _, c := range []struct {
		cs   ChannelSettings
		ch   Channel
		want string
	}{
		{ChannelSettings{Deflect: 1}, Chat, "chat: staffing: ChannelSettings.Deflect = 1"},
		{ChannelSettings{AHT: 20 * time.Minute, Promise: Promise{Share: 0.9, Within: 10 * time.Minute}}, Email, "shorter than the handling time"},
		{ChannelSettings{AHT: 20 * time.Minute, Slot: 15 * time.Minute}, Callback, "callback: staffing: ChannelSettings.Slot = 15m0s: shorter"},
	} {
		bad := s
		bad.Channels = map[Channel]ChannelSettings{c.ch: c.cs}
		if _, err := Plan(rows, bad); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", c.cs, err, c.want)
		}
	}
}

func TestParseTeamsAndShares(t *testing.T) {
	t.Parallel()
	teams, err := ParseTeams("phone, chat+email")
	if err != nil || len(teams) != 2 || teams[1].Channels[1] != Email {
		t.Errorf("ParseTeams: %+v, %v", teams, err)
	}
	for _, bad := range []string{"phone,fax", "phone,phone+chat", "phone,,chat"} {
		if _, err := ParseTeams(bad); err == nil {
			t.Errorf("ParseTeams(%q) accepted", bad)
		}
	}
	sh, err := ParseShares("chat=0.25, email=0.1")
	if err != nil || sh[Chat] != 0.25 || sh[Email] != 0.1 {
		t.Errorf("ParseShares: %v, %v", sh, err)
	}
	for _, bad := range []string{"chat=1", "chat=-0.1", "chat", "fax=0.1", "chat=0.1,chat=0.2"} {
		if _, err := ParseShares(bad); err == nil {
			t.Errorf("ParseShares(%q) accepted", bad)
		}
	}
}

func TestPublishedHours(t *testing.T) {
	t.Parallel()
	phone, _ := ParseOpeningHours("Mon-Fri 09:00-21:00, Sat-Sun 10:00-18:00")
	chat, _ := ParseOpeningHours("Mon-Sun 08:00-22:00")
	email, _ := ParseOpeningHours("Mon-Fri 08:30-17:00")
	got := PublishedHours([]ChannelHours{{Channel: Phone, Hours: phone}, {Channel: Chat, Hours: chat}, {Channel: Email, Hours: email, Within: 30 * time.Minute}})
	want := "Phone: Mon-Fri 09-21, Sat-Sun 10-18; chat: every day 08-22; email: answered within 30 minutes during opening hours (Mon-Fri 08:30-17)"
	if got != want {
		t.Errorf("PublishedHours =\n%s\nwant\n%s", got, want)
	}
}

// TestSummarizePromise checks the promise check of Summarize: a queued
// channel whose quote at the promise's share is past the promise, as a
// plan with fewer agents than Plan asks for gives, is reported.
func TestSummarizePromise(t *testing.T) {
	t.Parallel()
	s := Settings{Interval: time.Hour, Promise: Promise{Share: 0.9, Within: 10 * time.Minute}}
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	needs := []Need{
		{Start: at, Channel: Email, QuoteP50: 0, QuoteP90: 500, Agents: 3},
		{Start: at.Add(time.Hour), Channel: Email, QuoteP50: 100, QuoteP90: 900, Agents: 2},
		{Start: at.Add(2 * time.Hour), Channel: Email, QuoteP50: 100, QuoteP90: 900, Closed: true},
	}
	sum := Summarize(needs, s)
	if len(sum) != 1 || sum[0].QuotesOver != 1 || sum[0].OpenQuote != 900 || sum[0].Closed != 1 {
		t.Errorf("Summarize = %+v; want 1 open interval over the promise, open quote 900 s, 1 closed", sum)
	}
	// Items arriving while closed are spread over the first open hour:
	// 90% are worked 0.9 h after the opening, beyond the 10 minutes.
	if math.Abs(sum[0].ClosedQuote-0.9*3600) > 1e-9 {
		t.Errorf("closed quote %v s, want 3240", sum[0].ClosedQuote)
	}
	// An 80% promise is read at p50.
	s.Promise.Share = 0.8
	if sum := Summarize(needs, s); sum[0].QuotesOver != 0 || sum[0].OpenQuote != 100 {
		t.Errorf("80%% promise: %+v; want none over, open quote 100 s", sum[0])
	}
	// The backlog model (a 3 h promise on hourly intervals) is checked on
	// its spread: 90% within 3 whole hours, all within 4, is 2.77 h.
	s.Promise = Promise{Share: 0.9, Within: 3 * time.Hour, AllWithin: 4 * time.Hour}
	if sum := Summarize(needs, s); sum[0].QuotesOver != 0 || math.Abs(sum[0].OpenQuote-0.9/(0.9/3+0.1/4)*3600) > 1e-6 {
		t.Errorf("backlog model: %+v", sum[0])
	}
}

// TestDeferredWholeWindows checks that a promise that is not a whole
// number of intervals is spread over the whole intervals inside it: all
// of 10 emails promised within 150 minutes are worked in the first two
// hours (spreading over three would finish a third of them late).
func TestDeferredWholeWindows(t *testing.T) {
	t.Parallel()
	d, err := Deferred([]float64{10, 0, 0, 0}, repeat(time.Minute, 4), nil, time.Hour, Promise{Share: 1, Within: 150 * time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	if d[0].Done != 5 || d[1].Done != 5 || d[2].Done != 0 || d[1].Backlog != 0 {
		t.Errorf("done %v %v %v, backlog after two hours %v; want 5, 5, 0 and 0", d[0].Done, d[1].Done, d[2].Done, d[1].Backlog)
	}
	// A promise shorter than the interval still has the one interval.
	d, _ = Deferred([]float64{10, 0}, repeat(time.Minute, 2), nil, time.Hour, Promise{Share: 1, Within: 30 * time.Minute})
	if d[0].Done != 10 {
		t.Errorf("30-minute promise on hourly intervals: done %v in the first, want 10", d[0].Done)
	}
}

// TestSummarizeAnswered: a channel's Answered over OpenHandled is its
// service level, from the direct Erlang C sum, over the open intervals
// only; a closed interval's calls count in neither.
func TestSummarizeAnswered(t *testing.T) {
	t.Parallel()
	day := time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC)
	open := func(t time.Time) bool { return t.Hour() < 12 }
	s := Settings{Interval: 30 * time.Minute, AHT: 3 * time.Minute, Target: Target{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second},
		Channels: map[Channel]ChannelSettings{Phone: {Open: open}}}
	rows := []Row{{Start: day.Add(9 * time.Hour), Volume: 100}, {Start: day.Add(10 * time.Hour), Volume: 100}, {Start: day.Add(14 * time.Hour), Volume: 100}}
	needs, err := Plan(rows, s)
	if err != nil {
		t.Fatal(err)
	}
	sum := Summarize(needs, s)[0]
	// 100 calls of 3 minutes in 30 minutes: 10 Erlangs; 14 agents meet 80/20.
	n, a := 14, 10.0
	sl := 1 - directErlangC(a, n)*math.Exp(-(float64(n)-a)*20/180)
	if needs[0].Agents != n || sum.OpenHandled != 200 || math.Abs(sum.Answered/sum.OpenHandled-sl) > 1e-9 {
		t.Errorf("%d agents, answered %v of %v (%.6f), want %d agents and %.6f of 200", needs[0].Agents, sum.Answered, sum.OpenHandled, sum.Answered/sum.OpenHandled, n, sl)
	}
}
