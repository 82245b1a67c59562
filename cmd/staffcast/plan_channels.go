package main

import (
	"fmt"

	"github.com/staffcast/staffcast/plan"
	"github.com/staffcast/staffcast/staffing"
	"github.com/urfave/cli/v2"
)

// planChannelFlags are plan's flags for chat beside the phone and for
// teams (issue 12's "one plan").
func planChannelFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "chat-hours", Usage: `chat's opening hours, e.g. "Mon-Sun 08:00-22:00"; default: the recommended phone hours (staffs chat beside the phone)`},
		&cli.DurationFlag{Name: "chat-aht", Usage: "handling time of a chat handled alone; default --aht (staffs chat beside the phone)"},
		&cli.StringFlag{Name: "chat-target", Usage: "chat service level, PERCENT/SECONDS; default --target"},
		&cli.IntFlag{Name: "chats", Value: 1, Usage: "chats one agent handles at once"},
		&cli.Float64Flag{Name: "chat-deflect", Usage: "share of chats a chatbot resolves, in [0,1)"},
		&cli.StringFlag{Name: "teams", Usage: "compare blended and dedicated teams, e.g. phone+chat or phone,chat (staffs chat beside the phone)"},
	}
}

// planChannelOptions reads those flags into opt.
func planChannelOptions(c *cli.Context, opt *plan.Options) error {
	if !c.IsSet("chat-hours") && !c.IsSet("chat-aht") && !c.IsSet("chat-target") && !c.IsSet("chats") && !c.IsSet("chat-deflect") && !c.IsSet("teams") {
		return nil
	}
	var cs staffing.ChannelSettings
	if c.IsSet("chat-aht") {
		if cs.AHT = c.Duration("chat-aht"); cs.AHT <= 0 {
			return usageError(fmt.Errorf("--chat-aht %v: want a positive handling time such as 6m", cs.AHT))
		}
	}
	if c.IsSet("chat-target") {
		level, within, err := staffing.ParseTarget(c.String("chat-target"))
		if err != nil {
			return usageError(fmt.Errorf("--chat-target: %w", err))
		}
		t := opt.Settings.Target
		t.ServiceLevel, t.AnswerWithin = level, within
		cs.Target = &t
	}
	if n := c.Int("chats"); n < 1 {
		return usageError(fmt.Errorf("--chats %d: want the chats one agent handles at once, 1 or more", n))
	}
	cs.Chat.Chats = c.Int("chats")
	if cs.Deflect = c.Float64("chat-deflect"); !(cs.Deflect >= 0 && cs.Deflect < 1) {
		return usageError(fmt.Errorf("--chat-deflect %v: want a share in [0,1) such as 0.25", cs.Deflect))
	}
	opt.Channels = map[staffing.Channel]staffing.ChannelSettings{staffing.Chat: cs}
	if spec := c.String("chat-hours"); spec != "" {
		h, err := staffing.ParseOpeningHours(spec)
		if err != nil {
			return usageError(fmt.Errorf("--chat-hours: %w", err))
		}
		opt.ChatHours = &h
	}
	if spec := c.String("teams"); spec != "" {
		teams, err := staffing.ParseTeams(spec)
		if err != nil {
			return usageError(fmt.Errorf("--teams: %w", err))
		}
		in := map[staffing.Channel]bool{}
		for _, t := range teams {
			for _, ch := range t.Channels {
				if ch != staffing.Phone && ch != staffing.Chat {
					return usageError(fmt.Errorf("--teams %s: team %q names %v; plan staffs phone and chat", spec, t.Name, ch))
				}
				in[ch] = true
			}
		}
		if !in[staffing.Phone] || !in[staffing.Chat] {
			return usageError(fmt.Errorf("--teams %s: put phone and chat each in a team, e.g. phone+chat or phone,chat", spec))
		}
		opt.Teams = teams
	}
	return nil
}
