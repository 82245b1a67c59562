package calendar

import "time"

// Kind says where an event comes from.
type Kind int

const (
	Holiday  Kind = iota + 1 // a public holiday of the chosen country
	Retail                   // a retail event: Black Friday, the Christmas rush, salary day, ...
	Campaign                 // a user's event from an events file: a campaign, a TV ad
)

// Event is a dated occasion that moves demand. Start and End are instants
// in the series' location; End is exclusive (a one-day holiday runs from
// local midnight to the next local midnight). Before and After widen the
// event by that many whole days on either side: the lead-up to Christmas or
// the returns that follow a sale.
type Event struct {
	Name   string
	Kind   Kind
	Start  time.Time
	End    time.Time
	Before int
	After  int
}
