package main

import (
	"fmt"
	"time"

	"github.com/staffcast/staffcast/data"
	"github.com/urfave/cli/v2"
)

// timeFlags are the flags that say how to read timestamps.
func timeFlags() []cli.Flag {
	return []cli.Flag{
		// The Actions check the values as the flags are parsed, so a bad
		// value fails even when the command then reads no file (the
		// embedded sample).
		&cli.StringFlag{Name: "tz", Usage: "time zone of the timestamps, e.g. Europe/Stockholm; default: a timestamp with a UTC offset is on that offset's clock, one without is UTC",
			Action: func(_ *cli.Context, v string) error { _, err := loadZone(v); return err }},
		&cli.StringFlag{Name: "ambiguous", Value: "error", Usage: "reading of a local time that a daylight-saving change repeats or skips: error, earlier, later or in-order (first occurrence summer time, second winter time)",
			Action: func(_ *cli.Context, v string) error { _, err := parseAmbiguity(v); return err }},
	}
}

func loadZone(name string) (*time.Location, error) {
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, usageError(fmt.Errorf("--tz %q: want an IANA zone name such as Europe/Stockholm: %v", name, err))
	}
	return loc, nil
}

func parseAmbiguity(s string) (data.Ambiguity, error) {
	a, err := data.ParseAmbiguity(s)
	if err != nil {
		return a, usageError(fmt.Errorf("--ambiguous: %w", err))
	}
	return a, nil
}

// readOptions builds data.ReadOptions from --tz and --ambiguous.
func readOptions(c *cli.Context) (data.ReadOptions, error) {
	var opt data.ReadOptions
	var err error
	if tz := c.String("tz"); tz != "" {
		// Without --tz, Location stays nil: each row keeps the clock of
		// the offset it was written with.
		if opt.Location, err = loadZone(tz); err != nil {
			return opt, err
		}
	}
	opt.Ambiguous, err = parseAmbiguity(c.String("ambiguous"))
	return opt, err
}

// readTable reads the table named by path; "-" is CSV on stdin.
func readTable(c *cli.Context, path string, opt data.ReadOptions) (*data.Table, error) {
	var t *data.Table
	var err error
	if path == "-" {
		t, err = data.ReadTable(c.App.Reader, "stdin", data.CSV, opt)
	} else {
		t, err = data.ReadTableFile(path, opt)
	}
	if err != nil {
		return nil, inputError(err)
	}
	return t, nil
}
