package simulate

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/staffcast/staffcast/staffing"
)

func TestQueuesFromPlan(t *testing.T) {
	t0 := time.Date(2025, 3, 30, 8, 0, 0, 0, time.UTC)
	q15 := 15 * time.Minute
	rows := []staffing.Row{
		{Start: t0, Channel: staffing.Phone, Volume: 10, AHT: 3 * time.Minute},
		{Start: t0, Channel: staffing.Email, Volume: 5},
		{Start: t0, Channel: staffing.Chat, Volume: 4},
		{Start: t0.Add(q15), Channel: staffing.Phone, Volume: 12},
		{Start: t0.Add(q15), Channel: staffing.Email, Volume: 6},
		{Start: t0.Add(q15), Channel: staffing.Callback, Volume: 1},
		{Start: t0.Add(q15), Channel: staffing.Chat, Volume: 3},
	}
	agents := []float64{3, 1.5, 2, 4, 2, 1, 1} // email's 1.5 is not checked: email is not simulated
	tmpl := Queue{Name: "ignored", AHT: 4 * time.Minute, Patience: time.Minute, Intervals: []Interval{{}}}
	chat := staffing.Concurrency{Chats: 2, Slowdown: 0.2}
	p, err := QueuesFromPlan(rows, agents, nil, tmpl, chat)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := p.Skipped, []staffing.Channel{staffing.Email, staffing.Callback}; !reflect.DeepEqual(got, want) {
		t.Errorf("Skipped = %v, want %v", got, want)
	}
	if got, want := p.Rows, [][]int{{0, 3}, {2, 6}}; !reflect.DeepEqual(got, want) {
		t.Errorf("Rows = %v, want %v", got, want)
	}
	if len(p.Queues) != 2 || p.Queues[0].Name != "phone" || p.Queues[1].Name != "chat" {
		t.Fatalf("queues %+v: want phone then chat", p.Queues)
	}
	phone, ch := p.Queues[0], p.Queues[1]
	wantPhone := []Interval{{Start: t0, Volume: 10, Agents: 3, AHT: 3 * time.Minute}, {Start: t0.Add(q15), Volume: 12, Agents: 4}}
	if !reflect.DeepEqual(phone.Intervals, wantPhone) {
		t.Errorf("phone intervals %+v, want %+v", phone.Intervals, wantPhone)
	}
	if phone.Chat != (staffing.Concurrency{}) || ch.Chat != chat {
		t.Errorf("concurrency: phone %+v, chat %+v; want none and %+v", phone.Chat, ch.Chat, chat)
	}
	if phone.AHT != tmpl.AHT || ch.Patience != tmpl.Patience || ch.Intervals[1].Agents != 1 {
		t.Errorf("template not carried: %+v", ch)
	}

	only := staffing.Chat
	p, err = QueuesFromPlan(rows, nil, &only, tmpl, chat)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Queues) != 1 || p.Queues[0].Name != "chat" || len(p.Skipped) != 0 || p.Queues[0].Intervals[0].Agents != 0 {
		t.Errorf("only chat, no agents: %+v", p)
	}

	agents[3] = 2.5
	_, err = QueuesFromPlan(rows, agents, nil, tmpl, chat)
	var bad *AgentsError
	if !errors.As(err, &bad) || bad.Row != 3 || bad.Agents != 2.5 {
		t.Errorf("fractional agents on row 3: err %v, want an *AgentsError for row 3", err)
	}
	if _, err := QueuesFromPlan(rows, agents[:2], nil, tmpl, chat); err == nil {
		t.Error("2 agents for 7 rows: no error")
	}
}

func TestStaffFromShifts(t *testing.T) {
	t0 := time.Date(2025, 3, 30, 8, 0, 0, 0, time.UTC)
	q15 := 15 * time.Minute
	q := Queue{Intervals: []Interval{{Start: t0, Agents: 9}, {Start: t0.Add(q15), Agents: 9}, {Start: t0.Add(2 * q15), Agents: 9}}}
	// 3 agents 08:00–08:45 with a break 08:15–08:30, and 2 from 08:30.
	shifts := []Shift{
		{Start: t0, End: t0.Add(3 * q15), Agents: 3, BreakStart: t0.Add(q15), BreakEnd: t0.Add(2 * q15)},
		{Start: t0.Add(2 * q15), End: t0.Add(4 * q15), Agents: 2},
	}
	if err := StaffFromShifts(&q, shifts, q15); err != nil {
		t.Fatal(err)
	}
	for i, want := range []int{3, 0, 5} {
		if q.Intervals[i].Agents != want {
			t.Errorf("interval %d: %d agents, want %d", i, q.Intervals[i].Agents, want)
		}
	}
	if err := StaffFromShifts(&q, []Shift{{Start: t0.Add(time.Hour), End: t0.Add(2 * time.Hour), Agents: 1}}, q15); err == nil {
		t.Error("a shift outside the intervals: no error")
	}
}
