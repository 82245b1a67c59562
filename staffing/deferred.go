package staffing

import (
	"errors"
	"fmt"
	"math"
	"time"
)

// Promise is a response-time promise for deferred work (email, callbacks):
// Share of the items answered within Within, and every item within
// AllWithin. Deadlines run on open time only: an email that arrives at
// night starts its clock when the team opens.
type Promise struct {
	Share     float64       // fraction in (0,1], e.g. 0.9
	Within    time.Duration // e.g. 1h
	AllWithin time.Duration // e.g. 4h; 0 means Within (every item within Within)
}

// Validate reports every problem with p at once.
func (p Promise) Validate() error {
	var errs []error
	if !(p.Share > 0 && p.Share <= 1) {
		errs = append(errs, fmt.Errorf("staffing: Promise.Share = %v: want a fraction in (0,1] such as 0.9", p.Share))
	}
	if p.Within <= 0 {
		errs = append(errs, fmt.Errorf("staffing: Promise.Within = %v: want a positive duration such as 1h", p.Within))
	}
	if p.AllWithin != 0 && p.AllWithin < p.Within {
		errs = append(errs, fmt.Errorf("staffing: Promise.AllWithin = %v: want at least Promise.Within (%v), or 0", p.AllWithin, p.Within))
	}
	return errors.Join(errs...)
}

// windows returns how many open intervals of length step the Share part
// and the rest of an interval's items are spread over: the whole
// intervals that fit in their deadlines, at least one. Rounding up would
// let items finish up to an interval late (a 150-minute promise spread
// over three hourly intervals answers 90% only after 2 h 46 min).
func windows(within, all, step time.Duration) (w1, w2 int) {
	return max(1, int(within/step)), max(1, int(all/step))
}

// DeferredNeed is the staffing of one interval of deferred work.
type DeferredNeed struct {
	Fractional float64 // agents busy on average over the interval
	Agents     int     // Fractional rounded up
	Done       float64 // items worked off in the interval
	Backlog    float64 // items arrived and not yet worked off at the end of the interval
	// QuoteP50 and QuoteP90 are the answer times to quote to an item
	// arriving in the interval, in seconds from its start: when half and
	// 90% of the interval's items are worked under the model, counted in
	// wall-clock time, so an item that arrives while closed is quoted the
	// wait to the next opening plus its place in the work. NaN when that
	// lies past the last interval.
	QuoteP50, QuoteP90 float64
}

// Deferred staffs deferred work over consecutive intervals of length
// step. volume[i] items arrive in interval i, each taking aht[i] to handle;
// open[i] says whether the team works in interval i (nil means always).
//
// Model: an interval's items are worked evenly over the open intervals of
// their promise window: the Share part over the first floor(Within/step)
// open intervals from arrival (or from the next opening; at least one),
// the rest over the first floor(AllWithin/step). Every item then meets
// its deadline by construction (counted from the start of its arrival
// interval), and an interval needs (items worked · aht)/step agents.
// Work that falls past the last interval stays in the final backlog.
// Deferred panics if len(aht) != len(volume), or if open is not nil and
// len(open) != len(volume).
func Deferred(volume []float64, aht []time.Duration, open []bool, step time.Duration, p Promise) ([]DeferredNeed, error) {
	if len(aht) != len(volume) || open != nil && len(open) != len(volume) {
		panic("staffing: Deferred slice length mismatch")
	}
	var errs []error
	if step <= 0 {
		errs = append(errs, fmt.Errorf("staffing: interval = %v: want a positive duration", step))
	}
	for i, h := range aht {
		if h <= 0 {
			errs = append(errs, fmt.Errorf("staffing: deferred AHT[%d] = %v: want a positive handling time", i, h))
			break
		}
	}
	errs = append(errs, p.Validate())
	for i, v := range volume {
		if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
			errs = append(errs, fmt.Errorf("staffing: deferred volume[%d] = %v: want a finite count >= 0", i, v))
			break
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	isOpen := func(i int) bool { return open == nil || open[i] }
	all := p.AllWithin
	if all == 0 {
		all = p.Within
	}
	w1, w2 := windows(p.Within, all, step)

	// openIdx lists the open intervals; nextOpen[i] is the position in
	// openIdx of the first open interval at or after i.
	var openIdx []int
	nextOpen := make([]int, len(volume)+1)
	nextOpen[len(volume)] = -1
	for i := range volume {
		if isOpen(i) {
			openIdx = append(openIdx, i)
		}
	}
	for i, k := len(volume)-1, len(openIdx); i >= 0; i-- {
		if isOpen(i) {
			k--
		}
		nextOpen[i] = k
	}

	done := make([]float64, len(volume)) // items worked off per interval
	work := make([]float64, len(volume)) // agent-seconds of work per interval
	spread := func(items, aht float64, from, width int) {
		per := items / float64(width)
		for k := from; k < from+width && k < len(openIdx); k++ {
			done[openIdx[k]] += per
			work[openIdx[k]] += per * aht
		}
	}
	for i, v := range volume {
		if v == 0 {
			continue
		}
		from := nextOpen[i]
		if from < 0 || from >= len(openIdx) {
			continue // arrives after the last opening: stays in the backlog
		}
		h := aht[i].Seconds()
		spread(v*p.Share, h, from, w1)
		if p.Share < 1 {
			spread(v*(1-p.Share), h, from, w2)
		}
	}

	// quote returns when a share q of interval i's items is worked, in
	// seconds from its start: spreadQuantile gives the open time, which
	// falls in the j-th open interval of the window.
	quote := func(q float64, i int) float64 {
		from := nextOpen[i]
		x := spreadQuantile(q, p.Share, w1, w2)
		j := max(0, int(math.Ceil(x))-1)
		if from < 0 || from+j >= len(openIdx) {
			return math.NaN()
		}
		return (float64(openIdx[from+j]-i) + x - float64(j)) * step.Seconds()
	}
	out := make([]DeferredNeed, len(volume))
	backlog := 0.0
	for i, v := range volume {
		backlog += v - done[i]
		if math.Abs(backlog) < 1e-9*(1+v) {
			backlog = 0
		}
		frac := work[i] / step.Seconds()
		out[i] = DeferredNeed{
			Fractional: frac,
			Agents:     int(math.Ceil(frac - 1e-9)),
			Done:       done[i],
			Backlog:    backlog,
			QuoteP50:   quote(0.5, i),
			QuoteP90:   quote(0.9, i),
		}
	}
	return out, nil
}
