package plan

import (
	"errors"
	"math"
	"time"

	"github.com/staffcast/staffcast/staffing"
	"github.com/staffcast/staffcast/staffing/hours"
)

// MaxBudgetPasses bounds each of the two searches that fit the phone's
// hours into the budget the other channels leave (see within).
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
	memo     map[costKey][]ChannelCost
}

// costKey is one period's other channels under one set of phone hours.
type costKey struct {
	period string
	phone  staffing.OpeningHours
}

// rows are the chat and email rows of the planned demand in period p.
func (c *channelSet) rows(p Period) []staffing.Row {
	var rows []staffing.Row
	for i, t := range c.d.Start {
		if !p.In(t) {
			continue
		}
		if c.d.Chats != nil && !math.IsNaN(c.d.Chats[i]) {
			rows = append(rows, staffing.Row{Start: t, Volume: max(0, c.d.Chats[i]), Channel: staffing.Chat})
		}
		if c.emails != nil && !math.IsNaN(c.emails[i]) {
			rows = append(rows, staffing.Row{Start: t, Volume: max(0, c.emails[i]), Channel: staffing.Email})
		}
	}
	return rows
}

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
	today, err := c.costOf(pr, opt.Current, s.Premium)
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

// totalInfeasible restates a floor no phone hours meet within the
// phone's share of the budget in totals for every channel: the budget
// asked for, and the total cost of the cheapest phone hours that meet
// the floor with the others under those hours (a total that suffices).
// Other errors, and every error without other channels, pass unchanged.
func (c *channelSet) totalInfeasible(err error, opt *Options, pr *PeriodResult, s hours.Settings) error {
	var ie *hours.InfeasibleError
	if c == nil || !errors.As(err, &ie) || ie.MinBudget <= 0 {
		return err
	}
	p, perr := hours.Recommend(pr.Week, settingsAt(s, ie.MinBudget))
	if perr != nil {
		return err
	}
	others, perr := c.costOf(pr, p.Hours(), s.Premium)
	if perr != nil {
		return err
	}
	_, oc := sumCost(others)
	if opt.Callbacks > 0 {
		_, cb, perr := callbackCost(opt, pr.Week, s, p)
		if perr != nil {
			return err
		}
		oc += cb
	}
	out := *ie
	out.Budget, out.MinBudget = pr.Budget, p.Cost+oc
	return &out
}

func settingsAt(s hours.Settings, budget float64) hours.Settings {
	s.Budget = budget
	return s
}

// costOf is cost for period pr's rows, remembered per phone hours (the
// searches try the same hours again at other budgets).
func (c *channelSet) costOf(pr *PeriodResult, phone staffing.OpeningHours, premium [7][]float64) ([]ChannelCost, error) {
	k := costKey{pr.Name, phone}
	if cs, ok := c.memo[k]; ok {
		return cs, nil
	}
	cs, err := c.cost(pr.rows, pr.Weeks, phone, premium, pr.Week.Step)
	if err != nil {
		return nil, err
	}
	if c.memo == nil {
		c.memo = map[costKey][]ChannelCost{}
	}
	c.memo[k] = cs
	return cs, nil
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
// default to them), so the phone's budget is a fixed point, bounded
// rather than iterated to convergence: plan, cost the others under the
// plan's hours, lower the phone's budget to what they leave and at
// least by the excess (so it falls every pass), plan again, at most
// MaxBudgetPasses passes; then bisect the phone's budget, at most
// MaxBudgetPasses more passes, between the largest that fits and the
// smallest that did not (a pass can overshoot), keeping the plan of the
// largest that fits. Today's hours are the fallback when nothing else
// fits; when not even they do (a --budget below today's cost) the last
// plan is kept and ChannelPlan.Over reports the excess. PeriodResult.
// Passes counts the passes. Without other channels (cs nil) it is the
// callbacks' loop as before: at most four passes, the phone's budget the
// total less the callbacks each time. The first pass plans in first:
// with other channels the total less what they and the callbacks cost
// in today's hours (phoneShare), for the callbacks' loop as before the
// budget without today's callbacks. known, when not nil, is a plan made
// in knownBudget known to fit within total (the frontier's previous
// step: a plan depends on the phone's budget alone, so what fits a
// smaller total fits this one), the bisection's start. It returns the
// plan and the phone's budget it was made in.
func (pr *PeriodResult) within(opt *Options, s hours.Settings, first, total float64, cs *channelSet, known *hours.Plan, knownBudget float64) (*hours.Plan, float64, error) {
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
		if pr.Others, err = cs.costOf(pr, p.Hours(), s.Premium); err != nil {
			return false, 0, err
		}
		_, c := sumCost(pr.Others)
		extra += c
		return total == 0 || p.Cost+extra <= total+1e-9, extra, nil
	}
	// First the fixed point from above: each pass lowers the phone's
	// budget, so the first plan that fits is the one with the largest.
	var best *hours.Plan
	bestBudget, lo, hi := 0.0, 0.0, math.Inf(1)
	for i := 1; ; i++ {
		pr.Passes = i
		ok, extra, err := fits(plan)
		if err != nil {
			return nil, 0, err
		}
		if ok {
			best, bestBudget = plan, s.Budget
			break
		}
		hi = s.Budget
		if i == MaxBudgetPasses {
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
			lo = next // no lower budget meets the floor
			break
		}
		s.Budget, plan = next, p
	}
	if known != nil && (best == nil || knownBudget > bestBudget) && knownBudget < hi {
		best, bestBudget = known, knownBudget
	}
	if best != nil {
		lo = bestBudget
	} else {
		// The fixed point found nothing: today's hours fit (they always
		// do within the default budget and its frontier).
		ok, _, err := fits(pr.Current)
		if err != nil {
			return nil, 0, err
		}
		if ok {
			best, bestBudget, lo = pr.Current, pr.Current.Cost, max(lo, pr.Current.Cost)
		}
	}
	// The fixed point may overshoot (a pass's excess can take the
	// phone's budget well below what fits): bisect the phone's budget
	// between the largest that fits and the smallest that did not,
	// keeping the largest that fits, to within 1% of the total (finer
	// steps buy little and each pass is a whole recommendation).
	for i := 0; best != nil && !math.IsInf(hi, 1) && i < MaxBudgetPasses && hi-lo > max(0.5, 0.01*total); i++ {
		pr.Passes++
		mid := (lo + hi) / 2
		p, err := hours.Recommend(pr.Week, settingsAt(s, mid))
		if err != nil {
			lo = mid // below the smallest budget that meets the floor
			continue
		}
		ok, _, err := fits(p)
		if err != nil {
			return nil, 0, err
		}
		if ok {
			best, bestBudget, lo = p, mid, mid
		} else {
			hi = mid
		}
	}
	if best == nil { // nothing fits: the last plan, reported over
		best, bestBudget = plan, s.Budget
	}
	_, _, err = fits(best) // the others as they stand under the hours kept
	return best, bestBudget, err
}
