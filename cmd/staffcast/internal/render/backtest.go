package render

import (
	"fmt"
	"io"
	"time"

	"github.com/staffcast/staffcast/cmd/staffcast/internal/texttab"
	"github.com/staffcast/staffcast/forecast"
)

// Backtest writes backtests in format. The terminal table has one row
// per model (mean and worst-origin MASE, pooled WAPE, bias, RMSE and
// coverage, fit time); CSV and JSON have a row per model for all
// origins, each day of the horizon and each origin.
func Backtest(w io.Writer, format string, bts []forecast.Backtest) error {
	if format == FormatTable {
		var rows [][]string
		for _, b := range bts {
			m := b.Overall
			rows = append(rows, []string{b.Model.String(), fmt.Sprintf("%.3f", b.MeanMASE), fmt.Sprintf("%.3f", b.WorstMASE), fmt.Sprintf("%.3f", m.WAPE), fmt.Sprintf("%+.3f", m.Bias), fmt.Sprintf("%.2f", m.RMSE), fmt.Sprintf("%.2f", m.CoverageOpen), fmt.Sprintf("%.2f", m.Coverage), fmt.Sprint(b.FitTime.Round(time.Millisecond))})
		}
		return texttab.Write(w, []string{"model", "MASE mean", "MASE worst origin", "WAPE", "bias", "RMSE", "80% cov. open hours", "80% cov. all hours", "fit time"}, rows)
	}
	g := Grid{Header: []string{"model", "scope", "mase", "wape", "bias", "rmse", "coverage_80_open", "coverage_80_all", "n", "n_open", "fit_seconds"}, Digits: 3}
	for _, b := range bts {
		row := func(scope string, m forecast.Metrics) []any {
			return []any{b.Model.String(), scope, m.MASE, m.WAPE, m.Bias, m.RMSE, m.CoverageOpen, m.Coverage, m.N, m.NOpen, b.FitTime.Seconds()}
		}
		g.Rows = append(g.Rows, row("all", b.Overall))
		for d, m := range b.ByDay {
			g.Rows = append(g.Rows, row(fmt.Sprintf("day %d", d+1), m))
		}
		for o, m := range b.ByOrigin {
			g.Rows = append(g.Rows, row("origin "+b.Origins[o].Format("2006-01-02T15:04"), m))
		}
	}
	return WriteGrid(w, format, g, false)
}
