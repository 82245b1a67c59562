package data

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/staffcast/staffcast/staffing"
)

// ChannelSetting is one row of a channel-settings file: one channel's own
// staffing settings, as ReadChannelSettings reads them.
type ChannelSetting struct {
	Line     int // the file's line the row starts on, from 1
	Channel  staffing.Channel
	Settings staffing.ChannelSettings // zero fields: the plan-wide value
	// Hours is the row's opening hours (the open field), nil when it has
	// none; Settings.Open is Hours.Contains.
	Hours *staffing.OpeningHours
	// Chats and Slowdown say which half of Settings.Chat the row gives:
	// ApplyChannelSettings takes the other from the plan-wide settings.
	Chats, Slowdown bool
}

// ChannelSettingsKeys are the fields a channel-settings row may have, in
// the order a file shows them.
var ChannelSettingsKeys = []string{"channel", "aht", "target", "patience", "chats", "slowdown", "share", "within", "all_within", "deflect", "slot", "prep", "open"}

// ReadChannelSettings reads a channel-settings file from r: CSV with a
// header, or, when name ends in .json, a JSON array of objects with the
// same keys (values strings or numbers). Every key but channel is
// optional:
//
//	channel,aht,target,patience,chats,slowdown,share,within,all_within,deflect,slot,prep,open
//	chat,6m,80/60,,2,0.2,,,,0.25,,,Mon-Sun 08:00-22:00
//	email,4m,,,,,0.9,10m,,0.1,,,Mon-Fri 08:00-17:00
//	callback,6m,,,,,,,,,15m,1m,Mon-Fri 09:00-17:00
//
// Durations are written as 4m or 90s; share and within are a promise
// (90% within 10m; all_within defaults to within); slot makes callbacks
// booked, prep is the preparation per booked callback; target is
// PERCENT/SECONDS; open is opening hours in staffing.ParseOpeningHours's
// notation. A channel appears at most once.
//
// Errors are *ParseError values naming name, the line and the field,
// saying what was expected; every bad field of a row is reported.
func ReadChannelSettings(r io.Reader, name string) ([]ChannelSetting, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, &ParseError{File: name, Err: err}
	}
	var records []map[string]string
	var lines []int
	if strings.EqualFold(filepath.Ext(name), ".json") {
		records, lines, err = settingsJSON(raw, name)
	} else {
		records, lines, err = settingsCSV(raw, name)
	}
	if err != nil {
		return nil, err
	}
	var out []ChannelSetting
	seen := map[staffing.Channel]int{}
	for k, rec := range records {
		cs, err := parseChannelSetting(rec)
		if err != nil {
			return nil, &ParseError{File: name, Line: lines[k], Err: err}
		}
		if prev, dup := seen[cs.Channel]; dup {
			return nil, &ParseError{File: name, Line: lines[k], Err: &detail{ErrDuplicate, fmt.Sprintf("field \"channel\": %v is already set on line %d", cs.Channel, prev)}}
		}
		seen[cs.Channel] = lines[k]
		cs.Line = lines[k]
		out = append(out, cs)
	}
	return out, nil
}

// ApplyChannelSettings puts rows into s.Channels (made if nil). A row's
// target sets the service level only: the ceilings (MaxASA and the rest)
// stay s.Target's. A row giving only one of chats and slowdown takes the
// other from s.Chat.
func ApplyChannelSettings(s *staffing.Settings, rows []ChannelSetting) {
	if s.Channels == nil && len(rows) > 0 {
		s.Channels = map[staffing.Channel]staffing.ChannelSettings{}
	}
	for _, r := range rows {
		cs := r.Settings
		if cs.Target != nil {
			t := s.Target
			t.ServiceLevel, t.AnswerWithin = cs.Target.ServiceLevel, cs.Target.AnswerWithin
			cs.Target = &t
		}
		if r.Chats || r.Slowdown {
			if !r.Chats {
				cs.Chat.Chats = s.Chat.Chats
			}
			if !r.Slowdown {
				cs.Chat.Slowdown = s.Chat.Slowdown
			}
		}
		s.Channels[r.Channel] = cs
	}
}

// settingsCSV reads the records of a CSV settings file and the line each starts on.
func settingsCSV(raw []byte, name string) ([]map[string]string, []int, error) {
	r := csv.NewReader(bytes.NewReader(raw))
	r.TrimLeadingSpace = true
	header, err := r.Read()
	if err != nil {
		return nil, nil, &ParseError{File: name, Err: &detail{ErrMissingColumn, fmt.Sprintf("want a CSV header such as channel,aht,target: %v", err)}}
	}
	for _, h := range header {
		if !slices.Contains(ChannelSettingsKeys, strings.TrimSpace(h)) {
			return nil, nil, &ParseError{File: name, Line: 1, Err: fmt.Errorf("unknown field %q: want %s", h, strings.Join(ChannelSettingsKeys, ", "))}
		}
	}
	var recs []map[string]string
	var lines []int
	for {
		fields, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			// A malformed record (a stray quote) has no fields to ask
			// FieldPos about: the csv.ParseError says where it starts.
			e := &ParseError{File: name, Err: err}
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				e.Line = pe.StartLine
			}
			return nil, nil, e
		}
		line, _ := r.FieldPos(0)
		rec := map[string]string{}
		for j, f := range fields {
			rec[strings.TrimSpace(header[j])] = strings.TrimSpace(f)
		}
		recs = append(recs, rec)
		lines = append(lines, line)
	}
	return recs, lines, nil
}

func settingsJSON(raw []byte, name string) ([]map[string]string, []int, error) {
	lineAt := func(off int64) int { return 1 + bytes.Count(raw[:off], []byte("\n")) }
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		return nil, nil, &ParseError{File: name, Err: errors.New(`want a JSON array of objects such as [{"channel": "chat", "aht": "6m"}]`)}
	}
	var recs []map[string]string
	var lines []int
	for dec.More() {
		var obj map[string]any
		// The object starts after the separator the decoder has read.
		off := dec.InputOffset()
		for off < int64(len(raw)) && (raw[off] == ',' || raw[off] == ' ' || raw[off] == '\n' || raw[off] == '\r' || raw[off] == '\t') {
			off++
		}
		line := lineAt(off)
		if err := dec.Decode(&obj); err != nil {
			return nil, nil, &ParseError{File: name, Line: line, Err: fmt.Errorf("want an object of settings: %v", err)}
		}
		rec := map[string]string{}
		for k, v := range obj {
			if !slices.Contains(ChannelSettingsKeys, k) {
				return nil, nil, &ParseError{File: name, Line: line, Err: fmt.Errorf("unknown field %q: want %s", k, strings.Join(ChannelSettingsKeys, ", "))}
			}
			switch v := v.(type) {
			case string:
				rec[k] = v
			case json.Number:
				rec[k] = v.String()
			case nil:
			default:
				return nil, nil, &ParseError{File: name, Line: line, Err: fmt.Errorf("field %q: want a string or a number", k)}
			}
		}
		recs = append(recs, rec)
		lines = append(lines, line)
	}
	return recs, lines, nil
}

// parseChannelSetting reads one record; errors name the field.
func parseChannelSetting(rec map[string]string) (ChannelSetting, error) {
	var cs ChannelSetting
	bad := func(key, want string) error {
		return fmt.Errorf("field %q = %q: want %s", key, rec[key], want)
	}
	name, ok := rec["channel"]
	if !ok || name == "" {
		return cs, &detail{ErrMissingColumn, `field "channel" is missing: want phone, chat, email or callback`}
	}
	ch, err := staffing.ParseChannel(name)
	if err != nil {
		return cs, bad("channel", "phone, chat, email or callback")
	}
	cs.Channel = ch
	s := &cs.Settings
	dur := func(key string, dst *time.Duration) error {
		v := rec[key]
		if v == "" {
			return nil
		}
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return bad(key, "a positive duration such as 4m or 90s")
		}
		*dst = d
		return nil
	}
	num := func(key string, dst *float64, lo, hi float64, want string) error {
		v := rec[key]
		if v == "" {
			return nil
		}
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || !(f >= lo && f < hi) {
			return bad(key, want)
		}
		*dst = f
		return nil
	}
	var chats, share float64
	errs := []error{
		dur("aht", &s.AHT), dur("patience", &s.Patience), dur("within", &s.Promise.Within),
		dur("all_within", &s.Promise.AllWithin), dur("slot", &s.Slot), dur("prep", &s.Prep),
		num("chats", &chats, 1, 1001, "a whole number of chats from 1"),
		num("slowdown", &s.Chat.Slowdown, 0, math.MaxFloat64, "a fraction >= 0 such as 0.2"),
		num("share", &share, math.SmallestNonzeroFloat64, 1+1e-12, "a fraction in (0,1] such as 0.9"),
		num("deflect", &s.Deflect, 0, 1, "a share in [0,1) such as 0.25"),
	}
	if err := errors.Join(errs...); err != nil {
		return cs, err
	}
	if chats != math.Trunc(chats) {
		return cs, bad("chats", "a whole number of chats from 1")
	}
	s.Chat.Chats = int(chats)
	cs.Chats, cs.Slowdown = rec["chats"] != "", rec["slowdown"] != ""
	if share > 0 || s.Promise.Within > 0 || s.Promise.AllWithin > 0 {
		if share == 0 || s.Promise.Within == 0 {
			return cs, errors.New(`fields "share" and "within" go together: a promise such as share 0.9, within 10m`)
		}
		s.Promise.Share = share
	}
	if v := rec["target"]; v != "" {
		t, err := staffing.ParseTarget(v)
		if err != nil {
			return cs, bad("target", "PERCENT/SECONDS such as 80/20")
		}
		s.Target = &t
	}
	if v := rec["open"]; v != "" {
		h, err := staffing.ParseOpeningHours(v)
		if err != nil {
			return cs, fmt.Errorf("field \"open\": %w", err)
		}
		cs.Hours = &h
		s.Open = h.Contains
	}
	return cs, nil
}
