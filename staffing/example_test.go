package staffing_test

import (
	"fmt"
	"time"

	"github.com/staffcast/staffcast/staffing"
)

func ExampleRequired() {
	// 100 calls in half an hour, 3 minutes each, 80% answered within 20 s.
	q := staffing.Queue{Volume: 100, Interval: 30 * time.Minute, AHT: 3 * time.Minute}
	level, within, err := staffing.ParseTarget("80/20")
	if err != nil {
		fmt.Println(err)
		return
	}
	req, err := staffing.Required(q, staffing.Target{ServiceLevel: level, AnswerWithin: within})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("load %.1f Erlangs: %d agents (%.2f exactly), %d scheduled at 30%% shrinkage\n",
		req.Result.OfferedLoad, req.Agents, req.Fractional, staffing.Scheduled(float64(req.Agents), 0.3))
	fmt.Printf("service level %.3f, ASA %.1f s, occupancy %.3f\n",
		req.Result.ServiceLevel, req.Result.ASASeconds, req.Result.Occupancy)
	// Output:
	// load 10.0 Erlangs: 14 agents (13.05 exactly), 20 scheduled at 30% shrinkage
	// service level 0.888, ASA 7.8 s, occupancy 0.714
}

func ExampleEvaluate_erlangA() {
	// The same queue with callers who hang up after 2 minutes on average.
	q := staffing.Queue{Volume: 100, Interval: 30 * time.Minute, AHT: 3 * time.Minute, Patience: 2 * time.Minute}
	for _, n := range []int{10, 12, 14} {
		r, err := staffing.Evaluate(q, n, 20*time.Second)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%d agents: SL %.3f, abandon %.3f, ASA %.1f s\n", n, r.ServiceLevel, r.PAbandon, r.ASASeconds)
	}
	// Output:
	// 10 agents: SL 0.640, abandon 0.137, ASA 14.6 s
	// 12 agents: SL 0.826, abandon 0.062, ASA 6.3 s
	// 14 agents: SL 0.933, abandon 0.023, ASA 2.3 s
}

func ExampleDeferred() {
	// 40 emails arrive at 09:00; 90% must be answered within an hour and
	// all within four. Each takes 3 minutes.
	vol := []float64{40, 0, 0, 0}
	aht := []time.Duration{3 * time.Minute, 3 * time.Minute, 3 * time.Minute, 3 * time.Minute}
	needs, err := staffing.Deferred(vol, aht, nil, time.Hour,
		staffing.Promise{Share: 0.9, Within: time.Hour, AllWithin: 4 * time.Hour})
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, n := range needs {
		fmt.Printf("%02d:00 agents %.2f backlog %.0f\n", 9+i, n.Fractional, n.Backlog)
	}
	// Output:
	// 09:00 agents 1.85 backlog 3
	// 10:00 agents 0.05 backlog 2
	// 11:00 agents 0.05 backlog 1
	// 12:00 agents 0.05 backlog 0
}
