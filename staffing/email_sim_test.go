package staffing

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// simulateFIFO is a small seeded simulation of deferred work as it is
// really worked: Poisson arrivals at rate perInterval[i] per interval,
// exponential handling times of mean aht, worked first come, first served
// by agents[i] agents in interval i (an agent who starts an item finishes
// it). It returns the share of items answered (work started) within each
// of the given times, counting only items whose answer is known. It is
// independent of the formulas under test: no Erlang C, no spreading.
func simulateFIFO(seed uint64, perInterval []float64, agents []int, step, aht time.Duration, within ...time.Duration) []float64 {
	rng := rand.New(rand.NewPCG(seed, 7))
	st, mean := step.Seconds(), aht.Seconds()
	end := st * float64(len(perInterval))
	maxN := 0
	for _, n := range agents {
		maxN = max(maxN, n)
	}
	free := make([]float64, maxN) // when each agent is next free
	// earliest returns the first time >= t at which agent k is on duty.
	earliest := func(t float64, k int) float64 {
		for i := int(t / st); i < len(agents); i++ {
			if agents[i] > k {
				return max(t, float64(i)*st)
			}
		}
		return math.Inf(1)
	}
	met := make([]float64, len(within))
	total := 0.0
	lastStart := 0.0
	for i, rate := range perInterval {
		t := float64(i) * st
		for {
			t += rng.ExpFloat64() * st / rate
			if t >= float64(i+1)*st {
				break
			}
			start, who := math.Inf(1), -1
			for k := range free {
				if s := earliest(max(t, free[k], lastStart), k); s < start {
					start, who = s, k
				}
			}
			if start >= end {
				continue // unanswered when the data end: left out
			}
			lastStart = start
			free[who] = start + rng.ExpFloat64()*mean
			total++
			for j, w := range within {
				if start-t <= w.Seconds() {
					met[j]++
				}
			}
		}
	}
	for j := range met {
		met[j] /= total
	}
	return met
}

func planAgents(t *testing.T, rows []Row, s Settings) ([]int, []Need) {
	t.Helper()
	needs, err := Plan(rows, s)
	if err != nil {
		t.Fatal(err)
	}
	agents := make([]int, len(needs))
	for i, n := range needs {
		agents[i] = n.Agents
	}
	return agents, needs
}

// TestEmailSwitchAgainstSimulation tests both sides of the switch between
// the queue and the backlog model (Queued) against simulateFIFO.
func TestEmailSwitchAgainstSimulation(t *testing.T) {
	t.Parallel()
	start := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	const hours = 2000
	rows := func(vol func(i int) float64) []Row {
		out := make([]Row, hours)
		for i := range out {
			out[i] = Row{Start: start.Add(time.Duration(i) * time.Hour), Volume: vol(i), Channel: Email}
		}
		return out
	}
	aht := 4 * time.Minute

	// The queue side: the case, 30 emails an hour of 4 minutes,
	// 90% within 10 minutes. Erlang C needs 3 agents; the backlog model,
	// which used to staff it, gives the load, 2 agents, and simulated it
	// answers far fewer than 90% in time.
	flat := rows(func(int) float64 { return 30 })
	p := Promise{Share: 0.9, Within: 10 * time.Minute}
	if !Queued(p, time.Hour) {
		t.Fatal("a 10-minute promise on hourly intervals is not queued")
	}
	agents, needs := planAgents(t, flat, Settings{Interval: time.Hour, AHT: aht, Promise: p})
	if agents[0] != 3 || agents[hours-1] != 3 {
		t.Fatalf("30 emails/h at 4m, 90%% within 10m: %d agents, want 3", agents[0])
	}
	vol := make([]float64, hours)
	for i := range vol {
		vol[i] = 30
	}
	sim := simulateFIFO(1, vol, agents, time.Hour, aht, p.Within)[0]
	// 60,000 items: the standard error of a share near 0.9 is about
	// 0.0012, but consecutive waits are correlated; 0.01 allows for both.
	if want := needs[0].ServiceLevel; math.Abs(sim-want) > 0.01 || sim < p.Share-0.01 {
		t.Errorf("queue side: simulated %.4f within 10m on 3 agents; Erlang C says %.4f, promise %.2f", sim, want, p.Share)
	}
	// The quotes: the simulated share answered within quote_p50 and
	// quote_p90 is 50% and 90%.
	q50, q90 := needs[0].QuoteP50, needs[0].QuoteP90
	got := simulateFIFO(1, vol, agents, time.Hour, aht, time.Duration(q50*1e9), time.Duration(q90*1e9))
	if q50 != 0 || got[0] < 0.5 || math.Abs(got[1]-0.9) > 0.01 {
		t.Errorf("quotes p50 %.0f s, p90 %.0f s: simulated %.4f and %.4f answered within them, want >= 0.5 (no wait) and 0.9 ± 0.01", q50, q90, got[0], got[1])
	}
	backlog, err := Deferred(vol, repeat(aht, hours), nil, time.Hour, p)
	if err != nil {
		t.Fatal(err)
	}
	two := make([]int, hours)
	for i := range two {
		two[i] = backlog[i].Agents
	}
	if two[0] != 2 {
		t.Fatalf("backlog model: %d agents, want the load, 2", two[0])
	}
	sim2 := simulateFIFO(1, vol, two, time.Hour, aht, p.Within)[0]
	if sim2 > 0.8 {
		t.Errorf("backlog model on the queue side: simulated %.3f within 10m, want far below 0.9 (an unstable queue)", sim2)
	}
	t.Logf("queue side: 3 agents simulate %.4f within 10m (Erlang C %.4f); the backlog model's 2 simulate %.4f; %.4f within quote_p90 %.0f s", sim, needs[0].ServiceLevel, sim2, got[1], q90)

	// The backlog side: a promise of twice the interval, volumes that
	// swing through the day. The backlog model's staffing meets the
	// promise in simulation, with fewer agent-hours than the queue model
	// would staff.
	daily := func(i int) float64 { return 40 + 30*math.Sin(2*math.Pi*float64(i%24)/24) }
	swing := rows(daily)
	for _, p := range []Promise{
		{Share: 0.9, Within: 2 * time.Hour, AllWithin: 4 * time.Hour},
		{Share: 0.8, Within: 3 * time.Hour, AllWithin: 8 * time.Hour},
	} {
		if Queued(p, time.Hour) {
			t.Fatalf("%v on hourly intervals is queued", p)
		}
		agents, needs := planAgents(t, swing, Settings{Interval: time.Hour, AHT: aht, Promise: p})
		for i := range vol {
			vol[i] = daily(i)
		}
		// The shortest quote_p90 of the plan must hold for 90% in simulation.
		shortest := math.Inf(1)
		for _, n := range needs[:hours-24] {
			shortest = min(shortest, n.QuoteP90)
		}
		sim := simulateFIFO(2, vol, agents, time.Hour, aht, p.Within, p.AllWithin, time.Duration(shortest*1e9))
		if sim[2] < 0.9 {
			t.Errorf("backlog side %+v: %.4f answered within the shortest quote_p90 %.0f s, want >= 0.9", p, sim[2], shortest)
		}
		if sim[0] < p.Share || sim[1] < 0.995 {
			t.Errorf("backlog side %+v: simulated %.4f within %v and %.4f within %v; want >= %.2f and >= 0.995", p, sim[0], p.Within, sim[1], p.AllWithin, p.Share)
		}
		queueHours, backlogHours := 0, 0
		for i, r := range swing {
			req, err := Required(Queue{Volume: r.Volume, Interval: time.Hour, AHT: aht}, Target{ServiceLevel: p.Share, AnswerWithin: p.Within})
			if err != nil {
				t.Fatal(err)
			}
			queueHours += req.Agents
			backlogHours += agents[i]
		}
		if backlogHours > queueHours {
			t.Errorf("backlog side %+v: the backlog model staffs %d agent-hours, the queue model %d", p, backlogHours, queueHours)
		}
		t.Logf("%+v: simulated %.4f within %v, %.4f within %v, %.4f within the shortest quote_p90 %.0f s; %d agent-hours (queue model: %d)", p, sim[0], p.Within, sim[1], p.AllWithin, sim[2], shortest, backlogHours, queueHours)
	}
}

func repeat(d time.Duration, n int) []time.Duration {
	out := make([]time.Duration, n)
	for i := range out {
		out[i] = d
	}
	return out
}
