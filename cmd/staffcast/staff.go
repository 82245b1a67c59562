package main

import (
	"errors"
	"fmt"
	"math"
	"time"

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

The input has a column start, a column volume (contacts offered in the
interval) and optionally aht_seconds (handling time of that row) and
channel (phone, chat, email or callback; phone when absent). The interval
length is the spacing of start, or --interval. The output has one row per
input row: agents (the smallest staffing meeting every target),
fractional_agents (where the target is met exactly), scheduled_agents
(after shrinkage), service_level, asa_seconds, occupancy, and p_abandon
(with --patience) and backlog (email and callbacks) where they apply.
Total agent-hours go to stderr.`,
		Flags: append(append(append([]cli.Flag{
			&cli.StringFlag{Name: "in", Usage: "interval table to staff: CSV, Parquet or Arrow; - for CSV on stdin; default: a week of the embedded sample"},
			&cli.DurationFlag{Name: "interval", Usage: "interval length; 0 = the spacing of start"},
			&cli.IntFlag{Name: "chats", Value: 1, Usage: "chats one agent handles at once"},
			&cli.Float64Flag{Name: "chat-slowdown", Usage: "extra handling time per extra concurrent chat, a fraction (0.2 = 20% slower per extra chat)"},
			&cli.Float64Flag{Name: "email-share", Value: 0.9, Usage: "email and callbacks: share answered within --email-within"},
			&cli.DurationFlag{Name: "email-within", Value: time.Hour, Usage: "email and callbacks: response-time promise for --email-share of the items, in open time"},
			&cli.DurationFlag{Name: "email-all-within", Value: 4 * time.Hour, Usage: "email and callbacks: promise for every item, in open time"},
			&cli.StringFlag{Name: "open", Usage: `opening hours in which email and callbacks are worked, e.g. "Mon-Fri 08:00-17:00,Sat 10:00-14:00"; default: every input interval`},
		}, timeFlags()...), staffingFlags()...), append(outputFlags(formatTable, formatCSV, formatJSON, formatParquet), staffRiskFlags()...)...),
		Action: runStaff,
	}
}

func runStaff(c *cli.Context) error {
	out, err := newOutput(c, formatTable, formatCSV, formatJSON, formatParquet)
	if err != nil {
		return err
	}
	target, terr := readTarget(c)
	s := staffing.Settings{
		Interval:  c.Duration("interval"),
		AHT:       c.Duration("aht"),
		Target:    target,
		Patience:  c.Duration("patience"),
		Shrinkage: c.Float64("shrinkage"),
		Chat:      staffing.Concurrency{Chats: c.Int("chats"), Slowdown: c.Float64("chat-slowdown")},
		Promise:   staffing.Promise{Share: c.Float64("email-share"), Within: c.Duration("email-within"), AllWithin: c.Duration("email-all-within")},
	}
	if spec := c.String("open"); spec != "" {
		hours, err := staffing.ParseOpeningHours(spec)
		if err != nil {
			return usageError(fmt.Errorf("--open: %w", err))
		}
		s.Open = hours.Contains
	}
	if terr != nil {
		return terr
	}
	opt, err := readOptions(c)
	if err != nil {
		return err
	}
	opt.Text = []string{"channel"}
	var tb *data.Table
	if c.String("in") == "" {
		sampleNote(c, "in", "the week of 17 November 2025: calls, chats and emails, Europe/Stockholm")
		if s.AHT == 0 {
			// The sample has no handling times; use the one staffcast
			// hours assumes, so that the command runs as it is.
			s.AHT = 4 * time.Minute
			fmt.Fprintln(c.App.ErrWriter, "no --aht: assuming 4m for the sample")
		}
		if tb, err = sampleVolumes(); err != nil {
			return err
		}
	} else if tb, err = readTable(c, c.String("in"), opt); err != nil {
		return err
	}
	rows, interval, err := staffRows(tb, s.AHT)
	if err != nil {
		return inputError(err)
	}
	if s.Interval == 0 {
		if interval == 0 {
			return usageError(errors.New("cannot tell the interval length from a single row per channel: pass --interval"))
		}
		s.Interval = interval
	}
	if err := s.Validate(); err != nil {
		return usageError(flagNames(err))
	}
	needs, err := staffing.Plan(rows, s)
	if err != nil {
		var re *staffing.RowError
		if errors.As(err, &re) {
			err = tb.ErrorAt(re.Row, "volume", fmt.Sprint(rows[re.Row].Volume), flagNames(re.Err))
			if errors.Is(re.Err, staffing.ErrUnreachable) {
				return unreachableError(err)
			}
			return inputError(err)
		}
		return usageError(flagNames(err))
	}
	extra, err := staffRisk(c, tb, rows, needs, s) // staff_risk.go: --time-varying, --risk, --quantile-column
	if err != nil {
		return err
	}
	result := needsTable(tb, needs, s.Patience > 0)
	result.Columns = append(result.Columns, extra...)
	if err := out.writeTable(c.App.Writer, result, 3); err != nil {
		return err
	}
	var frac, whole, sched float64
	for _, n := range needs {
		frac += n.Fractional * s.Interval.Hours()
		whole += float64(n.Agents) * s.Interval.Hours()
		sched += float64(n.Scheduled) * s.Interval.Hours()
	}
	fmt.Fprintf(c.App.ErrWriter, "agent-hours: %.1f fractional, %.1f rounded up per interval, %.1f scheduled after shrinkage\n", frac, whole, sched)
	return nil
}

// staffRows turns the input table into plan rows and returns the most
// common spacing of start within a channel.
func staffRows(tb *data.Table, defaultAHT time.Duration) ([]staffing.Row, time.Duration, error) {
	start, volume := tb.Column("start"), tb.Column("volume")
	if volume == nil || volume.Float == nil {
		return nil, 0, tb.ErrorAt(-1, "volume", "", fmt.Errorf("%w: want a numeric column \"volume\" (contacts offered per interval)", data.ErrMissingColumn))
	}
	aht, channel := tb.Column("aht_seconds"), tb.Column("channel")
	if aht != nil && aht.Float == nil {
		return nil, 0, tb.ErrorAt(-1, "aht_seconds", "", fmt.Errorf("%w: want numbers of seconds", data.ErrBadNumber))
	}
	rows := make([]staffing.Row, tb.Len())
	last := map[staffing.Channel]time.Time{}
	spacing := map[time.Duration]int{}
	for i := range rows {
		r := staffing.Row{Start: start.Time[i], Volume: volume.Float[i]}
		if v := r.Volume; math.IsNaN(v) || v < 0 {
			return nil, 0, tb.ErrorAt(i, "volume", fmt.Sprint(v), fmt.Errorf("%w: want a number of contacts >= 0", data.ErrNegative))
		}
		if aht != nil && !math.IsNaN(aht.Float[i]) {
			if aht.Float[i] <= 0 {
				return nil, 0, tb.ErrorAt(i, "aht_seconds", fmt.Sprint(aht.Float[i]), fmt.Errorf("%w: want a handling time in seconds > 0", data.ErrBadNumber))
			}
			r.AHT = time.Duration(aht.Float[i] * float64(time.Second))
		} else if defaultAHT <= 0 {
			return nil, 0, tb.ErrorAt(i, "aht_seconds", "", errors.New("no handling time: give the column aht_seconds or the flag --aht"))
		}
		if channel != nil {
			ch, err := staffing.ParseChannel(channel.Text[i])
			if err != nil {
				return nil, 0, tb.ErrorAt(i, "channel", channel.Text[i], err)
			}
			r.Channel = ch
		}
		if prev, ok := last[r.Channel]; ok {
			spacing[r.Start.Sub(prev)]++
		}
		last[r.Channel] = r.Start
		rows[i] = r
	}
	var step time.Duration
	for d, n := range spacing {
		if d > 0 && (n > spacing[step] || n == spacing[step] && d < step) {
			step = d
		}
	}
	return rows, step, nil
}

// needsTable lays the requirements out as the output table.
func needsTable(in *data.Table, needs []staffing.Need, abandon bool) *data.Table {
	n := len(needs)
	col := func(name string, f func(staffing.Need) float64) data.Column {
		c := data.Column{Name: name, Float: make([]float64, n)}
		for i, x := range needs {
			c.Float[i] = f(x)
		}
		return c
	}
	t := &data.Table{Columns: []data.Column{{Name: "start", Time: in.Column("start").Time}}}
	deferred := false
	if ch := in.Column("channel"); ch != nil {
		names := make([]string, n)
		for i, x := range needs {
			names[i] = x.Channel.String()
			deferred = deferred || x.Channel == staffing.Email || x.Channel == staffing.Callback
		}
		t.Columns = append(t.Columns, data.Column{Name: "channel", Text: names})
	}
	t.Columns = append(t.Columns,
		in.Columns[index(in, "volume")],
		col("agents", func(x staffing.Need) float64 { return float64(x.Agents) }),
		col("fractional_agents", func(x staffing.Need) float64 { return x.Fractional }),
		col("scheduled_agents", func(x staffing.Need) float64 { return float64(x.Scheduled) }),
		col("service_level", func(x staffing.Need) float64 { return x.ServiceLevel }),
		col("asa_seconds", func(x staffing.Need) float64 { return x.ASASeconds }),
		col("occupancy", func(x staffing.Need) float64 { return x.Occupancy }),
	)
	if abandon {
		t.Columns = append(t.Columns, col("p_abandon", func(x staffing.Need) float64 { return x.PAbandon }))
	}
	if deferred {
		t.Columns = append(t.Columns, col("backlog", func(x staffing.Need) float64 { return x.Backlog }))
	}
	return t
}

func index(t *data.Table, name string) int {
	for j, c := range t.Columns {
		if c.Name == name {
			return j
		}
	}
	return -1
}
