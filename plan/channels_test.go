package plan

import (
	"context"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/staffcast/staffcast/sample"
	"github.com/staffcast/staffcast/staffing"
)

// erlangC is the Erlang C probability of waiting with n agents and a
// Erlangs, by the Erlang B recursion: written here from the textbook
// formulas, independently of the staffing package.
func erlangC(n int, a float64) float64 {
	b := 1.0
	for k := 1; k <= n; k++ {
		b = a * b / (float64(k) + a*b)
	}
	return b / (1 - a/float64(n)*(1-b))
}

// emailAgents is the smallest n with P(wait <= within) >= share for an
// M/M/n queue of vol emails an hour of aht each, and the p90 wait.
func emailAgents(vol float64, aht, within time.Duration, share float64) (int, float64) {
	a := vol * aht.Hours()
	if a == 0 {
		return 0, 0
	}
	for n := int(a) + 1; ; n++ {
		c := erlangC(n, a)
		if 1-c*math.Exp(-(float64(n)-a)*within.Seconds()/aht.Seconds()) >= share {
			p90 := 0.0
			if c > 0.1 {
				p90 = aht.Seconds() * math.Log(c/0.1) / (float64(n) - a)
			}
			return n, p90
		}
	}
}

// TestRunChannels plans the sample with chat and email beside the phone
// and checks the pieces against each other and against Erlang C written
// out here: chat's requirements are RequiredChat's, the phone's are
// unchanged, email's volumes are the history's and its agents in the
// open hours after the first two are Erlang C's for 90% within 30
// minutes, the quotes are the queue's, the channel totals add up to the
// requirements, and a blended team never needs more than dedicated ones.
func TestRunChannels(t *testing.T) {
	t.Parallel()
	opt := sampleOptions(t)
	base, err := Run(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	chatHours, _ := staffing.ParseOpeningHours("Mon-Sun 08:00-22:00")
	emailAHT := 4 * time.Minute
	opt.Channels = map[staffing.Channel]staffing.ChannelSettings{staffing.Chat: {AHT: 6 * time.Minute, Chat: staffing.Concurrency{Chats: 2}}}
	opt.ChatHours = &chatHours
	opt.Teams = []staffing.Team{{Name: "phone+chat+email", Channels: []staffing.Channel{staffing.Phone, staffing.Chat, staffing.Email}}}
	res, err := Run(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	by := map[string][]Requirement{}
	for _, r := range res.Requirements {
		by[r.Channel] = append(by[r.Channel], r)
	}
	phone, chat, email := by["phone"], by["chat"], by["email"]
	if len(phone) != len(base.Requirements) {
		t.Fatalf("%d phone requirements, want the %d without chat", len(phone), len(base.Requirements))
	}
	for i := range phone {
		if phone[i] != base.Requirements[i] {
			t.Fatalf("phone requirement %d changed: %+v, was %+v", i, phone[i], base.Requirements[i])
		}
	}
	if len(chat) != 7*14 {
		t.Errorf("%d chat requirements, want one per open hour of chat (98)", len(chat))
	}
	for _, r := range chat[:5] {
		req, err := staffing.RequiredChat(staffing.Queue{Volume: r.Volume, Interval: time.Hour, AHT: 6 * time.Minute}, staffing.Concurrency{Chats: 2}, opt.Settings.Target)
		if err != nil || req.Agents != r.Agents || !chatHours.Contains(r.Start) {
			t.Errorf("chat at %v: %d agents, RequiredChat says %d (%v)", r.Start, r.Agents, req.Agents, err)
		}
	}

	// Email: worked in the recommended phone hours, the history's emails.
	cp := res.Channels
	if cp == nil || len(cp.Channels) != 3 || len(cp.Teams) != 1 || len(cp.Hours) != 3 {
		t.Fatalf("channel plan %+v", cp)
	}
	phoneHours := cp.Hours[0].Hours
	if cp.Hours[2].Hours != phoneHours || cp.Hours[2].Within != 30*time.Minute || cp.EmailPromise != DefaultEmailPromise {
		t.Errorf("email hours %+v, want the phone's %v within 30m", cp.Hours[2], phoneHours)
	}
	s := opt.History
	emails := map[time.Time]float64{}
	for i, st := range s.Start {
		emails[st] = s.Column("emails")[i]
	}
	if len(email) != len(phone) {
		t.Errorf("%d email requirements, want one per open phone hour (%d)", len(email), len(phone))
	}
	checked := 0
	for _, r := range email {
		if r.Volume != emails[r.Start] {
			t.Fatalf("email at %v: volume %v, the history has %v", r.Start, r.Volume, emails[r.Start])
		}
		// Two open hours before: no backlog from the night is left.
		if !phoneHours.Contains(r.Start.Add(-time.Hour)) || !phoneHours.Contains(r.Start.Add(-2*time.Hour)) {
			continue
		}
		n, _ := emailAgents(r.Volume, emailAHT, 30*time.Minute, 0.9)
		if r.Agents != n {
			t.Errorf("email at %v: %d agents for %v emails, Erlang C says %d", r.Start, r.Agents, r.Volume, n)
		}
		checked++
	}
	if checked < 20 {
		t.Errorf("only %d email hours checked against Erlang C", checked)
	}

	// The email channel's totals are staffing.Plan's on the same rows and
	// settings, backlog hours included.
	var rows []staffing.Row
	for at := cp.From; at.Before(cp.To); at = at.Add(time.Hour) {
		rows = append(rows, staffing.Row{Start: at, Volume: emails[at], Channel: staffing.Email})
	}
	st := staffing.Settings{Interval: time.Hour, AHT: emailAHT, Target: opt.Settings.Target, Promise: DefaultEmailPromise, Open: phoneHours.Contains}
	needs, err := staffing.Plan(rows, st)
	if err != nil {
		t.Fatal(err)
	}
	if want, got := staffing.Summarize(needs, st)[0], cp.Channels[2]; math.Abs(want.AgentHours-got.AgentHours) > 1e-9 || want.ScheduledHours != got.ScheduledHours || want.Offered != got.Offered {
		t.Errorf("email: %.3f agent-hours, %v scheduled, %v offered; staffing.Plan on the rows: %.3f, %v, %v", got.AgentHours, got.ScheduledHours, got.Offered, want.AgentHours, want.ScheduledHours, want.Offered)
	}

	// The quotes: an open hour's p90 is the queue's (one week staffed, so
	// each weekday and hour is one interval); a closed hour is quoted past
	// the next opening.
	if len(cp.Quotes) < 7*20 {
		t.Fatalf("%d email quotes, want most of the week's 168 hours", len(cp.Quotes))
	}
	vol := map[[2]int]float64{}
	for _, r := range email {
		vol[[2]int{int(r.Start.Weekday()), r.Start.Hour()}] = r.Volume
	}
	for _, q := range cp.Quotes {
		if q.Channel != staffing.Email || q.P50 > q.P90 {
			t.Fatalf("quote %+v", q)
		}
		if !q.Open {
			// The night's emails are spread evenly over the first open
			// hour: 90% are answered 0.9 h after the opening, beyond the
			// 30-minute promise.
			at := cp.From
			for at.Weekday() != q.Weekday || at.Hour() != q.Hour {
				at = at.Add(time.Hour)
			}
			open := at
			for !phoneHours.Contains(open) {
				open = open.Add(time.Hour)
			}
			if want := open.Sub(at).Seconds() + 0.9*3600; math.Abs(q.P90-want) > 1e-6 || q.Kept {
				t.Errorf("closed %v %02d:00: p90 %.0f s, kept %v; want %.0f s (the next opening at %v plus 0.9 h), not kept", q.Weekday, q.Hour, q.P90, q.Kept, want, open)
			}
			continue
		}
		v, ok := vol[[2]int{int(q.Weekday), q.Hour}]
		h := time.Duration(q.Hour) * time.Hour
		if w := phoneHours.Days[q.Weekday]; !ok || h < w.Open+2*time.Hour {
			continue
		}
		_, p90 := emailAgents(v, emailAHT, 30*time.Minute, 0.9)
		if math.Abs(q.P90-p90) > 1e-6*math.Max(1, p90) || !q.Kept || q.P90 > 1800 {
			t.Errorf("open %v %02d:00: p90 %.3f s, Erlang C %.3f s; kept %v", q.Weekday, q.Hour, q.P90, p90, q.Kept)
		}
	}

	// Totals: the scheduled hours are the requirements', the budget the period's.
	sched := 0.0
	for _, r := range res.Requirements {
		sched += float64(r.ScheduledAgents)
	}
	if math.Abs(cp.Scheduled-sched) > 1e-9 {
		t.Errorf("scheduled %v agent-hours, the requirements sum to %v", cp.Scheduled, sched)
	}
	if phoneHours == opt.Current && cp.Today != cp.Scheduled || cp.Today <= 0 {
		t.Errorf("today's hours take %v scheduled agent-hours, the recommended (%v) %v", cp.Today, phoneHours, cp.Scheduled)
	}
	if cp.Period != "normal" || cp.Budget != res.Periods[0].Budget || math.Abs(cp.Over()-(cp.Total()-cp.Budget)) > 1e-9 || cp.Over() > 1e-6 {
		t.Errorf("budget %v of period %q, want normal's %v", cp.Budget, cp.Period, res.Periods[0].Budget)
	}
	ded := 0.0
	for _, r := range res.Requirements {
		ded += float64(r.Agents)
	}
	if tm := cp.Teams[0]; math.Abs(tm.Dedicated-ded) > 1e-9 || tm.Blended > tm.Dedicated {
		t.Errorf("team %+v: dedicated %v (the requirements' sum), blended at most that", tm, ded)
	}
	for _, c := range cp.Channels {
		if c.Channel != staffing.Chat && c.Channel != staffing.Phone {
			continue
		}
		if sl := c.Answered / c.OpenHandled; !(sl >= opt.Settings.Target.ServiceLevel) {
			t.Errorf("%v: service level %v over the open hours, under the target", c.Channel, sl)
		}
	}
}

// TestRunChannelsLongPromise: a 4-hour email promise is staffed by the
// backlog model, whose 90% answer within 0.9 x 4 open hours (the spread
// over four whole intervals) in every open hour: the promise is kept
// though the wall-clock quotes of the afternoon run into the next day.
func TestRunChannelsLongPromise(t *testing.T) {
	t.Parallel()
	opt := sampleOptions(t)
	opt.Frontier = []float64{}
	opt.Channels = map[staffing.Channel]staffing.ChannelSettings{staffing.Email: {Promise: staffing.Promise{Share: 0.9, Within: 4 * time.Hour}}}
	res, err := Run(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	cp := res.Channels
	var email staffing.ChannelSummary
	for _, c := range cp.Channels {
		if c.Channel == staffing.Email {
			email = c
		}
	}
	if want := 0.9 * 4 * 3600; math.Abs(email.OpenQuote-want) > 1e-6 || math.Abs(email.ClosedQuote-want) > 1e-6 || email.QuotesOver != 0 {
		t.Errorf("email: open quote %v s, closed %v s, %d over; want %v s and none over", email.OpenQuote, email.ClosedQuote, email.QuotesOver, want)
	}
	overnight := 0
	for _, q := range cp.Quotes {
		if !q.Kept {
			t.Errorf("%v %02d:00 (open %v): p90 %.0f s, not kept", q.Weekday, q.Hour, q.Open, q.P90)
		}
		if q.Open && q.P90 > 4*3600 {
			overnight++
		}
	}
	if overnight == 0 {
		t.Error("no open hour quoted past 4 h wall-clock: the afternoon's emails should wait overnight")
	}
}

// TestRunChannelsBadInput: a setting for a channel the history lacks and
// a team naming a channel the plan does not staff are refused, by type.
func TestRunChannelsBadInput(t *testing.T) {
	t.Parallel()
	full, err := sample.Shop()
	if err != nil {
		t.Fatal(err)
	}
	noEmails := *full
	noEmails.Columns = nil
	for _, c := range full.Columns {
		if c.Name != "emails" {
			noEmails.Columns = append(noEmails.Columns, c)
		}
	}
	opt := sampleOptions(t)
	opt.History = &noEmails
	opt.Frontier = []float64{}
	opt.Channels = map[staffing.Channel]staffing.ChannelSettings{staffing.Email: {Promise: staffing.Promise{Share: 0.9, Within: 10 * time.Minute}}}
	var de *ChannelDataError
	if _, err := Run(context.Background(), opt); !errors.As(err, &de) || de.Channel != staffing.Email || de.Column != "emails" {
		t.Errorf("email settings without emails: %v, want a *ChannelDataError", err)
	}
	opt.Channels = nil
	opt.Teams = []staffing.Team{{Name: "phone+callback", Channels: []staffing.Channel{staffing.Phone, staffing.Callback}}}
	var te *TeamChannelError
	if _, err := Run(context.Background(), opt); !errors.As(err, &te) || te.Channel != staffing.Callback {
		t.Errorf("team with callbacks: %v, want a *TeamChannelError", err)
	}
	opt.Teams = []staffing.Team{{Name: "phone+email", Channels: []staffing.Channel{staffing.Phone, staffing.Email}}}
	if _, err := Run(context.Background(), opt); !errors.As(err, &te) || te.Channel != staffing.Email {
		t.Errorf("team with email, no emails column: %v, want a *TeamChannelError", err)
	}
	opt.Teams = nil
	opt.History = full
	opt.Channels = map[staffing.Channel]staffing.ChannelSettings{staffing.Email: {AHT: 20 * time.Minute, Promise: staffing.Promise{Share: 0.9, Within: 10 * time.Minute}}}
	if _, err := Run(context.Background(), opt); err == nil {
		t.Error("a promise shorter than the handling time: no error")
	}
}
