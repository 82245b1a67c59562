package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/staffcast/staffcast/simulate"
)

// Policies lays out simulate --scenario's results for CSV and JSON: per
// scenario the plan as it is, then each remedy tried, with whether it
// keeps the target, whether it is the one recommended, and its outcome.
func Policies(reports []simulate.ScenarioReport) Grid {
	g := Grid{Header: []string{"scenario", "action", "rule", "keeps_target", "recommended", "service_level", "service_level_lo", "service_level_hi", "asa_seconds", "abandoned_share", "callbacks", "callbacks_late", "backlog_at_close", "extra_agent_hours"}}
	row := func(sc, family, rule string, keeps, rec bool, o simulate.Outcome) {
		t := o.Total
		g.Rows = append(g.Rows, []any{sc, family, rule, keeps, rec, t.ServiceLevel.Mean, t.ServiceLevel.Lo, t.ServiceLevel.Hi, t.ASASeconds.Mean, t.AbandonRate.Mean, t.Callbacks.Mean, t.Late.Mean, o.Backlog, o.ExtraHours})
	}
	for _, r := range reports {
		row(r.Scenario.Name, "none", "the plan as it is", r.Plan[0].KeepsTarget, false, r.Plan[0])
		for i, x := range r.Remedies {
			row(r.Scenario.Name, x.Family, x.Rule, x.Keeps, i == r.Recommended, x.Outcome[0])
		}
	}
	return g
}

// PolicyPage writes the page a team lead follows: what goes wrong in each
// scenario and what to do about it.
func PolicyPage(w io.Writer, name string, q simulate.Queue, s simulate.Settings, reports []simulate.ScenarioReport, notes []string) error {
	var b strings.Builder
	first, last := q.Intervals[0].Start, q.Intervals[len(q.Intervals)-1].Start.Add(s.Interval)
	fmt.Fprintf(&b, "# Bad-day policy for %s\n\n", name)
	fmt.Fprintf(&b, "Plan: %s, %s to %s. Target: %.0f%% answered within %v. Simulated %d times per case (seed %d);\n",
		name, first.Format("Mon 2 Jan 15:04"), last.Format("Mon 2 Jan 15:04 -07"), 100*s.ServiceLevel, s.AnswerWithin, s.Replications, s.Seed)
	fmt.Fprintf(&b, "an action keeps the target when the service level over the plan reaches it, at least %.0f%% of intervals\nreach it, and at most %.0f%% of callbacks are called back late.\n\n", 100*simulate.MinMeetShare, 100*simulate.MaxLateShare)
	b.WriteString("## What a bad day does to the plan\n\n")
	b.WriteString("| scenario | service level | ASA | abandoned | callbacks | waiting at close |\n|---|---|---|---|---|---|\n")
	for _, r := range reports {
		o := r.Plan[0]
		fmt.Fprintf(&b, "| %s | %.1f%% | %.0f s | %.1f%% | %.0f | %.1f |\n", r.Scenario.Name, 100*o.Total.ServiceLevel.Mean, o.Total.ASASeconds.Mean, 100*o.Total.AbandonRate.Mean, o.Total.Callbacks.Mean, o.Backlog)
	}
	b.WriteString("\n## What to do\n\n")
	for _, r := range reports {
		fmt.Fprintf(&b, "### %s\n\n", r.Scenario.Name)
		if r.Plan[0].KeepsTarget {
			b.WriteString("The plan keeps the target: nothing to do.\n\n")
			continue
		}
		if r.Recommended < 0 {
			b.WriteString("**Nothing tried keeps the target.** Closest:\n\n")
		} else {
			x := r.Remedies[r.Recommended]
			fmt.Fprintf(&b, "**Do this: %s.** %s\n\n", x.Rule, remedyCost(x))
		}
		b.WriteString("| action | keeps target | service level | abandoned | callbacks (late) | waiting at close | extra agent-hours |\n|---|---|---|---|---|---|---|\n")
		for _, x := range r.Remedies {
			o := x.Outcome[0]
			keeps := "no"
			if x.Keeps {
				keeps = "yes"
			}
			fmt.Fprintf(&b, "| %s | %s | %.1f%% | %.1f%% | %.0f (%.0f) | %.1f | %.1f |\n", x.Rule, keeps, 100*o.Total.ServiceLevel.Mean, 100*o.Total.AbandonRate.Mean, o.Total.Callbacks.Mean, o.Total.Late.Mean, o.Backlog, o.ExtraHours)
		}
		b.WriteString("\n")
	}
	for _, n := range notes {
		fmt.Fprintf(&b, "Note: %s\n\n", n)
	}
	b.WriteString("Callbacks move work, they do not remove it: each is a call made later, in time the agents would\notherwise wait for calls. The wait message assumes it cuts mean patience by 30%; check that\nagainst your own abandonment data before relying on it.\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// remedyCost says what a remedy costs in the planner's terms.
func remedyCost(x simulate.Remedy) string {
	o := x.Outcome[0]
	var parts []string
	if o.ExtraHours > 0 {
		parts = append(parts, fmt.Sprintf("%.1f extra agent-hours", o.ExtraHours))
	}
	if o.Total.Callbacks.Mean > 0 {
		parts = append(parts, fmt.Sprintf("%.0f callbacks to make (%.0f late)", o.Total.Callbacks.Mean, o.Total.Late.Mean))
	}
	for _, y := range x.Outcome[1:] {
		if y.Queue == "chat" && x.Policy.MoveChat > 0 {
			parts = append(parts, fmt.Sprintf("chat service level falls to %.1f%%", 100*y.Total.ServiceLevel.Mean))
		}
	}
	if x.Policy.PatienceFactor > 0 {
		parts = append(parts, fmt.Sprintf("%.1f%% of callers hang up", 100*o.Total.AbandonRate.Mean))
	}
	if len(parts) == 0 {
		return "Cost: none in agent-hours."
	}
	return fmt.Sprintf("Service level %.1f%%; cost: %s.", 100*o.Total.ServiceLevel.Mean, strings.Join(parts, ", "))
}
