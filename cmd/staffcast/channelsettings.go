package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/staffcast/staffcast/staffing"
)

// channelSettingsHelp documents the --channel-settings file.
const channelSettingsHelp = `The --channel-settings file gives each channel its own settings, as CSV
with a header or as a JSON array of objects with the same keys; every key
but channel is optional and falls back to the flags:

    channel,aht,target,patience,chats,slowdown,share,within,all_within,deflect,slot,prep,open
    chat,6m,80/60,,2,0.2,,,,0.25,,,Mon-Sun 08:00-22:00
    email,4m,,,,,0.9,10m,,0.1,,,Mon-Fri 08:00-17:00
    callback,6m,,,,,,,,,15m,1m,Mon-Fri 09:00-17:00

Durations are written as 4m or 90s; share and within are a promise (90%
within 10m; all_within defaults to within); slot makes callbacks booked
(the customer picks a slot of that length; prep is the preparation per
callback); open is the channel's opening hours. A target sets the service
level only (--asa and the other ceilings stay the flags').`

// settingsKeys are the fields a --channel-settings row may have.
var settingsKeys = []string{"channel", "aht", "target", "patience", "chats", "slowdown", "share", "within", "all_within", "deflect", "slot", "prep", "open"}

// channelSetting is one row of a --channel-settings file, with where it came from.
type channelSetting struct {
	line     int
	channel  staffing.Channel
	settings staffing.ChannelSettings
	hours    *staffing.OpeningHours
	// chats and slowdown say which of the two the row gives; the other
	// is the flags' (--chats, --chat-slowdown).
	chats, slowdown bool
}

// readChannelSettings reads a --channel-settings file (CSV, or JSON when
// the name ends in .json). Errors name the file, line and field.
func readChannelSettings(path string) ([]channelSetting, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("--channel-settings: %w", err)
	}
	var records []map[string]string
	var lines []int
	if strings.EqualFold(filepath.Ext(path), ".json") {
		records, lines, err = settingsJSON(raw, path)
	} else {
		records, lines, err = settingsCSV(raw, path)
	}
	if err != nil {
		return nil, err
	}
	var out []channelSetting
	seen := map[staffing.Channel]int{}
	for k, rec := range records {
		cs, err := parseChannelSetting(rec)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, lines[k], err)
		}
		if prev, dup := seen[cs.channel]; dup {
			return nil, fmt.Errorf("%s:%d: field \"channel\": %v is already set on line %d", path, lines[k], cs.channel, prev)
		}
		seen[cs.channel] = lines[k]
		cs.line = lines[k]
		out = append(out, cs)
	}
	return out, nil
}

func settingsCSV(raw []byte, path string) ([]map[string]string, []int, error) {
	r := csv.NewReader(bytes.NewReader(raw))
	r.TrimLeadingSpace = true
	header, err := r.Read()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: want a CSV header such as channel,aht,target: %v", path, err)
	}
	for _, h := range header {
		if !slices.Contains(settingsKeys, strings.TrimSpace(h)) {
			return nil, nil, fmt.Errorf("%s:1: unknown field %q: want %s", path, h, strings.Join(settingsKeys, ", "))
		}
	}
	var recs []map[string]string
	var lines []int
	for {
		fields, err := r.Read()
		if err == io.EOF {
			break
		}
		line, _ := r.FieldPos(0)
		if err != nil {
			return nil, nil, fmt.Errorf("%s:%d: %v", path, line, err)
		}
		rec := map[string]string{}
		for j, f := range fields {
			rec[strings.TrimSpace(header[j])] = strings.TrimSpace(f)
		}
		recs = append(recs, rec)
		lines = append(lines, line)
	}
	return recs, lines, nil
}

func settingsJSON(raw []byte, path string) ([]map[string]string, []int, error) {
	lineAt := func(off int64) int { return 1 + bytes.Count(raw[:off], []byte("\n")) }
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		return nil, nil, fmt.Errorf("%s: want a JSON array of objects such as [{\"channel\": \"chat\", \"aht\": \"6m\"}]", path)
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
			return nil, nil, fmt.Errorf("%s:%d: want an object of settings: %v", path, line, err)
		}
		rec := map[string]string{}
		for k, v := range obj {
			if !slices.Contains(settingsKeys, k) {
				return nil, nil, fmt.Errorf("%s:%d: unknown field %q: want %s", path, line, k, strings.Join(settingsKeys, ", "))
			}
			switch v := v.(type) {
			case string:
				rec[k] = v
			case json.Number:
				rec[k] = v.String()
			case nil:
			default:
				return nil, nil, fmt.Errorf("%s:%d: field %q: want a string or a number", path, line, k)
			}
		}
		recs = append(recs, rec)
		lines = append(lines, line)
	}
	return recs, lines, nil
}

// parseChannelSetting reads one record; errors name the field.
func parseChannelSetting(rec map[string]string) (channelSetting, error) {
	var cs channelSetting
	bad := func(key, want string) error {
		return fmt.Errorf("field %q = %q: want %s", key, rec[key], want)
	}
	name, ok := rec["channel"]
	if !ok || name == "" {
		return cs, errors.New(`field "channel" is missing: want phone, chat, email or callback`)
	}
	ch, err := staffing.ParseChannel(name)
	if err != nil {
		return cs, bad("channel", "phone, chat, email or callback")
	}
	cs.channel = ch
	s := &cs.settings
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
	cs.chats, cs.slowdown = rec["chats"] != "", rec["slowdown"] != ""
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
		cs.hours = &h
		s.Open = h.Contains
	}
	return cs, nil
}
