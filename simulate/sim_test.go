package simulate

import (
	"context"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/staffcast/staffcast/internal/panicerr"
)

// peakDay is a day at 15-minute intervals from 08:00 to 20:00 with a load
// of 20 Erlangs that triples from 12:00 to 13:00, staffed with n agents
// per interval from agents(load).
func peakDay(agents func(load float64) int) Queue {
	const aht = 4 * time.Minute
	q := Queue{AHT: aht}
	t0 := time.Date(2025, 11, 17, 8, 0, 0, 0, time.UTC)
	for i := range 48 {
		load := 20.0
		if i >= 16 && i < 20 {
			load = 60
		}
		q.Intervals = append(q.Intervals, Interval{Start: t0.Add(time.Duration(i) * 15 * time.Minute), Volume: load * 15 / 4, Agents: agents(load)})
	}
	return q
}

func TestSameSeedSameResultAnyWorkers(t *testing.T) {
	t.Parallel()
	q := peakDay(func(l float64) int { return int(l) + 3 })
	q.Patience = 2 * time.Minute
	s := Settings{Interval: 15 * time.Minute, ServiceLevel: 0.8, AnswerWithin: 20 * time.Second, Replications: 12, Seed: 42, Workers: 1}
	a, err := Run(context.Background(), q, s)
	if err != nil {
		t.Fatal(err)
	}
	s.Workers = 4
	b, err := Run(context.Background(), q, s)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a.Intervals, b.Intervals) || a.Events != b.Events {
		t.Error("1 and 4 workers give different results with the same seed")
	}
	s.Seed = 43
	c, _ := Run(context.Background(), q, s)
	if reflect.DeepEqual(a.Intervals, c.Intervals) {
		t.Error("seeds 42 and 43 give the same result")
	}
}

// TestPeakCarriesOver checks the known failure of staffing each interval
// as its own steady state: after the peak the queue carries over. With
// agents just above the load and no patience, the interval after the
// peak ends with a longer queue and a lower service level than the same
// staffing before the peak.
func TestPeakCarriesOver(t *testing.T) {
	t.Parallel()
	q := peakDay(func(l float64) int { return int(l) + 2 })
	res, err := Run(context.Background(), q, Settings{Interval: 15 * time.Minute, ServiceLevel: 0.8, AnswerWithin: 20 * time.Second, Replications: 50, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	before, after := res.Intervals[14], res.Intervals[20]
	if !(after.ServiceLevel.Hi < before.ServiceLevel.Lo) {
		t.Errorf("service level after the peak %+v not below before it %+v", after.ServiceLevel, before.ServiceLevel)
	}
	if !(res.Intervals[19].QueueEnd.Mean > 2*res.Intervals[13].QueueEnd.Mean) {
		t.Errorf("queue at the end of the peak %.2f not above twice the one before it %.2f", res.Intervals[19].QueueEnd.Mean, res.Intervals[13].QueueEnd.Mean)
	}
	var flagged bool
	for _, iv := range res.Intervals {
		flagged = flagged || iv.BelowTarget
	}
	if !flagged {
		t.Error("no interval flagged below target")
	}
	if len(res.Days) != 1 || res.Days[0].Offered.Mean < 0.95*res.Total.Offered.Mean {
		t.Errorf("days %d, want 1 holding the total", len(res.Days))
	}
}

// TestConservation checks that every contact is accounted for once:
// offered = answered + abandoned + callbacks, with nobody left over at the
// close when agents stay on.
func TestConservation(t *testing.T) {
	t.Parallel()
	q := peakDay(func(l float64) int { return int(l) - 2 })
	q.Patience = time.Minute
	q.Callback = Callback{QueueLength: 5, Promise: 30 * time.Minute}
	res, err := Run(context.Background(), q, Settings{Interval: 15 * time.Minute, AnswerWithin: 20 * time.Second, Replications: 5, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	for rep := range 5 {
		var off, acc float64
		for _, x := range res.t[rep*48 : (rep+1)*48] {
			off += x.offered
			acc += x.answered + x.abandoned + x.callbacks
		}
		if off != acc {
			t.Errorf("replication %d: %v offered, %v answered+abandoned+callbacks", rep, off, acc)
		}
	}
	if res.Total.Callbacks.Mean == 0 {
		t.Error("an overloaded queue with callbacks above 5 waiting made no callbacks")
	}
}

// TestLognormalHandling checks that a lognormal handling time keeps its
// mean: occupancy with ample agents is load/agents whatever the CV, and
// that a larger CV gives longer waits (Allen–Cunneen: waits grow with
// (1+CV²)/2).
func TestLognormalHandling(t *testing.T) {
	t.Parallel()
	s := Settings{Interval: 30 * time.Minute, AnswerWithin: 20 * time.Second, Replications: 20, Seed: 3}
	asa := map[float64]float64{}
	for _, cv := range []float64{0.5, 1, 2} {
		q := stationary(20, 23, 3*time.Minute, 0, 30*time.Minute, 12)
		q.Handling, q.HandlingCV = Lognormal, cv
		res, err := Run(context.Background(), q, s)
		if err != nil {
			t.Fatal(err)
		}
		got := res.Span(2, 12)
		if math.Abs(got.Occupancy.Mean-20.0/23) > 0.01 {
			t.Errorf("CV %v: occupancy %.4f, want %.4f within 0.01", cv, got.Occupancy.Mean, 20.0/23)
		}
		asa[cv] = got.ASASeconds.Mean
	}
	if !(asa[0.5] < asa[1] && asa[1] < asa[2]) {
		t.Errorf("ASA by CV %v: want increasing", asa)
	}
}

func TestCancel(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	q := peakDay(func(l float64) int { return int(l) + 3 })
	res, err := Run(ctx, q, Settings{Interval: 15 * time.Minute, Replications: 100})
	if res != nil || !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled run: result %v, error %v; want none and context.Canceled", res != nil, err)
	}
}

func TestValidate(t *testing.T) {
	t.Parallel()
	q := peakDay(func(l float64) int { return int(l) })
	q.HandlingCV = -1
	q.Patience = -time.Second
	q.Intervals[3].Volume = math.NaN()
	_, err := Run(context.Background(), q, Settings{Interval: 15 * time.Minute, Replications: 0})
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"Replications = 0", "HandlingCV = -1", "Patience = -1s"} {
		if !strings.Contains(err.Error(), want) && !strings.Contains(mustQueueErr(q), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	if !strings.Contains(mustQueueErr(q), "interval 3") {
		t.Errorf("queue error does not name interval 3: %s", mustQueueErr(q))
	}
}

func mustQueueErr(q Queue) string {
	err := q.Validate(15 * time.Minute)
	if err == nil {
		return ""
	}
	return err.Error()
}

func TestAgentsFromShifts(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2025, 11, 17, 8, 0, 0, 0, time.UTC)
	start := make([]time.Time, 8) // 08:00–10:00 in quarters
	for i := range start {
		start[i] = t0.Add(time.Duration(i) * 15 * time.Minute)
	}
	at := func(m int) time.Time { return t0.Add(time.Duration(m) * time.Minute) }
	got, err := AgentsFromShifts([]Shift{
		{Start: at(0), End: at(120), Agents: 3, BreakStart: at(30), BreakEnd: at(60)},
		{Start: at(60), End: at(240), Agents: 2},
	}, start, 15*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	// Worked out by hand: 3 agents all morning, away 08:30–09:00; 2 more from 09:00.
	want := []int{3, 3, 0, 0, 5, 5, 5, 5}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("agents %v, want %v", got, want)
	}
	if _, err := AgentsFromShifts([]Shift{{Start: at(600), End: at(700), Agents: 1}}, start, 15*time.Minute); err == nil || !strings.Contains(err.Error(), "do not share intervals") {
		t.Errorf("shift outside the intervals: error %v", err)
	}
}

// TestDSTDay runs the Stockholm spring day (23 hours) and autumn day (25
// hours) hour by hour: every hour is an interval of its own, and the days
// are grouped by local date.
func TestDSTDay(t *testing.T) {
	t.Parallel()
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Skip(err)
	}
	for _, c := range []struct {
		day   time.Time
		hours int
	}{{time.Date(2025, 3, 30, 0, 0, 0, 0, loc), 23}, {time.Date(2025, 10, 26, 0, 0, 0, 0, loc), 25}} {
		q := Queue{AHT: 3 * time.Minute}
		for i := range c.hours + 24 { // the DST day and the day after
			q.Intervals = append(q.Intervals, Interval{Start: c.day.Add(time.Duration(i) * time.Hour), Volume: 100, Agents: 8})
		}
		res, err := Run(context.Background(), q, Settings{Interval: time.Hour, Replications: 4, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Days) != 2 || res.Days[0].Length != time.Duration(c.hours)*time.Hour {
			t.Errorf("%s: %d days, the first %v long; want 2, the first %d h", c.day.Format("2006-01-02"), len(res.Days), res.Days[0].Length, c.hours)
		}
		// 100 calls an hour: the first day offers about 100 per hour it has.
		if got := res.Days[0].Offered.Mean; got < float64(c.hours)*90 || got > float64(c.hours)*110 {
			t.Errorf("%s: %.0f offered, want about %d", c.day.Format("2006-01-02"), got, 100*c.hours)
		}
	}
}

// TestOverdispersion checks the variance of an interval's count against
// the variance-to-mean ratio asked for: Poisson without, φ·mean with.
func TestOverdispersion(t *testing.T) {
	t.Parallel()
	for _, phi := range []float64{0, 3} {
		q := stationary(10, 12, 3*time.Minute, 0, 30*time.Minute, 1)
		res, err := Run(context.Background(), q, Settings{Interval: 30 * time.Minute, Replications: 2000, Seed: 2, Overdispersion: phi})
		if err != nil {
			t.Fatal(err)
		}
		var m, v float64
		for r := range 2000 {
			m += res.t[r].offered
		}
		m /= 2000
		for r := range 2000 {
			d := res.t[r].offered - m
			v += d * d
		}
		v /= 1999
		want := max(phi, 1)
		// The sample variance-to-mean ratio of 2,000 counts has a standard
		// error of about want·sqrt(2/2000) = 3%·want; allow 4 of them.
		if got := v / m; got < want*0.88 || got > want*1.12 {
			t.Errorf("overdispersion %v: variance/mean %.3f, want %.1f within 12%%", phi, got, want)
		}
	}
}

// TestCallbacksWithinPromise offers callbacks above 3 waiting on a queue
// with spare capacity later in the day: callbacks are made, and all are
// worked within their hour.
func TestCallbacksWithinPromise(t *testing.T) {
	t.Parallel()
	q := Queue{AHT: 4 * time.Minute, Callback: Callback{QueueLength: 3, Promise: time.Hour}}
	t0 := time.Date(2025, 11, 17, 8, 0, 0, 0, time.UTC)
	for i := range 12 {
		vol := 40.0 // 10.7 Erlangs on 10 agents: a queue builds
		if i >= 4 {
			vol = 15 // then 4 Erlangs: time to call back
		}
		q.Intervals = append(q.Intervals, Interval{Start: t0.Add(time.Duration(i) * 15 * time.Minute), Volume: vol, Agents: 10})
	}
	res, err := Run(context.Background(), q, Settings{Interval: 15 * time.Minute, AnswerWithin: 20 * time.Second, Replications: 50, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	tot := res.Total
	if tot.Callbacks.Mean < 1 {
		t.Errorf("%.1f callbacks, want some", tot.Callbacks.Mean)
	}
	if tot.Late.Mean > 0 || tot.Pending.Mean > 0 {
		t.Errorf("%.2f callbacks late, %.2f pending at close; want none with spare capacity", tot.Late.Mean, tot.Pending.Mean)
	}
}

func TestPanicIsError(t *testing.T) {
	t.Parallel()
	// A panic on a worker goroutine (here in Progress, on the third
	// replication) comes back as an internal error with its stack, not a
	// crash, with 1 and 4 workers; the test process goes on.
	q := peakDay(func(l float64) int { return int(l) + 3 })
	for _, workers := range []int{1, 4} {
		s := Settings{Interval: 15 * time.Minute, Replications: 20, Workers: workers, Progress: func(done, _ int) {
			if done == 3 {
				panic("progress broke")
			}
		}}
		res, err := Run(context.Background(), q, s)
		var pe *panicerr.Error
		if res != nil || !errors.As(err, &pe) || !strings.HasSuffix(err.Error(), "internal error: panic: progress broke") || !strings.Contains(string(pe.Stack), "TestPanicIsError") {
			t.Errorf("%d workers: result %v, error %v", workers, res != nil, err)
		}
	}
}
