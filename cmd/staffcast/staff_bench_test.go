package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// yearCSV writes the year of 15-minute intervals scripts/startup.sh staffs
// (a daily shape, 0 to 120 calls) to a file in dir and returns its path.
// With fractional, every volume gets a fraction of its own, in five
// decimals, as a forecast's volumes would: no two rows repeat (two
// decimals cannot do that for night volumes of 0 to 5).
func yearCSV(tb testing.TB, dir string, fractional bool) string {
	tb.Helper()
	var sb strings.Builder
	sb.WriteString("start,volume\n")
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 365 * 96 {
		h := float64(i%96) / 4
		v := float64(int(h) % 5)
		if h >= 7 && h < 22 {
			v = math.Floor(60 + 60*math.Sin((h-7)/15*3.14159))
		}
		at := t0.Add(time.Duration(i) * 15 * time.Minute).Format(time.RFC3339)
		if fractional {
			fmt.Fprintf(&sb, "%s,%.5f\n", at, v+float64(i*7919%(365*96))/(365*96))
		} else {
			fmt.Fprintf(&sb, "%s,%g\n", at, v)
		}
	}
	path := filepath.Join(dir, "year.csv")
	if err := os.WriteFile(path, []byte(sb.String()), 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

// BenchmarkStaffYear is `staffcast staff` on a year of 15-minute intervals
// to CSV, the whole command path in process (flags, reading, checks,
// Erlang C, writing) without the process start-up scripts/startup.sh adds.
// Its volumes are whole calls, which repeat from day to day.
func BenchmarkStaffYear(b *testing.B) { benchmarkStaffYear(b, false) }

// BenchmarkStaffYearFractional is BenchmarkStaffYear on volumes that never
// repeat, as a forecast's: no requirement is found in the memo.
func BenchmarkStaffYearFractional(b *testing.B) { benchmarkStaffYear(b, true) }

func benchmarkStaffYear(b *testing.B, fractional bool) {
	path := yearCSV(b, b.TempDir(), fractional)
	args := []string{"staffcast", "staff", "--in", path, "--aht", "3m", "--target", "80/20", "--format", "csv"}
	b.ReportAllocs()
	for b.Loop() {
		if err := newApp(strings.NewReader(""), io.Discard, io.Discard).Run(args); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(365*96*b.N)/b.Elapsed().Seconds(), "rows/s")
}
