package data

// The fast paths of reading and writing (whole numbers, times of the
// same day) against what the standard library gives: the output bytes
// and the values read must not change.

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"
)

// appendNumber's whole-number fast path must write what the shortest
// exact form does, which is what the golden files hold.
func TestAppendNumberIsShortestForm(t *testing.T) {
	vals := []float64{0, math.Copysign(0, -1), 1, -1, 60, 120, 1 << 52, 1<<53 - 1, 1 << 53, -(1<<53 - 1), 1e15, 1e16, 1e21, 1e300,
		0.5, -0.5, 0.1, 1e-7, 123.456, math.MaxFloat64, math.SmallestNonzeroFloat64, math.Nextafter(1<<53, 0), math.Nextafter(1, 2)}
	r := rand.New(rand.NewPCG(1, 2))
	for range 100000 {
		vals = append(vals, float64(r.Int64N(1<<54)-1<<53), r.NormFloat64()*1e6, math.Round(r.NormFloat64()*1e4), math.Float64frombits(r.Uint64()))
	}
	for _, v := range vals {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		want := strconv.FormatFloat(v, 'f', -1, 64)
		if got := string(appendNumber(nil, v)); got != want {
			t.Fatalf("appendNumber(%v) = %q, want %q", v, got, want)
		}
	}
}

// parseDecimal must read what strconv.ParseFloat reads, to the bit, or
// leave the string to it.
func TestParseDecimalAsParseFloat(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	ss := []string{"0", "00", "0.0", ".5", "5.", ".", "", "1.2.3", "-1", "+1", "1e3", "123456789012345", "1234567890123456", "0.000000000000001", "999999999999999.", "9007199254740993", "12,5", " 1", "inf", "NaN"}
	for range 200000 {
		digits := strconv.FormatUint(r.Uint64()>>uint(r.IntN(64)), 10)
		if p := r.IntN(len(digits) + 2); p <= len(digits) {
			digits = digits[:p] + "." + digits[p:]
		}
		ss = append(ss, digits, strconv.FormatFloat(r.Float64()*1000, 'f', r.IntN(8), 64))
	}
	for _, s := range ss {
		want, err := strconv.ParseFloat(s, 64)
		got, ok := parseDecimal(s)
		if ok && (err != nil || math.Float64bits(got) != math.Float64bits(want)) {
			t.Fatalf("parseDecimal(%q) = %v (%x), ParseFloat %v (%x), %v", s, got, math.Float64bits(got), want, math.Float64bits(want), err)
		}
		if v, ok := parseNumber(s, false); ok != (err == nil) || ok && math.Float64bits(v) != math.Float64bits(want) {
			t.Fatalf("parseNumber(%q) = %v, %v; ParseFloat %v, %v", s, v, ok, want, err)
		}
	}
}

// rfc3339 must write what time.RFC3339 does: across DST changes, day
// ends, fixed and named zones, fractions of a second, and in any order.
func TestRFC3339AsTimeFormat(t *testing.T) {
	sthlm, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Skip(err)
	}
	ny, _ := time.LoadLocation("America/New_York")
	zones := []*time.Location{time.UTC, sthlm, ny, time.FixedZone("", 3600), time.FixedZone("", -9*3600-1800), time.FixedZone("x", 0)}
	var times []time.Time
	for _, z := range zones {
		for _, start := range []time.Time{time.Date(2025, 3, 29, 20, 0, 0, 0, time.UTC), time.Date(2025, 10, 25, 20, 0, 0, 0, time.UTC), time.Date(1969, 12, 31, 22, 0, 0, 0, time.UTC)} {
			for k := range 200 {
				times = append(times, start.Add(time.Duration(k)*15*time.Minute).In(z))
			}
		}
	}
	r := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		sec := r.Int64N(400*365*86400) - 200*365*86400
		times = append(times, time.Unix(sec, r.Int64N(2)*r.Int64N(1e9)).In(zones[r.IntN(len(zones))]))
	}
	times = append(times, time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC))
	var c rfc3339
	for _, tm := range times {
		want := tm.Format(time.RFC3339)
		if got := string(c.append(nil, tm)); got != want {
			t.Fatalf("%v: got %q, want %q", tm, got, want)
		}
	}
}

// dayParser reads what timeParser reads, instant and zone: on runs of
// one day, across offsets and days, with --tz or keeping the offset,
// and on clocks time.Parse refuses.
func TestDayParserAsTimeParser(t *testing.T) {
	sthlm, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Skip(err)
	}
	var in []string
	t0 := time.Date(2025, 3, 29, 0, 0, 0, 0, time.UTC)
	for k := range 300 {
		tm := t0.Add(time.Duration(k) * 17 * time.Minute)
		in = append(in, tm.Format(time.RFC3339), tm.In(sthlm).Format(time.RFC3339), tm.In(sthlm).Format("2006-01-02T15:04:05-07"), tm.In(sthlm).Format("2006-01-02T15:04:05-0700"))
	}
	// Each after a time of its day, so that the day is the one held.
	for _, s := range []string{"2025-03-30T24:00:00Z", "2025-03-30T23:60:00Z", "2025-03-30T23:59:60Z", "2025-03-30T2x:00:00Z", "2025-03-30T23:59:59.5Z",
		"2025-03-30T23:59:59Z ", "2025-03-30 23:00:00Z", "2025-03-30T23:00:00", "2025-03-30T23:00:00+01:00", "2025-03-30T-1:00:00Z"} {
		in = append(in, "2025-03-30T22:00:00Z", s)
	}
	in = append(in, "2025-02-28T01:00:00Z", "2025-02-30T01:00:00Z")
	r := rand.New(rand.NewPCG(7, 8))
	for range 5000 {
		a, b := in[r.IntN(len(in))], in[r.IntN(len(in))]
		in = append(in, a[:11]+b[11:])
	}
	for _, opt := range []ReadOptions{{}, {Location: sthlm}} {
		p, q := opt.parser(), opt.parser()
		d := &dayParser{p: &q}
		for _, s := range in {
			want, werr := p.parse(s)
			got, gerr := d.parse(s)
			if (werr == nil) != (gerr == nil) || !got.Equal(want) || got.Location() != want.Location() || got.String() != want.String() {
				t.Fatalf("%q: got %v (%v), want %v (%v)", s, got, gerr, want, werr)
			}
		}
	}
}

// csvCells' tail cache must write the lines cell does, cell by cell: for
// rows whose numbers repeat together (hits), rows that share a slot
// (collisions: 512 slots for 2,000 distinct rows), numbers that differ
// in one column only or in the sign of zero, NaN and infinities, tails
// too long to keep, the same cells used for tables of another shape
// (a tail after a first column or from the first column), and a table
// whose rows never repeat (the cache then looks up one row in 64).
func TestTailCacheAsCells(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	special := []float64{0, math.Copysign(0, -1), math.NaN(), math.Inf(1), math.Inf(-1), 1e-300, math.Float64frombits(r.Uint64()), 123456789.123456}
	row := func() []float64 {
		v := make([]float64, 7)
		for j := range v {
			switch r.IntN(4) {
			case 0:
				v[j] = special[r.IntN(len(special))]
			case 1:
				v[j] = float64(r.IntN(100))
			default:
				v[j] = r.NormFloat64() * 100
			}
		}
		return v
	}
	var distinct [][]float64
	for range 2000 {
		v := row()
		distinct = append(distinct, v)
		w := append([]float64(nil), v...) // one column apart
		w[r.IntN(len(w))] = math.Copysign(0, -1)
		distinct = append(distinct, w)
	}
	long := make([]float64, 7) // 7 × 24 bytes: more than a slot holds
	for j := range long {
		long[j] = math.Float64frombits(0x3fb999999999999a + uint64(j))
	}
	distinct = append(distinct, long)
	table := func(n int, first string, pick func(i int) []float64) *Table {
		tb := &Table{}
		if first == "time" {
			c := Column{Name: "start"}
			for i := range n {
				c.Time = append(c.Time, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i)*time.Minute))
			}
			tb.Columns = append(tb.Columns, c)
		}
		for j := range 7 {
			tb.Columns = append(tb.Columns, Column{Name: strconv.Itoa(j)})
		}
		for i := range n {
			v := pick(i)
			for j := range 7 {
				c := &tb.Columns[len(tb.Columns)-7+j]
				c.Float = append(c.Float, v[j])
			}
		}
		return tb
	}
	var cc csvCells
	for k, tb := range []*Table{
		table(20000, "time", func(int) []float64 { return distinct[r.IntN(50)] }),
		table(20000, "", func(int) []float64 { return distinct[r.IntN(50)] }),
		table(100000, "time", func(int) []float64 { return distinct[r.IntN(len(distinct))] }),
		table(5000, "time", func(int) []float64 { return row() }),
	} {
		for i := range tb.Len() {
			var want []byte
			for j := range tb.Columns {
				if j > 0 {
					want = append(want, ',')
				}
				want = append(want, cell(&tb.Columns[j], i)...)
			}
			want = append(want, '\n')
			if got := cc.appendRow([]byte("x\n"), tb, i); string(got[2:]) != string(want) {
				t.Fatalf("table %d, row %d: %q, want %q", k, i, got[2:], want)
			}
		}
	}
	if cc.tail.hits < 25000 { // of 40,000 rows in the first two tables; some rows are too long to keep
		t.Errorf("%d hits: the tail cache was not tested", cc.tail.hits)
	}
}
