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
	line := appendCSVHeader(nil, t)
	var cells csvCells
	for i := 0; i < t.Len(); i++ {
		line = cells.appendRow(line, t, i)
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

// appendCSVHeader appends the line of t's column names.
func appendCSVHeader(line []byte, t *Table) []byte {
	for j, c := range t.Columns {
		if j > 0 {
			line = append(line, ',')
		}
		line = appendCSVText(line, c.Name)
	}
	return append(line, '\n')
}

// csvCells appends the cells of CSV lines, with what it formatted before
// at hand: the date and offset of the last time, and whole ends of lines
// made of numbers.
type csvCells struct {
	times rfc3339
	tail  tailCache
}

// appendRow appends row i of t as a CSV line.
func (cc *csvCells) appendRow(line []byte, t *Table, i int) []byte {
	from := cc.tail.columns(t)
	for j := range t.Columns[:from] {
		if j > 0 {
			line = append(line, ',')
		}
		c := &t.Columns[j]
		switch {
		case c.Time != nil:
			if !c.Time[i].IsZero() {
				line = cc.times.append(line, c.Time[i])
			}
		case c.Float != nil:
			line = appendNumber(line, c.Float[i])
		default:
			line = appendCSVText(line, c.Text[i])
		}
	}
	if from < len(t.Columns) {
		slot, h := cc.tail.find(t, from, i)
		if h != nil {
			line = append(line, h...)
		} else {
			at := len(line)
			for j := from; j < len(t.Columns); j++ {
				if j > 0 {
					line = append(line, ',')
				}
				line = appendNumber(line, t.Columns[j].Float[i])
			}
			if slot >= 0 {
				cc.tail.store(slot, line[at:])
			}
		}
	}
	return append(line, '\n')
}

// tailCache remembers the ends of lines made of numbers: the cells of a
// row's last columns, from the first after which all are numbers. A
// plan's numbers repeat together (equal volumes get equal requirements,
// service levels and delays), so that one look-up of the row's bits and
// one copy replace the formatting of every cell, the shortest-form search
// of each fraction above all: on a year of whole call counts, 1.3 ms of
// a `staff` process's 11.3. The bits decide, so a hit gives the bytes the
// cells would.
//
// Rows that do not repeat (a forecast's fractional volumes) would pay a
// hash of their numbers for nothing: after 1,024 misses with hits under
// one in sixteen, only one row in 64 is looked up.
type tailCache struct {
	k            int      // columns in the tail
	lead         bool     // the tail follows a first column: its bytes start with a comma
	keys         []uint64 // tailSlots × k: the bits of each slot's numbers
	n            []uint8  // bytes held per slot; 0 for an empty slot
	b            []byte   // tailSlots × tailBytes
	rows         int
	hits, misses int
}

const (
	tailSlots = 512
	tailBytes = 128
	tailCols  = 16
)

// columns returns the first column of t's tail, len(t.Columns) when t
// has no tail of two numeric columns or more (at most tailCols). It is
// found anew for every row, a few loads, so that no table can be taken
// for another.
func (tc *tailCache) columns(t *Table) int {
	from := len(t.Columns)
	for from > 0 && t.Columns[from-1].Float != nil {
		from--
	}
	k := len(t.Columns) - from
	if k < 2 || k > tailCols {
		return len(t.Columns)
	}
	if k != tc.k || (from > 0) != tc.lead {
		// Another shape (the bytes held start with a comma after a
		// first column): start afresh.
		tc.keys, tc.n, tc.b, tc.k, tc.lead = nil, nil, nil, k, from > 0
	}
	return from
}

// find looks row i's tail up: its bytes on a hit, else the slot to store
// them in (−1 for none).
func (tc *tailCache) find(t *Table, from, i int) (int, []byte) {
	tc.rows++
	if tc.misses > 1024 && tc.hits < tc.misses/16 && tc.rows%64 != 0 {
		return -1, nil
	}
	if tc.keys == nil {
		tc.keys = make([]uint64, tailSlots*tc.k)
		tc.n = make([]uint8, tailSlots)
		tc.b = make([]byte, tailSlots*tailBytes)
	}
	cols := t.Columns[from : from+tc.k]
	h := uint64(0)
	for j := range cols {
		h = (h ^ math.Float64bits(cols[j].Float[i])) * 0x9e3779b97f4a7c15
	}
	slot := int(h >> (64 - 9)) // tailSlots = 2⁹
	if n := tc.n[slot]; n > 0 {
		key := tc.keys[slot*tc.k : slot*tc.k+tc.k]
		same := true
		for j := range cols {
			if key[j] != math.Float64bits(cols[j].Float[i]) {
				same = false
				break
			}
		}
		if same {
			tc.hits++
			return slot, tc.b[slot*tailBytes : slot*tailBytes+int(n)]
		}
	}
	tc.misses++
	key := tc.keys[slot*tc.k : slot*tc.k+tc.k]
	for j := range cols {
		key[j] = math.Float64bits(cols[j].Float[i])
	}
	tc.n[slot] = 0 // filled by store
	return slot, nil
}

// store keeps b, the tail find gave slot for.
func (tc *tailCache) store(slot int, b []byte) {
	if len(b) > 0 && len(b) <= tailBytes {
		tc.n[slot] = uint8(len(b))
		copy(tc.b[slot*tailBytes:], b)
	}
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
	if i, ok := whole(v); ok {
		// A whole number (agents, counts): the same digits, at a
		// fraction of the cost of the shortest-form search.
		return strconv.AppendInt(b, i, 10)
	}
	return strconv.AppendFloat(b, v, 'f', -1, 64)
}

// whole returns v as an int64 when it is a whole number below 2⁵³ in
// magnitude, other than −0: the numbers whose shortest form is their
// integer digits. Two conversions are cheaper than math.Trunc.
func whole(v float64) (int64, bool) {
	if !(v > -(1<<53) && v < 1<<53) { // also NaN
		return 0, false
	}
	i := int64(v)
	return i, float64(i) == v && !(i == 0 && math.Signbit(v))
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

// rfc3339 appends times as time.RFC3339 does, reusing the date and the
// offset of the previous time while they last: rows of a table are
// mostly the same day in the same zone period, and formatting the date
// anew for each cost more than the rest of the row's numbers.
type rfc3339 struct {
	loc            *time.Location
	lo, hi         int64 // [lo, hi): Unix seconds of one local day in one zone period
	off            int64 // the offset in that period, seconds east of UTC
	prefix, suffix []byte
}

func (c *rfc3339) append(b []byte, t time.Time) []byte {
	sec := t.Unix()
	if t.Location() != c.loc || sec < c.lo || sec >= c.hi {
		if !c.fill(t) {
			return t.AppendFormat(b, time.RFC3339)
		}
	}
	clock := (sec + c.off) % 86400
	if clock < 0 {
		clock += 86400
	}
	b = append(b, c.prefix...)
	h, m, s := clock/3600, clock/60%60, clock%60
	b = append(b, byte('0'+h/10), byte('0'+h%10), ':', byte('0'+m/10), byte('0'+m%10), ':', byte('0'+s/10), byte('0'+s%10))
	return append(b, c.suffix...)
}

// fill sets the cache to t's local day and zone period; false for a time
// it does not cover (a year outside 0-9999).
func (c *rfc3339) fill(t time.Time) bool {
	c.loc = nil
	if y := t.Year(); y < 0 || y > 9999 {
		return false
	}
	full := t.AppendFormat(nil, time.RFC3339) // 2006-01-02T15:04:05 and Z or ±07:00
	_, off := t.Zone()
	sec := t.Unix()
	local := sec + int64(off)
	day := local - local%86400
	if local%86400 < 0 {
		day -= 86400
	}
	c.lo, c.hi = day-int64(off), day-int64(off)+86400
	if start, end := t.ZoneBounds(); !start.IsZero() || !end.IsZero() {
		if !start.IsZero() {
			c.lo = max(c.lo, start.Unix())
		}
		if !end.IsZero() {
			c.hi = min(c.hi, end.Unix())
		}
	}
	c.loc, c.off = t.Location(), int64(off)
	c.prefix = append(c.prefix[:0], full[:11]...)
	c.suffix = append(c.suffix[:0], full[19:]...)
	return true
}
