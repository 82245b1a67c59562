package forecast

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/staffcast/staffcast/internal/quantile"
	"gonum.org/v1/gonum/mat"
)

// Driven is a forecast of contacts driven by orders.
type Driven struct {
	*Result
	// PerOrder holds the contacts per order learned at each lag in days
	// (0 = the same day), and ContactsPerOrder their sum.
	PerOrder         []float64
	ContactsPerOrder float64
	Orders           *Result // the orders forecast that drives the contacts
}

// maxLag is the longest delay between an order and the contacts it
// causes that the driver model looks at: questions about delivery come
// one to three days after ordering.
const maxLag = 3

// ForecastDriven forecasts contacts (calls, chats, emails) with orders as
// their driver. Daily contacts are regressed on the orders of the same
// day and the maxLag days before (least squares with non-negative
// coefficients, recent weeks weighted more); future orders come from
// Forecast; future daily contacts are spread over the hours with the
// share each interval of the week had in the last eight weeks. Days
// without any contact observation (a phone line closed all day) are left
// out of the fit, and intervals never observed stay zero, as in Forecast.
// Prediction quantiles come from the log-scale errors on a holdout of
// the last horizon (one origin, where ForecastAt uses up to six).
func ForecastDriven(start []time.Time, contacts, orders []float64, step, span time.Duration, opt Options) (*Driven, error) {
	if len(orders) != len(start) {
		return nil, errors.New("forecast: want one order count per start time")
	}
	if len(start) == 0 {
		return nil, fmt.Errorf("%w: no history", ErrTooShort)
	}
	if err := checkHorizon(span, step); err != nil {
		return nil, err
	}
	horizon := int(span / step)
	future := make([]time.Time, horizon)
	t := start[len(start)-1]
	for i := range future {
		t = t.Add(step)
		future[i] = t
	}
	if err := check(start, contacts, step, future); err != nil {
		return nil, err
	}
	if err := check(start, orders, step, future); err != nil {
		return nil, fmt.Errorf("orders: %w", err)
	}
	ordFc, err := ForecastAt(start, orders, step, future, Options{Model: opt.Model, Events: opt.Events, Quantiles: []float64{0.5}})
	if err != nil {
		return nil, err
	}
	point, w, err := driven(start, contacts, orders, step, future, ordFc.Point, opt)
	if err != nil {
		return nil, err
	}
	d := &Driven{Result: &Result{Start: future, Point: point, Model: Regression, Warnings: ordFc.Warnings}, PerOrder: w, Orders: ordFc}
	for _, v := range w {
		d.ContactsPerOrder += v
	}
	// Quantiles from a holdout of the last horizon (at most four weeks).
	levels := opt.Quantiles
	if levels == nil {
		levels = DefaultQuantiles
	}
	d.Levels = levels
	h := min(horizon, int(28*24*time.Hour/step))
	var resid []float64
	if cut := len(start) - h; cut > int(21*24*time.Hour/step) {
		hp, _, err := driven(start[:cut], contacts[:cut], orders[:cut], step, start[cut:], orders[cut:], opt)
		if err == nil {
			for i, v := range contacts[cut:] {
				// Open intervals only, as in ForecastAt: a closed hour
				// at zero would narrow the band of the open ones.
				if !math.IsNaN(v) && (v > 0 || hp[i] > 0) {
					resid = append(resid, math.Log1p(v)-math.Log1p(hp[i]))
				}
			}
		}
	}
	sort.Float64s(resid)
	for _, q := range levels {
		qs := make([]float64, horizon)
		off := roughOffset(q)
		if len(resid) >= 20 {
			off = quantile.Sorted(resid, q)
		}
		for i, p := range point {
			if p > 0 {
				qs[i] = math.Max(0, math.Expm1(math.Log1p(p)+off))
			}
		}
		d.Quantiles = append(d.Quantiles, qs)
	}
	return d, nil
}

// driven fits the lag weights on history and forecasts contacts at future
// given the orders there (forecast or, in a holdout, actual).
func driven(start []time.Time, contacts, orders []float64, step time.Duration, future []time.Time, futureOrders []float64, opt Options) ([]float64, []float64, error) {
	// Daily totals by local date.
	type day struct {
		orders, contacts float64
		seen             bool
	}
	days := map[int64]*day{}
	get := func(t time.Time) *day {
		k := wallKey(dayOf(t))
		d := days[k]
		if d == nil {
			d = &day{}
			days[k] = d
		}
		return d
	}
	for i, t := range start {
		d := get(t)
		if !math.IsNaN(orders[i]) {
			d.orders += orders[i]
		}
		if !math.IsNaN(contacts[i]) {
			d.contacts += contacts[i]
			d.seen = true
		}
	}
	for i, t := range future {
		get(t).orders += futureOrders[i]
	}
	last := dayOf(start[len(start)-1])
	half := opt.HalfLife
	if half == 0 {
		half = 12 * 7 * 24 * time.Hour
	}
	lagOrders := func(d time.Time) ([]float64, bool) {
		x := make([]float64, maxLag+1)
		for k := range x {
			dd := days[wallKey(d.AddDate(0, 0, -k))]
			if dd == nil {
				return nil, false
			}
			x[k] = dd.orders
		}
		return x, true
	}
	// Weighted least squares over the days with contacts, then non-negative
	// by dropping negative lags and refitting (active-set NNLS, Lawson &
	// Hanson 1974, enough for four coefficients).
	var rows [][]float64
	var ys, ws []float64
	for d := dayOf(start[0]).AddDate(0, 0, maxLag); !d.After(last); d = d.AddDate(0, 0, 1) {
		dd := days[wallKey(d)]
		x, ok := lagOrders(d)
		if dd == nil || !dd.seen || !ok || (d.Equal(last) && start[len(start)-1].Hour() < 23) {
			continue
		}
		rows = append(rows, x)
		ys = append(ys, dd.contacts)
		ws = append(ws, math.Exp2(-last.Sub(d).Hours()/half.Hours()))
	}
	if len(rows) < 14 {
		return nil, nil, fmt.Errorf("%w: %d days with contacts to learn contacts per order from; want at least 14", ErrTooShort, len(rows))
	}
	active := []int{0, 1, 2, 3}
	var w []float64
	for {
		p := len(active)
		a := mat.NewDense(p, p, nil)
		b := mat.NewVecDense(p, nil)
		for r, x := range rows {
			for i, ci := range active {
				b.SetVec(i, b.AtVec(i)+ws[r]*x[ci]*ys[r])
				for j, cj := range active {
					a.Set(i, j, a.At(i, j)+ws[r]*x[ci]*x[cj])
				}
			}
		}
		var sol mat.VecDense
		if err := sol.SolveVec(a, b); err != nil {
			return nil, nil, fmt.Errorf("forecast: contacts per order: %w", err)
		}
		w = make([]float64, maxLag+1)
		neg := -1
		for i, ci := range active {
			w[ci] = sol.AtVec(i)
			if w[ci] < 0 && (neg < 0 || w[ci] < w[active[neg]]) {
				neg = i
			}
		}
		if neg < 0 {
			break
		}
		active = append(active[:neg], active[neg+1:]...)
		if len(active) == 0 {
			w = make([]float64, maxLag+1)
			break
		}
	}
	// Each interval's share of its day's contacts, by interval of the week,
	// over the last eight weeks of history.
	share := map[int]float64{}
	dayTotal := map[int]float64{} // weekday → contacts over those weeks
	from := start[len(start)-1].AddDate(0, 0, -56)
	for i, t := range start {
		if t.After(from) && !math.IsNaN(contacts[i]) {
			share[slotOf(t, step)] += contacts[i]
			dayTotal[int(t.Weekday())] += contacts[i]
		}
	}
	out := make([]float64, len(future))
	for i, t := range future {
		tot := dayTotal[int(t.Weekday())]
		x, ok := lagOrders(dayOf(t))
		if tot == 0 || !ok {
			continue
		}
		daily := 0.0
		for k, v := range x {
			daily += w[k] * v
		}
		out[i] = daily * share[slotOf(t, step)] / tot
	}
	return out, w, nil
}
