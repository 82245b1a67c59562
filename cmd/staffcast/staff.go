package main

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/staffcast/staffcast/cmd/staffcast/internal/render"
	"github.com/staffcast/staffcast/data"
	"github.com/staffcast/staffcast/staffing"
	"github.com/urfave/cli/v2"
)

func staffCommand() *cli.Command {
	return &cli.Command{
		Name:  "staff",
		Usage: "agents per interval for a table of volumes (phone, chat, email, callbacks)",
		UsageText: `staffcast staff --in volumes.csv --aht 3m --target 80/20 --shrinkage 0.3 --out requirements.csv
   staffcast staff --in volumes.csv --tz Europe/Stockholm --aht 4m --patience 2m --chats 3 --chat-slowdown 0.2 \
       --email-within 1h --email-all-within 4h --open "Mon-Fri 08:00-17:00" --format json
   staffcast staff --in volumes-15m.csv --aht 4m --target 80/20 --shrinkage 0.3 --out requirements-15m.csv
   staffcast staff --aht 3m --chat-aht 6m --chat-target 80/60 --email-aht 4m --email-within 10m --deflect chat=0.25,email=0.1
   staffcast staff --aht 3m --email-within 10m --quotes

The input has a column start and either, in long form, a column volume
(contacts offered in the interval; or the column --column names, or
forecast, p50 or offered when volume is absent) with optionally channel
(phone, chat, email or callback; phone when absent), aht_seconds and
deflect (the share a chatbot resolves), or, in wide form, columns calls,
chats, emails and callbacks. Rows of a channel must be in time order
without repeats. The interval length is the spacing of start, or
--interval.

Each channel is staffed by its own model and settings (--channel-settings,
--chat-*, --email-*): phone and chat as Erlang C (A with --patience);
email and callbacks by their promise: one under two intervals as an
Erlang C queue with the promise as the answer time, longer ones by
spreading each interval's items over the promise window (backlog);
callbacks with a slot in --channel-settings as booked work.

The output has one row per interval and channel: agents (the smallest
staffing meeting every target), fractional_agents (where the target is
met exactly), scheduled_agents (after shrinkage), service_level,
asa_seconds, occupancy, and where they apply p_abandon (--patience),
backlog, quote_p50 and quote_p90 (seconds to quote for email and
callbacks, from the interval's start), deflected and slot_capacity
(bookings each callback slot can take). --quotes prints instead what can
be promised by weekday and hour. Totals by channel, deflection savings
and the published hours go to stderr.

` + channelSettingsHelp,
		Flags: append(append(append([]cli.Flag{
			&cli.StringFlag{Name: "in", Usage: "interval table to staff: CSV, Parquet or Arrow; - for CSV on stdin; default: a week of the embedded sample"},
			&cli.DurationFlag{Name: "interval", Usage: "interval length; 0 = the spacing of start"},
			&cli.IntFlag{Name: "chats", Value: 1, Usage: "chats one agent handles at once"},
			&cli.Float64Flag{Name: "chat-slowdown", Usage: "extra handling time per extra concurrent chat, a fraction (0.2 = 20% slower per extra chat)"},
			&cli.Float64Flag{Name: "email-share", Value: 0.9, Usage: "email and callbacks: share answered within --email-within"},
			&cli.DurationFlag{Name: "email-within", Value: time.Hour, Usage: "email and callbacks: response-time promise for --email-share of the items, in open time"},
			&cli.DurationFlag{Name: "email-all-within", Value: 4 * time.Hour, Usage: "email and callbacks: promise for every item, in open time"},
			&cli.StringFlag{Name: "open", Usage: `opening hours in which email and callbacks are worked, e.g. "Mon-Fri 08:00-17:00,Sat 10:00-14:00"; default: every input interval`},
			&cli.StringFlag{Name: "column", Usage: "the column of volumes to staff (long form); default volume, else forecast, p50 or offered"},
			&cli.StringFlag{Name: "channel-settings", Usage: "CSV or JSON file of per-channel settings (see below)"},
			&cli.DurationFlag{Name: "chat-aht", DefaultText: "--aht", Usage: "handling time of a chat handled alone"},
			&cli.StringFlag{Name: "chat-target", Usage: "chat service level, PERCENT/SECONDS; default --target"},
			&cli.DurationFlag{Name: "email-aht", DefaultText: "--aht", Usage: "handling time of an email"},
			&cli.StringFlag{Name: "deflect", Usage: "share of contacts a chatbot or self-service resolves, per channel, e.g. chat=0.25,email=0.1"},
			&cli.StringFlag{Name: "teams", Usage: "compare blended and dedicated teams, e.g. phone,chat+email (channels joined by + share agents); totals on stderr"},
			&cli.BoolFlag{Name: "quotes", Usage: "print what can be promised by weekday and hour (quote_p50, quote_p90) instead of the rows"},
		}, timeFlags()...), withDefaultText(staffingFlags(), "aht", "the input's aht_seconds; 4m for the sample")...), append(outputFlags(formatTable, formatCSV, formatJSON, formatParquet), staffRiskFlags()...)...),
		Action: runStaff,
	}
}

func runStaff(c *cli.Context) error {
	if !riskMode(c) {
		// Streamed, staff holds a chunk and the needs a quote waits
		// for: a few MB, while package initialisation leaves about 3 MB
		// and the collector's first goal is 4 MB, so that a year of
		// rows paid for two or more collections (10% of its CPU). A
		// goal of five times the live heap (GOGC=400) lets it run with
		// none; the soft limit of 48 MiB keeps a long stream (a Parquet
		// row group being written is 64 Ki rows) under 100 MB of RSS.
		// Set before the first chunk is read: set after it, the
		// collection the first chunk started ran beside the whole year
		// (its write barriers and marking, 1 ms of 14).
		defer debug.SetGCPercent(debug.SetGCPercent(400))
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(48 << 20))
	}
	out, err := newOutput(c, formatTable, formatCSV, formatJSON, formatParquet)
	if err != nil {
		return err
	}
	s, files, err := staffSettings(c)
	if err != nil {
		return err
	}
	opt, err := readOptions(c)
	if err != nil {
		return err
	}
	opt.Text = []string{"channel"}
	next, closeIn, err := staffSource(c, opt, &s)
	if err != nil {
		return err
	}
	defer closeIn()
	rr := &rowReader{column: c.String("column"), defaultAHT: s.AHT, note: c.App.ErrWriter,
		ahtElsewhere: c.IsSet("channel-settings") || c.IsSet("chat-aht") || c.IsSet("email-aht"),
		interval:     s.Interval, intervalFlag: s.Interval > 0}
	tb, err := next()
	if err != nil {
		return inputError(err)
	}
	first, err := rr.read(tb)
	if err != nil {
		return err
	}
	if s.Interval == 0 {
		if rr.interval == 0 {
			return usageError(errors.New("cannot tell the interval length from a single row per channel: pass --interval"))
		}
		s.Interval = rr.interval
	}
	if err := checkChannels(c, first.rows, s, files); err != nil {
		return err
	}
	if err := s.Validate(); err != nil {
		return usageError(flagNames(err))
	}
	planner, err := staffing.NewPlanner(s)
	if err != nil {
		return usageError(flagNames(err))
	}
	spec := newNeedsSpec(first.rows, s, tb.Column("deflect") != nil)
	totals := staffing.NewTotals(s)
	var teams *staffing.TeamTotals
	if spec := c.String("teams"); spec != "" {
		t, _ := staffing.ParseTeams(spec) // checked in staffSettings
		teams = staffing.NewTeamTotals(t)
	}
	// run streams the rows through the planner chunk by chunk, handing
	// each chunk of finished needs to emit: only the chunk being read and
	// the needs a quote waits for are held.
	run := func(emit func([]staffing.Need) error) error {
		// where is the input row of every need not yet emitted; no
		// pointers, so that appending a row costs no write barrier.
		type wherePos struct {
			pos    data.Pos
			volume float64
		}
		where := make([]wherePos, 0, chunk)
		file := tb.File() // every chunk's
		added := 0
		needs := make([]staffing.Need, 0, chunk)
		failed := func(err error) error {
			var re *staffing.RowError
			at := rowPos{}
			if errors.As(err, &re) {
				w := where[re.Row-(added-len(where))]
				at = rowPos{file, w.pos, w.volume}
			}
			return planError(err, at, rr.column)
		}
		flush := func() error {
			needs = planner.Ready(needs)
			where = where[:copy(where, where[len(needs):])]
			totals.Add(needs)
			if teams != nil {
				teams.Add(needs)
			}
			if len(needs) == 0 {
				return nil
			}
			err := emit(needs)
			needs = needs[:0]
			return err
		}
		for ch := first; ; {
			for i, r := range ch.rows {
				where = append(where, wherePos{ch.tb.Pos(ch.line[i]), r.Volume})
				added++
				if err := planner.Add(r); err != nil {
					return failed(err)
				}
				// Taking each need as it is final keeps the planner's
				// queue to the rows a quote waits for, instead of a
				// chunk's worth grown (and its pages first touched)
				// row by row.
				needs = planner.Ready(needs)
			}
			if err := flush(); err != nil {
				return err
			}
			tb, err := next()
			if err == io.EOF {
				break
			}
			if err != nil {
				return inputError(err)
			}
			if ch, err = rr.read(tb); err != nil {
				return err
			}
		}
		if err := planner.Close(); err != nil {
			return failed(err)
		}
		return flush()
	}
	switch {
	case riskMode(c):
		// The simulation (staff_risk.go) takes the whole plan at once, with
		// the table's rows one to one: the table was read whole.
		if rr.wide != nil {
			return usageError(errors.New("--time-varying, --risk and --quantile-column take the long form (a column volume and a column channel), not calls, chats, emails and callbacks"))
		}
		needs, err := staffing.Plan(first.rows, s)
		if err != nil {
			var re *staffing.RowError
			at := rowPos{}
			if errors.As(err, &re) {
				at = rowPos{tb.File(), tb.Pos(first.line[re.Row]), first.rows[re.Row].Volume}
			}
			return planError(err, at, rr.column)
		}
		extra, err := staffRisk(c, tb, first.rows, needs, s) // staff_risk.go: --time-varying, --risk, --quantile-column
		if err != nil {
			return err
		}
		totals.Add(needs)
		if teams != nil {
			teams.Add(needs)
		}
		result := needsTable(needs, spec)
		result.Columns = append(result.Columns, extra...)
		// volume stays the input's, whichever volume --risk or
		// --quantile-column staffed for.
		if v := result.Column("volume"); v != nil {
			for i, r := range first.rows {
				v.Float[i] = r.Volume
			}
		}
		if c.Bool("quotes") {
			result = render.Quotes(totals.Quotes())
		}
		if err := out.writeTable(c.App.Writer, result, 3); err != nil {
			return err
		}
	case c.Bool("quotes"):
		if err := run(func([]staffing.Need) error { return nil }); err != nil {
			return err
		}
		err = out.writeTable(c.App.Writer, render.Quotes(totals.Quotes()), 3)
	case out.format == formatTable:
		// A terminal table needs every row to size its columns.
		var all []staffing.Need
		if err := run(func(n []staffing.Need) error { all = append(all, n...); return nil }); err != nil {
			return err
		}
		err = out.writeTable(c.App.Writer, needsTable(all, spec), 3)
	default:
		f, ferr := data.ParseFormat(out.format)
		if ferr != nil {
			return usageError(ferr)
		}
		err = out.write(c.App.Writer, func(w io.Writer) error {
			tw, err := data.NewTableWriter(w, f)
			if err != nil {
				return err
			}
			var chunk *data.Table // reused: the writer keeps no part of it
			if err := run(func(n []staffing.Need) error {
				chunk = fillNeedsTable(chunk, n, spec)
				return tw.Write(chunk)
			}); err != nil {
				return err
			}
			return tw.Close()
		})
	}
	if err != nil {
		return err
	}
	sum := totals.Channels()
	render.StaffSummary(c.App.ErrWriter, sum, publishedHours(c, sum, s, files))
	if teams != nil {
		render.Teams(c.App.ErrWriter, teams.Hours(s.Interval))
	}
	return nil
}

// oneChunk is a source of chunks that holds one table.
func oneChunk(tb *data.Table) func() (*data.Table, error) {
	done := false
	return func() (*data.Table, error) {
		if done {
			return nil, io.EOF
		}
		done = true
		return tb, nil
	}
}

// planError names where a plan failed: the input row at, in column.
func planError(err error, at rowPos, column string) error {
	var re *staffing.RowError
	if !errors.As(err, &re) {
		return usageError(flagNames(err))
	}
	err = at.pos.ErrorAt(at.file, column, fmt.Sprint(at.volume), flagNames(rowFields.Replace(re.Err)))
	if errors.Is(re.Err, staffing.ErrUnreachable) {
		return unreachableError(err)
	}
	return inputError(err)
}

// riskMode says whether staff runs the simulation of staff_risk.go,
// which needs the whole table in memory.
func riskMode(c *cli.Context) bool {
	return c.Bool("time-varying") || c.IsSet("risk") || c.String("quantile-column") != ""
}

// rowPos is where a plan row came from, for its error messages: its
// chunk is gone (reused) by the time the planner finds a quote's error.
type rowPos struct {
	file   string
	pos    data.Pos
	volume float64
}

// chunk is the rows staff reads at a time: what a chunk holds on its
// way through (rows, needs, the output table) stays in the cache; 8,192
// cost 10% more CPU.
const chunk = 2048

// staffSource returns the input as a source of chunks: --in read a chunk
// at a time, or the embedded sample as one.
func staffSource(c *cli.Context, opt data.ReadOptions, s *staffing.Settings) (next func() (*data.Table, error), closeIn func(), err error) {
	path := c.String("in")
	if path == "" {
		sampleNote(c, "in", "the week of 17 November 2025: calls, chats and emails, Europe/Stockholm")
		if s.AHT == 0 {
			// The sample has no handling times; use the one staffcast
			// hours assumes, so that the command runs as it is.
			s.AHT = 4 * time.Minute
			fmt.Fprintln(c.App.ErrWriter, "no --aht: assuming 4m for the sample")
		}
		tb, err := sampleVolumes()
		if err != nil {
			return nil, nil, err
		}
		return oneChunk(tb), func() {}, nil
	}
	if riskMode(c) {
		tb, err := readTable(c, path, opt)
		if err != nil {
			return nil, nil, err
		}
		return oneChunk(tb), func() {}, nil
	}
	var tr *data.TableReader
	if path == "-" {
		tr, err = data.NewTableReader(c.App.Reader, "stdin", data.CSV, opt, chunk)
		if err != nil {
			return nil, nil, inputError(err)
		}
		tr.Reuse() // run keeps nothing of a chunk but copies and data.Pos
		return tr.Next, func() { tr.Close() }, nil
	}
	f, err := data.FormatFromPath(path)
	if err != nil {
		return nil, nil, inputError(err)
	}
	file, err := os.Open(path)
	if err != nil {
		return nil, nil, inputError(err)
	}
	if tr, err = data.NewTableReader(file, path, f, opt, chunk); err != nil {
		file.Close()
		return nil, nil, inputError(err)
	}
	tr.Reuse()
	return tr.Next, func() { tr.Close(); file.Close() }, nil
}

// staffSettings builds the plan settings from the flags and the
// --channel-settings file, checking every flag before any data is read.
func staffSettings(c *cli.Context) (staffing.Settings, []data.ChannelSetting, error) {
	target, err := readTarget(c)
	if err != nil {
		return staffing.Settings{}, nil, err
	}
	if c.Int("chats") < 1 {
		return staffing.Settings{}, nil, usageError(fmt.Errorf("--chats %d: want the chats one agent handles at once, 1 or more", c.Int("chats")))
	}
	s := staffing.Settings{
		Interval:  c.Duration("interval"),
		AHT:       c.Duration("aht"),
		Target:    target,
		Patience:  c.Duration("patience"),
		Shrinkage: c.Float64("shrinkage"),
		Chat:      staffing.Concurrency{Chats: c.Int("chats"), Slowdown: c.Float64("chat-slowdown")},
		Promise:   staffing.Promise{Share: c.Float64("email-share"), Within: c.Duration("email-within"), AllWithin: c.Duration("email-all-within")},
		Channels:  map[staffing.Channel]staffing.ChannelSettings{},
	}
	if err := s.Promise.Validate(); err != nil {
		return s, nil, usageError(flagNames(err))
	}
	if s.Interval < 0 {
		return s, nil, usageError(fmt.Errorf("--interval %v: want a positive duration, or 0 for the spacing of start", s.Interval))
	}
	if spec := c.String("open"); spec != "" {
		hours, err := staffing.ParseOpeningHours(spec)
		if err != nil {
			return s, nil, usageError(fmt.Errorf("--open: %w", err))
		}
		s.Open = hours.Contains
	}
	var files []data.ChannelSetting
	if path := c.String("channel-settings"); path != "" {
		if files, err = readChannelSettings(path); err != nil {
			return s, nil, usageError(err)
		}
		data.ApplyChannelSettings(&s, files)
	}
	set := func(ch staffing.Channel, f func(*staffing.ChannelSettings)) {
		cs := s.Channels[ch]
		f(&cs)
		s.Channels[ch] = cs
	}
	if c.IsSet("chat-aht") {
		if d := c.Duration("chat-aht"); d <= 0 {
			return s, nil, usageError(fmt.Errorf("--chat-aht %v: want a positive handling time such as 6m", d))
		}
		set(staffing.Chat, func(cs *staffing.ChannelSettings) { cs.AHT = c.Duration("chat-aht") })
	}
	if c.IsSet("email-aht") {
		if d := c.Duration("email-aht"); d <= 0 {
			return s, nil, usageError(fmt.Errorf("--email-aht %v: want a positive handling time such as 4m", d))
		}
		set(staffing.Email, func(cs *staffing.ChannelSettings) { cs.AHT = c.Duration("email-aht") })
	}
	if c.IsSet("chat-target") {
		p, err := staffing.ParseTarget(c.String("chat-target"))
		if err != nil {
			return s, nil, usageError(fmt.Errorf("--chat-target: %w", err))
		}
		t := target // the voice ceilings, with chat's own service level
		t.ServiceLevel, t.AnswerWithin = p.ServiceLevel, p.AnswerWithin
		set(staffing.Chat, func(cs *staffing.ChannelSettings) { cs.Target = &t })
	}
	if spec := c.String("teams"); spec != "" {
		if _, err := staffing.ParseTeams(spec); err != nil {
			return s, nil, usageError(fmt.Errorf("--teams: %w", err))
		}
	}
	if spec := c.String("deflect"); spec != "" {
		shares, err := staffing.ParseShares(spec)
		if err != nil {
			return s, nil, usageError(fmt.Errorf("--deflect: %w", err))
		}
		for ch, v := range shares {
			set(ch, func(cs *staffing.ChannelSettings) { cs.Deflect = v })
		}
	}
	return s, files, nil
}

// checkChannels refuses per-channel settings for a channel the data lack:
// they would be silently ignored.
//
// It also checks what depends on the channels present: a promise shorter
// than the handling time, a callback slot that cannot hold a callback.
func checkChannels(c *cli.Context, rows []staffing.Row, s staffing.Settings, files []data.ChannelSetting) error {
	var have [4]bool
	for _, r := range rows {
		have[r.Channel] = true
	}
	for _, f := range files {
		if !have[f.Channel] {
			return usageError(fmt.Errorf("%s:%d: field \"channel\": settings for %v, but the data have no %v rows", c.String("channel-settings"), f.Line, f.Channel, f.Channel))
		}
	}
	for flag, ch := range map[string]staffing.Channel{"chat-aht": staffing.Chat, "chat-target": staffing.Chat, "email-aht": staffing.Email} {
		if c.IsSet(flag) && !have[ch] {
			return usageError(fmt.Errorf("--%s: the data have no %v rows", flag, ch))
		}
	}
	if spec := c.String("deflect"); spec != "" {
		shares, _ := staffing.ParseShares(spec)
		for _, ch := range staffing.Channels {
			if _, ok := shares[ch]; ok && !have[ch] {
				return usageError(fmt.Errorf("--deflect %s: the data have no %v rows", spec, ch))
			}
		}
	}
	if spec := c.String("teams"); spec != "" {
		teams, _ := staffing.ParseTeams(spec)
		var in [4]bool
		for _, t := range teams {
			for _, ch := range t.Channels {
				if !have[ch] {
					return usageError(fmt.Errorf("--teams %s: team %q names %v, but the data have no %v rows", spec, t.Name, ch, ch))
				}
				in[ch] = true
			}
		}
		for _, ch := range staffing.Channels {
			if have[ch] && !in[ch] {
				return usageError(fmt.Errorf("--teams %s: the data have %v rows but no team works them; add %v to a team", spec, ch, ch))
			}
		}
	}
	for _, ch := range staffing.Channels {
		if !have[ch] {
			continue
		}
		if err := staffing.CheckChannel(s, ch); err != nil {
			for _, f := range files {
				if f.Channel == ch {
					return usageError(fmt.Errorf("%s:%d: %s", c.String("channel-settings"), f.Line, settingsFields.Replace(err.Error())))
				}
			}
			return usageError(flagNames(err))
		}
	}
	return nil
}

// rowFields names the library fields behind a row's value as the input
// columns, and settingsFields as the --channel-settings fields.
var (
	rowFields      = errorReplacer{strings.NewReplacer("Queue.Volume", "the volume")}
	settingsFields = strings.NewReplacer(
		"Promise.Share", `field "share"`, "Promise.AllWithin", `field "all_within"`, "Promise.Within", `field "within"`,
		"ChannelSettings.Slot", `field "slot"`, "ChannelSettings.Deflect", `field "deflect"`, "ChannelSettings.AHT", `field "aht"`,
		"Target.ServiceLevel", `field "target"`, "Concurrency.Chats", `field "chats"`, "Concurrency.Slowdown", `field "slowdown"`)
)

type errorReplacer struct{ r *strings.Replacer }

func (e errorReplacer) Replace(err error) error { return errors.New(e.r.Replace(err.Error())) }

// wideColumns are the columns of the wide form and their channels.
var wideColumns = []struct {
	name string
	ch   staffing.Channel
}{{"calls", staffing.Phone}, {"chats", staffing.Chat}, {"emails", staffing.Email}, {"callbacks", staffing.Callback}}

// staffRows turns a whole table into plan rows and returns the interval,
// the most common spacing of start within a channel (see rowReader).
func staffRows(tb *data.Table, defaultAHT time.Duration) ([]staffing.Row, time.Duration, error) {
	rr := &rowReader{defaultAHT: defaultAHT, note: io.Discard}
	ch, err := rr.read(tb)
	return ch.rows, rr.interval, err
}

// rowReader turns input chunks into plan rows, refusing rows out of time
// order, repeats within a channel and rows off the interval's beat. It
// carries across chunks what these checks need: the last row of each
// channel. The first chunk decides the columns, and the interval when
// none is given: the most common spacing of start within a channel.
type rowReader struct {
	column       string // --column; after the first chunk, the column the volumes come from ("" for wide)
	defaultAHT   time.Duration
	ahtElsewhere bool // per-channel settings may give the handling time the rows lack
	note         io.Writer
	interval     time.Duration
	intervalFlag bool // the interval is --interval's

	decided bool
	wide    []wideSource
	last    [4]lastRow // by channel
	chunk   staffChunk // the last chunk's slices, reused
}

type wideSource struct {
	name string
	ch   staffing.Channel
}

// lastRow is a channel's last row: row i of the chunk being read
// (inChunk), else at pos, of a chunk gone. seen is false before the first.
type lastRow struct {
	seen    bool
	start   time.Time
	i       int
	inChunk bool
	pos     data.Pos
}

// where names the row in messages: "line 3".
func (l lastRow) where(tb *data.Table) string {
	if l.inChunk {
		return tb.Pos(l.i).String()
	}
	return l.pos.String()
}

// staffChunk is one chunk's plan rows; line[i] is the table row behind
// row i, gap[i] its time since the previous row of its channel (0 for
// the channel's first row).
type staffChunk struct {
	tb   *data.Table
	rows []staffing.Row
	line []int
	gap  []time.Duration
}

// decide picks the volume column (or the wide form's) from the first chunk.
func (rr *rowReader) decide(tb *data.Table) error {
	rr.decided = true
	switch {
	case rr.column != "":
		if tb.Column(rr.column) == nil {
			return usageError(fmt.Errorf("--column %q: the input has no such column", rr.column))
		}
		return nil
	case tb.Column("volume") != nil:
		rr.column = "volume"
		return nil
	}
	for _, alt := range []string{"forecast", "p50", "offered"} {
		if tb.Column(alt) != nil {
			rr.column = alt
			fmt.Fprintf(rr.note, "no column volume: staffing the column %s (choose another with --column)\n", alt)
			return nil
		}
	}
	for _, w := range wideColumns {
		if tb.Column(w.name) != nil {
			rr.wide = append(rr.wide, wideSource{w.name, w.ch})
		}
	}
	if rr.wide == nil {
		return inputError(fileError(tb, "volume", fmt.Errorf("%w: want a column volume (or forecast, p50, offered; or name one with --column), or the wide form's calls, chats, emails and callbacks", data.ErrMissingColumn)))
	}
	if tb.Column("aht_seconds") != nil || tb.Column("channel") != nil {
		return inputError(fileError(tb, "aht_seconds", errors.New("the wide form (calls, chats, emails, callbacks) takes handling times from the flags or --channel-settings, not a column aht_seconds or channel")))
	}
	rr.column = rr.wide[0].name
	return nil
}

// read turns one chunk into plan rows.
func (rr *rowReader) read(tb *data.Table) (staffChunk, error) {
	// The previous chunk's rows are in the planner by now: reuse its slices.
	ch := staffChunk{tb: tb, rows: rr.chunk.rows[:0], line: rr.chunk.line[:0], gap: rr.chunk.gap[:0]}
	defer func() { rr.chunk = ch }()
	start := tb.Column("start")
	if start == nil || start.Time == nil {
		return ch, inputError(fileError(tb, "start", fmt.Errorf("%w: want a column \"start\" of times", data.ErrMissingColumn)))
	}
	if !rr.decided {
		if err := rr.decide(tb); err != nil {
			return ch, err
		}
	}
	type source struct {
		col *data.Column
		ch  staffing.Channel
	}
	var sources []source
	if rr.wide == nil {
		sources = []source{{col: tb.Column(rr.column)}}
	}
	for _, w := range rr.wide {
		sources = append(sources, source{tb.Column(w.name), w.ch})
	}
	for _, src := range sources {
		if src.col == nil || src.col.Float == nil {
			return ch, inputError(fileError(tb, rr.column, fmt.Errorf("%w: want numbers of contacts", data.ErrBadNumber)))
		}
	}
	names := []string{"aht_seconds"}
	for _, src := range sources {
		names = append(names, src.col.Name)
	}
	if err := tb.CheckValues(names...); err != nil {
		return ch, inputError(err)
	}
	// Opening hours and quotes read the rows' local clock.
	if err := tb.CheckOffsets("start"); err != nil {
		return ch, inputError(err)
	}
	aht, channel, deflect := tb.Column("aht_seconds"), tb.Column("channel"), tb.Column("deflect")
	if aht != nil && aht.Float == nil {
		return ch, inputError(fileError(tb, "aht_seconds", fmt.Errorf("%w: want numbers of seconds", data.ErrBadNumber)))
	}
	if deflect != nil && deflect.Float == nil {
		return ch, inputError(fileError(tb, "deflect", fmt.Errorf("%w: want shares in [0,1)", data.ErrBadNumber)))
	}
	if n := tb.Len() * len(sources); cap(ch.rows) < n {
		ch.rows, ch.line, ch.gap = make([]staffing.Row, 0, n), make([]int, 0, n), make([]time.Duration, 0, n)
	}
	spacing := map[time.Duration]int{} // counted until the interval is known
	for i := range tb.Len() {
		for _, src := range sources {
			v := src.col.Float[i]
			if len(sources) > 1 && math.IsNaN(v) {
				continue // wide form: the channel was closed
			}
			r := staffing.Row{Start: start.Time[i], Volume: v, Channel: src.ch}
			if math.IsNaN(v) || v < 0 {
				return ch, inputError(tb.ErrorAt(i, src.col.Name, fmt.Sprint(v), fmt.Errorf("%w: want a number of contacts >= 0", data.ErrNegative)))
			}
			if aht != nil && !math.IsNaN(aht.Float[i]) {
				if !(aht.Float[i] > 0 && aht.Float[i] <= 86400) {
					return ch, inputError(tb.ErrorAt(i, "aht_seconds", fmt.Sprint(aht.Float[i]), fmt.Errorf("%w: want a handling time in seconds, above 0 and at most a day", data.ErrBadNumber)))
				}
				r.AHT = time.Duration(aht.Float[i] * float64(time.Second))
			} else if rr.defaultAHT <= 0 && !rr.ahtElsewhere {
				return ch, inputError(tb.ErrorAt(i, "aht_seconds", "", errors.New("no handling time: give the column aht_seconds or the flag --aht")))
			}
			if deflect != nil && !math.IsNaN(deflect.Float[i]) {
				if d := deflect.Float[i]; !(d >= 0 && d < 1) {
					return ch, inputError(tb.ErrorAt(i, "deflect", fmt.Sprint(d), fmt.Errorf("%w: want a share in [0,1) such as 0.25", data.ErrBadNumber)))
				}
				r.Deflect = deflect.Float[i]
			}
			if channel != nil {
				c, err := staffing.ParseChannel(channel.Text[i])
				if err != nil {
					return ch, inputError(tb.ErrorAt(i, "channel", channel.Text[i], err))
				}
				r.Channel = c
			}
			var d time.Duration
			if last := rr.last[r.Channel]; last.seen {
				d = r.Start.Sub(last.start)
				switch {
				case d == 0:
					return ch, inputError(tb.ErrorAt(i, "start", r.Start.Format(time.RFC3339), fmt.Errorf("%w: a second %v row for this interval (the first is at %s)", data.ErrDuplicate, r.Channel, last.where(tb))))
				case d < 0:
					return ch, inputError(tb.ErrorAt(i, "start", r.Start.Format(time.RFC3339), fmt.Errorf("%w: this %v row comes before the one at %s; sort the rows by start", data.ErrUnsorted, r.Channel, last.where(tb))))
				}
				if rr.interval == 0 {
					spacing[d]++
				}
			}
			rr.last[r.Channel] = lastRow{seen: true, start: r.Start, i: i, inChunk: true}
			ch.rows = append(ch.rows, r)
			ch.line = append(ch.line, i)
			ch.gap = append(ch.gap, d)
		}
	}
	for c := range rr.last {
		if l := &rr.last[c]; l.inChunk {
			l.pos, l.inChunk = tb.Pos(l.i), false
		}
	}
	if rr.interval == 0 {
		for d, n := range spacing {
			if d > 0 && (n > spacing[rr.interval] || n == spacing[rr.interval] && d < rr.interval) {
				rr.interval = d
			}
		}
	}
	// Every spacing must be a whole number of intervals: rows out of step
	// would otherwise be staffed as if they were.
	if rr.interval > 0 {
		for k, d := range ch.gap {
			if d%rr.interval == 0 { // also the channel's first row, 0
				continue
			}
			at := tb.ErrorAt(ch.line[k], "start", ch.rows[k].Start.Format(time.RFC3339), nil)
			if rr.intervalFlag {
				at.Err = fmt.Errorf("--interval %v contradicts the rows: this row follows the previous one of its channel by %v, not a multiple of %v", rr.interval, d, rr.interval)
				return ch, usageError(at)
			}
			at.Err = fmt.Errorf("%w: this row follows the previous %v row by %v, not a multiple of the interval %v", data.ErrStep, ch.rows[k].Channel, d, rr.interval)
			return ch, inputError(at)
		}
	}
	return ch, nil
}

// fileError is an error about a whole column of the table's file.
func fileError(tb *data.Table, column string, err error) error {
	e := tb.ErrorAt(0, column, "", err)
	e.Line, e.Row = 0, 0
	return e
}

// needsSpec says which columns the output has. It is decided before the
// first row is written, from the settings and the first chunk's channels,
// so that every chunk of a streamed output has the same columns.
type needsSpec struct {
	channel, abandon, deferred, deflected, capacity bool
}

func newNeedsSpec(rows []staffing.Row, s staffing.Settings, deflectColumn bool) needsSpec {
	sp := needsSpec{deflected: deflectColumn}
	var have [4]bool
	for _, r := range rows {
		have[r.Channel] = true
	}
	for _, ch := range staffing.Channels {
		if !have[ch] {
			continue
		}
		cs := s.Channels[ch]
		sp.channel = sp.channel || ch != staffing.Phone
		sp.abandon = sp.abandon || (ch == staffing.Phone || ch == staffing.Chat) && cmp.Or(cs.Patience, s.Patience) > 0
		sp.deferred = sp.deferred || ch == staffing.Email || ch == staffing.Callback && cs.Slot == 0
		sp.capacity = sp.capacity || ch == staffing.Callback && cs.Slot > 0
		sp.deflected = sp.deflected || cs.Deflect > 0
	}
	return sp
}

// needsTable lays the requirements out as the output table.
func needsTable(needs []staffing.Need, sp needsSpec) *data.Table {
	return fillNeedsTable(nil, needs, sp)
}

// fillNeedsTable is needsTable into t's columns, reused when t is a
// table it filled before with the same spec (nil for a new one).
func fillNeedsTable(t *data.Table, needs []staffing.Need, sp needsSpec) *data.Table {
	if t == nil {
		t = &data.Table{}
	}
	n := len(needs)
	j := 0
	column := func(name string) *data.Column {
		if j == len(t.Columns) {
			t.Columns = append(t.Columns, data.Column{Name: name})
		}
		j++
		return &t.Columns[j-1]
	}
	col := func(name string, f func(*staffing.Need) float64) {
		c := column(name)
		c.Float = slices.Grow(c.Float[:0], n)[:n]
		for i := range needs {
			c.Float[i] = f(&needs[i]) // by pointer: a Need is 160 bytes
		}
	}
	c := column("start")
	c.Time = slices.Grow(c.Time[:0], n)[:n]
	for i := range needs {
		c.Time[i] = needs[i].Start
	}
	if sp.channel {
		c := column("channel")
		c.Text = slices.Grow(c.Text[:0], n)[:n]
		for i := range needs {
			c.Text[i] = needs[i].Channel.String()
		}
	}
	col("volume", func(x *staffing.Need) float64 { return x.Offered })
	col("agents", func(x *staffing.Need) float64 { return float64(x.Agents) })
	col("fractional_agents", func(x *staffing.Need) float64 { return x.Fractional })
	col("scheduled_agents", func(x *staffing.Need) float64 { return float64(x.Scheduled) })
	col("service_level", func(x *staffing.Need) float64 { return x.ServiceLevel })
	col("asa_seconds", func(x *staffing.Need) float64 { return x.ASASeconds })
	col("occupancy", func(x *staffing.Need) float64 { return x.Occupancy })
	if sp.abandon {
		col("p_abandon", func(x *staffing.Need) float64 { return x.PAbandon })
	}
	if sp.deferred {
		col("backlog", func(x *staffing.Need) float64 { return x.Backlog })
		col("quote_p50", func(x *staffing.Need) float64 { return x.QuoteP50 })
		col("quote_p90", func(x *staffing.Need) float64 { return x.QuoteP90 })
	}
	if sp.deflected {
		col("deflected", func(x *staffing.Need) float64 { return x.Deflected })
	}
	if sp.capacity {
		col("slot_capacity", func(x *staffing.Need) float64 { return x.Capacity })
	}
	return t
}

// publishedHours lists the hours each channel publishes: its own from
// the --channel-settings file, else --open for email and callbacks with a
// promise.
func publishedHours(c *cli.Context, sum []staffing.ChannelSummary, s staffing.Settings, files []data.ChannelSetting) []staffing.ChannelHours {
	var hours []staffing.ChannelHours
	if spec := c.String("open"); spec != "" {
		// --open is the hours email and callbacks are worked in, unless
		// the settings file gives them their own.
		open, _ := staffing.ParseOpeningHours(spec)
		for _, x := range sum {
			own := false
			for _, f := range files {
				own = own || f.Channel == x.Channel && f.Hours != nil
			}
			if x.Promise.Within > 0 && !own {
				hours = append(hours, staffing.ChannelHours{Channel: x.Channel, Hours: open, Within: x.Promise.Within})
			}
		}
	}
	for _, f := range files {
		if f.Hours != nil {
			h := staffing.ChannelHours{Channel: f.Channel, Hours: *f.Hours}
			if f.Channel == staffing.Email || f.Channel == staffing.Callback && f.Settings.Slot == 0 {
				h.Within = cmp.Or(f.Settings.Promise.Within, s.Promise.Within)
			}
			hours = append(hours, h)
		}
	}
	return hours
}
