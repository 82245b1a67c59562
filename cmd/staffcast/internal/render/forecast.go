package render

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/staffcast/staffcast/data"
	"github.com/staffcast/staffcast/forecast"
)

// AddForecast adds res to t as columns: start (once), PREFIXforecast and
// one PREFIXpNN per quantile level.
func AddForecast(t *data.Table, prefix string, res *forecast.Result) {
	if len(t.Columns) == 0 {
		t.Columns = append(t.Columns, data.Column{Name: "start", Time: res.Start})
	}
	t.Columns = append(t.Columns, data.Column{Name: prefix + "forecast", Float: res.Point})
	for i, q := range res.Levels {
		t.Columns = append(t.Columns, data.Column{Name: prefix + "p" + strconv.FormatFloat(100*q, 'f', -1, 64), Float: res.Quantiles[i]})
	}
}

// AddPaths adds one column of sample paths in long form (path, start,
// value), making the path and start columns on the first call.
func AddPaths(t *data.Table, name string, res *forecast.Result, paths [][]float64) *data.Table {
	if t == nil {
		t = &data.Table{Columns: []data.Column{{Name: "path"}, {Name: "start"}}}
		for k := range paths {
			for _, st := range res.Start {
				t.Columns[0].Float = append(t.Columns[0].Float, float64(k+1))
				t.Columns[1].Time = append(t.Columns[1].Time, st)
			}
		}
	}
	col := data.Column{Name: name}
	for _, p := range paths {
		col.Float = append(col.Float, p...)
	}
	t.Columns = append(t.Columns, col)
	return t
}

// Blend says what Auto combined: "0.55 profile + 0.45 double-seasonal".
func Blend(res *forecast.Result) string {
	var parts []string
	for i, m := range res.Blend {
		parts = append(parts, fmt.Sprintf("%.2f %v", res.Weights[i], m))
	}
	return strings.Join(parts, " + ")
}

// Batch is a batch of forecasts in long form: series, start, forecast and
// one pNN column per quantile level, the series in the order of names.
func Batch(names []string, results []*forecast.Result) *data.Table {
	t := &data.Table{Columns: []data.Column{{Name: "series", Text: []string{}}, {Name: "start"}, {Name: "forecast"}}}
	for i, r := range results {
		for j := range r.Start {
			t.Columns[0].Text = append(t.Columns[0].Text, names[i])
			t.Columns[1].Time = append(t.Columns[1].Time, r.Start[j])
			t.Columns[2].Float = append(t.Columns[2].Float, r.Point[j])
		}
		for k, q := range r.Levels {
			if i == 0 {
				t.Columns = append(t.Columns, data.Column{Name: "p" + strconv.FormatFloat(100*q, 'f', -1, 64)})
			}
			t.Columns[3+k].Float = append(t.Columns[3+k].Float, r.Quantiles[k]...)
		}
	}
	return t
}
