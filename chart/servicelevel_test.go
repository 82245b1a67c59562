package chart

import (
	"bytes"
	"context"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/staffcast/staffcast/simulate"
	"gonum.org/v1/plot/vg"
)

func TestServiceLevel(t *testing.T) {
	t.Parallel()
	start := hourly(30)
	sl, lo, hi := make([]float64, 30), make([]float64, 30), make([]float64, 30)
	for i := range sl {
		sl[i], lo[i], hi[i] = 0.8, 0.75, 0.85
	}
	p, err := ServiceLevel("sl", start, time.Hour, sl, lo, hi, 0.8)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, SVG, 6*vg.Inch, 3*vg.Inch, p); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "<svg") {
		t.Error("no SVG written")
	}
	if _, err := ServiceLevel("sl", start, time.Hour, sl[:3], lo, hi, 0.8); err == nil {
		t.Error("no error for 3 service levels over 30 intervals")
	}
	if _, err := ServiceLevel("sl", nil, time.Hour, nil, nil, nil, 0.8); err == nil {
		t.Error("no error for no intervals")
	}
}

// TestSimulatedServiceLevel simulates a day with a quiet hour and checks
// that the chart's series leaves that hour as a gap (nobody called, so
// no service level) and draws the others as simulated.
func TestSimulatedServiceLevel(t *testing.T) {
	t.Parallel()
	start := hourly(4)
	q := simulate.Queue{AHT: 3 * time.Minute}
	for i, v := range []float64{60, 0, 40, 60} {
		q.Intervals = append(q.Intervals, simulate.Interval{Start: start[i], Volume: v, Agents: 5})
	}
	r, err := simulate.Run(context.Background(), q, simulate.Settings{Interval: time.Hour, ServiceLevel: 0.8, AnswerWithin: 20 * time.Second, Replications: 20, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	got, sl, lo, hi := simulatedSeries(r)
	for k, iv := range r.Intervals {
		if !got[k].Equal(start[k]) || lo[k] != iv.ServiceLevel.Lo || hi[k] != iv.ServiceLevel.Hi {
			t.Errorf("interval %d: start %v, band [%v, %v]; want %v, [%v, %v]", k, got[k], lo[k], hi[k], start[k], iv.ServiceLevel.Lo, iv.ServiceLevel.Hi)
		}
		switch quiet := iv.Offered.Mean == 0; {
		case quiet != (k == 1):
			t.Fatalf("interval %d: %v offered: want none in hour 1 only", k, iv.Offered.Mean)
		case quiet && !math.IsNaN(sl[k]):
			t.Errorf("the quiet hour: service level %v, want NaN (a gap)", sl[k])
		case !quiet && sl[k] != iv.ServiceLevel.Mean:
			t.Errorf("interval %d: service level %v, want the simulated %v", k, sl[k], iv.ServiceLevel.Mean)
		}
	}
	if _, err := SimulatedServiceLevel("sl", r, time.Hour, 0.8); err != nil {
		t.Error(err)
	}
}
