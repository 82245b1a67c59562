package render

import (
	"fmt"
	"io"

	"github.com/staffcast/staffcast/cmd/staffcast/internal/texttab"
	"github.com/staffcast/staffcast/data"
	"github.com/staffcast/staffcast/simulate"
)

// RiskLevels writes what certainty costs (staff --risk, on stderr): per
// risk level the agent-hours and the simulated share of intervals meeting
// the target, with its 95% interval, over replications demand draws.
func RiskLevels(w io.Writer, levels []simulate.RiskLevel, replications int) error {
	head := []string{"risk level", "agent-hours", "intervals meeting target (simulated)", "95% interval"}
	var lines [][]string
	for _, t := range levels {
		lines = append(lines, []string{fmt.Sprintf("%.2f", t.Level), fmt.Sprintf("%.1f", t.AgentHours), fmt.Sprintf("%.1f%%", 100*t.Share.Mean), fmt.Sprintf("%.1f–%.1f%%", 100*t.Share.Lo, 100*t.Share.Hi)})
	}
	fmt.Fprintf(w, "what certainty costs (volume per interval from a lognormal through p10/p50/p90, intervals independent; %d demand draws):\n", replications)
	return texttab.Write(w, head, lines)
}

// Correction writes, per channel, what the time-varying correction
// (staff --time-varying, on stderr) found: how often the stationary plan
// and the corrected one meet the target, and the agent-hours of each.
func Correction(w io.Writer, corr *simulate.Correction) {
	for _, ch := range corr.Channels {
		fmt.Fprintf(w, "%s: SIPP meets the target in %.1f%% of %d intervals (simulated); corrected in %.1f%% with %.1f agent-hours instead of %.1f (%+.1f%%), %d rounds\n",
			ch.Channel, 100*ch.SIPPMeets, ch.Intervals, 100*ch.Meets, ch.Hours, ch.SIPPHours, 100*(ch.Hours/ch.SIPPHours-1), ch.Iterations)
	}
}

// SIPPColumn is the column staff --time-varying adds: the agents of the
// stationary plan, per row.
func SIPPColumn(corr *simulate.Correction) data.Column {
	sipp := data.Column{Name: "sipp_agents", Float: make([]float64, len(corr.SIPP))}
	for i, a := range corr.SIPP {
		sipp.Float[i] = float64(a)
	}
	return sipp
}
