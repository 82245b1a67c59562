package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/staffcast/staffcast/data"
	"github.com/staffcast/staffcast/sample"
	"github.com/urfave/cli/v2"
)

func convertCommand() *cli.Command {
	return &cli.Command{
		Name:  "convert",
		Usage: "convert a table between CSV, Parquet, Arrow and JSON; map contact-system reports; pivot long to wide",
		UsageText: `staffcast convert --in hourly.csv --tz Europe/Stockholm --out hourly.parquet
   staffcast convert --in genesys.csv --report genesys --tz Europe/Stockholm --out intervals.csv
   staffcast convert --in queue_stats.txt --report teleopti --tz Europe/Stockholm --pivot channel --value offered
   staffcast convert --in export.csv --report mapped --map start=Interval --map offered=Calls --map handled=Answered --map aht_seconds=AHT

The format is read from the file extensions, or --format for the output.
Times without a UTC offset are read in --tz and written as RFC 3339 with
their offset (CSV, JSON) or as timestamps with the zone (Parquet, Arrow).

--report reads an interval report into the canonical layout start, queue,
channel, offered, handled, abandoned, handle_seconds (sums, not averages):
genesys (Genesys Cloud historical-import CSV), teleopti (Teleopti/Calabrio
queue statistics: no header, fixed field order), or mapped (any CSV with
a header, columns named with --map FIELD=COLUMN; --map also overrides
the genesys and teleopti defaults, with field numbers for teleopti).
--pivot KEYS --value COLUMN turns a long table into a wide series: one
column per distinct KEYS value, summed.`,
		Flags: append(append([]cli.Flag{
			&cli.StringFlag{Name: "in", Usage: "table to convert: CSV, Parquet or Arrow; - for CSV on stdin; default: the embedded sample"},
			&cli.StringFlag{Name: "time-column", Value: "start", Usage: "the timestamp column"},
			&cli.StringFlag{Name: "report", Usage: "read an interval report: genesys, teleopti or mapped"},
			&cli.StringSliceFlag{Name: "map", Usage: "FIELD=COLUMN: the report column (or field number) holding a canonical field; repeat"},
			&cli.StringFlag{Name: "pivot", Usage: "comma-separated key columns of a long table (e.g. queue,channel) to spread into columns"},
			&cli.StringFlag{Name: "value", Value: "offered", Usage: "with --pivot: the numeric column to sum"},
		}, timeFlags()...), outputFlags(formatCSV, formatJSON, formatParquet, "arrow", formatTable)...),
		Action: runConvert,
	}
}

func runConvert(c *cli.Context) error {
	out, err := newOutput(c, formatCSV, formatJSON, formatParquet, "arrow", formatTable)
	if err != nil {
		return err
	}
	ro, err := readOptions(c)
	if err != nil {
		return err
	}
	ro.TimeColumn = c.String("time-column")
	var t *data.Table
	if layout := c.String("report"); layout != "" {
		if t, err = readReport(c, layout, ro); err != nil {
			return err
		}
	} else if c.String("in") == "" {
		sampleNote(c, "in", "hourly orders, calls, chats and emails, Europe/Stockholm, 2023-2025")
		s, err := sample.Shop()
		if err != nil {
			return err
		}
		t = s.Table()
	} else if t, err = readTable(c, c.String("in"), ro); err != nil {
		return err
	}
	if keys := c.String("pivot"); keys != "" {
		s, err := data.Pivot(t, strings.Split(keys, ","), c.String("value"))
		if err != nil {
			return inputError(err)
		}
		t = s.Table()
	}
	return out.writeTable(c.App.Writer, t, 3)
}

func readReport(c *cli.Context, layout string, ro data.ReadOptions) (*data.Table, error) {
	opt := data.ReportOptions{ReadOptions: ro, Map: map[string]string{}}
	var err error
	if opt.Layout, err = data.ParseLayout(layout); err != nil {
		return nil, usageError(fmt.Errorf("--report: %w", err))
	}
	for _, m := range c.StringSlice("map") {
		field, col, ok := strings.Cut(m, "=")
		if !ok || field == "" || col == "" {
			return nil, usageError(fmt.Errorf("--map %q: want FIELD=COLUMN, e.g. --map offered=Calls (fields: %s, aht_seconds, talk_seconds, acw_seconds)", m, strings.Join(data.ReportFields, ", ")))
		}
		opt.Map[field] = col
	}
	if err := opt.Check(); err != nil {
		return nil, usageError(fmt.Errorf("--map: %w", err))
	}
	in := c.String("in")
	r := c.App.Reader
	name := "stdin"
	if in != "-" {
		f, err := os.Open(in)
		if err != nil {
			return nil, inputError(err)
		}
		defer f.Close()
		r, name = f, in
	}
	t, err := data.ReadReport(r, name, opt)
	if err != nil {
		return nil, inputError(err)
	}
	return t, nil
}
