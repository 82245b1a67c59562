package hours

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/staffcast/staffcast/clock"
	"github.com/staffcast/staffcast/internal/quantile"
)

// Statistic says how a weekday's demand is summarised over the weeks of a period.
type Statistic struct {
	// Quantile in (0,1) summarises each slot by that quantile over the
	// weeks (0.8 plans for a busy week); 0 means the mean.
	Quantile float64
}

// Week is demand per weekday and time-of-day slot, summarised over the
// weeks of a period. Index [time.Weekday][slot]; slot k covers local clock
// [k·Step, (k+1)·Step).
type Week struct {
	Step   time.Duration
	Orders [7][]float64
	// Calls are the central estimate; CallsLow and CallsHigh the band (all
	// three equal where calls were observed).
	Calls, CallsLow, CallsHigh [7][]float64
	Chats                      [7][]float64
	// HasChats is false when the demand has no chat channel: chats are
	// then all zero and mean nothing.
	HasChats bool
	// CallsEstimated marks slots whose calls were never observed in the
	// period (the phone line was closed) and were estimated.
	CallsEstimated [7][]bool
	// Source says what estimated calls came from: "attempts", "chats" or
	// "orders" (see EstimateClosedCalls).
	Source string
	Weeks  int // weeks of data behind the profile (distinct Mondays)
	Days   int // days of data behind the profile: a period weighs Days/7 weeks
}

// Slots returns the number of slots in a day.
func (w *Week) Slots() int { return int(24 * time.Hour / w.Step) }

// Profile summarises hourly (or finer) demand into a Week. Calls come
// from cc (the observed calls with the closed-hour estimate filled in;
// nil means EstimateClosedCalls(d, 0)). keep selects the intervals of
// the period (nil: all). Each interval falls in the slot of its own local
// clock time (the location of its time.Time); the repeated autumn hour
// adds to its slot on that day, and the skipped spring hour is simply
// absent from that day. Days are first summed per slot, then summarised
// across the days of the same weekday.
func Profile(d Demand, cc *ClosedCalls, keep func(time.Time) bool, st Statistic) (Week, error) {
	w := Week{Step: d.Step, HasChats: d.Chats != nil}
	if err := d.validate(); err != nil {
		return w, err
	}
	if !(st.Quantile >= 0 && st.Quantile < 1) {
		return w, fmt.Errorf("hours: quantile %v: want a fraction in (0,1), or 0 for the mean", st.Quantile)
	}
	if cc == nil {
		var err error
		if cc, err = EstimateClosedCalls(d, 0); err != nil {
			return w, err
		}
	}
	if len(cc.Central) != len(d.Start) {
		return w, errors.New("hours: the closed-hour estimate has not one value per interval")
	}
	w.Source = cc.Source
	slots := w.Slots()
	type dayKey struct{ y, m, d int }
	const (
		orders = iota
		calls
		low
		high
		chats
		nSeries
	)
	type daySums struct {
		wd   time.Weekday
		v    [nSeries][]float64
		seen []bool
	}
	days := map[dayKey]*daySums{}
	var order []dayKey
	mondays := map[dayKey]bool{}
	for i, t := range d.Start {
		if keep != nil && !keep(t) {
			continue
		}
		y, m, dd := t.Date()
		k := dayKey{y, int(m), dd}
		ds := days[k]
		if ds == nil {
			ds = &daySums{wd: t.Weekday(), seen: make([]bool, slots)}
			for j := range ds.v {
				ds.v[j] = make([]float64, slots)
			}
			days[k] = ds
			order = append(order, k)
			mon := t.AddDate(0, 0, -int((t.Weekday()+6)%7))
			my, mm, md := mon.Date()
			mondays[dayKey{my, int(mm), md}] = true
		}
		s := int(clock.Of(t) / d.Step)
		ds.v[orders][s] += nz(d.Orders[i])
		ds.v[calls][s] += nz(cc.Central[i])
		ds.v[low][s] += nz(cc.Low[i])
		ds.v[high][s] += nz(cc.High[i])
		if d.Chats != nil {
			ds.v[chats][s] += nz(d.Chats[i])
		}
		if !cc.Estimated[i] {
			ds.seen[s] = true
		}
	}
	if len(days) == 0 {
		return w, errors.New("hours: no demand in the period")
	}
	w.Weeks, w.Days = len(mondays), len(days)
	dst := [nSeries]*[7][]float64{&w.Orders, &w.Calls, &w.CallsLow, &w.CallsHigh, &w.Chats}
	for wd := 0; wd < 7; wd++ {
		for j := range dst {
			dst[j][wd] = make([]float64, slots)
		}
		w.CallsEstimated[wd] = make([]bool, slots)
		for s := 0; s < slots; s++ {
			var vals [nSeries][]float64
			seen := false
			for _, k := range order {
				ds := days[k]
				if int(ds.wd) != wd {
					continue
				}
				for j := range vals {
					vals[j] = append(vals[j], ds.v[j][s])
				}
				seen = seen || ds.seen[s]
			}
			for j := range dst {
				dst[j][wd][s] = summary(vals[j], st)
			}
			w.CallsEstimated[wd][s] = !seen
		}
	}
	return w, nil
}

func nz(v float64) float64 {
	if math.IsNaN(v) {
		return 0
	}
	return v
}

func summary(v []float64, st Statistic) float64 {
	if len(v) == 0 {
		return 0
	}
	if st.Quantile == 0 {
		s := 0.0
		for _, x := range v {
			s += x
		}
		return s / float64(len(v))
	}
	sorted := append([]float64(nil), v...)
	sort.Float64s(sorted)
	return quantile.Sorted(sorted, st.Quantile)
}
