package data

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
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

// writeCSV writes t as encoding/csv would, but appends numbers and times
// straight into the line: they never need quotes, and formatting them
// into strings first and checking each for quotes cost more than the
// staffing computed for them.
func writeCSV(w io.Writer, t *Table) error {
	bw := bufio.NewWriterSize(w, 64*1024)
	var line []byte
	for j, c := range t.Columns {
		if j > 0 {
			line = append(line, ',')
		}
		line = appendCSVText(line, c.Name)
	}
	line = append(line, '\n')
	for i := 0; i < t.Len(); i++ {
		for j := range t.Columns {
			if j > 0 {
				line = append(line, ',')
			}
			c := &t.Columns[j]
			switch {
			case c.Time != nil:
				if !c.Time[i].IsZero() {
					line = c.Time[i].AppendFormat(line, time.RFC3339)
				}
			case c.Float != nil:
				line = appendNumber(line, c.Float[i])
			default:
				line = appendCSVText(line, c.Text[i])
			}
		}
		line = append(line, '\n')
		if len(line) >= 32*1024 {
			if _, err := bw.Write(line); err != nil {
				return err
			}
			line = line[:0]
		}
	}
	if _, err := bw.Write(line); err != nil {
		return err
	}
	return bw.Flush()
}

// appendNumber appends v as cell writes it: shortest exact decimal,
// empty for NaN, inf or -inf.
func appendNumber(b []byte, v float64) []byte {
	switch {
	case math.IsNaN(v):
		return b
	case math.IsInf(v, 1):
		return append(b, "inf"...)
	case math.IsInf(v, -1):
		return append(b, "-inf"...)
	}
	return strconv.AppendFloat(b, v, 'f', -1, 64)
}

// appendCSVText appends s as a CSV field, quoted when encoding/csv would
// quote it.
func appendCSVText(b []byte, s string) []byte {
	if s == "" {
		return b
	}
	if r, _ := utf8.DecodeRuneInString(s); !(strings.ContainsAny(s, ",\"\r\n") || unicode.IsSpace(r) || s == `\.`) {
		return append(b, s...)
	}
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			b = append(b, '"', '"')
		default:
			b = append(b, s[i])
		}
	}
	return append(b, '"')
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
