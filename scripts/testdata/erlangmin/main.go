// Command erlangmin is the benchmark anchor of scripts/startup.sh: the
// smallest Go program doing what `staffcast staff --aht 3m --target 80/20
// --format csv` does on a CSV of start,volume rows, so that the script can
// compare whole-process CPU. It staffs each row with Erlang C (the
// smallest N meeting 80% answered within 20 s), with Erlang B by the
// usual recursion, and writes start,volume,agents,service_level.
package main

import (
	"bufio"
	"encoding/csv"
	"math"
	"os"
	"strconv"
	"time"
)

func main() {
	r := csv.NewReader(bufio.NewReader(os.Stdin))
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	recs, err := r.ReadAll()
	if err != nil {
		panic(err)
	}
	t0, _ := time.Parse(time.RFC3339, recs[1][0])
	t1, _ := time.Parse(time.RFC3339, recs[2][0])
	interval := t1.Sub(t0).Seconds()
	const aht, sl, within = 180.0, 0.8, 20.0
	w.WriteString("start,volume,agents,service_level\n")
	for _, rec := range recs[1:] {
		vol, _ := strconv.ParseFloat(rec[1], 64)
		a := vol * aht / interval // offered load in erlangs
		n, b, got := 0, 1.0, 1.0
		for k := 1; ; k++ {
			b = a * b / (float64(k) + a*b) // Erlang B for k agents
			if float64(k) <= a {
				continue
			}
			c := b / (1 - a/float64(k)*(1-b)) // Erlang C: probability of waiting
			got = 1 - c*math.Exp(-(float64(k)-a)*within/aht)
			if got >= sl {
				n = k
				break
			}
		}
		if a == 0 {
			n, got = 0, 1
		}
		w.WriteString(rec[0] + "," + rec[1] + "," + strconv.Itoa(n) + "," + strconv.FormatFloat(got, 'f', -1, 64) + "\n")
	}
}
