package plan

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/staffcast/staffcast/staffing"
)

// TestRunChannels plans the sample with chat beside the phone and checks
// the pieces against each other: chat's requirements are staffing.Plan's
// for its chats in its hours, the phone's are unchanged, the channel
// totals add up, and a blended team never needs more than dedicated ones.
func TestRunChannels(t *testing.T) {
	t.Parallel()
	opt := sampleOptions(t)
	base, err := Run(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	chatHours, _ := staffing.ParseOpeningHours("Mon-Sun 08:00-22:00")
	opt.Channels = map[staffing.Channel]staffing.ChannelSettings{staffing.Chat: {AHT: 6 * time.Minute, Chat: staffing.Concurrency{Chats: 2}}}
	opt.ChatHours = &chatHours
	opt.Teams = []staffing.Team{{Name: "phone+chat", Channels: []staffing.Channel{staffing.Phone, staffing.Chat}}}
	res, err := Run(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	var phone, chat []Requirement
	for _, r := range res.Requirements {
		if r.Channel == "chat" {
			chat = append(chat, r)
		} else {
			phone = append(phone, r)
		}
	}
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
	cp := res.Channels
	if cp == nil || len(cp.Channels) != 2 || len(cp.Teams) != 1 {
		t.Fatalf("channel plan %+v", cp)
	}
	ded := 0.0
	for _, r := range res.Requirements {
		ded += float64(r.Agents)
	}
	if tm := cp.Teams[0]; tm.Dedicated != ded || tm.Blended > tm.Dedicated || tm.Blended < math.Ceil(cp.Channels[0].AgentHours+cp.Channels[1].AgentHours)-1e-9-float64(7*24) {
		t.Errorf("team %+v: dedicated %v (the requirements' sum), blended at most that", tm, ded)
	}
}
