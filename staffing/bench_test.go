package staffing

import (
	"math"
	"testing"
	"time"
)

// yearOfLoads returns 35,040 quarter-hour volumes whose offered loads run
// from 0 to 300 Erlangs with a daily and a weekly cycle.
func yearOfLoads() []Queue {
	qs := make([]Queue, 365*96)
	for i := range qs {
		day := float64(i%96) / 96
		week := float64((i/96)%7) / 7
		shape := math.Max(0, math.Sin(math.Pi*day)) * (0.75 + 0.25*math.Cos(2*math.Pi*week))
		load := 300 * shape // Erlangs
		qs[i] = Queue{Volume: load * 15 / 4, Interval: 15 * time.Minute, AHT: 4 * time.Minute}
	}
	return qs
}

func BenchmarkRequiredYear(b *testing.B) {
	qs := yearOfLoads()
	t := Target{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second}
	for b.Loop() {
		for _, q := range qs {
			if _, err := Required(q, t); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(qs))*float64(b.N)/b.Elapsed().Seconds(), "intervals/s")
}

func BenchmarkRequiredYearErlangA(b *testing.B) {
	qs := yearOfLoads()
	for i := range qs {
		qs[i].Patience = 2 * time.Minute
	}
	t := Target{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second}
	for b.Loop() {
		for _, q := range qs {
			if _, err := Required(q, t); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(qs))*float64(b.N)/b.Elapsed().Seconds(), "intervals/s")
}

func BenchmarkRequired10000Erlangs(b *testing.B) {
	for _, pat := range []time.Duration{0, 2 * time.Minute} {
		name := "ErlangC"
		if pat > 0 {
			name = "ErlangA"
		}
		b.Run(name, func(b *testing.B) {
			q := Queue{Volume: 10000 * 30 / 3, Interval: 30 * time.Minute, AHT: 3 * time.Minute, Patience: pat}
			t := Target{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second}
			for b.Loop() {
				if _, err := Required(q, t); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(b.Elapsed().Seconds()*1e6/float64(b.N), "µs/interval")
		})
	}
}
