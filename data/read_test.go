package data

import (
	"bytes"
	"encoding/csv"

	"errors"
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"math"
	"strings"
	"testing"
	"time"
)

func stockholm(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	return loc
}

func readSeries(t *testing.T, text string, opt SeriesOptions) (*Series, error) {
	t.Helper()
	return ReadSeries(strings.NewReader(text), "in.csv", CSV, opt)
}

func TestReadSeriesDSTDays(t *testing.T) {
	t.Parallel()
	loc := stockholm(t)
	// Spring 2025-03-30: 02:00 does not exist, the day has 23 hours. Rows
	// with offsets are instants; consecutive hours are 1 h apart in real
	// time, so no gap is reported.
	spring := "start,calls\n2025-03-30T01:00:00+01:00,3\n2025-03-30T03:00:00+02:00,4\n2025-03-30T04:00:00+02:00,5\n"
	s, err := readSeries(t, spring, SeriesOptions{ReadOptions: ReadOptions{Location: loc}})
	if err != nil || s.Step != time.Hour || len(s.Start) != 3 {
		t.Fatalf("spring: %+v, %v", s, err)
	}
	// The same day written as local wall clock without offsets.
	naive := "start,calls\n2025-03-30 01:00,3\n2025-03-30 03:00,4\n"
	s, err = readSeries(t, naive, SeriesOptions{ReadOptions: ReadOptions{Location: loc}})
	if err != nil || s.Start[1].Sub(s.Start[0]) != time.Hour {
		t.Fatalf("spring naive: %+v, %v", s, err)
	}
	// A local time in the skipped hour is an error naming the line.
	_, err = readSeries(t, "start,calls\n2025-03-30 01:00,3\n2025-03-30 02:30,4\n", SeriesOptions{ReadOptions: ReadOptions{Location: loc}})
	if !errors.Is(err, ErrAmbiguousTime) || !strings.Contains(err.Error(), "in.csv:3:") || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("skipped hour: %v", err)
	}
	// Autumn 2025-10-26: 02:00 happens twice, once per offset; with offsets
	// both rows read, 1 h apart.
	autumn := "start,calls\n2025-10-26T02:00:00+02:00,1\n2025-10-26T02:00:00+01:00,2\n2025-10-26T03:00:00+01:00,3\n"
	s, err = readSeries(t, autumn, SeriesOptions{ReadOptions: ReadOptions{Location: loc}})
	if err != nil || len(s.Start) != 3 || s.Start[1].Sub(s.Start[0]) != time.Hour {
		t.Fatalf("autumn: %+v, %v", s, err)
	}
	// Without offsets the repeated hour is ambiguous unless told.
	_, err = readSeries(t, "start,calls\n2025-10-26 02:00,1\n", SeriesOptions{ReadOptions: ReadOptions{Location: loc}})
	if !errors.Is(err, ErrAmbiguousTime) || !strings.Contains(err.Error(), "occurs twice") {
		t.Errorf("repeated hour: %v", err)
	}
	for _, c := range []struct {
		amb  Ambiguity
		want string
	}{{Earlier, "2025-10-26T02:00:00+02:00"}, {Later, "2025-10-26T02:00:00+01:00"}} {
		s, err = readSeries(t, "start,calls\n2025-10-26 02:00,1\n", SeriesOptions{ReadOptions: ReadOptions{Location: loc, Ambiguous: c.amb}})
		if err != nil || s.Start[0].Format(time.RFC3339) != c.want {
			t.Errorf("ambiguity %v: %v, %v; want %s", c.amb, s, err, c.want)
		}
	}
}

func TestReadSeriesErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, text string
		opt        SeriesOptions
		sentinel   error
		pos        string
	}{
		{"missing hour", "start,calls\n2025-01-01T00:00:00Z,1\n2025-01-01T01:00:00Z,1\n2025-01-01T03:00:00Z,1\n", SeriesOptions{}, ErrGap, "in.csv:4:"},
		{"duplicate hour", "start,calls\n2025-01-01T00:00:00Z,1\n2025-01-01T00:00:00Z,1\n", SeriesOptions{}, ErrDuplicate, "in.csv:3:"},
		{"unsorted", "start,calls\n2025-01-01T01:00:00Z,1\n2025-01-01T00:00:00Z,1\n", SeriesOptions{}, ErrUnsorted, "in.csv:3:"},
		{"bad time", "start,calls\n2024-13-01T00:00:00Z,1\n", SeriesOptions{}, ErrBadTime, `in.csv:2: column "start": want an RFC 3339 time`},
		{"bad number", "start,calls\n2025-01-01T00:00:00Z,1\n2025-01-01T01:00:00Z,x1\n2025-01-01T02:00:00Z,3\n", SeriesOptions{}, ErrBadNumber, `in.csv:3: column "calls": want a number, got "x1"`},
		{"negative", "start,calls\n2025-01-01T00:00:00Z,-1\n", SeriesOptions{}, ErrNegative, `in.csv:2: column "calls"`},
		{"nan", "start,calls\n2025-01-01T00:00:00Z,NaN\n2025-01-01T01:00:00Z,1\n", SeriesOptions{}, ErrNotFinite, `in.csv:2: column "calls"`},
		{"empty file", "", SeriesOptions{}, ErrEmpty, "in.csv:1:"},
		{"header only", "start,calls\n", SeriesOptions{}, ErrEmpty, "in.csv:2:"},
		{"cut off mid-row", "start,calls,chats\n2025-01-01T00:00:00Z,1,2\n2025-01-01T01:00:00Z,1", SeriesOptions{}, ErrRagged, "in.csv:3:"},
		{"missing column", "time,calls\n2025-01-01T00:00:00Z,1\n", SeriesOptions{}, ErrMissingColumn, `column "start"`},
		{"missing value column", "start,calls\n2025-01-01T00:00:00Z,1\n", SeriesOptions{Columns: []string{"orders"}}, ErrMissingColumn, `no numeric column "orders"`},
		{"mixed steps", "start,calls\n2025-01-01T00:00:00Z,1\n2025-01-01T01:00:00Z,1\n2025-01-01T02:00:00Z,1\n2025-01-01T02:30:00Z,1\n", SeriesOptions{}, ErrStep, "in.csv:5:"},
	}
	for _, c := range cases {
		_, err := readSeries(t, c.text, c.opt)
		var pe *ParseError
		if !errors.Is(err, c.sentinel) || !errors.As(err, &pe) || !strings.Contains(err.Error(), c.pos) {
			t.Errorf("%s: got %v, want %v at %q", c.name, err, c.sentinel, c.pos)
		}
	}
}

func TestReadSeriesFillGapsAndMissing(t *testing.T) {
	t.Parallel()
	in := "start,calls,orders\n2025-01-01T00:00:00Z,,5\n2025-01-01T01:00:00Z,2,6\n2025-01-01T04:00:00Z,3,7\n"
	s, err := readSeries(t, in, SeriesOptions{FillGaps: GapZero})
	if err != nil {
		t.Fatal(err)
	}
	calls := s.Column("calls")
	if len(s.Start) != 5 || !math.IsNaN(calls[0]) || calls[2] != 0 || calls[3] != 0 || calls[4] != 3 {
		t.Errorf("filled: starts %v calls %v", s.Start, calls)
	}
	s, err = readSeries(t, in, SeriesOptions{FillGaps: GapKeep})
	if err != nil || len(s.Start) != 3 {
		t.Errorf("keep: %v, %v", s, err)
	}
	// GapError stops at the first gap (line 4 here) and counts them all:
	// 2 intervals after 01:00 and 1 after 05:00.
	two := in + "2025-01-01T05:00:00Z,1,1\n2025-01-01T07:00:00Z,1,1\n"
	_, err = readSeries(t, two, SeriesOptions{FillGaps: GapError})
	var pe *ParseError
	if !errors.Is(err, ErrGap) || !errors.As(err, &pe) || pe.Line != 4 ||
		!strings.Contains(err.Error(), "2 interval(s) missing between 2025-01-01T01:00:00Z and 2025-01-01T04:00:00Z; 3 intervals missing in all, in 2 gaps") {
		t.Errorf("error: %v", err)
	}
	for _, name := range []string{"missing", "keep"} {
		if p, err := ParseGapPolicy(name); p != GapKeep || err != nil {
			t.Errorf("ParseGapPolicy(%q) = %v, %v; want GapKeep", name, p, err)
		}
	}
}

func TestReadSemicolonDecimalComma(t *testing.T) {
	t.Parallel()
	// A Nordic spreadsheet export: semicolons and decimal commas.
	in := "start;calls;aht_seconds;queue\n2025-01-01 08:00;12;185,5;Kundtjänst\n2025-01-01 09:00;14;1.190,25;Kundtjänst\n"
	tb, err := ReadTable(strings.NewReader(in), "nordic.csv", CSV, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := tb.Column("aht_seconds").Float; got[0] != 185.5 || got[1] != 1190.25 {
		t.Errorf("aht_seconds = %v, want [185.5 1190.25]", got)
	}
	if got := tb.Column("queue").Text; got[0] != "Kundtjänst" {
		t.Errorf("queue = %v", got)
	}
}

func TestWriteReadRoundTrip(t *testing.T) {
	t.Parallel()
	loc := stockholm(t)
	start := time.Date(2025, 10, 26, 0, 0, 0, 0, loc)
	s := &Series{Step: time.Hour}
	var calls []float64
	for i := 0; i < 6; i++ { // crosses the repeated 02:00
		s.Start = append(s.Start, start.Add(time.Duration(i)*time.Hour))
		calls = append(calls, float64(i)+0.5)
	}
	calls[2] = math.NaN()
	s.Columns = []Column{{Name: "calls", Float: calls}}
	for _, f := range []Format{CSV, Parquet, Arrow} {
		var buf bytes.Buffer
		if err := WriteTable(&buf, s.Table(), f); err != nil {
			t.Fatalf("%v: %v", f, err)
		}
		got, err := ReadSeries(&buf, "rt."+f.String(), f, SeriesOptions{ReadOptions: ReadOptions{Location: loc}})
		if err != nil {
			t.Fatalf("%v: %v", f, err)
		}
		for i := range s.Start {
			if !got.Start[i].Equal(s.Start[i]) || got.Start[i].Format(time.RFC3339) != s.Start[i].Format(time.RFC3339) {
				t.Errorf("%v row %d: start %v, want %v", f, i, got.Start[i], s.Start[i])
			}
			g, w := got.Column("calls")[i], calls[i]
			if g != w && !(math.IsNaN(g) && math.IsNaN(w)) {
				t.Errorf("%v row %d: calls %v, want %v", f, i, g, w)
			}
		}
	}
	var buf bytes.Buffer
	WriteTable(&buf, s.Table(), CSV)
	if !strings.Contains(buf.String(), "2025-10-26T02:00:00+02:00,\n") || !strings.Contains(buf.String(), "2025-10-26T02:00:00+01:00,3.5\n") {
		t.Errorf("CSV does not show the repeated hour once per offset:\n%s", buf.String())
	}
}

func TestReadParquetTimestampUnits(t *testing.T) {
	t.Parallel()
	loc := stockholm(t)
	// Files from other tools: milliseconds with a zone (instants) and
	// microseconds without one (wall clock, read in the given zone).
	inst := time.Date(2025, 3, 30, 1, 0, 0, 0, time.UTC) // 03:00 CEST
	for _, c := range []struct {
		unit arrow.TimeUnit
		tz   string
		raw  int64
		want string
	}{
		{arrow.Millisecond, "UTC", inst.UnixMilli(), "2025-03-30T03:00:00+02:00"},
		{arrow.Microsecond, "", time.Date(2025, 3, 30, 3, 0, 0, 0, time.UTC).UnixMicro(), "2025-03-30T03:00:00+02:00"},
		{arrow.Second, "Europe/Stockholm", inst.Unix(), "2025-03-30T03:00:00+02:00"},
	} {
		schema := arrow.NewSchema([]arrow.Field{
			{Name: "start", Type: &arrow.TimestampType{Unit: c.unit, TimeZone: c.tz}},
			{Name: "orders", Type: arrow.PrimitiveTypes.Int64},
		}, nil)
		b := array.NewRecordBuilder(memory.DefaultAllocator, schema)
		b.Field(0).(*array.TimestampBuilder).Append(arrow.Timestamp(c.raw))
		b.Field(1).(*array.Int64Builder).Append(7)
		rec := b.NewRecordBatch()
		var buf bytes.Buffer
		tbl := array.NewTableFromRecords(schema, []arrow.RecordBatch{rec})
		if err := pqarrow.WriteTable(tbl, &buf, 1024, parquet.NewWriterProperties(), pqarrow.NewArrowWriterProperties()); err != nil {
			t.Fatal(err)
		}
		got, err := ReadTable(&buf, "u.parquet", Parquet, ReadOptions{Location: loc})
		if err != nil {
			t.Fatalf("unit %v: %v", c.unit, err)
		}
		if s := got.Column("start").Time[0].Format(time.RFC3339); s != c.want || got.Column("orders").Float[0] != 7 {
			t.Errorf("unit %v tz %q: %s, %v; want %s", c.unit, c.tz, s, got.Column("orders").Float, c.want)
		}
	}
}

// A zero time beside the start column is a missing time (a shift with no
// break): an empty cell in CSV, null in JSON, Parquet and Arrow, and
// read back from Parquet and Arrow as a zero time.
func TestWriteMissingTimes(t *testing.T) {
	t.Parallel()
	loc := stockholm(t)
	start := []time.Time{time.Date(2025, 3, 30, 8, 0, 0, 0, loc), time.Date(2025, 3, 30, 9, 0, 0, 0, loc)}
	brk := []time.Time{{}, time.Date(2025, 3, 30, 12, 0, 0, 0, loc)}
	tb := &Table{Columns: []Column{{Name: "start", Time: start}, {Name: "break_start", Time: brk}}}
	var csvBuf, jsonBuf bytes.Buffer
	if err := WriteTable(&csvBuf, tb, CSV); err != nil {
		t.Fatal(err)
	}
	if want := "start,break_start\n2025-03-30T08:00:00+02:00,\n2025-03-30T09:00:00+02:00,2025-03-30T12:00:00+02:00\n"; csvBuf.String() != want {
		t.Errorf("CSV:\n%s\nwant:\n%s", csvBuf.String(), want)
	}
	if err := WriteTable(&jsonBuf, tb, JSON); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(jsonBuf.String(), `"break_start": null`) {
		t.Errorf("JSON has no null break:\n%s", jsonBuf.String())
	}
	for _, f := range []Format{Parquet, Arrow} {
		var buf bytes.Buffer
		if err := WriteTable(&buf, tb, f); err != nil {
			t.Fatalf("%v: %v", f, err)
		}
		got, err := ReadTable(&buf, "rt."+f.String(), f, ReadOptions{Location: loc})
		if err != nil {
			t.Fatalf("%v: %v", f, err)
		}
		b := got.Column("break_start")
		if b == nil || len(b.Time) != 2 || !b.Time[0].IsZero() || !b.Time[1].Equal(brk[1]) {
			t.Errorf("%v: break_start read back as %v, want [zero, %v]", f, b, brk[1])
		}
	}
}

// writeCSV writes text cells exactly as encoding/csv does.
func TestWriteCSVQuotesAsEncodingCSV(t *testing.T) {
	t.Parallel()
	cells := []string{"", "plain", "a,b", `say "hi"`, "two\nlines", "cr\r\nlf", " lead", "\tlead", "\u00a0nbsp", `\.`, "trail ", "ä,ö"}
	tb := &Table{Columns: []Column{{Name: "text, too", Text: cells}, {Name: "n", Float: make([]float64, len(cells))}}}
	var got, want bytes.Buffer
	if err := WriteTable(&got, tb, CSV); err != nil {
		t.Fatal(err)
	}
	cw := csv.NewWriter(&want)
	cw.Write([]string{"text, too", "n"})
	for _, c := range cells {
		cw.Write([]string{c, "0"})
	}
	cw.Flush()
	if got.String() != want.String() {
		t.Errorf("got\n%q\nwant (encoding/csv)\n%q", got.String(), want.String())
	}
}
