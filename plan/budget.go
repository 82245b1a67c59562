package plan

import (
	"errors"
	"time"

	"github.com/staffcast/staffcast/staffing"
	"github.com/staffcast/staffcast/staffing/hours"
)

// MaxBudgetPasses bounds the passes that fit the phone's hours into the
// budget left by the other channels (see PeriodResult.Others).
const MaxBudgetPasses = 8

// ChannelCost is what one channel takes of a period's one budget in a
// mean week of the period.
type ChannelCost struct {
	Channel    staffing.Channel
	AgentHours float64 // scheduled agent-hours a week
	Cost       float64 // the same weighted by the premiums (= AgentHours without)
}

// channelSet is what the budget needs of the channels beside the phone:
// their settings given the phone's hours, and each period's rows.
type channelSet struct {
	settings func(phoneOpen func(time.Time) bool) staffing.Settings
	d        hours.Demand
	emails   []float64 // the whole planned demand's, nil without
}

// rows are the chat and email rows of the planned demand in period p.
func (c *channelSet) rows(p Period) []staffing.Row {
	var rows []staffing.Row
	for i, t := range c.d.Start {
		if !p.In(t) {
			continue
		}
		if c.d.Chats != nil && !isNaN(c.d.Chats[i]) {
			rows = append(rows, staffing.Row{Start: t, Volume: max(0, c.d.Chats[i]), Channel: staffing.Chat})
		}
		if c.emails != nil && !isNaN(c.emails[i]) {
			rows = append(rows, staffing.Row{Start: t, Volume: max(0, c.emails[i]), Channel: staffing.Email})
		}
	}
	return rows
}

func isNaN(x float64) bool { return x != x }

// cost staffs rows (chat and email) with the phone open in phone and
// returns each channel's scheduled agent-hours and premium-weighted cost
// per week of a period of weeks weeks; premium is the period's premium
// per slot of step (nil: none).
func (c *channelSet) cost(rows []staffing.Row, weeks float64, phone staffing.OpeningHours, premium [7][]float64, step time.Duration) ([]ChannelCost, error) {
	needs, err := staffing.Plan(rows, c.settings(phone.Contains))
	if err != nil {
		return nil, err
	}
	var out []ChannelCost
	at := map[staffing.Channel]int{}
	for _, n := range needs {
		k, ok := at[n.Channel]
		if !ok {
			k = len(out)
			at[n.Channel] = k
			out = append(out, ChannelCost{Channel: n.Channel})
		}
		h := float64(n.Scheduled) * c.d.Step.Hours() / weeks
		f := 1.0
		if p := premium[n.Start.Weekday()]; p != nil {
			clock := time.Duration(n.Start.Hour())*time.Hour + time.Duration(n.Start.Minute())*time.Minute
			f = p[int(clock/step)]
		}
		out[k].AgentHours += h
		out[k].Cost += h * f
	}
	return out, nil
}

// phoneShare is the phone's budget of the first pass: the total less
// what the other channels and the callbacks cost in today's hours.
func (c *channelSet) phoneShare(opt *Options, pr *PeriodResult, s hours.Settings, total float64) (float64, error) {
	today, err := c.cost(pr.rows, pr.Weeks, opt.Current, s.Premium, pr.Week.Step)
	if err != nil {
		return 0, err
	}
	_, oc := sumCost(today)
	if opt.Callbacks > 0 {
		_, cb, err := callbackCost(opt, pr.Week, s, pr.Current)
		if err != nil {
			return 0, err
		}
		oc += cb
	}
	return total - oc, nil
}

func settingsAt(s hours.Settings, budget float64) hours.Settings {
	s.Budget = budget
	return s
}

func sumCost(cs []ChannelCost) (agentHours, cost float64) {
	for _, c := range cs {
		agentHours += c.AgentHours
		cost += c.Cost
	}
	return agentHours, cost
}

// within recommends the period's phone hours so that the phone, the
// callbacks and the other channels together cost at most total a week.
// The other channels' cost depends on the phone's hours (chat and email
// default to them), so it is a fixed point, bounded rather than iterated
// to convergence: plan, cost the others under the plan's hours, lower
// the phone's budget to what they leave and at least by the excess (so
// it falls every pass and the hours must change), plan again; it stops
// when the whole fits or after MaxBudgetPasses passes (PeriodResult.Passes;
// still over then shows in ChannelPlan.Over). Without other channels (cs
// nil) it is the callbacks' loop as before: at most four passes, the
// phone's budget the total less the callbacks each time. The first pass
// plans in first (the total, or for the callbacks' loop as before the
// budget without today's callbacks). It returns the
// plan and the phone's budget the plan was made in.
func (pr *PeriodResult) within(opt *Options, s hours.Settings, first, total float64, cs *channelSet, rows []staffing.Row) (*hours.Plan, float64, error) {
	s.Budget = first
	plan, err := hours.Recommend(pr.Week, s)
	if err != nil || (opt.Callbacks <= 0 && cs == nil) {
		return plan, s.Budget, err
	}
	if cs == nil {
		s.Budget = total
		for i := 0; i < 4; i++ {
			if pr.Callbacks, pr.CallbackHours, err = callbackCost(opt, pr.Week, s, plan); err != nil {
				return nil, 0, err
			}
			if total == 0 || plan.Cost+pr.CallbackHours <= total+1e-9 {
				break
			}
			s.Budget = total - pr.CallbackHours
			if plan, err = hours.Recommend(pr.Week, s); err != nil {
				return nil, 0, err
			}
		}
		return plan, s.Budget, nil
	}
	// fits costs the others under p's hours and says whether the whole
	// is within the total.
	fits := func(p *hours.Plan) (bool, float64, error) {
		extra := 0.0
		if opt.Callbacks > 0 {
			if pr.Callbacks, pr.CallbackHours, err = callbackCost(opt, pr.Week, s, p); err != nil {
				return false, 0, err
			}
			extra += pr.CallbackHours
		}
		if pr.Others, err = cs.cost(rows, pr.Weeks, p.Hours(), s.Premium, pr.Week.Step); err != nil {
			return false, 0, err
		}
		_, c := sumCost(pr.Others)
		extra += c
		return total == 0 || p.Cost+extra <= total+1e-9, extra, nil
	}
	for i := 1; ; i++ {
		pr.Passes = i
		ok, extra, err := fits(plan)
		if err != nil {
			return nil, 0, err
		}
		if ok || i == MaxBudgetPasses {
			break
		}
		// The phone gives up what the others leave it, and at least the
		// excess, so its budget falls every pass; below the smallest
		// budget that meets the floor, it takes that smallest budget once.
		next := min(total-extra, s.Budget-(plan.Cost+extra-total))
		p, err := hours.Recommend(pr.Week, settingsAt(s, next))
		var ie *hours.InfeasibleError
		if errors.As(err, &ie) && ie.MinBudget > 0 && ie.MinBudget < s.Budget {
			next = ie.MinBudget
			p, err = hours.Recommend(pr.Week, settingsAt(s, next))
		}
		if err != nil {
			break // no lower budget meets the floor
		}
		s.Budget, plan = next, p
	}
	if ok, _, err := fits(plan); err != nil || ok {
		return plan, s.Budget, err
	}
	// Still over: today's hours, when they fit (they do within the
	// default budget and its frontier), else the last plan, reported over.
	if ok, _, err := fits(pr.Current); err != nil || ok {
		return pr.Current, pr.Current.Cost, err
	}
	_, _, err = fits(plan)
	return plan, s.Budget, err
}
