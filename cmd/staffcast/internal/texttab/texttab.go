// Package texttab renders rows of text as an aligned terminal table.
//
// It is the one place the command line touches tablewriter, so that every
// command's tables look alike.
package texttab

import (
	"io"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"
)

// Write renders header and rows as a bordered table on w. Columns whose
// cells all look like numbers are right-aligned.
func Write(w io.Writer, header []string, rows [][]string) error {
	align := make([]tw.Align, len(header))
	for j := range header {
		align[j] = tw.AlignRight
		for _, r := range rows {
			if j < len(r) && r[j] != "" && !numeric(r[j]) {
				align[j] = tw.AlignLeft
				break
			}
		}
	}
	t := tablewriter.NewTable(w,
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithRowAlignmentConfig(tw.CellAlignment{PerColumn: align}),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
	)
	t.Header(toAny(header)...)
	for _, r := range rows {
		if err := t.Append(toAny(r)...); err != nil {
			return err
		}
	}
	return t.Render()
}

func toAny(s []string) []any {
	a := make([]any, len(s))
	for i, v := range s {
		a[i] = v
	}
	return a
}

// numeric reports whether s reads as a number, a percentage or "inf".
func numeric(s string) bool {
	if s == "inf" || s == "-" {
		return true
	}
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '.' || r == ',' || (r == '%' && i == len(s)-1) || ((r == '-' || r == '+') && i == 0):
		default:
			return false
		}
	}
	return digits > 0
}
