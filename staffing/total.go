package staffing

// ChannelsTotal is the sum over channels of a plan's additive totals:
// what a "total" row under the channels shows.
type ChannelsTotal struct {
	Offered, Deflected float64 // contacts before deflection; those deflection resolved
	// AgentHours is the fractional requirement, RoundedHours the whole
	// agents, ScheduledHours after shrinkage, SavedHours what deflection
	// saves: the ChannelSummary fields of the same names, summed.
	AgentHours, RoundedHours, ScheduledHours, SavedHours float64
}

// Total sums the channels' summaries (Summarize, Totals.Channels) in
// their order.
func Total(sum []ChannelSummary) ChannelsTotal {
	var t ChannelsTotal
	for _, x := range sum {
		t.Offered += x.Offered
		t.Deflected += x.Deflected
		t.AgentHours += x.AgentHours
		t.RoundedHours += x.RoundedHours
		t.ScheduledHours += x.ScheduledHours
		t.SavedHours += x.SavedHours
	}
	return t
}
