package main

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/staffcast/staffcast/chart"
	"github.com/staffcast/staffcast/cmd/staffcast/internal/render"
	"github.com/staffcast/staffcast/data"
	"github.com/staffcast/staffcast/forecast"
	"github.com/staffcast/staffcast/forecast/calendar"
	"github.com/staffcast/staffcast/sample"
	"github.com/urfave/cli/v2"
	"golang.org/x/term"
	"gonum.org/v1/plot/vg"
)

func forecastFlags() []cli.Flag {
	return append([]cli.Flag{
		&cli.StringFlag{Name: "history", Usage: "hourly (or 15/30-minute) history: CSV, Parquet or Arrow; default: the embedded sample"},
		&cli.StringSliceFlag{Name: "column", Usage: "column to forecast; repeat for several; default: every numeric column"},
		&cli.StringFlag{Name: "horizon", Value: "14d", Usage: "how far ahead, e.g. 14d, 4w, 48h; at most 5 years"},
		&cli.StringFlag{Name: "country", Value: "SE", Usage: "public holidays and retail events of SE, NO, DK, FI, US or GB; none for no calendar"},
		&cli.StringFlag{Name: "events", Usage: "CSV of your own events (name,start,end): campaigns, TV ads"},
		&cli.StringFlag{Name: "model", Value: "auto", Usage: "auto, seasonal-naive, week-mean, profile, recent-profile, double-seasonal, regression or combination"},
		&cli.StringFlag{Name: "time-column", Value: "start", Usage: "the timestamp column"},
		fillGapsFlag(gapsModelled),
		&cli.BoolFlag{Name: "keep-outage", Usage: "keep a run of zeros at the end of history that the history does not explain (by default treated as missing: an outage)"},
	}, timeFlags()...)
}

func forecastCommand() *cli.Command {
	return &cli.Command{
		Name:  "forecast",
		Usage: "forecast hourly orders and contacts with prediction intervals",
		UsageText: `staffcast forecast --history shop.csv --column calls --tz Europe/Stockholm --horizon 14d --country SE --out forecast.csv
   staffcast forecast --history shop.parquet --column orders --column calls --quantiles 0.1,0.5,0.9 --format json
   staffcast forecast --column calls --horizon 7d --paths 100 --format csv --out paths.csv

Output: start (RFC 3339 with offset, continuing the history's zone through
daylight-saving changes), forecast and one column per quantile (p10, p50,
p90); with several --column, one set per column (calls_forecast,
calls_p10, ...). With --paths N, N sample paths instead, in long form
(path, start, value per column), correlated from hour to hour as the
forecast errors are. The model is chosen per column by forecasting the
last six horizons of history from what came before (--model forces one);
holidays and retail events of --country (printed on stderr) and --events
enter the regression. Hours the history never saw open are forecast as
zero. Without --history it forecasts the embedded sample.`,
		Flags: append(append(forecastFlags(),
			&cli.StringFlag{Name: "quantiles", Value: "0.1,0.5,0.9", Usage: "prediction levels"},
			&cli.StringFlag{Name: "driver", Usage: "forecast the other columns as contacts driven by this column of orders (lags of 0-3 days); prints the contacts per order learned"},
			&cli.IntFlag{Name: "paths", Usage: "write N sample paths (at most 10000) instead of the quantiles"},
			&cli.Uint64Flag{Name: "seed", Value: 1, Usage: "seed of the sample paths"},
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
		gaps, err := gapPolicy(c, gapsModelled)
		if err != nil {
			return nil, nil, err
		}
		if s, err = data.ReadSeriesFile(path, data.SeriesOptions{ReadOptions: ro, FillGaps: gaps}); err != nil {
			return nil, nil, inputError(gapError(err, gapsModelled))
		}
		warnGaps(c, path, s)
	} else {
		sampleNote(c, "history", "hourly orders, calls, chats and emails, Europe/Stockholm, 2023-2025")
		if s, err = sample.Shop(); err != nil {
			return nil, nil, err
		}
	}
	if s.Step <= 0 {
		return nil, nil, inputError(errors.New("cannot tell the interval length of a one-row history: want at least one week of rows"))
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

// forecastSetup is what the forecast flags say, parsed once for any
// number of series: every forecast, single or batch, builds its Options
// here.
type forecastSetup struct {
	model   forecast.Model
	country calendar.Country
	levels  []float64
	span    time.Duration
	events  string // --events file
	driver  string
	keep    bool
}

// horizonFlag reads --horizon: at least one interval, at most five years.
func horizonFlag(c *cli.Context) (time.Duration, error) {
	span, err := parseSpan("horizon", c.String("horizon"))
	if err != nil {
		return 0, err
	}
	if span > forecast.MaxHorizon || span < 0 { // negative: the conversion overflowed
		return 0, usageError(fmt.Errorf("--horizon %s: want at most 5 years (1825d)", c.String("horizon")))
	}
	if span == 0 {
		return 0, usageError(fmt.Errorf("--horizon %s: want at least one interval", c.String("horizon")))
	}
	return span, nil
}

func newForecastSetup(c *cli.Context, withLevels bool) (*forecastSetup, error) {
	f := &forecastSetup{events: c.String("events"), keep: c.Bool("keep-outage")}
	var err error
	if f.model, err = forecast.ParseModel(c.String("model")); err != nil {
		return nil, usageError(fmt.Errorf("--model: %w", err))
	}
	if f.country, err = calendar.ParseCountry(c.String("country")); err != nil {
		return nil, usageError(fmt.Errorf("--country: %w", err))
	}
	if f.span, err = horizonFlag(c); err != nil {
		return nil, err
	}
	if withLevels {
		for _, q := range strings.Split(c.String("quantiles"), ",") {
			v, err := strconv.ParseFloat(strings.TrimSpace(q), 64)
			if err != nil || !(v > 0 && v < 1) {
				return nil, usageError(fmt.Errorf("--quantiles %q: want levels in (0,1) such as 0.1,0.5,0.9", c.String("quantiles")))
			}
			f.levels = append(f.levels, v)
		}
		f.driver = c.String("driver")
	}
	fmt.Fprintln(c.App.ErrWriter, f.country.Describe())
	return f, nil
}

// options builds the forecast options of series s: the calendar from its
// first row to until, in its location, and the --events file.
func (f *forecastSetup) options(s *data.Series, until time.Time) (forecast.Options, error) {
	opt := forecast.Options{Model: f.model, Quantiles: f.levels, KeepOutage: f.keep}
	loc := s.Start[0].Location()
	opt.Events = calendar.Events(f.country, s.Start[0], until, loc)
	if f.events != "" {
		r, err := os.Open(f.events)
		if err != nil {
			return opt, inputError(err)
		}
		defer r.Close()
		ev, err := calendar.ReadEvents(r, f.events, loc)
		if err != nil {
			return opt, inputError(err)
		}
		opt.Events = append(opt.Events, ev...)
	}
	return opt, nil
}

// forecastOptions builds the options from the flags for series s with
// events up to until (used by commands that forecast along the way).
func forecastOptions(c *cli.Context, s *data.Series, until time.Time) (forecast.Options, error) {
	f := &forecastSetup{events: c.String("events")}
	var err error
	if f.model, err = forecast.ParseModel(c.String("model")); err != nil {
		return forecast.Options{}, usageError(fmt.Errorf("--model: %w", err))
	}
	if f.country, err = calendar.ParseCountry(c.String("country")); err != nil {
		return forecast.Options{}, usageError(fmt.Errorf("--country: %w", err))
	}
	return f.options(s, until)
}

func runForecast(c *cli.Context) error {
	out, err := newOutput(c, formatTable, formatCSV, formatJSON, formatParquet)
	if err != nil {
		return err
	}
	paths := c.Int("paths")
	if paths < 0 || paths > 10000 {
		return usageError(fmt.Errorf("--paths %d: want 1 to 10000 (0: none)", paths))
	}
	f, err := newForecastSetup(c, true)
	if err != nil {
		return err
	}
	if many, err := manySeries(c); err != nil || many != nil {
		if err != nil {
			return err
		}
		if paths > 0 {
			return usageError(errors.New("--paths: one series at a time, not a batch"))
		}
		return forecastMany(c, out, f, many)
	}
	s, cols, err := history(c)
	if err != nil {
		return err
	}
	opt, err := f.options(s, s.Start[len(s.Start)-1].Add(f.span+24*time.Hour))
	if err != nil {
		return err
	}
	if f.driver != "" && s.Column(f.driver) == nil {
		return usageError(fmt.Errorf("--driver %q: the history has %s", f.driver, columnNames(s)))
	}
	t := &data.Table{}
	var pathTable *data.Table
	rng := rand.New(rand.NewPCG(c.Uint64("seed"), 0))
	for _, col := range cols {
		if err := c.Context.Err(); err != nil {
			return err // interrupted between columns: nothing written
		}
		var res *forecast.Result
		if f.driver != "" && col != f.driver {
			d, err := forecast.ForecastDriven(s.Start, s.Column(col), s.Column(f.driver), s.Step, f.span, opt)
			if err != nil {
				return inputError(fmt.Errorf("column %q: %w", col, err))
			}
			fmt.Fprintf(c.App.ErrWriter, "column %s: %.4f per %s (same day %.4f, 1 day later %.4f, 2 days %.4f, 3 days %.4f)\n",
				col, d.ContactsPerOrder, f.driver, d.PerOrder[0], d.PerOrder[1], d.PerOrder[2], d.PerOrder[3])
			res = d.Result
		} else {
			if res, err = forecast.Forecast(s.Start, s.Column(col), s.Step, f.span, opt); err != nil {
				return inputError(fmt.Errorf("column %q: %w", col, err))
			}
			if len(res.Blend) > 1 {
				fmt.Fprintf(c.App.ErrWriter, "column %s: model %v (%s)\n", col, res.Model, render.Blend(res))
			} else {
				fmt.Fprintf(c.App.ErrWriter, "column %s: model %v\n", col, res.Model)
			}
		}
		for _, w := range res.Warnings {
			fmt.Fprintf(c.App.ErrWriter, "column %s: warning: %v\n", col, w)
		}
		prefix := ""
		if len(cols) > 1 {
			prefix = col + "_"
		}
		if paths > 0 {
			pathTable = render.AddPaths(pathTable, prefix+"value", res, res.Paths(paths, rng))
			continue
		}
		render.AddForecast(t, prefix, res)
	}
	if pathTable != nil {
		t = pathTable
	}
	return out.writeTable(c.App.Writer, t, 1)
}

func backtestCommand() *cli.Command {
	return &cli.Command{
		Name:  "backtest",
		Usage: "measure forecast accuracy by rolling-origin backtests: MASE, WAPE, bias, RMSE, interval coverage",
		UsageText: `staffcast backtest --history shop.csv --column calls --tz Europe/Stockholm --horizon 14d --origins 8
   staffcast backtest --history shop.parquet --column orders --chart backtest.png --format csv

The last origins × horizon of history is cut into consecutive horizons,
each forecast from everything before it, by every model. MASE divides the
mean absolute error by the in-sample error of the weekly seasonal naive
forecast; the table gives its mean over the origins and the worst origin.
Coverage is the share of actuals inside the 80% interval, on open hours
(a non-zero actual or forecast) and on all hours. CSV and JSON have a row
per model for all origins, each day of the horizon and each origin.
Results go to stdout, a progress bar to stderr (on a terminal), and with
--chart a PNG or SVG of the last origin for auto (or --model).`,
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
	origins := c.Int("origins")
	if origins < 1 || origins > forecast.MaxOrigins {
		return usageError(fmt.Errorf("--origins %d: want 1 to %d", origins, forecast.MaxOrigins))
	}
	var chartFormat chart.Format
	if f := c.String("chart"); f != "" {
		if chartFormat, err = chart.FormatFromPath(f); err != nil {
			return usageError(fmt.Errorf("--chart: %w", err))
		}
	}
	f, err := newForecastSetup(c, false)
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
	opt, err := f.options(s, s.Start[len(s.Start)-1].Add(24*time.Hour))
	if err != nil {
		return err
	}
	opt.Quantiles = []float64{0.1, 0.9}
	models := append(forecast.Candidates(), forecast.Auto)
	if c.IsSet("model") && f.model != forecast.Auto {
		models = []forecast.Model{f.model}
	}
	progress := progressLabelled(c.App.ErrWriter, "backtest", len(models)*origins)
	bts, err := forecast.RunBacktest(c.Context, s.Start, s.Column(cols[0]), s.Step, f.span, origins, models, opt, progress)
	if err != nil {
		if c.Context.Err() != nil {
			return err // interrupted: nothing written
		}
		return inputError(err)
	}
	if file := c.String("chart"); file != "" {
		// The model forecast would use: auto unless --model says otherwise.
		drawn := bts[len(bts)-1]
		if err := data.WriteFileAtomic(file, func(w io.Writer) error {
			p, err := chart.Forecast(fmt.Sprintf("%s: %v forecast (80%% interval) against actual, last origin", cols[0], drawn.Model), drawn.LastStart, drawn.LastActual, drawn.LastPoint, drawn.LastLow, drawn.LastHigh)
			if err != nil {
				return err
			}
			return chart.Write(w, chartFormat, 11*vg.Inch, 4*vg.Inch, p)
		}); err != nil {
			return err
		}
	}
	return out.write(c.App.Writer, func(w io.Writer) error { return render.Backtest(w, out.format, bts) })
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
	gaps, err := gapPolicy(c, gapsModelled)
	if err != nil {
		return nil, err
	}
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
				s, err := data.ReadSeriesFile(f, data.SeriesOptions{ReadOptions: ro, FillGaps: gaps})
				if err != nil {
					return nil, "", inputError(gapError(err, gapsModelled))
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
		sub := tb.Subset(func(i int) bool { return sc.Text[i] == name })
		s, err := data.SeriesFromTable(sub, data.SeriesOptions{ReadOptions: ro, FillGaps: gaps})
		if err != nil {
			return nil, inputError(fmt.Errorf("series %q: %w", name, gapError(err, gapsModelled)))
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
// Each series gets its options from the same setup as a single forecast
// (--model, --country, --events, --quantiles, --driver).
func forecastMany(c *cli.Context, out output, f *forecastSetup, batch []namedSeries) error {
	jobs := make([]forecast.Job, len(batch))
	var warnMu sync.Mutex // workers share stderr
	for i, b := range batch {
		jobs[i] = forecast.Job{Name: b.name, Load: func() (*forecast.Input, error) {
			s, col := b.s, b.col
			if b.load != nil {
				var err error
				if s, col, err = b.load(); err != nil {
					return nil, err
				}
			}
			if s.Step <= 0 {
				return nil, errors.New("cannot tell the interval length of a one-row history")
			}
			warnMu.Lock()
			warnGaps(c, "series "+b.name, s)
			warnMu.Unlock()
			opt, err := f.options(s, s.Start[len(s.Start)-1].Add(f.span+24*time.Hour))
			if err != nil {
				return nil, err
			}
			in := &forecast.Input{Start: s.Start, Y: s.Column(col), Step: s.Step, Options: opt}
			if f.driver != "" && f.driver != col {
				if in.Driver = s.Column(f.driver); in.Driver == nil {
					return nil, usageError(fmt.Errorf("--driver %q: the series has %s", f.driver, columnNames(s)))
				}
			}
			return in, nil
		}}
	}
	progress := progressLabelled(c.App.ErrWriter, "forecast", len(batch))
	results, err := forecast.ForecastBatch(c.Context, jobs, f.span, runtime.GOMAXPROCS(0), progress)
	if err != nil {
		var k *kindError
		switch {
		case c.Context.Err() != nil:
			return err // interrupted: nothing written
		case errors.As(err, &k):
			return err // already says what kind
		}
		return inputError(err)
	}
	names := make([]string, len(batch))
	for i, b := range batch {
		names[i] = b.name
	}
	t := render.Batch(names, results)
	fmt.Fprintf(c.App.ErrWriter, "forecast %d series\n", len(batch))
	return out.writeTable(c.App.Writer, t, 1)
}

// progressTo returns a progress callback drawing a bar on w when w is a
// terminal, and nil (no bar) otherwise, so that logs and tests stay clean.
func progressTo(w io.Writer, total int) func(done, total int) {
	return progressLabelled(w, "", total)
}

// progressLabelled is progressTo with a label before the bar.
func progressLabelled(w io.Writer, label string, total int) func(done, total int) {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	bar := progressbar.NewOptions(total, progressbar.OptionSetWriter(w), progressbar.OptionSetDescription(label), progressbar.OptionShowCount(), progressbar.OptionClearOnFinish())
	return func(done, _ int) { bar.Set(done) }
}
