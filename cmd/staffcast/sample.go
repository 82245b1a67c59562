package main

import (
	"bytes"
	"fmt"
	"io"
	"time"

	"github.com/staffcast/staffcast/data"
	"github.com/staffcast/staffcast/sample"
	"github.com/urfave/cli/v2"
)

func sampleCommand() *cli.Command {
	return &cli.Command{
		Name:  "sample",
		Usage: "write the embedded sample: three years of a Nordic web shop's orders, calls, chats and emails (hourly or finer), its order log, or a week of volumes for staff",
		UsageText: `staffcast sample --out shop.csv
   staffcast sample --out shop.parquet
   staffcast sample --every 15m --out shop-15m.csv     # the same history in quarter hours
   staffcast sample --orders --out orders.csv          # the order log of the last four weeks, one row per order
   staffcast sample --orders --out orders.parquet
   staffcast sample --volumes --out volumes.csv        # one week as "staffcast staff" reads it
   staffcast sample --volumes --every 15m --out volumes-15m.csv

The sample is synthetic and seeded (see "go doc sample.Generate"):
Europe/Stockholm, 2023-2025, evening order peaks, Black Friday, a December
rush whose busiest hour is 21-22, Swedish public holidays, contacts that
follow orders by one to three days, and calls missing (empty, not zero)
outside the historical phone hours Monday-Friday 08-17. Commands given no
--in use it. The examples in every command's --help read the files these
examples write.

--every 15m or 30m spreads each hour's counts over its quarter or half
hours (a seeded draw, as if arrivals were uniform within the hour), so
they sum back to the hourly sample exactly; shifts with breaks or short
start grids need such data (see "go doc sample.ShopEvery").

--volumes writes the week of 17 November 2025 as staff input: start,
volume and channel (phone from calls while the line was open, chat,
email), the week staff and shifts use when given no --in.`,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "every", Value: "1h", Usage: "interval length: 15m, 30m or 1h"},
			&cli.BoolFlag{Name: "orders", Usage: "write the order log of the sample's last four weeks (order_id, created_at, amount) instead of the hourly series"},
			&cli.BoolFlag{Name: "volumes", Usage: "write one week of volumes per channel (start, volume, channel) as staff reads them, instead of the hourly series"},
		}, outputFlags(formatCSV, formatJSON, formatParquet, "arrow")...),
		Action: func(c *cli.Context) error {
			out, err := newOutput(c, formatCSV, formatJSON, formatParquet, "arrow")
			if err != nil {
				return err
			}
			every, err := sampleStep(c)
			if err != nil {
				return err
			}
			switch {
			case c.Bool("orders") && c.Bool("volumes"):
				return usageError(fmt.Errorf("--orders and --volumes: choose one"))
			case c.Bool("orders"):
				if c.IsSet("every") {
					return usageError(fmt.Errorf("--every: the order log has one row per order, not intervals; aggregate it with \"staffcast aggregate --every\""))
				}
				t, err := sampleOrderTable()
				if err != nil {
					return err
				}
				return out.writeTable(c.App.Writer, t, 2)
			case c.Bool("volumes"):
				t, err := sample.WeekVolumes(every)
				if err != nil {
					return err
				}
				return out.writeTable(c.App.Writer, t, 0)
			}
			s, err := sample.ShopEvery(every)
			if err != nil {
				return err
			}
			return out.writeTable(c.App.Writer, s.Table(), 0)
		},
	}
}

// sampleStep reads sample's --every: the grains the sample can be split
// into.
func sampleStep(c *cli.Context) (time.Duration, error) {
	switch e := c.String("every"); e {
	case "15m", "30m", "1h", "60m":
		d, _ := time.ParseDuration(e)
		return d, nil
	default:
		return 0, usageError(fmt.Errorf("--every %q: want 15m, 30m or 1h", e))
	}
}

// sampleNote tells the user that a command runs on the embedded sample
// because its input flag was not given.
func sampleNote(c *cli.Context, flag, what string) {
	fmt.Fprintf(c.App.ErrWriter, "no --%s: using the embedded sample (%s); see staffcast sample --help\n", flag, what)
}

// sampleOrderTable returns the sample's order log as a table, for the
// formats other than CSV; order_id stays text.
func sampleOrderTable() (*data.Table, error) {
	r, err := sampleOrderLog()
	if err != nil {
		return nil, err
	}
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		return nil, err
	}
	return data.ReadTable(r, "sample orders", data.CSV, data.ReadOptions{Location: loc, TimeColumn: "created_at", Text: []string{"order_id"}})
}

// sampleOrderLog returns the sample's order log as a reader.
func sampleOrderLog() (io.Reader, error) {
	s, err := sample.Shop()
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := sample.RecentOrders(&buf, s); err != nil {
		return nil, err
	}
	return &buf, nil
}

// sampleVolumes returns the week of the sample staff and shifts run on
// without --in (sample.WeekVolumes), hourly.
func sampleVolumes() (*data.Table, error) { return sample.WeekVolumes(time.Hour) }
