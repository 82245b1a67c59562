#!/usr/bin/env bash
# startup.sh measures what staffcast costs before it reads a byte, and a
# whole `staff` run against the smallest Go program doing the same Erlang C
# search (scripts/testdata/erlangmin). Run from the repository root:
#
#	scripts/startup.sh [runs]
#
# It prints the binary size (default and stripped build), the package
# initialisation time GODEBUG=inittrace=1 reports (median of the runs),
# and the CPU (user+sys) per process from the shell's `times`.
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

# cpu runs a command $runs times (stdin from $stdin) and prints the mean
# user+sys CPU of one run in ms.
stdin=/dev/null
cpu() {
	local n=$1
	shift
	(
		for _ in $(seq "$n"); do "$@" <"$stdin" >/dev/null 2>&1 || true; done
		times
	) | awk -v n="$n" 'NR==2 {
		split($1, u, "m"); split($2, s, "m")
		printf "%.1f ms CPU/run", (u[1]*60 + u[2] + s[1]*60 + s[2]) * 1000 / n
	}'
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
stdin=$tmp/year.csv
yr=$(( runs / 10 > 3 ? runs / 10 : 3 ))
a=$(cpu "$yr" "$tmp/staffcast" staff --in - --aht 3m --target 80/20 --format csv)
b=$(cpu "$yr" "$tmp/erlangmin")
echo "staff on a year (35040 rows): staffcast $a; erlangmin $b" | awk '{print} {for (i=1;i<=NF;i++) if ($i=="ms") v[++k]=$(i-1)} END {printf "ratio staffcast/erlangmin: %.2f\n", v[1]/v[2]}'
