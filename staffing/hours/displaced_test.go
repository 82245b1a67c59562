package hours

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/staffcast/staffcast/staffing"
)

// TestRecommendFloorAtTodayDisplaced: with returning callers, a floor and
// a budget set exactly by today's hours are met (today's hours meet them),
// even when the first, narrow pass finds no plan.
func TestRecommendFloorAtTodayDisplaced(t *testing.T) {
	t.Parallel()
	w := randomWeek(rand.New(rand.NewPCG(5, 5)), time.Hour)
	cur, _ := staffing.ParseOpeningHours("Mon-Fri 08:00-17:00")
	s := Settings{AHT: 4 * time.Minute, Target: staffing.Target{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second}, MinOpen: 6 * time.Hour, MaxOpen: 14 * time.Hour, Displaced: 0.3}
	s.ClosedOK[0], s.ClosedOK[6] = true, true
	c, err := Evaluate(w, s, cur)
	if err != nil {
		t.Fatal(err)
	}
	s.Budget, s.Floor = c.Cost, c.CallsLow
	p, err := Recommend(w, s)
	if err != nil {
		t.Fatal(err)
	}
	if p.Cost > s.Budget+1e-9 || p.CallsLow < s.Floor-1e-9 || p.Orders < c.Orders-1e-9 {
		t.Errorf("cost %v (budget %v), floor calls %v (floor %v), orders %v (today %v)", p.Cost, s.Budget, p.CallsLow, s.Floor, p.Orders, c.Orders)
	}
}
