package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDataCommands(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		args []string
		code int
	}{
		{"aggregate_dst", []string{"aggregate", "--in", "testdata/orders_dst.csv", "--tz", "Europe/Stockholm"}, exitOK},
		{"aggregate_sum_table", []string{"aggregate", "--in", "testdata/orders_dst.csv", "--tz", "Europe/Stockholm", "--sum-column", "amount", "--every", "30m", "--format", "table"}, exitOK},
		{"aggregate_spring", []string{"aggregate", "--in", "testdata/orders_spring.csv", "--tz", "Europe/Stockholm"}, exitOK},
		{"aggregate_ambiguous", []string{"aggregate", "--in", "testdata/orders_ambiguous.csv", "--tz", "Europe/Stockholm"}, exitInput},
		{"aggregate_ambiguous_later", []string{"aggregate", "--in", "testdata/orders_ambiguous.csv", "--tz", "Europe/Stockholm", "--ambiguous", "later", "--format", "json"}, exitOK},
		{"aggregate_bad_every", []string{"aggregate", "--in", "testdata/orders_dst.csv", "--every", "7m"}, exitUsage},
		{"validate_gaps_error", []string{"validate", "--in", "testdata/series_gaps.csv"}, exitInput},
		{"validate_gaps_keep", []string{"validate", "--in", "testdata/series_gaps.csv", "--fill-gaps", "keep", "--tz", "Europe/Stockholm"}, exitOK},
		{"validate_bad_number", []string{"validate", "--in", "testdata/series_badnum.csv"}, exitInput},
		{"convert_json", []string{"convert", "--in", "testdata/series_gaps.csv", "--tz", "Europe/Stockholm", "--format", "json"}, exitOK},
		{"convert_teleopti", []string{"convert", "--in", "testdata/teleopti.txt", "--report", "teleopti", "--tz", "Europe/Stockholm", "--format", "table"}, exitOK},
		{"convert_teleopti_pivot", []string{"convert", "--in", "testdata/teleopti.txt", "--report", "teleopti", "--tz", "Europe/Stockholm", "--pivot", "channel", "--value", "handled"}, exitOK},
		{"convert_bad_map", []string{"convert", "--in", "testdata/teleopti.txt", "--report", "mapped", "--map", "offered"}, exitUsage},
		{"convert_unknown_tz", []string{"convert", "--in", "testdata/series_gaps.csv", "--tz", "Europe/Stokholm"}, exitUsage},
		// The embedded sample once panicked on these (a shadowed err).
		{"aggregate_sample_2h", []string{"aggregate", "--every", "2h"}, exitUsage},
		{"aggregate_sample_7m", []string{"aggregate", "--every", "7m"}, exitUsage},
		{"aggregate_every_0", []string{"aggregate", "--every", "0"}, exitUsage},
		{"aggregate_sample_no_column", []string{"aggregate", "--sum-column", "nosuch"}, exitInput},
		{"aggregate_missing_file", []string{"aggregate", "--in", "testdata/missing.csv"}, exitInput},
		{"convert_mapped_aht", []string{"convert", "--in", "testdata/mapped_export.csv", "--report", "mapped", "--map", "start=Interval", "--map", "offered=Calls", "--map", "handled=Answered", "--map", "aht_seconds=AHT", "--tz", "Europe/Stockholm", "--ambiguous", "later"}, exitOK},
		{"convert_map_unknown_field", []string{"convert", "--in", "testdata/mapped_export.csv", "--report", "mapped", "--map", "start=Interval", "--map", "offered=Calls", "--map", "bogus=X"}, exitUsage},
		{"convert_map_aht_alone", []string{"convert", "--in", "testdata/mapped_export.csv", "--report", "mapped", "--map", "start=Interval", "--map", "offered=Calls", "--map", "aht_seconds=AHT"}, exitUsage},
		// Flags are checked up front, even when the sample is read.
		{"validate_sample_bad_tz", []string{"validate", "--tz", "Mars/Olympus"}, exitUsage},
		{"validate_sample_bad_ambiguous", []string{"validate", "--ambiguous", "sometimes"}, exitUsage},
		{"validate_sample_bad_fill_gaps", []string{"validate", "--fill-gaps", "bogus"}, exitUsage},
		{"aggregate_in_order", []string{"aggregate", "--in", "testdata/orders_ambiguous.csv", "--tz", "Europe/Stockholm", "--ambiguous", "in-order"}, exitOK},
		{"validate_offsets_no_tz", []string{"validate", "--in", "../../data/testdata/duckdb/offsets.csv"}, exitOK},
		{"chart_same_as_out", []string{"hours", "--chart", "testdata/same.png", "--out", "./testdata/same.png"}, exitUsage},
		{"forecast_sample_bad_tz", []string{"forecast", "--tz", "Mars/Olympus"}, exitUsage},
	} {
		t.Run(c.name, func(t *testing.T) {
			stdout, stderr, code := run(t, "", c.args...)
			if code != c.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, c.code, stderr)
			}
			golden(t, ".stdout", stdout)
			golden(t, ".stderr", stderr)
		})
	}
}

func TestConvertRoundTripAndNoPartialOutput(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	pq := filepath.Join(dir, "s.parquet")
	if _, stderr, code := run(t, "", "convert", "--in", "testdata/series_gaps.csv", "--tz", "Europe/Stockholm", "--out", pq); code != exitOK {
		t.Fatal(stderr)
	}
	back, _, code := run(t, "", "convert", "--in", pq)
	want, _, _ := run(t, "", "convert", "--in", "testdata/series_gaps.csv", "--tz", "Europe/Stockholm")
	if code != exitOK || back != want {
		t.Errorf("CSV → Parquet → CSV changed the table:\n%s\nwant\n%s", back, want)
	}
	// A failed aggregation must not create or truncate --out.
	out := filepath.Join(dir, "hourly.csv")
	os.WriteFile(out, []byte("keep me\n"), 0o644)
	if _, _, code := run(t, "", "aggregate", "--in", "testdata/orders_ambiguous.csv", "--tz", "Europe/Stockholm", "--out", out); code != exitInput {
		t.Fatalf("exit %d", code)
	}
	if b, _ := os.ReadFile(out); string(b) != "keep me\n" {
		t.Errorf("--out was overwritten by a failed run: %q", b)
	}
	// --out through a symbolic link writes the file it names and keeps its mode.
	os.Chmod(out, 0o640)
	link := filepath.Join(dir, "link.csv")
	os.Symlink("hourly.csv", link)
	if _, stderr, code := run(t, "", "aggregate", "--in", "testdata/orders_dst.csv", "--tz", "Europe/Stockholm", "--out", link); code != exitOK {
		t.Fatal(stderr)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("--out replaced the symbolic link")
	}
	if fi, err := os.Stat(out); err != nil || fi.Mode().Perm() != 0o640 {
		t.Errorf("--out did not keep the mode 0640: %v", fi.Mode())
	}
	if b, _ := os.ReadFile(out); !strings.HasPrefix(string(b), "start,count") {
		t.Errorf("the link's target holds %q", b)
	}
}
