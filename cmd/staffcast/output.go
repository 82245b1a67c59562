package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/staffcast/staffcast/cmd/staffcast/internal/texttab"
	"github.com/staffcast/staffcast/data"
	"github.com/urfave/cli/v2"
)

// Output formats. Each command lists the ones it supports.
const (
	formatTable   = "table"
	formatCSV     = "csv"
	formatJSON    = "json"
	formatParquet = "parquet"
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

// writeTable writes t: as a terminal table (floats with digits decimals)
// or through package data in CSV, JSON or Parquet.
func (o output) writeTable(stdout io.Writer, t *data.Table, digits int) error {
	return o.write(stdout, func(w io.Writer) error {
		if o.format == formatTable {
			header := make([]string, len(t.Columns))
			for j, c := range t.Columns {
				header[j] = c.Name
			}
			// Columns of whole numbers (agents, counts) print without decimals.
			colDigits := make([]int, len(t.Columns))
			for j, c := range t.Columns {
				colDigits[j] = 0
				for _, v := range c.Float {
					if v != math.Trunc(v) && !math.IsNaN(v) && !math.IsInf(v, 0) {
						colDigits[j] = digits
						break
					}
				}
			}
			rows := make([][]string, t.Len())
			for i := range rows {
				rows[i] = make([]string, len(t.Columns))
				for j, c := range t.Columns {
					switch {
					case c.Time != nil:
						rows[i][j] = c.Time[i].Format("2006-01-02 15:04 -07")
					case c.Float != nil:
						rows[i][j] = cellText(c.Float[i], colDigits[j])
					default:
						rows[i][j] = c.Text[i]
					}
				}
			}
			return texttab.Write(w, header, rows)
		}
		f, err := data.ParseFormat(o.format)
		if err != nil {
			return err
		}
		return data.WriteTable(w, t, f)
	})
}

// grid is a small result table shared by the commands that print one:
// cells are float64, int, string, bool or time.Time, so JSON keeps numbers
// as numbers while CSV and the terminal table get text.
type grid struct {
	header []string
	rows   [][]any
	// digits is the number of decimals floats get in the terminal table
	// (CSV and JSON keep full precision); 0 means 3.
	digits int
}

// writeGrid writes g in format o.format. JSON is an array of objects, or
// a single object when one is true and g has one row; the terminal table
// then lists the measures down the page.
func (o output) writeGrid(stdout io.Writer, g grid, one bool) error {
	return o.write(stdout, func(w io.Writer) error {
		switch o.format {
		case formatJSON:
			if one && len(g.rows) == 1 {
				return writeJSON(w, g.object(0))
			}
			objs := make([]jsonObject, len(g.rows))
			for i := range g.rows {
				objs[i] = g.object(i)
			}
			return writeJSON(w, objs)
		case formatCSV:
			cw := csv.NewWriter(w)
			cw.Write(g.header)
			for _, r := range g.rows {
				rec := make([]string, len(r))
				for j, v := range r {
					rec[j] = cellText(v, -1)
				}
				cw.Write(rec)
			}
			cw.Flush()
			return cw.Error()
		case formatTable:
			digits := g.digits
			if digits == 0 {
				digits = 3
			}
			if one && len(g.rows) == 1 {
				// One result reads better as a column of measures.
				rows := make([][]string, len(g.header))
				for j, h := range g.header {
					rows[j] = []string{h, cellText(g.rows[0][j], digits)}
				}
				return texttab.Write(w, []string{"measure", "value"}, rows)
			}
			rows := make([][]string, len(g.rows))
			for i, r := range g.rows {
				rows[i] = make([]string, len(r))
				for j, v := range r {
					rows[i][j] = cellText(v, digits)
				}
			}
			return texttab.Write(w, g.header, rows)
		}
		return fmt.Errorf("format %s is not supported for this result", o.format)
	})
}

// cellText formats one cell; digits < 0 means the shortest exact form.
// An infinite value (an unbounded wait) is written "inf", never NaN.
func cellText(v any, digits int) string {
	switch x := v.(type) {
	case nil:
		return ""
	case float64:
		switch {
		case math.IsInf(x, 1):
			return "inf"
		case math.IsInf(x, -1):
			return "-inf"
		case math.IsNaN(x):
			return ""
		}
		return strconv.FormatFloat(x, 'f', digits, 64)
	case int:
		return strconv.Itoa(x)
	case bool:
		return strconv.FormatBool(x)
	case string:
		return x
	case time.Time:
		return x.Format(time.RFC3339)
	case time.Duration:
		return x.String()
	}
	return fmt.Sprint(v)
}

// jsonObject keeps the column order of a grid row in JSON.
type jsonObject struct {
	keys []string
	vals []any
}

func (g grid) object(i int) jsonObject {
	return jsonObject{keys: g.header, vals: g.rows[i]}
}

func (o jsonObject) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	b.WriteByte('{')
	for i, k := range o.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		b.Write(kb)
		b.WriteByte(':')
		v := o.vals[i]
		// JSON has no infinity or NaN: an unbounded value is null.
		if f, ok := v.(float64); ok && (math.IsInf(f, 0) || math.IsNaN(f)) {
			v = nil
		}
		if t, ok := v.(time.Time); ok {
			v = t.Format(time.RFC3339)
		}
		if d, ok := v.(time.Duration); ok {
			v = d.String()
		}
		vb, err := json.Marshal(v)
		if err != nil {
			return nil, err
		}
		b.Write(vb)
	}
	b.WriteByte('}')
	return []byte(b.String()), nil
}

// writeJSON writes v as indented JSON followed by a newline.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
