package hours

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/staffcast/staffcast/staffing"
)

// shopWeek is a week shaped like the sample web shop: orders peaking at
// 21:00, calls in office hours, scaled by f.
func shopWeek(rng *rand.Rand, f float64) *Week {
	w := &Week{Step: time.Hour}
	for d := 0; d < 7; d++ {
		w.Orders[d], w.Calls[d], w.Chats[d] = make([]float64, 24), make([]float64, 24), make([]float64, 24)
		for h := 0; h < 24; h++ {
			evening := math.Exp(-math.Pow(float64(h)-21, 2) / 8)
			day := math.Exp(-math.Pow(float64(h)-13, 2) / 18)
			w.Orders[d][h] = f * (150*evening + 80*day) * (0.9 + 0.2*rng.Float64())
			w.Calls[d][h] = f * (30*day + 8*evening) * (0.9 + 0.2*rng.Float64())
			w.Chats[d][h] = f * (10*day + 6*evening)
		}
	}
	return w
}

func benchSettings() Settings {
	return Settings{AHT: 4 * time.Minute, Target: staffing.Target{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second},
		Budget: 230, Objective: CoverOrders, MinOpen: 6 * time.Hour, MaxOpen: 14 * time.Hour, ClosedOK: [7]bool{true}}
}

func BenchmarkRecommendWeek(b *testing.B) {
	w := shopWeek(rand.New(rand.NewPCG(1, 1)), 1)
	s := benchSettings()
	for b.Loop() {
		if _, err := Recommend(w, s); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRecommendWeekDisplaced(b *testing.B) {
	w := shopWeek(rand.New(rand.NewPCG(1, 1)), 1)
	s := benchSettings()
	s.Displaced = 0.5
	for b.Loop() {
		if _, err := Recommend(w, s); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRecommendYear recommends hours for each of 52 weeks, the
// Christmas weeks with a larger budget as a period of their own.
func BenchmarkRecommendYear(b *testing.B) {
	rng := rand.New(rand.NewPCG(2, 2))
	var weeks []*Week
	for i := 0; i < 52; i++ {
		f := 1 + 0.3*math.Sin(2*math.Pi*float64(i)/52)
		if i >= 48 {
			f = 2.2 // the Christmas rush
		}
		weeks = append(weeks, shopWeek(rng, f))
	}
	for b.Loop() {
		for i, w := range weeks {
			s := benchSettings()
			if i >= 48 {
				s.Budget = 400
			}
			if _, err := Recommend(w, s); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(52*float64(b.N)/b.Elapsed().Seconds(), "weeks/s")
}
