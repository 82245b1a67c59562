package main

import (
	"fmt"
	"time"

	"github.com/staffcast/staffcast/data"
	"github.com/urfave/cli/v2"
)

func aggregateCommand() *cli.Command {
	return &cli.Command{
		Name:  "aggregate",
		Usage: "count events (or sum a column) per local interval: an order log in, an hourly series out",
		UsageText: `staffcast aggregate --in orders.csv --time-column created_at --tz Europe/Stockholm --every 1h --out hourly.csv
   staffcast aggregate --in orders.parquet --time-column created_at --sum-column amount --every 15m --format csv

Timestamps with a UTC offset or Z are instants; without one they are local
time in --tz, and a local time that a daylight-saving change skips or
repeats is an error naming the line unless --ambiguous in-order, earlier or
later says how to read it. Intervals follow the local clock of --tz; without
--tz, each event's own offset (21:30+01:00 counts in the 21:00 interval).
Every interval from the first event to the last is in the output, zero
intervals included; start is RFC 3339 with its UTC offset, so the repeated
autumn hour appears twice. The log is streamed: memory grows
with the number of intervals, not of events.`,
		Flags: append(append([]cli.Flag{
			&cli.StringFlag{Name: "in", Usage: "event log: CSV or Parquet; - for CSV on stdin; default: the embedded sample's orders"},
			&cli.StringFlag{Name: "time-column", Value: "created_at", Usage: "column holding each event's time"},
			&cli.StringFlag{Name: "every", Value: "1h", Usage: "interval length: 15m, 30m, 1h or 1d"},
			&cli.StringFlag{Name: "sum-column", Usage: "sum this numeric column per interval instead of counting events"},
		}, timeFlags()...), outputFlags(formatCSV, formatJSON, formatParquet, formatTable)...),
		Action: runAggregate,
	}
}

func runAggregate(c *cli.Context) error {
	in := c.String("in")
	out, err := newOutput(c, formatCSV, formatJSON, formatParquet, formatTable)
	if err != nil {
		return err
	}
	ro, err := readOptions(c)
	if err != nil {
		return err
	}
	every, err := parseSpan("every", c.String("every"))
	if err != nil {
		return err
	}
	if err := data.CheckAggregateInterval(every); err != nil {
		return usageError(fmt.Errorf("--every %s: %w", c.String("every"), err))
	}
	ro.TimeColumn = c.String("time-column")
	opt := data.AggregateOptions{ReadOptions: ro, Every: every, SumColumn: c.String("sum-column")}
	var s *data.Series
	switch in {
	case "":
		sampleNote(c, "in", "the order log of its last four weeks, Europe/Stockholm")
		log, lerr := sampleOrderLog()
		if lerr != nil {
			return lerr
		}
		if !c.IsSet("tz") {
			opt.Location, _ = time.LoadLocation("Europe/Stockholm")
		}
		s, err = data.Aggregate(log, "sample orders", data.CSV, opt)
	case "-":
		s, err = data.Aggregate(c.App.Reader, "stdin", data.CSV, opt)
	default:
		s, err = data.AggregateFile(in, opt)
	}
	if err != nil {
		// The flags were checked above: what fails now is the log (a
		// missing file, a bad line, a missing column).
		return inputError(err)
	}
	return out.writeTable(c.App.Writer, s.Table(), 2)
}
