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
		&cli.StringFlag{Name: "tz", Value: "UTC", Usage: "time zone of timestamps written without a UTC offset, e.g. Europe/Stockholm"},
		&cli.StringFlag{Name: "ambiguous", Value: "error", Usage: "reading of a local time that a daylight-saving change repeats or skips: error, earlier or later"},
	}
}

// readOptions builds data.ReadOptions from --tz and --ambiguous.
func readOptions(c *cli.Context) (data.ReadOptions, error) {
	var opt data.ReadOptions
	loc, err := time.LoadLocation(c.String("tz"))
	if err != nil {
		return opt, usageError(fmt.Errorf("--tz %q: want an IANA zone name such as Europe/Stockholm: %v", c.String("tz"), err))
	}
	opt.Location = loc
	if opt.Ambiguous, err = data.ParseAmbiguity(c.String("ambiguous")); err != nil {
		return opt, usageError(fmt.Errorf("--ambiguous: %w", err))
	}
	return opt, nil
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
