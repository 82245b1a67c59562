package staffing

import (
	"fmt"
	"strings"
	"time"
)

// ChannelHours are the hours one channel is published with.
type ChannelHours struct {
	Channel Channel
	Hours   OpeningHours
	// Within is the answer promise published for email and callbacks
	// (within opening hours); 0 publishes none.
	Within time.Duration
}

// PublishedHours writes recommended hours as a short text fit for a
// website, channels in the order given:
//
//	Phone: Mon-Fri 09-21, Sat-Sun 10-18; chat: every day 08-22; email: answered within 30 minutes during opening hours (Mon-Fri 08-17)
//
// Hours on the hour are written without minutes, a week of equal days
// as "every day", and a channel never open as "closed".
func PublishedHours(hours []ChannelHours) string {
	parts := make([]string, len(hours))
	for i, h := range hours {
		name := h.Channel.String()
		if i == 0 {
			name = title(name)
		}
		when := publishedWeek(h.Hours)
		if h.Within > 0 {
			parts[i] = fmt.Sprintf("%s: answered within %s during opening hours (%s)", name, spokenDuration(h.Within), when)
			continue
		}
		parts[i] = name + ": " + when
	}
	return strings.Join(parts, "; ")
}

func publishedWeek(h OpeningHours) string {
	s := h.String()
	if s == "closed" {
		return s
	}
	if d := h.Days[0]; d.IsOpen() && h.Days == [7]Window{d, d, d, d, d, d, d} {
		s = "every day " + strings.TrimPrefix(s, "Mon-Sun ")
	}
	// 09:00-21:00 reads 09-21 on a website; 09:30 keeps its minutes.
	s = strings.NewReplacer(":00-", "-", ":00,", ",").Replace(s + ",")
	return strings.TrimSuffix(s, ",")
}

// spokenDuration writes d as a person would: "30 minutes", "2 hours", "1 hour 30 minutes".
func spokenDuration(d time.Duration) string {
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	unit := func(n int, one string) string {
		if n == 1 {
			return "1 " + one
		}
		return fmt.Sprintf("%d %ss", n, one)
	}
	switch {
	case h == 0:
		return unit(m, "minute")
	case m == 0:
		return unit(h, "hour")
	}
	return unit(h, "hour") + " " + unit(m, "minute")
}
