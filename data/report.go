package data

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
)

// Layout names the layout of a contact system's interval report.
type Layout int

const (
	// Genesys is the Genesys Cloud historical-import CSV: a header with
	// "Interval Start UTC Date", "Queue", "Media Type", "Offered",
	// "Interactions Handled", "Total Handle Time (Seconds)" and, when
	// present, "Abandoned". Times are UTC.
	Genesys Layout = iota + 1
	// Teleopti is the Teleopti / Calabrio WFM queue-statistics file: no
	// header, semicolons (or commas), fields in a fixed order: 1 interval
	// length, 2 date, 3 time (local), 4 queue id, 5 queue name, 6 offered
	// calls, 7 answered calls, 8 answered within service level,
	// 9 abandoned calls, ..., 14 talk time, 15 after-call work (seconds).
	// Handle seconds are talk time plus after-call work.
	Teleopti
	// Mapped is any CSV with a header, its columns named by
	// ReportOptions.Map (canonical field → the file's column).
	Mapped
)

// ParseLayout reads "genesys", "teleopti" (or "calabrio") or "mapped".
func ParseLayout(s string) (Layout, error) {
	switch strings.ToLower(s) {
	case "genesys":
		return Genesys, nil
	case "teleopti", "calabrio":
		return Teleopti, nil
	case "mapped", "map", "custom":
		return Mapped, nil
	}
	return 0, fmt.Errorf("data: report layout %q: want genesys, teleopti or mapped", s)
}

// ReportFields are the canonical report columns, in output order: the
// interval start (with its offset), the queue, the channel, and sums over
// the interval (never averages), so that intervals and queues add up.
var ReportFields = []string{"start", "queue", "channel", "offered", "handled", "abandoned", "handle_seconds"}

// ReportOptions say how to read an interval report.
type ReportOptions struct {
	ReadOptions // Location is the zone of local times (Teleopti) and of the output
	Layout      Layout
	// Map names, for each canonical field, the file's column: a header
	// name, or for Teleopti a field number counted from 1. It overrides
	// the layout's defaults; Mapped needs at least start and offered.
	// Handle time may be given as handle_seconds (a sum) or as
	// aht_seconds (an average, multiplied by handled).
	Map map[string]string
	// Channel is the channel of rows whose file has none; "" means phone.
	Channel string
}

var genesysColumns = map[string]string{
	"start": "Interval Start UTC Date", "queue": "Queue", "channel": "Media Type",
	"offered": "Offered", "handled": "Interactions Handled", "abandoned": "Abandoned",
	"handle_seconds": "Total Handle Time (Seconds)",
}

var teleoptiFields = map[string]string{
	"date": "2", "time": "3", "queue": "5", "offered": "6", "handled": "7", "abandoned": "9",
	"talk_seconds": "14", "acw_seconds": "15",
}

// reportSources are the fields ReportOptions.Map may name: the canonical
// ones and the sources of handle time and of a Teleopti start.
var reportSources = []string{"start", "date", "time", "queue", "channel", "offered", "handled", "abandoned", "handle_seconds", "aht_seconds", "talk_seconds", "acw_seconds"}

// Check reports a mapping ReadReport cannot use, before any file is read:
// an unknown field (a typo would silently drop the column) or an average
// handle time with nothing to multiply it by.
func (opt ReportOptions) Check() error {
	for _, k := range sortedKeys(opt.Map) {
		if !contains(reportSources, k) {
			return fmt.Errorf("unknown field %q in the mapping: want one of %s", k, strings.Join(reportSources, ", "))
		}
	}
	if _, ok := opt.Map["aht_seconds"]; ok && opt.Layout == Mapped && opt.Map["handled"] == "" && opt.Map["handle_seconds"] == "" {
		return fmt.Errorf("aht_seconds is an average over handled contacts: map handled too (handle_seconds = aht_seconds × handled)")
	}
	return nil
}

// ReadReport reads an interval report from a contact system into the
// canonical layout of ReportFields. Errors name the file, line and field.
func ReadReport(r io.Reader, name string, opt ReportOptions) (*Table, error) {
	if err := opt.Check(); err != nil {
		return nil, fmt.Errorf("data: %s: %w", name, err)
	}
	in, err := textReader(r, name, opt.Comma)
	if err != nil {
		return nil, err
	}
	cr := csv.NewReader(in)
	cr.FieldsPerRecord = -1
	cr.Comma = in.comma
	recs, err := cr.ReadAll()
	if err != nil {
		return nil, in.error(err)
	}
	// fieldAt maps a canonical field to a column index, or -1.
	var header []string
	cols := map[string]string{}
	switch opt.Layout {
	case Genesys:
		for k, v := range genesysColumns {
			cols[k] = v
		}
	case Teleopti:
		for k, v := range teleoptiFields {
			cols[k] = v
		}
	case Mapped:
	default:
		return nil, fmt.Errorf("data: %s: unknown report layout %d", name, opt.Layout)
	}
	for k, v := range opt.Map {
		cols[k] = v
	}
	first := 0 // first data record
	if opt.Layout != Teleopti {
		if len(recs) == 0 {
			return nil, &ParseError{File: name, Line: 1, Err: fmt.Errorf("%w: the file is empty; want a header line", ErrEmpty)}
		}
		header = recs[0]
		for i := range header {
			header[i] = strings.TrimSpace(strings.TrimPrefix(header[i], "\ufeff"))
		}
		first = 1
	}
	at := func(field string, required bool) (int, error) {
		src, ok := cols[field]
		if !ok || src == "" {
			if required {
				return -1, &ParseError{File: name, Line: 1, Column: field, Err: fmt.Errorf("%w: no column mapped to %s (use --map %s=COLUMN)", ErrMissingColumn, field, field)}
			}
			return -1, nil
		}
		if header == nil {
			n, err := strconv.Atoi(src)
			if err != nil || n < 1 {
				return -1, fmt.Errorf("data: %s: --map %s=%s: want a field number counted from 1", name, field, src)
			}
			return n - 1, nil
		}
		for j, h := range header {
			if strings.EqualFold(h, src) {
				return j, nil
			}
		}
		if required {
			return -1, &ParseError{File: name, Line: 1, Column: src, Err: fmt.Errorf("%w: the header has no column %q for %s; it has %s", ErrMissingColumn, src, field, strings.Join(quoteAll(header), ", "))}
		}
		return -1, nil
	}
	idx := map[string]int{}
	need := map[string]bool{"offered": true}
	if opt.Layout == Teleopti {
		need["date"], need["time"] = true, true
	} else {
		need["start"] = true
	}
	for _, f := range reportSources {
		i, err := at(f, need[f])
		if err != nil {
			return nil, err
		}
		idx[f] = i
	}
	p := opt.parser()
	utc := timeParser{loc: time.UTC}
	out := &Table{file: name}
	var starts []time.Time
	var queues, channels []string
	nums := map[string][]float64{}
	for ri := first; ri < len(recs); ri++ {
		rec := recs[ri]
		line := ri + 1 // records are single lines in these exports
		out.lines = append(out.lines, line)
		get := func(f string) (string, bool) {
			i := idx[f]
			if i < 0 {
				return "", false
			}
			if i >= len(rec) {
				return "", true
			}
			return strings.TrimSpace(rec[i]), true
		}
		fail := func(f, v string, err error) error {
			col := f
			if header != nil && idx[f] >= 0 {
				col = header[idx[f]]
			} else if idx[f] >= 0 {
				col = fmt.Sprintf("field %d (%s)", idx[f]+1, f)
			}
			return &ParseError{File: name, Line: line, Column: col, Value: v, Err: err}
		}
		var t time.Time
		var err error
		if opt.Layout == Teleopti && idx["start"] < 0 {
			d, _ := get("date")
			c, _ := get("time")
			t, err = p.parse(d + " " + c)
			if err != nil {
				return nil, fail("time", d+" "+c, err)
			}
		} else {
			s, _ := get("start")
			tp := p
			if opt.Layout == Genesys {
				tp = utc // "Interval Start UTC Date"
			}
			if t, err = tp.parse(s); err != nil {
				return nil, fail("start", s, err)
			}
			if !p.keep {
				t = t.In(p.loc)
			}
		}
		starts = append(starts, t)
		q, _ := get("queue")
		queues = append(queues, q)
		ch := opt.Channel
		if v, ok := get("channel"); ok && v != "" {
			ch = v
		}
		channels = append(channels, channelName(ch))
		num := func(f string) (float64, error) {
			s, ok := get(f)
			if !ok || s == "" {
				return math.NaN(), nil
			}
			v, ok := parseNumber(s, cr.Comma == ';')
			if !ok || math.IsNaN(v) || math.IsInf(v, 0) {
				return 0, fail(f, s, want(ErrBadNumber, "a number", s))
			}
			if v < 0 {
				return 0, fail(f, s, want(ErrNegative, "a number >= 0", s))
			}
			if err := checkValue(v); err != nil {
				return 0, fail(f, s, err)
			}
			return v, nil
		}
		vals := map[string]float64{}
		for _, f := range []string{"offered", "handled", "abandoned", "handle_seconds", "aht_seconds", "talk_seconds", "acw_seconds"} {
			if vals[f], err = num(f); err != nil {
				return nil, err
			}
		}
		hs := vals["handle_seconds"]
		switch {
		case !math.IsNaN(hs):
		case !math.IsNaN(vals["aht_seconds"]) && !math.IsNaN(vals["handled"]):
			hs = vals["aht_seconds"] * vals["handled"] // an average made a sum
		case !math.IsNaN(vals["talk_seconds"]):
			hs = vals["talk_seconds"]
			if a := vals["acw_seconds"]; !math.IsNaN(a) {
				hs += a
			}
		}
		for _, f := range []string{"offered", "handled", "abandoned"} {
			nums[f] = append(nums[f], vals[f])
		}
		nums["handle_seconds"] = append(nums["handle_seconds"], hs)
	}
	if len(starts) == 0 {
		return nil, &ParseError{File: name, Line: first + 1, Err: fmt.Errorf("%w: the report has no rows", ErrEmpty)}
	}
	out.Columns = []Column{{Name: "start", Time: starts}, {Name: "queue", Text: queues}, {Name: "channel", Text: channels}}
	for _, f := range ReportFields[3:] {
		out.Columns = append(out.Columns, Column{Name: f, Float: nums[f]})
	}
	return out, nil
}

// channelName maps contact-system media types onto staffcast's channels.
func channelName(s string) string {
	switch strings.ToLower(s) {
	case "", "voice", "call", "phone", "telephony", "inbound":
		return "phone"
	case "chat", "message", "messaging", "webchat", "webmessaging":
		return "chat"
	case "email", "e-mail", "mail":
		return "email"
	case "callback":
		return "callback"
	}
	return strings.ToLower(s)
}
