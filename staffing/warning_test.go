package staffing

import (
	"errors"
	"testing"
	"time"
)

// TestRequirementWarnings checks the abandonment warning on the case the
// AbandonWarning doc describes, and its absence where the target is met
// by answering.
func TestRequirementWarnings(t *testing.T) {
	t.Parallel()
	// 10 calls an hour of 1 h each: 10 Erlangs. One agent answers at most
	// one call an hour (its service rate), so at least 1 - 1/10 = 90% of
	// callers hang up, whatever the patience: a bound independent of the
	// Erlang A formulas.
	q := Queue{Volume: 10, Interval: time.Hour, AHT: time.Hour, Patience: 20 * time.Second}
	loose := Target{ServiceLevel: 0.99, AnswerWithin: 600 * time.Second, SLBase: ExcludeEarlyAbandon}
	req, err := Required(q, loose)
	if err != nil {
		t.Fatal(err)
	}
	if req.Agents != 1 || req.Result.PAbandon < 0.9 {
		t.Fatalf("%d agents, %.3f hang up: want 1 agent and at least 0.9 (one agent serves 1 of 10 an hour)", req.Agents, req.Result.PAbandon)
	}
	ws := req.Warnings()
	var aw *AbandonWarning
	if len(ws) != 1 || !errors.As(ws[0], &aw) || aw.PAbandon != req.Result.PAbandon {
		t.Fatalf("warnings %v: want one *AbandonWarning with the requirement's p_abandon", ws)
	}
	const want = "staffing: 91% of callers hang up: the target is met because they leave, not because they are answered; set a ceiling such as Target.MaxAbandon 0.05"
	if ws[0].Error() != want {
		t.Errorf("warning\n got %s\nwant %s", ws[0], want)
	}

	// The ceiling the warning suggests staffs for the callers: no warning.
	capped := loose
	capped.MaxAbandon = 0.05
	if req, err := Required(q, capped); err != nil || req.Result.PAbandon > 0.05 || req.Warnings() != nil {
		t.Errorf("with MaxAbandon 0.05: %+v, %v, warnings %v: want at most 5%% hanging up and none", req, err, req.Warnings())
	}
	// Erlang C: nobody hangs up.
	q.Patience = 0
	if req, err := Required(q, Target{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second}); err != nil || req.Warnings() != nil {
		t.Errorf("Erlang C: %v, warnings %v: want none", err, req.Warnings())
	}
	// The threshold: more than half, as Summarize's HighAbandon counts.
	for _, c := range []struct {
		p    float64
		warn bool
	}{{0.5, false}, {0.5001, true}} {
		if got := (Requirement{Result: Result{PAbandon: c.p}}).Warnings() != nil; got != c.warn {
			t.Errorf("p_abandon %v: warning %v, want %v", c.p, got, c.warn)
		}
	}
}
