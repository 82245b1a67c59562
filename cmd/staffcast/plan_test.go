package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestPlanBadInput(t *testing.T) {
	t.Parallel()
	// Each gets a message naming the flag and a non-zero exit, never a panic.
	dir := t.TempDir()
	one := filepath.Join(dir, "one.csv")
	if err := os.WriteFile(one, []byte("start,orders,calls\n2025-01-06T10:00:00+01:00,5,2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"plan", "--demand-from", "history", "--budget", "normal=210h,easter=380h"}, exitUsage, `--budget "normal=210h,easter=380h": there is no period "easter"`},
		{[]string{"hours", "--premium", "Mon-Fri 18:00-24:00=1.5,Mon 20:00-22:00=2"}, exitUsage, "--premium: \"Mon 20:00-22:00=2\" overlaps"},
		{[]string{"hours", "--premium", "Sat-Sun=0"}, exitUsage, "--premium: \"Sat-Sun=0\": the factor 0 is not positive"},
		{[]string{"hours", "--premium", "Sat-Sun=-1.5"}, exitUsage, "--premium"},
		{[]string{"hours", "--max-windows", "0"}, exitUsage, "--max-windows 0"},
		{[]string{"hours", "--quantile", "2"}, exitUsage, "--quantile 2"},
		{[]string{"hours", "--cost-per-agent-hour", "NaN"}, exitUsage, "--cost-per-agent-hour NaN"},
		{[]string{"hours", "--cost-per-agent-hour", "-5"}, exitUsage, "--cost-per-agent-hour -5"},
		{[]string{"hours", "--budget", "0"}, exitUsage, `--budget "0"`},
		{[]string{"hours", "--budget", "1e9h"}, exitUsage, `--budget "1e9h": want agent-hours per week above 0 and at most 1e+06`},
		{[]string{"hours", "--callbacks", "2"}, exitUsage, "--callbacks 2"},
		{[]string{"hours", "--callback-within", "-1h"}, exitUsage, "--callback-within"},
		{[]string{"hours", "--max-open", "25h"}, exitUsage, "--max-open 25h"},
		{[]string{"hours", "--objective", "profit"}, exitUsage, "--objective"},
		// The floor: today's callers cannot be served on 20 agent-hours; the
		// message names the smallest budget that serves them.
		{[]string{"hours", "--budget", "20h"}, exitUnreachable, "the cheapest opening hours that do need 185; pass --budget 185h or more"},
		{[]string{"hours", "--demand", one}, exitInput, "one interval"},
		{[]string{"plan", "--history", one}, exitInput, "one interval"},
	} {
		_, stderr, code := run(t, "", c.args...)
		if code != c.code || !strings.Contains(stderr, c.want) || strings.Contains(stderr, "panic") {
			t.Errorf("%v: exit %d, want %d with %q; stderr:\n%s", c.args, code, c.code, c.want, stderr)
		}
	}
}

func TestPlanMinAgentsHuge(t *testing.T) {
	t.Parallel()
	// A million agents on duty makes every hour cost the same: it must
	// finish (the label programme does not index the budget).
	if _, stderr, code := run(t, "", "hours", "--min-agents", "1000000", "--frontier", "none"); code != exitOK {
		t.Errorf("exit %d: %s", code, stderr)
	}
}

// TestHoursValueHasNoBudget checks that the value objective, which needs
// no cap, does not report one: not "today's cost" in the assumptions, not
// "budget 0" per period.
func TestHoursValueHasNoBudget(t *testing.T) {
	t.Parallel()
	stdout, stderr, code := run(t, "", "hours", "--objective", "value", "--value-per-order", "5", "--cost-per-agent-hour", "300", "--frontier", "none")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"budget:            none (value minus cost decides the hours)", "), no budget"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, "budget 0 agent-hours") {
		t.Errorf("output reports a zero budget:\n%s", stdout)
	}
}

func TestPlanJSONContract(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	req := filepath.Join(dir, "req.csv")
	stdout, stderr, code := run(t, "", "plan", "--demand-from", "history", "--premium", "Mon-Fri 18:00-24:00=1.5,Sat-Sun=1.7,holidays=2",
		"--budget", "normal=200h,christmas=380h", "--format", "json", "--requirements-out", req)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var res struct {
		Assumptions map[string]any `json:"assumptions"`
		Periods     []struct {
			Name   string  `json:"name"`
			Weeks  float64 `json:"weeks"`
			Budget float64 `json:"budget_agent_hours"`
			Days   []struct {
				Weekday       string   `json:"weekday"`
				OrdersCovered *float64 `json:"orders_covered"`
				CallsReach    *float64 `json:"calls_reachable"`
				CallsAnswered *float64 `json:"calls_answered"`
				AgentHours    *float64 `json:"agent_hours"`
				Cost          float64  `json:"cost"`
				Current       struct {
					Open          string   `json:"open"`
					OrdersCovered *float64 `json:"orders_covered"`
					CallsAnswered *float64 `json:"calls_answered"`
					AgentHours    *float64 `json:"agent_hours"`
				} `json:"current"`
			} `json:"days"`
		} `json:"periods"`
		OrdersCovered *float64 `json:"orders_covered"`
		CallsAnswered *float64 `json:"calls_answered"`
		AgentHours    *float64 `json:"agent_hours"`
		Cost          float64  `json:"cost"`
		Current       struct {
			OrdersCovered *float64 `json:"orders_covered"`
		} `json:"current"`
		Frontier []struct {
			Budget        float64 `json:"budget_agent_hours"`
			OrdersCovered float64 `json:"orders_covered"`
		} `json:"frontier"`
		Peak []struct {
			Period     string  `json:"period"`
			Hours      string  `json:"hours"`
			AgentHours float64 `json:"agent_hours"`
			Orders     float64 `json:"orders"`
		} `json:"peak"`
		Optimal bool `json:"optimal"`
	}
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"aht_seconds", "target", "sl_definition", "shrinkage", "min_agents", "objective", "closed_hour_calls"} {
		if _, ok := res.Assumptions[k]; !ok {
			t.Errorf("assumptions lack %s", k)
		}
	}
	if res.Assumptions["objective"] != "calls-then-orders" || res.Assumptions["closed_hour_calls"] != "attempts" {
		t.Errorf("assumptions %v", res.Assumptions)
	}
	if len(res.Periods) != 2 || res.Periods[1].Name != "christmas" || res.Periods[1].Budget != 380 || res.Periods[0].Budget != 200 {
		t.Fatalf("periods %+v", res.Periods)
	}
	// Christmas is 1-23 December: 23 days, 23/7 weeks.
	if w := res.Periods[1].Weeks; w < 3.28 || w > 3.29 {
		t.Errorf("christmas weighs %v weeks, want 23/7", w)
	}
	for _, p := range res.Periods {
		for _, d := range p.Days {
			if d.OrdersCovered == nil || d.CallsReach == nil || d.CallsAnswered == nil || d.AgentHours == nil || d.Current.OrdersCovered == nil || d.Current.AgentHours == nil {
				t.Errorf("%s %s lacks a figure", p.Name, d.Weekday)
			}
		}
	}
	if res.OrdersCovered == nil || res.CallsAnswered == nil || res.AgentHours == nil || res.Current.OrdersCovered == nil || res.Cost <= 0 || !res.Optimal {
		t.Errorf("totals: %+v", res)
	}
	if len(res.Frontier) != 5 {
		t.Errorf("frontier has %d points, want 5", len(res.Frontier))
	}
	for i := 1; i < len(res.Frontier); i++ {
		if res.Frontier[i].OrdersCovered < res.Frontier[i-1].OrdersCovered-1e-9 || res.Frontier[i].Budget <= res.Frontier[i-1].Budget {
			t.Errorf("frontier not increasing: %+v", res.Frontier)
		}
	}
	// The sample's busiest evening hour is 21-22 (the generator's rush).
	if len(res.Peak) != 2 || res.Peak[1].Hours != "21:00-22:00" || res.Peak[1].AgentHours <= 0 || res.Peak[1].Orders <= 0 {
		t.Errorf("peak %+v", res.Peak)
	}
	// The requirements file is what shifts reads as it is.
	head, err := os.ReadFile(req)
	if err != nil || !strings.HasPrefix(string(head), "start,channel,volume,agents,scheduled_agents\n") {
		t.Fatalf("requirements: %v\n%.200s", err, head)
	}
	if _, stderr, code := run(t, "", "shifts", "--in", req); code != exitOK {
		t.Errorf("shifts --in %s: exit %d: %s", req, code, stderr)
	}
}

func TestHoursWithoutChats(t *testing.T) {
	t.Parallel()
	// A series with no chats column says nothing about chats (it used to
	// report "100% of chats outside the hours"); calls are then estimated
	// from orders.
	var b strings.Builder
	b.WriteString("start,orders,calls\n")
	start := time.Date(2025, 3, 3, 0, 0, 0, 0, time.FixedZone("", 3600))
	for i := 0; i < 14*24; i++ {
		t := start.Add(time.Duration(i) * time.Hour)
		calls := ""
		if wd := t.Weekday(); wd != time.Saturday && wd != time.Sunday && t.Hour() >= 8 && t.Hour() < 17 {
			calls = "12"
		}
		fmt.Fprintf(&b, "%s,%d,%s\n", t.Format(time.RFC3339), 10+t.Hour(), calls)
	}
	f := filepath.Join(t.TempDir(), "nochats.csv")
	if err := os.WriteFile(f, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := run(t, "", "hours", "--demand", f, "--frontier", "none")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if strings.Contains(stdout, "chats") && !strings.Contains(stdout, "calls per chat") {
		t.Errorf("output mentions chats:\n%s", stdout)
	}
	if !strings.Contains(stdout, "orders: calls per order") {
		t.Errorf("the estimate's source is not stated as orders:\n%s", stdout)
	}
}

func TestHoursKeepsTodaysShortWindow(t *testing.T) {
	t.Parallel()
	// Today's 4-hour Saturday is below --min-open 6h; keeping today's hours
	// is still an option, so the floor set by them can be met (it was exit 4).
	stdout, stderr, code := run(t, "", "hours", "--aht", "4m", "--current", "Mon-Fri 09:00-17:00,Sat 10:00-14:00", "--premium", "Mon-Fri 18:00-24:00=1.5,Sat-Sun=1.7", "--frontier", "none")
	if code != exitOK || !strings.Contains(stdout, "cost today") {
		t.Errorf("exit %d: %s\n%s", code, stderr, stdout)
	}
}
