// Package chart draws staffcast's charts with gonum.org/v1/plot: demand
// per weekday and time of day as a heat map with opening hours outlined,
// a forecast with its prediction band against what happened, and the
// agents required against the agents scheduled.
//
// Each chart function returns a *plot.Plot, which a notebook can draw as
// it likes or restyle first; Write renders one or more of them, stacked
// top to bottom, to an io.Writer as PNG or SVG, which is what the command
// line's --chart flags use. The package prints nothing and opens no files.
//
// # Conventions
//
// Series are plain slices of equal length, one value per interval, with
// the intervals' start times beside them; NaN is a missing value and is
// left out of lines and bands, which break there and at closed hours
// rather than join across them. Time axes read local weekdays and dates
// in the zone of the first start, with a line at each day boundary, so a
// 23-hour DST day is drawn 23 hours wide. Legends sit above the data and
// value axes leave headroom above the highest value; axes of counts are
// labelled in whole numbers. Per-weekday data is indexed by
// time.Weekday (Sunday = 0), as in staffing/hours.Week and
// staffing.OpeningHours, and drawn with Monday on top. Times of day are
// offsets from local midnight, so the hour axis reads wall-clock time on
// days with a daylight-saving change too.
//
// # Errors
//
// Input that cannot be drawn (no intervals, slices of different lengths,
// a non-positive step, an unknown format) is reported as an error naming
// the argument; no function panics on its arguments.
//
// # Start-up
//
// The package does no work at init. Importing it links gonum/plot, whose
// own init registers the Liberation fonts (about 0.3 ms and 185 kB per
// process, in every command of a binary that can draw).
//
// # Sizes
//
// Sizes are vg.Length (points, 72 to the inch); PNG is rendered at DPI
// dots per inch, so a 9 × 3.2 inch chart is 864 × 307 pixels.
package chart

// The README's pictures are the command line's --chart files on the
// embedded sample, so that they show what a planner gets:
//
//go:generate sh -c "go run ../cmd/staffcast hours --chart ../docs/img/hours.png >/dev/null"
//go:generate sh -c "go run ../cmd/staffcast backtest --column calls --horizon 14d --origins 1 --chart ../docs/img/backtest.png >/dev/null"
//go:generate sh -c "go run ../cmd/staffcast shifts --chart ../docs/img/coverage.png >/dev/null"
