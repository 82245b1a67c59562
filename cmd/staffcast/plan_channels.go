package main

import (
	"cmp"
	"errors"
	"fmt"
	"strings"

	"github.com/staffcast/staffcast/plan"
	"github.com/staffcast/staffcast/staffing"
	"github.com/urfave/cli/v2"
)

// planChannelFlags are plan's flags for chat and email beside the phone
// and for teams (issue 12's "one plan").
func planChannelFlags() []cli.Flag {
	return []cli.Flag{
		&cli.BoolFlag{Name: "channels", Usage: "staff every channel in the data (calls, chats, emails) each in its own hours, with the defaults below; any flag below does the same"},
		&cli.StringFlag{Name: "chat-hours", Usage: `chat's opening hours, e.g. "Mon-Sun 08:00-22:00"; default: the recommended phone hours`},
		&cli.DurationFlag{Name: "chat-aht", DefaultText: "--aht", Usage: "handling time of a chat handled alone"},
		&cli.StringFlag{Name: "chat-target", Usage: "chat service level, PERCENT/SECONDS; default --target"},
		&cli.IntFlag{Name: "chats", Value: 1, Usage: "chats one agent handles at once"},
		&cli.Float64Flag{Name: "chat-deflect", Usage: "share of chats a chatbot resolves, in [0,1)"},
		&cli.StringFlag{Name: "email-hours", Usage: `hours emails are worked in, e.g. "Mon-Sat 08:00-20:00"; default: the recommended phone hours`},
		&cli.DurationFlag{Name: "email-within", Value: plan.DefaultEmailPromise.Within, Usage: "email promise: answered within this much open time (under 2 intervals: an Erlang C queue; longer: the backlog model)"},
		&cli.Float64Flag{Name: "email-share", Value: plan.DefaultEmailPromise.Share, Usage: "email promise: share answered within --email-within, in (0,1]"},
		&cli.DurationFlag{Name: "email-aht", DefaultText: "--aht", Usage: "handling time of an email"},
		&cli.Float64Flag{Name: "email-deflect", Usage: "share of emails self-service resolves, in [0,1)"},
		&cli.StringFlag{Name: "teams", Usage: "compare blended and dedicated teams, e.g. phone+chat+email or phone,chat+email"},
	}
}

// channelFlags lists, per channel, plan's flags that set it up.
var channelFlags = map[staffing.Channel][]string{
	staffing.Chat:  {"chat-hours", "chat-aht", "chat-target", "chats", "chat-deflect"},
	staffing.Email: {"email-hours", "email-within", "email-share", "email-aht", "email-deflect"},
}

// planChannelOptions reads those flags into opt.
func planChannelOptions(c *cli.Context, opt *plan.Options) error {
	if !c.Bool("channels") && !c.IsSet("teams") && !flagsSet(c, staffing.Chat) && !flagsSet(c, staffing.Email) {
		return nil
	}
	opt.Channels = map[staffing.Channel]staffing.ChannelSettings{}
	var cs staffing.ChannelSettings
	if c.IsSet("chat-aht") {
		if cs.AHT = c.Duration("chat-aht"); cs.AHT <= 0 {
			return usageError(fmt.Errorf("--chat-aht %v: want a positive handling time such as 6m", cs.AHT))
		}
	}
	if c.IsSet("chat-target") {
		p, err := staffing.ParseTarget(c.String("chat-target"))
		if err != nil {
			return usageError(fmt.Errorf("--chat-target: %w", err))
		}
		t := opt.Settings.Target // the voice ceilings, with chat's own service level
		t.ServiceLevel, t.AnswerWithin = p.ServiceLevel, p.AnswerWithin
		cs.Target = &t
	}
	if n := c.Int("chats"); n < 1 {
		return usageError(fmt.Errorf("--chats %d: want the chats one agent handles at once, 1 or more", n))
	}
	cs.Chat.Chats = c.Int("chats")
	if cs.Deflect = c.Float64("chat-deflect"); !(cs.Deflect >= 0 && cs.Deflect < 1) {
		return usageError(fmt.Errorf("--chat-deflect %v: want a share in [0,1) such as 0.25", cs.Deflect))
	}
	if flagsSet(c, staffing.Chat) {
		opt.Channels[staffing.Chat] = cs
	}
	var es staffing.ChannelSettings
	es.Promise = staffing.Promise{Share: c.Float64("email-share"), Within: c.Duration("email-within")}
	if err := es.Promise.Validate(); err != nil {
		return usageError(fmt.Errorf("--email-share %v, --email-within %v: %w", es.Promise.Share, es.Promise.Within, err))
	}
	if c.IsSet("email-aht") {
		if es.AHT = c.Duration("email-aht"); es.AHT <= 0 {
			return usageError(fmt.Errorf("--email-aht %v: want a positive handling time such as 4m", es.AHT))
		}
	}
	if aht := cmp.Or(es.AHT, opt.Settings.AHT); flagsSet(c, staffing.Email) && aht > es.Promise.Within {
		return usageError(fmt.Errorf("--email-within %v: shorter than the handling time of an email (%v, --email-aht or --aht), so no email can meet it", es.Promise.Within, aht))
	}
	if es.Deflect = c.Float64("email-deflect"); !(es.Deflect >= 0 && es.Deflect < 1) {
		return usageError(fmt.Errorf("--email-deflect %v: want a share in [0,1) such as 0.1", es.Deflect))
	}
	if flagsSet(c, staffing.Email) {
		opt.Channels[staffing.Email] = es
	}
	for flag, dst := range map[string]**staffing.OpeningHours{"chat-hours": &opt.ChatHours, "email-hours": &opt.EmailHours} {
		if spec := c.String(flag); spec != "" {
			h, err := staffing.ParseOpeningHours(spec)
			if err != nil {
				return usageError(fmt.Errorf("--%s: %w", flag, err))
			}
			*dst = &h
		}
	}
	if spec := c.String("teams"); spec != "" {
		teams, err := staffing.ParseTeams(spec)
		if err != nil {
			return usageError(fmt.Errorf("--teams: %w", err))
		}
		for _, t := range teams {
			for _, ch := range t.Channels {
				if ch == staffing.Callback {
					return usageError(fmt.Errorf("--teams %s: team %q names callback; plan staffs phone, chat and email", spec, t.Name))
				}
			}
		}
		opt.Teams = teams
	}
	return nil
}

// flagsSet says whether any flag of channel ch is set.
func flagsSet(c *cli.Context, ch staffing.Channel) bool {
	for _, n := range channelFlags[ch] {
		if c.IsSet(n) {
			return true
		}
	}
	return false
}

// planChannelError names the flags behind a channel the data lack or a
// team naming a channel the plan does not staff; other errors are the
// input's.
func planChannelError(c *cli.Context, err error) error {
	var de *plan.ChannelDataError
	if errors.As(err, &de) {
		var set []string
		for _, n := range channelFlags[de.Channel] {
			if c.IsSet(n) {
				set = append(set, "--"+n)
			}
		}
		return usageError(fmt.Errorf("%s: %w; drop %s, or pass data with a column %q", strings.Join(set, ", "), err, strings.Join(set, " and "), de.Column))
	}
	var te *plan.TeamChannelError
	if errors.As(err, &te) {
		return usageError(fmt.Errorf("--teams %s: %w", c.String("teams"), err))
	}
	return inputError(err)
}
