package plan

import (
	"context"
	"fmt"
	"github.com/staffcast/staffcast/clock"
	"math"
	"time"

	"github.com/staffcast/staffcast/forecast"
	"github.com/staffcast/staffcast/staffing/hours"
)

// window is demand with its closed-hour estimate.
type window struct {
	d  hours.Demand
	cc *hours.ClosedCalls
}

// lastWeeks returns the last n weeks of d: the window both `hours` and
// `plan --demand-from history` average over, whatever the source.
func lastWeeks(d hours.Demand, cc *hours.ClosedCalls, n int) window {
	end := d.Start[len(d.Start)-1].Add(d.Step)
	from := end.AddDate(0, 0, -7*n)
	i := 0
	for i < len(d.Start) && d.Start[i].Before(from) {
		i++
	}
	cut := func(v []float64) []float64 {
		if v == nil {
			return nil
		}
		return v[i:]
	}
	return window{
		d: hours.Demand{Start: d.Start[i:], Step: d.Step, Orders: cut(d.Orders), Calls: cut(d.Calls), Chats: cut(d.Chats), CallsClosed: cut(d.CallsClosed)},
		cc: &hours.ClosedCalls{Source: cc.Source, RepeatAttempts: cc.RepeatAttempts, Ratio: cc.Ratio,
			Low: cut(cc.Low), Central: cut(cc.Central), High: cut(cc.High), Estimated: cc.Estimated[i:]},
	}
}

// forecastDemand forecasts orders, chats and calls (observed, with the
// central closed-hour estimate filled in) for the 52 weeks after the
// history. The band of the forecast calls keeps the history's: per
// weekday and slot, low and high are the same multiples of the central
// estimate as over the last 52 weeks, and a slot counts as estimated
// when its calls were never seen in those weeks.
func forecastDemand(ctx context.Context, d hours.Demand, cc *hours.ClosedCalls, last window, fopt forecast.Options) (hours.Demand, *hours.ClosedCalls, error) {
	const horizon = 364 * 24 * time.Hour
	out := hours.Demand{Step: d.Step}
	cols := []struct {
		name string
		y    []float64
		dst  *[]float64
	}{{"orders", d.Orders, &out.Orders}, {"calls", cc.Central, &out.Calls}, {"chats", d.Chats, &out.Chats}}
	for _, c := range cols {
		if c.y == nil {
			continue
		}
		if err := ctx.Err(); err != nil {
			return out, nil, err
		}
		res, err := forecast.Forecast(d.Start, c.y, d.Step, horizon, fopt)
		if err != nil {
			return out, nil, fmt.Errorf("forecasting %s: %w", c.name, err)
		}
		out.Start = res.Start
		p := make([]float64, len(res.Point))
		for i, v := range res.Point {
			p[i] = math.Max(0, v)
		}
		*c.dst = p
	}
	slots := int(24 * time.Hour / d.Step)
	slot := func(t time.Time) (int, int) {
		return int(t.Weekday()), int(clock.Of(t) / d.Step)
	}
	var low, central, high [7][]float64
	var seen [7][]bool
	for wd := 0; wd < 7; wd++ {
		low[wd], central[wd], high[wd], seen[wd] = make([]float64, slots), make([]float64, slots), make([]float64, slots), make([]bool, slots)
	}
	for i, t := range last.d.Start {
		wd, k := slot(t)
		low[wd][k] += last.cc.Low[i]
		central[wd][k] += last.cc.Central[i]
		high[wd][k] += last.cc.High[i]
		seen[wd][k] = seen[wd][k] || !last.cc.Estimated[i]
	}
	n := len(out.Start)
	fcc := &hours.ClosedCalls{Source: cc.Source, RepeatAttempts: cc.RepeatAttempts, Ratio: cc.Ratio,
		Low: make([]float64, n), Central: out.Calls, High: make([]float64, n), Estimated: make([]bool, n)}
	for i, t := range out.Start {
		wd, k := slot(t)
		lo, hi := 1.0, 1.0
		if central[wd][k] > 0 {
			lo, hi = low[wd][k]/central[wd][k], high[wd][k]/central[wd][k]
		}
		fcc.Low[i], fcc.High[i] = lo*out.Calls[i], hi*out.Calls[i]
		fcc.Estimated[i] = !seen[wd][k]
	}
	return out, fcc, nil
}
