package main

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/staffcast/staffcast/cmd/staffcast/internal/render"
	"github.com/staffcast/staffcast/data"
	"github.com/urfave/cli/v2"
)

// Output formats. Each command lists the ones it supports.
const (
	formatTable   = render.FormatTable
	formatCSV     = render.FormatCSV
	formatJSON    = render.FormatJSON
	formatParquet = render.FormatParquet
)

// outputFlags returns the --format and --out flags of a command that can
// write the given formats; the first is the default for a terminal.
func outputFlags(formats ...string) []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{
			Name:  "format",
			Usage: "output format: " + strings.Join(formats, "|") + " (default: from the --out extension, else " + formats[0] + ")",
		},
		&cli.StringFlag{
			Name:  "out",
			Usage: "write the result to `FILE` (written whole or not at all) instead of stdout",
		},
	}
}

// output is where and how a command writes its result.
type output struct {
	format string
	path   string // "" for stdout
}

// newOutput reads --format and --out. Without --format the format follows
// the --out extension, and stdout gets the first of formats.
func newOutput(c *cli.Context, formats ...string) (output, error) {
	o := output{format: c.String("format"), path: c.String("out")}
	if o.path == "-" || o.path == "/dev/stdout" {
		o.path = ""
	}
	if chart := c.String("chart"); chart != "" && o.path != "" && data.SameFile(chart, o.path) {
		return o, usageError(fmt.Errorf("--chart and --out both name %s: the chart would overwrite the result", o.path))
	}
	if o.format == "" {
		o.format = formats[0]
		if ext := strings.TrimPrefix(filepath.Ext(o.path), "."); ext != "" {
			if slices.Contains(formats, ext) {
				o.format = ext
			} else if o.format == formatTable {
				o.format = formatCSV
			}
		}
	}
	if !slices.Contains(formats, o.format) {
		return o, usageError(fmt.Errorf("--format %q: want one of %s", o.format, strings.Join(formats, ", ")))
	}
	if (o.format == formatParquet || o.format == "arrow") && o.path == "" {
		return o, usageError(fmt.Errorf("--format %s needs --out FILE: binary files are not written to a terminal", o.format))
	}
	return o, nil
}

// write calls fn with stdout, or with a temporary file that replaces --out
// only when fn succeeds.
func (o output) write(stdout io.Writer, fn func(w io.Writer) error) error {
	if o.path == "" {
		return fn(stdout)
	}
	return data.WriteFileAtomic(o.path, fn)
}

// writeTable writes t in o's format to stdout or --out (see render.Table).
func (o output) writeTable(stdout io.Writer, t *data.Table, digits int) error {
	return o.write(stdout, func(w io.Writer) error { return render.Table(w, o.format, t, digits) })
}

// writeGrid writes g in o's format to stdout or --out (see render.WriteGrid).
func (o output) writeGrid(stdout io.Writer, g render.Grid, one bool) error {
	return o.write(stdout, func(w io.Writer) error { return render.WriteGrid(w, o.format, g, one) })
}
