package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
		{"bad_deflect_flag", []string{"--in", "testdata/volumes_wide.csv", "--aht", "3m", "--deflect", "chat=1"}, exitUsage},
		{"bad_deflect_file", []string{"--in", "testdata/volumes_wide.csv", "--aht", "3m", "--channel-settings", "testdata/channel_settings_bad_deflect.csv"}, exitUsage},
		{"bad_slot", []string{"--in", "testdata/volumes_wide.csv", "--aht", "3m", "--channel-settings", "testdata/channel_settings_bad_slot.csv"}, exitUsage},
		{"promise_shorter_than_aht", []string{"--in", "testdata/volumes_wide.csv", "--aht", "3m", "--email-aht", "20m", "--email-within", "10m"}, exitUsage},
		{"settings_without_data", []string{"--in", "testdata/volumes_calls_only.csv", "--aht", "3m", "--channel-settings", "testdata/channel_settings.json"}, exitUsage},
		{"deflect_without_data", []string{"--in", "testdata/volumes_calls_only.csv", "--aht", "3m", "--deflect", "chat=0.2"}, exitUsage},
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
