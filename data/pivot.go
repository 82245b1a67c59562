package data

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
)

// Pivot turns a long table (one row per interval and key, such as
// start, queue, channel, value) into a wide series: one row per start and
// one column per distinct combination of the key columns, named by their
// values joined with "_" (support_phone, support_chat, ...), holding the
// sum of the value column. A start missing for a key is 0 there; an empty
// value cell adds nothing. The time column is "start".
func Pivot(t *Table, keys []string, value string) (*Series, error) {
	tc := t.Column("start")
	if tc == nil || tc.Time == nil {
		return nil, &ParseError{File: t.file, Line: 1, Column: "start", Err: fmt.Errorf("%w: no time column \"start\"", ErrMissingColumn)}
	}
	vc := t.Column(value)
	if vc == nil || vc.Float == nil {
		return nil, &ParseError{File: t.file, Line: 1, Column: value, Err: fmt.Errorf("%w: no numeric column %q to pivot", ErrMissingColumn, value)}
	}
	var kc []*Column
	for _, k := range keys {
		c := t.Column(k)
		if c == nil || c.Time != nil {
			return nil, &ParseError{File: t.file, Line: 1, Column: k, Err: fmt.Errorf("%w: no key column %q", ErrMissingColumn, k)}
		}
		kc = append(kc, c)
	}
	type cell struct {
		at  int64
		key string
	}
	sums := map[cell]float64{}
	names := map[string]bool{}
	instants := map[int64]time.Time{}
	for i, st := range tc.Time {
		parts := make([]string, len(kc))
		for j, c := range kc {
			if c.Text != nil {
				parts[j] = c.Text[i]
			} else {
				parts[j] = fmt.Sprint(c.Float[i])
			}
		}
		key := strings.Join(parts, "_")
		names[key] = true
		at := st.UnixNano()
		instants[at] = st
		if v := vc.Float[i]; !math.IsNaN(v) {
			sums[cell{at, key}] += v
		}
	}
	var ats []int64
	for at := range instants {
		ats = append(ats, at)
	}
	sort.Slice(ats, func(i, j int) bool { return ats[i] < ats[j] })
	s := &Series{}
	for _, at := range ats {
		s.Start = append(s.Start, instants[at])
	}
	for _, key := range sortedKeys(names) {
		vals := make([]float64, len(ats))
		for i, at := range ats {
			vals[i] = sums[cell{at, key}]
		}
		s.Columns = append(s.Columns, Column{Name: key, Float: vals})
	}
	if len(s.Start) > 1 {
		s.Step = commonStep(s.Start)
	}
	return s, nil
}
