package simulate

import (
	"math"
	"math/rand/v2"
)

// tally is what one replication counts in one interval. Contacts are
// counted in the interval they arrive in.
type tally struct {
	offered   float64 // arrivals
	answered  float64 // live calls answered (at any time, also after close)
	within    float64 // of them, answered within AnswerWithin
	abandoned float64 // hung up while waiting
	callbacks float64 // took a callback instead of waiting
	late      float64 // callbacks worked after their promise
	waitSum   float64 // seconds waited by the answered
	busy      float64 // agent-seconds handling contacts inside the interval
	staffed   float64 // agent-seconds on duty: Agents · interval length
	queueEnd  float64 // live callers waiting at the interval's end
	pending   float64 // callbacks not yet worked at the interval's end
}

// job is a contact waiting for an agent: a live caller or a callback.
type job struct {
	arrive   float64 // seconds from the first interval's start
	deadline float64 // a caller hangs up at deadline; a callback is due then
	k        int32   // interval of arrival
}

// fifo is a ring-free FIFO of jobs: a slice with a moving head, compacted
// when the head passes half its length.
type fifo struct {
	buf  []job
	head int
}

func (f *fifo) len() int   { return len(f.buf) - f.head }
func (f *fifo) push(j job) { f.buf = append(f.buf, j) }
func (f *fifo) front() job { return f.buf[f.head] }
func (f *fifo) reset()     { f.buf, f.head = f.buf[:0], 0 }
func (f *fifo) pop() job {
	j := f.buf[f.head]
	f.head++
	if f.head > 1024 && f.head*2 > len(f.buf) {
		n := copy(f.buf, f.buf[f.head:])
		f.buf, f.head = f.buf[:n], 0
	}
	return j
}

// heap is a binary min-heap of completion times.
type heap []float64

func (h *heap) push(x float64) {
	*h = append(*h, x)
	a := *h
	i := len(a) - 1
	for i > 0 {
		p := (i - 1) / 2
		if a[p] <= x {
			break
		}
		a[i] = a[p]
		i = p
	}
	a[i] = x
}

func (h *heap) pop() float64 {
	a := *h
	top := a[0]
	n := len(a) - 1
	x := a[n]
	a = a[:n]
	i := 0
	for {
		c := 2*i + 1
		if c >= n {
			break
		}
		if c+1 < n && a[c+1] < a[c] {
			c++
		}
		if x <= a[c] {
			break
		}
		a[i] = a[c]
		i = c
	}
	if n > 0 {
		a[i] = x
	}
	*h = a
	return top
}

// sampler draws a duration in seconds with a given mean.
type sampler struct {
	dist  Dist
	sigma float64 // lognormal: σ of the underlying normal
	half  float64 // lognormal: σ²/2, so that the mean is exp(μ+σ²/2)
}

func newSampler(d Dist, cv float64) sampler {
	if cv == 0 {
		cv = 1
	}
	s2 := math.Log1p(cv * cv)
	return sampler{dist: d, sigma: math.Sqrt(s2), half: s2 / 2}
}

// draw returns a duration with the given mean, in seconds:
//
//	exponential: mean · E, E ~ Exp(1)
//	lognormal:   exp(ln mean − σ²/2 + σ·Z), Z ~ N(0,1), σ² = ln(1 + CV²)
func (s sampler) draw(r *rand.Rand, mean float64) float64 {
	if s.dist == Exponential {
		return mean * r.ExpFloat64()
	}
	return mean * math.Exp(s.sigma*r.NormFloat64()-s.half)
}

// gamma draws from Gamma(shape, 1) by Marsaglia & Tsang (2000), "A simple
// method for generating gamma variables", with the boost
// Gamma(a) = Gamma(a+1)·U^(1/a) for a < 1.
func gamma(r *rand.Rand, shape float64) float64 {
	if shape < 1 {
		return gamma(r, shape+1) * math.Pow(r.Float64(), 1/shape)
	}
	d := shape - 1.0/3
	c := 1 / math.Sqrt(9*d)
	for {
		x := r.NormFloat64()
		v := 1 + c*x
		if v <= 0 {
			continue
		}
		v = v * v * v
		u := r.Float64()
		if u < 1-0.0331*x*x*x*x || math.Log(u) < 0.5*x*x+d*(1-v+math.Log(v)) {
			return d * v
		}
	}
}

// plan is a queue prepared for simulation: times in seconds from the first
// interval's start.
type plan struct {
	start    []float64 // interval starts
	length   float64   // interval length
	volume   []float64
	vsigma   []float64 // σ of ln(volume) across replications; 0: known
	agents   []int
	aht      []float64 // mean handling seconds per interval
	segEnd   []bool    // interval is the last before a gap or the horizon's end
	within   float64
	patMean  float64 // 0: infinite patience
	service  sampler
	patient  sampler
	cb       Callback
	cbWait   float64
	promise  float64
	overdisp float64
}

func newPlan(q Queue, s Settings) *plan {
	K := len(q.Intervals)
	p := &plan{
		start: make([]float64, K), volume: make([]float64, K), vsigma: make([]float64, K), agents: make([]int, K),
		aht: make([]float64, K), segEnd: make([]bool, K),
		length:   s.Interval.Seconds(),
		within:   s.AnswerWithin.Seconds(),
		patMean:  q.Patience.Seconds(),
		service:  newSampler(q.Handling, q.HandlingCV),
		patient:  newSampler(q.PatienceIs, q.PatienceCV),
		cb:       q.Callback,
		cbWait:   q.Callback.Wait.Seconds(),
		promise:  q.Callback.Promise.Seconds(),
		overdisp: s.Overdispersion,
	}
	if p.promise == 0 {
		p.promise = 3600
	}
	t0 := q.Intervals[0].Start
	slots := max(1, q.Chat.Chats)
	for k, iv := range q.Intervals {
		p.start[k] = iv.Start.Sub(t0).Seconds()
		p.volume[k] = iv.Volume
		p.vsigma[k] = iv.VolumeSigma
		p.agents[k] = iv.Agents * slots
		aht := iv.AHT
		if aht == 0 {
			aht = q.AHT
		}
		if slots > 1 {
			aht = q.Chat.SlotAHT(aht)
		}
		p.aht[k] = aht.Seconds()
	}
	for k := range K {
		p.segEnd[k] = k == K-1 || p.start[k+1] > p.start[k]+p.length+1e-6
	}
	return p
}

// sim is the state of one replication.
type sim struct {
	p       *plan
	arr     *rand.Rand // arrivals, so that they are the same whatever the staffing
	svc     *rand.Rand // handling times and patience
	t       []tally
	queue   fifo // live callers, FIFO; some may have hung up (found when popped)
	cbq     fifo // callbacks, FIFO
	busy    heap // completion times of contacts in service
	free    int  // agents on duty and idle
	staffed int  // agents present: idle, busy, and busy ones due to leave
	owed    int  // busy agents who leave when their contact ends
	k       int  // current interval
	events  int64
}

// setStaff changes the agents on duty to n. Agents over n who are busy
// finish their contact first.
func (s *sim) setStaff(n int) {
	eff := s.staffed - s.owed
	if n > eff {
		d := n - eff
		c := min(d, s.owed)
		s.owed -= c
		d -= c
		s.staffed += d
		s.free += d
	} else if n < eff {
		d := eff - n
		c := min(d, s.free)
		s.free -= c
		s.staffed -= c
		s.owed += d - c
	}
}

// addBusy counts the agent time from a to b in the intervals it overlaps,
// from the current one on within its segment.
func (s *sim) addBusy(a, b float64) {
	p := s.p
	for k := s.k; k < len(p.start); k++ {
		lo, hi := max(a, p.start[k]), min(b, p.start[k]+p.length)
		if hi > lo {
			s.t[k].busy += hi - lo
		}
		if b <= p.start[k]+p.length || p.segEnd[k] {
			return
		}
	}
}

// alive counts the live callers waiting at time now (some in the queue may
// have hung up without anybody noticing yet).
func (s *sim) alive(now float64) int {
	n := 0
	for _, j := range s.queue.buf[s.queue.head:] {
		if j.deadline > now {
			n++
		}
	}
	return n
}

// serve gives idle agents work at time now: a callback that is due, else
// the next live caller, else any callback.
func (s *sim) serve(now float64, callbacks bool) {
	for s.free > 0 {
		var j job
		live := false
		switch {
		case callbacks && s.cbq.len() > 0 && s.cbq.front().deadline <= now:
			j = s.cbq.pop()
		case s.queue.len() > 0:
			j = s.queue.pop()
			if j.deadline <= now {
				s.t[j.k].abandoned++
				continue
			}
			live = true
		case callbacks && s.cbq.len() > 0:
			j = s.cbq.pop()
		default:
			return
		}
		tk := &s.t[j.k]
		if live {
			w := now - j.arrive
			tk.answered++
			tk.waitSum += w
			if w <= s.p.within {
				tk.within++
			}
		} else if now > j.deadline {
			tk.late++
		}
		s.start(now, int(j.k))
	}
}

// start puts an idle agent on a contact of interval k at time now.
func (s *sim) start(now float64, k int) {
	s.free--
	h := s.p.service.draw(s.svc, s.p.aht[k])
	s.busy.push(now + h)
	s.addBusy(now, now+h)
}

// complete ends the earliest contact in service.
func (s *sim) complete(now float64, callbacks bool) {
	s.busy.pop()
	s.events++
	if s.owed > 0 {
		s.owed--
		s.staffed--
		return
	}
	s.free++
	s.serve(now, callbacks)
}

// arrive handles a caller arriving at time now in interval k.
func (s *sim) arrive(now float64, k int) {
	s.events++
	p := s.p
	tk := &s.t[k]
	tk.offered++
	if s.free > 0 {
		// Idle agents mean nobody live waits and no callback is pending.
		tk.answered++
		tk.within++
		s.start(now, k)
		return
	}
	if p.cb.Enabled() {
		ahead := s.alive(now)
		eff := s.staffed - s.owed
		take := p.cb.QueueLength > 0 && ahead >= p.cb.QueueLength
		if !take && p.cbWait > 0 {
			take = eff <= 0 || float64(ahead+1)*p.aht[k]/float64(eff) > p.cbWait
		}
		if take {
			tk.callbacks++
			s.cbq.push(job{arrive: now, deadline: now + p.promise, k: int32(k)})
			return
		}
	}
	d := math.Inf(1)
	if p.patMean > 0 {
		d = now + p.patient.draw(s.svc, p.patMean)
	}
	s.queue.push(job{arrive: now, deadline: d, k: int32(k)})
}

// run simulates the whole horizon once.
func (s *sim) run(stop func() bool) bool {
	p := s.p
	cb := p.cb.Enabled()
	for k := range p.start {
		if k%16 == 0 && stop() {
			return false
		}
		s.k = k
		t0, t1 := p.start[k], p.start[k]+p.length
		s.setStaff(p.agents[k])
		s.t[k].staffed = float64(p.agents[k]) * p.length
		s.serve(t0, cb)
		rate := p.volume[k] / p.length
		if p.vsigma[k] > 0 {
			rate *= math.Exp(p.vsigma[k] * s.arr.NormFloat64())
		}
		if p.overdisp > 1 && rate > 0 {
			shape := p.volume[k] / (p.overdisp - 1)
			rate *= gamma(s.arr, shape) / shape
		}
		a := math.Inf(1)
		if rate > 0 {
			a = t0 + s.arr.ExpFloat64()/rate
		}
		for {
			tc := math.Inf(1)
			if len(s.busy) > 0 {
				tc = s.busy[0]
			}
			if a < t1 && a <= tc {
				s.arrive(a, k)
				a += s.arr.ExpFloat64() / rate
			} else if tc < t1 {
				s.complete(tc, cb)
			} else {
				break
			}
		}
		s.events++
		s.t[k].queueEnd = float64(s.alive(t1))
		s.t[k].pending = float64(s.cbq.len())
		if p.segEnd[k] {
			s.close(t1)
		}
	}
	return true
}

// close ends a segment at time end: no more arrivals; agents on duty stay
// until every live caller waiting is answered or has hung up, and finish
// the contacts in hand; callbacks not yet worked wait for the next opening.
func (s *sim) close(end float64) {
	for s.alive(end) > 0 && len(s.busy) > 0 {
		now := s.busy[0]
		s.complete(now, false)
		end = max(end, now)
	}
	// Whoever still waits hangs up eventually (finite patience) or is
	// left unanswered at close (counted in queueEnd, not as abandoned).
	for s.queue.len() > 0 {
		j := s.queue.pop()
		if !math.IsInf(j.deadline, 1) {
			s.t[j.k].abandoned++
		}
	}
	s.queue.reset()
	s.busy = s.busy[:0]
	s.free, s.staffed, s.owed = 0, 0, 0
}
