// Command erlangmin is the benchmark anchor of scripts/startup.sh: the
// smallest Go program doing the job of `staffcast staff --aht 3m --target
// 80/20 --format csv` on a CSV of start,volume rows in UTC at a fixed
// spacing (the file named by its argument, else stdin), so that the
// script compares the whole-process CPU of the same work. It streams the
// rows, staffs each with Erlang C (the smallest n meeting 80% answered
// within 20 s), and writes the same columns with the same bytes as staff
// (the script checks with cmp), and staff's agent-hours line on stderr.
//
// Same bytes means the same arithmetic: the Erlang B recursion on the
// inverse, started 8√a + 8 below the load, the service level, ASA and
// occupancy, and the fractional requirement interpolated between n−1 and
// n, in the order staffing.Required evaluates them. What it leaves out is
// what staffcast adds around the search: flags, input checks (sorted,
// unique, evenly spaced rows, values in range), time zones (the start
// column is copied, not parsed), other channels and formats.
package main

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"time"
)

const (
	aht    = 180.0 // seconds
	target = 0.8
	within = 20.0 // seconds
)

func main() {
	src := os.Stdin
	if len(os.Args) > 1 { // a file, so that perf stat -r can repeat the run
		f, err := os.Open(os.Args[1])
		if err != nil {
			panic(err)
		}
		src = f
	}
	in := bufio.NewScanner(bufio.NewReaderSize(src, 64*1024))
	out := bufio.NewWriterSize(os.Stdout, 64*1024)
	// The rows stream through; the first two give the interval.
	var rows []string
	for len(rows) < 3 && in.Scan() {
		rows = append(rows, in.Text())
	}
	if len(rows) < 3 {
		panic("erlangmin: want a header and two rows or more")
	}
	rows = rows[1:]
	t0, err0 := time.Parse(time.RFC3339, rows[0][:strings.IndexByte(rows[0], ',')])
	t1, err1 := time.Parse(time.RFC3339, rows[1][:strings.IndexByte(rows[1], ',')])
	if err0 != nil || err1 != nil {
		panic("erlangmin: want RFC 3339 times in the first column")
	}
	interval := t1.Sub(t0).Seconds()
	hours := interval / 3600

	var frac, whole float64
	b := []byte("start,volume,agents,fractional_agents,scheduled_agents,service_level,asa_seconds,occupancy\n")
	for len(rows) > 0 || in.Scan() {
		var line string
		if len(rows) > 0 {
			line, rows = rows[0], rows[1:]
		} else {
			line = in.Text()
		}
		i := strings.IndexByte(line, ',')
		vol, err := strconv.ParseFloat(line[i+1:], 64)
		if err != nil {
			panic(err)
		}
		n, f, sl, asa, occ := required(vol * aht / interval)
		frac += f * hours
		whole += float64(n) * hours
		b = append(b, line[:i]...)
		b = append(b, ',')
		b = strconv.AppendFloat(b, vol, 'f', -1, 64)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(n), 10)
		b = append(b, ',')
		b = strconv.AppendFloat(b, f, 'f', -1, 64)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(n), 10) // scheduled: no shrinkage
		b = append(b, ',')
		b = strconv.AppendFloat(b, sl, 'f', -1, 64)
		b = append(b, ',')
		b = strconv.AppendFloat(b, asa, 'f', -1, 64)
		b = append(b, ',')
		b = strconv.AppendFloat(b, occ, 'f', -1, 64)
		b = append(b, '\n')
		if len(b) > 32*1024 {
			out.Write(b)
			b = b[:0]
		}
	}
	out.Write(b)
	out.Flush()
	fmt.Fprintf(os.Stderr, "agent-hours: %.1f fractional, %.1f rounded up per interval, %.1f scheduled after shrinkage\n", frac, whole, whole)
}

// required returns the smallest n whose service level meets the target
// for a load of a Erlangs, the fractional requirement, and the service
// level, ASA (seconds) and occupancy at n.
func required(a float64) (n int, frac, sl, asa, occ float64) {
	if a == 0 {
		return 0, 0, 1, 0, 0
	}
	mu := 1 / aht
	n = int(math.Floor(a)) + 1 // the first stable staffing
	inv := invB(a, n)          // 1/B(a, n)
	ia := 1 / a
	decay := math.Exp(-mu * within)
	e := math.Exp(-(float64(n) - a) * mu * within)
	prevInv := 1.0
	for {
		fn := float64(n)
		c := min(fn/(inv*(fn-a)+a), 1)
		if 1-c*e >= target {
			// The same test on the exact measures, which decide.
			sl, asa, occ = measures(a, n, 1/inv)
			if sl >= target {
				prevSL, _, _ := measures(a, n-1, 1/prevInv)
				need := 1.0
				if prevSL < target && sl != prevSL {
					need = max(0, min(1, (target-prevSL)/(sl-prevSL)))
				}
				if need == 0 {
					need = 1
				}
				return n, max(float64(n-1)+need, a), sl, asa, occ
			}
		}
		n++
		prevInv, inv = inv, 1+float64(n)*ia*inv
		e *= decay
	}
}

// measures returns the Erlang C service level, ASA and occupancy of n
// agents at a load of a Erlangs, given b = B(a, n).
func measures(a float64, n int, b float64) (sl, asa, occ float64) {
	fn := float64(n)
	if a >= fn {
		return 0, math.Inf(1), 1
	}
	c := min(fn*b/(fn-a*(1-b)), 1)
	mu := 1 / aht
	return 1 - c*math.Exp(-(fn-a)*mu*within), c / (mu * (fn - a)), a / fn
}

// invB returns 1/B(a, n) by the recursion I(m) = 1 + (m/a)·I(m−1),
// started at the fluid approximation a/(a − m₀) 8√a + 8 below min(n, a).
func invB(a float64, n int) float64 {
	m0, inv := 0, 1.0
	if skip := min(float64(n), a) - 8*math.Sqrt(a) - 8; skip >= 1 {
		m0 = int(skip)
		inv = a / (a - float64(m0))
	}
	ia := 1 / a
	for m := m0 + 1; m <= n; m++ {
		inv = 1 + float64(m)*ia*inv
	}
	return inv
}
