package render

import (
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/staffcast/staffcast/cmd/staffcast/internal/texttab"
	"github.com/staffcast/staffcast/data"
	"github.com/staffcast/staffcast/staffing/shifts"
)

// ShiftStatus says what the schedule's gap proves, for stderr.
func ShiftStatus(st shifts.Status, r shifts.Rules, solver string) string {
	by := "the built-in solver"
	if solver == "cbc" {
		by = "COIN-OR CBC"
	}
	switch st {
	case shifts.Optimal:
		if solver != "cbc" && r.Break == 0 && !r.Cyclic && r.MaxAgents == 0 {
			return "optimal: the covering matrix is an interval matrix, so the LP optimum (a min-cost flow) is integral"
		}
		return "optimal: " + by + " proved no schedule costs less"
	case shifts.GapBounded:
		what := "the LP relaxation"
		if r.MaxAgents > 0 {
			what += " with a price on agents for --max-agents"
		}
		if solver == "cbc" {
			return "gap-bounded: CBC stopped at --cbc-time; the bound is CBC's"
		}
		return "gap-bounded: a heuristic schedule; the bound is a Lagrangian bound on " + what + ", rounded up to the cost granularity"
	case shifts.StartsCapped:
		return "start times capped: --max-start-times was met by dropping the least-used start times (a heuristic); the bound is without that cap"
	case shifts.NoBound:
		return "no bound: " + by + " proved none"
	}
	return st.String()
}

// Coverage is required, scheduled, over and under agents per interval
// (--coverage-out).
func Coverage(start []time.Time, s *shifts.Schedule) *data.Table {
	n := len(start)
	col := func(name string, f func(i int) int) data.Column {
		c := data.Column{Name: name, Float: make([]float64, n)}
		for i := range c.Float {
			c.Float[i] = float64(f(i))
		}
		return c
	}
	return &data.Table{Columns: []data.Column{{Name: "start", Time: start},
		col("required", func(i int) int { return s.Required[i] }),
		col("scheduled", func(i int) int { return s.Scheduled[i] }),
		col("over", func(i int) int { return max(0, s.Scheduled[i]-s.Required[i]) }),
		col("under", func(i int) int { return s.Under[i] }),
	}}
}

// Shifts prints the shift table grouped by day.
func Shifts(w io.Writer, s *shifts.Schedule, breaks bool) error {
	var rows [][]string
	day := ""
	for _, sh := range s.Shifts {
		d := sh.Start.Format("Mon 2006-01-02")
		label := ""
		if d != day {
			label, day = d, d
		}
		row := []string{label, sh.Start.Format("15:04"), sh.End.Format("15:04 -07"), fmt.Sprintf("%.1fh", sh.End.Sub(sh.Start).Hours()), strconv.Itoa(sh.Agents)}
		if breaks {
			b := ""
			if !sh.BreakStart.IsZero() {
				b = sh.BreakStart.Format("15:04") + "–" + sh.BreakEnd.Format("15:04")
			}
			row = append(row[:4], b, row[4])
		}
		rows = append(rows, row)
	}
	head := []string{"day", "start", "end", "length", "agents"}
	if breaks {
		head = []string{"day", "start", "end", "length", "break", "agents"}
	}
	return texttab.Write(w, head, rows)
}
