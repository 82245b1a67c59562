package clock_test

import (
	"fmt"
	"time"

	"github.com/staffcast/staffcast/clock"
)

// A shift from 22:00 to 06:00 the next morning, placed on the Saturday
// before Stockholm's autumn change: the night has an extra hour.
func Example() {
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		fmt.Println(err)
		return
	}
	start, _ := clock.Parse("22:00", 24)
	end, _ := clock.Parse("30:00", 48)
	sat := time.Date(2026, 10, 24, 0, 0, 0, 0, loc)
	from, to := clock.On(sat, start), clock.On(sat, end)
	fmt.Println(from.Format("Mon 15:04 MST"), "to", to.Format("Mon 15:04 MST"), "is", to.Sub(from))
	fmt.Println(clock.Format(end), "reads", clock.Format(clock.Of(to)), "on the clock")
	// Output:
	// Sat 22:00 CEST to Sun 06:00 CET is 9h0m0s
	// 30:00 reads 06:00 on the clock
}
