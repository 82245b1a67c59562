package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/staffcast/staffcast/data"
	"github.com/staffcast/staffcast/sample"
)

// The order log reads back the same from every format sample lists.
func TestSampleOrdersEveryFormat(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var want *data.Table
	for _, ext := range []string{"csv", "json", "parquet", "arrow"} {
		path := filepath.Join(dir, "orders."+ext)
		if _, stderr, code := run(t, "", "sample", "--orders", "--out", path); code != exitOK {
			t.Fatalf("sample --orders --out %s: exit %d\n%s", path, code, stderr)
		}
		if ext == "json" {
			continue // data reads CSV, Parquet and Arrow; JSON is checked below
		}
		got, err := data.ReadTableFile(path, data.ReadOptions{TimeColumn: "created_at", Text: []string{"order_id"}})
		if err != nil {
			t.Fatalf("%s: %v", ext, err)
		}
		if want == nil {
			want = got
			if got.Len() < 10000 || got.Column("amount") == nil || got.Column("created_at").Time == nil {
				t.Fatalf("%s: %d rows, columns %v", ext, got.Len(), got.Columns)
			}
			continue
		}
		if got.Len() != want.Len() {
			t.Fatalf("%s: %d rows, csv has %d", ext, got.Len(), want.Len())
		}
		for _, i := range []int{0, got.Len() / 2, got.Len() - 1} {
			if !got.Column("created_at").Time[i].Equal(want.Column("created_at").Time[i]) ||
				got.Column("amount").Float[i] != want.Column("amount").Float[i] ||
				got.Column("order_id").Text[i] != want.Column("order_id").Text[i] {
				t.Errorf("%s row %d differs from the csv", ext, i)
			}
		}
	}
	stdout, _, code := run(t, "", "sample", "--orders", "--format", "json")
	if code != exitOK || !strings.HasPrefix(stdout, "[\n  {\"order_id\": \"1\", \"created_at\": \"2025-12-04T00:") {
		t.Errorf("sample --orders --format json: exit %d, starts %.80q", code, stdout)
	}
}

// --every writes a regular series at the grain asked for; the grains the
// sample cannot be split into, and --every with --orders, are flag errors.
func TestSampleEvery(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "shop-30m.csv")
	if _, stderr, code := run(t, "", "sample", "--every", "30m", "--out", path); code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	s, err := data.ReadSeriesFile(path, data.SeriesOptions{})
	if err != nil {
		t.Fatal(err)
	}
	hourly, _ := sample.Shop()
	if s.Step != 30*time.Minute || len(s.Start) != 2*len(hourly.Start) {
		t.Errorf("step %v, %d rows; want 30m0s, %d", s.Step, len(s.Start), 2*len(hourly.Start))
	}
	for _, args := range [][]string{{"--every", "7m"}, {"--every", "2h"}, {"--every", "15m", "--orders"}} {
		if _, stderr, code := run(t, "", append([]string{"sample"}, args...)...); code != exitUsage || !strings.Contains(stderr, "--every") {
			t.Errorf("sample %q: exit %d, want %d naming --every\n%s", args, code, exitUsage, stderr)
		}
	}
}
