package main

import (
	"errors"

	"github.com/urfave/cli/v2"
)

func convertCommand() *cli.Command {
	return &cli.Command{
		Name:  "convert",
		Usage: "convert a table between CSV, Parquet, Arrow and JSON",
		UsageText: `staffcast convert --in hourly.csv --tz Europe/Stockholm --out hourly.parquet
   staffcast convert --in hourly.parquet --format csv

The format is read from the file extensions, or --format for the output.
Times without a UTC offset are read in --tz and written as RFC 3339 with
their offset (CSV, JSON) or as timestamps with the zone (Parquet, Arrow).`,
		Flags: append(append([]cli.Flag{
			&cli.StringFlag{Name: "in", Usage: "table to convert: CSV, Parquet or Arrow; - for CSV on stdin"},
			&cli.StringFlag{Name: "time-column", Value: "start", Usage: "the timestamp column"},
		}, timeFlags()...), outputFlags(formatCSV, formatJSON, formatParquet, "arrow", formatTable)...),
		Action: runConvert,
	}
}

func runConvert(c *cli.Context) error {
	if c.String("in") == "" {
		return usageError(errors.New("convert needs --in FILE"))
	}
	out, err := newOutput(c, formatCSV, formatJSON, formatParquet, "arrow", formatTable)
	if err != nil {
		return err
	}
	ro, err := readOptions(c)
	if err != nil {
		return err
	}
	ro.TimeColumn = c.String("time-column")
	t, err := readTable(c, c.String("in"), ro)
	if err != nil {
		return err
	}
	return out.writeTable(c.App.Writer, t, 3)
}
