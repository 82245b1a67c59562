package render

import (
	"bytes"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/staffcast/staffcast/forecast"
)

func TestCell(t *testing.T) {
	for _, tc := range []struct {
		v      any
		digits int
		want   string
	}{
		{1.23456, 2, "1.23"},
		{1.5, -1, "1.5"},
		{math.Inf(1), 2, "inf"},
		{math.Inf(-1), 2, "-inf"},
		{math.NaN(), 2, ""},
		{nil, 2, ""},
		{7, 2, "7"},
		{true, 2, "true"},
		{90 * time.Second, 2, "1m30s"},
		{time.Date(2025, 10, 26, 2, 0, 0, 0, time.FixedZone("CET", 3600)), 2, "2025-10-26T02:00:00+01:00"},
	} {
		if got := Cell(tc.v, tc.digits); got != tc.want {
			t.Errorf("Cell(%v, %d) = %q, want %q", tc.v, tc.digits, got, tc.want)
		}
	}
}

// A grid's JSON keeps the column order and writes what JSON cannot hold
// (an unbounded wait) as null; CSV keeps full precision; one result in the
// terminal reads as a column of measures.
func TestWriteGrid(t *testing.T) {
	g := Grid{Header: []string{"z", "a", "wait"}, Rows: [][]any{{1.0 / 3, "x", math.Inf(1)}}}
	var b bytes.Buffer
	if err := WriteGrid(&b, FormatJSON, g, true); err != nil {
		t.Fatal(err)
	}
	if want := "{\n  \"z\": 0.3333333333333333,\n  \"a\": \"x\",\n  \"wait\": null\n}\n"; b.String() != want {
		t.Errorf("JSON:\n%s\nwant\n%s", b.String(), want)
	}
	b.Reset()
	if err := WriteGrid(&b, FormatCSV, g, true); err != nil {
		t.Fatal(err)
	}
	if want := "z,a,wait\n0.3333333333333333,x,inf\n"; b.String() != want {
		t.Errorf("CSV:\n%s\nwant\n%s", b.String(), want)
	}
	b.Reset()
	if err := WriteGrid(&b, FormatTable, g, true); err != nil {
		t.Fatal(err)
	}
	if s := b.String(); !strings.Contains(s, "measure") || !strings.Contains(s, "0.333") || strings.Contains(s, "0.3333") {
		t.Errorf("table:\n%s", s)
	}
	if err := WriteGrid(&b, FormatParquet, g, false); err == nil {
		t.Error("a grid written as Parquet: no error")
	}
}

// The backtest's terminal table has one row per model with the mean and
// worst-origin MASE; CSV has a row for all origins, each day and each
// origin.
func TestBacktest(t *testing.T) {
	m := forecast.Metrics{MASE: 0.9, WAPE: 0.25, Bias: -0.0123, RMSE: 3.456, Coverage: 0.9, CoverageOpen: 0.75, N: 48, NOpen: 20}
	bts := []forecast.Backtest{{
		Model: forecast.WeekMean, Overall: m, ByDay: []forecast.Metrics{m, m}, ByOrigin: []forecast.Metrics{m},
		Origins:  []time.Time{time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC)},
		MeanMASE: 0.9, WorstMASE: 1.25, FitTime: 12345 * time.Microsecond,
	}}
	var b bytes.Buffer
	if err := Backtest(&b, FormatTable, bts); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"MASE worst origin", "week-mean", "0.900", "1.250", "-0.012", "3.46", "0.75", "12ms"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, b.String())
		}
	}
	b.Reset()
	if err := Backtest(&b, FormatCSV, bts); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 5 || !strings.HasPrefix(lines[1], "week-mean,all,0.9,") || !strings.HasPrefix(lines[3], "week-mean,day 2,") || !strings.HasPrefix(lines[4], "week-mean,origin 2025-03-03T00:00,") {
		t.Errorf("CSV:\n%s", b.String())
	}
}
