package forecast

import (
	"math"
	"sort"
	"time"
)

// profileParams are the smoothing constants of the Profile model, chosen
// per series by rolling-origin validation inside the history.
type profileParams struct {
	shapeHalf float64 // half-life of the week profile, in weeks
	levelHalf float64 // half-life of the level correction, in weeks; 0: none
}

// profileGrid is what validation chooses from.
func profileGrid() []profileParams {
	var g []profileParams
	for _, s := range []float64{1, 2, 4, 8, 16, 32} {
		for _, l := range []float64{0, 0.5, 1, 2} {
			g = append(g, profileParams{s, l})
		}
	}
	return g
}

// recentProfileGrid is what validation chooses the RecentProfile
// model's constants from: a week profile with a half-life under a week
// (the last two or three weeks carry nearly all the weight), so that a
// timetable changed a few weeks ago is the profile within a week or two,
// and a level of the last days.
func recentProfileGrid() []profileParams {
	var g []profileParams
	for _, s := range []float64{0.35, 0.5, 0.75} {
		for _, l := range []float64{0, 0.15, 0.3} {
			g = append(g, profileParams{s, l})
		}
	}
	return g
}

// profileWeeks is how far back the Profile model looks.
const profileWeeks = 52

// profileFit holds what the Profile model learns from a history, so that
// several parameter sets can be tried on one pass over the data.
type profileFit struct {
	step    time.Duration
	perWeek int
	last    time.Time
	slot    []int     // slot of the week of each kept observation
	age     []float64 // weeks before the last observation
	val     []float64
	weights map[float64][]float64 // by half-life: the grid reuses each
}

// newProfileFit keeps the observations of the last profileWeeks weeks,
// leaving out days that look like holes: a day whose total is under a
// quarter of its weekday's median over the window (a holiday closure, an
// outage) says nothing about an ordinary week.
func newProfileFit(start []time.Time, y []float64, step time.Duration) *profileFit {
	f := &profileFit{step: step, perWeek: int(7 * 24 * time.Hour / step), last: start[len(start)-1]}
	from := f.last.AddDate(0, 0, -7*profileWeeks)
	first := sort.Search(len(start), func(i int) bool { return start[i].After(from) })
	// Day totals (observed intervals only) and the median by weekday.
	type day struct {
		total float64
		wd    time.Weekday
	}
	days := map[int64]*day{}
	for i := first; i < len(start); i++ {
		if math.IsNaN(y[i]) {
			continue
		}
		k := wallKey(dayOf(start[i]))
		d := days[k]
		if d == nil {
			d = &day{wd: start[i].Weekday()}
			days[k] = d
		}
		d.total += y[i]
	}
	var byWd [7][]float64
	for _, d := range days {
		byWd[d.wd] = append(byWd[d.wd], d.total)
	}
	var med [7]float64
	for wd := range byWd {
		if len(byWd[wd]) > 0 {
			sort.Float64s(byWd[wd])
			med[wd] = byWd[wd][len(byWd[wd])/2]
		}
	}
	lastDay := wallKey(dayOf(f.last))
	for i := first; i < len(start); i++ {
		if math.IsNaN(y[i]) {
			continue
		}
		k := wallKey(dayOf(start[i]))
		// The last day may be partial: keep it whatever its total.
		if k != lastDay && days[k].total < 0.25*med[start[i].Weekday()] {
			continue
		}
		f.slot = append(f.slot, slotOf(start[i], step))
		f.age = append(f.age, f.last.Sub(start[i]).Hours()/(7*24))
		f.val = append(f.val, y[i])
	}
	return f
}

// predict forecasts future: a weighted mean of each slot of the week
// (half-life shapeHalf weeks) times the ratio of recent actuals to that
// profile (half-life levelHalf), which follows a level that moves faster
// than the week's shape can be estimated.
func (f *profileFit) predict(pp profileParams, future []time.Time) []float64 {
	sum := make([]float64, f.perWeek)
	wt := make([]float64, f.perWeek)
	for i, w := range f.weightsFor(pp.shapeHalf) {
		s := f.slot[i]
		sum[s] += w * f.val[i]
		wt[s] += w
	}
	a := make([]float64, f.perWeek)
	for s := range a {
		if wt[s] > 0 {
			a[s] = sum[s] / wt[s]
		}
	}
	level := 1.0
	if pp.levelHalf > 0 {
		num, den := 0.0, 0.0
		for i, w := range f.weightsFor(pp.levelHalf) {
			num += w * f.val[i]
			den += w * a[f.slot[i]]
		}
		if den > 0 && num > 0 {
			level = num / den
		}
	}
	out := make([]float64, len(future))
	for i, t := range future {
		out[i] = level * a[slotOf(t, f.step)]
	}
	return out
}

// weightsFor returns 2^(−age/half) of each observation.
func (f *profileFit) weightsFor(half float64) []float64 {
	if w, ok := f.weights[half]; ok {
		return w
	}
	w := make([]float64, len(f.age))
	for i, a := range f.age {
		w[i] = math.Exp2(-a / half)
	}
	if f.weights == nil {
		f.weights = map[float64][]float64{}
	}
	f.weights[half] = w
	return w
}
