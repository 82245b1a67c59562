package sample

import (
	"fmt"
	"io"
	"time"

	"github.com/staffcast/staffcast/data"
)

// OrderWeeks is how many weeks at the end of the sample RecentOrders
// covers: enough for "staffcast aggregate" to show a month's pattern.
const OrderWeeks = 4

// WeekVolumes returns the week the staffing commands show on the sample
// as staff input (Volumes): one row per interval of step and channel,
// phone only while the line was open. The week starts on Monday 17
// November 2025 at midnight in Europe/Stockholm: an ordinary week in the
// run-up to Black Friday, rather than the holiday week at the end of the
// data.
func WeekVolumes(step time.Duration) (*data.Table, error) {
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		return nil, fmt.Errorf("sample: the sample's week needs the Europe/Stockholm time zone: %w", err)
	}
	from := time.Date(2025, 11, 17, 0, 0, 0, 0, loc)
	return Volumes(from, from.AddDate(0, 0, 7), step)
}

// RecentOrders writes the order log (WriteOrders, seeded with Seed) of
// the last OrderWeeks weeks of s, the sample (Shop).
func RecentOrders(w io.Writer, s *data.Series) error {
	if len(s.Start) == 0 {
		return fmt.Errorf("sample: RecentOrders: the series is empty")
	}
	end := s.Start[len(s.Start)-1].Add(s.Step)
	return WriteOrders(w, s, end.AddDate(0, 0, -7*OrderWeeks), end, Seed)
}
