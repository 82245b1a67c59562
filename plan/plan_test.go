package plan

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/staffcast/staffcast/sample"
	"github.com/staffcast/staffcast/staffing"
	"github.com/staffcast/staffcast/staffing/hours"
)

// truthWeek is the generator's unmasked calls over the last 52 weeks of
// the sample, per weekday and hour (the mean over the weeks), for the
// days of period in.
func truthWeek(t *testing.T, in func(time.Time) bool) [7][]float64 {
	t.Helper()
	s, truth := sample.GenerateTruth(sample.Seed)
	d := hours.Demand{Start: s.Start, Step: s.Step, Orders: s.Column("orders"), Calls: truth}
	cc, err := hours.EstimateClosedCalls(d, 0) // nothing is missing: the truth itself
	if err != nil {
		t.Fatal(err)
	}
	last := lastWeeks(d, cc, 52)
	w, err := hours.Profile(last.d, last.cc, in, hours.Statistic{})
	if err != nil {
		t.Fatal(err)
	}
	return w.Calls
}

func sampleDemand(t *testing.T, attempts bool) (hours.Demand, *hours.ClosedCalls) {
	t.Helper()
	s, err := sample.Shop()
	if err != nil {
		t.Fatal(err)
	}
	d := hours.Demand{Start: s.Start, Step: s.Step, Orders: s.Column("orders"), Calls: s.Column("calls"), Chats: s.Column("chats")}
	if attempts {
		d.CallsClosed = s.Column("calls_closed")
	}
	cc, err := hours.EstimateClosedCalls(d, sample.RepeatAttempts)
	if err != nil {
		t.Fatal(err)
	}
	return d, cc
}

func TestClosedCallsAgainstTruth(t *testing.T) {
	t.Parallel()
	normal := DefaultPeriods()[0].In
	truth := truthWeek(t, normal)
	for _, attempts := range []bool{true, false} {
		d, cc := sampleDemand(t, attempts)
		last := lastWeeks(d, cc, 52)
		w, err := hours.Profile(last.d, last.cc, normal, hours.Statistic{})
		if err != nil {
			t.Fatal(err)
		}
		var est, tru, estAll, truAll, worst float64
		for wd := 0; wd < 7; wd++ {
			for h := 0; h < 24; h++ {
				if !w.CallsEstimated[wd][h] {
					continue
				}
				c, lo, hi, tr := w.Calls[wd][h], w.CallsLow[wd][h], w.CallsHigh[wd][h], truth[wd][h]
				estAll += c
				truAll += tr
				if h >= 17 {
					est += c
					tru += tr
					worst = math.Max(worst, math.Abs(c/tr-1))
				}
				if attempts && h >= 17 && math.Abs(c/tr-1) > 0.25 {
					// With attempts logged, the central estimate is within 25%
					// of the calls the generator hid, hour by hour in the evening.
					t.Errorf("attempts: %v %02d:00 central %.2f, truth %.2f", time.Weekday(wd), h, c, tr)
				}
				if !attempts && !(lo <= tr && tr <= hi) {
					// Without them, the band contains the truth.
					t.Errorf("ratio: %v %02d:00 band %.2f-%.2f, truth %.2f", time.Weekday(wd), h, lo, hi, tr)
				}
			}
		}
		t.Logf("attempts=%v (%s): evening calls estimated %.0f a week, truth %.0f (%+.1f%%; worst evening hour %.1f%% off); all never-open hours %+.1f%%",
			attempts, w.Source, est, tru, 100*(est/tru-1), 100*worst, 100*(estAll/truAll-1))
	}
}

func sampleOptions(t testing.TB) Options {
	s, err := sample.Shop()
	if err != nil {
		t.Fatal(err)
	}
	cur, _ := staffing.ParseOpeningHours("Mon-Fri 08:00-17:00")
	return Options{History: s, From: FromHistory, Current: cur, RepeatAttempts: sample.RepeatAttempts,
		Settings: hours.Settings{AHT: 4 * time.Minute, Target: staffing.Target{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second},
			MinOpen: 6 * time.Hour, MaxOpen: 14 * time.Hour, Earliest: 6 * time.Hour}}
}

func TestRunSample(t *testing.T) {
	t.Parallel()
	res, err := Run(context.Background(), sampleOptions(t))
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range res.Periods {
		truth := truthWeek(t, func(tt time.Time) bool { return p.Name == "normal" == DefaultPeriods()[0].In(tt) })
		share := func(h staffing.OpeningHours) float64 {
			var in, all float64
			for wd := 0; wd < 7; wd++ {
				for k, c := range truth[wd] {
					all += c
					if w := h.Days[wd]; w.IsOpen() && time.Duration(k)*time.Hour >= w.Open && time.Duration(k)*time.Hour < w.Close {
						in += c
					}
				}
			}
			return in / all
		}
		t.Logf("%s: recommended %v: orders %.3f, calls answered %.3f, %.0f agent-hours; true calls reachable %.3f (today %.3f); sensitive %v",
			p.Name, p.Plan.Hours(), p.Plan.OrdersCovered(), p.Plan.CallsAnswered(), p.Plan.AgentHours, share(p.Plan.Hours()), share(p.Current.Hours()), p.Sensitive)
		for _, f := range res.Frontier {
			t.Logf("  %s +%.0f%%: %v: orders %.3f; true calls reachable %.3f", p.Name, 100*f.Step, f.Plans[i].Hours(), f.Plans[i].OrdersCovered(), share(f.Plans[i].Hours()))
			// Against the calls the generator hid: no point of the frontier
			// reaches fewer callers than today's hours (within a point).
			if got, today := share(f.Plans[i].Hours()), share(p.Current.Hours()); got < today-0.01 {
				t.Errorf("%s +%.0f%%: reaches %.3f of the true calls, today's hours %.3f", p.Name, 100*f.Step, got, today)
			}
			// Every point is proven optimal, and a more regular choice than
			// the best plan gives up less than hours.NearTie for it.
			q := f.Plans[i]
			if !q.Optimal {
				t.Errorf("%s +%.0f%%: not proven optimal", p.Name, 100*f.Step)
			}
			if b := q.Best; b != nil && (q.ValueLoss() > hours.NearTie+1e-9 || b.Value < q.Value ||
				b.Windows < q.Windows || b.Windows == q.Windows && b.Weekdays < q.Weekdays) {
				t.Errorf("%s +%.0f%%: chose %d windows, %d weekday patterns, value %v over the best plan's %d, %d, %v",
					p.Name, 100*f.Step, q.Windows, q.Weekdays, q.Value, b.Windows, b.Weekdays, b.Value)
			}
		}
		if p.Plan.CallsLow < p.Floor-1e-6 || p.Plan.Cost > p.Budget+1e-6 {
			t.Errorf("%s: floor %v > %v or cost %v > budget %v", p.Name, p.Floor, p.Plan.CallsLow, p.Plan.Cost, p.Budget)
		}
	}
	for _, f := range res.Frontier {
		t.Logf("frontier +%.0f%%: %+v", 100*f.Step, f.Totals)
	}
	for _, pk := range res.Peak {
		t.Logf("peak %+v", pk)
	}
}
