package data

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

// With no Location, a timestamp written with a UTC offset keeps that
// offset's clock: consumers that take the hour or the weekday (opening
// hours, shifts, forecasts by hour of week) see the clock the file states.
func TestOffsetsWithoutZoneKeepTheirClock(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("start,calls\n")
	t0 := time.Date(2026, 12, 14, 0, 0, 0, 0, time.FixedZone("", 3600))
	for i := range 7 * 24 {
		b.WriteString(t0.Add(time.Duration(i)*time.Hour).Format(time.RFC3339) + ",1\n")
	}
	s, err := ReadSeries(strings.NewReader(b.String()), "week.csv", CSV, SeriesOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Start[21]; got.Hour() != 21 || got.Weekday() != time.Monday {
		t.Errorf("row 22 (2026-12-14T21:00:00+01:00) reads as %s %d:00, want Monday 21:00", got.Weekday(), got.Hour())
	}
	last := s.Start[len(s.Start)-1]
	if last.Hour() != 23 || last.Weekday() != time.Sunday || last.YearDay()-s.Start[0].YearDay() != 6 {
		t.Errorf("the week ends %v, want Sunday 2026-12-20 23:00 on the file's clock", last)
	}
	// With a zone, the same rows are shown on the zone's clock: Helsinki is +02.
	hel, err := time.LoadLocation("Europe/Helsinki")
	if err != nil {
		t.Skip(err)
	}
	s, err = ReadSeries(strings.NewReader(b.String()), "week.csv", CSV, SeriesOptions{ReadOptions: ReadOptions{Location: hel}})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Start[21]; got.Hour() != 22 || !got.Equal(t0.Add(21*time.Hour)) {
		t.Errorf("with --tz Europe/Helsinki row 22 is %v, want 22:00+02:00", got)
	}
}

// DuckDB and PostgreSQL print offsets in hours only (+01). Across the
// autumn change the rows keep their clocks and stay one hour apart.
func TestDuckDBOffsetsCSV(t *testing.T) {
	t.Parallel()
	f, err := os.Open("testdata/duckdb/offsets.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := ReadSeries(f, "offsets.csv", CSV, SeriesOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"2023-10-29T01:00:00+02:00", "2023-10-29T02:00:00+02:00", "2023-10-29T02:00:00+01:00", "2023-10-29T03:00:00+01:00", "2023-10-29T04:00:00+01:00", "2023-10-29T05:00:00+01:00"}
	for i, w := range want {
		if got := s.Start[i].Format(time.RFC3339); got != w {
			t.Errorf("row %d: %s, want %s", i+1, got, w)
		}
	}
	if s.Step != time.Hour {
		t.Errorf("step %v, want 1h", s.Step)
	}
}

func TestOffsetsNoZoneExplains(t *testing.T) {
	t.Parallel()
	in := "start,calls\n2025-01-06T08:00:00+01:00,1\n2025-01-06T08:00:00Z,1\n2025-01-06T10:00:00+01:00,1\n"
	_, err := ReadSeries(strings.NewReader(in), "mixed.csv", CSV, SeriesOptions{FillGaps: GapKeep})
	var pe *ParseError
	if !errors.Is(err, ErrOffsets) || !errors.As(err, &pe) || pe.Line != 4 {
		t.Errorf("err = %v, want ErrOffsets at line 4", err)
	}
	// One change, as daylight saving makes, is a zone's doing.
	in = "start,calls\n2025-10-26T01:00:00+02:00,1\n2025-10-26T02:00:00+02:00,1\n2025-10-26T02:00:00+01:00,1\n2025-10-26T03:00:00+01:00,1\n"
	if _, err := ReadSeries(strings.NewReader(in), "dst.csv", CSV, SeriesOptions{}); err != nil {
		t.Error(err)
	}
}

// A local-time ACD export writes the repeated autumn hour twice, in
// order: --ambiguous in-order reads the first as summer time (+02) and
// the second as winter time (+01), so the series is regular.
func TestAmbiguousInOrder(t *testing.T) {
	t.Parallel()
	sto, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Skip(err)
	}
	in := "start,calls\n"
	for _, c := range []string{"01:30", "01:45", "02:00", "02:15", "02:30", "02:45", "02:00", "02:15", "02:30", "02:45", "03:00"} {
		in += "2025-10-26 " + c + ",1\n"
	}
	s, err := ReadSeries(strings.NewReader(in), "acd.csv", CSV, SeriesOptions{ReadOptions: ReadOptions{Location: sto, Ambiguous: InOrder}})
	if err != nil {
		t.Fatal(err)
	}
	if s.Step != 15*time.Minute || len(s.Start) != 11 {
		t.Fatalf("step %v, %d rows; want 15m, 11", s.Step, len(s.Start))
	}
	for i, w := range map[int]string{2: "02:00:00+02:00", 5: "02:45:00+02:00", 6: "02:00:00+01:00", 9: "02:45:00+01:00", 10: "03:00:00+01:00"} {
		if got := s.Start[i].Format("15:04:05-07:00"); got != w {
			t.Errorf("row %d: %s, want %s", i+2, got, w)
		}
	}
	// earlier and later map both occurrences to one instant: the second
	// 02:00 goes back in time.
	for _, a := range []Ambiguity{Earlier, Later} {
		if _, err := ReadSeries(strings.NewReader(in), "acd.csv", CSV, SeriesOptions{ReadOptions: ReadOptions{Location: sto, Ambiguous: a}}); !errors.Is(err, ErrUnsorted) {
			t.Errorf("ambiguity %d: err = %v, want rows out of order", a, err)
		}
	}
	// A third 02:00 is an error naming its line.
	_, err = ReadTable(strings.NewReader(in+"2025-10-26 02:00,1\n"), "acd.csv", CSV, ReadOptions{Location: sto, Ambiguous: InOrder})
	var pe *ParseError
	if !errors.Is(err, ErrAmbiguousTime) || !errors.As(err, &pe) || pe.Line != 13 || !strings.Contains(err.Error(), "third time") {
		t.Errorf("third occurrence: err = %v, want an ambiguous time at line 13", err)
	}
	// The skipped spring hour is not a matter of order.
	_, err = ReadTable(strings.NewReader("start,calls\n2025-03-30 02:30,1\n"), "acd.csv", CSV, ReadOptions{Location: sto, Ambiguous: InOrder})
	if !errors.Is(err, ErrAmbiguousTime) {
		t.Errorf("skipped time: err = %v, want an error", err)
	}
	if a, err := ParseAmbiguity("in-order"); a != InOrder || err != nil {
		t.Errorf("ParseAmbiguity(in-order) = %v, %v", a, err)
	}
}

// Aggregating an event log with offsets and no zone buckets each event
// by its own clock: 21:30+01:00 is in the 21:00 interval, not 20:00.
func TestAggregateOffsetsWithoutZone(t *testing.T) {
	t.Parallel()
	in := "created_at\n2026-12-14T21:30:00+01:00\n2026-12-14T21:45:00+01:00\n2026-12-14T23:10:00+01:00\n"
	s, err := Aggregate(strings.NewReader(in), "log.csv", CSV, AggregateOptions{ReadOptions: ReadOptions{TimeColumn: "created_at"}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for i, st := range s.Start {
		got = append(got, fmt.Sprintf("%s=%g", st.Format("15:04-07:00"), s.Columns[0].Float[i]))
	}
	if strings.Join(got, " ") != "21:00+01:00=2 22:00+01:00=0 23:00+01:00=1" {
		t.Errorf("buckets %v, want 21:00=2 22:00=0 23:00=1 on the +01:00 clock", got)
	}
	s, err = Aggregate(strings.NewReader(in), "log.csv", CSV, AggregateOptions{ReadOptions: ReadOptions{TimeColumn: "created_at"}, Every: 24 * time.Hour})
	if err != nil || len(s.Start) != 1 || s.Start[0].Format(time.RFC3339) != "2026-12-14T00:00:00+01:00" {
		t.Errorf("daily: %v %v, want one day from local midnight", s.Start, err)
	}
}

// Rows out of time order (a table sorted by channel, then time) across a
// daylight-saving change are one zone's offsets, not mixed clocks.
func TestCheckOffsetsInTimeOrder(t *testing.T) {
	t.Parallel()
	in := "start,volume,channel\n" +
		"2025-10-26T01:00:00+02:00,1,phone\n2025-10-26T02:00:00+02:00,1,phone\n2025-10-26T02:00:00+01:00,1,phone\n" +
		"2025-10-26T01:00:00+02:00,1,chat\n2025-10-26T02:00:00+02:00,1,chat\n2025-10-26T02:00:00+01:00,1,chat\n"
	tb, err := ReadTable(strings.NewReader(in), "v.csv", CSV, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := tb.CheckOffsets("start"); err != nil {
		t.Error(err)
	}
	tb, err = ReadTable(strings.NewReader("start,volume\n2025-01-06T08:00:00Z,1\n2025-01-06T09:00:00+01:00,1\n2025-01-06T10:00:00Z,1\n"), "m.csv", CSV, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := tb.CheckOffsets("start"); !errors.Is(err, ErrOffsets) || !strings.Contains(err.Error(), "m.csv:4") {
		t.Errorf("mixed clocks: err = %v, want ErrOffsets at m.csv:4", err)
	}
}
