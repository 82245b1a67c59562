// Package render turns results into what the command line prints or
// writes: terminal tables, CSV, JSON (and, through package data, Parquet
// and Arrow). Commands read flags, make one library call and hand the
// result here; nothing here computes what an analyst would need.
package render

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/staffcast/staffcast/cmd/staffcast/internal/texttab"
	"github.com/staffcast/staffcast/data"
)

// Output formats. Each command lists the ones it supports.
const (
	FormatTable   = "table"
	FormatCSV     = "csv"
	FormatJSON    = "json"
	FormatParquet = "parquet"
)

// Table writes t in format: as a terminal table (floats with digits
// decimals) or through package data in CSV, JSON, Parquet or Arrow.
func Table(w io.Writer, format string, t *data.Table, digits int) error {
	if format == FormatTable {
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
					rows[i][j] = Cell(c.Float[i], colDigits[j])
				default:
					rows[i][j] = c.Text[i]
				}
			}
		}
		return texttab.Write(w, header, rows)
	}
	f, err := data.ParseFormat(format)
	if err != nil {
		return err
	}
	return data.WriteTable(w, t, f)
}

// Grid is a small result table shared by the commands that print one:
// cells are float64, int, string, bool or time.Time, so JSON keeps numbers
// as numbers while CSV and the terminal table get text.
type Grid struct {
	Header []string
	Rows   [][]any
	// Digits is the number of decimals floats get in the terminal table
	// (CSV and JSON keep full precision); 0 means 3.
	Digits int
}

// WriteGrid writes g in format. JSON is an array of objects, or a single
// object when one is true and g has one row; the terminal table then
// lists the measures down the page.
func WriteGrid(w io.Writer, format string, g Grid, one bool) error {
	switch format {
	case FormatJSON:
		if one && len(g.Rows) == 1 {
			return JSON(w, g.object(0))
		}
		objs := make([]jsonObject, len(g.Rows))
		for i := range g.Rows {
			objs[i] = g.object(i)
		}
		return JSON(w, objs)
	case FormatCSV:
		cw := csv.NewWriter(w)
		cw.Write(g.Header)
		for _, r := range g.Rows {
			rec := make([]string, len(r))
			for j, v := range r {
				rec[j] = Cell(v, -1)
			}
			cw.Write(rec)
		}
		cw.Flush()
		return cw.Error()
	case FormatTable:
		digits := g.Digits
		if digits == 0 {
			digits = 3
		}
		if one && len(g.Rows) == 1 {
			// One result reads better as a column of measures.
			rows := make([][]string, len(g.Header))
			for j, h := range g.Header {
				rows[j] = []string{h, Cell(g.Rows[0][j], digits)}
			}
			return texttab.Write(w, []string{"measure", "value"}, rows)
		}
		rows := make([][]string, len(g.Rows))
		for i, r := range g.Rows {
			rows[i] = make([]string, len(r))
			for j, v := range r {
				rows[i][j] = Cell(v, digits)
			}
		}
		return texttab.Write(w, g.Header, rows)
	}
	return fmt.Errorf("format %s is not supported for this result", format)
}

// Cell formats one cell; digits < 0 means the shortest exact form.
// An infinite value (an unbounded wait) is written "inf", never NaN.
func Cell(v any, digits int) string {
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

// jsonObject keeps the column order of a Grid row in JSON.
type jsonObject struct {
	keys []string
	vals []any
}

func (g Grid) object(i int) jsonObject {
	return jsonObject{keys: g.Header, vals: g.Rows[i]}
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

// JSON writes v as indented JSON followed by a newline.
func JSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
