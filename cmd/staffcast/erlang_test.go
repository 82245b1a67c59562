package main

import "testing"

func TestErlang(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		args []string
		code int
	}{
		{"required", []string{"--volume", "100", "--interval", "30m", "--aht", "3m", "--target", "80/20"}, exitOK},
		{"json_erlang_a", []string{"--volume", "100", "--interval", "30m", "--aht", "3m", "--patience", "2m", "--shrinkage", "0.3", "--format", "json"}, exitOK},
		{"table_range", []string{"--volume", "100", "--interval", "30m", "--aht", "3m", "--agents", "9:15"}, exitOK},
		{"csv_range", []string{"--volume", "100", "--interval", "30m", "--aht", "3m", "--agents", "9:12", "--format", "csv"}, exitOK},
		{"evaluate_json", []string{"--volume", "100", "--interval", "30m", "--aht", "3m", "--agents", "10", "--format", "json"}, exitOK},
		{"typo_target", []string{"--volume", "100", "--aht", "3m", "--target", "8020"}, exitUsage},
		{"bad_values", []string{"--volume", "-3", "--aht", "0s", "--shrinkage", "30"}, exitUsage},
		{"unreachable", []string{"--volume", "100", "--aht", "3m", "--max-agents", "10"}, exitUnreachable},
		{"missing_aht", []string{"--volume", "100"}, exitUsage},
		{"bad_agents", []string{"--volume", "100", "--aht", "3m", "--agents", "12:10"}, exitUsage},
		// Issue 15: wrong numbers, hangs, caps and nonsense.
		{"occupancy_boundary", []string{"--volume", "10.5", "--interval", "1h", "--aht", "1h", "--target", "none", "--max-occupancy", "0.7", "--format", "csv"}, exitOK},
		{"huge_volume", []string{"--volume", "1e20", "--aht", "3m"}, exitUsage},
		{"max_agents_beyond_cap", []string{"--volume", "100", "--aht", "3m", "--max-agents", "2000000"}, exitUsage},
		{"target_empty", []string{"--volume", "100", "--aht", "3m", "--target", ""}, exitUsage},
		{"abandon_warning", []string{"--volume", "10", "--interval", "1h", "--aht", "1h", "--patience", "20s", "--sl-base", "exclude-early-abandon", "--target", "99/600", "--format", "csv"}, exitOK},
	} {
		t.Run(c.name, func(t *testing.T) {
			stdout, stderr, code := run(t, "", append([]string{"erlang"}, c.args...)...)
			if code != c.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, c.code, stderr)
			}
			golden(t, ".stdout", stdout)
			golden(t, ".stderr", stderr)
		})
	}
}
