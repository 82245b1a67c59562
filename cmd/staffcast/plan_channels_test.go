package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/staffcast/staffcast/data"
	"github.com/staffcast/staffcast/sample"
)

// TestPlanChannels runs plan with chat and email beside the phone and
// checks its output: the channels section of the table, the JSON keys
// and their sums (the total is the channels', over the budget is the
// total less the budget, an open hour's quote is kept exactly when its
// p90 is within the promise), the CSV comments; and its refusals.
func TestPlanChannels(t *testing.T) {
	t.Parallel()
	args := []string{"plan", "--demand-from", "history", "--frontier", "10", "--chat-aht", "6m", "--chats", "2", "--chat-hours", "Mon-Sun 08:00-22:00",
		"--chat-deflect", "0.25", "--email-within", "10m", "--email-deflect", "0.1", "--teams", "phone+chat+email"}
	stdout, stderr, code := run(t, "", args...)
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, want := range []string{"\nChannels, first planned week (", "│ email   │", "│ total   │", "Budget, one for all (phone, chat, email): ", "one budget for all channels: phone, chat, email",
		"chat: the chatbot resolves", "email: self-service resolves", "of the week's) arrive while chat is closed; a chatbot, open round the clock, meets them",
		"team phone+chat+email: ", "What we can promise, by hour (email)", "promise 90% within 10m", "Emails arriving while closed are NOT answered within 10m",
		"Published hours (for the website): Phone: ", "; chat: every day 08-22; email: answered within 10 minutes during opening hours ("} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}

	stdout, stderr, code = run(t, "", append(args, "--format", "json")...)
	if code != exitOK {
		t.Fatalf("json: exit %d\n%s", code, stderr)
	}
	var res struct {
		Channels *struct {
			Channels []struct {
				Channel      string   `json:"channel"`
				Hours        string   `json:"hours"`
				Offered      float64  `json:"offered"`
				Deflected    float64  `json:"deflected"`
				Scheduled    float64  `json:"scheduled_agent_hours"`
				Saved        float64  `json:"saved_agent_hours"`
				ServiceLevel *float64 `json:"service_level"`
				PromiseSecs  float64  `json:"promise_within_seconds"`
				ClosedQuote  float64  `json:"closed_quote_seconds"`
			} `json:"channels"`
			Scheduled float64 `json:"scheduled_agent_hours"`
			Budget    float64 `json:"budget_agent_hours"`
			Over      float64 `json:"over_budget_agent_hours"`
			Total     float64 `json:"total_mean_week"`
			Costs     []struct {
				Channel string  `json:"channel"`
				Cost    float64 `json:"cost"`
			} `json:"budget_mean_week"`
			Quotes []struct {
				Open bool    `json:"open"`
				P50  float64 `json:"quote_p50"`
				P90  float64 `json:"quote_p90"`
				Kept bool    `json:"kept"`
			} `json:"email_quotes"`
			Teams     []map[string]any `json:"teams"`
			Published string           `json:"published_hours"`
		} `json:"channels"`
	}
	if err := json.Unmarshal([]byte(stdout), &res); err != nil || res.Channels == nil {
		t.Fatalf("json: %v, channels %v", err, res.Channels)
	}
	cp := res.Channels
	if len(cp.Channels) != 3 || cp.Channels[0].Channel != "phone" || cp.Channels[1].Channel != "chat" || cp.Channels[2].Channel != "email" {
		t.Fatalf("channels %+v", cp.Channels)
	}
	sum := 0.0
	for _, c := range cp.Channels {
		sum += c.Scheduled
		if c.ServiceLevel == nil || *c.ServiceLevel < 0.8 || c.Hours == "" {
			t.Errorf("%s: service level %v, hours %q", c.Channel, c.ServiceLevel, c.Hours)
		}
	}
	if email := cp.Channels[2]; email.PromiseSecs != 600 || email.ClosedQuote != 3240 || math.Abs(email.Deflected-0.1*email.Offered) > 0.01 || email.Saved <= 0 {
		t.Errorf("email %+v: want a 600 s promise, closed emails 90%% within 0.9 h of the opening, 10%% deflected saving hours", email)
	}
	if chat := cp.Channels[1]; math.Abs(chat.Deflected-0.25*chat.Offered) > 0.01 || chat.Saved <= 0 {
		t.Errorf("chat %+v: want 25%% deflected saving hours", chat)
	}
	total := 0.0
	for _, c := range cp.Costs {
		total += c.Cost
	}
	if cp.Scheduled != sum || len(cp.Costs) != 3 || math.Abs(total-cp.Total) > 0.05 || math.Abs(cp.Over-(cp.Total-cp.Budget)) > 0.01 || cp.Over > 0.01 || cp.Budget <= 0 {
		t.Errorf("scheduled %v (channels sum to %v), budget %v, mean week %v (%+v), over %v", cp.Scheduled, sum, cp.Budget, cp.Total, cp.Costs, cp.Over)
	}
	if len(cp.Quotes) < 100 || len(cp.Teams) != 1 || !strings.HasPrefix(cp.Published, "Phone: ") {
		t.Errorf("%d quotes, teams %v, published %q", len(cp.Quotes), cp.Teams, cp.Published)
	}
	for _, q := range cp.Quotes {
		if q.Open && q.Kept != (q.P90 <= 601) || q.P50 > q.P90 {
			t.Errorf("quote %+v: kept should say p90 <= 600 s", q)
		}
	}

	stdout, stderr, code = run(t, "", append(args, "--format", "csv")...)
	if code != exitOK || !strings.Contains(stdout, "\n# channel email: hours=") || !strings.Contains(stdout, "\n# published_hours: Phone: ") || !strings.Contains(stdout, "\nperiod,weekday,") {
		t.Errorf("csv: exit %d\n%s\n%s", code, stdout, stderr)
	}

	// A history without emails, for settings of a channel the data lack.
	s, err := sample.Shop()
	if err != nil {
		t.Fatal(err)
	}
	noEmails := *s
	noEmails.Columns = nil
	for _, c := range s.Columns {
		if c.Name != "emails" {
			noEmails.Columns = append(noEmails.Columns, c)
		}
	}
	path := filepath.Join(t.TempDir(), "no-emails.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := data.WriteTable(f, noEmails.Table(), data.CSV); err != nil {
		t.Fatal(err)
	}
	f.Close()
	for _, args := range [][]string{
		{"--teams", "phone+fax"},
		{"--teams", "phone,callback"},
		{"--chat-deflect", "1"},
		{"--chats", "0"},
		{"--chat-hours", "Mon 25:00-26:00"},
		{"--email-deflect", "-0.1"},
		{"--email-share", "0"},
		{"--email-within", "3m", "--email-aht", "4m"},
		{"--email-hours", "Fri-Mon"},
		{"--email-within", "10m", "--history", path},
		{"--teams", "phone,email", "--history", path},
	} {
		_, stderr, code := run(t, "", append([]string{"plan", "--demand-from", "history", "--frontier", "10"}, args...)...)
		if code != exitUsage || !strings.Contains(stderr, args[0]) || strings.Contains(stderr, "goroutine") {
			t.Errorf("%v: exit %d, stderr %q; want %d naming %s", args, code, stderr, exitUsage, args[0])
		}
	}
}

// TestReadmeChannelFigures holds the figures of the README's "Every
// channel in one plan" to what its command prints.
func TestReadmeChannelFigures(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, para, ok := strings.Cut(string(readme), "**Every channel in one plan.**")
	para, block, ok2 := strings.Cut(para, "```sh\n")
	line, _, ok3 := strings.Cut(block, "\n")
	args, ok4 := strings.CutPrefix(line, "go run ./cmd/staffcast ")
	if !ok || !ok2 || !ok3 || !ok4 {
		t.Fatal("README: no Every channel in one plan paragraph with its command")
	}
	stdout, stderr, code := run(t, "", append(strings.Fields(args), "--format", "json")...)
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	var res struct {
		Channels struct {
			Channels []struct {
				Channel     string  `json:"channel"`
				Scheduled   float64 `json:"scheduled_agent_hours"`
				WorstQuote  float64 `json:"quote_p90_worst_seconds"`
				ClosedQuote float64 `json:"closed_quote_seconds"`
			} `json:"channels"`
			Scheduled float64 `json:"scheduled_agent_hours"`
			Today     float64 `json:"today_scheduled_agent_hours"`
			Budget    float64 `json:"budget_agent_hours"`
			Period    string  `json:"budget_period"`
			Total     float64 `json:"total_mean_week"`
			Costs     []struct {
				Channel string  `json:"channel"`
				Cost    float64 `json:"cost"`
			} `json:"budget_mean_week"`
		} `json:"channels"`
		Frontier []struct {
			Budget float64 `json:"budget_agent_hours"`
			Step   float64 `json:"step"`
			Orders float64 `json:"orders_covered"`
		} `json:"frontier"`
	}
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatal(err)
	}
	cp := res.Channels
	want := []string{fmt.Sprintf("period %s's budget is %.0f agent-hours a week", cp.Period, cp.Budget), fmt.Sprintf("%.0f in all", cp.Scheduled)}
	var costs []string
	for _, c := range cp.Costs {
		costs = append(costs, fmt.Sprintf("%s %.0f", c.Channel, c.Cost))
	}
	want = append(want, fmt.Sprintf("takes %s = %.0f", strings.Join(costs, " + "), cp.Total))
	for _, f := range res.Frontier {
		if f.Step == 0.1 || f.Step == 0.5 {
			want = append(want, fmt.Sprintf("+%.0f%% (%.0f) covers %.1f%% of orders", 100*f.Step, f.Budget, 100*f.Orders))
		}
	}
	if cp.Today == cp.Scheduled {
		want = append(want, "as many as in\ntoday's hours")
	}
	var parts []string
	for _, c := range cp.Channels {
		parts = append(parts, fmt.Sprintf("%s %.0f", c.Channel, c.Scheduled))
		if c.Channel == "email" {
			want = append(want, fmt.Sprintf("worst p90 %.0f minutes", math.Ceil(c.WorstQuote/60)), fmt.Sprintf("until %.0f minutes after the opening", math.Ceil(c.ClosedQuote/60)))
		}
	}
	want = append(want, strings.Join(parts, ", "))
	flat := strings.Join(strings.Fields(para), " ")
	for _, w := range want {
		if w = strings.Join(strings.Fields(w), " "); !strings.Contains(flat, w) {
			t.Errorf("README's Every channel in one plan lacks %q", w)
		}
	}
}
