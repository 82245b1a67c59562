package data_test

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/staffcast/staffcast/data"
)

// A local-time export across the autumn change in Europe/Stockholm: the
// repeated 02:00 is read in order (summer time, then winter time), so the
// day keeps its 25 real hours and the series is regular.
func ExampleReadSeries() {
	stockholm, _ := time.LoadLocation("Europe/Stockholm")
	csv := "start;calls\n" +
		"2025-10-26 01:00;3\n" +
		"2025-10-26 02:00;2\n" +
		"2025-10-26 02:00;1\n" + // the repeated hour
		"2025-10-26 03:00;\n" // an empty cell: missing, not zero
	s, err := data.ReadSeries(strings.NewReader(csv), "calls.csv", data.CSV, data.SeriesOptions{
		ReadOptions: data.ReadOptions{Location: stockholm, Ambiguous: data.InOrder},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, t := range s.Start {
		fmt.Println(t.Format(time.RFC3339), s.Column("calls")[i])
	}
	if err := data.WriteTable(os.Stdout, s.Table(), data.CSV); err != nil {
		fmt.Println(err)
	}
	// Output:
	// 2025-10-26T01:00:00+02:00 3
	// 2025-10-26T02:00:00+02:00 2
	// 2025-10-26T02:00:00+01:00 1
	// 2025-10-26T03:00:00+01:00 NaN
	// start,calls
	// 2025-10-26T01:00:00+02:00,3
	// 2025-10-26T02:00:00+02:00,2
	// 2025-10-26T02:00:00+01:00,1
	// 2025-10-26T03:00:00+01:00,
}

// Every reader error names the file, the line and the column, and says what
// was expected; errors.Is finds the kind of fault.
func ExampleParseError() {
	_, err := data.ReadSeries(strings.NewReader("start,calls\n2025-01-02T08:00:00Z,12\n2025-13-01T09:00:00Z,4\n"),
		"calls.csv", data.CSV, data.SeriesOptions{})
	fmt.Println(err)
	fmt.Println(errors.Is(err, data.ErrBadTime))
	// Output:
	// calls.csv:3: column "start": want an RFC 3339 time such as 2025-10-26T02:00:00+02:00, or a local time such as 2025-10-26 02:00, got "2025-13-01T09:00:00Z"
	// true
}
