package hours

import (
	"errors"
	"fmt"
	"github.com/staffcast/staffcast/clock"
	"math"
	"time"
)

// Demand is hourly (or finer) demand, one value per interval.
type Demand struct {
	// Start holds the interval starts. Each is read on its own clock: the
	// location of the time.Time (a zone, or the fixed offset the row was
	// written with) says which local hour it is.
	Start  []time.Time
	Step   time.Duration
	Orders []float64
	Calls  []float64 // NaN where unknown: the line was closed
	Chats  []float64 // nil when there is no chat channel
	// CallsClosed holds the attempts the phone system logged while the line
	// was closed (calls that reached the closed message); nil when not logged.
	CallsClosed []float64
}

func (d Demand) validate() error {
	if d.Step <= 0 || (24*time.Hour)%d.Step != 0 {
		return fmt.Errorf("hours: step %v: want a divisor of a day such as 1h or 30m", d.Step)
	}
	n := len(d.Start)
	if len(d.Orders) != n || len(d.Calls) != n || d.Chats != nil && len(d.Chats) != n || d.CallsClosed != nil && len(d.CallsClosed) != n {
		return errors.New("hours: demand columns must have one value per interval")
	}
	return nil
}

// Sources of closed-hour call estimates.
const (
	FromAttempts = "attempts" // the CallsClosed column over the repeat-attempt factor
	FromChats    = "chats"    // calls per chat by weekday and hour, from where both were seen
	FromOrders   = "orders"   // calls per order, when there are no chats
)

// DefaultRepeatAttempts is the attempts per caller assumed in the closed
// hours when none is given: a caller who hears the closed message often
// tries again.
const DefaultRepeatAttempts = 1.3

// The band around estimated calls, as multiples of the central estimate:
//
//   - from attempts: low assumes 25% more repeat attempts than stated
//     (attempts / (1.25·r)), high that every attempt was a separate caller
//     (attempts, r = 1);
//   - from a ratio, in a weekday hour whose hour of day was seen open on
//     another day: 0.75 to 1.25 times;
//   - from a ratio, in an hour of day the line was never open: 0.25 to 1.5
//     times. Nothing in the data says how many would call then; customers
//     who shop in the evening may prefer chat (a quarter of the daytime
//     calls per chat) or call as much as by day and a little more.
const (
	attemptsLowRepeat         = 1.25
	seenHourLow, seenHourHigh = 0.75, 1.25
	newHourLow, newHourHigh   = 0.25, 1.5
)

// ClosedCalls is the estimate of calls in the intervals whose calls were
// not observed, with a band; observed intervals carry their calls in all
// three.
type ClosedCalls struct {
	Source         string  // FromAttempts, FromChats or FromOrders
	RepeatAttempts float64 // attempts per caller (FromAttempts)
	// Ratio is the calls per chat (or order) by weekday and slot used for
	// estimates (FromChats, FromOrders), after the displaced callers of the
	// first open hour were taken out.
	Ratio              [7][]float64
	Low, Central, High []float64
	Estimated          []bool // the interval's calls were not observed
}

// EstimateClosedCalls estimates the calls of every interval whose calls
// are unknown (NaN), with a band (low, central, high).
//
// With a CallsClosed column, the central estimate is the attempts over
// repeat (attempts per caller; 0 means DefaultRepeatAttempts).
//
// Otherwise calls follow chats (or orders, without chats) with a ratio
// that varies by weekday and hour of day, learned where both were seen.
// The first open hour after a closure carries callers displaced from the
// closed hours, which inflates its ratio: its ratio is capped at the next
// open hour's. The extrapolation rule, in order: the ratio of the same
// weekday and hour (a holiday on a day the line is normally open); the
// ratio of that hour of day on the other weekdays (weekends); the ratio
// over all hours seen (hours of day the line was never open).
func EstimateClosedCalls(d Demand, repeat float64) (*ClosedCalls, error) {
	if err := d.validate(); err != nil {
		return nil, err
	}
	n := len(d.Start)
	cc := &ClosedCalls{Low: make([]float64, n), Central: make([]float64, n), High: make([]float64, n), Estimated: make([]bool, n)}
	missing := 0
	for i, c := range d.Calls {
		if math.IsNaN(c) {
			cc.Estimated[i] = true
			missing++
			continue
		}
		cc.Low[i], cc.Central[i], cc.High[i] = c, c, c
	}
	if d.CallsClosed != nil {
		if repeat == 0 {
			repeat = DefaultRepeatAttempts
		}
		if !(repeat >= 1) || math.IsInf(repeat, 0) {
			return nil, fmt.Errorf("hours: repeat attempts %v: want attempts per caller >= 1", repeat)
		}
		cc.Source, cc.RepeatAttempts = FromAttempts, repeat
		for i, est := range cc.Estimated {
			if est {
				a := nz(d.CallsClosed[i])
				cc.Low[i], cc.Central[i], cc.High[i] = a/(repeat*attemptsLowRepeat), a/repeat, a
			}
		}
		return cc, nil
	}
	base, source := d.Chats, FromChats
	if base == nil || sumSeen(base, d.Calls) == 0 {
		base, source = d.Orders, FromOrders
	}
	cc.Source = source
	if missing == 0 {
		return cc, nil
	}
	if sumSeen(base, d.Calls) == 0 {
		return nil, fmt.Errorf("hours: calls are unknown in %d intervals and there is no interval with both calls and %s to estimate them from", missing, source)
	}
	slots := int(24 * time.Hour / d.Step)
	slotOf := func(t time.Time) int { return int(clock.Of(t) / d.Step) }
	var calls, bases [7][]float64
	var first [7][]int // observed intervals that follow an unobserved one
	var seenN [7][]int
	for wd := range calls {
		calls[wd], bases[wd], cc.Ratio[wd] = make([]float64, slots), make([]float64, slots), make([]float64, slots)
		first[wd], seenN[wd] = make([]int, slots), make([]int, slots)
	}
	for i, t := range d.Start {
		if cc.Estimated[i] {
			continue
		}
		wd, s := t.Weekday(), slotOf(t)
		calls[wd][s] += d.Calls[i]
		bases[wd][s] += nz(base[i])
		seenN[wd][s]++
		if i > 0 && cc.Estimated[i-1] {
			first[wd][s]++
		}
	}
	ratio := func(c, b float64) float64 {
		if b <= 0 {
			return math.NaN()
		}
		return c / b
	}
	for wd := 0; wd < 7; wd++ {
		for s := 0; s < slots; s++ {
			cc.Ratio[wd][s] = ratio(calls[wd][s], bases[wd][s])
		}
		// Displaced callers: a slot that is mostly the first open one after
		// a closure keeps no more than the next slot's ratio; the excess
		// calls are callers who could not get through before.
		for s := 0; s+1 < slots; s++ {
			if 2*first[wd][s] > seenN[wd][s] && cc.Ratio[wd][s+1] < cc.Ratio[wd][s] {
				cc.Ratio[wd][s] = cc.Ratio[wd][s+1]
				calls[wd][s] = cc.Ratio[wd][s] * bases[wd][s]
			}
		}
	}
	var hourRatio []float64
	var allC, allB float64
	for s := 0; s < slots; s++ {
		var c, b float64
		for wd := 0; wd < 7; wd++ {
			if !math.IsNaN(cc.Ratio[wd][s]) {
				c += calls[wd][s]
				b += bases[wd][s]
			}
		}
		hourRatio = append(hourRatio, ratio(c, b))
		allC += c
		allB += b
	}
	overall := ratio(allC, allB)
	for i, t := range d.Start {
		if !cc.Estimated[i] {
			continue
		}
		wd, s := t.Weekday(), slotOf(t)
		r, lo, hi := cc.Ratio[wd][s], seenHourLow, seenHourHigh
		if math.IsNaN(r) {
			r = hourRatio[s]
		}
		if math.IsNaN(r) {
			r, lo, hi = overall, newHourLow, newHourHigh
		}
		c := r * nz(base[i])
		cc.Low[i], cc.Central[i], cc.High[i] = lo*c, c, hi*c
	}
	for wd := 0; wd < 7; wd++ {
		for s := 0; s < slots; s++ {
			if math.IsNaN(cc.Ratio[wd][s]) {
				cc.Ratio[wd][s] = hourRatio[s]
				if math.IsNaN(hourRatio[s]) {
					cc.Ratio[wd][s] = overall
				}
			}
		}
	}
	return cc, nil
}

// sumSeen sums base over the intervals whose calls are known.
func sumSeen(base, calls []float64) float64 {
	s := 0.0
	for i, c := range calls {
		if !math.IsNaN(c) {
			s += nz(base[i])
		}
	}
	return s
}
