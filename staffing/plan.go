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
// (case-insensitive; "voice" and "call" mean phone).
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
	AHT     time.Duration // 0 means Settings.AHT
	Channel Channel
}

// Settings are the parameters a plan applies to every row.
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
}

// Validate reports every problem with s at once. Promise is checked only
// when a plan has deferred rows.
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
	return errors.Join(errs...)
}

// Need is the requirement of one plan row. Measures that do not apply to
// the row's channel are NaN: abandonment without a patience, backlog for
// phone and chat, queue measures for deferred work.
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
}

// RowError is an error in one row of a plan; Row counts from 0.
type RowError struct {
	Row int
	Err error
}

func (e *RowError) Error() string { return fmt.Sprintf("row %d: %v", e.Row, e.Err) }
func (e *RowError) Unwrap() error { return e.Err }

// Plan returns one Need per row, in the rows' order. Phone rows are
// staffed with Required, chat rows with RequiredChat, and the email and
// callback rows of each channel, in time order, with Deferred.
// Scheduled agents are Scheduled(Agents, Shrinkage). A row that cannot be
// staffed gives a *RowError wrapping the cause (ErrUnreachable for a
// target beyond MaxAgents).
func Plan(rows []Row, s Settings) ([]Need, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	out := make([]Need, len(rows))
	deferred := map[Channel][]int{}
	for i, r := range rows {
		aht := r.AHT
		if aht == 0 {
			aht = s.AHT
		}
		n := Need{Start: r.Start, Channel: r.Channel, PAbandon: math.NaN(), Backlog: math.NaN()}
		q := Queue{Volume: r.Volume, Interval: s.Interval, AHT: aht, Patience: s.Patience}
		var (
			req Requirement
			err error
		)
		switch r.Channel {
		case Phone:
			req, err = Required(q, s.Target)
		case Chat:
			req, err = RequiredChat(q, s.Chat, s.Target)
		case Email, Callback:
			if err = q.Validate(); err == nil {
				deferred[r.Channel] = append(deferred[r.Channel], i)
				out[i] = n
				continue
			}
		default:
			err = fmt.Errorf("staffing: unknown channel %v", r.Channel)
		}
		if err != nil {
			return out, &RowError{Row: i, Err: err}
		}
		n.Agents, n.Fractional = req.Agents, req.Fractional
		n.Scheduled = Scheduled(float64(req.Agents), s.Shrinkage)
		n.ServiceLevel, n.ASASeconds, n.Occupancy = req.Result.ServiceLevel, req.Result.ASASeconds, req.Result.Occupancy
		if s.Patience > 0 {
			n.PAbandon = req.Result.PAbandon
		}
		out[i] = n
	}
	for _, ch := range []Channel{Email, Callback} {
		idx := deferred[ch]
		if len(idx) == 0 {
			continue
		}
		if err := s.Promise.Validate(); err != nil {
			return out, &RowError{Row: idx[0], Err: err}
		}
		for k := 1; k < len(idx); k++ {
			if !rows[idx[k]].Start.After(rows[idx[k-1]].Start) {
				return out, &RowError{Row: idx[k], Err: fmt.Errorf("staffing: %v rows must be in time order without repeats", ch)}
			}
		}
		vol := make([]float64, len(idx))
		var open []bool
		if s.Open != nil {
			open = make([]bool, len(idx))
		}
		aht := make([]time.Duration, len(idx))
		for k, i := range idx {
			vol[k] = rows[i].Volume
			if open != nil {
				open[k] = s.Open(rows[i].Start)
			}
			aht[k] = cmp.Or(rows[i].AHT, s.AHT)
		}
		needs, err := Deferred(vol, aht, open, s.Interval, s.Promise)
		if err != nil {
			return out, &RowError{Row: idx[0], Err: err}
		}
		for k, i := range idx {
			d := needs[k]
			n := &out[i]
			n.Agents, n.Fractional, n.Backlog = d.Agents, d.Fractional, d.Backlog
			n.Scheduled = Scheduled(float64(d.Agents), s.Shrinkage)
			n.ServiceLevel, n.ASASeconds, n.Occupancy = math.NaN(), math.NaN(), math.NaN()
		}
	}
	return out, nil
}
