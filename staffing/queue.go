package staffing

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Queue describes one interval of one queue.
type Queue struct {
	Volume   float64       // contacts offered in the interval
	Interval time.Duration // interval length, e.g. 30 * time.Minute
	AHT      time.Duration // mean handling time, including wrap-up
	Patience time.Duration // mean patience (Erlang A, M/M/n+M); 0 means infinite (Erlang C)
}

// Load returns the offered load in Erlangs: Volume · AHT / Interval.
func (q Queue) Load() float64 {
	return q.Volume * q.AHT.Seconds() / q.Interval.Seconds()
}

// Validate reports every problem with q at once.
func (q Queue) Validate() error {
	var errs []error
	if q.Volume < 0 || math.IsNaN(q.Volume) || math.IsInf(q.Volume, 0) {
		errs = append(errs, fmt.Errorf("staffing: Queue.Volume = %v: want a finite number of contacts >= 0", q.Volume))
	}
	if q.Interval <= 0 {
		errs = append(errs, fmt.Errorf("staffing: Queue.Interval = %v: want a positive duration such as 30m", q.Interval))
	}
	if q.AHT <= 0 {
		errs = append(errs, fmt.Errorf("staffing: Queue.AHT = %v: want a positive handling time such as 3m", q.AHT))
	}
	if load := q.Load(); len(errs) == 0 && !(load <= MaxLoad) {
		errs = append(errs, fmt.Errorf("staffing: Queue.Volume = %v: an offered load of %.3g Erlangs is beyond the %v this package sizes (%d agents at most)", q.Volume, load, float64(MaxLoad), DefaultMaxAgents))
	}
	if q.Patience < 0 {
		errs = append(errs, fmt.Errorf("staffing: Queue.Patience = %v: want a positive mean patience, or 0 for callers who never hang up", q.Patience))
	}
	return errors.Join(errs...)
}

// check is Validate made cheap for the queues a plan staffs row by row:
// the few comparisons that pass every valid queue, given its load
// (q.Load(), which the caller has computed), and Validate, with its
// messages, for the rest.
func (q Queue) check(load float64) error {
	if q.Volume >= 0 && q.Volume <= math.MaxFloat64 && q.Interval > 0 && q.AHT > 0 && q.Patience >= 0 && load <= MaxLoad {
		return nil
	}
	return q.Validate()
}

// SLBase says which contacts a service level counts.
type SLBase int

const (
	// AllOffered counts every offered contact: the service level is the
	// share of all contacts answered within the threshold, and a caller
	// who hangs up counts as not answered in time. This is the default.
	AllOffered SLBase = iota
	// ExcludeEarlyAbandon leaves out the contacts that hung up before the
	// threshold: answered within T / (offered − abandoned within T), the
	// convention of many ACD reports.
	ExcludeEarlyAbandon
)

func (b SLBase) String() string {
	switch b {
	case AllOffered:
		return "all-offered"
	case ExcludeEarlyAbandon:
		return "exclude-early-abandon"
	}
	return fmt.Sprintf("SLBase(%d)", int(b))
}

// Target is what a staffing level must achieve. Zero fields set no target.
type Target struct {
	ServiceLevel float64       // fraction in (0,1) answered within AnswerWithin; 0 means no service-level target
	AnswerWithin time.Duration // the T of "80/20"
	MaxASA       time.Duration // ceiling on the average speed of answer; 0 means none
	MaxOccupancy float64       // fraction in (0,1]; 0 means none
	MaxAbandon   float64       // ceiling on the share of contacts abandoning, in (0,1); 0 means none
	MaxAgents    int           // the largest staffing to consider; 0 means DefaultMaxAgents
	SLBase       SLBase        // which contacts the service level counts (Erlang A only)
}

// DefaultMaxAgents caps the search for required agents when
// Target.MaxAgents is 0, and is the largest cap Target.MaxAgents may set.
const DefaultMaxAgents = 1_000_000

// MaxLoad is the largest offered load, in Erlangs, that Queue.Validate
// accepts: ten times what DefaultMaxAgents can carry. Beyond it no
// staffing could answer, and Erlang A's sums would take too long to say so.
const MaxLoad = 10 * DefaultMaxAgents

// Validate reports every problem with t at once.
func (t Target) Validate() error {
	var errs []error
	if t.ServiceLevel != 0 {
		if !(t.ServiceLevel > 0 && t.ServiceLevel < 1) {
			hint := ""
			if t.ServiceLevel > 1 && t.ServiceLevel < 100 {
				hint = fmt.Sprintf("; did you mean %g?", t.ServiceLevel/100)
			}
			errs = append(errs, fmt.Errorf("staffing: Target.ServiceLevel = %v: want a fraction in (0,1)%s", t.ServiceLevel, hint))
		}
	}
	if t.AnswerWithin < 0 {
		errs = append(errs, fmt.Errorf("staffing: Target.AnswerWithin = %v: want a duration >= 0", t.AnswerWithin))
	}
	if t.MaxASA < 0 {
		errs = append(errs, fmt.Errorf("staffing: Target.MaxASA = %v: want a positive duration, or 0 for none", t.MaxASA))
	}
	if t.MaxOccupancy != 0 && !(t.MaxOccupancy > 0 && t.MaxOccupancy <= 1) {
		errs = append(errs, fmt.Errorf("staffing: Target.MaxOccupancy = %v: want a fraction in (0,1]", t.MaxOccupancy))
	}
	if t.MaxAbandon != 0 && !(t.MaxAbandon > 0 && t.MaxAbandon < 1) {
		errs = append(errs, fmt.Errorf("staffing: Target.MaxAbandon = %v: want a fraction in (0,1)", t.MaxAbandon))
	}
	if t.MaxAgents < 0 || t.MaxAgents > DefaultMaxAgents {
		errs = append(errs, fmt.Errorf("staffing: Target.MaxAgents = %d: want a cap from 1 to %d, or 0 for the default", t.MaxAgents, DefaultMaxAgents))
	}
	if t.SLBase != AllOffered && t.SLBase != ExcludeEarlyAbandon {
		errs = append(errs, fmt.Errorf("staffing: Target.SLBase = %d: want AllOffered or ExcludeEarlyAbandon", int(t.SLBase)))
	}
	return errors.Join(errs...)
}

// MaxAnswerWithin is the longest service-level threshold ParseTarget
// accepts: a queue answered within a day is deferred work (see Promise).
const MaxAnswerWithin = 24 * time.Hour

// ParseTarget reads the planners' notation for a service-level target,
// "80/20": 80% of contacts answered within 20 seconds. The threshold may
// carry a unit ("80/20s", "90/1m"); a bare number is seconds. The
// percentage is a whole or decimal number in (0,100). The Target it
// returns sets ServiceLevel and AnswerWithin only; add the other ceilings
// to it or copy those two fields into a Target of your own.
func ParseTarget(s string) (Target, error) {
	pct, thr, ok := strings.Cut(strings.TrimSpace(s), "/")
	if !ok {
		return Target{}, fmt.Errorf("staffing: target %q: want PERCENT/SECONDS such as 80/20 (80%% answered within 20 s)", s)
	}
	p, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(pct), "%"), 64)
	if err != nil || !(p > 0 && p < 100) {
		return Target{}, fmt.Errorf("staffing: target %q: want a percentage in (0,100) before the slash, got %q", s, pct)
	}
	if p < 1 {
		return Target{}, fmt.Errorf("staffing: target %q: the part before the slash is a percentage; did you mean %g/%s?", s, p*100, strings.TrimSpace(thr))
	}
	thr = strings.TrimSpace(thr)
	var within time.Duration
	if secs, err := strconv.ParseFloat(thr, 64); err == nil {
		if !(secs >= 0 && secs <= MaxAnswerWithin.Seconds()) { // also NaN and ±Inf
			return Target{}, fmt.Errorf("staffing: target %q: want a threshold from 0 to %v after the slash, got %q", s, MaxAnswerWithin, thr)
		}
		within = time.Duration(secs * float64(time.Second))
	} else if within, err = time.ParseDuration(thr); err != nil {
		return Target{}, fmt.Errorf("staffing: target %q: want a threshold in seconds or a duration such as 20s after the slash, got %q", s, thr)
	}
	if within < 0 || within > MaxAnswerWithin {
		return Target{}, fmt.Errorf("staffing: target %q: want a threshold from 0 to %v after the slash, got %q", s, MaxAnswerWithin, thr)
	}
	return Target{ServiceLevel: p / 100, AnswerWithin: within}, nil
}

// scheduled is Scheduled for whole agents: without shrinkage, the agents
// themselves (ceil(n − 1e-9) is n for every whole n >= 1), without the
// division and rounding.
func scheduled(agents int, shrinkage float64) int {
	if shrinkage == 0 {
		return max(agents, 0)
	}
	return Scheduled(float64(agents), shrinkage)
}

// Scheduled grosses agents up for shrinkage (breaks, meetings, sickness,
// training): ceil(agents / (1 − shrinkage)). A quotient within 1e-9 of a
// whole number is taken as that number, so 8 agents at 20% shrinkage
// schedule 10, not 11 through rounding noise. Scheduled panics if
// shrinkage is outside [0,1).
func Scheduled(agents float64, shrinkage float64) int {
	if !(shrinkage >= 0 && shrinkage < 1) {
		panic("staffing: Scheduled needs shrinkage in [0,1)")
	}
	if agents <= 0 {
		return 0
	}
	return int(math.Ceil(agents/(1-shrinkage) - 1e-9))
}
