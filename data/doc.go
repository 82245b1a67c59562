// Package data reads, checks and writes the tables staffcast works with:
// interval series (one row per interval: a start time and volumes such as
// orders, calls, chats, emails) and event logs (one row per order);
// and the channel-settings file that gives each channel its own staffing
// settings (ReadChannelSettings).
//
// # Formats
//
// CSV files have a header line. The separator is a comma or a semicolon
// (detected from the header); with semicolons a decimal comma is accepted,
// as Nordic spreadsheet exports write numbers:
//
//	start;calls;aht_seconds
//	2025-01-02 08:00;12;185,5
//
// Parquet and Arrow IPC files are read and written through Apache Arrow
// for Go. JSON is written (an array of objects) but not read.
//
// # Time
//
// A timestamp with a UTC offset or Z is an instant (the offset may be
// written +01:00, +0100 or +01, as DuckDB and PostgreSQL print it). One
// without is wall clock time in ReadOptions.Location; a wall-clock time
// that a daylight-saving change skips (spring) or repeats (autumn) is an
// error naming the line unless ReadOptions.Ambiguous says to take the
// earlier or the later instant, or InOrder: the first occurrence of a
// repeated time is summer time and the second winter time, as a
// local-time export writes them. Times come back in Location and are
// written as RFC 3339 with their offset, so the repeated autumn hour
// appears twice, once per offset:
//
//	2025-10-26T02:00:00+02:00
//	2025-10-26T02:00:00+01:00
//
// With no Location, each timestamp keeps the offset it was written with:
// its local clock, the one opening hours and shifts are planned on, is
// the one the file states (2026-12-14T21:00:00+01:00 is 21:00, not
// 20:00 UTC). Timestamps without an offset are then UTC. A series whose
// offsets change in a way no time zone does (twice within a week, as
// when UTC and local rows are mixed) is refused with ErrOffsets.
//
// Parquet timestamps keep their unit (seconds, milliseconds, microseconds
// or nanoseconds, read from the column type); they are written in
// microseconds with the zone's name.
//
// # Validation
//
// Every reader returns a *ParseError naming the file, the line (or row)
// and the column, showing the value and saying what was expected; it
// wraps a sentinel such as ErrBadTime or ErrGap. ReadSeries also checks
// that starts increase strictly at a regular step, that values are
// finite and not negative, and reports gaps (or fills them, GapZero). An
// empty cell is a missing value, NaN: hours when a phone line was closed
// are unknown demand, not zero demand.
//
// Outputs are written through WriteFileAtomic, so a failed run never
// leaves a half-written or truncated file.
package data
