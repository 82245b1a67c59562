package render

import (
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/staffcast/staffcast/data"
	"github.com/staffcast/staffcast/staffing"
)

// Quotes lays out what can be promised by weekday and hour.
func Quotes(q []staffing.HourQuote) *data.Table {
	t := &data.Table{Columns: []data.Column{
		{Name: "channel", Text: make([]string, len(q))},
		{Name: "weekday", Text: make([]string, len(q))},
		{Name: "hour", Float: make([]float64, len(q))},
		{Name: "open", Text: make([]string, len(q))},
		{Name: "quote_p50", Float: make([]float64, len(q))},
		{Name: "quote_p90", Float: make([]float64, len(q))},
	}}
	for i, h := range q {
		t.Columns[0].Text[i] = h.Channel.String()
		t.Columns[1].Text[i] = h.Weekday.String()[:3]
		t.Columns[2].Float[i] = float64(h.Hour)
		t.Columns[3].Text[i] = fmt.Sprint(h.Open)
		t.Columns[4].Float[i] = math.Round(h.P50)
		t.Columns[5].Float[i] = math.Round(h.P90)
	}
	return t
}

// StaffSummary writes what staff prints after its rows (to stderr): the
// totals by channel, what deflection saves, what the bot covers while a
// channel is closed, whether the quotes keep the promise, a warning where
// most contacts hang up, and the hours to publish.
func StaffSummary(w io.Writer, sum []staffing.ChannelSummary, hours []staffing.ChannelHours) {
	total := staffing.Total(sum)
	fmt.Fprintf(w, "agent-hours: %.1f fractional, %.1f rounded up per interval, %.1f scheduled after shrinkage\n", total.AgentHours, total.RoundedHours, total.ScheduledHours)
	if len(sum) > 1 {
		parts := make([]string, len(sum))
		for i, x := range sum {
			parts[i] = fmt.Sprintf("%v %.1f", x.Channel, x.AgentHours)
		}
		fmt.Fprintf(w, "  by channel (fractional): %s\n", strings.Join(parts, ", "))
	}
	for _, x := range sum {
		if x.Deflected > 0 {
			fmt.Fprintf(w, "%v: deflection resolves %.0f of %.0f contacts (%.0f%%) and saves %.1f agent-hours\n",
				x.Channel, x.Deflected, x.Offered, 100*x.Deflected/x.Offered, x.SavedHours)
		}
		if x.Channel == staffing.Chat && x.Closed > 0 && x.ClosedOffered > 0 {
			fmt.Fprintf(w, "chat: closed in %d of %d intervals, when %.0f chats arrive: the bot, open round the clock, meets all of them", x.Closed, x.Intervals, x.ClosedOffered)
			if x.ClosedDeflected > 0 {
				fmt.Fprintf(w, " and resolves %.0f; the rest are asked to come back when chat opens", x.ClosedDeflected)
			} else {
				fmt.Fprint(w, "; without --deflect it resolves none, and they are asked to come back when chat opens")
			}
			fmt.Fprintln(w)
		}
		if x.Promise.Within > 0 && x.WorstQuote > 0 {
			promise := fmt.Sprintf("%.0f%% within %v of open time", 100*x.Promise.Share, x.Promise.Within)
			open := time.Duration(x.OpenQuote) * time.Second
			if x.QuotesOver == 0 {
				fmt.Fprintf(w, "%v: the staffing keeps the promise (%s) in every open interval: at most %s; quote_p90 through closed hours at most %s\n", x.Channel, promise, open, time.Duration(x.WorstQuote)*time.Second)
			} else {
				fmt.Fprintf(w, "%v: the staffing does NOT keep the promise (%s) in %d open intervals: it takes up to %s (see the quote columns)\n",
					x.Channel, promise, x.QuotesOver, open)
			}
			if x.ClosedOffered > 0 && x.ClosedQuote > (x.Promise.Within+time.Second).Seconds() {
				fmt.Fprintf(w, "%v: the %.0f items that arrive while closed do NOT get the promise: they are worked through the first open hours, %.0f%% within %s of opening; promise them \"within %s of opening\", or staff the opening for the backlog\n",
					x.Channel, x.ClosedOffered, 100*x.Promise.Share, time.Duration(x.ClosedQuote)*time.Second, time.Duration(x.ClosedQuote)*time.Second)
			}
		}
		if x.HighAbandon > 0 {
			fmt.Fprintf(w, "warning: %v: more than half the contacts hang up in %d intervals: the target is met because they leave, not because they are answered; set a ceiling such as --max-abandon 0.05\n", x.Channel, x.HighAbandon)
		}
	}
	if total.SavedHours > 0 {
		fmt.Fprintf(w, "deflection saves %.1f agent-hours in all\n", total.SavedHours)
	}
	if len(hours) > 0 {
		fmt.Fprintf(w, "published hours: %s\n", staffing.PublishedHours(hours))
	}
}

// Teams writes the agent-hours of each team, blended against a team per
// channel.
func Teams(w io.Writer, teams []staffing.TeamHours) {
	var parts []string
	for _, h := range teams {
		if h.Blended == h.Dedicated {
			parts = append(parts, fmt.Sprintf("%s %.1f", h.Team, h.Blended))
		} else {
			parts = append(parts, fmt.Sprintf("%s %.1f blended (%.1f as a team per channel)", h.Team, h.Blended, h.Dedicated))
		}
	}
	fmt.Fprintf(w, "teams, agent-hours rounded up per interval: %s\n", strings.Join(parts, "; "))
}
