package simulate

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"sync"
	"time"

	"github.com/staffcast/staffcast/internal/panicerr"
	"gonum.org/v1/gonum/stat/distuv"
)

// Estimate is a mean across replications with its 95% confidence interval.
// With one replication Lo and Hi equal Mean: there is no interval.
type Estimate struct {
	Mean, Lo, Hi float64
}

// Stats is the simulated performance of an interval, a day or the whole
// horizon, averaged across replications.
type Stats struct {
	Start  time.Time
	Length time.Duration
	Agents float64 // mean agents on duty (agent-hours / hours)

	Offered   Estimate // contacts arriving
	Answered  Estimate // live calls answered
	Abandoned Estimate // callers who hung up while waiting
	Callbacks Estimate // callers who took a callback instead of waiting
	Late      Estimate // callbacks worked after their promise

	// ServiceLevel is the share of live callers (offered less callbacks)
	// answered within the target's AnswerWithin; a caller who hangs up
	// counts against it, as in staffing.Evaluate's AllOffered base.
	ServiceLevel Estimate
	AbandonRate  Estimate // abandoned / offered
	ASASeconds   Estimate // mean wait of the answered, seconds
	Occupancy    Estimate // agent time handling contacts / agent time on duty
	QueueEnd     Estimate // live callers waiting at the end
	Pending      Estimate // callbacks not yet worked at the end

	// BelowTarget is true when the upper 95% bound of ServiceLevel is
	// below the target: the plan misses it beyond simulation noise.
	BelowTarget bool
}

// Result is a simulation of one queue.
type Result struct {
	Intervals    []Stats // one per input interval
	Days         []Stats // one per calendar day of the intervals' starts, in their location
	Total        Stats
	Replications int
	Events       int64 // events simulated across replications: arrivals, completions, interval ends

	t      []tally // Replications × len(Intervals)
	slots  int     // queue slots per agent (chats at once), to count agents
	start  []time.Time
	length time.Duration
	target float64
}

// Run simulates q Replications times and summarises the replications.
// Replications run in parallel on Settings.Workers goroutines; each has its
// own random streams seeded from (Seed, replication), so the result does
// not depend on the number of workers. When ctx is cancelled Run stops
// and returns ctx's error and no result: a part of the replications is
// never passed off as the whole. A panic in a replication (a bug) stops
// Run too, with an error that says "internal error: panic: …" and keeps
// the stack (internal/panicerr).
func Run(ctx context.Context, q Queue, s Settings) (*Result, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if err := q.Validate(s.Interval); err != nil {
		return nil, err
	}
	p := newPlan(q, s)
	K, R := len(q.Intervals), s.Replications
	res := &Result{Replications: R, t: make([]tally, R*K), slots: max(1, q.Chat.Chats), length: s.Interval, target: s.ServiceLevel}
	res.start = make([]time.Time, K)
	for k, iv := range q.Intervals {
		res.start[k] = iv.Start
	}
	workers := s.Workers
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, R)
	next := make(chan int)
	var (
		mu       sync.Mutex
		done     int
		events   int64
		panicked error // the first panic on a worker, as an error
		wg       sync.WaitGroup
	)
	// caller is the caller's context: its end is a stop, a panic's (cancel) a failure.
	caller := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stop := func() bool { return ctx.Err() != nil }
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var sm sim
			for r := range next {
				// A panic (a bug, or in Progress) comes back as an error: the
				// caller cannot recover one on this goroutine.
				err := panicerr.Catch(func() error {
					sm = sim{p: p, t: res.t[r*K : (r+1)*K],
						arr:   stream(s.Seed, r, 0),
						svc:   stream(s.Seed, r, 1),
						queue: fifo{buf: sm.queue.buf[:0]}, cbq: fifo{buf: sm.cbq.buf[:0]}, busy: sm.busy[:0]}
					if !sm.run(stop) {
						return nil
					}
					mu.Lock()
					defer mu.Unlock()
					done++
					events += sm.events
					if s.Progress != nil {
						s.Progress(done, R)
					}
					return nil
				})
				if err != nil {
					mu.Lock()
					if panicked == nil {
						panicked = fmt.Errorf("simulate: replication %d: %w", r, err)
					}
					mu.Unlock()
					cancel()
				}
			}
		}()
	}
feed:
	for r := range R {
		select {
		case next <- r:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if panicked != nil {
		return nil, panicked
	}
	if err := caller.Err(); err != nil {
		return nil, fmt.Errorf("simulate: stopped after %d of %d replications: %w", done, R, err)
	}
	res.Events = events
	res.Intervals = make([]Stats, K)
	for k := range K {
		res.Intervals[k] = res.Span(k, k+1)
	}
	for i := 0; i < K; {
		y, m, d := res.start[i].Date()
		j := i + 1
		for j < K {
			y2, m2, d2 := res.start[j].Date()
			if y2 != y || m2 != m || d2 != d {
				break
			}
			j++
		}
		res.Days = append(res.Days, res.Span(i, j))
		i = j
	}
	res.Total = res.Span(0, K)
	return res, nil
}

// Span summarises intervals [from, to): counts are summed over the span,
// shares are ratios of the sums, and the queue at the end is the last
// interval's. It panics if the span is empty or out of range.
func (r *Result) Span(from, to int) Stats {
	if from < 0 || to > len(r.start) || from >= to {
		panic(fmt.Sprintf("simulate: Span(%d, %d) of %d intervals", from, to, len(r.start)))
	}
	K, R := len(r.start), r.Replications
	sum := make([]tally, R)
	for rep := range R {
		row := r.t[rep*K : (rep+1)*K]
		var s tally
		for _, x := range row[from:to] {
			s.offered += x.offered
			s.answered += x.answered
			s.within += x.within
			s.abandoned += x.abandoned
			s.callbacks += x.callbacks
			s.late += x.late
			s.waitSum += x.waitSum
			s.busy += x.busy
			s.staffed += x.staffed
		}
		s.queueEnd, s.pending = row[to-1].queueEnd, row[to-1].pending
		sum[rep] = s
	}
	f := func(g func(tally) float64) []float64 {
		v := make([]float64, R)
		for i, s := range sum {
			v[i] = g(s)
		}
		return v
	}
	length := r.length * time.Duration(to-from)
	st := Stats{
		Start:        r.start[from],
		Length:       length,
		Agents:       sum[0].staffed / length.Seconds() / float64(r.slots),
		Offered:      mean(f(func(s tally) float64 { return s.offered })),
		Answered:     mean(f(func(s tally) float64 { return s.answered })),
		Abandoned:    mean(f(func(s tally) float64 { return s.abandoned })),
		Callbacks:    mean(f(func(s tally) float64 { return s.callbacks })),
		Late:         mean(f(func(s tally) float64 { return s.late })),
		QueueEnd:     mean(f(func(s tally) float64 { return s.queueEnd })),
		Pending:      mean(f(func(s tally) float64 { return s.pending })),
		ServiceLevel: ratio(f(func(s tally) float64 { return s.within }), f(func(s tally) float64 { return s.offered - s.callbacks }), 1),
		AbandonRate:  ratio(f(func(s tally) float64 { return s.abandoned }), f(func(s tally) float64 { return s.offered }), 0),
		ASASeconds:   ratio(f(func(s tally) float64 { return s.waitSum }), f(func(s tally) float64 { return s.answered }), 0),
		Occupancy:    ratio(f(func(s tally) float64 { return s.busy }), f(func(s tally) float64 { return s.staffed }), 0),
	}
	clip01(&st.ServiceLevel)
	clip01(&st.AbandonRate)
	clip01(&st.Occupancy)
	st.ASASeconds.Lo = max(st.ASASeconds.Lo, 0)
	st.BelowTarget = r.target > 0 && st.Offered.Mean > 0 && st.ServiceLevel.Hi < r.target
	return st
}

func clip01(e *Estimate) {
	e.Lo, e.Hi = max(e.Lo, 0), min(e.Hi, 1)
}

// t975 is the 97.5% quantile of Student's t with n−1 degrees of freedom.
func t975(n int) float64 {
	if n < 2 {
		return 0
	}
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(n - 1)}.Quantile(0.975)
}

// mean is the sample mean with the t interval.
func mean(x []float64) Estimate {
	n := float64(len(x))
	var m, ss float64
	for _, v := range x {
		m += v
	}
	m /= n
	for _, v := range x {
		ss += (v - m) * (v - m)
	}
	if len(x) < 2 {
		return Estimate{m, m, m}
	}
	h := t975(len(x)) * math.Sqrt(ss/(n-1)/n)
	return Estimate{m, m - h, m + h}
}

// ratio is the ratio estimator Σy/Σx across replications with its
// delta-method interval (Law 2015, Simulation Modeling and Analysis,
// §9.5.3): the standard error is
//
//	sqrt(Σ(yᵢ − R·xᵢ)² / (n(n−1))) / x̄
//
// It estimates, for example, the share of all callers answered in time,
// not the mean of per-replication shares, which small intervals would
// bias. With Σx = 0 it returns empty, with an interval of [0, empty] or
// [empty, 0] as the quantity allows.
func ratio(y, x []float64, empty float64) Estimate {
	var sy, sx float64
	for i := range y {
		sy += y[i]
		sx += x[i]
	}
	if sx <= 0 {
		return Estimate{empty, min(empty, 0), max(empty, 0)}
	}
	rr := sy / sx
	n := float64(len(y))
	if len(y) < 2 {
		return Estimate{rr, rr, rr}
	}
	var ss float64
	for i := range y {
		d := y[i] - rr*x[i]
		ss += d * d
	}
	h := t975(len(y)) * math.Sqrt(ss/(n*(n-1))) / (sx / n)
	return Estimate{rr, rr - h, rr + h}
}

// stream is random stream i of replication r. Its PCG state comes from
// SplitMix64 (Steele, Lea & Flood 2014) of the seed, the replication and
// the stream, so that neighbouring replications do not start at
// neighbouring states.
func stream(seed uint64, r, i int) *rand.Rand {
	x := seed
	x = splitmix(&x) ^ uint64(2*r+i)
	return rand.New(rand.NewPCG(splitmix(&x), splitmix(&x)))
}

func splitmix(x *uint64) uint64 {
	*x += 0x9e3779b97f4a7c15
	z := *x
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}
