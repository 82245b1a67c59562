package staffing

import (
	"cmp"
	"math"
	"time"
)

// ChannelSummary totals a plan's needs for one channel.
type ChannelSummary struct {
	Channel   Channel
	Intervals int
	Offered   float64 // contacts before deflection
	Deflected float64 // contacts the chatbot or self-service resolved
	// AgentHours is the fractional requirement summed over the intervals,
	// RoundedHours the whole agents, ScheduledHours after shrinkage.
	AgentHours, RoundedHours, ScheduledHours float64
	SavedHours                               float64 // agent-hours deflection saves
	// Answered is the contacts of the open intervals answered within the
	// channel's target (phone, chat) or queued promise (email), expected:
	// each open interval's service level times the contacts agents
	// handle in it; OpenHandled is those contacts. Their ratio is the
	// channel's service level over the plan. Intervals without a service
	// level (the backlog model, booked callbacks) count in neither.
	Answered, OpenHandled float64
	// Closed counts the intervals the channel is closed in, and
	// ClosedOffered and ClosedDeflected the contacts arriving then.
	Closed                         int
	ClosedOffered, ClosedDeflected float64
	// Promise is the channel's promise (zero for phone, chat and booked
	// callbacks). QuotesOver counts the open intervals where the staffing
	// breaks it by more than a second (see OpenQuote); a queued promise
	// of a share under 0.5 is not checked. WorstQuote is the longest
	// quote_p90 of an open interval, in seconds of wall-clock time
	// (through closed hours).
	Promise    Promise
	QuotesOver int
	WorstQuote float64
	// OpenQuote is the longest answer time at the promise's share, in
	// seconds of open time (the promise's own clock), over the open
	// intervals: the queue's wait, or for the backlog model the spread's,
	// which is the same in every interval.
	OpenQuote float64
	// ClosedQuote is the answer time at the promise's share of the items
	// that arrive while closed, in seconds of open time from the opening:
	// the backlog model's spread over the whole intervals of the promise
	// (at least one). For a queued promise shorter than the interval it
	// exceeds the promise: the night's items are worked over the first
	// open interval.
	ClosedQuote float64
	// HighAbandon counts the intervals where more than half the contacts
	// hang up: a target met that way is met by callers leaving.
	HighAbandon int
}

// Summarize totals needs, the result of Plan(rows, s), by channel, in
// the order of Channels; channels without rows are left out.
func Summarize(needs []Need, s Settings) []ChannelSummary {
	t := NewTotals(s)
	t.Add(needs)
	return t.Channels()
}

// Totals accumulates Summarize and QuoteTable over needs that come a
// chunk at a time (from a Planner).
type Totals struct {
	by     [4]ChannelSummary
	h      float64
	quotes quoteAcc
	// spread is, per channel staffed by the backlog model alone, its
	// answer time at the promise's share in open time, in seconds; 0 for
	// the others.
	spread [4]float64
}

// NewTotals returns empty totals for a plan with settings s.
func NewTotals(s Settings) *Totals {
	t := &Totals{h: s.Interval.Hours()}
	for _, ch := range Channels {
		t.by[ch].Channel = ch
		c := s.Channel(ch)
		if isSpread(ch, c) {
			t.by[ch].Promise = c.Promise
			if p := c.Promise; p.Within > 0 {
				all := cmp.Or(p.AllWithin, p.Within)
				w1, w2 := windows(p.Within, all, s.Interval)
				// Items that arrive while closed go through the backlog
				// model under either model; they are answered this long
				// after the opening.
				t.by[ch].ClosedQuote = spreadQuantile(p.Share, p.Share, w1, w2) * s.Interval.Seconds()
				if !Queued(p, s.Interval) {
					t.spread[ch] = t.by[ch].ClosedQuote
				}
			}
		}
	}
	return t
}

// Add adds needs to the totals.
func (t *Totals) Add(needs []Need) {
	h := t.h
	for i := range needs {
		n := &needs[i] // by pointer: a Need is 160 bytes
		if n.Channel < Phone || n.Channel > Callback {
			continue
		}
		c := &t.by[n.Channel]
		c.Intervals++
		c.Offered += n.Offered
		c.Deflected += n.Deflected
		c.AgentHours += n.Fractional * h
		c.RoundedHours += float64(n.Agents) * h
		c.ScheduledHours += float64(n.Scheduled) * h
		c.SavedHours += n.Saved * h
		if !n.Closed && !math.IsNaN(n.ServiceLevel) {
			c.OpenHandled += n.Offered - n.Deflected
			c.Answered += n.ServiceLevel * (n.Offered - n.Deflected)
		}
		if n.Closed {
			c.Closed++
			c.ClosedOffered += n.Offered
			c.ClosedDeflected += n.Deflected
		} else if !math.IsNaN(n.QuoteP90) {
			c.WorstQuote = max(c.WorstQuote, n.QuoteP90)
			// The promise, a share s within T of open time, is kept when
			// the s-quantile of the answer time is within T. The backlog
			// model's is the same in every interval; the queue's is
			// WaitQuantile at s, read from p90 (s >= 0.9) or p50 (s >= 0.5).
			q := t.spread[n.Channel]
			if q == 0 {
				q = n.QuoteP90
				if c.Promise.Share < 0.9 {
					q = n.QuoteP50
				}
				if c.Promise.Share < 0.5 {
					q = 0 // not checked
				}
			}
			c.OpenQuote = max(c.OpenQuote, q)
			if q > (c.Promise.Within + time.Second).Seconds() {
				c.QuotesOver++
			}
		}
		if n.PAbandon > highAbandon {
			c.HighAbandon++
		}
	}
	t.quotes.add(needs)
}

// Channels returns the totals by channel, as Summarize does.
func (t *Totals) Channels() []ChannelSummary {
	var out []ChannelSummary
	for _, c := range t.by {
		if c.Intervals > 0 {
			out = append(out, c)
		}
	}
	return out
}

// Quotes returns what can be promised by hour, as QuoteTable does.
func (t *Totals) Quotes() []HourQuote { return t.quotes.table() }
