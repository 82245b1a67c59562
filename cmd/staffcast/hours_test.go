package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPlan(t *testing.T) {
	t.Parallel()
	stdout, stderr, code := run(t, "", "plan")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	golden(t, ".stdout", stdout)
	golden(t, ".stderr", stderr)
}

func TestHours(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		args []string
		code int
	}{
		{"budget_too_small", []string{"--budget", "20h"}, exitUnreachable},
		{"overlapping_periods", []string{"--period", "a=12-01..12-10", "--period", "b=12-05..12-20"}, exitUsage},
		{"bad_current", []string{"--current", "Mon-Fry 09:00-17:00"}, exitUsage},
		{"same_weekdays_csv", []string{"--budget", "200h", "--same-weekdays", "--closed-ok", "Sun", "--format", "csv"}, exitOK},
		{"demand_with_gap", []string{"--demand", "testdata/series_gaps.csv"}, exitInput},
		{"bad_number", []string{"--demand", "testdata/series_badnum.csv"}, exitInput},
	} {
		t.Run(c.name, func(t *testing.T) {
			stdout, stderr, code := run(t, "", append([]string{"hours"}, c.args...)...)
			if code != c.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, c.code, stderr)
			}
			golden(t, ".stdout", stdout)
			golden(t, ".stderr", stderr)
		})
	}
}

func TestHoursJSONShapeAndChart(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	chart := filepath.Join(dir, "heat.svg")
	stdout, stderr, code := run(t, "", "hours", "--budget", "230h", "--min-open", "6h", "--max-open", "14h", "--format", "json", "--chart", chart)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// The shape the issue specifies: periods[].days[] with weekday, open,
	// close (HH:MM, close exclusive), shares in [0,1], agent_hours; totals; optimal.
	var res struct {
		Periods []struct {
			Name string
			Days []struct {
				Weekday       string  `json:"weekday"`
				Open          string  `json:"open"`
				Close         string  `json:"close"`
				Closed        bool    `json:"closed"`
				OrdersCovered float64 `json:"orders_covered"`
				AgentHours    float64 `json:"agent_hours"`
			}
		}
		OrdersCovered float64 `json:"orders_covered"`
		AgentHours    float64 `json:"agent_hours"`
		Optimal       bool    `json:"optimal"`
	}
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Periods) != 1 || len(res.Periods[0].Days) != 7 || !res.Optimal || res.AgentHours > 230 || res.OrdersCovered <= 0 || res.OrdersCovered > 1 {
		t.Errorf("unexpected result: %+v", res)
	}
	for _, d := range res.Periods[0].Days {
		if d.OrdersCovered < 0 || d.OrdersCovered > 1 || (!d.Closed && (len(d.Open) != 5 || len(d.Close) != 5 || d.Close <= d.Open)) {
			t.Errorf("day %+v", d)
		}
	}
	svg, err := os.ReadFile(chart)
	if err != nil || !strings.Contains(string(svg), "<svg") {
		t.Errorf("chart: %v", err)
	}
}
