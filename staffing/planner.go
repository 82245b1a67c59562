package staffing

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"time"
)

// Planner staffs rows one at a time, with the results of Plan, for input
// too long to hold: a year of 15-minute intervals for a century is 3.5
// million rows. It keeps only what a row needs: for deferred work, the
// work spread into the open intervals ahead and the backlog; and the
// needs not yet final, which wait at most for the open intervals a quote
// reaches into (the promise window, and the closed hours before it).
//
//	p, err := NewPlanner(s)
//	for each row { err = p.Add(row); needs = p.Ready(needs[:0]); write needs }
//	err = p.Close(); needs = p.Ready(needs[:0]); write needs
type Planner struct {
	s      Settings
	cs     [4]ChannelSettings
	seen   [4]bool
	last   [4]time.Time
	rows   int          // rows added
	queue  []plannedRow // needs in the order added, from the first not yet taken
	stream [4]*spreadStream
	closed bool
	memo   *requiredMemo // rows with equal queues are staffed once
}

type plannedRow struct {
	need  Need
	ready bool
}

// NewPlanner returns a Planner for settings s.
func NewPlanner(s Settings) (*Planner, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	p := &Planner{s: s, memo: new(requiredMemo)}
	for _, ch := range Channels {
		p.cs[ch] = s.Channel(ch)
	}
	return p, nil
}

// Add staffs row r. An error is a *RowError whose Row counts the rows
// added, from 0, or a settings error for r's channel.
func (p *Planner) Add(r Row) error {
	if p.closed {
		return errors.New("staffing: Planner.Add after Close")
	}
	i := p.rows
	p.rows++
	if r.Channel < Phone || r.Channel > Callback {
		return &RowError{Row: i, Err: fmt.Errorf("staffing: unknown channel %v", r.Channel)}
	}
	c := p.cs[r.Channel]
	if !p.seen[r.Channel] {
		if err := c.validate(r.Channel, p.s.Interval); err != nil {
			return err
		}
	}
	// The need is staffed where the queue keeps it: a Need is 160 bytes.
	p.queue = append(p.queue, plannedRow{})
	pr := &p.queue[len(p.queue)-1]
	if err := p.s.rowNeed(&pr.need, r, &p.cs, p.memo); err != nil {
		p.queue = p.queue[:len(p.queue)-1]
		return &RowError{Row: i, Err: err}
	}
	if !isSpread(r.Channel, c) {
		p.seen[r.Channel] = true
		pr.ready = true
		return nil
	}
	if p.seen[r.Channel] && !r.Start.After(p.last[r.Channel]) {
		p.queue = p.queue[:len(p.queue)-1]
		return &RowError{Row: i, Err: fmt.Errorf("staffing: %v rows must be in time order without repeats", r.Channel)}
	}
	p.seen[r.Channel], p.last[r.Channel] = true, r.Start
	st := p.stream[r.Channel]
	if st == nil {
		st = newSpreadStream(c, p.s)
		p.stream[r.Channel] = st
	}
	return st.add(p, len(p.queue)-1, r, &pr.need)
}

// Ready appends the needs that are final, in the order their rows were
// added, to dst, and forgets them.
func (p *Planner) Ready(dst []Need) []Need {
	k := 0
	for k < len(p.queue) && p.queue[k].ready {
		dst = append(dst, p.queue[k].need)
		k++
	}
	if k > 0 {
		rest := copy(p.queue, p.queue[k:])
		p.queue = p.queue[:rest]
		for _, st := range p.stream {
			if st != nil {
				st.shift(k)
			}
		}
	}
	return dst
}

// Close finishes every need: quotes that reach past the last row are NaN,
// as Plan gives them.
func (p *Planner) Close() error {
	p.closed = true
	for _, st := range p.stream {
		if st != nil {
			if err := st.flush(p); err != nil {
				return err
			}
		}
	}
	return nil
}

// spreadStream is the backlog model of one channel run forward: Deferred
// one interval at a time, with the same arithmetic in the same order, so
// that its results equal Deferred's to the last bit.
type spreadStream struct {
	c      ChannelSettings
	s      Settings
	queued bool
	w1, w2 int
	x      [2]float64 // open-time quantiles of the quotes, p50 and p90, in intervals
	reach  int        // the open intervals ahead a quote may need
	k      int        // the channel's rows seen
	defl   spreader   // with deflection
	all    spreader   // without
	// openAt lists the channel row index of each open interval from
	// openBase on; waiting are the rows whose quotes need later ones.
	openAt   []int
	openBase int
	waiting  []waitingRow
}

type waitingRow struct {
	at   int // position in Planner.queue
	k    int // the channel's row index
	from int // the first open interval its items go to
	d, a DeferredNeed
	row  Row
}

// spreader carries one run of the backlog model: the items and work
// spread into the open intervals ahead, the items that arrived while
// closed and wait for the next opening, and the backlog.
type spreader struct {
	done, work []float64 // for open intervals base, base+1, ...
	base       int
	open       int // open intervals seen
	pending    []arrival
	backlog    float64
}

type arrival struct{ v, aht float64 }

func newSpreadStream(c ChannelSettings, s Settings) *spreadStream {
	p := c.Promise
	all := cmp.Or(p.AllWithin, p.Within)
	st := &spreadStream{c: c, s: s, queued: Queued(p, s.Interval)}
	st.w1, st.w2 = windows(p.Within, all, s.Interval)
	for j, q := range []float64{0.5, 0.9} {
		st.x[j] = spreadQuantile(q, p.Share, st.w1, st.w2)
		st.reach = max(st.reach, max(0, int(math.Ceil(st.x[j]))-1))
	}
	return st
}

// spread adds items arriving with handling time aht (seconds) to the
// open intervals from .. from+width−1, as Deferred's spread does.
func (sp *spreader) spread(items, aht float64, from, width int) {
	per := items / float64(width)
	for q := from; q < from+width; q++ {
		for q-sp.base >= len(sp.done) {
			sp.done = append(sp.done, 0)
			sp.work = append(sp.work, 0)
		}
		sp.done[q-sp.base] += per
		sp.work[q-sp.base] += per * aht
	}
}

// add runs one interval: v items arrive with handling time aht; open says
// whether the interval is open. It returns the interval's DeferredNeed
// without quotes.
func (sp *spreader) add(v, aht float64, open bool, p Promise, w1, w2 int, step time.Duration) DeferredNeed {
	arrive := func(a arrival, from int) {
		if a.v == 0 {
			return
		}
		sp.spread(a.v*p.Share, a.aht, from, w1)
		if p.Share < 1 {
			sp.spread(a.v*(1-p.Share), a.aht, from, w2)
		}
	}
	var done, work float64
	if open {
		P := sp.open
		sp.open++
		for _, a := range sp.pending {
			arrive(a, P)
		}
		sp.pending = sp.pending[:0]
		arrive(arrival{v, aht}, P)
		if len(sp.done) > 0 {
			done, work = sp.done[0], sp.work[0]
			sp.done, sp.work = sp.done[1:], sp.work[1:]
		}
		sp.base++
	} else {
		sp.pending = append(sp.pending, arrival{v, aht})
	}
	sp.backlog += v - done
	if math.Abs(sp.backlog) < 1e-9*(1+v) {
		sp.backlog = 0
	}
	frac := work / step.Seconds()
	return DeferredNeed{Fractional: frac, Agents: int(math.Ceil(frac - 1e-9)), Done: done, Backlog: sp.backlog}
}

func (st *spreadStream) add(p *Planner, at int, r Row, n *Need) error {
	k := st.k
	st.k++
	open := !n.Closed
	aht := cmp.Or(r.AHT, st.c.AHT).Seconds()
	from := st.defl.open // the next open interval: this one if open
	d := st.defl.add(spreadVolume(*n, st.queued, true), aht, open, st.c.Promise, st.w1, st.w2, st.s.Interval)
	a := st.all.add(spreadVolume(*n, st.queued, false), aht, open, st.c.Promise, st.w1, st.w2, st.s.Interval)
	if open {
		st.openAt = append(st.openAt, k)
	}
	st.waiting = append(st.waiting, waitingRow{at: at, k: k, from: from, d: d, a: a, row: r})
	return st.settle(p, false)
}

// settle finishes the waiting rows whose quotes are known (all of them
// when final), in order.
func (st *spreadStream) settle(p *Planner, final bool) error {
	done := 0
	for j := range st.waiting {
		w := &st.waiting[j]
		if !final && st.defl.open <= w.from+st.reach {
			break
		}
		for q, x := range st.x {
			jj := max(0, int(math.Ceil(x))-1)
			v := math.NaN()
			if pos := w.from + jj; pos < st.defl.open {
				v = (float64(st.openAt[pos-st.openBase]-w.k) + x - float64(jj)) * st.s.Interval.Seconds()
			}
			if q == 0 {
				w.d.QuoteP50 = v
			} else {
				w.d.QuoteP90 = v
			}
		}
		pr := &p.queue[w.at]
		if err := finishDeferred(&pr.need, w.d, &w.a, w.row, &st.c, &st.s, st.queued, p.memo); err != nil {
			return &RowError{Row: p.rows - (len(p.queue) - w.at), Err: err}
		}
		pr.ready = true
		done++
	}
	st.waiting = st.waiting[:copy(st.waiting, st.waiting[done:])]
	// Forget the open intervals no waiting row can reach.
	keep := st.defl.open
	if len(st.waiting) > 0 {
		keep = st.waiting[0].from
	}
	if drop := keep - st.openBase; drop > 0 {
		st.openAt = st.openAt[:copy(st.openAt, st.openAt[drop:])]
		st.openBase = keep
	}
	return nil
}

func (st *spreadStream) flush(p *Planner) error { return st.settle(p, true) }

// shift moves the waiting rows' queue positions after Ready took k.
func (st *spreadStream) shift(k int) {
	for j := range st.waiting {
		st.waiting[j].at -= k
	}
}
