package data_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/staffcast/staffcast/data"
	"github.com/staffcast/staffcast/sample"
)

// BenchmarkReadSeriesThreeYears reads three years of hourly orders,
// calls, chats and emails (26,304 rows) from CSV.
func BenchmarkReadSeriesThreeYears(b *testing.B) {
	text, err := sample.ShopCSV()
	if err != nil {
		b.Fatal(err)
	}
	loc, _ := time.LoadLocation("Europe/Stockholm")
	for b.Loop() {
		if _, err := data.ReadSeries(bytes.NewReader(text), "sample.csv", data.CSV, data.SeriesOptions{ReadOptions: data.ReadOptions{Location: loc}}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(26304*b.N)/b.Elapsed().Seconds(), "rows/s")
}
