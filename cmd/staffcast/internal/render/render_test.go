package render

import (
	"bytes"
	"math"
	"strings"
	"testing"
	"time"
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
