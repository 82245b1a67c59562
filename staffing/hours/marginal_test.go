package hours

import (
	"strings"
	"testing"
)

// BestExtensions ranks by share of the day's orders per agent-hour,
// counting at least half an agent-hour, and drops moves that lose orders;
// the expected order is worked by hand.
func TestBestExtensions(t *testing.T) {
	ms := []Marginal{
		{Edge: "a", Orders: 10, OrdersShare: 0.10, AgentHours: 2},   // 0.05 per agent-hour
		{Edge: "b", Orders: 3, OrdersShare: 0.03, AgentHours: 0.2},  // 0.03 / 0.5 = 0.06
		{Edge: "c", Orders: -5, OrdersShare: -0.05, AgentHours: -1}, // loses orders
		{Edge: "d", Orders: 20, OrdersShare: 0.20, AgentHours: 10},  // 0.02
		{Edge: "e", Orders: 0, OrdersShare: 0, AgentHours: 0},       // gains nothing
		{Edge: "f", Orders: 5, OrdersShare: 0.05, AgentHours: 1},    // 0.05, a tie with a: after it
	}
	edges := func(ms []Marginal) string {
		var s []string
		for _, m := range ms {
			s = append(s, m.Edge)
		}
		return strings.Join(s, ",")
	}
	for _, c := range []struct {
		n    int
		want string
	}{{2, "b,a"}, {3, "b,a,f"}, {10, "b,a,f,d"}, {0, ""}} {
		if got := edges(BestExtensions(ms, c.n)); got != c.want {
			t.Errorf("BestExtensions(ms, %d) = %s, want %s", c.n, got, c.want)
		}
	}
	if edges(ms) != "a,b,c,d,e,f" {
		t.Errorf("BestExtensions changed its input: %s", edges(ms))
	}
}
