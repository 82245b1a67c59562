package main

import "testing"

func TestShifts(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		args []string
		code int
	}{
		{"sample_table", nil, exitOK},
		{"dst_csv", []string{"--in", "testdata/requirements_dst.csv", "--tz", "Europe/Stockholm", "--lengths", "4h,6h,8h", "--format", "csv"}, exitOK},
		{"dst_capped", []string{"--in", "testdata/requirements_dst.csv", "--tz", "Europe/Stockholm", "--max-start-times", "2", "--under-penalty", "2"}, exitOK},
		{"fractional", []string{"--in", "testdata/requirements_fractional.csv"}, exitInput},
		{"night_uncoverable", []string{"--in", "testdata/requirements_night.csv", "--earliest", "06:00"}, exitUnreachable},
		{"bad_length", []string{"--in", "testdata/requirements_night.csv", "--lengths", "4h,90m", "--start-every", "1h"}, exitUsage},
	} {
		t.Run(c.name, func(t *testing.T) {
			stdout, stderr, code := run(t, "", append([]string{"shifts"}, c.args...)...)
			if code != c.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, c.code, stderr)
			}
			golden(t, ".stdout", stdout)
			golden(t, ".stderr", stderr)
		})
	}
}
