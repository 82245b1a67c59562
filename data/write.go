package data

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"time"
)

// WriteTable writes t to w in format f. CSV and JSON write times as RFC
// 3339 with their UTC offset (2025-10-26T02:00:00+02:00), numbers in
// their shortest exact form, a missing value (NaN) as an empty cell or
// null, and an infinite one as inf or null. Parquet and Arrow store times as microsecond timestamps with the
// zone's name, and NaN as null. A zero time.Time is a missing time (a
// shift with no break, say): an empty cell, or null.
func WriteTable(w io.Writer, t *Table, f Format) error {
	switch f {
	case CSV:
		return writeCSV(w, t)
	case JSON:
		return writeJSON(w, t)
	case Parquet:
		return writeParquet(w, t)
	case Arrow:
		return writeArrow(w, t)
	}
	return fmt.Errorf("data: cannot write format %v", f)
}

func cell(c *Column, i int) string {
	switch {
	case c.Time != nil:
		if c.Time[i].IsZero() {
			return ""
		}
		return c.Time[i].Format(time.RFC3339)
	case c.Float != nil:
		v := c.Float[i]
		switch {
		case math.IsNaN(v):
			return ""
		case math.IsInf(v, 1):
			return "inf" // an unbounded wait, say
		case math.IsInf(v, -1):
			return "-inf"
		}
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return c.Text[i]
}

func writeCSV(w io.Writer, t *Table) error {
	bw := bufio.NewWriterSize(w, 64*1024)
	cw := csv.NewWriter(bw)
	rec := make([]string, len(t.Columns))
	for j, c := range t.Columns {
		rec[j] = c.Name
	}
	cw.Write(rec)
	for i := 0; i < t.Len(); i++ {
		for j := range t.Columns {
			rec[j] = cell(&t.Columns[j], i)
		}
		cw.Write(rec)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

func writeJSON(w io.Writer, t *Table) error {
	bw := bufio.NewWriterSize(w, 64*1024)
	bw.WriteString("[")
	for i := 0; i < t.Len(); i++ {
		if i > 0 {
			bw.WriteString(",")
		}
		bw.WriteString("\n  {")
		for j := range t.Columns {
			c := &t.Columns[j]
			if j > 0 {
				bw.WriteString(", ")
			}
			k, _ := json.Marshal(c.Name)
			bw.Write(k)
			bw.WriteString(": ")
			switch {
			case c.Float != nil:
				if v := c.Float[i]; math.IsNaN(v) || math.IsInf(v, 0) {
					bw.WriteString("null") // JSON has no NaN or infinity
				} else {
					bw.WriteString(strconv.FormatFloat(c.Float[i], 'f', -1, 64))
				}
			case c.Time != nil && c.Time[i].IsZero():
				bw.WriteString("null")
			default:
				v, _ := json.Marshal(cell(c, i))
				bw.Write(v)
			}
		}
		bw.WriteString("}")
	}
	bw.WriteString("\n]\n")
	return bw.Flush()
}
