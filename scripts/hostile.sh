#!/usr/bin/env bash
# hostile.sh measures the peak RSS of `staffcast validate` on the files
# that once cost gigabytes: a 2 GB file of NUL bytes (sparse: it takes no
# disk) and a CSV with one 100 MB line. Both must fail at once with a
# clear error (exit 3). Run from the repository root: scripts/hostile.sh
set -uo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/staffcast" ./cmd/staffcast || exit 1
truncate -s 2G "$tmp/nul.csv"
{ echo start,calls; head -c 100000000 /dev/zero | tr '\0' 7; echo; } >"$tmp/longline.csv"
for f in nul.csv longline.csv; do
	/usr/bin/time -f "$f: exit %x, %M KB peak RSS, %e s" "$tmp/staffcast" validate --in "$tmp/$f" 2>&1 | sed "s|$tmp/||"
done
