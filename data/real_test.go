package data

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

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
