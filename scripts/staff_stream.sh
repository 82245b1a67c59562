#!/usr/bin/env bash
# staff_stream.sh measures what staff holds while it streams: 100 years of
# 15-minute intervals (3.5 M rows, 93 MB of CSV) staffed to CSV and to
# Parquet, with the peak RSS and CPU of each. The goal is under 100 MB.
# Run from the repository root: scripts/staff_stream.sh
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/staffcast" ./cmd/staffcast
awk 'BEGIN {
	print "start,volume"
	for (i = 0; i < 100 * 35040; i++) {
		s = -1388534400 + 900 * i
		v = 200 * sin(3.141592653589793 * (i % 96) / 96); if (v < 0) v = 0
		printf "%s,%.1f\n", strftime("%Y-%m-%dT%H:%M:%SZ", s, 1), v
	}
}' >"$tmp/century.csv"
"$tmp/staffcast" convert --in "$tmp/century.csv" --out "$tmp/century.parquet" 2>/dev/null
for run in "century.csv out.csv" "century.parquet out.parquet"; do
	set -- $run
	/usr/bin/time -f "$1 -> $2: %M KB peak RSS, %U s user, %e s wall" \
		"$tmp/staffcast" staff --in "$tmp/$1" --aht 3m --out "$tmp/$2" 2>&1 | grep 'peak RSS'
done
