package data

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"unicode/utf8"
)

// Limits that keep a bad or hostile file from costing unbounded memory or
// from flooding a terminal with its contents.
const (
	// MaxLineBytes is the longest text line the readers accept. The widest
	// real export is a few kilobytes a line; a longer one is a file that
	// is not line-oriented text (or is cut from one).
	MaxLineBytes = 1 << 20
	// MaxValue is the largest magnitude a volume, count or amount may have.
	// Real counts are far below it; above it a value is a unit mistake or
	// garbage, and would drown every statistic computed from it.
	MaxValue = 1e12
	// maxQuote is the number of characters of a value quoted in a message.
	maxQuote = 80
	// sniffBytes is how much of a text file is checked for binary content.
	sniffBytes = 8 << 10
)

// Sentinels of the limits, wrapped by ParseError.
var (
	ErrLineTooLong  = errors.New("line too long")
	ErrBinary       = errors.New("binary file")
	ErrImplausible  = errors.New("implausible value")
	errLineTooLongF = fmt.Errorf("%w: a line is longer than %d bytes (%d MiB): want CSV text with one row a line", ErrLineTooLong, MaxLineBytes, MaxLineBytes>>20)
)

// quote returns s quoted for a message, cut to maxQuote characters.
func quote(s string) string {
	if utf8.RuneCountInString(s) <= maxQuote {
		return strconv.Quote(s)
	}
	n := 0
	for i := range s {
		if n == maxQuote {
			return strconv.Quote(s[:i]) + fmt.Sprintf("... (%d bytes)", len(s))
		}
		n++
	}
	return strconv.Quote(s)
}

// checkValue refuses a value no count or amount can have.
func checkValue(v float64) error {
	if math.Abs(v) > MaxValue {
		return &detail{ErrImplausible, fmt.Sprintf("want a count or amount of at most %g, got %g: not a plausible value (a unit or column mix-up?)", MaxValue, v)}
	}
	return nil
}

// lineLimiter passes bytes through until a line exceeds MaxLineBytes;
// then it fails with the line's number, so that no reader above it
// buffers a huge line whole.
type lineLimiter struct {
	r    io.Reader
	line int // current line, from 1
	run  int // bytes since the last newline
	err  error
}

func (l *lineLimiter) Read(p []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	n, err := l.r.Read(p)
	for i := 0; i < n; {
		k := bytes.IndexByte(p[i:n], '\n')
		content := k
		if k < 0 {
			content = n - i
		}
		if l.run+content > MaxLineBytes {
			l.err = &ParseError{Line: l.line, Err: errLineTooLongF}
			return i + MaxLineBytes - l.run, l.err
		}
		if k < 0 {
			l.run += content
			break
		}
		l.line++
		l.run = 0
		i += k + 1
	}
	return n, err
}

// textIn is a text file prepared for the CSV reader (see textReader).
type textIn struct {
	*bufio.Reader
	comma rune
	lim   *lineLimiter
	name  string
}

// error turns an error of the CSV reader into a ParseError; a line over
// the cap wins, since the reader may have failed on the line's cut part.
func (t *textIn) error(err error) error {
	if t.lim.err != nil {
		pe := *t.lim.err.(*ParseError)
		pe.File = t.name
		return &pe
	}
	return csvError(t.name, err)
}

// textReader prepares a text file for the CSV reader: it refuses a
// binary file from its first block (a NUL byte, or UTF-16 which
// spreadsheets call "Unicode text"), and caps the line length. It returns
// the reader and the separator: comma, or detected from the header line
// when comma is 0.
func textReader(r io.Reader, name string, comma rune) (*textIn, error) {
	lim := &lineLimiter{r: r, line: 1}
	br := bufio.NewReaderSize(lim, 64<<10)
	head, _ := br.Peek(sniffBytes)
	switch {
	case bytes.HasPrefix(head, []byte{0xff, 0xfe}) || bytes.HasPrefix(head, []byte{0xfe, 0xff}):
		return nil, &ParseError{File: name, Line: 1, Err: fmt.Errorf("%w: the file is UTF-16 text (a spreadsheet's \"Unicode text\"): save it as CSV UTF-8", ErrBinary)}
	case bytes.IndexByte(head, 0) >= 0:
		hint := ""
		if bytes.HasPrefix(head, []byte("PAR1")) {
			hint = " (it is a Parquet file: name it .parquet)"
		} else if bytes.HasPrefix(head, []byte("ARROW1")) {
			hint = " (it is an Arrow file: name it .arrow)"
		}
		return nil, &ParseError{File: name, Line: 1, Err: fmt.Errorf("%w: a NUL byte in the first %d KiB: want CSV text%s", ErrBinary, sniffBytes>>10, hint)}
	}
	if comma == 0 {
		comma = detectComma(br)
	}
	return &textIn{Reader: br, comma: comma, lim: lim, name: name}, nil
}

// CheckValues checks the named numeric columns of t as counts or
// amounts: finite and at most MaxValue in magnitude. The error names the
// file, line (or row) and column of the first bad cell. Code that takes
// volumes from a Table rather than a Series (staffing a table) calls it.
func (t *Table) CheckValues(columns ...string) error {
	for _, name := range columns {
		c := t.Column(name)
		if c == nil || c.Float == nil {
			continue
		}
		for i, v := range c.Float {
			if math.IsInf(v, 0) {
				return t.rowError(i, name, fmt.Sprint(v), want(ErrNotFinite, "a finite number", fmt.Sprint(v)))
			}
			if err := checkValue(v); err != nil {
				return t.rowError(i, name, fmt.Sprint(v), err)
			}
		}
	}
	return nil
}
