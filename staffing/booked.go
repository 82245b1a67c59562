package staffing

import (
	"fmt"
	"math"
	"time"
)

// BookedNeed is the staffing of one interval of booked callbacks.
type BookedNeed struct {
	Agents     int
	Fractional float64 // bookings per slot / callbacks one agent does in a slot
	// PerAgent is how many callbacks one agent does in a slot:
	// floor(slot / (AHT + Prep)).
	PerAgent int
	// Capacity is how many bookings each slot of the interval can take
	// with Agents agents: Agents · PerAgent.
	Capacity int
}

// Booked staffs callbacks booked into slots of length slot: volume
// bookings in an interval of length interval, spread evenly over its
// interval/slot slots, each taking aht to handle and prep to prepare.
//
// Model: booked work is scheduled, not random. Its arrival time is known,
// so there is no queue and no waiting to plan for; what limits an agent
// is how many whole callbacks (with their preparation) fit in one slot,
// k = floor(slot/(aht+prep)). A slot with b bookings needs ceil(b/k)
// agents. Capacity turns this round: with the agents staffed, how many
// bookings each slot can accept, the figure a booking page should offer.
func Booked(volume float64, interval, slot, aht, prep time.Duration) (BookedNeed, error) {
	switch {
	case volume < 0 || math.IsNaN(volume) || math.IsInf(volume, 0):
		return BookedNeed{}, fmt.Errorf("staffing: booked callbacks = %v: want a finite count >= 0", volume)
	case aht <= 0 || prep < 0:
		return BookedNeed{}, fmt.Errorf("staffing: callback handling time %v and preparation %v: want a positive handling time and a preparation >= 0", aht, prep)
	case slot < aht+prep:
		return BookedNeed{}, fmt.Errorf("staffing: callback slot %v is shorter than the handling time %v plus preparation %v of one callback", slot, aht, prep)
	case interval < slot || interval%slot != 0:
		return BookedNeed{}, fmt.Errorf("staffing: callback slot %v: want a slot that divides the interval %v", slot, interval)
	}
	per := int(slot / (aht + prep))
	perSlot := volume / float64(interval/slot)
	frac := perSlot / float64(per)
	n := int(math.Ceil(frac - 1e-9))
	if n > DefaultMaxAgents {
		return BookedNeed{}, fmt.Errorf("staffing: %v booked callbacks per slot need more than %d agents", perSlot, DefaultMaxAgents)
	}
	return BookedNeed{Agents: n, Fractional: frac, PerAgent: per, Capacity: n * per}, nil
}
