package staffing

import (
	"errors"
	"math"
	"math/rand/v2"
	"sort"
	"testing"
	"time"
)

func hours(n int, d time.Duration) []time.Duration {
	s := make([]time.Duration, n)
	for i := range s {
		s[i] = d
	}
	return s
}

func TestDeferredByHand(t *testing.T) {
	t.Parallel()
	const tol = 1e-12
	cases := []struct {
		name      string
		vol       []float64
		open      []bool
		aht       time.Duration
		p         Promise
		wantAgent []float64
		wantBack  []float64
	}{
		{
			// All within 1 h on 1 h intervals: each hour's items in that hour;
			// 10 items·6 min = 1 agent-hour.
			name: "same hour", vol: []float64{10, 0, 20}, aht: 6 * time.Minute,
			p:         Promise{Share: 1, Within: time.Hour},
			wantAgent: []float64{1, 0, 2}, wantBack: []float64{0, 0, 0},
		},
		{
			// 90% within 1 h, all within 4 h: of 40 items, 36 in hour 0 and
			// 4 spread over hours 0–3: done 37, 1, 1, 1; at 3 min each that is
			// 1.85 then 0.05 agents; backlog 3, 2, 1, 0.
			name: "two deadlines", vol: []float64{40, 0, 0, 0}, aht: 3 * time.Minute,
			p:         Promise{Share: 0.9, Within: time.Hour, AllWithin: 4 * time.Hour},
			wantAgent: []float64{1.85, 0.05, 0.05, 0.05}, wantBack: []float64{3, 2, 1, 0},
		},
		{
			// Night arrivals wait for the opening: 20 items done in hour 2.
			name: "closed hours", vol: []float64{10, 10, 0, 0}, open: []bool{false, false, true, true}, aht: 6 * time.Minute,
			p:         Promise{Share: 1, Within: time.Hour},
			wantAgent: []float64{0, 0, 2, 0}, wantBack: []float64{10, 20, 0, 0},
		},
		{
			// 2 h promise on 1 h intervals: half in each hour.
			name: "spread", vol: []float64{12, 0, 0}, aht: 10 * time.Minute,
			p:         Promise{Share: 1, Within: 2 * time.Hour},
			wantAgent: []float64{1, 1, 0}, wantBack: []float64{6, 0, 0},
		},
	}
	for _, c := range cases {
		got, err := Deferred(c.vol, hours(len(c.vol), c.aht), c.open, time.Hour, c.p)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		for i, g := range got {
			if math.Abs(g.Fractional-c.wantAgent[i]) > tol || math.Abs(g.Backlog-c.wantBack[i]) > tol {
				t.Errorf("%s interval %d: agents %v backlog %v, want %v and %v", c.name, i, g.Fractional, g.Backlog, c.wantAgent[i], c.wantBack[i])
			}
			if g.Agents != int(math.Ceil(c.wantAgent[i]-1e-9)) {
				t.Errorf("%s interval %d: whole agents %d for %v", c.name, i, g.Agents, c.wantAgent[i])
			}
		}
	}
}

func TestDeferredMeetsPromiseUnderEDF(t *testing.T) {
	t.Parallel()
	// Second method: give the rounded agents to an earliest-deadline-first
	// worker, item by item as fluid work, and check that the promised share
	// of every interval's items is done by its first deadline and all by
	// the second (deadlines counted in open intervals). Seeded random inputs.
	rng := rand.New(rand.NewPCG(7, 7))
	step := 30 * time.Minute
	p := Promise{Share: 0.8, Within: 90 * time.Minute, AllWithin: 4 * time.Hour}
	for trial := 0; trial < 50; trial++ {
		n := 20 + rng.IntN(60)
		vol := make([]float64, n)
		aht := make([]time.Duration, n)
		open := make([]bool, n)
		for i := range vol {
			vol[i] = float64(rng.IntN(30))
			aht[i] = time.Duration(60+rng.IntN(600)) * time.Second
			open[i] = rng.Float64() < 0.7
		}
		needs, err := Deferred(vol, aht, open, step, p)
		if err != nil {
			t.Fatal(err)
		}
		type job struct {
			deadline int // last interval (index) in which the job may be worked
			work     float64
		}
		var openIdx []int
		for i, o := range open {
			if o {
				openIdx = append(openIdx, i)
			}
		}
		deadline := func(from, width int) int {
			k := sort.SearchInts(openIdx, from) + width - 1
			if k >= len(openIdx) {
				return n // beyond the horizon: no deadline inside it
			}
			return openIdx[k]
		}
		var jobs []job
		w1, w2 := 3, 8 // 90 min and 4 h on 30-minute intervals
		for i := 0; i < n; i++ {
			if vol[i] > 0 {
				jobs = append(jobs, job{deadline(i, w1), vol[i] * p.Share * aht[i].Seconds()},
					job{deadline(i, w2), vol[i] * (1 - p.Share) * aht[i].Seconds()})
			}
			sort.SliceStable(jobs, func(a, b int) bool { return jobs[a].deadline < jobs[b].deadline })
			capacity := float64(needs[i].Agents) * step.Seconds()
			if !open[i] {
				capacity = 0
			}
			for k := range jobs {
				d := min(capacity, jobs[k].work)
				jobs[k].work -= d
				capacity -= d
			}
			for _, j := range jobs {
				if j.deadline <= i && j.work > 1e-6 {
					t.Fatalf("trial %d: %.3f agent-seconds due in interval %d still undone at %d", trial, j.work, j.deadline, i)
				}
			}
		}
	}
}

func TestRequiredChat(t *testing.T) {
	t.Parallel()
	// One chat at a time with no slowdown is a phone queue.
	q := Queue{Volume: 100, Interval: 30 * time.Minute, AHT: 3 * time.Minute}
	tg := Target{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second}
	one, _ := RequiredChat(q, Concurrency{Chats: 1}, tg)
	phone, _ := Required(q, tg)
	if one.Agents != phone.Agents || one.Fractional != phone.Fractional {
		t.Errorf("1 chat at a time: %+v, phone %+v", one, phone)
	}
	// Three chats, 20% slower per extra chat: slot AHT = 180·1.4 = 252 s,
	// slot load 100·252/1800 = 14 Erlangs. Second method: the smallest s
	// with 1 − C(14, s)·e^{−(s−14)·20/252} >= 0.8 by the factorial-sum
	// Erlang C, then ceil(s/3) agents.
	s := 15
	for 1-directErlangC(14, s)*math.Exp(-float64(s-14)*20/252) < 0.8 {
		s++
	}
	got, err := RequiredChat(q, Concurrency{Chats: 3, Slowdown: 0.2}, tg)
	if err != nil || got.Agents != (s+2)/3 {
		t.Errorf("3 chats: %d agents (%v), want ceil(%d/3) = %d", got.Agents, err, s, (s+2)/3)
	}
}

func TestPlanMixedChannels(t *testing.T) {
	t.Parallel()
	start := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	rows := []Row{
		{Start: start, Volume: 100, Channel: Phone},
		{Start: start, Volume: 60, Channel: Chat},
		{Start: start, Volume: 10, Channel: Email, AHT: 6 * time.Minute},
		{Start: start.Add(time.Hour), Volume: 0, Channel: Email, AHT: 6 * time.Minute},
		{Start: start.Add(time.Hour), Volume: 0, Channel: Phone},
	}
	s := Settings{Interval: time.Hour, AHT: 3 * time.Minute, Target: Target{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second},
		Shrinkage: 0.3, Chat: Concurrency{Chats: 2}, Promise: Promise{Share: 1, Within: 2 * time.Hour}}
	got, err := Plan(rows, s)
	if err != nil {
		t.Fatal(err)
	}
	phone, _ := Required(Queue{Volume: 100, Interval: time.Hour, AHT: 3 * time.Minute}, s.Target)
	if got[0].Agents != phone.Agents || got[0].Scheduled != Scheduled(float64(phone.Agents), 0.3) || !math.IsNaN(got[0].Backlog) {
		t.Errorf("phone row %+v, want %d agents", got[0], phone.Agents)
	}
	// Email: 10 items of 6 min over 2 h: 0.5 agent in each hour, backlog 5 then 0.
	if math.Abs(got[2].Fractional-0.5) > 1e-12 || got[2].Agents != 1 || math.Abs(got[2].Backlog-5) > 1e-12 || math.Abs(got[3].Fractional-0.5) > 1e-12 || got[3].Backlog != 0 {
		t.Errorf("email rows %+v %+v", got[2], got[3])
	}
	if got[4].Agents != 0 {
		t.Errorf("empty phone hour needs %d agents", got[4].Agents)
	}

	// Errors name the row.
	rows[1].Volume = -5
	_, err = Plan(rows, s)
	var re *RowError
	if !errors.As(err, &re) || re.Row != 1 {
		t.Errorf("negative volume: %v, want a RowError for row 1", err)
	}
}
