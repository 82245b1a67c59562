package data

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// writeOrderLog writes an order log of n rows (created_at with offset,
// amount) to path, one order every 9 seconds from 2023-01-01 in
// Europe/Stockholm.
func writeOrderLog(b *testing.B, path string, n int) {
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	loc, _ := time.LoadLocation("Europe/Stockholm")
	t := time.Date(2023, 1, 1, 0, 0, 0, 0, loc)
	w.WriteString("order_id,created_at,amount\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(w, "%d,%s,%d.%02d\n", i, t.Format(time.RFC3339), 100+i%900, i%100)
		t = t.Add(9 * time.Second)
	}
	w.Flush()
	f.Close()
}

// BenchmarkAggregate counts a 10-million-row order log per hour, from CSV
// and from Parquet. Set STAFFCAST_BENCH_ROWS to change the size.
func BenchmarkAggregate(b *testing.B) {
	n := 10_000_000
	if v := os.Getenv("STAFFCAST_BENCH_ROWS"); v != "" {
		fmt.Sscan(v, &n)
	}
	dir := b.TempDir()
	csvPath := filepath.Join(dir, "orders.csv")
	writeOrderLog(b, csvPath, n)
	loc, _ := time.LoadLocation("Europe/Stockholm")
	opt := AggregateOptions{ReadOptions: ReadOptions{Location: loc, TimeColumn: "created_at"}}
	b.Run("csv", func(b *testing.B) {
		for b.Loop() {
			if _, err := AggregateFile(csvPath, opt); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "rows/s")
	})
	pqPath := filepath.Join(dir, "orders.parquet")
	tb, err := ReadTableFile(csvPath, ReadOptions{Location: loc, TimeColumn: "created_at"})
	if err != nil {
		b.Fatal(err)
	}
	if err := WriteFileAtomic(pqPath, func(w io.Writer) error { return WriteTable(w, tb, Parquet) }); err != nil {
		b.Fatal(err)
	}
	tb = nil
	b.Run("parquet", func(b *testing.B) {
		for b.Loop() {
			if _, err := AggregateFile(pqPath, opt); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "rows/s")
	})
}
