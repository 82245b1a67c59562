package hours_test

import (
	"fmt"
	"math"
	"time"

	"github.com/staffcast/staffcast/staffing"
	"github.com/staffcast/staffcast/staffing/hours"
)

// Two weeks of a small shop: orders peak in the evening, calls by day,
// and the phone line has been open 09-17 on weekdays only (calls unknown,
// NaN, outside). The recommendation keeps today's callers answered and
// then covers the most orders for a fifth more agent-hours than today;
// among the plans within half a per cent of the best it takes the most
// regular, and says what that costs.
func Example() {
	loc := time.FixedZone("CET", 3600)
	var d hours.Demand
	d.Step = time.Hour
	for t := time.Date(2025, 3, 3, 0, 0, 0, 0, loc); t.Before(time.Date(2025, 3, 17, 0, 0, 0, 0, loc)); t = t.Add(time.Hour) {
		h := t.Hour()
		orders := 10 + 40*math.Exp(-math.Pow(float64(h-20), 2)/8)
		calls := 2 + 10*math.Exp(-math.Pow(float64(h-12), 2)/18)
		if wd := t.Weekday(); wd == time.Saturday || wd == time.Sunday || h < 9 || h >= 17 {
			calls = math.NaN()
		}
		d.Start = append(d.Start, t)
		d.Orders = append(d.Orders, orders)
		d.Calls = append(d.Calls, calls)
	}
	w, err := hours.Profile(d, nil, nil, hours.Statistic{})
	if err != nil {
		panic(err)
	}
	today, _ := staffing.ParseOpeningHours("Mon-Fri 09:00-17:00")
	s := hours.Settings{AHT: 4 * time.Minute, Target: staffing.Target{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second},
		MinOpen: 6 * time.Hour, MaxOpen: 12 * time.Hour, ClosedOK: [7]bool{true, false, false, false, false, false, true}}
	cur, err := hours.Evaluate(&w, s, today)
	if err != nil {
		panic(err)
	}
	s.Budget, s.Floor = 1.2*cur.Cost, cur.CallsLow // the callers today's hours answer, then orders
	p, err := hours.Recommend(&w, s)
	if err != nil {
		panic(err)
	}
	fmt.Printf("estimated from %s; today %v: %.0f%% of orders, %.0f agent-hours\n", w.Source, today, 100*cur.OrdersCovered(), cur.AgentHours)
	fmt.Printf("recommended %v: %.0f%% of orders, %.0f agent-hours, %d windows\n", p.Hours(), 100*p.OrdersCovered(), p.AgentHours, p.Windows)
	if p.Best != nil {
		// (Its hours are one of several exact ties on this regular week.)
		fmt.Printf("%.2f%% fewer orders than the best plan, which has %d windows\n", 100*p.ValueLoss(), p.Best.Windows)
	}
	// Output:
	// estimated from orders; today Mon-Fri 09:00-17:00: 14% of orders, 85 agent-hours
	// recommended Mon-Thu 09:00-17:00, Fri 13:00-23:00: 21% of orders, 102 agent-hours, 2 windows
	// 0.47% fewer orders than the best plan, which has 4 windows
}
