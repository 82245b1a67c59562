package calendar

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// ReadError is a problem at one line of an events file.
type ReadError struct {
	File   string
	Line   int
	Column string
	Err    error
}

func (e *ReadError) Error() string {
	if e.Column == "" {
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("%s:%d: column %q: %v", e.File, e.Line, e.Column, e.Err)
}

func (e *ReadError) Unwrap() error { return e.Err }

// ReadEvents reads a user's events file (campaigns, TV ads): a CSV with a
// header name,start,end, where start and end are dates (whole local days
// in loc, end inclusive) or RFC 3339 times (end exclusive).
func ReadEvents(r io.Reader, name string, loc *time.Location) ([]Event, error) {
	cr := csv.NewReader(r)
	header, err := cr.Read()
	if err != nil {
		return nil, &ReadError{File: name, Line: 1, Err: errors.New("want a header line name,start,end")}
	}
	idx := map[string]int{}
	for i, h := range header {
		idx[strings.ToLower(strings.TrimSpace(h))] = i
	}
	for _, col := range []string{"name", "start", "end"} {
		if _, ok := idx[col]; !ok {
			return nil, &ReadError{File: name, Line: 1, Column: col, Err: fmt.Errorf("missing column %q: want name,start,end", col)}
		}
	}
	var out []Event
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			return nil, &ReadError{File: name, Line: line, Err: err}
		}
		parse := func(col string, end bool) (time.Time, error) {
			s := strings.TrimSpace(rec[idx[col]])
			if t, err := time.Parse(time.RFC3339, s); err == nil {
				return t.In(loc), nil
			}
			d, err := time.ParseInLocation("2006-01-02", s, loc)
			if err != nil {
				return time.Time{}, &ReadError{File: name, Line: line, Column: col, Err: fmt.Errorf("want a date 2006-01-02 or an RFC 3339 time, got %q", s)}
			}
			if end {
				d = d.AddDate(0, 0, 1) // a date ends at the end of that day
			}
			return d, nil
		}
		s, err := parse("start", false)
		if err != nil {
			return nil, err
		}
		e, err := parse("end", true)
		if err != nil {
			return nil, err
		}
		if !e.After(s) {
			return nil, &ReadError{File: name, Line: line, Column: "end", Err: fmt.Errorf("end %s is before start %s", rec[idx["end"]], rec[idx["start"]])}
		}
		out = append(out, Event{Name: strings.TrimSpace(rec[idx["name"]]), Kind: Campaign, Start: s, End: e})
	}
}
