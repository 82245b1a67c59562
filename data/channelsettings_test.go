package data

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/staffcast/staffcast/staffing"
)

// TestReadChannelSettings reads the same settings written as CSV and as
// JSON, and checks every field against the value written.
func TestReadChannelSettings(t *testing.T) {
	t.Parallel()
	csvText := "channel, aht,target,patience,chats,slowdown,share,within,all_within,deflect,slot,prep,open\n" +
		"chat,6m,80/60,2m,2,0.2,,,,0.25,,,Mon-Sun 08:00-22:00\n" +
		"email,4m,,,,,0.9,10m,1h,0.1,,,Mon-Fri 08:00-17:00\n" +
		"callback,6m,,,,,,,,,15m,1m,\n"
	jsonText := `[
  {"channel": "chat", "aht": "6m", "target": "80/60", "patience": "2m", "chats": 2, "slowdown": 0.2, "deflect": 0.25, "open": "Mon-Sun 08:00-22:00"},
  {"channel": "email", "aht": "4m", "share": 0.9, "within": "10m", "all_within": "1h", "deflect": 0.1, "open": "Mon-Fri 08:00-17:00"},
  {"channel": "callback", "aht": "6m", "slot": "15m", "prep": "1m", "open": null}
]`
	monday9 := time.Date(2025, 11, 17, 9, 0, 0, 0, time.UTC)
	sunday9 := monday9.AddDate(0, 0, 6)
	for _, in := range []struct{ name, text string }{{"s.csv", csvText}, {"s.JSON", jsonText}} {
		got, err := ReadChannelSettings(strings.NewReader(in.text), in.name)
		if err != nil {
			t.Fatalf("%s: %v", in.name, err)
		}
		if len(got) != 3 {
			t.Fatalf("%s: %d rows, want 3", in.name, len(got))
		}
		chat, email, cb := got[0], got[1], got[2]
		if chat.Line != 2 || email.Line != 3 || cb.Line != 4 {
			t.Errorf("%s: lines %d, %d, %d, want 2, 3, 4", in.name, chat.Line, email.Line, cb.Line)
		}
		c := chat.Settings
		if chat.Channel != staffing.Chat || c.AHT != 6*time.Minute || c.Patience != 2*time.Minute ||
			c.Target == nil || c.Target.ServiceLevel != 0.8 || c.Target.AnswerWithin != time.Minute ||
			c.Chat != (staffing.Concurrency{Chats: 2, Slowdown: 0.2}) || !chat.Chats || !chat.Slowdown || c.Deflect != 0.25 {
			t.Errorf("%s: chat read as %+v", in.name, chat)
		}
		if chat.Hours == nil || c.Open == nil || !c.Open(sunday9) {
			t.Errorf("%s: chat's hours %v: want open on Sunday at 09:00", in.name, chat.Hours)
		}
		e := email.Settings
		if email.Channel != staffing.Email || e.AHT != 4*time.Minute || e.Deflect != 0.1 ||
			e.Promise != (staffing.Promise{Share: 0.9, Within: 10 * time.Minute, AllWithin: time.Hour}) || email.Chats || email.Slowdown {
			t.Errorf("%s: email read as %+v", in.name, email)
		}
		if e.Open == nil || !e.Open(monday9) || e.Open(sunday9) {
			t.Errorf("%s: email's hours %v: want Mon-Fri", in.name, email.Hours)
		}
		if b := cb.Settings; cb.Channel != staffing.Callback || b.Slot != 15*time.Minute || b.Prep != time.Minute || cb.Hours != nil || b.Open != nil {
			t.Errorf("%s: callback read as %+v", in.name, cb)
		}
	}
}

// TestReadChannelSettingsErrors checks that bad files give a *ParseError
// naming the file, the line and the field, and never panic.
func TestReadChannelSettingsErrors(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name, text string
		want       string // the whole message
		sentinel   error
	}{
		{"a.csv", "channel,aht\nchat,xx\n", `a.csv:2: field "aht" = "xx": want a positive duration such as 4m or 90s`, nil},
		{"a.csv", "channel,bogus\nchat,1\n", `a.csv:1: unknown field "bogus": want channel, aht, target, patience, chats, slowdown, share, within, all_within, deflect, slot, prep, open`, nil},
		{"a.csv", "", "a.csv: want a CSV header such as channel,aht,target: EOF", ErrMissingColumn},
		{"a.csv", "channel,aht\nchat,6m\nphone,3m\nchat,7m\n", `a.csv:4: field "channel": chat is already set on line 2`, ErrDuplicate},
		{"a.csv", "channel,within\nemail,10m\n", `a.csv:2: fields "share" and "within" go together: a promise such as share 0.9, within 10m`, nil},
		{"a.csv", "aht\n6m\n", `a.csv:2: field "channel" is missing: want phone, chat, email or callback`, ErrMissingColumn},
		{"a.csv", "channel,aht\nfax,6m\n", `a.csv:2: field "channel" = "fax": want phone, chat, email or callback`, nil},
		{"a.csv", "channel,chats\nchat,1.5\n", `a.csv:2: field "chats" = "1.5": want a whole number of chats from 1`, nil},
		{"a.csv", "channel,target\nchat,8060\n", `a.csv:2: field "target" = "8060": want PERCENT/SECONDS such as 80/20`, nil},
		// Every bad field of a row, not the first only.
		{"a.csv", "channel,aht,slowdown,deflect\nchat,-1m,-2,1\n", "a.csv:2: field \"aht\" = \"-1m\": want a positive duration such as 4m or 90s\n" +
			"field \"slowdown\" = \"-2\": want a fraction >= 0 such as 0.2\nfield \"deflect\" = \"1\": want a share in [0,1) such as 0.25", nil},
		// A stray quote: encoding/csv returns no fields (FieldPos would panic).
		{"a.csv", "channel,aht\n\"chat,6m\n", `a.csv:2: parse error on line 2, column 10: extraneous or missing " in quoted-field`, nil},
		{"a.json", `{"channel": "chat"}`, `a.json: want a JSON array of objects such as [{"channel": "chat", "aht": "6m"}]`, nil},
		{"a.json", "[\n {\"channel\": \"chat\"},\n {\"channel\": \"email\", \"bogus\": 1}\n]", `a.json:3: unknown field "bogus": want channel, aht, target, patience, chats, slowdown, share, within, all_within, deflect, slot, prep, open`, nil},
		{"a.json", "[\n {\"channel\": \"chat\", \"aht\": true}\n]", `a.json:2: field "aht": want a string or a number`, nil},
		{"a.json", "[\n {\"channel\": \"chat\"},\n\t{\"channel\": \"chat\"}\n]", `a.json:3: field "channel": chat is already set on line 2`, ErrDuplicate},
	} {
		_, err := ReadChannelSettings(strings.NewReader(c.text), c.name)
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("%q: error %v (%T), want a *ParseError", c.text, err, err)
			continue
		}
		if err.Error() != c.want {
			t.Errorf("%q:\n got %s\nwant %s", c.text, err, c.want)
		}
		if c.sentinel != nil && !errors.Is(err, c.sentinel) {
			t.Errorf("%q: %v does not wrap %v", c.text, err, c.sentinel)
		}
	}
}

// TestApplyChannelSettings checks the file's fallbacks: a target sets the
// service level only, a row with one of chats and slowdown takes the
// other from the plan-wide settings.
func TestApplyChannelSettings(t *testing.T) {
	t.Parallel()
	rows, err := ReadChannelSettings(strings.NewReader("channel,target,chats,slowdown\nchat,80/60,,0.5\nemail,,,\n"), "s.csv")
	if err != nil {
		t.Fatal(err)
	}
	s := staffing.Settings{
		Target: staffing.Target{ServiceLevel: 0.9, AnswerWithin: 20 * time.Second, MaxASA: 30 * time.Second, MaxOccupancy: 0.85},
		Chat:   staffing.Concurrency{Chats: 3, Slowdown: 0.1},
	}
	ApplyChannelSettings(&s, rows)
	chat := s.Channels[staffing.Chat]
	want := staffing.Target{ServiceLevel: 0.8, AnswerWithin: time.Minute, MaxASA: 30 * time.Second, MaxOccupancy: 0.85}
	if chat.Target == nil || *chat.Target != want {
		t.Errorf("chat target %+v, want %+v", chat.Target, want)
	}
	if chat.Chat != (staffing.Concurrency{Chats: 3, Slowdown: 0.5}) {
		t.Errorf("chat concurrency %+v, want 3 chats (the plan's) at slowdown 0.5 (the file's)", chat.Chat)
	}
	if email, ok := s.Channels[staffing.Email]; !ok || email.Target != nil || email.Chat != (staffing.Concurrency{}) {
		t.Errorf("email settings %+v (set %v): want present and empty", email, ok)
	}
	if s.Target.ServiceLevel != 0.9 {
		t.Errorf("the plan-wide target changed to %v", s.Target.ServiceLevel)
	}
}

// FuzzReadChannelSettings checks that no input panics and that every
// error is a *ParseError.
func FuzzReadChannelSettings(f *testing.F) {
	f.Add("channel,aht\nchat,6m\n", false)
	f.Add("channel,aht\n\"chat,6m\n", false)
	f.Add("channel,open\nchat,Mon-Fri 08:00-17:00\n", false)
	f.Add(`[{"channel": "chat", "chats": 2}]`, true)
	f.Add("[\n{\"channel\": \"email\", \"share\": 0.9, \"within\": \"1h\"}\n]", true)
	f.Fuzz(func(t *testing.T, text string, json bool) {
		name := "f.csv"
		if json {
			name = "f.json"
		}
		rows, err := ReadChannelSettings(strings.NewReader(text), name)
		var pe *ParseError
		if err != nil && !errors.As(err, &pe) {
			t.Fatalf("error %v (%T), want a *ParseError", err, err)
		}
		for _, r := range rows {
			if r.Line < 1 {
				t.Fatalf("row %+v without a line", r)
			}
		}
	})
}
