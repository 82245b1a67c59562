package staffing_test

import (
	"fmt"
	"time"

	"github.com/staffcast/staffcast/staffing"
)

func ExampleRequired() {
	// 100 calls in half an hour, 3 minutes each, 80% answered within 20 s.
	q := staffing.Queue{Volume: 100, Interval: 30 * time.Minute, AHT: 3 * time.Minute}
	target, err := staffing.ParseTarget("80/20")
	if err != nil {
		fmt.Println(err)
		return
	}
	req, err := staffing.Required(q, target)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("load %.1f Erlangs: %d agents (%.2f exactly), %d scheduled at 30%% shrinkage\n",
		req.Result.OfferedLoad, req.Agents, req.Fractional, staffing.Scheduled(float64(req.Agents), 0.3))
	fmt.Printf("service level %.3f, ASA %.1f s, occupancy %.3f\n",
		req.Result.ServiceLevel, req.Result.ASASeconds, req.Result.Occupancy)
	// Output:
	// load 10.0 Erlangs: 14 agents (13.05 exactly), 20 scheduled at 30% shrinkage
	// service level 0.888, ASA 7.8 s, occupancy 0.714
}

func ExampleEvaluate_erlangA() {
	// The same queue with callers who hang up after 2 minutes on average.
	q := staffing.Queue{Volume: 100, Interval: 30 * time.Minute, AHT: 3 * time.Minute, Patience: 2 * time.Minute}
	for _, n := range []int{10, 12, 14} {
		r, err := staffing.Evaluate(q, n, 20*time.Second)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%d agents: SL %.3f, abandon %.3f, ASA %.1f s\n", n, r.ServiceLevel, r.PAbandon, r.ASASeconds)
	}
	// Output:
	// 10 agents: SL 0.640, abandon 0.137, ASA 14.6 s
	// 12 agents: SL 0.826, abandon 0.062, ASA 6.3 s
	// 14 agents: SL 0.933, abandon 0.023, ASA 2.3 s
}

func ExampleDeferred() {
	// 40 emails arrive at 09:00; 90% must be answered within an hour and
	// all within four. Each takes 3 minutes.
	vol := []float64{40, 0, 0, 0}
	aht := []time.Duration{3 * time.Minute, 3 * time.Minute, 3 * time.Minute, 3 * time.Minute}
	needs, err := staffing.Deferred(vol, aht, nil, time.Hour,
		staffing.Promise{Share: 0.9, Within: time.Hour, AllWithin: 4 * time.Hour})
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, n := range needs {
		fmt.Printf("%02d:00 agents %.2f backlog %.0f\n", 9+i, n.Fractional, n.Backlog)
	}
	// Output:
	// 09:00 agents 1.85 backlog 3
	// 10:00 agents 0.05 backlog 2
	// 11:00 agents 0.05 backlog 1
	// 12:00 agents 0.05 backlog 0
}

func ExamplePlan_channels() {
	// One hour of a shop's contact centre: each channel its own settings.
	// Email: 2 E on 3 agents, C(2, 3) = 4/9, and P(wait > t) = (4/9)·e^{−t/4m}
	// is 10% at t = 4m·ln(40/9) = 358 s.
	at := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	rows := []staffing.Row{
		{Start: at, Volume: 100, Channel: staffing.Phone},
		{Start: at, Volume: 40, Channel: staffing.Chat},
		{Start: at, Volume: 30, Channel: staffing.Email},
		{Start: at, Volume: 8, Channel: staffing.Callback},
	}
	chatTarget := staffing.Target{ServiceLevel: 0.8, AnswerWithin: time.Minute}
	s := staffing.Settings{
		Interval: time.Hour, AHT: 3 * time.Minute,
		Target: staffing.Target{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second},
		Channels: map[staffing.Channel]staffing.ChannelSettings{
			staffing.Chat:     {AHT: 6 * time.Minute, Target: &chatTarget, Chat: staffing.Concurrency{Chats: 2}, Deflect: 0.25},
			staffing.Email:    {AHT: 4 * time.Minute, Promise: staffing.Promise{Share: 0.9, Within: 10 * time.Minute}},
			staffing.Callback: {AHT: 6 * time.Minute, Slot: 15 * time.Minute, Prep: time.Minute},
		},
	}
	needs, err := staffing.Plan(rows, s)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, n := range needs {
		fmt.Printf("%-8v %2d agents", n.Channel, n.Agents)
		switch n.Channel {
		case staffing.Chat:
			fmt.Printf(", the bot resolves %.0f chats", n.Deflected)
		case staffing.Email:
			fmt.Printf(", quote 90%% within %.0f s", n.QuoteP90)
		case staffing.Callback:
			fmt.Printf(", %.0f bookings a slot", n.Capacity)
		}
		fmt.Println()
	}
	// Output:
	// phone     8 agents
	// chat      3 agents, the bot resolves 10 chats
	// email     3 agents, quote 90% within 358 s
	// callback  1 agents, 2 bookings a slot
}

func ExamplePublishedHours() {
	phone, _ := staffing.ParseOpeningHours("Mon-Fri 09:00-21:00, Sat-Sun 10:00-18:00")
	chat, _ := staffing.ParseOpeningHours("Mon-Sun 08:00-22:00")
	email, _ := staffing.ParseOpeningHours("Mon-Fri 08:00-17:00")
	fmt.Println(staffing.PublishedHours([]staffing.ChannelHours{
		{Channel: staffing.Phone, Hours: phone},
		{Channel: staffing.Chat, Hours: chat},
		{Channel: staffing.Email, Hours: email, Within: 30 * time.Minute},
	}))
	// Output:
	// Phone: Mon-Fri 09-21, Sat-Sun 10-18; chat: every day 08-22; email: answered within 30 minutes during opening hours (Mon-Fri 08-17)
}

func ExampleTeamNeeds() {
	// Blended or dedicated: one hour of chat and email, worked by one
	// team or by a team each.
	at := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	rows := []staffing.Row{
		{Start: at, Volume: 50, Channel: staffing.Chat},
		{Start: at, Volume: 12, Channel: staffing.Email},
	}
	s := staffing.Settings{
		Interval: time.Hour, AHT: 4 * time.Minute,
		Target:  staffing.Target{ServiceLevel: 0.8, AnswerWithin: time.Minute},
		Promise: staffing.Promise{Share: 0.9, Within: 10 * time.Minute},
	}
	needs, err := staffing.Plan(rows, s)
	if err != nil {
		fmt.Println(err)
		return
	}
	teams, _ := staffing.ParseTeams("chat+email")
	for _, n := range needs {
		fmt.Printf("%v: %.2f agents (%d whole)\n", n.Channel, n.Fractional, n.Agents)
	}
	for _, t := range staffing.TeamNeeds(needs, teams) {
		fmt.Printf("%s: %d agents blended, %d as a team per channel\n", t.Team, t.Agents, t.Dedicated)
	}
	// Output:
	// chat: 5.11 agents (6 whole)
	// email: 1.81 agents (2 whole)
	// chat+email: 7 agents blended, 8 as a team per channel
}
