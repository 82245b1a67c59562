package simulate

import (
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/staffcast/staffcast/staffing"
)

// Dist is the shape of a random duration: handling time or patience.
type Dist int

// The distributions.
const (
	// Exponential has a coefficient of variation of 1 and is what Erlang C
	// and Erlang A assume. It is the default.
	Exponential Dist = iota
	// Lognormal has the mean and coefficient of variation given with it.
	// A lognormal with CV 1 is not an exponential: it has fewer very short
	// and more very long durations, and so longer waits.
	Lognormal
)

func (d Dist) String() string {
	switch d {
	case Exponential:
		return "exponential"
	case Lognormal:
		return "lognormal"
	}
	return fmt.Sprintf("Dist(%d)", int(d))
}

// ParseDist reads "exponential" or "lognormal".
func ParseDist(s string) (Dist, error) {
	switch s {
	case "exponential", "exp":
		return Exponential, nil
	case "lognormal":
		return Lognormal, nil
	}
	return 0, fmt.Errorf("simulate: distribution %q: want exponential or lognormal", s)
}

// Interval is one interval of a queue's horizon: the contacts expected in
// it and the agents on duty for it.
type Interval struct {
	Start  time.Time
	Volume float64       // expected contacts offered in the interval (the Poisson mean)
	Agents int           // agents on duty for the whole interval
	AHT    time.Duration // mean handling time of contacts arriving in it; 0 means Queue.AHT

	// VolumeSigma, if positive, makes the interval's demand uncertain:
	// each replication draws its expected volume as Volume·exp(σZ)
	// with Z standard normal, a lognormal whose median is Volume (see
	// FitLognormal), independently of other intervals, before drawing
	// the Poisson arrivals.
	VolumeSigma float64
}

// Callback is a policy of offering a call-back instead of a wait. A caller
// who arrives when every agent is busy takes a callback if at least
// QueueLength callers already wait, or if the expected wait, (waiting+1) ·
// AHT / agents, exceeds Wait. A callback is worked by the next free agent
// when nobody waits in the live queue, or before the live queue once its
// promise is due. Zero QueueLength and Wait offer none.
type Callback struct {
	QueueLength int
	Wait        time.Duration
	Promise     time.Duration // call back within this; 0 means 1 hour
}

// Enabled reports whether callbacks are offered at all.
func (c Callback) Enabled() bool { return c.QueueLength > 0 || c.Wait > 0 }

// Queue is one queue with its own agents, simulated over a horizon of
// intervals of equal length. Intervals must be in time order; a gap between
// two of them is a closure (see the package documentation).
type Queue struct {
	Name       string // for messages, e.g. the channel
	Intervals  []Interval
	AHT        time.Duration // mean handling time where an Interval has none
	Handling   Dist          // Exponential (default, CV 1, as Erlang assumes) or Lognormal
	HandlingCV float64       // coefficient of variation of a Lognormal handling time; 0 means 1

	Patience   time.Duration // mean patience; 0 means callers never hang up
	PatienceIs Dist          // Exponential (default, as Erlang A assumes) or Lognormal
	PatienceCV float64       // coefficient of variation of a Lognormal patience; 0 means 1

	Callback Callback

	// Chat, for a chat queue, makes every agent Chats slots of the queue,
	// each handling a chat in AHT·(1 + Slowdown·(Chats−1)), as
	// staffing.RequiredChat assumes. The zero value is one contact per agent.
	Chat staffing.Concurrency
}

// Settings are how a simulation runs.
type Settings struct {
	Interval time.Duration // length of every interval

	// ServiceLevel and AnswerWithin are the target ("80/20" is 0.8 and
	// 20 s): the service level is measured at AnswerWithin, and intervals
	// whose upper 95% bound is below ServiceLevel are flagged. Zero
	// ServiceLevel flags nothing.
	ServiceLevel float64
	AnswerWithin time.Duration

	// Overdispersion is the variance-to-mean ratio of each interval's
	// count of arrivals: 0 or 1 is Poisson; above 1 the interval's arrival
	// rate is first drawn from a gamma distribution with mean Volume (a
	// negative binomial count), as forecast error adds to Poisson noise.
	Overdispersion float64

	Replications int    // independent runs; at least 1, 100 is a good default
	Seed         uint64 // replication r uses streams derived from (Seed, r)
	Workers      int    // replications run in parallel; 0 means GOMAXPROCS

	// Progress, if not nil, is called after each replication with the
	// number done so far. Calls are serialised.
	Progress func(done, total int)
}

// Validate reports every problem with the settings, naming the field.
func (s Settings) Validate() error {
	var errs []error
	if s.Interval <= 0 {
		errs = append(errs, fmt.Errorf("simulate: Settings.Interval = %v: want a positive duration", s.Interval))
	}
	if s.Replications < 1 {
		errs = append(errs, fmt.Errorf("simulate: Settings.Replications = %d: want at least 1", s.Replications))
	}
	if !(s.ServiceLevel >= 0 && s.ServiceLevel < 1) {
		errs = append(errs, fmt.Errorf("simulate: Settings.ServiceLevel = %v: want a fraction in [0,1)", s.ServiceLevel))
	}
	if s.AnswerWithin < 0 {
		errs = append(errs, fmt.Errorf("simulate: Settings.AnswerWithin = %v: want a duration >= 0", s.AnswerWithin))
	}
	if !(s.Overdispersion == 0 || s.Overdispersion >= 1) || math.IsInf(s.Overdispersion, 0) {
		errs = append(errs, fmt.Errorf("simulate: Settings.Overdispersion = %v: want a variance-to-mean ratio >= 1 (or 0 for Poisson)", s.Overdispersion))
	}
	if s.Workers < 0 {
		errs = append(errs, fmt.Errorf("simulate: Settings.Workers = %d: want >= 0", s.Workers))
	}
	return errors.Join(errs...)
}

// Validate reports every problem with the queue, naming the field and,
// for an interval, its index.
func (q Queue) Validate(interval time.Duration) error {
	var errs []error
	name := "Queue"
	if q.Name != "" {
		name = fmt.Sprintf("Queue %q", q.Name)
	}
	if len(q.Intervals) == 0 {
		errs = append(errs, fmt.Errorf("simulate: %s has no intervals", name))
	}
	if q.AHT < 0 {
		errs = append(errs, fmt.Errorf("simulate: %s.AHT = %v: want a positive duration", name, q.AHT))
	}
	if !(q.HandlingCV >= 0) || math.IsInf(q.HandlingCV, 0) {
		errs = append(errs, fmt.Errorf("simulate: %s.HandlingCV = %v: want a positive coefficient of variation", name, q.HandlingCV))
	}
	if q.Handling != Exponential && q.Handling != Lognormal {
		errs = append(errs, fmt.Errorf("simulate: %s.Handling = %v: want Exponential or Lognormal", name, q.Handling))
	}
	if q.Patience < 0 {
		errs = append(errs, fmt.Errorf("simulate: %s.Patience = %v: want a positive duration, or 0 for callers who never hang up", name, q.Patience))
	}
	if !(q.PatienceCV >= 0) || math.IsInf(q.PatienceCV, 0) {
		errs = append(errs, fmt.Errorf("simulate: %s.PatienceCV = %v: want a positive coefficient of variation", name, q.PatienceCV))
	}
	if q.PatienceIs != Exponential && q.PatienceIs != Lognormal {
		errs = append(errs, fmt.Errorf("simulate: %s.PatienceIs = %v: want Exponential or Lognormal", name, q.PatienceIs))
	}
	if err := q.Chat.Validate(); err != nil {
		errs = append(errs, fmt.Errorf("simulate: %s: %w", name, err))
	}
	if q.Callback.QueueLength < 0 || q.Callback.Wait < 0 || q.Callback.Promise < 0 {
		errs = append(errs, fmt.Errorf("simulate: %s.Callback = %+v: want values >= 0", name, q.Callback))
	}
	for i, iv := range q.Intervals {
		switch {
		case math.IsNaN(iv.Volume) || iv.Volume < 0 || math.IsInf(iv.Volume, 0):
			errs = append(errs, fmt.Errorf("simulate: %s interval %d (%s): Volume = %v: want a number of contacts >= 0", name, i, iv.Start.Format(time.RFC3339), iv.Volume))
		case !(iv.VolumeSigma >= 0) || math.IsInf(iv.VolumeSigma, 0):
			errs = append(errs, fmt.Errorf("simulate: %s interval %d (%s): VolumeSigma = %v: want >= 0", name, i, iv.Start.Format(time.RFC3339), iv.VolumeSigma))
		case iv.Agents < 0:
			errs = append(errs, fmt.Errorf("simulate: %s interval %d (%s): Agents = %d: want >= 0", name, i, iv.Start.Format(time.RFC3339), iv.Agents))
		case iv.AHT < 0 || iv.AHT == 0 && q.AHT <= 0 && iv.Volume > 0:
			errs = append(errs, fmt.Errorf("simulate: %s interval %d (%s): no handling time: set Interval.AHT or Queue.AHT", name, i, iv.Start.Format(time.RFC3339)))
		case i > 0 && iv.Start.Sub(q.Intervals[i-1].Start) < interval:
			errs = append(errs, fmt.Errorf("simulate: %s interval %d starts at %s, less than one interval after the one before: want intervals in time order, each %v long", name, i, iv.Start.Format(time.RFC3339), interval))
		}
		if len(errs) > 10 {
			break
		}
	}
	return errors.Join(errs...)
}
