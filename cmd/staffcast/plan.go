package main

import (
	"github.com/urfave/cli/v2"
)

func planCommand() *cli.Command {
	return &cli.Command{
		Name:  "plan",
		Usage: "the whole chain: history → demand → staffing → opening hours, with the current hours beside the recommendation",
		UsageText: `staffcast plan
   staffcast plan --history hourly.csv --tz Europe/Stockholm --aht 4m --target 80/20 --budget 250h --current "Mon-Fri 09:00-17:00"

With no arguments it plans on the embedded sample: a Nordic web shop whose
phones are open Monday-Friday 08:00-17:00 while its customers order in the
evening. The demand of each weekday is the mean of the history's last 52
weeks, with the Christmas rush (1-23 December) as a period of its own
(--period replaces it). The budget defaults to what the current hours
cost, so the answer is what the same agent-hours buy when they are placed
where the customers are. (The forecast engine will feed the coming weeks
here when it lands; until then the plan is built on history.)`,
		Flags: append(append([]cli.Flag{
			&cli.StringFlag{Name: "history", Usage: "hourly history with orders and calls: CSV, Parquet or Arrow; default: the embedded sample"},
		}, hoursFlags()...), outputFlags(formatTable, formatJSON, formatCSV)...),
		Action: func(c *cli.Context) error { return runHours(c, c.String("history"), true) },
	}
}
