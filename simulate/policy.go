package simulate

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Remedy is one policy tried on a scenario, with the rule a team lead
// follows and how the queues fared.
type Remedy struct {
	Family  string // callbacks-queue, callbacks-wait, move-chat, wait-message, extend-close, add-agents
	Rule    string // e.g. "when 6 or more callers wait, offer a callback (promised within 1h0m0s)"
	Policy  Policy
	Outcome []Outcome // the scenario's queue first
	Keeps   bool      // the scenario's queue keeps the target (and chat its own, when agents move)
}

// ScenarioReport is a scenario's effect on the plan and the remedies
// that were tried on it.
type ScenarioReport struct {
	Scenario Scenario
	Plan     []Outcome // no action taken
	Remedies []Remedy  // the least intrusive setting of each family that keeps the target, or its strongest setting tried
	// Recommended is the index in Remedies of the action to take: of
	// those that keep the target, the one with the fewest extra
	// agent-hours, ties going to the first in the order callbacks by queue
	// length, callbacks by expected wait, moving chat agents, the wait
	// message, callbacks with an hour's extended closing, extra agents;
	// -1 if none keeps it.
	Recommended int
}

// PolicyOptions bound the search.
type PolicyOptions struct {
	Promise     time.Duration // callback promise; 0 means 1 hour
	MaxExtra    int           // most extra agents tried; 0 means 30
	MessageCuts float64       // patience factor of the wait message; 0 means 0.7
	// Progress, if not nil, is called after each scenario with the number
	// done and the number of scenarios.
	Progress func(done, total int)
}

// Policies runs every scenario on queues, first as planned, then with
// each family of policies, searching each family's setting from the least
// to the most intrusive and keeping the first that keeps the target.
func Policies(ctx context.Context, queues []Queue, scenarios []Scenario, s Settings, o PolicyOptions) ([]ScenarioReport, error) {
	if o.Promise == 0 {
		o.Promise = time.Hour
	}
	if o.MaxExtra == 0 {
		o.MaxExtra = 30
	}
	if o.MessageCuts == 0 {
		o.MessageCuts = 0.7
	}
	hasChat := false
	maxChat := 0
	for _, q := range queues {
		if q.Name == "chat" {
			hasChat = true
			for _, iv := range q.Intervals {
				maxChat = max(maxChat, iv.Agents)
			}
		}
	}
	var reports []ScenarioReport
	for _, sc := range scenarios {
		plan, err := Evaluate(ctx, queues, sc, Policy{}, s)
		if err != nil {
			return nil, err
		}
		rep := ScenarioReport{Scenario: sc, Plan: plan, Recommended: -1}
		focus := plan[0].Queue
		keeps := func(out []Outcome, chatToo bool) bool {
			if !out[0].KeepsTarget {
				return false
			}
			if chatToo {
				for _, x := range out {
					if x.Queue == "chat" && !x.KeepsTarget {
						return false
					}
				}
			}
			return true
		}
		// try runs the settings of one family in order and records the
		// first that keeps the target, or the last tried.
		try := func(family string, n int, setting func(i int) (Policy, string), chatToo bool) error {
			var last Remedy
			for i := range n {
				p, rule := setting(i)
				out, err := Evaluate(ctx, queues, sc, p, s)
				if err != nil {
					return err
				}
				last = Remedy{Family: family, Rule: rule, Policy: p, Outcome: out, Keeps: keeps(out, chatToo)}
				if last.Keeps {
					break
				}
			}
			if n > 0 {
				rep.Remedies = append(rep.Remedies, last)
			}
			return nil
		}
		lengths := []int{20, 15, 10, 8, 6, 5, 4, 3, 2, 1}
		if err := try("callbacks-queue", len(lengths), func(i int) (Policy, string) {
			return Policy{Callback: Callback{QueueLength: lengths[i], Promise: o.Promise}},
				fmt.Sprintf("when %d or more %s %s waiting, offer a callback (promised within %v)", lengths[i], focus, waiting(lengths[i]), short(o.Promise))
		}, false); err != nil {
			return nil, err
		}
		waits := []time.Duration{5 * time.Minute, 3 * time.Minute, 2 * time.Minute, 90 * time.Second, time.Minute, 45 * time.Second, 30 * time.Second, 20 * time.Second}
		if err := try("callbacks-wait", len(waits), func(i int) (Policy, string) {
			return Policy{Callback: Callback{Wait: waits[i], Promise: o.Promise}},
				fmt.Sprintf("when the expected %s wait is over %v, offer a callback (promised within %v)", focus, short(waits[i]), short(o.Promise))
		}, false); err != nil {
			return nil, err
		}
		if hasChat && focus == "phone" {
			if err := try("move-chat", min(maxChat, 10), func(i int) (Policy, string) {
				return Policy{MoveChat: i + 1}, fmt.Sprintf("move %d chat %s to the phones", i+1, plural(i+1, "agent"))
			}, true); err != nil {
				return nil, err
			}
		}
		for _, q := range queues {
			if q.Name == focus && q.Patience > 0 {
				if err := try("wait-message", 1, func(int) (Policy, string) {
					return Policy{PatienceFactor: o.MessageCuts}, fmt.Sprintf("announce the expected wait (assumed to cut mean patience to %.0f%%)", 100*o.MessageCuts)
				}, false); err != nil {
					return nil, err
				}
			}
		}
		// Extending the closing only helps work off callbacks: pair it
		// with the callback rules.
		if err := try("extend-close", len(lengths), func(i int) (Policy, string) {
			return Policy{Callback: Callback{QueueLength: lengths[i], Promise: o.Promise}, ExtendClose: time.Hour},
				fmt.Sprintf("when %d or more %s %s waiting, offer a callback (promised within %v), and keep the closing team on for an hour to call back", lengths[i], focus, waiting(lengths[i]), short(o.Promise))
		}, false); err != nil {
			return nil, err
		}
		// Extra agents: doubling to the first count that keeps the target,
		// then bisection below it (keeping it is monotone in agents, up to
		// simulation noise).
		addAgents := func(k int) (Remedy, error) {
			p := Policy{ExtraAgents: k}
			out, err := Evaluate(ctx, queues, sc, p, s)
			if err != nil {
				return Remedy{}, err
			}
			return Remedy{Family: "add-agents", Rule: fmt.Sprintf("add %d %s %s to every open interval", k, focus, plural(k, "agent")), Policy: p, Outcome: out, Keeps: keeps(out, false)}, nil
		}
		lo, hi := 0, 1
		var best Remedy
		for {
			r, err := addAgents(hi)
			if err != nil {
				return nil, err
			}
			best = r
			if r.Keeps || hi >= o.MaxExtra {
				break
			}
			lo, hi = hi, min(2*hi, o.MaxExtra)
		}
		for best.Keeps && hi-lo > 1 {
			mid := (lo + hi) / 2
			r, err := addAgents(mid)
			if err != nil {
				return nil, err
			}
			if r.Keeps {
				hi, best = mid, r
			} else {
				lo = mid
			}
		}
		rep.Remedies = append(rep.Remedies, best)
		for i, r := range rep.Remedies {
			if r.Keeps && (rep.Recommended < 0 || r.Outcome[0].ExtraHours < rep.Remedies[rep.Recommended].Outcome[0].ExtraHours) {
				rep.Recommended = i
			}
		}
		reports = append(reports, rep)
		if o.Progress != nil {
			o.Progress(len(reports), len(scenarios))
		}
	}
	return reports, nil
}

// short writes a duration as planners do: 1h, 30m, 1m30s.
func short(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// waiting says "caller is" or "callers are" for n.
func waiting(n int) string {
	if n == 1 {
		return "caller is"
	}
	return "callers are"
}
