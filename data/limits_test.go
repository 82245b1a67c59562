package data

import (
	"errors"
	"io"
	"strings"
	"testing"
)

// endless is an unending stream of one byte after a prefix, counting
// what was read from it.
type endless struct {
	prefix string
	b      byte
	read   int
}

func (e *endless) Read(p []byte) (int, error) {
	n := copy(p, e.prefix)
	e.prefix = e.prefix[n:]
	for i := n; i < len(p); i++ {
		p[i] = e.b
	}
	e.read += len(p)
	return len(p), nil
}

func TestReadersStopOnHugeLineAndBinary(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name     string
		in       *endless
		sentinel error
		line     int
	}{
		{"NUL file", &endless{b: 0}, ErrBinary, 1},
		{"endless line", &endless{prefix: "start,calls\n2025-01-01T00:00:00Z,1\n2025-01-01T01:00:00Z,", b: '7'}, ErrLineTooLong, 3},
		{"endless header", &endless{prefix: "start,", b: 'x'}, ErrLineTooLong, 1},
	} {
		readers := map[string]func(io.Reader) error{
			"ReadTable": func(r io.Reader) error { _, err := ReadTable(r, "f.csv", CSV, ReadOptions{}); return err },
			"Aggregate": func(r io.Reader) error {
				_, err := Aggregate(r, "f.csv", CSV, AggregateOptions{ReadOptions: ReadOptions{TimeColumn: "start"}})
				return err
			},
			"ReadReport": func(r io.Reader) error {
				_, err := ReadReport(r, "f.csv", ReportOptions{Layout: Mapped, Map: map[string]string{"start": "start", "offered": "calls"}})
				return err
			},
		}
		for rname, read := range readers {
			in := *c.in
			err := read(&in)
			var pe *ParseError
			if !errors.Is(err, c.sentinel) || !errors.As(err, &pe) || pe.Line != c.line || pe.File != "f.csv" {
				t.Errorf("%s, %s: err = %v, want %v at f.csv:%d", c.name, rname, err, c.sentinel, c.line)
				continue
			}
			if in.read > 2*MaxLineBytes {
				t.Errorf("%s, %s: read %d bytes before failing, want at most %d", c.name, rname, in.read, 2*MaxLineBytes)
			}
			if len(err.Error()) > 300 {
				t.Errorf("%s, %s: message of %d bytes echoes the input: %.200s", c.name, rname, len(err.Error()), err)
			}
		}
	}
}

func TestReadAcceptsLongButCappedLines(t *testing.T) {
	t.Parallel()
	// A line just under the cap reads; the limit counts the line, not the file.
	long := strings.Repeat("x", MaxLineBytes-len("2025-01-01T00:00:00Z,1,"))
	in := "start,calls,note\n" + strings.Repeat("2025-01-01T00:00:00Z,1,"+long+"\n", 3)
	if _, err := ReadTable(strings.NewReader(in), "f.csv", CSV, ReadOptions{}); err != nil {
		t.Fatal(err)
	}
	_, err := ReadTable(strings.NewReader(in+"2025-01-01T00:00:00Z,1,"+long+"y\n"), "f.csv", CSV, ReadOptions{})
	var pe *ParseError
	if !errors.Is(err, ErrLineTooLong) || !errors.As(err, &pe) || pe.Line != 5 {
		t.Errorf("err = %v, want a line too long at line 5", err)
	}
}

func TestBinaryHints(t *testing.T) {
	t.Parallel()
	for in, hint := range map[string]string{
		"PAR1\x00\x00\x15":   "name it .parquet",
		"\xff\xfes\x00t\x00": "UTF-16",
	} {
		_, err := ReadTable(strings.NewReader(in), "f.csv", CSV, ReadOptions{})
		if !errors.Is(err, ErrBinary) || !strings.Contains(err.Error(), hint) {
			t.Errorf("%q: err = %v, want a binary-file error saying %q", in, err, hint)
		}
	}
}

func TestImplausibleValuesAndShortQuotes(t *testing.T) {
	t.Parallel()
	in := "start,calls\n2025-01-01T00:00:00Z,1\n2025-01-01T01:00:00Z,1e308\n"
	_, err := ReadSeries(strings.NewReader(in), "f.csv", CSV, SeriesOptions{})
	var pe *ParseError
	if !errors.Is(err, ErrImplausible) || !errors.As(err, &pe) || pe.Line != 3 || pe.Column != "calls" {
		t.Errorf("1e308: err = %v, want an implausible value at f.csv:3 column calls", err)
	}
	// 1e12 itself is accepted: the cap is on magnitudes above it.
	in = "start,calls\n2025-01-01T00:00:00Z,1000000000000\n"
	if _, err := ReadSeries(strings.NewReader(in), "f.csv", CSV, SeriesOptions{}); err != nil {
		t.Errorf("1e12: %v", err)
	}
	in = "start,amount\n2025-01-01T00:00:00Z,2e12\n"
	_, err = Aggregate(strings.NewReader(in), "f.csv", CSV, AggregateOptions{ReadOptions: ReadOptions{TimeColumn: "start"}, SumColumn: "amount"})
	if !errors.Is(err, ErrImplausible) || !strings.Contains(err.Error(), `f.csv:2: column "amount"`) {
		t.Errorf("aggregate 2e12: err = %v", err)
	}
	// A long bad value is quoted cut to 80 characters.
	bad := strings.Repeat("9", 500) + "x"
	_, err = ReadSeries(strings.NewReader("start,calls\n2025-01-01T00:00:00Z,1\n2025-01-01T01:00:00Z,2\n2025-01-01T02:00:00Z,"+bad+"\n"), "f.csv", CSV, SeriesOptions{})
	if err == nil || strings.Contains(err.Error(), strings.Repeat("9", 81)) || !strings.Contains(err.Error(), "(501 bytes)") {
		t.Errorf("long value: err = %v, want it cut to 80 characters", err)
	}
	_, err = ReadSeries(strings.NewReader("start,calls\n"+strings.Repeat("2", 300)+",1\n"), "f.csv", CSV, SeriesOptions{})
	if err == nil || strings.Contains(err.Error(), strings.Repeat("2", 81)) {
		t.Errorf("long time: err = %v, want it cut to 80 characters", err)
	}
}

func TestTableCheckValues(t *testing.T) {
	t.Parallel()
	tb, err := ReadTable(strings.NewReader("start,volume,note\n2025-01-01T00:00:00Z,1,a\n2025-01-01T01:00:00Z,1e308,b\n"), "v.csv", CSV, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	err = tb.CheckValues("volume", "note", "absent")
	var pe *ParseError
	if !errors.Is(err, ErrImplausible) || !errors.As(err, &pe) || pe.Line != 3 || pe.Column != "volume" {
		t.Errorf("err = %v, want an implausible value at v.csv:3 column volume", err)
	}
}
