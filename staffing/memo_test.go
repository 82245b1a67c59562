package staffing

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"
)

// TestMemoKeyHasEveryField changes each field of the queue and the target
// in turn, on a memo whose slot for the changed pair holds the unchanged
// pair's requirement: the memo must give what the search gives for the
// changed pair, which differs. A field the key's comparison left out
// would hand back the first pair's requirement.
// Every field of Queue and Target must be in the list, so that a field
// added later is tested too.
func TestMemoKeyHasEveryField(t *testing.T) {
	t.Parallel()
	q0 := Queue{Volume: 40, Interval: 15 * time.Minute, AHT: 3 * time.Minute, Patience: 2 * time.Minute}
	t0 := Target{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second}
	variants := map[string]func(*Queue, *Target){
		"Queue.Volume":        func(q *Queue, _ *Target) { q.Volume = 41 },
		"Queue.Interval":      func(q *Queue, _ *Target) { q.Interval = 30 * time.Minute },
		"Queue.AHT":           func(q *Queue, _ *Target) { q.AHT = 4 * time.Minute },
		"Queue.Patience":      func(q *Queue, _ *Target) { q.Patience = 0 },
		"Target.ServiceLevel": func(_ *Queue, t *Target) { t.ServiceLevel = 0.9 },
		"Target.AnswerWithin": func(_ *Queue, t *Target) { t.AnswerWithin = time.Minute },
		"Target.MaxASA":       func(_ *Queue, t *Target) { t.MaxASA = 2 * time.Second },
		"Target.MaxOccupancy": func(_ *Queue, t *Target) { t.MaxOccupancy = 0.5 },
		"Target.MaxAbandon":   func(_ *Queue, t *Target) { t.MaxAbandon = 0.001 },
		"Target.MaxAgents":    func(_ *Queue, t *Target) { t.MaxAgents = 5 },
		"Target.SLBase":       func(_ *Queue, t *Target) { t.SLBase = ExcludeEarlyAbandon },
	}
	for _, typ := range []reflect.Type{reflect.TypeFor[Queue](), reflect.TypeFor[Target]()} {
		for i := range typ.NumField() {
			if name := typ.Name() + "." + typ.Field(i).Name; variants[name] == nil {
				t.Errorf("%s: no variant: add one so that the memo's key is tested on it", name)
			}
		}
	}
	for name, change := range variants {
		q1, t1 := q0, t0
		change(&q1, &t1)
		// The first pair's requirement, planted in the second's slot as a
		// hash collision would put it there.
		var r0, want, got Requirement
		err := required(q0, &t0, &r0)
		if err != nil {
			t.Fatal(err)
		}
		var m requiredMemo
		plant(&m, q1, memoSlot{used: true, q: q0, t: t0, req: r0})
		wantErr := required(q1, &t1, &want)
		gotErr := m.required(q1, &t1, &got)
		if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) || !sameRequirement(got, want) {
			t.Errorf("%s changed: memo gives %+v, %v; the search %+v, %v", name, got, gotErr, want, wantErr)
		}
		if sameRequirement(r0, want) && wantErr == nil {
			t.Errorf("%s: the variant does not change the requirement, so this test cannot fail", name)
		}
	}
}

// TestMemoVolumeBits checks that the key compares volumes by their bits:
// −0 and 0 are equal numbers but not the same input.
func TestMemoVolumeBits(t *testing.T) {
	t.Parallel()
	q := Queue{Volume: 0, Interval: 15 * time.Minute, AHT: 3 * time.Minute}
	neg := q
	neg.Volume = math.Copysign(0, -1)
	target := Target{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second}
	var m requiredMemo
	var r, got, want Requirement
	required(q, &target, &r)
	plant(&m, neg, memoSlot{used: true, q: q, t: target, req: r})
	m.required(neg, &target, &got)
	required(neg, &target, &want)
	if !sameRequirement(got, want) {
		t.Errorf("−0 after 0: memo %+v, search %+v", got, want)
	}
}

func sameRequirement(a, b Requirement) bool {
	return a.Agents == b.Agents && sameBits(a.Fractional, b.Fractional) && a.Result.Agents == b.Result.Agents &&
		sameBits(a.Result.OfferedLoad, b.Result.OfferedLoad) && sameBits(a.Result.PWait, b.Result.PWait) &&
		sameBits(a.Result.ServiceLevel, b.Result.ServiceLevel) && sameBits(a.Result.ASASeconds, b.Result.ASASeconds) &&
		sameBits(a.Result.Occupancy, b.Result.Occupancy) && sameBits(a.Result.PAbandon, b.Result.PAbandon)
}

func sameBits(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) }

// sameNeed compares every field of two needs, floats by their bits.
func sameNeed(a, b Need) bool {
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	for i := range va.NumField() {
		x, y := va.Field(i), vb.Field(i)
		switch x.Kind() {
		case reflect.Float64:
			if !sameBits(x.Float(), y.Float()) {
				return false
			}
		default:
			if !x.Equal(y) {
				return false
			}
		}
	}
	return true
}

// TestMemoisedPlannerEqualsSearch staffs random rows of every channel
// kind the Planner handles (phone Erlang C and A, chat with concurrency
// and deflection, email queued and by the backlog, callbacks booked and
// deferred, some rows with their own handling time) through a Planner
// with its memo and through one that searches every row, and through
// Plan: the needs must agree to the last bit. Whole volumes repeat, so
// the memo answers most rows; fractional ones never do.
func TestMemoisedPlannerEqualsSearch(t *testing.T) {
	t.Parallel()
	office, _ := ParseOpeningHours("Mon-Fri 08:00-17:00")
	start := time.Date(2026, 3, 23, 0, 0, 0, 0, time.UTC)
	base := Settings{
		Interval: 15 * time.Minute, AHT: 3 * time.Minute, Shrinkage: 0.3,
		Target:  Target{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second},
		Promise: Promise{Share: 0.9, Within: 2 * time.Hour, AllWithin: 8 * time.Hour},
		Open:    office.Contains,
	}
	configs := map[string]Settings{}
	for name, ch := range map[string]map[Channel]ChannelSettings{
		"erlangC_backlog": {
			Chat:  {AHT: 6 * time.Minute, Chat: Concurrency{Chats: 3, Slowdown: 0.2}, Deflect: 0.2},
			Email: {Deflect: 0.1},
		},
		"erlangA_queued": {
			Phone:    {Patience: 2 * time.Minute, Target: &Target{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second, MaxAbandon: 0.05}},
			Chat:     {Patience: 3 * time.Minute, Chat: Concurrency{Chats: 2}},
			Email:    {Promise: Promise{Share: 0.8, Within: 20 * time.Minute}, Deflect: 0.1},
			Callback: {Slot: 15 * time.Minute, Prep: time.Minute},
		},
		"asa_occupancy": {
			Phone:    {Target: &Target{MaxASA: 15 * time.Second, MaxOccupancy: 0.85}},
			Callback: {Promise: Promise{Share: 1, Within: 25 * time.Minute}},
		},
	} {
		s := base
		s.Channels = ch
		configs[name] = s
	}
	for _, fractional := range []bool{false, true} {
		rng := rand.New(rand.NewPCG(5, 6))
		var rows []Row
		for i := range 96 * 14 {
			at := start.Add(time.Duration(i) * 15 * time.Minute)
			shape := math.Max(0, math.Sin(math.Pi*float64(i%96)/96))
			for _, ch := range Channels {
				v := math.Round(60 * shape * rng.Float64())
				if fractional {
					v += rng.Float64()
				}
				r := Row{Start: at, Channel: ch, Volume: v}
				if i%13 == 0 {
					r.AHT = 4 * time.Minute // rows equal but for the handling time
				}
				if ch == Chat && i%7 == 0 {
					r.Deflect = 0.4
				}
				rows = append(rows, r)
			}
		}
		for name, s := range configs {
			name := fmt.Sprintf("%s/fractional=%v", name, fractional)
			memo, hits, err := plannerNeeds(rows, s, true)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			// Whole volumes repeat: the memo must answer most queue rows
			// (phone and chat, with and without deflection), else the
			// comparison above tested the search against itself.
			if !fractional && hits < len(rows)/4 {
				t.Errorf("%s: %d memo hits in %d rows", name, hits, len(rows))
			}
			search, _, err := plannerNeeds(rows, s, false)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			plan, err := Plan(rows, s)
			if err != nil {
				t.Fatalf("%s: Plan: %v", name, err)
			}
			for i := range rows {
				if !sameNeed(memo[i], search[i]) || !sameNeed(plan[i], search[i]) {
					t.Fatalf("%s: row %d (%+v):\nmemo   %+v\nPlan   %+v\nsearch %+v", name, i, rows[i], memo[i], plan[i], search[i])
				}
			}
		}
	}
}

// plannerNeeds staffs rows through a Planner, with its memo or without,
// and says how many lookups the memo answered.
func plannerNeeds(rows []Row, s Settings, memo bool) ([]Need, int, error) {
	p, err := NewPlanner(s)
	if err != nil {
		return nil, 0, err
	}
	m := p.memo
	if !memo {
		p.memo, m = nil, &requiredMemo{}
	}
	var out []Need
	for _, r := range rows {
		if err := p.Add(r); err != nil {
			return nil, 0, err
		}
		out = p.Ready(out)
	}
	if err := p.Close(); err != nil {
		return nil, 0, err
	}
	return p.Ready(out), m.hits, nil
}

// BenchmarkPlannerPhoneYear staffs a year of 15-minute phone intervals
// (0 to 120 calls) through a Planner: whole volumes, which repeat, and
// fractional ones, which do not; with the memo and without.
func BenchmarkPlannerPhoneYear(b *testing.B) {
	for _, fractional := range []bool{false, true} {
		rows := make([]Row, 365*96)
		t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
		for i := range rows {
			h := float64(i%96) / 4
			v := float64(int(h) % 5)
			if h >= 7 && h < 22 {
				v = math.Floor(60 + 60*math.Sin((h-7)/15*3.14159))
			}
			if fractional {
				v += float64(i*7919%len(rows)) / float64(len(rows))
			}
			rows[i] = Row{Start: t0.Add(time.Duration(i) * 15 * time.Minute), Volume: v}
		}
		s := Settings{Interval: 15 * time.Minute, AHT: 3 * time.Minute, Target: Target{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second}}
		for _, memo := range []bool{true, false} {
			b.Run(fmt.Sprintf("fractional=%v/memo=%v", fractional, memo), func(b *testing.B) {
				var needs []Need
				for b.Loop() {
					p, err := NewPlanner(s)
					if err != nil {
						b.Fatal(err)
					}
					if !memo {
						p.memo = nil
					}
					for _, r := range rows {
						if err := p.Add(r); err != nil {
							b.Fatal(err)
						}
						needs = p.Ready(needs[:0])
					}
				}
				b.ReportMetric(float64(len(rows))*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
			})
		}
	}
}

// plant puts s in the slot of key q, as if s's key had collided with q,
// with q's volume bits as the slot's tag so that the full key decides.
func plant(m *requiredMemo, q Queue, s memoSlot) {
	i := memoIndex(q)
	m.vols[i] = math.Float64bits(q.Volume)
	m.slots[i] = s
}
