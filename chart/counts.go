package chart

import (
	"math"
	"strconv"

	"gonum.org/v1/plot"
)

// countTicks marks an axis of counts (agents, calls) at whole numbers
// only, labelled without decimals: gonum's default ticks put 0.5 agents
// on an axis that runs to 2.
type countTicks struct{}

func (countTicks) Ticks(min, max float64) []plot.Tick {
	var ticks []plot.Tick
	majors := 0
	for _, t := range (plot.DefaultTicks{}).Ticks(min, max) {
		if t.Value != math.Trunc(t.Value) {
			continue
		}
		if !t.IsMinor() {
			t.Label = strconv.FormatFloat(t.Value, 'f', 0, 64)
			majors++
		}
		ticks = append(ticks, t)
	}
	if majors < 4 && majors >= 2 && len(ticks) <= 8 { // 0, 8, 16: label 4 and 12 too
		for i, t := range ticks {
			ticks[i].Label = strconv.FormatFloat(t.Value, 'f', 0, 64)
		}
		return ticks
	}
	if majors >= 2 {
		return ticks
	}
	// A short range: every whole number.
	ticks = ticks[:0]
	for v := math.Ceil(min); v <= max; v++ {
		ticks = append(ticks, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', 0, 64)})
	}
	return ticks
}

// headroom returns the top of a value axis whose data reach max: an
// eighth above it, so that the highest value does not touch the frame,
// and at least 1 for an axis of zeros. A count axis ends on a whole
// number.
func headroom(max float64, counts bool) float64 {
	top := max + math.Abs(max)/8
	if !(top > 0) {
		top = 1
	}
	if counts {
		top = math.Max(math.Ceil(top), math.Floor(max)+1) // whole, and above max
	}
	return top
}
