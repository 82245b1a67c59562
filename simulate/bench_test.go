package simulate

import (
	"context"
	"testing"
	"time"
)

// weekQueue is a week of 15-minute intervals, open round the clock, with a
// daily load curve peaking at 180 Erlangs, staffed with up to 200 agents.
func weekQueue(days int) Queue {
	q := Queue{AHT: 4 * time.Minute, Patience: 3 * time.Minute}
	t0 := time.Date(2025, 11, 17, 0, 0, 0, 0, time.UTC)
	for i := range days * 96 {
		h := float64(i%96) / 4
		load := 10.0
		if h >= 7 && h < 21 {
			load = 180 - 10*(h-14)*(h-14)/4.9 // 80 at 07:00 and 21:00, 180 at 14:00
		}
		q.Intervals = append(q.Intervals, Interval{Start: t0.Add(time.Duration(i) * 15 * time.Minute), Volume: load * 15 / 4, Agents: min(200, int(load*1.08)+3)})
	}
	return q
}

func benchmarkRun(b *testing.B, days, reps int) {
	q := weekQueue(days)
	s := Settings{Interval: 15 * time.Minute, ServiceLevel: 0.8, AnswerWithin: 20 * time.Second, Replications: reps, Seed: 1}
	var events int64
	for b.Loop() {
		res, err := Run(context.Background(), q, s)
		if err != nil {
			b.Fatal(err)
		}
		events += res.Events
	}
	b.ReportMetric(float64(events)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkDay is a day of 96 intervals, 100 replications.
func BenchmarkDay(b *testing.B) { benchmarkRun(b, 1, 100) }

// BenchmarkWeek is a week of 672 intervals, up to 200 agents, 100 replications.
func BenchmarkWeek(b *testing.B) { benchmarkRun(b, 7, 100) }

// BenchmarkTimeVaryingWeek corrects the SIPP staffing of weekQueue (a
// week of 672 intervals), 100 replications for the checks.
func BenchmarkTimeVaryingWeek(b *testing.B) {
	q := weekQueue(7)
	s := Settings{Interval: 15 * time.Minute, ServiceLevel: 0.8, AnswerWithin: 20 * time.Second, Replications: 100, Seed: 1}
	var events int64
	for b.Loop() {
		res, err := TimeVarying(context.Background(), q, s)
		if err != nil && res == nil {
			b.Fatal(err)
		}
		events += res.Check.Events + res.SIPPCheck.Events
		b.ReportMetric(float64(res.Iterations), "iterations")
	}
	b.ReportMetric(float64(events)/b.Elapsed().Seconds(), "check-events/s")
}
