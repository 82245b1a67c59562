package render

import (
	"fmt"
	"math"

	"github.com/staffcast/staffcast/data"
	"github.com/staffcast/staffcast/staffing"
)

// Quotes lays out what can be promised by weekday and hour.
func Quotes(q []staffing.HourQuote) *data.Table {
	t := &data.Table{Columns: []data.Column{
		{Name: "channel", Text: make([]string, len(q))},
		{Name: "weekday", Text: make([]string, len(q))},
		{Name: "hour", Float: make([]float64, len(q))},
		{Name: "open", Text: make([]string, len(q))},
		{Name: "quote_p50", Float: make([]float64, len(q))},
		{Name: "quote_p90", Float: make([]float64, len(q))},
	}}
	for i, h := range q {
		t.Columns[0].Text[i] = h.Channel.String()
		t.Columns[1].Text[i] = h.Weekday.String()[:3]
		t.Columns[2].Float[i] = float64(h.Hour)
		t.Columns[3].Text[i] = fmt.Sprint(h.Open)
		t.Columns[4].Float[i] = math.Round(h.P50)
		t.Columns[5].Float[i] = math.Round(h.P90)
	}
	return t
}
