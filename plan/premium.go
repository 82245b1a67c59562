package plan

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/staffcast/staffcast/staffing"
)

// Premiums make unsocial hours cost more: the cost of an agent-hour, in
// agent-hours, per weekday and clock time, and on public holidays.
type Premiums struct {
	Rules    []PremiumRule
	Holidays float64 // factor on public holidays; 0 means none
	Spec     string  // as given, for the assumptions
}

// PremiumRule is one "Mon-Fri 18:00-24:00=1.5" rule.
type PremiumRule struct {
	Hours  staffing.OpeningHours
	Factor float64
}

// ParsePremiums reads rules such as
//
//	Mon-Fri 18:00-24:00=1.5,Sat-Sun=1.7,holidays=2
//
// Days without a time mean the whole day. Rules must not overlap, and
// factors must be positive; hours no rule names cost 1.
func ParsePremiums(spec string) (Premiums, error) {
	p := Premiums{Spec: spec}
	if strings.TrimSpace(spec) == "" {
		return p, nil
	}
	for _, item := range strings.Split(spec, ",") {
		lhs, rhs, ok := strings.Cut(strings.TrimSpace(item), "=")
		f, err := strconv.ParseFloat(strings.TrimSpace(rhs), 64)
		if !ok || err != nil {
			return p, fmt.Errorf("%q: want DAYS [HH:MM-HH:MM]=FACTOR, such as Mon-Fri 18:00-24:00=1.5, or holidays=2", item)
		}
		if !(f > 0) || math.IsInf(f, 0) {
			return p, fmt.Errorf("%q: the factor %v is not positive", item, f)
		}
		lhs = strings.TrimSpace(lhs)
		if strings.EqualFold(lhs, "holidays") {
			if p.Holidays != 0 {
				return p, errors.New("holidays are given twice")
			}
			p.Holidays = f
			continue
		}
		if !strings.Contains(lhs, ":") {
			lhs += " 00:00-24:00"
		}
		h, err := staffing.ParseOpeningHours(lhs)
		if err != nil {
			return p, fmt.Errorf("%q: %w", item, err)
		}
		for _, r := range p.Rules {
			for d := 0; d < 7; d++ {
				a, b := r.Hours.Days[d], h.Days[d]
				if a.IsOpen() && b.IsOpen() && a.Open < b.Close && b.Open < a.Close {
					return p, fmt.Errorf("%q overlaps an earlier rule on %v: an hour can have one premium", item, time.Weekday(d))
				}
			}
		}
		p.Rules = append(p.Rules, PremiumRule{h, f})
	}
	return p, nil
}

// factor is the premium of the slot starting at clock on weekday wd of
// an ordinary day.
func (p Premiums) factor(wd time.Weekday, clock time.Duration) float64 {
	for _, r := range p.Rules {
		if w := r.Hours.Days[wd]; w.IsOpen() && clock >= w.Open && clock < w.Close {
			return r.Factor
		}
	}
	return 1
}

// week returns the premium per weekday and slot for a period whose days
// are days, a share holiday[wd] of each weekday being a public holiday;
// nil when there are no premiums.
func (p Premiums) week(step time.Duration, holiday [7]float64) [7][]float64 {
	var out [7][]float64
	if len(p.Rules) == 0 && p.Holidays == 0 {
		return out
	}
	slots := int(24 * time.Hour / step)
	for wd := 0; wd < 7; wd++ {
		out[wd] = make([]float64, slots)
		for k := range out[wd] {
			f := p.factor(time.Weekday(wd), time.Duration(k)*step)
			if p.Holidays > 0 {
				f = (1-holiday[wd])*f + holiday[wd]*p.Holidays
			}
			out[wd][k] = f
		}
	}
	return out
}
