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
func yearCSV(tb testing.TB, dir string) string {
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
		fmt.Fprintf(&sb, "%s,%g\n", t0.Add(time.Duration(i)*15*time.Minute).Format(time.RFC3339), v)
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
func BenchmarkStaffYear(b *testing.B) {
	path := yearCSV(b, b.TempDir())
	args := []string{"staffcast", "staff", "--in", path, "--aht", "3m", "--target", "80/20", "--format", "csv"}
	b.ReportAllocs()
	for b.Loop() {
		if err := newApp(strings.NewReader(""), io.Discard, io.Discard).Run(args); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(365*96*b.N)/b.Elapsed().Seconds(), "rows/s")
}
