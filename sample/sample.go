// Package sample is the made-up Nordic web shop every command and notebook
// runs on when given no data: Shop returns the embedded three years of
// hourly orders and contacts (ShopEvery at 15 or 30 minutes), Generate
// makes them from a seed (GenerateTruth with the calls the closed hours
// hid), WriteOrders writes the order log behind them and Volumes a week as
// staff input. Package data reads and writes; this package only invents.
package sample

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/rickar/cal/v2/se"
	"github.com/staffcast/staffcast/data"
)

//go:generate go test -run TestEmbeddedSampleIsCurrent -update

// Seed is the seed the embedded sample was generated with.
const Seed = 2026

//go:embed nordic_shop.csv.gz
var sampleGz []byte

// Shop returns the embedded sample: three years (2023–2025) of hourly
// orders, calls, chats and emails of a made-up Nordic web shop in
// Europe/Stockholm, with the attempts logged while the line was closed
// (calls_closed), as Generate(Seed) makes it. Calls outside
// the historical phone hours (Monday–Friday 08–17) are missing (NaN).
func Shop() (*data.Series, error) {
	zr, err := gzip.NewReader(bytes.NewReader(sampleGz))
	if err != nil {
		return nil, fmt.Errorf("sample: embedded sample: %w", err)
	}
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		return nil, fmt.Errorf("sample: embedded sample needs the Europe/Stockholm time zone: %w", err)
	}
	return data.ReadSeries(zr, "sample/nordic_shop.csv", data.CSV, data.SeriesOptions{ReadOptions: data.ReadOptions{Location: loc}})
}

// ShopCSV returns the embedded sample as CSV text.
func ShopCSV() ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(sampleGz))
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	_, err = buf.ReadFrom(zr)
	return buf.Bytes(), err
}

// Generate makes the sample web shop's history, reproducibly from
// seed. It is synthetic but shaped like Nordic e-commerce:
//
//   - orders follow an hourly profile with a small lunch bump and an
//     evening peak at 20–22, busier on Sundays and Mondays, growing 15% a
//     year, low in summer and high in November and December;
//   - Black Friday (the Friday after the fourth Thursday of November)
//     triples the day, the week before it is 30% up, Cyber Monday doubles;
//   - the Christmas rush builds from 1 December to the last shipping day
//     (19 December) and pushes the evening harder, so the busiest hour of
//     the rush is 21–22; Christmas Eve and Day are quiet, the
//     mellandagsrea sale (27–31 December) is 50% up;
//   - Swedish public holidays (rickar/cal/v2/se) take 30% off, the salary
//     day (the 25th) adds 15%;
//   - contacts follow orders: calls, chats and emails each day are a share
//     of the orders of the previous three days (50%, 30%, 20% weights:
//     "where is my parcel?"), spread over business-heavy hourly profiles,
//     plus a small same-day share;
//   - the phone line was open Monday–Friday 08–17 only, so calls outside
//     those hours are NaN (not recorded), not zero;
//   - calls_closed is what the phone system logged in the closed hours:
//     attempts that reached the closed message. Each caller who rang then
//     tries again with probability RepeatAttempts−1 on average (one
//     attempt plus a Poisson number of repeats), so the column counts
//     about RepeatAttempts attempts per caller; it is 0 while open.
//
// Counts are Poisson draws around these means (a normal approximation
// above a mean of 30).
func Generate(seed uint64) *data.Series {
	s, _ := GenerateTruth(seed)
	return s
}

// RepeatAttempts is the mean number of attempts per caller in the
// sample's calls_closed column (a caller who hears the closed message
// often tries again).
const RepeatAttempts = 1.3

// GenerateTruth is Generate with the calls the masking hid:
// trueCalls holds, for every row, the calls that arrived whether the
// line was open or not. It exists to check estimates of closed-hour
// calls against what the generator knows.
func GenerateTruth(seed uint64) (s *data.Series, trueCalls []float64) {
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		panic("data: Generate needs the Europe/Stockholm time zone: " + err.Error())
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x5eed))
	// A second stream for the attempts keeps every other column as it was.
	rngAttempts := rand.New(rand.NewPCG(seed, seed^0xca11))
	first := time.Date(2023, 1, 1, 0, 0, 0, 0, loc)
	end := time.Date(2026, 1, 1, 0, 0, 0, 0, loc)

	holiday := map[string]bool{}
	for y := 2022; y <= 2026; y++ {
		for _, h := range se.Holidays {
			if d, _ := h.Calc(y); !d.IsZero() {
				holiday[d.Format("2006-01-02")] = true
			}
		}
	}
	// Daily order means first, so contacts can follow them with a lag.
	var days []time.Time
	for d := first.AddDate(0, 0, -3); d.Before(end); d = d.AddDate(0, 0, 1) {
		days = append(days, d)
	}
	dayOrders := make([]float64, len(days))
	for i, d := range days {
		dayOrders[i] = 2400 * dayFactor(d, holiday, first)
	}

	s = &data.Series{Step: time.Hour}
	var orders, calls, chats, emails, closed []float64
	di := 3 // days[3] is first
	for t := first; t.Before(end); t = t.Add(time.Hour) {
		for di+1 < len(days) && !t.Before(days[di+1]) {
			di++
		}
		d := days[di]
		h := t.Hour()
		o := dayOrders[di] * orderProfile(d, h)
		driver := 0.5*dayOrders[di-1] + 0.3*dayOrders[di-2] + 0.2*dayOrders[di-3] + 0.15*dayOrders[di]
		c := 0.09 * driver * contactProfile(h, 9, 17)
		ch := 0.06 * driver * contactProfile(h, 10, 22)
		em := 0.05 * driver * emailProfile(h)
		s.Start = append(s.Start, t)
		orders = append(orders, poisson(rng, o))
		calls = append(calls, poisson(rng, c))
		chats = append(chats, poisson(rng, ch))
		emails = append(emails, poisson(rng, em))
		trueCalls = append(trueCalls, calls[len(calls)-1])
		attempts := 0.0
		if wd := t.Weekday(); wd == time.Saturday || wd == time.Sunday || h < 8 || h >= 17 || holiday[d.Format("2006-01-02")] {
			n := calls[len(calls)-1]
			attempts = n + poisson(rngAttempts, (RepeatAttempts-1)*n)
			calls[len(calls)-1] = math.NaN() // the phone line was closed
		}
		closed = append(closed, attempts)
	}
	s.Columns = []data.Column{{Name: "orders", Float: orders}, {Name: "calls", Float: calls}, {Name: "chats", Float: chats}, {Name: "emails", Float: emails},
		{Name: "calls_closed", Float: closed}}
	return s, trueCalls
}

// dayFactor is the relative order volume of local day d.
func dayFactor(d time.Time, holiday map[string]bool, origin time.Time) float64 {
	f := math.Pow(1.15, d.Sub(origin).Hours()/(24*365))
	f *= [...]float64{1.15, 1.1, 1.0, 0.97, 0.95, 0.85, 0.9}[d.Weekday()]
	f *= [...]float64{0.95, 0.85, 0.9, 0.9, 0.9, 0.85, 0.75, 0.85, 0.95, 1.0, 1.15, 1.35}[d.Month()-1]
	y, m, day := d.Date()
	bf := blackFriday(y, d.Location())
	switch {
	case sameDay(d, bf):
		f *= 3
	case d.After(bf.AddDate(0, 0, -8)) && d.Before(bf):
		f *= 1.3
	case sameDay(d, bf.AddDate(0, 0, 3)):
		f *= 2
	}
	if m == time.December {
		switch {
		case day <= 19:
			f *= 1 + 0.06*float64(day) // the rush builds to the last shipping day
		case day <= 23:
			f *= 0.9
		case day <= 26:
			f *= 0.35
		default:
			f *= 1.5 // mellandagsrea
		}
	}
	if holiday[d.Format("2006-01-02")] {
		f *= 0.7
	}
	if day == 25 && m != time.December {
		f *= 1.15
	}
	return f
}

// orderProfile is the share of day d's orders in hour h; in the Christmas
// rush the evening weighs more, so 21–22 becomes the busiest hour.
func orderProfile(d time.Time, h int) float64 {
	base := [24]float64{0.6, 0.3, 0.15, 0.1, 0.1, 0.2, 0.6, 1.6, 2.8, 3.6, 4.0, 4.3, 4.8, 4.5, 4.2, 4.2, 4.4, 4.8, 5.4, 6.2, 7.0, 7.4, 6.2, 2.6}
	w := base[h]
	if _, m, day := d.Date(); m == time.December && day <= 19 && h >= 20 && h <= 22 {
		w *= 1.35
	}
	if d.Weekday() == time.Sunday && h >= 19 {
		w *= 1.15
	}
	sum := 0.0
	for _, v := range base {
		sum += v
	}
	return w / sum
}

// contactProfile spreads a day's contacts over the hours, peaking between
// from and to (the hours customers choose when the channel is open).
func contactProfile(h, from, to int) float64 {
	sum := 0.0
	for k := 0; k < 24; k++ {
		sum += contactWeight(k, from, to)
	}
	return contactWeight(h, from, to) / sum
}

func contactWeight(h, from, to int) float64 {
	w := 0.15
	if h >= 7 && h < 23 {
		w = 1
	}
	if h >= from && h < to {
		w = 3
	}
	if h == 9 || h == 10 || h == 13 {
		w *= 1.2
	}
	return w
}

func emailProfile(h int) float64 {
	w := [24]float64{1, 0.6, 0.4, 0.3, 0.3, 0.5, 1.2, 2.4, 3.2, 3.4, 3.4, 3.2, 3, 3.1, 3.1, 3, 2.8, 2.6, 2.4, 2.4, 2.5, 2.4, 2, 1.4}
	sum := 0.0
	for _, v := range w {
		sum += v
	}
	return w[h] / sum
}

// blackFriday returns the day after the fourth Thursday of November.
func blackFriday(year int, loc *time.Location) time.Time {
	d := time.Date(year, time.November, 1, 0, 0, 0, 0, loc)
	for d.Weekday() != time.Thursday {
		d = d.AddDate(0, 0, 1)
	}
	return d.AddDate(0, 0, 22)
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// poisson draws a Poisson count with mean mu: Knuth's product method up
// to 30, a rounded normal above (error far below the noise it models).
func poisson(rng *rand.Rand, mu float64) float64 {
	if mu <= 0 {
		return 0
	}
	if mu > 30 {
		return math.Max(0, math.Round(mu+math.Sqrt(mu)*rng.NormFloat64()))
	}
	l, k, p := math.Exp(-mu), 0.0, 1.0
	for {
		p *= rng.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

// WriteOrders writes an order log (order_id, created_at with its UTC
// offset, amount in SEK) for the sample's orders in [from, to): each
// hour's orders at seeded random seconds within the hour. It makes
// "staffcast aggregate" runnable without input, and gives back the
// sample's order counts when aggregated per hour.
func WriteOrders(w io.Writer, s *data.Series, from, to time.Time, seed uint64) error {
	orders := s.Column("orders")
	if orders == nil {
		return fmt.Errorf("sample: WriteOrders: the series has no orders column")
	}
	rng := rand.New(rand.NewPCG(seed, 1))
	bw := bufio.NewWriter(w)
	bw.WriteString("order_id,created_at,amount\n")
	id := 1
	for i, st := range s.Start {
		if st.Before(from) || !st.Before(to) {
			continue
		}
		n := int(orders[i])
		secs := make([]int, n)
		for k := range secs {
			secs[k] = rng.IntN(int(s.Step / time.Second))
		}
		slices.Sort(secs)
		for _, sec := range secs {
			amount := 150 + rng.ExpFloat64()*450
			fmt.Fprintf(bw, "%d,%s,%.2f\n", id, st.Add(time.Duration(sec)*time.Second).Format(time.RFC3339), amount)
			id++
		}
	}
	return bw.Flush()
}
