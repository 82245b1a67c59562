package sample

import (
	"bytes"
	"testing"
	"time"

	"github.com/staffcast/staffcast/data"
)

// TestWeekVolumes checks the week staff runs on without input: Monday
// 17 November 2025 in Stockholm, every hour of chat and email, phone in
// the historical phone hours only (Monday-Friday 08-17, see Shop).
func TestWeekVolumes(t *testing.T) {
	t.Parallel()
	tb, err := WeekVolumes(time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	loc, _ := time.LoadLocation("Europe/Stockholm")
	from := time.Date(2025, 11, 17, 0, 0, 0, 0, loc)
	start, channel := tb.Column("start").Time, tb.Column("channel").Text
	if !start[0].Equal(from) || !start[len(start)-1].Before(from.AddDate(0, 0, 7)) {
		t.Errorf("rows from %v to %v: want the week from %v", start[0], start[len(start)-1], from)
	}
	count := map[string]int{}
	for i, st := range start {
		count[channel[i]]++
		if l := st.In(loc); channel[i] == "phone" && (l.Weekday() == time.Saturday || l.Weekday() == time.Sunday || l.Hour() < 8 || l.Hour() >= 17) {
			t.Errorf("a phone row at %v, outside Mon-Fri 08-17", l)
		}
	}
	// November has no DST change: 168 hours; phone 5 days of 9 hours.
	if count["chat"] != 168 || count["email"] != 168 || count["phone"] != 45 {
		t.Errorf("rows by channel %v: want chat 168, email 168, phone 45", count)
	}
}

// TestRecentOrders checks that the order log covers the sample's last
// OrderWeeks weeks and aggregates back to its hourly orders.
func TestRecentOrders(t *testing.T) {
	t.Parallel()
	s, err := Shop()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := RecentOrders(&buf, s); err != nil {
		t.Fatal(err)
	}
	loc := s.Start[0].Location()
	agg, err := data.Aggregate(&buf, "orders.csv", data.CSV, data.AggregateOptions{ReadOptions: data.ReadOptions{Location: loc, TimeColumn: "created_at"}})
	if err != nil {
		t.Fatal(err)
	}
	end := s.Start[len(s.Start)-1].Add(s.Step)
	if first := agg.Start[0]; first.Before(end.AddDate(0, 0, -7*OrderWeeks)) || first.After(end.AddDate(0, 0, -7*OrderWeeks).Add(6*time.Hour)) {
		t.Errorf("the log starts at %v: want the first hour with orders after %v", first, end.AddDate(0, 0, -7*OrderWeeks))
	}
	orders := s.Column("orders")
	var want, got float64
	for i, st := range s.Start {
		if !st.Before(end.AddDate(0, 0, -7*OrderWeeks)) {
			want += orders[i]
		}
	}
	for _, v := range agg.Column("count") {
		got += v
	}
	if got != want || want == 0 {
		t.Errorf("%v orders in the log, the sample has %v in its last %d weeks", got, want, OrderWeeks)
	}
}
