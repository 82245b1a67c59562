package forecast

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/staffcast/staffcast/internal/panicerr"
)

// Input is one series of a batch.
type Input struct {
	Start   []time.Time
	Y       []float64
	Step    time.Duration
	Options Options
	// Driver, if not nil, holds the orders that drive Y (contacts): the
	// series is forecast by ForecastDriven instead of Forecast.
	Driver []float64
}

// Job is one series of a batch, read when a worker comes to it (Load),
// so that a folder of a thousand series is never all in memory at once.
type Job struct {
	Name string
	Load func() (*Input, error)
}

// ForecastBatch forecasts each job's series over horizon with workers
// goroutines and returns the results in the jobs' order. It stops at an
// error and returns that of the first failed job in order (naming it),
// and stops when ctx is done, returning ctx's error: each worker checks ctx before each series, and
// one series takes well under a second. progress, if not nil, is called
// after each series with the series done and the total (from several
// goroutines, one call at a time). A panic while forecasting a series (a
// bug) stops the batch like an error: the error names the series and says
// "internal error: panic: …" (its stack is kept: internal/panicerr).
func ForecastBatch(ctx context.Context, jobs []Job, horizon time.Duration, workers int, progress func(done, total int)) ([]*Result, error) {
	if workers < 1 {
		workers = 1
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	results := make([]*Result, len(jobs))
	errs := make([]error, len(jobs))
	var (
		mu   sync.Mutex
		done int
		wg   sync.WaitGroup
	)
	next := make(chan int)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if ctx.Err() != nil {
					continue
				}
				// A panic (in a model or a Load) comes back as an error:
				// the caller cannot recover one on this goroutine.
				err := panicerr.Catch(func() error {
					res, err := runJob(jobs[i], horizon)
					if err != nil {
						return err
					}
					results[i] = res
					mu.Lock()
					defer mu.Unlock()
					done++
					if progress != nil {
						progress(done, len(jobs))
					}
					return nil
				})
				if err != nil {
					errs[i] = fmt.Errorf("series %q: %w", jobs[i].Name, err)
					cancel()
				}
			}
		}()
	}
feed:
	for i := range jobs {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	// The first failed series in the jobs' order: every series before it
	// was handed out earlier and ran to its end, so the choice does not
	// depend on which worker was faster.
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return results, nil
}

func runJob(j Job, horizon time.Duration) (*Result, error) {
	in, err := j.Load()
	if err != nil {
		return nil, err
	}
	if in.Driver != nil {
		d, err := ForecastDriven(in.Start, in.Y, in.Driver, in.Step, horizon, in.Options)
		if err != nil {
			return nil, err
		}
		return d.Result, nil
	}
	return Forecast(in.Start, in.Y, in.Step, horizon, in.Options)
}
