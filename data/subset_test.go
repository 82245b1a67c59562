package data

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// A subset keeps where its rows came from: an error in it names the file
// and the line (CSV) or row (Parquet) of the whole file, not of the subset.
func TestSubsetKeepsPositions(t *testing.T) {
	const in = "series,start,calls\n" +
		"a,2025-01-06T00:00:00Z,5\n" +
		"b,2025-01-06T00:00:00Z,7\n" +
		"a,2025-01-06T01:00:00Z,6\n" +
		"b,2025-01-06T01:00:00Z,-3\n" + // line 5, row 4
		"a,2025-01-06T02:00:00Z,4\n" +
		"b,2025-01-06T02:00:00Z,8\n"
	opt := ReadOptions{Text: []string{"series"}}
	csvTable, err := ReadTable(strings.NewReader(in), "long.csv", CSV, opt)
	if err != nil {
		t.Fatal(err)
	}
	var pq bytes.Buffer
	if err := WriteTable(&pq, csvTable, Parquet); err != nil {
		t.Fatal(err)
	}
	pqTable, err := ReadTable(bytes.NewReader(pq.Bytes()), "long.parquet", Parquet, opt)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		tb   *Table
		want string // the position SeriesFromTable names
	}{
		{csvTable, "long.csv:5: "},
		{pqTable, "long.parquet: row 4: "},
	} {
		series := c.tb.Column("series").Text
		b := c.tb.Subset(func(i int) bool { return series[i] == "b" })
		if b.Len() != 3 {
			t.Fatalf("%s: subset has %d rows, want 3", c.want, b.Len())
		}
		if got := b.Column("calls").Float; got[0] != 7 || got[2] != 8 || b.Column("start").Time[1].Hour() != 1 {
			t.Errorf("%s: subset values %v", c.want, got)
		}
		_, err := SeriesFromTable(b, SeriesOptions{Columns: []string{"calls"}})
		var pe *ParseError
		if !errors.As(err, &pe) || !errors.Is(err, ErrNegative) || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("subset with -3: error %v, want one starting %q", err, c.want)
		}
		a := c.tb.Subset(func(i int) bool { return series[i] == "a" })
		if _, err := SeriesFromTable(a, SeriesOptions{Columns: []string{"calls"}}); err != nil {
			t.Errorf("series a: %v", err)
		}
		// A subset of a subset still points into the file.
		late := b.Subset(func(i int) bool { return i > 0 })
		if err := late.ErrorAt(0, "calls", "-3", ErrNegative); !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("subset of a subset: %v, want it to start %q", err, c.want)
		}
	}
}
