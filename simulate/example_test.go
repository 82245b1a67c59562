package simulate_test

import (
	"context"
	"fmt"
	"time"

	"github.com/staffcast/staffcast/simulate"
)

// Example simulates a morning whose load triples for an hour, staffed
// interval by interval, and shows the queue carried past the peak.
func Example() {
	q := simulate.Queue{AHT: 4 * time.Minute}
	t0 := time.Date(2025, 11, 17, 8, 0, 0, 0, time.UTC)
	for i := range 12 {
		volume, agents := 75.0, 25 // 20 Erlangs
		if i >= 4 && i < 8 {
			volume, agents = 225, 67 // 60 Erlangs
		}
		q.Intervals = append(q.Intervals, simulate.Interval{Start: t0.Add(time.Duration(i) * 15 * time.Minute), Volume: volume, Agents: agents})
	}
	res, err := simulate.Run(context.Background(), q, simulate.Settings{
		Interval: 15 * time.Minute, ServiceLevel: 0.8, AnswerWithin: 20 * time.Second,
		Replications: 100, Seed: 1,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, iv := range res.Intervals[6:10] {
		fmt.Printf("%s  %2.0f agents  SL %3.0f%% [%3.0f, %3.0f]  below target %v\n", iv.Start.Format("15:04"), iv.Agents,
			100*iv.ServiceLevel.Mean, 100*iv.ServiceLevel.Lo, 100*iv.ServiceLevel.Hi, iv.BelowTarget)
	}
	// Output:
	// 09:30  67 agents  SL  86% [ 82,  91]  below target false
	// 09:45  67 agents  SL  86% [ 81,  91]  below target false
	// 10:00  25 agents  SL  15% [ 10,  19]  below target true
	// 10:15  25 agents  SL  56% [ 48,  64]  below target true
}
