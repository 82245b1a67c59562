package staffing

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Channels lists every channel, in the order plans report them.
var Channels = []Channel{Phone, Chat, Email, Callback}

// ChannelSettings are one channel's own parameters. Zero fields take the
// plan-wide value from Settings, so a plan that sets nothing per channel
// behaves as one with a single AHT, target and promise.
type ChannelSettings struct {
	AHT      time.Duration // handling time of rows that carry none; 0 means Settings.AHT
	Target   *Target       // phone and chat; nil means Settings.Target
	Patience time.Duration // phone and chat; 0 means Settings.Patience
	Chat     Concurrency   // chat; the zero value means Settings.Chat
	Promise  Promise       // email and callbacks; the zero value means Settings.Promise
	// Deflect is the share of contacts a chatbot or self-service page
	// resolves before they reach an agent, in [0,1). Row.Deflect
	// overrides it row by row.
	Deflect float64
	// Slot makes callbacks booked: the customer picks a slot of this
	// length, so the work arrives at a known time and is done in it.
	// 0 means callbacks are deferred work with a Promise.
	Slot time.Duration
	// Prep is the preparation per booked callback (reading the order
	// before ringing), added to its handling time.
	Prep time.Duration
	// Open says when the channel is staffed: phone and chat rows outside
	// it need no agents (the chatbot, open round the clock, takes closed
	// hours' chats); email and callbacks wait for the next opening. nil
	// means Settings.Open for email and callbacks and always for phone and chat.
	Open func(t time.Time) bool
}

// Channel returns the settings of ch with the plan-wide defaults filled
// in: what Plan applies to ch's rows.
func (s Settings) Channel(ch Channel) ChannelSettings {
	var c ChannelSettings
	if s.Channels != nil {
		c = s.Channels[ch]
	}
	if c.AHT == 0 {
		c.AHT = s.AHT
	}
	if c.Target == nil {
		t := s.Target
		c.Target = &t
	}
	if c.Patience == 0 {
		c.Patience = s.Patience
	}
	if c.Chat == (Concurrency{}) {
		c.Chat = s.Chat
	}
	if c.Promise == (Promise{}) {
		c.Promise = s.Promise
	}
	if c.Open == nil && (ch == Email || ch == Callback) {
		c.Open = s.Open
	}
	return c
}

// basic reports the problems with c that do not depend on the channel.
func (c ChannelSettings) basic() []error {
	var errs []error
	if c.AHT < 0 {
		errs = append(errs, fmt.Errorf("staffing: ChannelSettings.AHT = %v: want a positive handling time", c.AHT))
	}
	if !(c.Deflect >= 0 && c.Deflect < 1) {
		errs = append(errs, fmt.Errorf("staffing: ChannelSettings.Deflect = %v: want a share in [0,1)", c.Deflect))
	}
	if c.Prep < 0 || c.Slot < 0 {
		errs = append(errs, fmt.Errorf("staffing: ChannelSettings.Slot = %v, Prep = %v: want durations >= 0", c.Slot, c.Prep))
	}
	return errs
}

// validate reports every problem with the settings of channel ch, naming
// the channel; Plan calls it for the channels its rows have.
func (c ChannelSettings) validate(ch Channel, interval time.Duration) error {
	var errs []error
	add := func(err error) {
		if err != nil {
			errs = append(errs, fmt.Errorf("%v: %w", ch, err))
		}
	}
	for _, err := range c.basic() {
		add(err)
	}
	switch ch {
	case Phone:
		add(c.Target.Validate())
	case Chat:
		add(errors.Join(c.Target.Validate(), c.Chat.Validate()))
	case Email, Callback:
		if ch == Callback && c.Slot > 0 {
			if c.AHT > 0 && c.Slot < c.AHT+c.Prep {
				add(fmt.Errorf("staffing: ChannelSettings.Slot = %v: shorter than the handling time %v plus preparation %v of one callback", c.Slot, c.AHT, c.Prep))
			}
			if interval > 0 && (c.Slot > interval || interval%c.Slot != 0) {
				add(fmt.Errorf("staffing: ChannelSettings.Slot = %v: want a slot that divides the interval %v", c.Slot, interval))
			}
			break
		}
		if err := c.Promise.Validate(); err != nil {
			add(err)
		} else if c.AHT > 0 && c.Promise.Within < c.AHT {
			add(fmt.Errorf("staffing: Promise.Within = %v: shorter than the handling time %v, so no item can meet it", c.Promise.Within, c.AHT))
		}
	}
	return errors.Join(errs...)
}

// Queued reports whether deferred work with promise p, in intervals of
// length step, is staffed as a queue (Erlang C with the promise as the
// answer time) rather than by the deadline-spread backlog model.
//
// The switch lies at twice the interval. The backlog model is a fluid
// model: it staffs each interval at the average work it is given and lets
// the promise window absorb the randomness of arrivals and handling
// times. With a window of one interval it staffs exactly the offered
// load, a/n = 1, an unstable queue: 30 emails an hour of 4 minutes with a
// 10-minute promise get 2 agents, and simulated, a third of the emails
// are late. From two intervals on, the window holds enough slack that
// the backlog model meets its promise in simulation, while a queue
// model, blind to the window reaching into later intervals and past
// closing time, would over-staff (TestEmailSwitchAgainstSimulation).
//
// The backlog model's limit, on either side of the switch: it has no
// slack where the work sits exactly on a whole number of agents for many
// intervals on end with no trough to drain in. Simulated, 30 emails an
// hour of 4 minutes (2 E on 2 agents) round the clock for 200 hours meet
// a 2-hour promise for only 32-100% of the items depending on the seed.
// Daily swings and closed nights, as shops have, give it the slack.
func Queued(p Promise, step time.Duration) bool {
	return p.Within < 2*step
}

// Team is a group of agents that works a set of channels together.
type Team struct {
	Name     string
	Channels []Channel
}

// ParseTeams reads teams written as "phone,chat+email": teams separated
// by commas, the channels a team works joined by "+". A channel may be in
// one team only.
func ParseTeams(s string) ([]Team, error) {
	var teams []Team
	seen := map[Channel]bool{}
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			return nil, fmt.Errorf("staffing: teams %q: empty team; want channels joined by + and teams separated by commas, such as phone,chat+email", s)
		}
		var t Team
		for _, name := range strings.Split(part, "+") {
			ch, err := ParseChannel(name)
			if err != nil {
				return nil, fmt.Errorf("staffing: teams %q: unknown channel %q in team %q: want phone, chat, email or callback", s, strings.TrimSpace(name), part)
			}
			if seen[ch] {
				return nil, fmt.Errorf("staffing: teams %q: %v is in two teams", s, ch)
			}
			seen[ch] = true
			t.Channels = append(t.Channels, ch)
		}
		t.Name = part
		teams = append(teams, t)
	}
	return teams, nil
}

// TeamNeed is the staffing of one team in one interval.
type TeamNeed struct {
	Start time.Time
	Team  string
	// Agents is the team's requirement: its channels' fractional
	// requirements summed and rounded up once, because a blended agent
	// takes whichever contact comes next and the idle time one channel's
	// rounding leaves is worked by another.
	Agents int
	// Dedicated is what the same channels need as teams of their own:
	// each channel's whole agents summed.
	Dedicated  int
	Fractional float64
}

// TeamNeeds groups the needs of a plan by interval and team. Channels in
// no team are left out.
//
// The pooled requirement is an approximation: it is exact for deferred
// work, which fills idle time, and slightly optimistic for two queues
// pooled (a blended team meets each queue's target with fewer agents
// than the two dedicated teams, but not always with the sum of their
// fractional requirements); use it to compare blended and dedicated
// teams, not to staff a blended phone+chat queue to the second.
func TeamNeeds(needs []Need, teams []Team) []TeamNeed {
	t := NewTeamTotals(teams)
	t.Add(needs)
	return t.Needs()
}

// TeamTotals accumulates TeamNeeds over needs that come a chunk at a
// time; it keeps one TeamNeed per interval and team.
type TeamTotals struct {
	teams []Team
	team  map[Channel]int
	at    map[teamKey]int
	out   []TeamNeed
}

type teamKey struct {
	start int64 // Unix nanoseconds: one key per instant, whatever its zone
	team  int
}

// NewTeamTotals returns empty totals for teams.
func NewTeamTotals(teams []Team) *TeamTotals {
	t := &TeamTotals{teams: teams, team: map[Channel]int{}, at: map[teamKey]int{}}
	for k, tm := range teams {
		for _, ch := range tm.Channels {
			t.team[ch] = k
		}
	}
	return t
}

// Add adds needs.
func (t *TeamTotals) Add(needs []Need) {
	for _, n := range needs {
		k, ok := t.team[n.Channel]
		if !ok {
			continue
		}
		key := teamKey{n.Start.UnixNano(), k}
		i, seen := t.at[key]
		if !seen {
			i = len(t.out)
			t.at[key] = i
			t.out = append(t.out, TeamNeed{Start: n.Start, Team: t.teams[k].Name})
		}
		t.out[i].Fractional += n.Fractional
		t.out[i].Dedicated += n.Agents
	}
}

// Needs returns the TeamNeed of every interval and team, in the order
// they were first seen.
func (t *TeamTotals) Needs() []TeamNeed {
	out := slices.Clone(t.out)
	for i := range out {
		out[i].Agents = int(math.Ceil(out[i].Fractional - 1e-9))
	}
	return out
}

// TeamHours totals a team's needs over a plan.
type TeamHours struct {
	Team string
	// Blended is the team's agent-hours with its channels pooled, each
	// interval rounded up once; Dedicated those of a team per channel.
	Blended, Dedicated float64
}

// Hours totals each team's agent-hours, intervals of length step.
func (t *TeamTotals) Hours(step time.Duration) []TeamHours {
	out := make([]TeamHours, len(t.teams))
	idx := map[string]int{}
	for k, tm := range t.teams {
		out[k].Team = tm.Name
		idx[tm.Name] = k
	}
	for _, n := range t.Needs() {
		h := &out[idx[n.Team]]
		h.Blended += float64(n.Agents) * step.Hours()
		h.Dedicated += float64(n.Dedicated) * step.Hours()
	}
	return out
}

// ParseShares reads per-channel shares such as "chat=0.25,email=0.1"
// (the deflection flag).
func ParseShares(s string) (map[Channel]float64, error) {
	out := map[Channel]float64{}
	for _, part := range strings.Split(s, ",") {
		name, val, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return nil, fmt.Errorf("staffing: %q: want CHANNEL=SHARE pairs such as chat=0.25,email=0.1", part)
		}
		ch, err := ParseChannel(name)
		if err != nil {
			return nil, err
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
		if err != nil || !(v >= 0 && v < 1) {
			return nil, fmt.Errorf("staffing: %s=%s: want a share in [0,1) such as 0.25", name, val)
		}
		if _, dup := out[ch]; dup {
			return nil, fmt.Errorf("staffing: %v is given twice", ch)
		}
		out[ch] = v
	}
	return out, nil
}

// CheckChannel reports what is wrong with the settings channel ch takes
// from s (its own, or the plan-wide ones): a promise shorter than the
// handling time, a callback slot that cannot hold one callback. Plan
// makes the same check for the channels its rows have.
func CheckChannel(s Settings, ch Channel) error {
	return s.Channel(ch).validate(ch, s.Interval)
}
