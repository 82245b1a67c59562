package data

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"
)

func TestReadReportGenesys(t *testing.T) {
	t.Parallel()
	loc := stockholm(t)
	in := `Interval Start UTC Date,Queue,Media Type,Offered,Interactions Handled,Abandoned,Total Handle Time (Seconds)
2025-10-26T00:00:00.000Z,Support,voice,12,11,1,2640
2025-10-26T00:00:00.000Z,Support,chat,5,5,0,1800
2025-10-26T01:00:00.000Z,Support,voice,8,8,0,1500
`
	tb, err := ReadReport(strings.NewReader(in), "genesys.csv", ReportOptions{ReadOptions: ReadOptions{Location: loc}, Layout: Genesys})
	if err != nil {
		t.Fatal(err)
	}
	// 00:00Z and 01:00Z on 2025-10-26 are the two Stockholm 02:00 hours.
	st := tb.Column("start").Time
	if st[0].Format(time.RFC3339) != "2025-10-26T02:00:00+02:00" || st[2].Format(time.RFC3339) != "2025-10-26T02:00:00+01:00" {
		t.Errorf("starts %v", st)
	}
	if ch := tb.Column("channel").Text; ch[0] != "phone" || ch[1] != "chat" {
		t.Errorf("channels %v", ch)
	}
	if hs := tb.Column("handle_seconds").Float; hs[0] != 2640 {
		t.Errorf("handle seconds %v", hs)
	}
	// Long to wide: offered per channel.
	s, err := Pivot(tb, []string{"channel"}, "offered")
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Start) != 2 || s.Column("phone")[0] != 12 || s.Column("chat")[1] != 0 || s.Column("phone")[1] != 8 || s.Step != time.Hour {
		t.Errorf("pivot %+v", s)
	}
	// A missing required column names what the header has.
	_, err = ReadReport(strings.NewReader("Queue,Offered\nx,1\n"), "g.csv", ReportOptions{Layout: Genesys})
	if !errors.Is(err, ErrMissingColumn) || !strings.Contains(err.Error(), "Interval Start UTC Date") {
		t.Errorf("missing column: %v", err)
	}
}

func TestReadReportTeleopti(t *testing.T) {
	t.Parallel()
	loc := stockholm(t)
	// Headerless, semicolons, local times, decimal commas.
	in := "15;2025-01-02;08:00;1;Kundtjänst;20;18;15;2;1;0;0;0;3000;600,5;0;0;0;0;0;0\n" +
		"15;2025-01-02;08:15;1;Kundtjänst;22;22;20;0;0;0;0;0;3300;700;0;0;0;0;0;0\n"
	tb, err := ReadReport(strings.NewReader(in), "q.csv", ReportOptions{ReadOptions: ReadOptions{Location: loc}, Layout: Teleopti})
	if err != nil {
		t.Fatal(err)
	}
	if s := tb.Column("start").Time[1].Format(time.RFC3339); s != "2025-01-02T08:15:00+01:00" {
		t.Errorf("start %s", s)
	}
	if hs := tb.Column("handle_seconds").Float; hs[0] != 3600.5 || tb.Column("offered").Float[0] != 20 || tb.Column("abandoned").Float[0] != 2 {
		t.Errorf("row 1: %v %v", hs, tb.Column("offered").Float)
	}
	if q := tb.Column("queue").Text[0]; q != "Kundtjänst" || tb.Column("channel").Text[0] != "phone" {
		t.Errorf("queue %q", q)
	}
	bad := strings.Replace(in, ";22;22;", ";2x;22;", 1)
	_, err = ReadReport(strings.NewReader(bad), "q.csv", ReportOptions{ReadOptions: ReadOptions{Location: loc}, Layout: Teleopti})
	if !errors.Is(err, ErrBadNumber) || !strings.Contains(err.Error(), `q.csv:2: column "field 6 (offered)"`) {
		t.Errorf("bad number: %v", err)
	}
}

func TestReadReportMapped(t *testing.T) {
	t.Parallel()
	in := "Interval;Kö;Erbjudna;Besvarade;Snitt hanteringstid\n2025-01-02 08:00;Order;10;9;200\n"
	tb, err := ReadReport(strings.NewReader(in), "m.csv", ReportOptions{Layout: Mapped, Map: map[string]string{
		"start": "Interval", "queue": "Kö", "offered": "Erbjudna", "handled": "Besvarade", "aht_seconds": "Snitt hanteringstid",
	}})
	if err != nil {
		t.Fatal(err)
	}
	// An average handle time becomes a sum: 200 s × 9 handled.
	if hs := tb.Column("handle_seconds").Float[0]; hs != 1800 || !math.IsNaN(tb.Column("abandoned").Float[0]) {
		t.Errorf("handle seconds %v", hs)
	}
}
