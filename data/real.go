package data

import (
	"bytes"
	_ "embed"
	"time"
)

//go:embed real/online_retail_uk_2011_hourly.csv
var onlineRetailUK []byte

// OnlineRetailUK returns a real series: hourly orders of a UK online
// retailer, 2010-12-01 to 2011-12-09, one column "count".
//
// The times are Europe/London wall clock, but the file has 24 rows on
// every day, the daylight-saving days included (it holds a 01:00 on
// 2011-03-27, which London skipped, and a single 01:00 on 2011-10-30,
// which London had twice). It is a wall-clock grid, so it is read as one:
// in UTC, 24 hours a day, weekdays and hours of day as the shop saw them.
// Those night hours hold no orders.
// Source: D. Chen, "Online Retail", UCI Machine Learning Repository,
// doi:10.24432/C5BW33, CC BY 4.0; see data/real/README.md for how it was
// derived.
func OnlineRetailUK() (*Series, error) {
	return ReadSeries(bytes.NewReader(onlineRetailUK), "real/online_retail_uk_2011_hourly.csv", CSV,
		SeriesOptions{ReadOptions: ReadOptions{Location: time.UTC}})
}
