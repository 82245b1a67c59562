package data

import (
	"math"
	"time"
)

// Summary describes an interval series for a planner checking a file.
type Summary struct {
	Rows        int
	First, Last time.Time
	Step        time.Duration
	// Gaps are the holes in the series: each a run of missing intervals.
	Gaps []Gap
	// MissingIntervals counts the intervals inside the gaps.
	MissingIntervals int
	Columns          []ColumnSummary
}

// Gap is a run of Missing intervals after the row starting at After.
type Gap struct {
	After   time.Time
	Missing int
}

// ColumnSummary describes one value column.
type ColumnSummary struct {
	Name    string
	Sum     float64
	Min     float64
	Max     float64
	Missing int // empty cells (NaN)
	Zeros   int
	// LongestZeroRun is the longest run of consecutive zero intervals, and
	// ZeroRunStart where it starts: a closed shop, or a feed that stopped.
	LongestZeroRun int
	ZeroRunStart   time.Time
}

// Summarize describes s. Read s with GapKeep to see its gaps.
func Summarize(s *Series) Summary {
	sum := Summary{Rows: len(s.Start), Step: s.Step}
	if len(s.Start) == 0 {
		return sum
	}
	sum.First, sum.Last = s.Start[0], s.Start[len(s.Start)-1]
	if s.Step > 0 {
		for i := 1; i < len(s.Start); i++ {
			if k := int(spacing(s.Start[i-1], s.Start[i]) / s.Step); k > 1 {
				sum.Gaps = append(sum.Gaps, Gap{After: s.Start[i-1], Missing: k - 1})
				sum.MissingIntervals += k - 1
			}
		}
	}
	for _, c := range s.Columns {
		cs := ColumnSummary{Name: c.Name, Min: math.Inf(1), Max: math.Inf(-1)}
		run, runStart := 0, 0
		for i, v := range c.Float {
			if math.IsNaN(v) {
				cs.Missing++
				run = 0
				continue
			}
			cs.Sum += v
			cs.Min, cs.Max = math.Min(cs.Min, v), math.Max(cs.Max, v)
			if v == 0 {
				cs.Zeros++
				if run == 0 {
					runStart = i
				}
				run++
				if run > cs.LongestZeroRun {
					cs.LongestZeroRun, cs.ZeroRunStart = run, s.Start[runStart]
				}
			} else {
				run = 0
			}
		}
		if cs.Missing == len(c.Float) {
			cs.Min, cs.Max = math.NaN(), math.NaN()
		}
		sum.Columns = append(sum.Columns, cs)
	}
	return sum
}
