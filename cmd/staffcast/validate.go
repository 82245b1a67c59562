package main

import (
	"fmt"

	"github.com/staffcast/staffcast/cmd/staffcast/internal/render"
	"github.com/staffcast/staffcast/data"
	"github.com/staffcast/staffcast/sample"
	"github.com/urfave/cli/v2"
)

func validateCommand() *cli.Command {
	return &cli.Command{
		Name:  "validate",
		Usage: "check an interval series and summarise it: rows, span, step, gaps, zero runs, missing values",
		UsageText: `staffcast validate --in hourly.csv --tz Europe/Stockholm
   staffcast validate --in shop-15m.csv --every 15m --fill-gaps missing

A file that does not parse (a bad time or number, a duplicate or unsorted
row, a negative volume, a ragged or cut-off row) fails with the file, line
and column, exit code 3. Gaps fail too, with their count, unless
--fill-gaps missing (list them) or zero (closed hours).`,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "in", Usage: "series to check: CSV, Parquet or Arrow; - for CSV on stdin; default: the embedded sample"},
			&cli.StringFlag{Name: "time-column", Value: "start", Usage: "column holding each interval's start"},
			&cli.StringFlag{Name: "every", Usage: "interval length; default: the most common spacing"},
			fillGapsFlag(gapsChecked),
		}, timeFlags()...),
		Action: runValidate,
	}
}

func runValidate(c *cli.Context) error {
	s, err := readSeriesFlags(c, nil)
	if err != nil {
		return err
	}
	name := c.String("in")
	if name == "" {
		name = "sample"
	}
	render.Summary(c.App.Writer, name, data.Summarize(s))
	return nil
}

// readSeriesFlags reads --in as a series with --tz, --ambiguous,
// --time-column, --every and --fill-gaps.
func readSeriesFlags(c *cli.Context, columns []string) (*data.Series, error) {
	in := c.String("in")
	if in == "" {
		sampleNote(c, "in", "hourly orders, calls, chats and emails, Europe/Stockholm, 2023-2025")
		s, err := sample.Shop()
		if err != nil {
			return nil, err
		}
		if columns != nil {
			picked := &data.Series{Start: s.Start, Step: s.Step}
			for _, name := range columns {
				col := s.Column(name)
				if col == nil {
					return nil, usageError(fmt.Errorf("the sample has no column %q: it has orders, calls, chats, emails", name))
				}
				picked.Columns = append(picked.Columns, data.Column{Name: name, Float: col})
			}
			s = picked
		}
		return s, nil
	}
	ro, err := readOptions(c)
	if err != nil {
		return nil, err
	}
	ro.TimeColumn = c.String("time-column")
	opt := data.SeriesOptions{ReadOptions: ro, Columns: columns}
	if e := c.String("every"); e != "" {
		if opt.Every, err = parseSpan("every", e); err != nil {
			return nil, err
		}
	}
	if opt.FillGaps, err = gapPolicy(c, gapsChecked); err != nil {
		return nil, err
	}
	var s *data.Series
	if in == "-" {
		s, err = data.ReadSeries(c.App.Reader, "stdin", data.CSV, opt)
	} else {
		s, err = data.ReadSeriesFile(in, opt)
	}
	if err != nil {
		return nil, inputError(gapError(err, gapsChecked))
	}
	return s, nil
}
