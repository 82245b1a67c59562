package plan

import (
	"context"
	"errors"
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/staffcast/staffcast/staffing"
	"github.com/staffcast/staffcast/staffing/hours"
)

// TestRunOneBudget plans the sample with chat and email in the phone's
// hours (so their cost moves with the phone's) and checks, per period and
// frontier point, that the phone's agent-hours plus chat's and email's,
// recomputed here with staffing.Plan on the history's rows of the period
// under the final hours, stay within the one budget; that the default
// budget is what today's hours cost for all three; and that the
// frontier's steps raise that total. Chat's and email's hours are
// costed as staffing.Plan schedules them (whole agents after shrinkage);
// the phone's as the hours package costs them on the period's mean week.
func TestRunOneBudget(t *testing.T) {
	t.Parallel()
	opt := sampleOptions(t)
	opt.Channels = map[staffing.Channel]staffing.ChannelSettings{staffing.Chat: {AHT: 6 * time.Minute, Chat: staffing.Concurrency{Chats: 2}}}
	opt.Frontier = []float64{0.2, 0.5}
	res, err := Run(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	if res.Assumptions.BudgetCovers != "phone, chat, email" {
		t.Errorf("budget covers %q", res.Assumptions.BudgetCovers)
	}
	h := opt.History
	chats, emails := h.Column("chats"), h.Column("emails")
	// others recomputes chat's and email's scheduled agent-hours a week of
	// period name with the phone open in phone.
	others := func(name string, weeks float64, phone staffing.OpeningHours) float64 {
		var p Period
		for _, q := range DefaultPeriods() {
			if q.Name == name {
				p = q
			}
		}
		var rows []staffing.Row
		for i, at := range h.Start {
			if at.Before(res.From) || !at.Before(res.To) || !p.In(at) {
				continue
			}
			rows = append(rows, staffing.Row{Start: at, Volume: chats[i], Channel: staffing.Chat}, staffing.Row{Start: at, Volume: emails[i], Channel: staffing.Email})
		}
		st := staffing.Settings{Interval: time.Hour, AHT: opt.Settings.AHT, Target: opt.Settings.Target, Channels: map[staffing.Channel]staffing.ChannelSettings{
			staffing.Chat:  {AHT: 6 * time.Minute, Chat: staffing.Concurrency{Chats: 2}, Open: phone.Contains},
			staffing.Email: {Promise: staffing.Promise{Share: 0.9, Within: 30 * time.Minute}, Open: phone.Contains},
		}}
		needs, err := staffing.Plan(rows, st)
		if err != nil {
			t.Fatal(err)
		}
		sum := 0.0
		for _, n := range needs {
			sum += float64(n.Scheduled)
		}
		return sum / weeks
	}
	for _, pr := range res.Periods {
		today := others(pr.Name, pr.Weeks, opt.Current)
		if want := pr.Current.AgentHours + today; math.Abs(pr.Budget-want) > 1e-6 {
			t.Errorf("%s: budget %.3f, today's hours cost %.3f (phone %.3f + others %.3f)", pr.Name, pr.Budget, want, pr.Current.AgentHours, today)
		}
	}
	prev := 0.0
	for _, f := range res.Frontier {
		total := 0.0
		for i, pl := range f.Plans {
			pr := res.Periods[i]
			budget := pr.Budget * (1 + f.Step)
			o := others(pr.Name, pr.Weeks, pl.Hours())
			if pl.AgentHours+o > budget+1e-6 {
				t.Errorf("+%.0f%% %s: phone %.2f + chat and email %.2f = %.2f agent-hours a week, over the budget %.2f", 100*f.Step, pr.Name, pl.AgentHours, o, pl.AgentHours+o, budget)
			}
			total += pr.Weeks * (pl.AgentHours + o)
		}
		if f.Step > 0 && f.Totals.AgentHours < 0.98*f.Totals.Budget {
			t.Errorf("+%.0f%%: %.1f agent-hours a week leave more than 2%% of the budget %.1f unused", 100*f.Step, f.Totals.AgentHours, f.Totals.Budget)
		}
		t.Logf("+%.0f%%: %.1f agent-hours a week against %.1f; orders covered %.3f", 100*f.Step, f.Totals.AgentHours, f.Totals.Budget, f.Totals.OrdersCovered)
		if weeks := res.Periods[0].Weeks + res.Periods[1].Weeks; len(res.Periods) != 2 || math.Abs(f.Totals.AgentHours-total/weeks) > 1e-6 {
			t.Errorf("+%.0f%%: totals %.3f agent-hours a week, recomputed %.3f", 100*f.Step, f.Totals.AgentHours, total/weeks)
		}
		if f.Totals.Budget <= prev || f.Totals.OrdersCovered < res.Frontier[0].Totals.OrdersCovered-1e-9 {
			t.Errorf("+%.0f%%: budget %.1f after %.1f, orders %.3f", 100*f.Step, f.Totals.Budget, prev, f.Totals.OrdersCovered)
		}
		prev = f.Totals.Budget
	}
	if cp := res.Channels; cp == nil || cp.Over() > 1e-6 || len(cp.Costs) != 3 || cp.Costs[0].AgentHours != res.Periods[0].Plan.AgentHours {
		t.Errorf("channel plan costs %+v, over %v", cp.Costs, cp.Over())
	}
}

// TestRunOneBudgetInfeasible: a total below what any hours meeting the
// floor cost with chat and email is refused in totals, and the total the
// refusal names is enough.
func TestRunOneBudgetInfeasible(t *testing.T) {
	t.Parallel()
	opt := sampleOptions(t)
	opt.Channels = map[staffing.Channel]staffing.ChannelSettings{}
	opt.Frontier = []float64{}
	opt.Budgets = map[string]float64{"normal": 300}
	_, err := Run(context.Background(), opt)
	var ie *hours.InfeasibleError
	if !errors.As(err, &ie) || ie.Budget != 300 || ie.MinBudget <= 300 {
		t.Fatalf("total 300: %v; want an infeasible floor naming 300 and a larger total", err)
	}
	opt.Budgets["normal"] = math.Ceil(ie.MinBudget)
	res, err := Run(context.Background(), opt)
	if err != nil {
		t.Fatalf("total %v, the one named: %v", opt.Budgets["normal"], err)
	}
	if cp := res.Channels; cp == nil || cp.Period != "normal" || cp.Over() > 1e-6 {
		t.Errorf("total %v: channel plan %+v", opt.Budgets["normal"], cp)
	}
}

// TestRunBudgetOnePeriod gives a budget to normal alone: christmas must
// plan exactly as when no budget is given at all (today's cost, callbacks
// included; the band's sensitivity against today's cost at each end; no
// budget under the value objective). Callbacks make the default budget
// differ from the bare cost of today's hours, so a period that mistook
// itself for budgeted would check its sensitivity against another budget.
func TestRunBudgetOnePeriod(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		set  func(*Options)
	}{
		{"callbacks", func(o *Options) { o.Callbacks, o.CallbackWithin = 0.3, 2*time.Hour }},
		{"value", func(o *Options) {
			o.Settings.Objective = hours.Profit
			o.Settings.ValuePerOrder, o.Settings.ValuePerContact, o.Settings.CostPerAgentHour = 3, 5, 40
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			opt := sampleOptions(t)
			opt.Frontier = []float64{}
			tc.set(&opt)
			none, err := Run(context.Background(), opt)
			if err != nil {
				t.Fatal(err)
			}
			opt.Budgets = map[string]float64{"normal": 1.1 * none.Periods[0].Current.Cost}
			if tc.name == "value" {
				opt.Budgets["normal"] = 1000 // a budget wide enough not to bind: normal is not under test
			}
			one, err := Run(context.Background(), opt)
			if err != nil {
				t.Fatal(err)
			}
			a, b := none.Periods[1], one.Periods[1]
			if a.Name != "christmas" || b.Name != "christmas" {
				t.Fatalf("periods %q and %q, want christmas", a.Name, b.Name)
			}
			if a.Budget != b.Budget {
				t.Errorf("christmas budget %v with a budget for normal only, %v with none", b.Budget, a.Budget)
			}
			if tc.name == "value" && b.Budget != 0 {
				t.Errorf("value objective: christmas budget %v, want none (0)", b.Budget)
			}
			hoursOf := func(p *hours.Plan) any {
				if p == nil {
					return nil
				}
				return p.Hours()
			}
			for _, c := range []struct {
				what      string
				got, want *hours.Plan
			}{{"recommendation", b.Plan, a.Plan}, {"low end", b.Low, a.Low}, {"high end", b.High, a.High}} {
				if !reflect.DeepEqual(hoursOf(c.got), hoursOf(c.want)) {
					t.Errorf("christmas %s: %v with a budget for normal only, %v with none", c.what, hoursOf(c.got), hoursOf(c.want))
					continue
				}
				if c.got == nil {
					continue
				}
				g, w := c.got, c.want
				if g.OrdersCovered() != w.OrdersCovered() || g.CallsAnswered() != w.CallsAnswered() || g.AgentHours != w.AgentHours || g.Cost != w.Cost {
					t.Errorf("christmas %s: orders %v, calls %v, %v agent-hours, cost %v; with no budget %v, %v, %v, %v", c.what,
						g.OrdersCovered(), g.CallsAnswered(), g.AgentHours, g.Cost, w.OrdersCovered(), w.CallsAnswered(), w.AgentHours, w.Cost)
				}
			}
			if a.Sensitive != b.Sensitive || a.CallbackHours != b.CallbackHours {
				t.Errorf("christmas: sensitive %v, callbacks %v h with a budget for normal only; %v, %v h with none", b.Sensitive, b.CallbackHours, a.Sensitive, a.CallbackHours)
			}
		})
	}
}
