package render

import (
	"fmt"
	"io"
	"math"
	"time"

	"github.com/staffcast/staffcast/data"
)

// Summary writes what validate found: rows, span, step, gaps (the first
// five) and per column sum, range, missing and zero cells and the longest
// zero run.
func Summary(w io.Writer, name string, s data.Summary) {
	fmt.Fprintf(w, "%s: ok\n", name)
	fmt.Fprintf(w, "rows     %d\n", s.Rows)
	fmt.Fprintf(w, "span     %s .. %s\n", s.First.Format(time.RFC3339), s.Last.Format(time.RFC3339))
	fmt.Fprintf(w, "step     %v\n", s.Step)
	fmt.Fprintf(w, "gaps     %d (%d intervals missing)\n", len(s.Gaps), s.MissingIntervals)
	for i, g := range s.Gaps {
		if i == 5 {
			fmt.Fprintf(w, "         ... and %d more\n", len(s.Gaps)-5)
			break
		}
		fmt.Fprintf(w, "         after %s: %d missing\n", g.After.Format(time.RFC3339), g.Missing)
	}
	for _, c := range s.Columns {
		minmax := "-"
		if !math.IsNaN(c.Min) {
			minmax = fmt.Sprintf("%g..%g", c.Min, c.Max)
		}
		fmt.Fprintf(w, "column %-10s sum %g, range %s, %d missing, %d zero", c.Name, c.Sum, minmax, c.Missing, c.Zeros)
		if c.LongestZeroRun > 1 {
			fmt.Fprintf(w, ", longest zero run %d from %s", c.LongestZeroRun, c.ZeroRunStart.Format(time.RFC3339))
		}
		fmt.Fprintln(w)
	}
}
