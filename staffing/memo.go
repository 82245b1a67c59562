package staffing

import "math"

// requiredMemo remembers the requirements a plan computed, so that a row
// whose queue and target equal an earlier row's skips the search.
// Interval data are whole call counts that repeat (every night's few
// calls, every quiet hour's), and a requirement depends on nothing but
// the queue and the target: an equal key gives the requirement the
// search would give, to the last bit. Deferred work carries a backlog
// from row to row, which is not memoised: only Required is.
//
// A key has two slots, its hash's and the one beside it (2-way set
// associative): a later key of the same pair takes over the first when
// both are full. A forecast's fractional volumes rarely repeat, so a miss
// must cost next to nothing: one hash and two volumes compared.
type requiredMemo struct {
	// vols holds each slot's volume bits, which differ between most keys
	// that meet in a slot: a miss reads 4 KiB that stay in the cache
	// instead of the slot.
	vols  [memoSlots]uint64
	slots [memoSlots]memoSlot
	// hits and misses count lookups, for the tests and for measuring
	// how often real data repeats; calls counts every requirement asked.
	hits, misses, calls int
}

// memoSlots is a power of two: 512 slots hold the distinct volumes of a
// phone queue of up to a few hundred contacts an interval (a year of an
// Israeli bank's hourly calls, 1999, has 234 distinct counts and finds
// 93% of its rows in the memo), in 90 KiB.
const memoSlots = 512

type memoSlot struct {
	used bool
	q    Queue // the key: compared by the volume's bits (−0 is not 0)
	t    Target
	req  Requirement
}

// required is Required for a target already validated (a plan checks
// its targets once, not once a row), from the memo when the key was
// staffed before. Errors are not remembered. A nil memo searches.
func (m *requiredMemo) required(q Queue, t *Target) (Requirement, error) {
	if m == nil {
		return checkedRequired(q, t)
	}
	m.calls++
	if m.misses > 1024 && m.hits < m.misses/16 && m.calls%64 != 0 {
		// Rows that do not repeat (a forecast's): only one in 64 is
		// looked up and stored, enough to notice repeats, so that the
		// others skip the hash and the 180-byte store.
		return checkedRequired(q, t)
	}
	i := memoIndex(q)
	vb := math.Float64bits(q.Volume)
	for _, j := range [2]uint64{i, i ^ 1} {
		if s := &m.slots[j]; m.vols[j] == vb && s.used && sameQueue(&s.q, &q) && sameTarget(&s.t, t) {
			m.hits++
			return s.req, nil
		}
	}
	m.misses++
	if err := q.check(); err != nil {
		return Requirement{}, err
	}
	req, err := required(q, t)
	if err == nil {
		if m.slots[i].used && !m.slots[i^1].used {
			i ^= 1
		}
		m.vols[i] = vb
		m.slots[i] = memoSlot{used: true, q: q, t: *t, req: req}
	}
	return req, err
}

// checkedRequired is Required for a validated target: it checks the
// queue alone.
func checkedRequired(q Queue, t *Target) (Requirement, error) {
	if err := q.check(); err != nil {
		return Requirement{}, err
	}
	return required(q, t)
}

// memoIndex hashes every field of q (the target rarely varies within a
// plan; a slot's key holds it all the same) with the finaliser of
// SplitMix64: whole numbers differ only in the high bits of their
// floats, which a single multiplication spreads badly (121 whole volumes
// met in 94 of 512 slots).
func memoIndex(q Queue) uint64 {
	h := math.Float64bits(q.Volume) ^ uint64(q.AHT)*0x9e3779b97f4a7c15 ^ uint64(q.Interval)*0xc2b2ae3d27d4eb4f ^ uint64(q.Patience)*0x165667b19e3779f9
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	h ^= h >> 31
	return h >> (64 - memoBits)
}

const memoBits = 9 // log2(memoSlots)

func sameQueue(a, b *Queue) bool {
	return math.Float64bits(a.Volume) == math.Float64bits(b.Volume) && a.AHT == b.AHT && a.Interval == b.Interval && a.Patience == b.Patience
}

// sameTarget compares every field of two targets, floats by their bits.
func sameTarget(a, b *Target) bool {
	return math.Float64bits(a.ServiceLevel) == math.Float64bits(b.ServiceLevel) && a.AnswerWithin == b.AnswerWithin &&
		a.MaxASA == b.MaxASA && math.Float64bits(a.MaxOccupancy) == math.Float64bits(b.MaxOccupancy) &&
		math.Float64bits(a.MaxAbandon) == math.Float64bits(b.MaxAbandon) && a.MaxAgents == b.MaxAgents && a.SLBase == b.SLBase
}
