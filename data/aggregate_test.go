package data

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestAggregateAcrossDST(t *testing.T) {
	t.Parallel()
	loc := stockholm(t)
	// Autumn 2025-10-26: two events in each 02:00 hour (one per offset),
	// one written as UTC, one naive local time that is unambiguous.
	autumn := `created_at,amount
2025-10-26T01:10:00+02:00,5
2025-10-26T02:15:00+02:00,1
2025-10-26T02:45:00+02:00,1
2025-10-26T01:20:00Z,2
2025-10-26T02:05:00+01:00,2
2025-10-26 04:30,7
`
	s, err := Aggregate(strings.NewReader(autumn), "orders.csv", CSV, AggregateOptions{ReadOptions: ReadOptions{Location: loc, TimeColumn: "created_at"}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for i, st := range s.Start {
		got = append(got, fmt.Sprintf("%s=%v", st.Format(time.RFC3339), s.Column("count")[i]))
	}
	want := "2025-10-26T01:00:00+02:00=1 2025-10-26T02:00:00+02:00=2 2025-10-26T02:00:00+01:00=2 2025-10-26T03:00:00+01:00=0 2025-10-26T04:00:00+01:00=1"
	if strings.Join(got, " ") != want {
		t.Errorf("autumn counts:\n got %s\nwant %s", strings.Join(got, " "), want)
	}
	// Summing a column instead of counting.
	s, err = Aggregate(strings.NewReader(autumn), "orders.csv", CSV, AggregateOptions{ReadOptions: ReadOptions{Location: loc, TimeColumn: "created_at"}, SumColumn: "amount"})
	if err != nil || s.Columns[0].Name != "amount" || s.Column("amount")[2] != 4 {
		t.Errorf("sums: %v, %v", s, err)
	}
	// Spring 2025-03-30: the hour 02:00 does not exist, so 01:00 is
	// followed by 03:00.
	spring := "created_at\n2025-03-30T01:30:00+01:00\n2025-03-30T03:30:00+02:00\n"
	s, err = Aggregate(strings.NewReader(spring), "o.csv", CSV, AggregateOptions{ReadOptions: ReadOptions{Location: loc, TimeColumn: "created_at"}})
	if err != nil || len(s.Start) != 2 || s.Start[1].Format(time.RFC3339) != "2025-03-30T03:00:00+02:00" {
		t.Errorf("spring: %v, %v", s, err)
	}
	// Daily buckets run local midnight to local midnight: 23 hours here.
	s, err = Aggregate(strings.NewReader("created_at\n2025-03-30T00:30:00+01:00\n2025-03-30T23:30:00+02:00\n2025-03-31T00:10:00+02:00\n"), "o.csv", CSV,
		AggregateOptions{ReadOptions: ReadOptions{Location: loc, TimeColumn: "created_at"}, Every: 24 * time.Hour})
	if err != nil || len(s.Start) != 2 || s.Column("count")[0] != 2 || s.Start[1].Sub(s.Start[0]) != 23*time.Hour {
		t.Errorf("daily: %v, %v", s, err)
	}
	// A naive time in the repeated hour needs --ambiguous.
	_, err = Aggregate(strings.NewReader("created_at\n2025-10-26 01:00\n2025-10-26 02:30\n"), "o.csv", CSV, AggregateOptions{ReadOptions: ReadOptions{Location: loc, TimeColumn: "created_at"}})
	if !errors.Is(err, ErrAmbiguousTime) || !strings.Contains(err.Error(), "o.csv:3:") {
		t.Errorf("ambiguous: %v", err)
	}
	s, err = Aggregate(strings.NewReader("created_at\n2025-10-26 01:00\n2025-10-26 02:30\n"), "o.csv", CSV, AggregateOptions{ReadOptions: ReadOptions{Location: loc, TimeColumn: "created_at", Ambiguous: Later}})
	if err != nil || len(s.Start) != 3 || s.Start[2].Format(time.RFC3339) != "2025-10-26T02:00:00+01:00" {
		t.Errorf("ambiguous later: %v, %v", s, err)
	}
}

func TestAggregateQuarterHoursAndParquet(t *testing.T) {
	t.Parallel()
	loc := stockholm(t)
	var log strings.Builder
	log.WriteString("ts;value\n")
	start := time.Date(2025, 3, 30, 1, 0, 0, 0, loc)
	n := 0
	for m := 0; m < 180; m += 7 { // an event every 7 minutes over 3 hours of real time
		fmt.Fprintf(&log, "%s;%d,5\n", start.Add(time.Duration(m)*time.Minute).Format(time.RFC3339), m)
		n++
	}
	opt := AggregateOptions{ReadOptions: ReadOptions{Location: loc, TimeColumn: "ts"}, Every: 15 * time.Minute}
	csvSeries, err := Aggregate(strings.NewReader(log.String()), "q.csv", CSV, opt)
	if err != nil {
		t.Fatal(err)
	}
	total := 0.0
	for i, v := range csvSeries.Column("count") {
		total += v
		if i > 0 && csvSeries.Start[i].Sub(csvSeries.Start[i-1]) != 15*time.Minute {
			t.Errorf("step %v at %v", csvSeries.Start[i].Sub(csvSeries.Start[i-1]), csvSeries.Start[i])
		}
	}
	if total != float64(n) || len(csvSeries.Start) != 12 {
		t.Errorf("%d quarter hours with %v events, want 12 and %d", len(csvSeries.Start), total, n)
	}
	// The same log as Parquet aggregates to the same series (a second reader).
	tb, err := ReadTable(strings.NewReader(log.String()), "q.csv", CSV, ReadOptions{Location: loc, TimeColumn: "ts"})
	if err != nil {
		t.Fatal(err)
	}
	var pq bytes.Buffer
	if err := WriteTable(&pq, tb, Parquet); err != nil {
		t.Fatal(err)
	}
	opt.SumColumn = "value"
	pqSeries, err := Aggregate(bytes.NewReader(pq.Bytes()), "q.parquet", Parquet, opt)
	csvSum, _ := Aggregate(strings.NewReader(log.String()), "q.csv", CSV, opt)
	if err != nil {
		t.Fatal(err)
	}
	for i := range csvSum.Start {
		if !pqSeries.Start[i].Equal(csvSum.Start[i]) || pqSeries.Column("value")[i] != csvSum.Column("value")[i] {
			t.Errorf("row %d: parquet %v %v, csv %v %v", i, pqSeries.Start[i], pqSeries.Column("value")[i], csvSum.Start[i], csvSum.Column("value")[i])
		}
	}
}

func TestSummarize(t *testing.T) {
	t.Parallel()
	in := "start,calls\n2025-01-01T00:00:00Z,0\n2025-01-01T01:00:00Z,0\n2025-01-01T02:00:00Z,0\n2025-01-01T03:00:00Z,4\n2025-01-01T06:00:00Z,\n2025-01-01T07:00:00Z,2\n"
	s, err := ReadSeries(strings.NewReader(in), "s.csv", CSV, SeriesOptions{FillGaps: GapKeep})
	if err != nil {
		t.Fatal(err)
	}
	sum := Summarize(s)
	c := sum.Columns[0]
	if sum.Rows != 6 || sum.MissingIntervals != 2 || len(sum.Gaps) != 1 || c.Missing != 1 || c.Zeros != 3 || c.LongestZeroRun != 3 || c.Sum != 6 || c.Max != 4 {
		t.Errorf("summary %+v", sum)
	}
}
