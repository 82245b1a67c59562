package shifts_test

import (
	"context"
	"fmt"
	"time"

	"github.com/staffcast/staffcast/staffing/shifts"
)

// Agents required per hour on one day, open 08:00–20:00, turned into a
// shift table of 4- and 8-hour shifts at least paid hours.
func Example() {
	loc, _ := time.LoadLocation("Europe/Stockholm")
	day := time.Date(2026, 1, 5, 0, 0, 0, 0, loc)
	var start []time.Time
	var required []float64
	for h := 0; h < 24; h++ {
		start = append(start, day.Add(time.Duration(h)*time.Hour))
		need := 0.0
		switch {
		case h >= 8 && h < 12:
			need = 3
		case h >= 12 && h < 16:
			need = 5
		case h >= 16 && h < 20:
			need = 2
		}
		required = append(required, need)
	}
	rules := shifts.Rules{
		StartEvery: time.Hour,
		Lengths:    []time.Duration{4 * time.Hour, 8 * time.Hour},
	}
	s, err := shifts.Solve(context.Background(), start, time.Hour, required, rules, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, sh := range s.Shifts {
		fmt.Printf("%s–%s agents: %d\n", sh.Start.Format("15:04"), sh.End.Format("15:04"), sh.Agents)
	}
	fmt.Printf("%.0f paid hours, %v (lower bound %.0f)\n", s.PaidHours, s.Status, s.LowerBound)
	// Output:
	// 08:00–12:00 agents: 2
	// 08:00–16:00 agents: 1
	// 12:00–16:00 agents: 2
	// 12:00–20:00 agents: 2
	// 40 paid hours, optimal (lower bound 40)
}
