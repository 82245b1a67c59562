#!/usr/bin/env bash
# startup.sh measures what staffcast costs before it reads a byte, and a
# whole `staff` run against the smallest Go program doing the same job
# (scripts/testdata/erlangmin: the same CSV read, the same Erlang C search,
# the same output bytes, which the script checks with cmp). Run from the
# repository root:
#
#	scripts/startup.sh [runs]
#
# It prints the binary size (default and stripped build), the package
# initialisation time GODEBUG=inittrace=1 reports (median of the runs),
# and the CPU (user+sys) of one process: the minimum over the runs, which
# is what a quiet machine gives (other processes only add to it). With
# perf, the task clock of each run (perf stat); without, the shell's
# `times`, to the millisecond.
set -euo pipefail
runs=${1:-50}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

go build -o "$tmp/staffcast" ./cmd/staffcast
go build -ldflags "-s -w" -o "$tmp/staffcast-stripped" ./cmd/staffcast
go build -o "$tmp/erlangmin" ./scripts/testdata/erlangmin
printf 'package main\nfunc main() {}\n' > "$tmp/hello.go"
go build -o "$tmp/hello" "$tmp/hello.go"

size() { stat -c %s "$1" | awk '{printf "%.1f MB", $1/1e6}'; }
echo "binary: $(size "$tmp/staffcast"), stripped (-ldflags \"-s -w\"): $(size "$tmp/staffcast-stripped")"

# inittrace: the sum of every package's init time, median over the runs.
inittrace() {
	for _ in $(seq "$runs"); do
		GODEBUG=inittrace=1 "$@" 2>&1 >/dev/null | awk '/^init /{s+=$5; a+=$8; n++} END {printf "%.3f %d %d\n", s, a/1024, n}'
	done | sort -n | awk '{v[NR]=$0} END {split(v[int((NR+1)/2)], m, " "); printf "init %.2f ms (median), %d KiB allocated, %d packages", m[1], m[2], m[3]}'
}

# cpu runs a command $1 times and prints the least CPU of one run in ms.
if perf stat -x, -e task-clock true >/dev/null 2>&1; then
	once() { perf stat -x, -e task-clock "$@" 2>&1 >/dev/null </dev/null | awk -F, '/task-clock/ {print $1}'; }
else
	once() {
		( "$@" </dev/null >/dev/null 2>&1 || true; times ) | awk 'NR==2 {
			split($1, u, "m"); split($2, s, "m")
			print (u[1]*60 + u[2] + s[1]*60 + s[2]) * 1000
		}'
	}
fi
cpu() {
	local n=$1
	shift
	for _ in $(seq "$n"); do once "$@"; done | sort -g | awk 'NR==1 {printf "%.1f ms CPU/run (least of %d)", $1, '"$n"'}'
}

echo "staffcast --help:        $(inittrace "$tmp/staffcast" --help); $(cpu "$runs" "$tmp/staffcast" --help)"
echo "staffcast erlang:        $(inittrace "$tmp/staffcast" erlang --volume 100 --interval 30m --aht 3m); $(cpu "$runs" "$tmp/staffcast" erlang --volume 100 --interval 30m --aht 3m)"
echo "empty Go program:        $(cpu "$runs" "$tmp/hello")"

# A year of 15-minute intervals with a daily shape, 0 to ~120 calls.
awk 'BEGIN {
	print "start,volume"
	for (i = 0; i < 365*96; i++) {
		t = 1735689600 + i*900
		h = (i % 96) / 4
		v = (h >= 7 && h < 22) ? int(60 + 60*sin((h-7)/15*3.14159)) : int(h % 5)
		print strftime("%Y-%m-%dT%H:%M:%SZ", t, 1) "," v
	}
}' >"$tmp/year.csv"
staff=("$tmp/staffcast" staff --in "$tmp/year.csv" --aht 3m --target 80/20 --format csv)
"${staff[@]}" >"$tmp/staff.csv" 2>/dev/null
"$tmp/erlangmin" "$tmp/year.csv" >"$tmp/erlangmin.csv" 2>/dev/null
cmp "$tmp/staff.csv" "$tmp/erlangmin.csv" # the same job: the same bytes
yr=$(( runs / 2 > 10 ? runs / 2 : 10 ))
a=$(cpu "$yr" "${staff[@]}")
b=$(cpu "$yr" "$tmp/erlangmin" "$tmp/year.csv")
echo "staff on a year (35040 rows, output identical): staffcast $a; erlangmin $b" | awk '{print} {for (i=1;i<=NF;i++) if ($i=="ms") v[++k]=$(i-1)} END {printf "ratio staffcast/erlangmin: %.2f\n", v[1]/v[2]}'

# The same year with a fraction of its own on every volume (five
# decimals), as a forecast's volumes are: no two rows repeat, so staff's
# memo and number cache find nothing to reuse.
awk -F, 'NR == 1 {print; next} {printf "%s,%.5f\n", $1, $2 + ((NR-2)*7919 % 35040)/35040}' "$tmp/year.csv" >"$tmp/frac.csv"
"$tmp/staffcast" staff --in "$tmp/frac.csv" --aht 3m --target 80/20 --format csv >"$tmp/staff.csv" 2>/dev/null
"$tmp/erlangmin" "$tmp/frac.csv" >"$tmp/erlangmin.csv" 2>/dev/null
cmp "$tmp/staff.csv" "$tmp/erlangmin.csv"
a=$(cpu "$yr" "$tmp/staffcast" staff --in "$tmp/frac.csv" --aht 3m --target 80/20 --format csv)
b=$(cpu "$yr" "$tmp/erlangmin" "$tmp/frac.csv")
echo "staff on a year of fractional volumes (nothing repeats, output identical): staffcast $a; erlangmin $b" | awk '{print} {for (i=1;i<=NF;i++) if ($i=="ms") v[++k]=$(i-1)} END {printf "ratio staffcast/erlangmin: %.2f\n", v[1]/v[2]}'
