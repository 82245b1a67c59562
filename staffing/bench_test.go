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

// yearFourChannels returns a year of hourly rows, 8,760 intervals × four
// channels, with a daily cycle: phone up to 120 calls, chat 60, email 50,
// callbacks 12.
func yearFourChannels() []Row {
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	rows := make([]Row, 0, 4*8760)
	for i := range 8760 {
		shape := math.Max(0.05, math.Sin(math.Pi*float64(i%24)/24))
		at := start.Add(time.Duration(i) * time.Hour)
		rows = append(rows,
			Row{Start: at, Volume: 120 * shape, Channel: Phone},
			Row{Start: at, Volume: 60 * shape, Channel: Chat},
			Row{Start: at, Volume: 50 * shape, Channel: Email},
			Row{Start: at, Volume: 12 * shape, Channel: Callback})
	}
	return rows
}

// fourChannelSettings are the settings of the four-channel benchmarks.
func fourChannelSettings() Settings {
	return Settings{
		Interval: time.Hour, AHT: 4 * time.Minute,
		Target:  Target{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second},
		Promise: Promise{Share: 0.9, Within: 4 * time.Hour},
		Channels: map[Channel]ChannelSettings{
			Chat:  {AHT: 6 * time.Minute, Chat: Concurrency{Chats: 2, Slowdown: 0.2}, Deflect: 0.25},
			Email: {Promise: Promise{Share: 0.9, Within: 10 * time.Minute}, Deflect: 0.1},
		},
	}
}

// BenchmarkPlanYearFourChannels staffs a year of hourly intervals of the
// four channels, each by its own model: phone Erlang C, chat with two
// chats per agent, email queued under a 10-minute promise, callbacks by
// the backlog model under 4 hours, chat and email with deflection.
func BenchmarkPlanYearFourChannels(b *testing.B) {
	rows := yearFourChannels()
	s := fourChannelSettings()
	for b.Loop() {
		if _, err := Plan(rows, s); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()*1e3/float64(b.N), "ms/year")
	b.ReportMetric(float64(len(rows))*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkPlannerYearFourChannels is BenchmarkPlanYearFourChannels one
// row at a time through a Planner, as staff streams.
func BenchmarkPlannerYearFourChannels(b *testing.B) {
	rows := yearFourChannels()
	s := fourChannelSettings()
	var needs []Need
	for b.Loop() {
		p, err := NewPlanner(s)
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range rows {
			if err := p.Add(r); err != nil {
				b.Fatal(err)
			}
			needs = p.Ready(needs[:0])
		}
		if err := p.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(rows))*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}
