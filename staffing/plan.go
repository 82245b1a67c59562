package staffing

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
)

// Channel is the way contacts arrive; each has its own model.
type Channel int

const (
	Phone    Channel = iota // Erlang C, or Erlang A with a patience
	Chat                    // Erlang C/A on chat slots, several per agent
	Email                   // deferred work with a response-time promise
	Callback                // deferred work with a response-time promise
)

var channelNames = [...]string{"phone", "chat", "email", "callback"}

func (c Channel) String() string {
	if c >= 0 && int(c) < len(channelNames) {
		return channelNames[c]
	}
	return fmt.Sprintf("Channel(%d)", int(c))
}

// ParseChannel reads a channel name: phone, chat, email or callback
// (case-insensitive, plurals too; "voice" and "call" mean phone and
// "mail" email).
func ParseChannel(s string) (Channel, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "phone", "voice", "call", "calls":
		return Phone, nil
	case "chat", "chats":
		return Chat, nil
	case "email", "emails", "mail":
		return Email, nil
	case "callback", "callbacks":
		return Callback, nil
	}
	return 0, fmt.Errorf("staffing: unknown channel %q: want phone, chat, email or callback", s)
}

// Row is one interval of one channel in a plan.
type Row struct {
	Start   time.Time
	Volume  float64       // contacts offered in the interval
	AHT     time.Duration // 0 means the channel's AHT
	Channel Channel
	// Deflect is the share of the row's contacts a chatbot or
	// self-service resolves, in [0,1); 0 means the channel's Deflect.
	Deflect float64
}

// Settings are the parameters a plan applies to every row; Channels
// overrides them channel by channel.
type Settings struct {
	Interval  time.Duration // interval length
	AHT       time.Duration // handling time of rows that carry none
	Target    Target        // phone and chat targets
	Patience  time.Duration // phone and chat mean patience; 0 means Erlang C
	Shrinkage float64       // fraction in [0,1) of paid time not available for contacts
	Chat      Concurrency   // chats per agent and their slowdown
	Promise   Promise       // email and callback response-time promise
	// Open says whether deferred work is done in the interval starting at
	// t; nil means every interval in the plan is open.
	Open func(t time.Time) bool
	// Channels holds each channel's own settings; a channel absent from
	// it, or a zero field, takes the values above.
	Channels map[Channel]ChannelSettings
}

// Validate reports every problem with s at once. A channel's promise is
// checked only when a plan has rows of that channel (see Plan).
func (s Settings) Validate() error {
	var errs []error
	if s.Interval <= 0 {
		errs = append(errs, fmt.Errorf("staffing: Settings.Interval = %v: want a positive duration such as 30m", s.Interval))
	}
	if s.AHT < 0 {
		errs = append(errs, fmt.Errorf("staffing: Settings.AHT = %v: want a positive handling time", s.AHT))
	}
	if !(s.Shrinkage >= 0 && s.Shrinkage < 1) {
		hint := ""
		if s.Shrinkage >= 1 && s.Shrinkage < 100 {
			hint = fmt.Sprintf("; did you mean %g?", s.Shrinkage/100)
		}
		errs = append(errs, fmt.Errorf("staffing: Settings.Shrinkage = %v: want a fraction in [0,1)%s", s.Shrinkage, hint))
	}
	if s.Patience < 0 {
		errs = append(errs, fmt.Errorf("staffing: Settings.Patience = %v: want a positive duration, or 0", s.Patience))
	}
	errs = append(errs, s.Target.Validate(), s.Chat.Validate())
	for ch, c := range s.Channels {
		if ch < Phone || ch > Callback {
			errs = append(errs, fmt.Errorf("staffing: Settings.Channels: unknown channel %v", ch))
			continue
		}
		for _, err := range c.basic() {
			errs = append(errs, fmt.Errorf("%v: %w", ch, err))
		}
	}
	return errors.Join(errs...)
}

// Need is the requirement of one plan row. Measures that do not apply to
// the row's channel are NaN: abandonment without a patience, backlog for
// phone and chat, queue measures for work staffed by the backlog model,
// quotes for channels without a promise, capacity but for booked callbacks.
type Need struct {
	Start        time.Time
	Channel      Channel
	Agents       int     // agents on the phones (or chats, or deferred work)
	Fractional   float64 // the exact requirement before rounding up
	Scheduled    int     // Agents grossed up for shrinkage
	ServiceLevel float64
	ASASeconds   float64 // +Inf when unbounded
	Occupancy    float64
	PAbandon     float64
	Backlog      float64 // deferred items waiting at the end of the interval

	Offered   float64 // contacts before deflection
	Deflected float64 // contacts the chatbot or self-service resolved
	// Saved is the fractional agents deflection saves in the interval:
	// the requirement without deflection less the one with it.
	Saved  float64
	Closed bool // the channel is closed in the interval
	// QuoteP50 and QuoteP90 are the answer times, in seconds, to quote a
	// contact of a channel with a promise arriving in the interval (see
	// DeferredNeed and WaitQuantile). For a queued channel an open
	// interval's quote is the queue's: the backlog carried in from closed
	// hours is worked by the agents added for it, beside the queue, not
	// ahead of new arrivals.
	QuoteP50, QuoteP90 float64
	Capacity           float64 // booked callbacks: bookings each slot can take
}

// RowError is an error in one row of a plan; Row counts from 0.
type RowError struct {
	Row int
	Err error
}

func (e *RowError) Error() string { return fmt.Sprintf("row %d: %v", e.Row, e.Err) }
func (e *RowError) Unwrap() error { return e.Err }

// Plan returns one Need per row, in the rows' order, each channel with
// its own settings (Settings.Channels):
//
//   - phone rows with Required, chat rows with RequiredChat, in the
//     channel's opening hours (none needed outside them);
//   - email, and callbacks that are not booked, by their promise (see
//     Queued): a promise under two intervals as an Erlang C queue with the
//     promise as the answer time, the items that arrive while closed
//     carried to the next opening by the backlog model; longer promises
//     by the backlog model (Deferred) alone, in time order;
//   - booked callbacks with Booked.
//
// Deflection removes its share of the contacts first. Scheduled agents
// are Scheduled(Agents, Shrinkage). A row that cannot be staffed gives a
// *RowError wrapping the cause (ErrUnreachable for a target beyond
// MaxAgents).
func Plan(rows []Row, s Settings) ([]Need, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	var cs [4]ChannelSettings
	var used [4]bool
	for _, r := range rows {
		if r.Channel >= Phone && r.Channel <= Callback {
			used[r.Channel] = true
		}
	}
	for _, ch := range Channels {
		cs[ch] = s.Channel(ch)
		if used[ch] {
			if err := cs[ch].validate(ch, s.Interval); err != nil {
				return nil, err
			}
		}
	}
	out := make([]Need, len(rows))
	m := new(requiredMemo) // rows with equal queues are staffed once
	deferred := map[Channel][]int{}
	for i, r := range rows {
		if err := s.rowNeed(&out[i], r, &cs, m); err != nil {
			return out, &RowError{Row: i, Err: err}
		}
		if isSpread(r.Channel, cs[r.Channel]) {
			deferred[r.Channel] = append(deferred[r.Channel], i)
		}
	}
	for _, ch := range []Channel{Email, Callback} {
		if idx := deferred[ch]; len(idx) > 0 {
			if err := planDeferred(rows, idx, cs[ch], s, ch, out, m); err != nil {
				return out, err
			}
		}
	}
	return out, nil
}

// isSpread says whether rows of channel ch go through the backlog model
// (in part, when queued): email, and callbacks that are not booked.
func isSpread(ch Channel, c ChannelSettings) bool {
	return ch == Email || ch == Callback && c.Slot == 0
}

// rowNeed staffs one row into n as far as the row alone allows: phone,
// chat and booked callbacks in full; for email and other callbacks it
// fills in the volumes and whether the channel is closed, for
// planDeferred or the Planner to finish. The channels' settings are
// validated (Plan and Planner do it once); m remembers requirements.
func (s *Settings) rowNeed(n *Need, r Row, cs *[4]ChannelSettings, m *requiredMemo) error {
	nan := math.NaN()
	*n = Need{Start: r.Start, Channel: r.Channel, PAbandon: nan, Backlog: nan, QuoteP50: nan, QuoteP90: nan, Capacity: nan, Offered: r.Volume,
		ServiceLevel: nan, ASASeconds: nan, Occupancy: nan}
	if r.Channel < Phone || r.Channel > Callback {
		return fmt.Errorf("staffing: unknown channel %v", r.Channel)
	}
	c := &cs[r.Channel]
	deflect := cmp.Or(r.Deflect, c.Deflect)
	if !(deflect >= 0 && deflect < 1) {
		return fmt.Errorf("staffing: Row.Deflect = %v: want a share in [0,1)", deflect)
	}
	n.Deflected = r.Volume * deflect
	aht := cmp.Or(r.AHT, c.AHT)
	q := Queue{Volume: r.Volume - n.Deflected, Interval: s.Interval, AHT: aht, Patience: c.Patience}
	if err := q.check(q.Load()); err != nil {
		return err
	}
	n.Closed = c.Open != nil && !c.Open(r.Start)
	switch {
	case isSpread(r.Channel, *c):
		return nil
	case r.Channel == Callback:
		b, err := Booked(n.Offered-n.Deflected, s.Interval, c.Slot, aht, c.Prep)
		if err != nil {
			return err
		}
		if n.Deflected > 0 {
			if all, err := Booked(n.Offered, s.Interval, c.Slot, aht, c.Prep); err == nil {
				n.Saved = all.Fractional - b.Fractional
			}
		}
		n.Agents, n.Fractional, n.Capacity = b.Agents, b.Fractional, float64(b.Capacity)
		n.Scheduled = Scheduled(float64(n.Agents), s.Shrinkage)
		return nil
	case n.Closed:
		return nil
	}
	var rq Requirement
	if err := m.queue(r.Channel, q, c, &rq); err != nil {
		return err
	}
	if n.Deflected > 0 {
		q.Volume = r.Volume
		var all Requirement
		if err := m.queue(r.Channel, q, c, &all); err == nil {
			n.Saved = all.Fractional - rq.Fractional
		}
	}
	n.Agents, n.Fractional = rq.Agents, rq.Fractional
	n.Scheduled = scheduled(rq.Agents, s.Shrinkage)
	n.ServiceLevel, n.ASASeconds, n.Occupancy = rq.Result.ServiceLevel, rq.Result.ASASeconds, rq.Result.Occupancy
	if c.Patience > 0 {
		n.PAbandon = rq.Result.PAbandon
	}
	return nil
}

// queue is the requirement of a phone or chat queue q with the channel's
// settings c, into *req: RequiredChat for chat, Required for phone.
func (m *requiredMemo) queue(ch Channel, q Queue, c *ChannelSettings, req *Requirement) error {
	if ch != Chat {
		return m.required(q, c.Target, req)
	}
	slots, t := chatSlots(q, c.Chat, *c.Target)
	if t.MaxAgents > DefaultMaxAgents { // the cap on slots is beyond Required's, as RequiredChat says
		*req = Requirement{}
		return errors.Join(slots.Validate(), t.Validate())
	}
	err := m.required(slots, &t, req)
	*req = perAgent(*req, c.Chat)
	return err
}

// promiseTarget is the Erlang C target of a queued promise.
func promiseTarget(p Promise) Target {
	t := Target{ServiceLevel: p.Share, AnswerWithin: p.Within}
	if t.ServiceLevel == 1 {
		// Erlang C cannot answer every item within a bound; 99.9% stands for all.
		t.ServiceLevel = 0.999
	}
	return t
}

// finishDeferred completes the need n of a deferred row from the backlog
// model's d (and all, the same without deflection, or nil) and, for an
// open row of a queued channel, the Erlang C queue.
func finishDeferred(n *Need, d DeferredNeed, all *DeferredNeed, r Row, c *ChannelSettings, s *Settings, queued bool, m *requiredMemo) error {
	n.Agents, n.Fractional, n.Backlog = d.Agents, d.Fractional, d.Backlog
	n.QuoteP50, n.QuoteP90 = d.QuoteP50, d.QuoteP90
	if all != nil {
		n.Saved = all.Fractional - d.Fractional
	}
	if queued && !n.Closed {
		aht := cmp.Or(r.AHT, c.AHT)
		target := promiseTarget(c.Promise)
		q := Queue{Volume: n.Offered - n.Deflected, Interval: s.Interval, AHT: aht}
		var rq Requirement
		if err := m.required(q, &target, &rq); err != nil {
			return err
		}
		if n.Deflected > 0 {
			q.Volume = n.Offered
			var full Requirement
			if err := m.required(q, &target, &full); err == nil {
				n.Saved += full.Fractional - rq.Fractional
			}
		}
		// The queue's agents, plus whole agents for any backlog carried
		// in from closed hours.
		n.Agents = rq.Agents + d.Agents
		n.Fractional = rq.Fractional + d.Fractional
		res := rq.Result
		n.ServiceLevel, n.ASASeconds, n.Occupancy = res.ServiceLevel, res.ASASeconds, res.Occupancy
		n.QuoteP50, n.QuoteP90 = WaitQuantile(res, aht, 0.5), WaitQuantile(res, aht, 0.9)
	}
	n.Scheduled = Scheduled(float64(n.Agents), s.Shrinkage)
	return nil
}

// planDeferred staffs the rows idx of one deferred channel, filling out.
func planDeferred(rows []Row, idx []int, c ChannelSettings, s Settings, ch Channel, out []Need, m *requiredMemo) error {
	for k := 1; k < len(idx); k++ {
		if !rows[idx[k]].Start.After(rows[idx[k-1]].Start) {
			return &RowError{Row: idx[k], Err: fmt.Errorf("staffing: %v rows must be in time order without repeats", ch)}
		}
	}
	queued := Queued(c.Promise, s.Interval)
	// spread runs the backlog model over the channel's rows; with queued,
	// only the items that arrive while closed go into it.
	spread := func(deflected bool) ([]DeferredNeed, error) {
		vol := make([]float64, len(idx))
		aht := make([]time.Duration, len(idx))
		var open []bool
		if c.Open != nil {
			open = make([]bool, len(idx))
		}
		for k, i := range idx {
			vol[k] = spreadVolume(out[i], queued, deflected)
			if open != nil {
				open[k] = !out[i].Closed
			}
			aht[k] = cmp.Or(rows[i].AHT, c.AHT)
		}
		return Deferred(vol, aht, open, s.Interval, c.Promise)
	}
	needs, err := spread(true)
	if err != nil {
		return &RowError{Row: idx[0], Err: err}
	}
	all, err := spread(false)
	if err != nil {
		return &RowError{Row: idx[0], Err: err}
	}
	for k, i := range idx {
		if err := finishDeferred(&out[i], needs[k], &all[k], rows[i], &c, &s, queued, m); err != nil {
			return &RowError{Row: i, Err: err}
		}
	}
	return nil
}

// spreadVolume is what a deferred row puts into the backlog model: all
// its items, or with queued only those arriving while closed; with
// deflected, less the deflected ones.
func spreadVolume(n Need, queued, deflected bool) float64 {
	if queued && !n.Closed {
		return 0
	}
	if deflected {
		return n.Offered - n.Deflected
	}
	return n.Offered
}
