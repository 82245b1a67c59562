package staffing

import (
	"errors"
	"fmt"
	"math"
	"time"
)

// Concurrency describes how agents work a chat queue: each handles up to
// Chats chats at once, and every chat beyond the first slows all of them
// down by Slowdown (0.25 means a chat takes 25% longer per extra
// concurrent chat).
type Concurrency struct {
	Chats    int     // chats an agent handles at once; 0 means 1
	Slowdown float64 // fractional increase in handling time per extra chat, >= 0
}

// Validate reports every problem with c at once.
func (c Concurrency) Validate() error {
	var errs []error
	if c.Chats < 0 {
		errs = append(errs, fmt.Errorf("staffing: Concurrency.Chats = %d: want the chats one agent handles at once, >= 1", c.Chats))
	}
	if c.Slowdown < 0 || math.IsNaN(c.Slowdown) || math.IsInf(c.Slowdown, 0) {
		errs = append(errs, fmt.Errorf("staffing: Concurrency.Slowdown = %v: want a fraction >= 0 such as 0.2", c.Slowdown))
	}
	return errors.Join(errs...)
}

func (c Concurrency) k() int { return max(c.Chats, 1) }

// SlotAHT returns the handling time of one chat when an agent runs k
// chats at once: AHT·(1 + Slowdown·(k−1)).
func (c Concurrency) SlotAHT(aht time.Duration) time.Duration {
	k := c.k()
	return time.Duration(float64(aht) * (1 + c.Slowdown*float64(k-1)))
}

// RequiredChat returns the agents a chat queue needs. q.AHT is the
// handling time of a chat handled alone.
//
// Model: every agent offers k = c.Chats slots, each a server of an
// M/M/s queue (Erlang C, or Erlang A with a patience) whose service time
// is the slowed-down SlotAHT; the queue needs s slots to meet t, and
// ceil(s/k) agents. Requirement.Fractional is s_fractional/k and the
// Result describes the slot queue (its Occupancy is slot occupancy).
// The model assumes chats are pooled across agents and that an agent
// always runs k chats when busy, so it is optimistic for small teams
// where an agent's slots cannot be filled independently.
func RequiredChat(q Queue, c Concurrency, t Target) (Requirement, error) {
	if err := c.Validate(); err != nil {
		return Requirement{}, err
	}
	slots, t := chatSlots(q, c, t)
	req, err := Required(slots, t)
	return perAgent(req, c), err
}

// chatSlots returns the slot queue and its target for a chat queue q.
func chatSlots(q Queue, c Concurrency, t Target) (Queue, Target) {
	q.AHT = c.SlotAHT(q.AHT)
	if t.MaxAgents > 0 {
		t.MaxAgents *= c.k()
	}
	return q, t
}

// perAgent turns the slot queue's requirement into agents.
func perAgent(req Requirement, c Concurrency) Requirement {
	k := c.k()
	req.Agents = (req.Agents + k - 1) / k
	req.Fractional /= float64(k)
	return req
}
