package main

import (
	"bytes"
	"fmt"
	"io"
	"time"

	"github.com/staffcast/staffcast/data"
	"github.com/urfave/cli/v2"
)

func sampleCommand() *cli.Command {
	return &cli.Command{
		Name:  "sample",
		Usage: "write the embedded sample: three years of a Nordic web shop's hourly orders, calls, chats and emails",
		UsageText: `staffcast sample --out shop.csv
   staffcast sample --orders --out orders.csv     # the order log of the last four weeks, one row per order

The sample is synthetic and seeded (see "go doc data.GenerateSample"):
Europe/Stockholm, 2023-2025, evening order peaks, Black Friday, a December
rush whose busiest hour is 21-22, Swedish public holidays, contacts that
follow orders by one to three days, and calls missing (empty, not zero)
outside the historical phone hours Monday-Friday 08-17. Commands given no
--in use it.`,
		Flags: append([]cli.Flag{
			&cli.BoolFlag{Name: "orders", Usage: "write the order log of the sample's last four weeks instead of the hourly series"},
		}, outputFlags(formatCSV, formatJSON, formatParquet, "arrow")...),
		Action: func(c *cli.Context) error {
			out, err := newOutput(c, formatCSV, formatJSON, formatParquet, "arrow")
			if err != nil {
				return err
			}
			s, err := data.Sample()
			if err != nil {
				return err
			}
			if c.Bool("orders") {
				if out.format != formatCSV {
					return usageError(fmt.Errorf("--orders writes CSV only"))
				}
				return out.write(c.App.Writer, func(w io.Writer) error { return writeSampleOrders(w, s) })
			}
			return out.writeTable(c.App.Writer, s.Table(), 0)
		},
	}
}

// sampleWeeks is how much of the sample's end the order log covers.
const sampleWeeks = 4

func writeSampleOrders(w io.Writer, s *data.Series) error {
	end := s.Start[len(s.Start)-1].Add(s.Step)
	return data.WriteSampleOrders(w, s, end.AddDate(0, 0, -7*sampleWeeks), end, data.SampleSeed)
}

// sampleNote tells the user that a command runs on the embedded sample
// because its input flag was not given.
func sampleNote(c *cli.Context, flag, what string) {
	fmt.Fprintf(c.App.ErrWriter, "no --%s: using the embedded sample (%s); see staffcast sample --help\n", flag, what)
}

// sampleOrderLog returns the sample's order log as a reader.
func sampleOrderLog() (io.Reader, error) {
	s, err := data.Sample()
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := writeSampleOrders(&buf, s); err != nil {
		return nil, err
	}
	return &buf, nil
}

// sampleWeek is the week the staffing commands show on the sample: an
// ordinary week in the run-up to Black Friday, Monday 17 November 2025,
// rather than the holiday week at the end of the data.
func sampleWeek(loc *time.Location) (from, to time.Time) {
	from = time.Date(2025, 11, 17, 0, 0, 0, 0, loc)
	return from, from.AddDate(0, 0, 7)
}

// sampleVolumes returns one week of the sample (sampleWeek) as staff
// input: one row per hour and channel (phone from calls, chat, email),
// leaving out the hours the phone line was closed.
func sampleVolumes() (*data.Table, error) {
	s, err := data.Sample()
	if err != nil {
		return nil, err
	}
	from, to := sampleWeek(s.Start[0].Location())
	var buf bytes.Buffer
	buf.WriteString("start,volume,channel\n")
	calls, chats, emails := s.Column("calls"), s.Column("chats"), s.Column("emails")
	for i, st := range s.Start {
		if st.Before(from) || !st.Before(to) {
			continue
		}
		ts := st.Format(time.RFC3339)
		if calls[i] == calls[i] { // not NaN: the line was open
			fmt.Fprintf(&buf, "%s,%g,phone\n", ts, calls[i])
		}
		fmt.Fprintf(&buf, "%s,%g,chat\n%s,%g,email\n", ts, chats[i], ts, emails[i])
	}
	return data.ReadTable(&buf, "sample", data.CSV, data.ReadOptions{Location: s.Start[0].Location(), Text: []string{"channel"}})
}
