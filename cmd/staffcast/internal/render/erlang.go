package render

import "github.com/staffcast/staffcast/staffing"

// Erlang lays out erlang's rows: the offered load, agents, fractional
// agents (only when fractional is not nil: one per result, as Required
// gives them), the agents to schedule at shrinkage, service level, P(wait),
// ASA, occupancy and, with abandon (a queue with patience), P(abandon).
func Erlang(results []staffing.Result, fractional []float64, shrinkage float64, abandon bool) Grid {
	header := []string{"offered_load", "agents"}
	if fractional != nil {
		header = append(header, "fractional_agents")
	}
	header = append(header, "scheduled_agents", "service_level", "p_wait", "asa_seconds", "occupancy")
	if abandon {
		header = append(header, "p_abandon")
	}
	g := Grid{Header: header, Digits: 4}
	for i, r := range results {
		cells := []any{r.OfferedLoad, r.Agents}
		if fractional != nil {
			cells = append(cells, fractional[i])
		}
		cells = append(cells, staffing.Scheduled(float64(r.Agents), shrinkage), r.ServiceLevel, r.PWait, r.ASASeconds, r.Occupancy)
		if abandon {
			cells = append(cells, r.PAbandon)
		}
		g.Rows = append(g.Rows, cells)
	}
	return g
}
