package shifts

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestWriteBenchLP writes the benchmark instances in LP format for a CBC
// comparison when STAFFCAST_LP_DIR names a folder.
func TestWriteBenchLP(t *testing.T) {
	dir := os.Getenv("STAFFCAST_LP_DIR")
	if dir == "" {
		t.Skip("STAFFCAST_LP_DIR not set")
	}
	var writeRules func(string, []time.Time, []float64, Rules)
	rules := Rules{StartEvery: 15 * time.Minute, Lengths: []time.Duration{4 * time.Hour, 6 * time.Hour, 8 * time.Hour},
		Break: 30 * time.Minute, BreakFrom: 6 * time.Hour}
	write := func(name string, start []time.Time, req []float64) {
		writeRules(name, start, req, rules)
	}
	writeRules = func(name string, start []time.Time, req []float64, rules Rules) {
		m, err := NewModel(start, 15*time.Minute, req, rules)
		if err != nil {
			t.Fatal(err)
		}
		f, err := os.Create(filepath.Join(dir, name+".lp"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := m.WriteLP(f); err != nil {
			t.Fatal(err)
		}
	}
	start, req := weekRequirement(15 * time.Minute)
	write("week15m", start, req)
	for _, w := range []int{1, 4} {
		start, req := weeksRequirement(15*time.Minute, w)
		write("weeks"+string(rune('0'+w)), start, req)
		capped := rules
		capped.MaxAgents = map[int]int{1: 236, 4: 1007}[w] // as BenchmarkSolveWeeks15mBreaksCapped
		writeRules(fmt.Sprintf("weeks%d_cap%d", w, capped.MaxAgents), start, req, capped)
	}
	// The capped and cyclic benchmark weeks (BenchmarkSolveWeek15mBreaks*).
	for _, c := range []struct {
		name   string
		cyclic bool
		cap    int
	}{{"week15m_cap252", false, 252}, {"week15m_cyclic", true, 0}, {"week15m_cyclic_cap266", true, 266}} {
		start, req, r := breaksWeek(15*time.Minute, c.cyclic)
		r.MaxAgents = c.cap
		writeRules(c.name, start, req, r)
	}
}
