package sample

import (
	"bytes"
	"compress/gzip"
	"flag"
	"math"
	"os"
	"testing"
	"time"

	"github.com/staffcast/staffcast/data"
)

var update = flag.Bool("update", false, "rewrite generated files (the embedded sample)")

func TestEmbeddedSampleIsCurrent(t *testing.T) {
	var buf bytes.Buffer
	if err := data.WriteTable(&buf, Generate(Seed).Table(), data.CSV); err != nil {
		t.Fatal(err)
	}
	if *update {
		var gz bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
		zw.Write(buf.Bytes())
		zw.Close()
		if err := os.WriteFile("nordic_shop.csv.gz", gz.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := ShopCSV()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, buf.Bytes()) {
		t.Error("embedded sample differs from Generate(Seed): run go generate ./sample")
	}
}

func TestSampleShape(t *testing.T) {
	t.Parallel()
	s, err := Shop()
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

func TestSampleOrdersAggregateBack(t *testing.T) {
	t.Parallel()
	// Second method for the order log: aggregating it per hour gives back
	// the sample's hourly orders exactly, across the autumn DST change.
	s, err := Shop()
	if err != nil {
		t.Fatal(err)
	}
	loc := s.Start[0].Location()
	from, to := time.Date(2025, 10, 20, 0, 0, 0, 0, loc), time.Date(2025, 10, 27, 0, 0, 0, 0, loc)
	var buf bytes.Buffer
	if err := WriteOrders(&buf, s, from, to, 1); err != nil {
		t.Fatal(err)
	}
	agg, err := data.Aggregate(&buf, "orders.csv", data.CSV, data.AggregateOptions{ReadOptions: data.ReadOptions{Location: loc, TimeColumn: "created_at"}})
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
