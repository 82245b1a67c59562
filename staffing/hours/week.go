package hours

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"time"
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
	Calls  [7][]float64
	Chats  [7][]float64
	// CallsEstimated marks slots whose calls were never observed (the
	// phone line was closed) and were estimated from chats or orders.
	CallsEstimated [7][]bool
	// CallsPer is what estimated calls were derived from ("chats" or
	// "orders") and Ratio the calls per unit learned where both were seen.
	CallsPer string
	Ratio    float64
	Weeks    int // weeks of data behind the profile (distinct Mondays)
}

// Slots returns the number of slots in a day.
func (w *Week) Slots() int { return int(24 * time.Hour / w.Step) }

// Profile summarises hourly (or finer) demand into a Week. start holds the
// interval starts (with their location), orders, calls and chats the
// volumes (calls NaN where unknown; chats may be nil); keep selects the
// intervals of the period. Each interval falls in the slot of its local
// clock time; the repeated autumn hour adds to its slot on that day, and
// the skipped spring hour is simply absent from that day. Days are first
// summed per slot, then summarised across the days of the same weekday.
//
// Slots whose calls were never seen (a phone line that was closed) get
// estimated calls: chats in that slot times the calls per chat seen where
// both were known (customers' wish to talk follows their wish to chat),
// or orders times calls per order when there are no chats.
func Profile(start []time.Time, step time.Duration, orders, calls, chats []float64, keep func(time.Time) bool, st Statistic) (Week, error) {
	w := Week{Step: step}
	if step <= 0 || (24*time.Hour)%step != 0 {
		return w, fmt.Errorf("hours: step %v: want a divisor of a day such as 1h or 30m", step)
	}
	if len(orders) != len(start) || len(calls) != len(start) || chats != nil && len(chats) != len(start) {
		return w, errors.New("hours: demand columns must have one value per interval")
	}
	if !(st.Quantile >= 0 && st.Quantile < 1) {
		return w, fmt.Errorf("hours: quantile %v: want a fraction in (0,1), or 0 for the mean", st.Quantile)
	}
	slots := w.Slots()
	type dayKey struct{ y, m, d int }
	type daySums struct {
		wd                   time.Weekday
		orders, calls, chats []float64
		seen                 []bool
	}
	days := map[dayKey]*daySums{}
	var order []dayKey
	mondays := map[dayKey]bool{}
	for i, t := range start {
		if keep != nil && !keep(t) {
			continue
		}
		y, m, d := t.Date()
		k := dayKey{y, int(m), d}
		ds := days[k]
		if ds == nil {
			ds = &daySums{wd: t.Weekday(), orders: make([]float64, slots), calls: make([]float64, slots), chats: make([]float64, slots), seen: make([]bool, slots)}
			days[k] = ds
			order = append(order, k)
			mon := t.AddDate(0, 0, -int((t.Weekday()+6)%7))
			my, mm, md := mon.Date()
			mondays[dayKey{my, int(mm), md}] = true
		}
		clock := time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute
		s := int(clock / step)
		ds.orders[s] += nz(orders[i])
		if !math.IsNaN(calls[i]) {
			ds.calls[s] += calls[i]
			ds.seen[s] = true
		}
		if chats != nil {
			ds.chats[s] += nz(chats[i])
		}
	}
	if len(days) == 0 {
		return w, errors.New("hours: no demand in the period")
	}
	w.Weeks = len(mondays)
	var seenCalls, seenChats, seenOrders float64
	for wd := 0; wd < 7; wd++ {
		w.Orders[wd] = make([]float64, slots)
		w.Calls[wd] = make([]float64, slots)
		w.Chats[wd] = make([]float64, slots)
		w.CallsEstimated[wd] = make([]bool, slots)
		for s := 0; s < slots; s++ {
			var o, c, ch []float64
			for _, k := range order {
				ds := days[k]
				if int(ds.wd) != wd {
					continue
				}
				o = append(o, ds.orders[s])
				ch = append(ch, ds.chats[s])
				if ds.seen[s] {
					c = append(c, ds.calls[s])
					seenCalls += ds.calls[s]
					seenChats += ds.chats[s]
					seenOrders += ds.orders[s]
				}
			}
			w.Orders[wd][s] = summary(o, st)
			w.Chats[wd][s] = summary(ch, st)
			if len(c) > 0 {
				w.Calls[wd][s] = summary(c, st)
			} else {
				w.Calls[wd][s] = math.NaN()
				w.CallsEstimated[wd][s] = true
			}
		}
	}
	w.CallsPer, w.Ratio = "chats", 0.0
	if seenChats > 0 {
		w.Ratio = seenCalls / seenChats
	} else if seenOrders > 0 {
		w.CallsPer, w.Ratio = "orders", seenCalls/seenOrders
	}
	for wd := 0; wd < 7; wd++ {
		for s := 0; s < slots; s++ {
			if w.CallsEstimated[wd][s] {
				base := w.Chats[wd][s]
				if w.CallsPer == "orders" {
					base = w.Orders[wd][s]
				}
				w.Calls[wd][s] = w.Ratio * base
			}
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
	// Linear interpolation between order statistics (Hyndman & Fan type 7).
	h := st.Quantile * float64(len(sorted)-1)
	lo := int(math.Floor(h))
	if lo+1 >= len(sorted) {
		return sorted[lo]
	}
	return sorted[lo] + (h-float64(lo))*(sorted[lo+1]-sorted[lo])
}
