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
# the modules that initialisation time goes to, and the CPU (user+sys) of
# one process: the minimum over the runs, which is what a quiet machine
# gives (other processes only add to it). With perf, the task clock and
# the page faults of each run (perf stat); without, the shell's `times`,
# to the millisecond. The "lean" line is the optional build
# CGO_ENABLED=0 -tags urfave_cli_no_docs: a static binary without
# urfave/cli's man-page renderer (blackfriday, md2man).
#
# Every binary is measured as one the kernel has read from disk: written,
# synced, dropped from the page cache and read back once (settle below).
# A binary fresh from the Go linker, which writes it through a memory
# map, cost staffcast 0.7-1.2 ms and about 100 page faults more per start
# than the same bytes read back (Linux 6.18, ext4; the small programs
# were unaffected): the state of a binary straight after `go build` or
# `go install`, not of one in use.
set -euo pipefail
runs=${1:-50}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

go build -o "$tmp/staffcast" ./cmd/staffcast
go build -ldflags "-s -w" -o "$tmp/staffcast-stripped" ./cmd/staffcast
CGO_ENABLED=0 go build -tags urfave_cli_no_docs -o "$tmp/staffcast-lean" ./cmd/staffcast
go build -o "$tmp/erlangmin" ./scripts/testdata/erlangmin
printf 'package main\nfunc main() {}\n' > "$tmp/hello.go"
go build -o "$tmp/hello" "$tmp/hello.go"

# settle writes each binary back, drops it from the page cache
# (posix_fadvise DONTNEED through dd iflag=nocache) and reads it once, as
# the kernel does after a reboot. Where dd cannot, the copy alone already
# replaces the linker's pages with ones written by write().
settle() {
	for f; do
		cp "$f" "$f.tmp" && mv "$f.tmp" "$f"
		sync "$f" 2>/dev/null || true
		dd if="$f" iflag=nocache count=0 status=none 2>/dev/null || true
		cat "$f" >/dev/null
	done
}
settle "$tmp/staffcast" "$tmp/staffcast-stripped" "$tmp/staffcast-lean" "$tmp/erlangmin" "$tmp/hello"

size() { stat -c %s "$1" | awk '{printf "%.1f MB", $1/1e6}'; }
echo "binary: $(size "$tmp/staffcast"), stripped (-ldflags \"-s -w\"): $(size "$tmp/staffcast-stripped"), lean: $(size "$tmp/staffcast-lean")"

# inittrace: the sum of every package's init time, median over the runs.
inittrace() {
	for _ in $(seq "$runs"); do
		GODEBUG=inittrace=1 "$@" 2>&1 >/dev/null | awk '/^init /{s+=$5; a+=$8; n++} END {printf "%.3f %d %d\n", s, a/1024, n}'
	done | sort -n | awk '{v[NR]=$0} END {split(v[int((NR+1)/2)], m, " "); printf "init %.2f ms (median), %d KiB allocated, %d packages", m[1], m[2], m[3]}'
}

# initmodules prints the modules with the most initialisation time (all
# of the standard library as "std", staffcast's own packages as
# "staffcast"): the median over the runs, with the bytes they allocate.
initmodules() {
	for _ in $(seq "$runs"); do
		GODEBUG=inittrace=1 "$@" 2>&1 >/dev/null | awk '/^init / {
			n = split($2, p, "/")
			m = p[1] ~ /\./ ? p[1] "/" p[2] "/" p[3] : "std"
			if ($2 == "main" || p[3] == "staffcast") m = "staffcast"
			t[m] += $5; k[m] += $8
		} END {for (m in t) printf "%s %.4f %d\n", m, t[m], k[m]/1024}'
	done | sort -k1,1 -k2,2g | awk '
		function flush() { if (n) { split(v[int((n+1)/2)], a, " "); printf "%s %.2f %d\n", m, a[2], a[3] } }
		$1 != m { flush(); m = $1; n = 0 }
		{ v[++n] = $0 }
		END { flush() }' | sort -k2,2gr | head -9 |
		awk '{printf "%s%s %.2f ms (%d KiB)", (NR > 1 ? ", " : ""), $1, $2, $3}'
}

# cpu runs a command $1 times and prints the least CPU of one run in ms,
# and with perf the least page faults of a run.
if perf stat -x, -e task-clock,page-faults true >/dev/null 2>&1; then
	once() {
		perf stat -x, -e task-clock,page-faults "$@" 2>&1 >/dev/null </dev/null |
			awk -F, '/task-clock/ {t = $1} /page-faults/ {f = $1} END {print t, f}'
	}
else
	once() {
		( "$@" </dev/null >/dev/null 2>&1 || true; times ) | awk 'NR==2 {
			split($1, u, "m"); split($2, s, "m")
			print (u[1]*60 + u[2] + s[1]*60 + s[2]) * 1000, "-"
		}'
	}
fi
cpu() {
	local n=$1
	shift
	for _ in $(seq "$n"); do once "$@"; done | sort -g | awk '
		NR == 1 {t = $1} $2 != "-" && (f == "" || $2 + 0 < f) {f = $2 + 0}
		END {printf "%.1f ms CPU/run (least of %d)", t, '"$n"'; if (f != "") printf ", %d page faults", f}'
}

echo "staffcast --help:        $(inittrace "$tmp/staffcast" --help); $(cpu "$runs" "$tmp/staffcast" --help)"
echo "staffcast erlang:        $(inittrace "$tmp/staffcast" erlang --volume 100 --interval 30m --aht 3m); $(cpu "$runs" "$tmp/staffcast" erlang --volume 100 --interval 30m --aht 3m)"
echo "lean build --help:       $(inittrace "$tmp/staffcast-lean" --help); $(cpu "$runs" "$tmp/staffcast-lean" --help)"
echo "empty Go program:        $(cpu "$runs" "$tmp/hello")"
echo "init of --help by module: $(initmodules "$tmp/staffcast" --help)"

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
# memo and the CSV writer's tail cache find nothing to reuse.
awk -F, 'NR == 1 {print; next} {printf "%s,%.5f\n", $1, $2 + ((NR-2)*7919 % 35040)/35040}' "$tmp/year.csv" >"$tmp/frac.csv"
"$tmp/staffcast" staff --in "$tmp/frac.csv" --aht 3m --target 80/20 --format csv >"$tmp/staff.csv" 2>/dev/null
"$tmp/erlangmin" "$tmp/frac.csv" >"$tmp/erlangmin.csv" 2>/dev/null
cmp "$tmp/staff.csv" "$tmp/erlangmin.csv"
a=$(cpu "$yr" "$tmp/staffcast" staff --in "$tmp/frac.csv" --aht 3m --target 80/20 --format csv)
b=$(cpu "$yr" "$tmp/erlangmin" "$tmp/frac.csv")
echo "staff on a year of fractional volumes (nothing repeats, output identical): staffcast $a; erlangmin $b" | awk '{print} {for (i=1;i<=NF;i++) if ($i=="ms") v[++k]=$(i-1)} END {printf "ratio staffcast/erlangmin: %.2f\n", v[1]/v[2]}'
