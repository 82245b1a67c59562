package data

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
)

// positioned reports whether err says where the problem is: a
// *ParseError with a line or row, or at least the file.
func positioned(err error) bool {
	var pe *ParseError
	return errors.As(err, &pe) && pe.File != ""
}

func FuzzReadSeriesCSV(f *testing.F) {
	f.Add("start,calls\n2025-01-01T00:00:00Z,1\n2025-01-01T01:00:00Z,2\n")
	f.Add("start;calls;chats\n2025-10-26 02:00;1,5;\n2025-10-26 03:00;2;3\n")
	f.Add("start,calls\n2025-03-30 02:30,1\n")
	f.Add("")
	f.Add("start,calls\n\"2025-01-01T00:00:00Z,1\n")
	f.Add("start,calls,x\n2025-01-01T00:00:00Z,1\n")
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		f.Skip(err)
	}
	f.Fuzz(func(t *testing.T, in string) {
		for _, gaps := range []GapPolicy{GapError, GapZero, GapKeep} {
			s, err := ReadSeries(strings.NewReader(in), "f.csv", CSV, SeriesOptions{ReadOptions: ReadOptions{Location: loc}, FillGaps: gaps})
			if err != nil {
				if !positioned(err) {
					t.Fatalf("error without a position: %v", err)
				}
				continue
			}
			// A series that reads must write and read back the same.
			var buf bytes.Buffer
			if err := WriteTable(&buf, s.Table(), CSV); err != nil {
				t.Fatal(err)
			}
			back, err := ReadSeries(&buf, "back.csv", CSV, SeriesOptions{ReadOptions: ReadOptions{Location: loc}, FillGaps: GapKeep, Columns: names(s)})
			if err != nil || len(back.Start) != len(s.Start) {
				t.Fatalf("round trip of %q: %v", buf.String(), err)
			}
		}
	})
}

func names(s *Series) []string {
	var n []string
	for _, c := range s.Columns {
		n = append(n, c.Name)
	}
	return n
}

func FuzzAggregateCSV(f *testing.F) {
	f.Add("created_at\n2025-10-26T01:10:00+02:00\n2025-10-26 04:30\n")
	f.Add("created_at;amount\n2025-10-26 02:30;1,5\n")
	f.Add("created_at\n9999-12-31T23:59:59Z\n0001-01-01T00:00:00Z\n")
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		f.Skip(err)
	}
	f.Fuzz(func(t *testing.T, in string) {
		s, err := Aggregate(strings.NewReader(in), "log.csv", CSV, AggregateOptions{ReadOptions: ReadOptions{Location: loc, TimeColumn: "created_at"}, Every: 24 * time.Hour})
		if err != nil && !positioned(err) {
			t.Fatalf("error without a position: %v", err)
		}
		if err == nil && len(s.Start) == 0 {
			t.Fatal("no error and no intervals")
		}
	})
}

func FuzzReadParquet(f *testing.F) {
	var buf bytes.Buffer
	small := fuzzSeed()
	WriteTable(&buf, small.Table(), Parquet)
	f.Add(buf.Bytes())
	f.Add([]byte("PAR1garbagePAR1"))
	f.Fuzz(func(t *testing.T, in []byte) {
		_, err := ReadTable(bytes.NewReader(in), "f.parquet", Parquet, ReadOptions{})
		if err != nil && !positioned(err) {
			t.Fatalf("error without a position: %v", err)
		}
	})
}

func FuzzReadArrow(f *testing.F) {
	var buf bytes.Buffer
	small := fuzzSeed()
	WriteTable(&buf, small.Table(), Arrow)
	f.Add(buf.Bytes())
	f.Add([]byte("ARROW1\x00\x00garbage"))
	f.Fuzz(func(t *testing.T, in []byte) {
		_, err := ReadTable(bytes.NewReader(in), "f.arrow", Arrow, ReadOptions{})
		if err != nil && !positioned(err) {
			t.Fatalf("error without a position: %v", err)
		}
	})
}

func FuzzReadReport(f *testing.F) {
	f.Add("15;2025-01-02;08:00;1;Kundtjänst;20;18;15;2;1;0;0;0;3000;600,5;0;0;0;0;0;0\n", true)
	f.Add("Interval Start UTC Date,Queue,Media Type,Offered,Interactions Handled,Total Handle Time (Seconds)\n2025-10-26T00:00:00.000Z,Support,voice,12,11,2640\n", false)
	f.Fuzz(func(t *testing.T, in string, teleopti bool) {
		layout := Genesys
		if teleopti {
			layout = Teleopti
		}
		tb, err := ReadReport(strings.NewReader(in), "r.csv", ReportOptions{Layout: layout})
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) && !strings.Contains(err.Error(), "r.csv") {
				t.Fatalf("error without a position: %v", err)
			}
			return
		}
		if tb.Len() == 0 || len(tb.Columns) != len(ReportFields) {
			t.Fatalf("table %+v", tb)
		}
	})
}

// fuzzSeed is 30 hourly rows of orders, a seed for the binary readers.
func fuzzSeed() *Series {
	s := &Series{Step: time.Hour, Columns: []Column{{Name: "orders"}}}
	t0 := time.Date(2025, 3, 30, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 30; i++ {
		s.Start = append(s.Start, t0.Add(time.Duration(i)*time.Hour))
		s.Columns[0].Float = append(s.Columns[0].Float, float64(i*i%17))
	}
	return s
}
