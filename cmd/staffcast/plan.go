package main

import (
	"fmt"
	"time"

	"github.com/staffcast/staffcast/clock"
	"github.com/urfave/cli/v2"
)

func planCommand() *cli.Command {
	return &cli.Command{
		Name:  "plan",
		Usage: "the whole chain: history → demand → closed-hour calls → staffing → opening hours, today's hours beside the recommendation, a budget frontier",
		UsageText: `staffcast plan
   staffcast plan --budget normal=210h,christmas=380h --premium "Mon-Fri 18:00-24:00=1.5,Sat-Sun=1.7,holidays=2"
   staffcast plan --history shop.csv --tz Europe/Stockholm --aht 4m --target 80/20 --current "Mon-Fri 09:00-17:00" --requirements-out requirements-plan.csv

With no arguments it plans on the embedded sample: a Nordic web shop whose
phones are open Monday-Friday 08:00-17:00 while its customers order in the
evening. It forecasts the 52 weeks after the history (orders, calls and
chats; the regression model, with yearly seasonality, Swedish holidays and
retail events) and plans each weekday from the mean of those weeks, with
the Christmas rush (1-23 December) as a period of its own (--period
replaces it; --demand-from history plans on the last 52 weeks of history
instead). The recommendation answers at least as many calls within target
as today's hours (calls in never-open hours counted at the low end of
their estimate), then covers the most orders within the budget, by
default what today's hours cost. The frontier shows what each extra step
of budget buys.`,
		Flags: append(append([]cli.Flag{
			&cli.StringFlag{Name: "history", Usage: "hourly history with orders and calls: CSV, Parquet or Arrow; default: the embedded sample"},
			&cli.StringFlag{Name: "demand-from", Value: "forecast", Usage: "plan on a forecast of the coming 52 weeks (forecast) or on the last 52 weeks of history (history)"},
			&cli.StringFlag{Name: "events", Usage: "CSV of your own events (name,start,end) for the forecast"},
			&cli.StringFlag{Name: "model", Value: "regression", Usage: "forecast model (see staffcast forecast --help)"},
		}, append(hoursFlags(), planChannelFlags()...)...), outputFlags(formatTable, formatJSON, formatCSV)...),
		Action: func(c *cli.Context) error { return runHours(c, c.String("history"), true) },
	}
}

// parseClockFlag reads a clock time HH:MM from 00:00 to maxHour:00; above
// 24:00 means the next day (30:00 = 06:00).
func parseClockFlag(name, s string, maxHour int) (time.Duration, error) {
	d, err := clock.Parse(s, maxHour)
	if err != nil {
		want := "a clock time HH:MM"
		if maxHour > 24 {
			want = fmt.Sprintf("a clock time HH:MM, up to %d:00 (30:00 = 06:00 the next day)", maxHour)
		}
		return 0, usageError(fmt.Errorf("--%s %q: want %s", name, s, want))
	}
	return d, nil
}
