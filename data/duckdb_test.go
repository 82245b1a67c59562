package data

import (
	"math"
	"testing"
	"time"
)

// The files in testdata/duckdb were written by DuckDB 1.1.3, an
// independent Parquet writer (testdata/duckdb/make.mjs says how): the
// column types real exports carry, read against the values the script
// wrote, row i (from 0) holding the expressions of make.mjs.
func TestReadDuckDBParquetTypes(t *testing.T) {
	t.Parallel()
	sto, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Skip(err)
	}
	tb, err := ReadTableFile("testdata/duckdb/types.parquet", ReadOptions{Location: sto, Ambiguous: InOrder})
	if err != nil {
		t.Fatal(err)
	}
	if tb.Len() != 6 {
		t.Fatalf("%d rows, want 6", tb.Len())
	}
	num := map[string]func(i float64) float64{
		"tiny":    func(i float64) float64 { return i },            // TINYINT
		"small":   func(i float64) float64 { return 300 * i },      // SMALLINT
		"utiny":   func(i float64) float64 { return 200 + i },      // UTINYINT
		"usmall":  func(i float64) float64 { return 60000 + i },    // USMALLINT
		"amount":  func(i float64) float64 { return 12.25 * i },    // DECIMAL(9,2)
		"revenue": func(i float64) float64 { return 1000.125 * i }, // DECIMAL(18,3)
		"wide":    func(i float64) float64 { return 7.5 * i },      // DECIMAL(38,4)
		"calls":   func(i float64) float64 { return 10 + i },       // INTEGER
		"big":     func(i float64) float64 { return 1e9 * i },      // BIGINT
		"ratio":   func(i float64) float64 { return i / 4 },        // DOUBLE
	}
	for name, want := range num {
		c := tb.Column(name)
		if c == nil || c.Float == nil {
			t.Errorf("column %s: not read as numbers", name)
			continue
		}
		for i, v := range c.Float {
			// Decimals to float64: within one part in 1e15.
			if w := want(float64(i)); math.Abs(v-w) > 1e-15*math.Abs(w) {
				t.Errorf("%s row %d = %v, want %v", name, i+1, v, w)
			}
		}
	}
	for i := range 6 {
		// TIMESTAMPTZ: instants (UTC 23:00 on the 28th onwards), shown in the zone.
		start := tb.Column("start").Time[i]
		if want := time.Date(2023, 10, 28, 23+i, 0, 0, 0, time.UTC); !start.Equal(want) || start.Location() != sto {
			t.Errorf("start row %d = %v, want %v in Europe/Stockholm", i+1, start, want)
		}
		// DATE: local midnight of the day.
		day := tb.Column("day").Time[i]
		if want := time.Date(2023, 10, 27+i, 0, 0, 0, 0, sto); !day.Equal(want) || day.Location() != sto {
			t.Errorf("day row %d = %v, want %v", i+1, day, want)
		}
	}
	// TIMESTAMP without a zone: wall clock in the zone; the repeated
	// 02:00 of 29 October is ambiguous and named.
	if naive := tb.Column("naive").Time[1]; naive.Format(time.RFC3339) != "2023-10-29T01:00:00+02:00" {
		t.Errorf("naive row 2 = %v", naive)
	}
	if _, err := ReadTableFile("testdata/duckdb/types.parquet", ReadOptions{Location: sto, Ambiguous: AmbiguousError}); err == nil {
		t.Error("the naive 02:00 of 29 October read without --ambiguous")
	}
	if q := tb.Column("queue"); q == nil || q.Text[1] != "q1" {
		t.Errorf("VARCHAR column queue = %v", q)
	}
}

func TestReadDuckDBParquetNullsAndDaily(t *testing.T) {
	t.Parallel()
	tb, err := ReadTableFile("testdata/duckdb/nulls.parquet", ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"tiny", "amount"} {
		if c := tb.Column(name); c == nil || len(c.Float) != 1 || !math.IsNaN(c.Float[0]) {
			t.Errorf("null %s = %v, want NaN (missing)", name, c)
		}
	}
	if c := tb.Column("day"); c == nil || len(c.Time) != 1 || !c.Time[0].IsZero() {
		t.Errorf("null DATE = %v, want a missing time", c)
	}
	// A daily series keyed by DATE, across the spring change of 26 March
	// 2023: one row a calendar day, a step of 24 hours.
	sto, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Skip(err)
	}
	s, err := ReadSeriesFile("testdata/duckdb/daily.parquet", SeriesOptions{ReadOptions: ReadOptions{Location: sto, TimeColumn: "day"}})
	if err != nil {
		t.Fatal(err)
	}
	if s.Step != 24*time.Hour || len(s.Start) != 5 || s.Start[3].Format(time.RFC3339) != "2023-03-27T00:00:00+02:00" || s.Column("orders")[4] != 104 {
		t.Errorf("daily series: step %v, starts %v, orders %v", s.Step, s.Start, s.Column("orders"))
	}
}
