package main

import (
	"github.com/urfave/cli/v2"
)

func planCommand() *cli.Command {
	return &cli.Command{
		Name:  "plan",
		Usage: "the whole chain: history → demand → staffing → opening hours, with the current hours beside the recommendation",
		UsageText: `staffcast plan
   staffcast plan --history shop.csv --tz Europe/Stockholm --aht 4m --target 80/20 --budget 260h --current "Mon-Fri 09:00-17:00"

With no arguments it plans on the embedded sample: a Nordic web shop whose
phones are open Monday-Friday 08:00-17:00 while its customers order in the
evening. It forecasts the 52 weeks after the history (orders, calls and
chats; the regression model, with yearly seasonality, Swedish holidays and
retail events) and recommends hours per weekday from the mean of those
weeks, with the Christmas rush (1-23 December) as a period of its own
(--period replaces it; --demand-from history plans on the last 52 weeks of
history instead). The budget defaults to what the current hours cost, so
the answer is what the same agent-hours buy when they are placed where the
customers are.`,
		Flags: append(append([]cli.Flag{
			&cli.StringFlag{Name: "history", Usage: "hourly history with orders and calls: CSV, Parquet or Arrow; default: the embedded sample"},
			&cli.StringFlag{Name: "demand-from", Value: "forecast", Usage: "plan on a forecast of the coming 52 weeks (forecast) or on the last 52 weeks of history (history)"},
			&cli.StringFlag{Name: "country", Value: "SE", Usage: "holidays and retail calendar for the forecast: SE, NO, DK or FI"},
			&cli.StringFlag{Name: "events", Usage: "CSV of your own events (name,start,end) for the forecast"},
			&cli.StringFlag{Name: "model", Value: "regression", Usage: "forecast model (see staffcast forecast --help)"},
		}, hoursFlags()...), outputFlags(formatTable, formatJSON, formatCSV)...),
		Action: func(c *cli.Context) error { return runHours(c, c.String("history"), true) },
	}
}
