package data

import (
	"bytes"
	"compress/gzip"
	"flag"
	"math"
	"os"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite generated files (the embedded sample)")

func TestEmbeddedSampleIsCurrent(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteTable(&buf, GenerateSample(SampleSeed).Table(), CSV); err != nil {
		t.Fatal(err)
	}
	if *update {
		var gz bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
		zw.Write(buf.Bytes())
		zw.Close()
		if err := os.WriteFile("sample/nordic_shop.csv.gz", gz.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := SampleCSV()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, buf.Bytes()) {
		t.Error("embedded sample differs from GenerateSample(SampleSeed): run go generate ./data")
	}
}

func TestSampleShape(t *testing.T) {
	t.Parallel()
	s, err := Sample()
	if err != nil {
		t.Fatal(err)
	}
	// Three years of hours: 1,096 days (2024 is a leap year) of 24 hours;
	// the 23- and 25-hour DST days cancel out.
	if len(s.Start) != 1096*24 || s.Step != time.Hour {
		t.Fatalf("%d rows, step %v; want 26,304 hourly", len(s.Start), s.Step)
	}
	orders, calls := s.Column("orders"), s.Column("calls")
	// In the December rush (1–19 December) the busiest hour is 21–22.
	var byHour [24]float64
	for i, st := range s.Start {
		if _, m, d := st.Date(); m == time.December && d <= 19 {
			byHour[st.Hour()] += orders[i]
		}
	}
	best := 0
	for h := range byHour {
		if byHour[h] > byHour[best] {
			best = h
		}
	}
	if best != 21 {
		t.Errorf("busiest December-rush hour starts at %d, want 21 (profile %v)", best, byHour)
	}
	// Calls are missing exactly outside the historical phone hours.
	for i, st := range s.Start {
		open := st.Weekday() != time.Saturday && st.Weekday() != time.Sunday && st.Hour() >= 8 && st.Hour() < 17
		if !open && !math.IsNaN(calls[i]) {
			t.Fatalf("%v: calls %v outside phone hours, want missing", st, calls[i])
		}
	}
	// Black Friday 2024 (29 November) is the busiest day of its November.
	day := map[string]float64{}
	for i, st := range s.Start {
		if st.Year() == 2024 && st.Month() == time.November {
			day[st.Format("2006-01-02")] += orders[i]
		}
	}
	for d, v := range day {
		if v > day["2024-11-29"] {
			t.Errorf("%s has %v orders, more than Black Friday's %v", d, v, day["2024-11-29"])
		}
	}
}

func TestOnlineRetailUK(t *testing.T) {
	t.Parallel()
	s, err := OnlineRetailUK()
	if err != nil {
		t.Fatal(err)
	}
	// The README of ../shared/data/real: 8,976 rows, 19,771 orders in total.
	total := 0.0
	for _, v := range s.Column("count") {
		total += v
	}
	if len(s.Start) != 8976 || total != 19771 {
		t.Errorf("%d rows, %v orders; want 8,976 and 19,771", len(s.Start), total)
	}
}

func TestOnlineRetailUKIsAWallClockGrid(t *testing.T) {
	t.Parallel()
	// Read as London time the file's 01:00 on 2011-03-27 does not exist:
	// the reader must say so at that line rather than guess.
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Skip(err)
	}
	_, err = ReadSeries(bytes.NewReader(onlineRetailUK), "uk.csv", CSV, SeriesOptions{ReadOptions: ReadOptions{Location: loc}})
	if err == nil || !strings.Contains(err.Error(), "uk.csv:2787:") || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("reading as Europe/London: %v, want the nonexistent 01:00 at line 2787", err)
	}
}

func TestSampleOrdersAggregateBack(t *testing.T) {
	t.Parallel()
	// Second method for the order log: aggregating it per hour gives back
	// the sample's hourly orders exactly, across the autumn DST change.
	s, err := Sample()
	if err != nil {
		t.Fatal(err)
	}
	loc := s.Start[0].Location()
	from, to := time.Date(2025, 10, 20, 0, 0, 0, 0, loc), time.Date(2025, 10, 27, 0, 0, 0, 0, loc)
	var buf bytes.Buffer
	if err := WriteSampleOrders(&buf, s, from, to, 1); err != nil {
		t.Fatal(err)
	}
	agg, err := Aggregate(&buf, "orders.csv", CSV, AggregateOptions{ReadOptions: ReadOptions{Location: loc, TimeColumn: "created_at"}})
	if err != nil {
		t.Fatal(err)
	}
	orders := s.Column("orders")
	j := 0
	for i, st := range s.Start {
		if st.Before(agg.Start[0]) || st.After(agg.Start[len(agg.Start)-1]) {
			continue
		}
		if !agg.Start[j].Equal(st) || agg.Column("count")[j] != orders[i] {
			t.Fatalf("%v: aggregated %v at %v, sample %v", st, agg.Column("count")[j], agg.Start[j], orders[i])
		}
		j++
	}
	if j != len(agg.Start) || j < 7*24 {
		t.Errorf("compared %d hours of %d", j, len(agg.Start))
	}
}
