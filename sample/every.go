package sample

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/staffcast/staffcast/data"
)

// ShopEvery returns the embedded sample (see Shop) at a finer step: 15
// or 30 minutes, or the hour itself. Each hour's counts are spread over its
// intervals by a seeded multinomial draw with equal chances, as if the
// hour's contacts arrived uniformly within it, so the intervals of an
// hour sum back to the hourly sample exactly. Calls missing in an hour
// (the phone line was closed) are missing in each of its intervals.
func ShopEvery(step time.Duration) (*data.Series, error) {
	s, err := Shop()
	if err != nil {
		return nil, err
	}
	return splitCounts(s, step, Seed)
}

// splitCounts spreads each interval's whole counts of s over equal
// sub-intervals of length step (which must divide s.Step), drawing which
// sub-interval each unit falls in with a generator seeded by seed.
func splitCounts(s *data.Series, step time.Duration, seed uint64) (*data.Series, error) {
	if step <= 0 || step > s.Step || s.Step%step != 0 {
		return nil, fmt.Errorf("sample: an interval of %v does not split into intervals of %v", s.Step, step)
	}
	k := int(s.Step / step)
	if k == 1 {
		return s, nil
	}
	rng := rand.New(rand.NewPCG(seed, uint64(step)))
	out := &data.Series{Step: step, Start: make([]time.Time, 0, len(s.Start)*k)}
	for _, t := range s.Start {
		// Elapsed time: the intervals of a repeated autumn hour follow
		// each other like any others.
		for j := range k {
			out.Start = append(out.Start, t.Add(time.Duration(j)*step))
		}
	}
	for _, c := range s.Columns {
		v := make([]float64, 0, len(c.Float)*k)
		for i, n := range c.Float {
			if math.IsNaN(n) {
				for range k {
					v = append(v, math.NaN())
				}
				continue
			}
			if n < 0 || n != math.Trunc(n) || n > 1e9 {
				return nil, fmt.Errorf("sample: %s at %s is %v, not a count that splits into intervals", c.Name, s.Start[i].Format(time.RFC3339), n)
			}
			parts := make([]float64, k)
			for range int(n) {
				parts[rng.IntN(k)]++
			}
			v = append(v, parts...)
		}
		out.Columns = append(out.Columns, data.Column{Name: c.Name, Float: v})
	}
	return out, nil
}

// Volumes returns the sample's contacts from from up to to as the
// table "staffcast staff" reads: start, volume and channel, one row per
// interval of step (see ShopEvery) and channel: phone (calls, only while
// the line was open: a missing call count is a closed line, not zero
// calls), chat and email.
func Volumes(from, to time.Time, step time.Duration) (*data.Table, error) {
	s, err := ShopEvery(step)
	if err != nil {
		return nil, err
	}
	var start []time.Time
	var volume []float64
	var channel []string
	add := func(t time.Time, v float64, ch string) {
		start, volume, channel = append(start, t), append(volume, v), append(channel, ch)
	}
	calls, chats, emails := s.Column("calls"), s.Column("chats"), s.Column("emails")
	for i, t := range s.Start {
		if t.Before(from) || !t.Before(to) {
			continue
		}
		if !math.IsNaN(calls[i]) {
			add(t, calls[i], "phone")
		}
		add(t, chats[i], "chat")
		add(t, emails[i], "email")
	}
	return &data.Table{Columns: []data.Column{{Name: "start", Time: start}, {Name: "volume", Float: volume}, {Name: "channel", Text: channel}}}, nil
}
