package data

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"testing"
	"time"
)

// TestTableReaderChunks reads a CSV file in chunks of 3 rows and checks
// the rows against ReadTable, the line numbers errors name in a later
// chunk, and a column that turns to text after the first chunk.
func TestTableReaderChunks(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("start,volume,channel\n")
	for i := range 8 {
		b.WriteString("2025-01-01T0" + string(rune('0'+i)) + ":00:00Z,1" + string(rune('0'+i)) + ",phone\n")
	}
	whole, err := ReadTable(strings.NewReader(b.String()), "f.csv", CSV, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	tr, err := NewTableReader(strings.NewReader(b.String()), "f.csv", CSV, ReadOptions{}, 3)
	if err != nil {
		t.Fatal(err)
	}
	var vols []float64
	var sizes []int
	var last *Table
	for {
		c, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, c.Len())
		vols = append(vols, c.Column("volume").Float...)
		last = c
	}
	if len(sizes) != 3 || sizes[2] != 2 || len(vols) != 8 || vols[7] != whole.Column("volume").Float[7] {
		t.Errorf("chunks %v, volumes %v", sizes, vols)
	}
	if e := last.ErrorAt(1, "volume", "", errors.New("x")); e.Line != 9 {
		t.Errorf("the last row's line is %d, want 9", e.Line)
	}
	// A column of numbers that turns to text in a later chunk names the line.
	bad := b.String() + "2025-01-01T09:00:00Z,many,phone\n2025-01-01T10:00:00Z,lots,phone\n"
	tr, _ = NewTableReader(strings.NewReader(bad), "f.csv", CSV, ReadOptions{}, 3)
	var got error
	for got == nil {
		_, got = tr.Next()
	}
	var pe *ParseError
	if !errors.As(got, &pe) || pe.Line != 10 || pe.Column != "volume" {
		t.Errorf("text after numbers: %v, want an error at f.csv:10 in volume", got)
	}
}

// TestTableWriterChunks writes a table in chunks and checks the bytes
// against WriteTable for CSV and JSON.
func TestTableWriterChunks(t *testing.T) {
	t.Parallel()
	tb, err := ReadTable(strings.NewReader("start,volume,channel\n2025-01-01T00:00:00Z,1,phone\n2025-01-01T01:00:00Z,,chat\n2025-01-01T02:00:00Z,3,email\n"), "f", CSV, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	slice := func(lo, hi int) *Table {
		out := &Table{}
		for _, c := range tb.Columns {
			d := Column{Name: c.Name}
			switch {
			case c.Time != nil:
				d.Time = c.Time[lo:hi]
			case c.Float != nil:
				d.Float = c.Float[lo:hi]
			default:
				d.Text = c.Text[lo:hi]
			}
			out.Columns = append(out.Columns, d)
		}
		return out
	}
	for _, f := range []Format{CSV, JSON} {
		var want, got bytes.Buffer
		if err := WriteTable(&want, tb, f); err != nil {
			t.Fatal(err)
		}
		tw, err := NewTableWriter(&got, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []*Table{slice(0, 1), slice(1, 1), slice(1, 3)} {
			if err := tw.Write(c); err != nil {
				t.Fatal(err)
			}
		}
		if err := tw.Close(); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("%v in chunks:\n%s\nwant\n%s", f, got.String(), want.String())
		}
	}
}

// A streamed Parquet file is the file WriteTable writes (row groups of
// 64 Ki rows whatever the chunks), and reads back chunk by chunk with
// every value, text, missing values and the zone included.
func TestParquetStreamedAsWhole(t *testing.T) {
	t.Parallel()
	sthlm, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Skip(err)
	}
	const n = 70000
	tb := &Table{Columns: []Column{{Name: "start"}, {Name: "volume"}, {Name: "channel"}}}
	t0 := time.Date(2024, 1, 1, 0, 0, 0, 0, sthlm)
	for i := range n {
		tb.Columns[0].Time = append(tb.Columns[0].Time, t0.Add(time.Duration(i)*15*time.Minute))
		v := float64(i%97) / 4
		if i%13 == 0 {
			v = math.NaN()
		}
		tb.Columns[1].Float = append(tb.Columns[1].Float, v)
		tb.Columns[2].Text = append(tb.Columns[2].Text, []string{"phone", "chat", "email"}[i%3])
	}
	var want, got bytes.Buffer
	if err := WriteTable(&want, tb, Parquet); err != nil {
		t.Fatal(err)
	}
	tw, err := NewTableWriter(&got, Parquet)
	if err != nil {
		t.Fatal(err)
	}
	for lo := 0; lo < n; {
		hi := min(n, lo+1+lo%9000)
		c := &Table{Columns: []Column{
			{Name: "start", Time: tb.Columns[0].Time[lo:hi]},
			{Name: "volume", Float: tb.Columns[1].Float[lo:hi]},
			{Name: "channel", Text: tb.Columns[2].Text[lo:hi]}}}
		if err := tw.Write(c); err != nil {
			t.Fatal(err)
		}
		lo = hi
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Errorf("streamed Parquet differs from WriteTable's: %d bytes, want %d", got.Len(), want.Len())
	}
	tr, err := NewTableReader(bytes.NewReader(got.Bytes()), "f.parquet", Parquet, ReadOptions{}, 3000)
	if err != nil {
		t.Fatal(err)
	}
	i := 0
	for {
		c, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if c.Len() > 3000 {
			t.Fatalf("a chunk of %d rows, want at most 3000", c.Len())
		}
		for k := range c.Len() {
			ts, v, ch := c.Columns[0].Time[k], c.Columns[1].Float[k], c.Columns[2].Text[k]
			wv := tb.Columns[1].Float[i]
			if !ts.Equal(tb.Columns[0].Time[i]) || ts.Location().String() != "Europe/Stockholm" || ch != tb.Columns[2].Text[i] || !(v == wv || math.IsNaN(v) && math.IsNaN(wv)) {
				t.Fatalf("row %d: %v %v %q, want %v %v %q", i, ts, v, ch, tb.Columns[0].Time[i], wv, tb.Columns[2].Text[i])
			}
			i++
		}
	}
	if i != n {
		t.Errorf("read %d rows, want %d", i, n)
	}
}

// TestTableReaderReuse reads a file of many 64 KiB blocks in chunks that
// end mid-block, with Reuse, and checks every chunk, copied out before
// the next, against ReadTable of the whole file: the times (whose day
// the reader keeps between chunks), the numbers, the text and each row's
// Pos. A reused chunk's text lies in memory the next chunk overwrites,
// so a reader that let a string outlive its chunk fails here.
func TestTableReaderReuse(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("start,volume,channel\n")
	t0 := time.Date(2025, 3, 28, 0, 0, 0, 0, time.UTC)
	for i := range 20000 {
		at := t0.Add(time.Duration(i) * 15 * time.Minute)
		off := "Z"
		if i%1000 > 500 {
			off = "+01:00"
			at = at.Add(time.Hour)
		}
		fmt.Fprintf(&b, "%s%s,%02d.%d,ch%02d\n", at.Format("2006-01-02T15:04:05"), off, i%97, i%7, i%13)
	}
	whole, err := ReadTable(strings.NewReader(b.String()), "f.csv", CSV, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	tr, err := NewTableReader(strings.NewReader(b.String()), "f.csv", CSV, ReadOptions{}, 777)
	if err != nil {
		t.Fatal(err)
	}
	tr.Reuse()
	var times []time.Time
	var vols []float64
	var text []string
	var pos []Pos
	for {
		c, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		times = append(times, c.Column("start").Time...)
		vols = append(vols, c.Column("volume").Float...)
		for i, s := range c.Column("channel").Text {
			text = append(text, strings.Clone(s))
			pos = append(pos, c.Pos(i))
		}
	}
	if len(times) != whole.Len() || len(vols) != whole.Len() || len(text) != whole.Len() {
		t.Fatalf("%d, %d, %d rows, want %d", len(times), len(vols), len(text), whole.Len())
	}
	for i := range whole.Len() {
		wt, wv, ws := whole.Column("start").Time[i], whole.Column("volume").Float[i], whole.Column("channel").Text[i]
		if !times[i].Equal(wt) || times[i].String() != wt.String() || math.Float64bits(vols[i]) != math.Float64bits(wv) || text[i] != ws {
			t.Fatalf("row %d: %v %v %q, want %v %v %q", i, times[i], vols[i], text[i], wt, wv, ws)
		}
		if e := whole.ErrorAt(i, "", "", nil); pos[i] != (Pos{line: e.Line}) || pos[i].String() != fmt.Sprintf("line %d", i+2) {
			t.Fatalf("row %d at %v, want line %d", i, pos[i], e.Line)
		}
	}
}
