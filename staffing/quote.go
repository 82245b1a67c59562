package staffing

import (
	"cmp"
	"math"
	"slices"
	"time"
)

// WaitQuantile returns the p-quantile of the wait, in seconds, of an
// Erlang C queue with result r and handling time aht:
//
//	P(W > t) = C·exp(−(n − a)·t/AHT)  ⇒  t_p = AHT·ln(C/(1 − p))/(n − a)
//
// and 0 when p <= 1 − C (that share is answered at once). It is +Inf for
// an unstable queue.
func WaitQuantile(r Result, aht time.Duration, p float64) float64 {
	if r.OfferedLoad == 0 || r.PWait <= 1-p {
		return 0
	}
	slack := float64(r.Agents) - r.OfferedLoad
	if slack <= 0 {
		return math.Inf(1)
	}
	return aht.Seconds() * math.Log(r.PWait/(1-p)) / slack
}

// spreadQuantile returns the open time, in units of the interval, by
// which a share q of an interval's items is worked under the backlog
// model: a share s is spread evenly over w1 open intervals, the rest over
// w2 >= w1. The completion time is a mixture of two uniform laws,
//
//	F(x) = s·min(x/w1, 1) + (1 − s)·min(x/w2, 1)
//
// solved for F(x) = q piece by piece.
func spreadQuantile(q, s float64, w1, w2 int) float64 {
	f1, f2 := float64(w1), float64(w2)
	if w1 == w2 || s == 1 {
		return q * f1
	}
	if knee := s + (1-s)*f1/f2; q <= knee {
		return q / (s/f1 + (1-s)/f2)
	}
	return (q - s) / (1 - s) * f2
}

// HourQuote is what can be promised to a contact of one channel arriving
// in one hour of one weekday.
type HourQuote struct {
	Channel Channel
	Weekday time.Weekday
	Hour    int
	// P50 and P90 are the longest quotes of that hour over the weeks of
	// the plan, in seconds: a quote that holds in every week.
	P50, P90 float64
	Open     bool // whether any interval of that hour was open
}

// QuoteTable condenses the quotes of a plan into "what we can promise, by
// hour": for each channel with quotes, weekday and local hour, the
// longest p50 and p90 over the plan's weeks. Hours without a quote (an
// interval whose answer lies past the plan's end) are left out of the
// maximum; an hour with none is left out of the table.
func QuoteTable(needs []Need) []HourQuote {
	var q quoteAcc
	q.add(needs)
	return q.table()
}

type quoteKey struct {
	ch   Channel
	day  time.Weekday
	hour int
}

// quoteAcc accumulates a QuoteTable.
type quoteAcc struct {
	at  map[quoteKey]int
	out []HourQuote
}

func (a *quoteAcc) add(needs []Need) {
	if a.at == nil {
		a.at = map[quoteKey]int{}
	}
	for _, n := range needs {
		if math.IsNaN(n.QuoteP90) {
			continue
		}
		k := quoteKey{n.Channel, n.Start.Weekday(), n.Start.Hour()}
		i, ok := a.at[k]
		if !ok {
			i = len(a.out)
			a.at[k] = i
			a.out = append(a.out, HourQuote{Channel: k.ch, Weekday: k.day, Hour: k.hour})
		}
		q := &a.out[i]
		q.P50, q.P90 = max(q.P50, n.QuoteP50), max(q.P90, n.QuoteP90)
		q.Open = q.Open || !n.Closed
	}
}

func (a *quoteAcc) table() []HourQuote {
	out := slices.Clone(a.out)
	monday := func(d time.Weekday) int { return (int(d) + 6) % 7 }
	slices.SortFunc(out, func(a, b HourQuote) int {
		return cmp.Or(cmp.Compare(a.Channel, b.Channel), cmp.Compare(monday(a.Weekday), monday(b.Weekday)), cmp.Compare(a.Hour, b.Hour))
	})
	return out
}
