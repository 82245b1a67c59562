package data

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// csvLines must read what encoding/csv reads: the same records, line
// numbers and errors, on plain files and on everything that sends it to
// encoding/csv part way (quotes, \r\n, ragged rows, empty lines, no
// final newline, long lines).
func TestCSVLinesAsEncodingCSV(t *testing.T) {
	cases := []string{
		"", "\n", "a,b\n1,2\n", "a,b\n1,2", "a,b\n\n1,2\n\n\n3,4\n", "a;b\n1;2\n",
		"a,b\n1,2,3\n4,5\n", "a,b\n1\n", "a,b\r\n1,2\r\n", "a,b\n1,2\r\n3,4\n",
		"a,b\n1,\"x,y\"\n2,3\n", "a,b\n1,\"x\ny\"\n2,3\n4\n", "a,b\n1,x\"y\n", "a,b\n\"1\",2\n3,4,5\n",
		"\ufeffstart,volume\n2025-01-01T00:00:00Z,3\n", " a , b \n 1 , 2 \n", "a,b\n,\n,\n",
		"a,b\n1,2\n" + strings.Repeat("x", 70000) + ",1\n5,6\n7\n",
	}
	r := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"a", "1", "2.5", ",", ",", ",", "\n", "\n", "\r\n", "\"", "\"q\"", " ", ";", "é"}
	for range 3000 {
		var sb strings.Builder
		for range r.IntN(40) {
			sb.WriteString(pieces[r.IntN(len(pieces))])
		}
		cases = append(cases, sb.String())
	}
	for _, in := range cases {
		for _, comma := range []rune{',', ';'} {
			want := readAllCSV(in, comma, true)
			got := readAllCSV(in, comma, false)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%q (comma %q):\n got  %v\n want %v", in, comma, got, want)
			}
		}
	}
}

// readAllCSV reads in with encoding/csv (std) or csvLines, reusing the
// record after the first as TableReader does, and describes what it read.
func readAllCSV(in string, comma rune, std bool) []string {
	var read func() ([]string, int, error)
	var setReuse func()
	if std {
		cr := csv.NewReader(strings.NewReader(in))
		cr.Comma = comma
		read = func() ([]string, int, error) {
			rec, err := cr.Read()
			line := 0
			if err == nil || errors.Is(err, csv.ErrFieldCount) {
				line, _ = cr.FieldPos(0)
			}
			return rec, line, err
		}
		setReuse = func() { cr.ReuseRecord = true }
	} else {
		cr := newCSVLines(bufio.NewReaderSize(strings.NewReader(in), 64<<10), comma)
		read = func() ([]string, int, error) {
			rec, err := cr.Read()
			return rec, cr.recLine, err
		}
		setReuse = func() { cr.reuse = true }
	}
	var out []string
	var first []string // read before reuse: later reads must leave it be
	for i := 0; i < 100; i++ {
		rec, line, err := read()
		if i == 0 {
			first = rec
			setReuse()
		}
		if err == io.EOF {
			return append(out, fmt.Sprintf("EOF, first %q", first))
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			out = append(out, fmt.Sprintf("error %d %d %d %v", pe.StartLine, pe.Line, pe.Column, pe.Err))
		} else if err != nil {
			out = append(out, "error "+err.Error())
		}
		if err == nil || errors.Is(err, csv.ErrFieldCount) {
			out = append(out, fmt.Sprintf("line %d: %q", line, rec))
		}
		if err != nil && !errors.Is(err, csv.ErrFieldCount) {
			return out
		}
	}
	return out
}
