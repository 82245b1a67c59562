package shifts

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
)

// Model is the integer programme written out for an outside solver (such
// as COIN-OR CBC): one variable per shift and break placement, x<j>_<b>
// (b is the break's offset in intervals, or "n" for none), and u<t> for
// agents missing in interval t when under-staffing is penalised; with
// MaxAgents a row caps their sum. MaxStartTimes is not in the model (it
// would need a binary variable per start time).
type Model struct {
	start []time.Time
	req   []int
	cands []candidate
	r     Rules
	cols  []lpCol
}

// NewModel checks the input as Solve does and builds the model.
func NewModel(start []time.Time, step time.Duration, required []float64, r Rules) (*Model, error) {
	req, cands, err := prepare(start, step, required, r)
	if err != nil {
		return nil, err
	}
	m := &Model{start: start, req: req, cands: cands, r: r}
	for j, c := range cands {
		for _, off := range c.offsets() {
			m.cols = append(m.cols, lpCol{j: j, off: off, cost: c.cost})
		}
	}
	return m, nil
}

func colName(cl lpCol) string {
	if cl.off < 0 {
		return fmt.Sprintf("x%d_n", cl.j)
	}
	return fmt.Sprintf("x%d_%d", cl.j, cl.off)
}

// WriteLP writes the model in CPLEX LP format.
func (m *Model) WriteLP(w io.Writer) error {
	bw := bufio.NewWriter(w)
	n := len(m.req)
	rows := make([][]string, n)
	fmt.Fprint(bw, "Minimize\n obj:")
	for i, cl := range m.cols {
		fmt.Fprintf(bw, " + %s %s", strconv.FormatFloat(cl.cost, 'g', -1, 64), colName(cl))
		if i%8 == 7 {
			fmt.Fprint(bw, "\n")
		}
		c := m.cands[cl.j]
		for o := 0; o < c.k; o++ {
			if works(c, cl.off, o) {
				t := (c.start + o) % n
				rows[t] = append(rows[t], colName(cl))
			}
		}
	}
	if m.r.UnderPenalty > 0 {
		for t := range m.req {
			fmt.Fprintf(bw, " + %s u%d\n", strconv.FormatFloat(m.r.UnderPenalty, 'g', -1, 64), t)
		}
	}
	fmt.Fprint(bw, "\nSubject To\n")
	for t, names := range rows {
		if m.req[t] == 0 {
			continue
		}
		fmt.Fprintf(bw, " c%d:", t)
		for i, s := range names {
			fmt.Fprintf(bw, " + %s", s)
			if i%8 == 7 {
				fmt.Fprint(bw, "\n")
			}
		}
		if m.r.UnderPenalty > 0 {
			fmt.Fprintf(bw, " + u%d", t)
		}
		fmt.Fprintf(bw, " >= %d\n", m.req[t])
	}
	if m.r.MaxAgents > 0 {
		// The agent cap: every shift and break placement is one agent.
		fmt.Fprint(bw, " agents:")
		for i, cl := range m.cols {
			fmt.Fprintf(bw, " + %s", colName(cl))
			if i%8 == 7 {
				fmt.Fprint(bw, "\n")
			}
		}
		fmt.Fprintf(bw, " <= %d\n", m.r.MaxAgents)
	}
	fmt.Fprint(bw, "General\n")
	for _, cl := range m.cols {
		fmt.Fprintf(bw, " %s\n", colName(cl))
	}
	if m.r.UnderPenalty > 0 {
		for t := range m.req {
			fmt.Fprintf(bw, " u%d\n", t)
		}
	}
	fmt.Fprint(bw, "End\n")
	return bw.Flush()
}

// ReadCBCSolution reads a solution file CBC writes ("solu FILE"), and
// returns the schedule it describes with the bound CBC proved. CBC's
// solution file holds the objective but not the bound, so bound is
// passed in (from CBC's log); NaN means unknown (Status NoBound).
func (m *Model) ReadCBCSolution(r io.Reader, bound float64) (*Schedule, error) {
	sc := bufio.NewScanner(r)
	byName := map[string]lpCol{}
	for _, cl := range m.cols {
		byName[colName(cl)] = cl
	}
	count := map[[2]int]int{}
	line := 0
	status := ""
	for sc.Scan() {
		line++
		f := strings.Fields(sc.Text())
		if line == 1 {
			status = sc.Text()
			continue
		}
		if len(f) < 3 {
			continue
		}
		if f[0] == "**" { // CBC marks infeasible rows
			f = f[1:]
		}
		cl, ok := byName[f[1]]
		if !ok {
			continue
		}
		v, err := strconv.ParseFloat(f[2], 64)
		if err != nil {
			return nil, fmt.Errorf("shifts: CBC solution line %d: %q: %w", line, sc.Text(), err)
		}
		if a := int(math.Round(v)); a > 0 {
			count[[2]int{cl.j, cl.off}] += a
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if !strings.HasPrefix(status, "Optimal") && !strings.Contains(status, "Stopped") {
		return nil, fmt.Errorf("shifts: CBC found no schedule: %s", status)
	}
	var ps []placed
	cost := 0.0
	for k, a := range count {
		ps = append(ps, placed{k[0], k[1], a})
		cost += float64(a) * m.cands[k[0]].cost
	}
	cov := coverage(len(m.req), m.cands, ps)
	for t, v := range m.req {
		if cov[t] < v {
			if m.r.UnderPenalty == 0 {
				return nil, fmt.Errorf("shifts: CBC's schedule leaves %s short", m.start[t].Format(time.RFC3339))
			}
			cost += float64(v-cov[t]) * m.r.UnderPenalty
		}
	}
	return schedule(m.start, m.req, m.cands, merge(ps), cost, bound, false), nil
}
