package sample

import (
	"math"
	"testing"
	"time"
)

// The finer sample sums back to the hourly one in every hour and column,
// keeps missing calls missing, runs on a regular grid through both DST
// changes, and is spread evenly: over the sample's years each quarter of
// the hour holds a quarter of the orders within a few standard errors of
// the multinomial.
func TestShopEvery(t *testing.T) {
	hourly, err := Shop()
	if err != nil {
		t.Fatal(err)
	}
	for _, step := range []time.Duration{15 * time.Minute, 30 * time.Minute} {
		s, err := ShopEvery(step)
		if err != nil {
			t.Fatal(err)
		}
		k := int(time.Hour / step)
		if s.Step != step || len(s.Start) != k*len(hourly.Start) {
			t.Fatalf("%v: step %v, %d rows; want %d", step, s.Step, len(s.Start), k*len(hourly.Start))
		}
		for i := 1; i < len(s.Start); i++ {
			if d := s.Start[i].Sub(s.Start[i-1]); d != step {
				t.Fatalf("%v: rows %d and %d are %v apart", step, i-1, i, d)
			}
		}
		share := make([]float64, k)
		var total float64
		for ci, c := range hourly.Columns {
			fine := s.Columns[ci].Float
			for i, v := range c.Float {
				var sum float64
				missing := 0
				for j := range k {
					f := fine[i*k+j]
					if math.IsNaN(f) {
						missing++
						continue
					}
					sum += f
					if c.Name == "orders" {
						share[j] += f
					}
				}
				if math.IsNaN(v) && missing != k || !math.IsNaN(v) && (missing != 0 || sum != v) {
					t.Fatalf("%v: %s at %v: hourly %v, intervals sum to %v with %d missing", step, c.Name, hourly.Start[i], v, sum, missing)
				}
				if c.Name == "orders" {
					total += v
				}
			}
		}
		for j := range k {
			p := 1 / float64(k)
			se := math.Sqrt(total * p * (1 - p))
			if d := math.Abs(share[j] - total*p); d > 5*se {
				t.Errorf("%v: interval %d of the hour holds %v orders, want %v ± %v (5 standard errors)", step, j, share[j], total*p, 5*se)
			}
		}
	}
	if s, err := ShopEvery(time.Hour); err != nil || s.Step != time.Hour || len(s.Start) != len(hourly.Start) {
		t.Errorf("ShopEvery(1h) = %v rows, %v", len(s.Start), err)
	}
	for _, bad := range []time.Duration{0, 7 * time.Minute, 2 * time.Hour} {
		if _, err := ShopEvery(bad); err == nil {
			t.Errorf("ShopEvery(%v): no error", bad)
		}
	}
}

// The week of volumes holds the sample's counts of that week, channel by
// channel, with phone rows only while the line was open.
func TestVolumes(t *testing.T) {
	hourly, err := Shop()
	if err != nil {
		t.Fatal(err)
	}
	loc := hourly.Start[0].Location()
	from := time.Date(2025, 11, 17, 0, 0, 0, 0, loc)
	to := from.AddDate(0, 0, 7)
	want := map[string]float64{}
	open := 0
	for i, st := range hourly.Start {
		if st.Before(from) || !st.Before(to) {
			continue
		}
		if c := hourly.Column("calls")[i]; !math.IsNaN(c) {
			want["phone"] += c
			open++
		}
		want["chat"] += hourly.Column("chats")[i]
		want["email"] += hourly.Column("emails")[i]
	}
	for _, step := range []time.Duration{time.Hour, 15 * time.Minute} {
		tb, err := Volumes(from, to, step)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]float64{}
		rows := map[string]int{}
		st, vol, ch := tb.Column("start").Time, tb.Column("volume").Float, tb.Column("channel").Text
		for i := range st {
			if st[i].Before(from) || !st[i].Before(to) {
				t.Fatalf("%v: row %d at %v is outside the week", step, i, st[i])
			}
			got[ch[i]] += vol[i]
			rows[ch[i]]++
		}
		k := int(time.Hour / step)
		if rows["phone"] != open*k || rows["chat"] != 168*k || rows["email"] != 168*k {
			t.Errorf("%v: rows per channel %v; want phone %d, chat and email %d", step, rows, open*k, 168*k)
		}
		for c, w := range want {
			if got[c] != w {
				t.Errorf("%v: %s sums to %v, the sample's week to %v", step, c, got[c], w)
			}
		}
	}
}
