package staffing

import "fmt"

// highAbandon is the share of contacts hanging up above which a target
// counts as met by callers leaving rather than by agents answering.
const highAbandon = 0.5

// AbandonWarning is the warning Requirement.Warnings gives when the
// requirement meets its target only because most contacts hang up. With
// Patience and SLBase ExcludeEarlyAbandon, one agent for 10 Erlangs
// "meets" 99% within 600 s while 91% of callers hang up: those who leave
// before the threshold are not counted. A ceiling on abandonment
// (Target.MaxAbandon) makes the requirement answer them.
type AbandonWarning struct {
	PAbandon float64 // share of contacts that hang up at the requirement, above one half
}

func (w *AbandonWarning) Error() string {
	return fmt.Sprintf("staffing: %.0f%% of callers hang up: the target is met because they leave, not because they are answered; set a ceiling such as Target.MaxAbandon 0.05", 100*w.PAbandon)
}

// Warnings returns what a planner should know before acting on r, as
// errors that do not stop it: an *AbandonWarning when more than half the
// contacts hang up. It returns nil when there is nothing to say.
func (r Requirement) Warnings() []error {
	if r.Result.PAbandon > highAbandon {
		return []error{&AbandonWarning{PAbandon: r.Result.PAbandon}}
	}
	return nil
}
