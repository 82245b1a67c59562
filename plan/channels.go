package plan

import (
	"math"
	"sort"
	"time"

	"github.com/staffcast/staffcast/staffing"
	"github.com/staffcast/staffcast/staffing/hours"
)

// ChannelPlan is the whole contact centre on the recommended phone hours:
// phone and chat staffed each by its own settings and hours, over the
// first week of the planned demand (Options.Channels, Options.Teams).
type ChannelPlan struct {
	// Channels totals each channel's week: agent-hours, and for chat the
	// chats that arrive while it is closed (the chatbot's) and what
	// deflection saves.
	Channels []staffing.ChannelSummary
	// Teams compares, per team, its channels pooled (blended agents)
	// with a team per channel, in agent-hours per week.
	Teams []staffing.TeamHours
	// Published is the hours to publish: phone as recommended, chat as
	// set (or the phone's).
	Published string
}

// planChannels staffs phone and chat over the first week of the planned
// demand: phone in the recommended hours of each period with the phone
// settings, chat by Options.Channels[Chat] (its Open, or the phone's
// recommended hours). It adds the chat rows to reqs.
func planChannels(opt *Options, prs []PeriodResult, periods []Period, d hours.Demand, cc *hours.ClosedCalls, reqs []Requirement) (*ChannelPlan, []Requirement, error) {
	if len(d.Start) == 0 {
		return nil, reqs, nil
	}
	// The recommended phone hours of the period t is in.
	phoneHours := func(t time.Time) *staffing.OpeningHours {
		for _, p := range periods {
			if !p.In(t) {
				continue
			}
			for j := range prs {
				if prs[j].Name == p.Name {
					h := prs[j].Plan.Hours()
					return &h
				}
			}
		}
		return nil
	}
	s := opt.Settings
	st := staffing.Settings{
		Interval: d.Step, AHT: s.AHT, Target: s.Target, Patience: s.Patience, Shrinkage: s.Shrinkage,
		Channels: map[staffing.Channel]staffing.ChannelSettings{},
	}
	for ch, cs := range opt.Channels {
		st.Channels[ch] = cs
	}
	phoneOpen := func(t time.Time) bool {
		h := phoneHours(t)
		return h != nil && h.Contains(t)
	}
	phone := st.Channels[staffing.Phone]
	phone.Open = phoneOpen
	st.Channels[staffing.Phone] = phone
	chat := st.Channels[staffing.Chat]
	chat.Open = phoneOpen
	if opt.ChatHours != nil {
		chat.Open = opt.ChatHours.Contains
	}
	st.Channels[staffing.Chat] = chat

	end := d.Start[0].AddDate(0, 0, 7)
	var rows []staffing.Row
	for i, t := range d.Start {
		if !t.Before(end) {
			break
		}
		rows = append(rows, staffing.Row{Start: t, Volume: math.Max(0, cc.Central[i]), Channel: staffing.Phone})
		if d.Chats != nil && !math.IsNaN(d.Chats[i]) {
			rows = append(rows, staffing.Row{Start: t, Volume: math.Max(0, d.Chats[i]), Channel: staffing.Chat})
		}
	}
	needs, err := staffing.Plan(rows, st)
	if err != nil {
		return nil, reqs, err
	}
	for _, n := range needs {
		if n.Channel == staffing.Chat && !n.Closed {
			reqs = append(reqs, Requirement{Start: n.Start, Channel: "chat", Volume: n.Offered - n.Deflected, Agents: n.Agents, ScheduledAgents: n.Scheduled})
		}
	}
	sort.SliceStable(reqs, func(i, j int) bool { return reqs[i].Start.Before(reqs[j].Start) })
	out := &ChannelPlan{Channels: staffing.Summarize(needs, st)}
	if opt.Teams != nil {
		tt := staffing.NewTeamTotals(opt.Teams)
		tt.Add(needs)
		out.Teams = tt.Hours(d.Step)
	}
	if h := phoneHours(d.Start[0]); h != nil {
		published := []staffing.ChannelHours{{Channel: staffing.Phone, Hours: *h}}
		if d.Chats != nil {
			ch := *h
			if opt.ChatHours != nil {
				ch = *opt.ChatHours
			}
			published = append(published, staffing.ChannelHours{Channel: staffing.Chat, Hours: ch})
		}
		out.Published = staffing.PublishedHours(published)
	}
	return out, reqs, nil
}
