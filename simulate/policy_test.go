package simulate

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestPolicies runs the volume ×1.3 scenario on the SIPP-staffed peak day:
// the plan must miss the target, callbacks must raise the service level,
// some number of extra agents must keep it, and the extra agents must
// cost agent-hours while callbacks cost none; the recommendation is the
// cheapest that keeps it.
func TestPolicies(t *testing.T) {
	t.Parallel()
	q := sippPeakDay(t)
	q.Name = "phone"
	q.Patience = 2 * time.Minute
	s := Settings{Interval: 15 * time.Minute, ServiceLevel: 0.8, AnswerWithin: 20 * time.Second, Replications: 30, Seed: 1}
	reps, err := Policies(context.Background(), []Queue{q}, []Scenario{{Name: "volume ×1.3", VolumeFactor: 1.3}}, s, PolicyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r := reps[0]
	if r.Plan[0].KeepsTarget {
		t.Errorf("the plan keeps the target at 1.3 times the volume: service level %.3f", r.Plan[0].Total.ServiceLevel.Mean)
	}
	fam := map[string]Remedy{}
	for _, x := range r.Remedies {
		fam[x.Family] = x
		t.Logf("%s: keeps %v, SL %.3f, callbacks %.0f, extra hours %.1f: %s", x.Family, x.Keeps, x.Outcome[0].Total.ServiceLevel.Mean, x.Outcome[0].Total.Callbacks.Mean, x.Outcome[0].ExtraHours, x.Rule)
	}
	cb, add := fam["callbacks-queue"], fam["add-agents"]
	if cb.Outcome[0].Total.Callbacks.Mean == 0 || cb.Outcome[0].ExtraHours != 0 || !(cb.Outcome[0].Total.ServiceLevel.Mean > r.Plan[0].Total.ServiceLevel.Mean) {
		t.Errorf("callbacks by queue length: %.0f callbacks, %.1f extra hours, service level %.3f; want callbacks, no extra hours and a service level above the plan's", cb.Outcome[0].Total.Callbacks.Mean, cb.Outcome[0].ExtraHours, cb.Outcome[0].Total.ServiceLevel.Mean)
	}
	if !add.Keeps || add.Policy.ExtraAgents < 1 || add.Outcome[0].ExtraHours <= 0 {
		t.Errorf("extra agents: keeps %v with %d agents, %.1f hours", add.Keeps, add.Policy.ExtraAgents, add.Outcome[0].ExtraHours)
	}
	// One agent fewer than found must not keep the target (bisection found the least).
	if add.Policy.ExtraAgents > 1 {
		out, _ := Evaluate(context.Background(), []Queue{q}, r.Scenario, Policy{ExtraAgents: add.Policy.ExtraAgents - 1}, s)
		if out[0].KeepsTarget {
			t.Errorf("%d extra agents keep the target too", add.Policy.ExtraAgents-1)
		}
	}
	if r.Recommended < 0 {
		t.Fatal("nothing recommended")
	}
	for _, x := range r.Remedies {
		if x.Keeps && x.Outcome[0].ExtraHours < r.Remedies[r.Recommended].Outcome[0].ExtraHours {
			t.Errorf("recommended %q costs more agent-hours than %q, which also keeps the target", r.Remedies[r.Recommended].Rule, x.Rule)
		}
	}
	if _, err := Policies(context.Background(), []Queue{q}, []Scenario{{Name: "sick", Sick: 3, Channel: "fax"}}, s, PolicyOptions{}); err == nil || !strings.Contains(err.Error(), `"fax"`) {
		t.Errorf("unknown channel: error %v", err)
	}
}

// TestMoveChat gives phone one agent too few and chat plenty: moving chat
// agents to the phones must keep both targets, at no extra agent-hours.
func TestMoveChat(t *testing.T) {
	t.Parallel()
	phone := stationary(20, 21, 4*time.Minute, 0, 15*time.Minute, 16)
	phone.Name = "phone"
	chat := stationary(5, 12, 4*time.Minute, 0, 15*time.Minute, 16)
	chat.Name = "chat"
	s := Settings{Interval: 15 * time.Minute, ServiceLevel: 0.8, AnswerWithin: 20 * time.Second, Replications: 20, Seed: 1}
	reps, err := Policies(context.Background(), []Queue{phone, chat}, []Scenario{{Name: "as planned", Channel: "phone"}}, s, PolicyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range reps[0].Remedies {
		if x.Family != "move-chat" {
			continue
		}
		if !x.Keeps || x.Outcome[0].ExtraHours != 0 || x.Policy.MoveChat < 1 {
			t.Errorf("move %d chat agents: keeps %v, %.1f extra hours", x.Policy.MoveChat, x.Keeps, x.Outcome[0].ExtraHours)
		}
		if x.Outcome[1].Queue != "chat" || !x.Outcome[1].KeepsTarget {
			t.Errorf("chat after the move: %+v", x.Outcome[1].Total.ServiceLevel)
		}
		return
	}
	t.Error("moving chat agents was not tried")
}
