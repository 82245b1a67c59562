package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// parseSpan reads a duration that may be given in days or weeks ("14d",
// "2w") as well as Go's units ("1h30m"). A day is 24 hours here; code
// that walks a calendar counts local days itself.
func parseSpan(flag, s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	for suffix, unit := range map[string]time.Duration{"d": 24 * time.Hour, "w": 7 * 24 * time.Hour} {
		if n, ok := strings.CutSuffix(s, suffix); ok {
			v, err := strconv.ParseFloat(n, 64)
			if err != nil || v < 0 {
				break
			}
			return time.Duration(v * float64(unit)), nil
		}
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, usageError(fmt.Errorf("--%s %q: want a duration such as 30m, 1h, 14d or 2w", flag, s))
	}
	return d, nil
}
