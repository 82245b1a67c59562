package main

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/staffcast/staffcast/data"
	"github.com/staffcast/staffcast/staffing"
)

func TestStaff(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		args []string
		code int
	}{
		{"table", []string{"--in", "testdata/volumes.csv", "--tz", "Europe/Stockholm", "--aht", "3m", "--shrinkage", "0.3", "--chats", "2"}, exitOK},
		{"csv_erlang_a", []string{"--in", "testdata/volumes.csv", "--aht", "3m", "--patience", "1m", "--format", "csv"}, exitOK},
		{"json", []string{"--in", "testdata/volumes.csv", "--aht", "3m", "--format", "json"}, exitOK},
		{"bad_channel", []string{"--in", "testdata/volumes_bad_channel.csv", "--aht", "3m"}, exitInput},
		{"negative_volume", []string{"--in", "testdata/volumes_negative.csv", "--aht", "3m"}, exitInput},
		{"unreachable", []string{"--in", "testdata/volumes.csv", "--aht", "3m", "--max-agents", "5"}, exitUnreachable},
		{"missing_file", []string{"--in", "testdata/nope.csv", "--aht", "3m"}, exitInput},
		// Issue 12: channels, each with its own settings.
		{"channels", []string{"--in", "testdata/volumes_wide.csv", "--tz", "Europe/Stockholm", "--channel-settings", "testdata/channel_settings.csv", "--format", "csv"}, exitOK},
		{"channels_json", []string{"--in", "testdata/volumes_wide.csv", "--aht", "3m", "--channel-settings", "testdata/channel_settings.json", "--format", "csv"}, exitOK},
		{"email_queue", []string{"--in", "testdata/volumes_wide.csv", "--aht", "3m", "--email-aht", "4m", "--email-within", "10m", "--chat-aht", "6m", "--chat-target", "80/60", "--deflect", "chat=0.25,email=0.1", "--format", "csv"}, exitOK},
		{"quotes", []string{"--aht", "3m", "--email-within", "10m", "--open", "Mon-Fri 08:00-17:00", "--quotes", "--format", "csv"}, exitOK},
		// A 150-minute promise on hourly intervals: the backlog model spreads it over the two whole hours that fit.
		{"promise_150m", []string{"--aht", "3m", "--email-within", "150m", "--open", "Mon-Fri 08:00-17:00", "--quotes", "--format", "csv"}, exitOK},
		{"bad_deflect_flag", []string{"--in", "testdata/volumes_wide.csv", "--aht", "3m", "--deflect", "chat=1"}, exitUsage},
		{"bad_deflect_file", []string{"--in", "testdata/volumes_wide.csv", "--aht", "3m", "--channel-settings", "testdata/channel_settings_bad_deflect.csv"}, exitUsage},
		{"bad_deflect_column", []string{"--in", "testdata/volumes_bad_deflect.csv", "--aht", "3m"}, exitInput},
		{"bad_slot", []string{"--in", "testdata/volumes_wide.csv", "--aht", "3m", "--channel-settings", "testdata/channel_settings_bad_slot.csv"}, exitUsage},
		{"promise_shorter_than_aht", []string{"--in", "testdata/volumes_wide.csv", "--aht", "3m", "--email-aht", "20m", "--email-within", "10m"}, exitUsage},
		{"settings_without_data", []string{"--in", "testdata/volumes_calls_only.csv", "--aht", "3m", "--channel-settings", "testdata/channel_settings.json"}, exitUsage},
		// A stray quote in the settings file: its line and exit 2, not a panic.
		{"settings_stray_quote", []string{"--in", "testdata/volumes_wide.csv", "--aht", "3m", "--channel-settings", "testdata/channel_settings_stray_quote.csv"}, exitUsage},
		{"deflect_without_data", []string{"--in", "testdata/volumes_calls_only.csv", "--aht", "3m", "--deflect", "chat=0.2"}, exitUsage},
		{"teams", []string{"--in", "testdata/volumes_wide.csv", "--aht", "3m", "--email-within", "10m", "--teams", "phone,chat+email+callback", "--format", "csv"}, exitOK},
		{"team_unknown_channel", []string{"--in", "testdata/volumes_wide.csv", "--aht", "3m", "--teams", "phone,chat+fax"}, exitUsage},
		{"team_missing_channel", []string{"--in", "testdata/volumes_wide.csv", "--aht", "3m", "--teams", "phone,chat"}, exitUsage},
		// Issue 16: the column to staff.
		{"forecast_column", []string{"--in", "testdata/volumes_forecast.csv", "--aht", "3m", "--format", "csv"}, exitOK},
		{"column_p90", []string{"--in", "testdata/volumes_forecast.csv", "--aht", "3m", "--column", "p90", "--format", "csv"}, exitOK},
		{"no_volume_column", []string{"--in", "testdata/volumes_no_volume.csv", "--aht", "3m"}, exitInput},
		// Issue 15: rows, flags and values refused.
		{"unsorted", []string{"--in", "testdata/volumes_unsorted.csv", "--aht", "3m"}, exitInput},
		{"duplicate", []string{"--in", "testdata/volumes_duplicate.csv", "--aht", "3m"}, exitInput},
		{"interval_contradicts", []string{"--in", "testdata/volumes_calls_only.csv", "--aht", "3m", "--interval", "7m"}, exitUsage},
		{"chats_zero", []string{"--aht", "3m", "--chats", "0"}, exitUsage},
		{"email_share_zero", []string{"--aht", "3m", "--email-share", "0"}, exitUsage},
		{"target_empty", []string{"--aht", "3m", "--target", ""}, exitUsage},
		{"target_huge", []string{"--aht", "3m", "--target", "80/1e9"}, exitUsage},
		{"huge_volume", []string{"--in", "testdata/volumes_huge.csv", "--aht", "3m"}, exitInput},
	} {
		t.Run(c.name, func(t *testing.T) {
			stdout, stderr, code := run(t, "", append([]string{"staff"}, c.args...)...)
			if code != c.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, c.code, stderr)
			}
			golden(t, ".stdout", stdout)
			golden(t, ".stderr", stderr)
		})
	}
}

func TestStaffWritesFilesWholeOrNotAtAll(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := filepath.Join(dir, "req.parquet")
	if _, stderr, code := run(t, "", "staff", "--in", "testdata/volumes.csv", "--aht", "3m", "--out", out); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if st, err := os.Stat(out); err != nil || st.Size() == 0 {
		t.Fatalf("parquet output: %v", err)
	}
	// A failing run leaves no file behind.
	bad := filepath.Join(dir, "bad.csv")
	if _, _, code := run(t, "", "staff", "--in", "testdata/volumes_bad_channel.csv", "--aht", "3m", "--out", bad); code != exitInput {
		t.Fatalf("exit %d, want %d", code, exitInput)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "bad") || strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("failed run left %s", e.Name())
		}
	}
}

func TestCommandsRunOnTheSample(t *testing.T) {
	t.Parallel()
	// Without --in every data command runs on the embedded sample.
	for _, args := range [][]string{
		{"staff", "--aht", "4m", "--format", "csv"},
		{"staff"}, // the sample has no handling times: 4m is assumed
		// The examples in staff --help.
		{"staff", "--aht", "3m", "--chat-aht", "6m", "--chat-target", "80/60", "--email-aht", "4m", "--email-within", "10m", "--deflect", "chat=0.25,email=0.1"},
		{"staff", "--aht", "3m", "--email-within", "10m", "--quotes"},
		{"shifts"},
		{"hours"},
		{"validate"},
		{"aggregate", "--format", "csv"},
		{"convert", "--format", "csv"},
		{"sample"},
	} {
		stdout, stderr, code := run(t, "", args...)
		if code != exitOK || len(stdout) < 100 {
			t.Errorf("%v: exit %d, %d bytes out\n%s", args, code, len(stdout), stderr)
		}
	}
}

// TestStaffStreamsAsInMemory checks that staff, which reads, staffs and
// writes a chunk at a time, prints what staffing the whole table in
// memory with staffing.Plan gives, byte for byte: ten weeks of 15-minute
// intervals × four channels (26,880 rows, four chunks), email worked in
// opening hours, deflection, Erlang A; from CSV and from Parquet.
func TestStaffStreamsAsInMemory(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("start,volume,channel,aht_seconds\n")
	loc, _ := time.LoadLocation("Europe/Stockholm")
	t0 := time.Date(2026, 3, 2, 0, 0, 0, 0, loc)
	for i := range 96 * 70 {
		at := t0.Add(time.Duration(i) * 15 * time.Minute).Format(time.RFC3339)
		shape := math.Max(0, math.Sin(math.Pi*float64(i%96)/96))
		for k, ch := range []string{"phone", "chat", "email", "callback"} {
			v := math.Round(float64(30-5*k) * shape * (1 + 0.3*math.Sin(float64(i*(k+1)))))
			aht := ""
			if ch == "email" && i%5 == 0 {
				aht = "300"
			}
			fmt.Fprintf(&b, "%s,%g,%s,%s\n", at, v, ch, aht)
		}
	}
	csvPath := filepath.Join(dir, "in.csv")
	if err := os.WriteFile(csvPath, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	opt := data.ReadOptions{Location: loc, Text: []string{"channel"}}
	tb, err := data.ReadTableFile(csvPath, opt)
	if err != nil {
		t.Fatal(err)
	}
	pqPath := filepath.Join(dir, "in.parquet")
	if err := data.WriteFileAtomic(pqPath, func(w io.Writer) error { return data.WriteTable(w, tb, data.Parquet) }); err != nil {
		t.Fatal(err)
	}
	open, _ := staffing.ParseOpeningHours("Mon-Fri 08:00-17:00")
	s := staffing.Settings{
		Interval: 15 * time.Minute, AHT: 3 * time.Minute, Patience: 2 * time.Minute,
		Target:   staffing.Target{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second},
		Chat:     staffing.Concurrency{Chats: 1},
		Promise:  staffing.Promise{Share: 0.9, Within: time.Hour, AllWithin: 4 * time.Hour},
		Open:     open.Contains,
		Channels: map[staffing.Channel]staffing.ChannelSettings{staffing.Chat: {Deflect: 0.2}},
	}
	rows, _, err := staffRows(tb, s.AHT)
	if err != nil {
		t.Fatal(err)
	}
	needs, err := staffing.Plan(rows, s)
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := data.WriteTable(&want, needsTable(needs, newNeedsSpec(rows, s, false)), data.CSV); err != nil {
		t.Fatal(err)
	}
	for _, in := range []string{csvPath, pqPath} {
		stdout, stderr, code := run(t, "", "staff", "--in", in, "--tz", "Europe/Stockholm", "--aht", "3m", "--patience", "2m",
			"--email-within", "1h", "--email-all-within", "4h", "--open", "Mon-Fri 08:00-17:00", "--deflect", "chat=0.2", "--format", "csv")
		if code != exitOK {
			t.Fatalf("%s: exit %d: %s", in, code, stderr)
		}
		if stdout != want.String() {
			got, wnt := strings.Split(stdout, "\n"), strings.Split(want.String(), "\n")
			for i := range min(len(got), len(wnt)) {
				if got[i] != wnt[i] {
					t.Fatalf("%s: line %d of %d/%d differs:\n got %s\nwant %s", in, i+1, len(got), len(wnt), got[i], wnt[i])
				}
			}
			t.Fatalf("%s: %d lines, want %d", in, len(got), len(wnt))
		}
	}
}

// TestChannelSettingsHelpExample checks that the file staff --help shows
// reads, and staffs the channels it names.
func TestChannelSettingsHelpExample(t *testing.T) {
	t.Parallel()
	var lines []string
	for _, l := range strings.Split(channelSettingsHelp, "\n") {
		if strings.HasPrefix(l, "    ") {
			lines = append(lines, strings.TrimSpace(l))
		}
	}
	path := filepath.Join(t.TempDir(), "settings.csv")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := readChannelSettings(path)
	if err != nil || len(got) != 3 {
		t.Fatalf("the help's example: %d rows, %v", len(got), err)
	}
	if cb := got[2].Settings; got[2].Channel != staffing.Callback || cb.Slot != 15*time.Minute || cb.Prep != time.Minute || got[2].Hours == nil {
		t.Errorf("callback row read as %+v", got[2])
	}
	_, stderr, code := run(t, "", "staff", "--in", "testdata/volumes_wide.csv", "--aht", "3m", "--channel-settings", path, "--format", "csv")
	if code != exitOK {
		t.Errorf("staff with the help's file: exit %d\n%s", code, stderr)
	}
}

// TestStaffErrorsNameLinesOfEarlierChunks checks the messages about rows
// whose chunk staff has read past (and reused, see data.TableReader.Reuse):
// a repeated interval on the first line of a chunk names the last line
// of the chunk before, an out-of-order row likewise, and a row the
// planner refuses names its line in the third chunk.
func TestStaffErrorsNameLinesOfEarlierChunks(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	write := func(name string, at func(i int) int, vol func(i int) string) string {
		var b strings.Builder
		b.WriteString("start,volume\n")
		for i := range 3 * chunk {
			fmt.Fprintf(&b, "%s,%s\n", t0.Add(time.Duration(at(i))*15*time.Minute).Format(time.RFC3339), vol(i))
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	same := func(i int) int { return i }
	ten := func(int) string { return "10" }
	// Row chunk (0-based) is on line chunk+2, the first of the second chunk.
	dup := write("dup.csv", func(i int) int { return min(i, chunk-1) + max(0, i-chunk) }, ten)
	back := write("back.csv", func(i int) int { return map[bool]int{true: chunk - 5, false: i}[i == chunk] }, ten)
	huge := write("huge.csv", same, func(i int) string { return map[bool]string{true: "1e7", false: "10"}[i == 2*chunk+7] })
	for _, c := range []struct {
		path string
		code int
		want string
	}{
		{dup, exitInput, fmt.Sprintf("dup.csv:%d: column \"start\": duplicate interval: a second phone row for this interval (the first is at line %d)", chunk+2, chunk+1)},
		{back, exitInput, fmt.Sprintf("back.csv:%d: column \"start\"", chunk+2)},
		{back, exitInput, fmt.Sprintf("comes before the one at line %d", chunk+1)},
		{huge, exitUnreachable, fmt.Sprintf("huge.csv:%d: column \"volume\": staffing: target unreachable", 2*chunk+9)},
	} {
		_, stderr, code := run(t, "", "staff", "--in", c.path, "--aht", "3m", "--format", "csv")
		if code != c.code || !strings.Contains(stderr, c.want) {
			t.Errorf("%s: exit %d, %q; want %d and %q", filepath.Base(c.path), code, stderr, c.code, c.want)
		}
	}
}
