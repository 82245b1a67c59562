package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/staffcast/staffcast/chart"
	"github.com/staffcast/staffcast/cmd/staffcast/internal/texttab"
	"github.com/staffcast/staffcast/data"
	"github.com/staffcast/staffcast/forecast"
	"github.com/staffcast/staffcast/forecast/calendar"
	"github.com/urfave/cli/v2"
	"golang.org/x/term"
	"gonum.org/v1/plot/vg"
)

func forecastFlags() []cli.Flag {
	return append([]cli.Flag{
		&cli.StringFlag{Name: "history", Usage: "hourly (or 15/30-minute) history: CSV, Parquet or Arrow; default: the embedded sample"},
		&cli.StringSliceFlag{Name: "column", Usage: "column to forecast; repeat for several; default: every numeric column"},
		&cli.StringFlag{Name: "horizon", Value: "14d", Usage: "how far ahead, e.g. 14d, 4w, 48h"},
		&cli.StringFlag{Name: "country", Value: "SE", Usage: "public holidays and salary days of SE, NO, DK or FI"},
		&cli.StringFlag{Name: "events", Usage: "CSV of your own events (name,start,end): campaigns, TV ads"},
		&cli.StringFlag{Name: "model", Value: "auto", Usage: "auto, seasonal-naive, week-mean, profile, double-seasonal, regression or combination"},
		&cli.StringFlag{Name: "time-column", Value: "start", Usage: "the timestamp column"},
	}, timeFlags()...)
}

func forecastCommand() *cli.Command {
	return &cli.Command{
		Name:  "forecast",
		Usage: "forecast hourly orders and contacts with prediction intervals",
		UsageText: `staffcast forecast --history shop.csv --column calls --tz Europe/Stockholm --horizon 14d --country SE --out forecast.csv
   staffcast forecast --history shop.parquet --column orders --column calls --quantiles 0.1,0.5,0.9 --format json

Output: start (RFC 3339 with offset, continuing the history's zone through
daylight-saving changes), forecast and one column per quantile (p10, p50,
p90); with several --column, one set per column (calls_forecast,
calls_p10, ...). The model is chosen per column by forecasting the last
six horizons of history from what came before (--model forces one);
holidays of --country and retail events
(Black Friday, the Christmas rush, salary days, ...) and --events enter
the regression. Hours the history never saw open are forecast as zero.
Without --history it forecasts the embedded sample.`,
		Flags: append(append(forecastFlags(),
			&cli.StringFlag{Name: "quantiles", Value: "0.1,0.5,0.9", Usage: "prediction levels"},
			&cli.StringFlag{Name: "driver", Usage: "forecast the other columns as contacts driven by this column of orders (lags of 0-3 days); prints the contacts per order learned"},
		), outputFlags(formatTable, formatCSV, formatJSON, formatParquet)...),
		Action: runForecast,
	}
}

// history reads --history (or the sample) and the columns to forecast.
func history(c *cli.Context) (*data.Series, []string, error) {
	var s *data.Series
	var err error
	if path := c.String("history"); path != "" {
		ro, err := readOptions(c)
		if err != nil {
			return nil, nil, err
		}
		ro.TimeColumn = c.String("time-column")
		if s, err = data.ReadSeriesFile(path, data.SeriesOptions{ReadOptions: ro, FillGaps: data.GapKeep}); err != nil {
			return nil, nil, inputError(err)
		}
	} else {
		sampleNote(c, "history", "hourly orders, calls, chats and emails, Europe/Stockholm, 2023-2025")
		if s, err = data.Sample(); err != nil {
			return nil, nil, err
		}
	}
	cols := c.StringSlice("column")
	if len(cols) == 0 {
		for _, col := range s.Columns {
			cols = append(cols, col.Name)
		}
	}
	for _, col := range cols {
		if s.Column(col) == nil {
			return nil, nil, usageError(fmt.Errorf("--column %q: the history has %s", col, columnNames(s)))
		}
	}
	return s, cols, nil
}

func forecastOptions(c *cli.Context, s *data.Series, until time.Time) (forecast.Options, error) {
	var opt forecast.Options
	var err error
	if opt.Model, err = forecast.ParseModel(c.String("model")); err != nil {
		return opt, usageError(fmt.Errorf("--model: %w", err))
	}
	country, err := calendar.ParseCountry(c.String("country"))
	if err != nil {
		return opt, usageError(fmt.Errorf("--country: %w", err))
	}
	loc := s.Start[0].Location()
	opt.Events = calendar.Events(country, s.Start[0], until, loc)
	if f := c.String("events"); f != "" {
		r, err := os.Open(f)
		if err != nil {
			return opt, inputError(err)
		}
		defer r.Close()
		ev, err := calendar.ReadEvents(r, f, loc)
		if err != nil {
			return opt, inputError(err)
		}
		opt.Events = append(opt.Events, ev...)
	}
	return opt, nil
}

func runForecast(c *cli.Context) error {
	out, err := newOutput(c, formatTable, formatCSV, formatJSON, formatParquet)
	if err != nil {
		return err
	}
	if many, err := manySeries(c); err != nil || many != nil {
		if err != nil {
			return err
		}
		return forecastMany(c, out, many)
	}
	s, cols, err := history(c)
	if err != nil {
		return err
	}
	span, err := parseSpan("horizon", c.String("horizon"))
	if err != nil {
		return err
	}
	if s.Step <= 0 {
		return inputError(errors.New("cannot tell the interval length of a one-row history"))
	}
	horizon := int(span / s.Step)
	if horizon <= 0 {
		return usageError(fmt.Errorf("--horizon %s: want at least one interval of %v", c.String("horizon"), s.Step))
	}
	var levels []float64
	for _, q := range strings.Split(c.String("quantiles"), ",") {
		v, err := strconv.ParseFloat(strings.TrimSpace(q), 64)
		if err != nil || !(v > 0 && v < 1) {
			return usageError(fmt.Errorf("--quantiles %q: want levels in (0,1) such as 0.1,0.5,0.9", c.String("quantiles")))
		}
		levels = append(levels, v)
	}
	until := s.Start[len(s.Start)-1].Add(span + 24*time.Hour)
	opt, err := forecastOptions(c, s, until)
	if err != nil {
		return err
	}
	opt.Quantiles = levels
	driver := c.String("driver")
	if driver != "" && s.Column(driver) == nil {
		return usageError(fmt.Errorf("--driver %q: the history has %s", driver, columnNames(s)))
	}
	t := &data.Table{}
	for _, col := range cols {
		var res *forecast.Result
		if driver != "" && col != driver {
			d, err := forecast.ForecastDriven(s.Start, s.Column(col), s.Column(driver), s.Step, horizon, opt)
			if err != nil {
				return inputError(fmt.Errorf("column %q: %w", col, err))
			}
			fmt.Fprintf(c.App.ErrWriter, "column %s: %.4f per %s (same day %.4f, 1 day later %.4f, 2 days %.4f, 3 days %.4f)\n",
				col, d.ContactsPerOrder, driver, d.PerOrder[0], d.PerOrder[1], d.PerOrder[2], d.PerOrder[3])
			res = d.Result
		} else {
			if res, err = forecast.Forecast(s.Start, s.Column(col), s.Step, horizon, opt); err != nil {
				return inputError(fmt.Errorf("column %q: %w", col, err))
			}
			if len(res.Blend) > 0 {
				fmt.Fprintf(c.App.ErrWriter, "column %s: model %v (mean of %v and %v)\n", col, res.Model, res.Blend[0], res.Blend[1])
			} else {
				fmt.Fprintf(c.App.ErrWriter, "column %s: model %v\n", col, res.Model)
			}
		}
		for _, w := range res.Warnings {
			fmt.Fprintf(c.App.ErrWriter, "column %s: warning: %v\n", col, w)
		}
		if len(t.Columns) == 0 {
			t.Columns = append(t.Columns, data.Column{Name: "start", Time: res.Start})
		}
		prefix := ""
		if len(cols) > 1 {
			prefix = col + "_"
		}
		t.Columns = append(t.Columns, data.Column{Name: prefix + "forecast", Float: res.Point})
		for i, q := range res.Levels {
			t.Columns = append(t.Columns, data.Column{Name: prefix + "p" + strconv.FormatFloat(100*q, 'f', -1, 64), Float: res.Quantiles[i]})
		}
	}
	return out.writeTable(c.App.Writer, t, 1)
}

func backtestCommand() *cli.Command {
	return &cli.Command{
		Name:  "backtest",
		Usage: "measure forecast accuracy by rolling-origin backtests: MASE, WAPE, bias, RMSE, interval coverage",
		UsageText: `staffcast backtest --history shop.csv --column calls --tz Europe/Stockholm --horizon 14d --origins 4
   staffcast backtest --history shop.parquet --column orders --chart backtest.png --format csv

The last origins × horizon of history is cut into consecutive horizons,
each forecast from everything before it, by every model. MASE divides the
mean absolute error by the in-sample error of the weekly seasonal naive
forecast; coverage is the share of actuals inside the 80% interval.
Results per model and per horizon day go to stdout, a progress bar to
stderr (on a terminal), and with --chart a PNG or SVG of the last origin.`,
		Flags: append(append(forecastFlags(),
			&cli.IntFlag{Name: "origins", Value: 4, Usage: "number of rolling origins"},
			&cli.StringFlag{Name: "chart", Usage: "draw forecast against actual for the last origin to FILE.png or FILE.svg"},
		), outputFlags(formatTable, formatCSV, formatJSON)...),
		Action: runBacktest,
	}
}

func runBacktest(c *cli.Context) error {
	out, err := newOutput(c, formatTable, formatCSV, formatJSON)
	if err != nil {
		return err
	}
	s, cols, err := history(c)
	if err != nil {
		return err
	}
	if len(cols) != 1 {
		if c.IsSet("column") {
			return usageError(errors.New("backtest takes one --column"))
		}
		cols = cols[:1]
	}
	span, err := parseSpan("horizon", c.String("horizon"))
	if err != nil {
		return err
	}
	horizon := int(span / s.Step)
	if horizon <= 0 {
		return usageError(fmt.Errorf("--horizon %s: want at least one interval", c.String("horizon")))
	}
	opt, err := forecastOptions(c, s, s.Start[len(s.Start)-1].Add(24*time.Hour))
	if err != nil {
		return err
	}
	opt.Quantiles = []float64{0.1, 0.9}
	models := []forecast.Model{forecast.SeasonalNaive, forecast.WeekMean, forecast.Profile, forecast.DoubleSeasonal, forecast.Regression, forecast.Combination, forecast.Auto}
	if c.IsSet("model") && c.String("model") != "auto" {
		models = []forecast.Model{opt.Model}
	}
	progress := progressTo(c.App.ErrWriter, len(models)*c.Int("origins"))
	bts, err := forecast.RunBacktest(s.Start, s.Column(cols[0]), s.Step, horizon, c.Int("origins"), models, opt, progress)
	if err != nil {
		return inputError(err)
	}
	if f := c.String("chart"); f != "" {
		format, err := chart.FormatFromPath(f)
		if err != nil {
			return usageError(fmt.Errorf("--chart: %w", err))
		}
		best := bts[0]
		for _, b := range bts {
			if b.Overall.MASE < best.Overall.MASE {
				best = b
			}
		}
		if err := data.WriteFileAtomic(f, func(w io.Writer) error {
			p, err := chart.Forecast(fmt.Sprintf("%s: %v forecast (80%% interval) against actual, last origin", cols[0], best.Model), best.LastStart, best.LastActual, best.LastPoint, best.LastLow, best.LastHigh)
			if err != nil {
				return err
			}
			return chart.Write(w, format, 11*vg.Inch, 4*vg.Inch, p)
		}); err != nil {
			return err
		}
	}
	g := grid{header: []string{"model", "day", "mase", "wape", "bias", "rmse", "coverage_80", "n", "fit_seconds"}, digits: 3}
	for _, b := range bts {
		row := func(day string, m forecast.Metrics) []any {
			return []any{b.Model.String(), day, m.MASE, m.WAPE, m.Bias, m.RMSE, m.Coverage, m.N, b.FitTime.Seconds()}
		}
		g.rows = append(g.rows, row("all", b.Overall))
		for d, m := range b.ByDay {
			g.rows = append(g.rows, row(strconv.Itoa(d+1), m))
		}
	}
	if out.format == formatTable {
		// The terminal shows the overall row per model; CSV and JSON have every day.
		var rows [][]string
		for _, b := range bts {
			m := b.Overall
			rows = append(rows, []string{b.Model.String(), fmt.Sprintf("%.3f", m.MASE), fmt.Sprintf("%.3f", m.WAPE), fmt.Sprintf("%+.3f", m.Bias), fmt.Sprintf("%.2f", m.RMSE), fmt.Sprintf("%.2f", m.Coverage), fmt.Sprint(b.FitTime.Round(time.Millisecond))})
		}
		return out.write(c.App.Writer, func(w io.Writer) error {
			return texttab.Write(w, []string{"model", "MASE", "WAPE", "bias", "RMSE", "80% coverage", "fit time"}, rows)
		})
	}
	return out.writeGrid(c.App.Writer, g, false)
}

// namedSeries is one series of a batch: read (s, col), or a file a
// worker reads when it comes to it (load), so that a folder of series is
// never all in memory at once.
type namedSeries struct {
	name string
	s    *data.Series
	col  string
	load func() (*data.Series, string, error)
}

// manySeries reads a batch: --history a folder (one series per file) or a
// long file with a "series" column. It returns nil for a single series.
func manySeries(c *cli.Context) ([]namedSeries, error) {
	path := c.String("history")
	if path == "" {
		return nil, nil
	}
	ro, err := readOptions(c)
	if err != nil {
		return nil, err
	}
	ro.TimeColumn = c.String("time-column")
	pick := func(s *data.Series) (string, error) {
		if cols := c.StringSlice("column"); len(cols) > 0 {
			if len(cols) > 1 {
				return "", usageError(errors.New("a batch of series takes one --column"))
			}
			if s.Column(cols[0]) == nil {
				return "", usageError(fmt.Errorf("--column %q: the series has %s", cols[0], columnNames(s)))
			}
			return cols[0], nil
		}
		return s.Columns[0].Name, nil
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		entries, err := os.ReadDir(path)
		if err != nil {
			return nil, inputError(err)
		}
		var out []namedSeries
		for _, e := range entries {
			if e.IsDir() {
				continue
			}
			if _, err := data.FormatFromPath(e.Name()); err != nil {
				continue
			}
			f := filepath.Join(path, e.Name())
			load := func() (*data.Series, string, error) {
				s, err := data.ReadSeriesFile(f, data.SeriesOptions{ReadOptions: ro, FillGaps: data.GapKeep})
				if err != nil {
					return nil, "", inputError(err)
				}
				col, err := pick(s)
				return s, col, err
			}
			out = append(out, namedSeries{name: strings.TrimSuffix(e.Name(), filepath.Ext(e.Name())), load: load})
		}
		if len(out) == 0 {
			return nil, inputError(fmt.Errorf("%s: no .csv, .parquet or .arrow files", path))
		}
		return out, nil
	}
	ro.Text = []string{"series"}
	tb, err := readTable(c, path, ro)
	if err != nil {
		return nil, err
	}
	sc := tb.Column("series")
	if sc == nil || sc.Text == nil {
		return nil, nil
	}
	var order []string
	rows := map[string][]int{}
	for i, name := range sc.Text {
		if _, ok := rows[name]; !ok {
			order = append(order, name)
		}
		rows[name] = append(rows[name], i)
	}
	var out []namedSeries
	for _, name := range order {
		sub := filterRows(tb, func(i int) bool { return sc.Text[i] == name })
		s, err := data.SeriesFromTable(sub, data.SeriesOptions{ReadOptions: ro, FillGaps: data.GapKeep})
		if err != nil {
			return nil, inputError(fmt.Errorf("series %q: %w", name, err))
		}
		col, err := pick(s)
		if err != nil {
			return nil, err
		}
		out = append(out, namedSeries{name: name, s: s, col: col})
	}
	return out, nil
}

// forecastMany forecasts a batch of series in parallel (one worker per
// CPU) and writes them in long form: series, start, forecast, quantiles.
func forecastMany(c *cli.Context, out output, batch []namedSeries) error {
	span, err := parseSpan("horizon", c.String("horizon"))
	if err != nil {
		return err
	}
	model, err := forecast.ParseModel(c.String("model"))
	if err != nil {
		return usageError(fmt.Errorf("--model: %w", err))
	}
	country, err := calendar.ParseCountry(c.String("country"))
	if err != nil {
		return usageError(fmt.Errorf("--country: %w", err))
	}
	results := make([]*forecast.Result, len(batch))
	errs := make([]error, len(batch))
	progress := progressTo(c.App.ErrWriter, len(batch))
	jobs := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				b := batch[i]
				if b.load != nil {
					var err error
					if b.s, b.col, err = b.load(); err != nil {
						errs[i] = err
						continue
					}
				}
				horizon := int(span / b.s.Step)
				if b.s.Step <= 0 || horizon <= 0 {
					errs[i] = fmt.Errorf("series %q: --horizon %s is shorter than one interval", b.name, c.String("horizon"))
					continue
				}
				loc := b.s.Start[0].Location()
				opt := forecast.Options{Model: model, Events: calendar.Events(country, b.s.Start[0], b.s.Start[len(b.s.Start)-1].Add(span+24*time.Hour), loc)}
				results[i], errs[i] = forecast.Forecast(b.s.Start, b.s.Column(b.col), b.s.Step, horizon, opt)
				mu.Lock()
				done++
				if progress != nil {
					progress(done, len(batch))
				}
				mu.Unlock()
			}
		}()
	}
	for i := range batch {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	t := &data.Table{Columns: []data.Column{{Name: "series", Text: []string{}}, {Name: "start"}, {Name: "forecast"}}}
	for i, r := range results {
		if errs[i] != nil {
			var k *kindError
			if errors.As(errs[i], &k) {
				return fmt.Errorf("series %q: %w", batch[i].name, errs[i]) // already says what kind
			}
			return inputError(fmt.Errorf("series %q: %w", batch[i].name, errs[i]))
		}
		for j := range r.Start {
			t.Columns[0].Text = append(t.Columns[0].Text, batch[i].name)
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
	fmt.Fprintf(c.App.ErrWriter, "forecast %d series\n", len(batch))
	return out.writeTable(c.App.Writer, t, 1)
}

// progressTo returns a progress callback drawing a bar on w when w is a
// terminal, and nil (no bar) otherwise, so that logs and tests stay clean.
func progressTo(w io.Writer, total int) func(done, total int) {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	bar := progressbar.NewOptions(total, progressbar.OptionSetWriter(w), progressbar.OptionSetDescription("backtest"), progressbar.OptionShowCount(), progressbar.OptionClearOnFinish())
	return func(done, _ int) { bar.Set(done) }
}
