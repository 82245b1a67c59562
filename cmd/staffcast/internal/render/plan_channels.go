package render

import (
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/staffcast/staffcast/cmd/staffcast/internal/texttab"
	"github.com/staffcast/staffcast/plan"
	"github.com/staffcast/staffcast/staffing"
)

// quoteText writes an answer time to quote, rounded up: "12m", "1h05".
func quoteText(sec float64) string {
	m := int(math.Ceil(sec/60 - 1e-9))
	if m < 60 {
		return fmt.Sprintf("%dm", m)
	}
	return fmt.Sprintf("%dh%02d", m/60, m%60)
}

// serviceText is a channel's service over the week, in words.
func serviceText(x staffing.ChannelSummary, cp *plan.ChannelPlan, opt plan.Options) string {
	sl := ""
	if x.OpenHandled > 0 {
		sl = pct(x.Answered / x.OpenHandled)
	}
	switch x.Channel {
	case staffing.Phone, staffing.Chat:
		t := opt.Settings.Target
		if cs, ok := opt.Channels[x.Channel]; ok && cs.Target != nil {
			t = *cs.Target
		}
		s := fmt.Sprintf("%s within %v", sl, t.AnswerWithin)
		if x.Channel == staffing.Chat && x.ClosedOffered > 0 {
			s += fmt.Sprintf("; %.0f while closed (bot)", x.ClosedOffered)
		}
		return s
	case staffing.Email:
		p := cp.EmailPromise
		s := fmt.Sprintf("promise %.0f%% in %s: ", 100*p.Share, quoteText(p.Within.Seconds()))
		if sl != "" {
			s += sl + " in it, "
		}
		return s + fmt.Sprintf("%.0f%% in %s at worst; closed: %.0f%% in %s of opening", 100*p.Share, quoteText(x.OpenQuote), 100*p.Share, quoteText(x.ClosedQuote))
	}
	return sl
}

// planChannelsText writes the channels section of plan's table output.
func planChannelsText(w io.Writer, res *plan.Result, opt plan.Options) error {
	cp := res.Channels
	if cp == nil {
		return nil
	}
	fmt.Fprintf(w, "\nChannels, first planned week (%s to %s), each in its own hours; agent_hours = the fractional requirement, scheduled = whole agents after shrinkage (phone at least --min-agents):\n",
		cp.From.Format("2006-01-02"), cp.To.AddDate(0, 0, -1).Format("2006-01-02"))
	header := []string{"channel", "hours", "offered", "deflected", "handled", "agent_hours", "scheduled", "service"}
	var rows [][]string
	for i, x := range cp.Channels {
		h := ""
		if i < len(cp.Hours) {
			h = publishedWeekText(cp.Hours[i].Hours)
		}
		rows = append(rows, []string{x.Channel.String(), h, fmt.Sprintf("%.0f", x.Offered), fmt.Sprintf("%.0f", x.Deflected), fmt.Sprintf("%.0f", x.Offered-x.Deflected),
			fmt.Sprintf("%.1f", x.AgentHours), fmt.Sprintf("%.0f", x.ScheduledHours), serviceText(x, cp, opt)})
	}
	t := staffing.Total(cp.Channels)
	rows = append(rows, []string{"total", "", fmt.Sprintf("%.0f", t.Offered), fmt.Sprintf("%.0f", t.Deflected), fmt.Sprintf("%.0f", t.Offered-t.Deflected), fmt.Sprintf("%.1f", t.AgentHours), fmt.Sprintf("%.0f", cp.Scheduled), ""})
	if err := texttab.Write(w, header, rows); err != nil {
		return err
	}
	fmt.Fprintln(w, budgetText(cp))
	for _, x := range cp.Channels {
		if x.Deflected > 0 {
			by := map[staffing.Channel]string{staffing.Chat: "the chatbot"}[x.Channel]
			if by == "" {
				by = "self-service"
			}
			fmt.Fprintf(w, "%v: %s resolves %.0f of %.0f contacts (%s) and saves %.1f agent-hours of requirement\n", x.Channel, by, x.Deflected, x.Offered, pct(shareOf(x.Deflected, x.Offered)), x.SavedHours)
		}
		if x.Channel == staffing.Chat && x.ClosedOffered > 0 {
			fmt.Fprintf(w, "chat: %.0f chats (%s of the week's) arrive while chat is closed; a chatbot, open round the clock, meets them", x.ClosedOffered, pct(shareOf(x.ClosedOffered, x.Offered)))
			if x.ClosedDeflected > 0 {
				fmt.Fprintf(w, " and resolves %.0f", x.ClosedDeflected)
			} else {
				fmt.Fprint(w, " (--chat-deflect sets the share it resolves)")
			}
			fmt.Fprintln(w)
		}
	}
	for _, t := range cp.Teams {
		fmt.Fprintf(w, "team %s: %.0f agent-hours a week blended, %.0f as a team per channel\n", t.Team, t.Blended, t.Dedicated)
	}
	if len(cp.Quotes) > 0 {
		p := cp.EmailPromise
		fmt.Fprintf(w, "\nWhat we can promise, by hour (email): p50/p90 wait, wall-clock, until an agent takes up an email arriving in that hour, to quote in the confirmation;\n")
		fmt.Fprintf(w, "promise %.0f%% within %s of open time; * = not kept; (in brackets) = closed, quoted to the next opening plus the backlog:\n", 100*p.Share, quoteText(p.Within.Seconds()))
		header := []string{"hour"}
		for _, d := range weekOrder {
			header = append(header, d.String()[:3])
		}
		cell := map[[2]int]plan.Quote{}
		for _, q := range cp.Quotes {
			cell[[2]int{int(q.Weekday), q.Hour}] = q
		}
		var rows [][]string
		for h := 0; h < 24; h++ {
			row := []string{fmt.Sprintf("%02d", h)}
			for _, d := range weekOrder {
				q, ok := cell[[2]int{int(d), h}]
				switch {
				case !ok:
					row = append(row, "")
				case !q.Open:
					row = append(row, "("+quoteText(q.P50)+"/"+quoteText(q.P90)+")")
				case q.Kept:
					row = append(row, quoteText(q.P50)+"/"+quoteText(q.P90))
				default:
					row = append(row, quoteText(q.P50)+"/"+quoteText(q.P90)+"*")
				}
			}
			rows = append(rows, row)
		}
		if err := texttab.Write(w, header, rows); err != nil {
			return err
		}
		fmt.Fprintln(w, promiseText(cp))
	}
	if cp.Published != "" {
		fmt.Fprintf(w, "\nPublished hours (for the website): %s\n", cp.Published)
	}
	return nil
}

// publishedWeekText is a channel's hours as the published text writes them.
func publishedWeekText(h staffing.OpeningHours) string {
	s := staffing.PublishedHours([]staffing.ChannelHours{{Hours: h}})
	return strings.TrimPrefix(s, "Phone: ")
}

// budgetText says how every channel stands to the one budget.
func budgetText(cp *plan.ChannelPlan) string {
	if cp.Period == "" {
		return ""
	}
	var parts, names []string
	for _, c := range cp.Costs {
		parts = append(parts, fmt.Sprintf("%v %.0f", c.Channel, c.Cost))
		names = append(names, c.Channel.String())
	}
	s := fmt.Sprintf("Budget, one for all (%s): period %s's %.0f agent-hours a week; a mean week of the recommended hours takes %s = %.0f",
		strings.Join(names, ", "), cp.Period, cp.Budget, strings.Join(parts, " + "), cp.Total())
	if over := cp.Over(); over > 0.5 {
		s += fmt.Sprintf(", %.0f OVER the budget (the phone's hours could not be fitted in it)", over)
	} else {
		s += fmt.Sprintf(", within it (%.0f to spare)", math.Max(0, -over))
	}
	return s + fmt.Sprintf(". This week all channels take %.0f scheduled agent-hours, %.0f in today's hours (%+.0f).", cp.Scheduled, cp.Today, cp.Scheduled-cp.Today)
}

// promiseText says plainly where the staffing does not keep the email promise.
func promiseText(cp *plan.ChannelPlan) string {
	var open []string
	closedKept := true
	for _, q := range cp.Quotes {
		if q.Kept {
			continue
		}
		if q.Open {
			open = append(open, fmt.Sprintf("%s %02d", q.Weekday.String()[:3], q.Hour))
		} else {
			closedKept = false
		}
	}
	p := cp.EmailPromise
	var s []string
	if len(open) == 0 {
		s = append(s, fmt.Sprintf("In every open hour the staffing keeps the promise (%.0f%% within %s).", 100*p.Share, quoteText(p.Within.Seconds())))
	} else {
		s = append(s, fmt.Sprintf("The promise is NOT kept for emails arriving %s: quote the p90 there, or staff more.", strings.Join(open, ", ")))
	}
	if !closedKept {
		var cq float64
		for _, x := range cp.Channels {
			if x.Channel == staffing.Email {
				cq = x.ClosedQuote
			}
		}
		s = append(s, fmt.Sprintf("Emails arriving while closed are NOT answered within %s of the opening: the night's emails are worked over the first open hour, %.0f%% within %s of it.", quoteText(p.Within.Seconds()), 100*p.Share, quoteText(cq)))
	}
	return strings.Join(s, " ")
}

// planChannelsCSV writes the channels section as comment lines before
// plan's CSV grid.
func planChannelsCSV(w io.Writer, res *plan.Result) {
	cp := res.Channels
	if cp == nil {
		return
	}
	fmt.Fprintf(w, "# channels: first planned week %s to %s\n", cp.From.Format("2006-01-02"), cp.To.AddDate(0, 0, -1).Format("2006-01-02"))
	for i, x := range cp.Channels {
		h := ""
		if i < len(cp.Hours) {
			h = publishedWeekText(cp.Hours[i].Hours)
		}
		sl := ""
		if x.OpenHandled > 0 {
			sl = fmt.Sprintf(" service_level=%.4f", x.Answered/x.OpenHandled)
		}
		fmt.Fprintf(w, "# channel %v: hours=%q offered=%.1f deflected=%.1f agent_hours=%.2f scheduled_agent_hours=%.0f saved_agent_hours=%.2f closed_offered=%.1f%s\n",
			x.Channel, h, x.Offered, x.Deflected, x.AgentHours, x.ScheduledHours, x.SavedHours, x.ClosedOffered, sl)
	}
	fmt.Fprintf(w, "# channels_total: scheduled_agent_hours=%.0f", cp.Scheduled)
	for _, c := range cp.Costs {
		fmt.Fprintf(w, " %v_mean_week=%.1f", c.Channel, c.Cost)
	}
	fmt.Fprintf(w, " total_mean_week=%.1f budget=%.1f over_budget=%.1f\n", cp.Total(), cp.Budget, cp.Over())
	if len(cp.Quotes) > 0 {
		fmt.Fprintf(w, "# email_quotes: %s\n", promiseText(cp))
	}
	if cp.Published != "" {
		fmt.Fprintf(w, "# published_hours: %s\n", cp.Published)
	}
}

type jsonChannel struct {
	Channel         string   `json:"channel"`
	Hours           string   `json:"hours"`
	Offered         float64  `json:"offered"`
	Deflected       float64  `json:"deflected"`
	AgentHours      float64  `json:"agent_hours"`
	Rounded         float64  `json:"rounded_agent_hours"`
	Scheduled       float64  `json:"scheduled_agent_hours"`
	Saved           float64  `json:"saved_agent_hours"`
	ServiceLevel    *float64 `json:"service_level,omitempty"`
	ClosedOffered   float64  `json:"closed_offered"`
	ClosedDeflected float64  `json:"closed_deflected"`
	PromiseShare    float64  `json:"promise_share,omitempty"`
	PromiseWithin   float64  `json:"promise_within_seconds,omitempty"`
	WorstQuote      float64  `json:"quote_p90_worst_seconds,omitempty"`
	OpenQuote       float64  `json:"open_quote_seconds,omitempty"`
	QuotesOver      int      `json:"open_intervals_over_promise,omitempty"`
	ClosedQuote     float64  `json:"closed_quote_seconds,omitempty"`
}

type jsonQuote struct {
	Weekday string  `json:"weekday"`
	Hour    int     `json:"hour"`
	Open    bool    `json:"open"`
	P50     float64 `json:"quote_p50"`
	P90     float64 `json:"quote_p90"`
	Kept    bool    `json:"kept"`
}

type jsonTeam struct {
	Team      string  `json:"team"`
	Blended   float64 `json:"blended_agent_hours"`
	Dedicated float64 `json:"dedicated_agent_hours"`
}

// jsonCost is one channel's part of the one budget in a mean week.
type jsonCost struct {
	Channel    string  `json:"channel"`
	AgentHours float64 `json:"agent_hours"`
	Cost       float64 `json:"cost"`
}

type jsonChannels struct {
	From           string        `json:"from"`
	To             string        `json:"to"`
	Channels       []jsonChannel `json:"channels"`
	Scheduled      float64       `json:"scheduled_agent_hours"`
	Period         string        `json:"budget_period"`
	Budget         float64       `json:"budget_agent_hours"`
	PhoneHours     float64       `json:"phone_agent_hours_mean_week"`
	Today          float64       `json:"today_scheduled_agent_hours"`
	Costs          []jsonCost    `json:"budget_mean_week"`
	Total          float64       `json:"total_mean_week"`
	Over           float64       `json:"over_budget_agent_hours"`
	Budgeting      string        `json:"budget_note"`
	EmailQuotes    []jsonQuote   `json:"email_quotes,omitempty"`
	EmailPromise   string        `json:"email_promise_note,omitempty"`
	Teams          []jsonTeam    `json:"teams,omitempty"`
	PublishedHours string        `json:"published_hours"`
}

// planChannelsJSON is the channels section of plan's JSON; nil without one.
func planChannelsJSON(res *plan.Result) *jsonChannels {
	cp := res.Channels
	if cp == nil {
		return nil
	}
	out := &jsonChannels{From: cp.From.Format(time.RFC3339), To: cp.To.Format(time.RFC3339), Scheduled: cp.Scheduled, Period: cp.Period, Budget: round(cp.Budget, 2),
		PhoneHours: round(cp.PhoneHours, 2), Today: cp.Today, Over: round(cp.Over(), 2), Budgeting: budgetText(cp), PublishedHours: cp.Published, Total: round(cp.Total(), 2)}
	for _, c := range cp.Costs {
		out.Costs = append(out.Costs, jsonCost{c.Channel.String(), round(c.AgentHours, 2), round(c.Cost, 2)})
	}
	for i, x := range cp.Channels {
		j := jsonChannel{Channel: x.Channel.String(), Offered: round(x.Offered, 2), Deflected: round(x.Deflected, 2), AgentHours: round(x.AgentHours, 3),
			Rounded: x.RoundedHours, Scheduled: x.ScheduledHours, Saved: round(x.SavedHours, 3), ClosedOffered: round(x.ClosedOffered, 2), ClosedDeflected: round(x.ClosedDeflected, 2)}
		if i < len(cp.Hours) {
			j.Hours = publishedWeekText(cp.Hours[i].Hours)
		}
		if x.OpenHandled > 0 {
			sl := round(x.Answered/x.OpenHandled, 4)
			j.ServiceLevel = &sl
		}
		if p := x.Promise; p.Within > 0 {
			j.PromiseShare, j.PromiseWithin = p.Share, p.Within.Seconds()
			j.WorstQuote, j.OpenQuote, j.QuotesOver, j.ClosedQuote = round(x.WorstQuote, 1), round(x.OpenQuote, 1), x.QuotesOver, round(x.ClosedQuote, 1)
		}
		out.Channels = append(out.Channels, j)
	}
	for _, q := range cp.Quotes {
		out.EmailQuotes = append(out.EmailQuotes, jsonQuote{q.Weekday.String(), q.Hour, q.Open, round(q.P50, 1), round(q.P90, 1), q.Kept})
	}
	if len(cp.Quotes) > 0 {
		out.EmailPromise = promiseText(cp)
	}
	for _, t := range cp.Teams {
		out.Teams = append(out.Teams, jsonTeam{t.Team, round(t.Blended, 2), round(t.Dedicated, 2)})
	}
	return out
}
