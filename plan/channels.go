package plan

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/staffcast/staffcast/forecast"
	"github.com/staffcast/staffcast/staffing"
	"github.com/staffcast/staffcast/staffing/hours"
)

// DefaultEmailPromise is the email promise when Options.Channels sets
// none: 90% answered within 30 minutes of open time, the long end of
// the 10-30 minutes the shops we build for promise.
var DefaultEmailPromise = staffing.Promise{Share: 0.9, Within: 30 * time.Minute}

// ChannelPlan is the whole contact centre on the recommended phone hours:
// phone, chat and email staffed each by its own settings and hours, over
// the first week of the planned demand (Options.Channels, Options.Teams).
type ChannelPlan struct {
	// From and To span the week staffed.
	From, To time.Time
	// Channels totals each channel's week: agent-hours, service, and for
	// chat the chats that arrive while it is closed (the chatbot's) and
	// what deflection saves. Phone's scheduled agents are at least
	// Settings.MinAgents while open, as in Result.Requirements.
	Channels []staffing.ChannelSummary
	// Hours are the hours each channel is staffed in, in the order of
	// Channels; email's Within is its promise.
	Hours []staffing.ChannelHours
	// EmailPromise is email's promise (zero without email).
	EmailPromise staffing.Promise
	// Quotes is "what we can promise, by hour" for email: per weekday and
	// hour of the week staffed, the answer time to quote (p50, p90), and
	// whether the staffing keeps the promise then.
	Quotes []Quote
	// Budget is the one budget, per week, of the period the week lies in
	// (Period): it covers every channel staffed (and callbacks). Costs is
	// what each takes of it in a mean week of that period under the
	// recommended hours (phone first, then callbacks, chat, email), the
	// phone's hours chosen within what the others leave (PeriodResult.Others);
	// PhoneHours is the phone's part. Scheduled is the scheduled
	// agent-hours of every channel in the week staffed, which is one week
	// and not the period's mean.
	Period                        string
	Budget, PhoneHours, Scheduled float64
	Costs                         []ChannelCost
	// Today is Scheduled had the phone kept today's hours (Options.Current),
	// chat and email in theirs or in today's phone hours.
	Today float64
	// Teams compares, per team, its channels pooled (blended agents)
	// with a team per channel, in agent-hours per week.
	Teams []staffing.TeamHours
	// Published is the hours to publish: phone as recommended, chat and
	// email as staffed, email with its promise.
	Published string
}

// Total is the cost of every channel in a mean week of the budget's
// period (the sum of Costs; premium-weighted when premiums are set).
func (cp *ChannelPlan) Total() float64 {
	_, c := sumCost(cp.Costs)
	return c
}

// Over is the mean week's cost of every channel beyond the budget (<= 0:
// within it); positive only when the phone's hours could not be fitted
// within MaxBudgetPasses passes.
func (cp *ChannelPlan) Over() float64 { return cp.Total() - cp.Budget }

// Quote is what can be promised to an email arriving in one hour of one
// weekday.
type Quote struct {
	staffing.HourQuote
	// Kept says whether the staffing keeps the promise, in open time, for
	// an email arriving then: for a queued promise the quote at its share
	// (p90 for 90%, p50 for 50%) within it; for the backlog model its
	// spread (ChannelSummary.OpenQuote). An email arriving while closed
	// is quoted, wall-clock, to the next opening plus the backlog, and
	// Kept says whether it is answered within the promise of open time
	// after the opening (ChannelSummary.ClosedQuote).
	Kept bool
}

// ChannelDataError is a channel set up in Options whose column the
// history lacks.
type ChannelDataError struct {
	Channel staffing.Channel
	Column  string
	Have    string // the history's columns
}

func (e *ChannelDataError) Error() string {
	return fmt.Sprintf("plan: settings for %v, but the history has no %q column (it has %s)", e.Channel, e.Column, e.Have)
}

// TeamChannelError is a team naming a channel the plan does not staff.
type TeamChannelError struct {
	Team    string
	Channel staffing.Channel
	Staffed []staffing.Channel
}

func (e *TeamChannelError) Error() string {
	return fmt.Sprintf("plan: team %q names %v, which the plan does not staff (it staffs %v)", e.Team, e.Channel, e.Staffed)
}

// channelsWanted says whether Options ask for the channel plan.
func (o *Options) channelsWanted() bool {
	return o.Channels != nil || o.ChatHours != nil || o.EmailHours != nil || o.Teams != nil
}

// emailVolumes returns the emails of the first week of the planned
// demand d, or nil when the history has no emails column: the history's
// own with FromHistory, forecast as the other columns are with
// FromForecast.
func emailVolumes(opt *Options, d hours.Demand, week int) ([]float64, error) {
	h := opt.History
	col := opt.EmailColumn
	if col == "" {
		col = "emails"
	}
	y := h.Column(col)
	if y == nil {
		return nil, nil
	}
	if opt.From == FromHistory {
		if len(y) < len(d.Start) {
			return nil, errors.New("plan: the emails column is shorter than the demand")
		}
		return y[len(y)-len(d.Start):][:week], nil
	}
	res, err := forecast.Forecast(h.Start, y, h.Step, time.Duration(week)*h.Step, opt.Forecast)
	if err != nil {
		return nil, fmt.Errorf("forecasting %s: %w", col, err)
	}
	if len(res.Point) < week || !res.Start[0].Equal(d.Start[0]) {
		return nil, fmt.Errorf("plan: the %s forecast does not line up with the demand", col)
	}
	out := make([]float64, week)
	for i := range out {
		out[i] = math.Max(0, res.Point[i])
	}
	return out, nil
}

// newChannelSet checks the channels Options set up against the planned
// demand d and returns their settings and volumes (emails forecast or
// taken from the history over the whole of d).
func newChannelSet(opt *Options, d hours.Demand) (*channelSet, error) {
	emails, err := emailVolumes(opt, d, len(d.Start))
	if err != nil {
		return nil, err
	}
	// Every channel set up must be in the data.
	has := map[staffing.Channel]bool{staffing.Phone: true, staffing.Chat: d.Chats != nil, staffing.Email: emails != nil}
	missing := func(ch staffing.Channel) error {
		col := map[staffing.Channel]string{staffing.Chat: opt.Columns.Chats, staffing.Email: opt.EmailColumn}[ch]
		if col == "" {
			col = map[staffing.Channel]string{staffing.Chat: "chats", staffing.Email: "emails"}[ch]
		}
		return &ChannelDataError{Channel: ch, Column: col, Have: columnNames(opt.History)}
	}
	for ch := range opt.Channels {
		if !has[ch] {
			return nil, missing(ch)
		}
	}
	if opt.ChatHours != nil && !has[staffing.Chat] {
		return nil, missing(staffing.Chat)
	}
	if opt.EmailHours != nil && !has[staffing.Email] {
		return nil, missing(staffing.Email)
	}
	var staffed []staffing.Channel
	for _, ch := range staffing.Channels {
		if has[ch] {
			staffed = append(staffed, ch)
		}
	}
	for _, t := range opt.Teams {
		for _, ch := range t.Channels {
			if !has[ch] {
				return nil, &TeamChannelError{Team: t.Name, Channel: ch, Staffed: staffed}
			}
		}
	}
	// settings staffs every channel in its hours, with phoneOpen the
	// phone's and the default of chat's and email's.
	settings := func(phoneOpen func(time.Time) bool) staffing.Settings {
		s := opt.Settings
		st := staffing.Settings{
			Interval: d.Step, AHT: s.AHT, Target: s.Target, Patience: s.Patience, Shrinkage: s.Shrinkage,
			Channels: map[staffing.Channel]staffing.ChannelSettings{},
		}
		for ch, cs := range opt.Channels {
			st.Channels[ch] = cs
		}
		set := func(ch staffing.Channel, h *staffing.OpeningHours) {
			c := st.Channels[ch]
			c.Open = phoneOpen
			if h != nil {
				c.Open = h.Contains
			}
			if ch == staffing.Email && c.Promise == (staffing.Promise{}) {
				c.Promise = DefaultEmailPromise
			}
			st.Channels[ch] = c
		}
		set(staffing.Phone, nil)
		set(staffing.Chat, opt.ChatHours)
		set(staffing.Email, opt.EmailHours)
		return st
	}
	if err := staffing.CheckChannel(settings(func(time.Time) bool { return true }), staffing.Email); has[staffing.Email] && err != nil {
		return nil, err
	}
	return &channelSet{settings: settings, d: d, emails: emails}, nil
}

// has says which channels the plan staffs.
func (c *channelSet) has() map[staffing.Channel]bool {
	return map[staffing.Channel]bool{staffing.Phone: true, staffing.Chat: c.d.Chats != nil, staffing.Email: c.emails != nil}
}

// covers names the channels inside the one budget.
func (c *channelSet) covers(opt *Options) string {
	s := "phone"
	if opt.Callbacks > 0 {
		s += ", callbacks"
	}
	has := c.has()
	for _, ch := range []staffing.Channel{staffing.Chat, staffing.Email} {
		if has[ch] {
			s += ", " + ch.String()
		}
	}
	return s
}

// planChannels staffs phone, chat and email over the first week of the
// planned demand: phone in the recommended hours of each period with the
// phone settings, chat by Options.Channels[Chat] in Options.ChatHours,
// email by Options.Channels[Email] (its promise DefaultEmailPromise
// unless set) worked in Options.EmailHours; chat's and email's hours
// default to the recommended phone hours. It adds the chat and email
// rows to reqs.
func planChannels(opt *Options, cs *channelSet, prs []PeriodResult, periods []Period, d hours.Demand, cc *hours.ClosedCalls, reqs []Requirement) (*ChannelPlan, []Requirement, error) {
	if len(d.Start) == 0 {
		return nil, reqs, nil
	}
	// The period t is in, and its recommended phone hours.
	periodOf := func(t time.Time) *PeriodResult {
		for _, p := range periods {
			if !p.In(t) {
				continue
			}
			for j := range prs {
				if prs[j].Name == p.Name {
					return &prs[j]
				}
			}
		}
		return nil
	}
	phoneOpen := func(t time.Time) bool {
		pr := periodOf(t)
		return pr != nil && pr.Plan.Hours().Contains(t)
	}
	end := d.Start[0].AddDate(0, 0, 7)
	week := 0
	for week < len(d.Start) && d.Start[week].Before(end) {
		week++
	}
	var emails []float64
	if cs.emails != nil {
		emails = cs.emails[:week]
	}
	has := cs.has()
	settings := cs.settings
	st := settings(phoneOpen)
	// scheduled are the scheduled agent-hours of needs, the phone's never
	// under MinAgents while open, as in the requirements.
	minAgents := max(1, opt.Settings.MinAgents)
	scheduled := func(needs []staffing.Need) float64 {
		sum := 0.0
		for i, n := range needs {
			if n.Channel == staffing.Phone && !n.Closed {
				needs[i].Scheduled = max(n.Scheduled, minAgents)
			}
			sum += float64(needs[i].Scheduled) * d.Step.Hours()
		}
		return sum
	}

	var rows []staffing.Row
	for i := 0; i < week; i++ {
		t := d.Start[i]
		rows = append(rows, staffing.Row{Start: t, Volume: math.Max(0, cc.Central[i]), Channel: staffing.Phone})
		if d.Chats != nil && !math.IsNaN(d.Chats[i]) {
			rows = append(rows, staffing.Row{Start: t, Volume: math.Max(0, d.Chats[i]), Channel: staffing.Chat})
		}
		if emails != nil && !math.IsNaN(emails[i]) {
			rows = append(rows, staffing.Row{Start: t, Volume: math.Max(0, emails[i]), Channel: staffing.Email})
		}
	}
	needs, err := staffing.Plan(rows, st)
	if err != nil {
		return nil, reqs, err
	}
	out := &ChannelPlan{From: d.Start[0], To: end, Scheduled: scheduled(needs)}
	out.Channels = staffing.Summarize(needs, st)
	for _, n := range needs {
		if n.Channel != staffing.Phone && !n.Closed {
			reqs = append(reqs, Requirement{Start: n.Start, Channel: n.Channel.String(), Volume: n.Offered - n.Deflected, Agents: n.Agents, ScheduledAgents: n.Scheduled})
		}
	}
	sort.SliceStable(reqs, func(i, j int) bool { return reqs[i].Start.Before(reqs[j].Start) })
	// The same week in today's hours, for the one budget.
	today, err := staffing.Plan(rows, settings(opt.Current.Contains))
	if err != nil {
		return nil, reqs, fmt.Errorf("plan: staffing today's hours: %w", err)
	}
	out.Today = scheduled(today)
	if pr := periodOf(d.Start[0]); pr != nil {
		out.Period, out.Budget, out.PhoneHours = pr.Name, pr.Budget, pr.Plan.AgentHours
		out.Costs = append(out.Costs, ChannelCost{Channel: staffing.Phone, AgentHours: pr.Plan.AgentHours, Cost: pr.Plan.Cost})
		if pr.CallbackHours > 0 {
			// callbackCost prices callbacks (premium-weighted when
			// premiums are set); their agent-hours are not kept apart.
			out.Costs = append(out.Costs, ChannelCost{Channel: staffing.Callback, AgentHours: pr.CallbackHours, Cost: pr.CallbackHours})
		}
		out.Costs = append(out.Costs, pr.Others...)
		ph := pr.Plan.Hours()
		out.Hours = append(out.Hours, staffing.ChannelHours{Channel: staffing.Phone, Hours: ph})
		hoursOf := func(h *staffing.OpeningHours) staffing.OpeningHours {
			if h != nil {
				return *h
			}
			return ph
		}
		if has[staffing.Chat] {
			out.Hours = append(out.Hours, staffing.ChannelHours{Channel: staffing.Chat, Hours: hoursOf(opt.ChatHours)})
		}
		if has[staffing.Email] {
			p := st.Channels[staffing.Email].Promise
			out.EmailPromise = p
			out.Hours = append(out.Hours, staffing.ChannelHours{Channel: staffing.Email, Hours: hoursOf(opt.EmailHours), Within: p.Within})
		}
		out.Published = staffing.PublishedHours(out.Hours)
	}
	if p := out.EmailPromise; p.Within > 0 {
		var sum staffing.ChannelSummary
		for _, c := range out.Channels {
			if c.Channel == staffing.Email {
				sum = c
			}
		}
		within := (p.Within + time.Second).Seconds()
		queued := staffing.Queued(p, d.Step)
		for _, q := range staffing.QuoteTable(needs) {
			if q.Channel != staffing.Email {
				continue
			}
			var at float64 // the answer time at the promise's share, in open time
			switch {
			case !q.Open:
				at = sum.ClosedQuote // from the opening
			case !queued:
				at = sum.OpenQuote // the backlog model's spread, the same every interval
			case p.Share < 0.9:
				at = q.P50
			default:
				at = q.P90
			}
			out.Quotes = append(out.Quotes, Quote{HourQuote: q, Kept: at <= within})
		}
	}
	if opt.Teams != nil {
		tt := staffing.NewTeamTotals(opt.Teams)
		tt.Add(needs)
		out.Teams = tt.Hours(d.Step)
	}
	return out, reqs, nil
}
