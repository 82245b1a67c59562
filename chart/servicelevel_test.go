package chart

import (
	"bytes"
	"strings"
	"testing"
	"time"

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
