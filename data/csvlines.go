package data

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// csvLines reads CSV records as encoding/csv does (same records, line
// numbers and errors), splitting plain lines itself: a line with no
// quote and no carriage return is its fields between the separators.
// The first line that is not plain (a quote, \r, a line longer than the
// buffer) hands the rest of the input, from that line on, to a
// csv.Reader. On a year of start,volume rows encoding/csv cost as much
// as staffing them.
type csvLines struct {
	in      *bufio.Reader
	comma   rune
	line    int // lines read
	fields  int // fields per record: the first record's count, 0 before
	recLine int // the line of the last record
	slow    *csv.Reader
	base    int // lines read before slow took over
	reuse   bool
	rec     []string
	block   string // whole lines read ahead, each ending in \n
	// With recycling (a TableReader's Reuse), blocks are copied into
	// arena, whose memory the next chunk reuses, instead of into a
	// string of their own each: records are then valid until recycle.
	recycling bool
	arena     []byte
}

// recycle starts a chunk whose blocks may reuse the memory of the
// chunk before: the caller keeps no record of it. The lines read ahead
// and not yet returned move to the front.
func (r *csvLines) recycle() {
	r.recycling = true
	if cap(r.arena) < len(r.block) {
		r.arena = make([]byte, 0, len(r.block)) // block is not in arena
	}
	n := copy(r.arena[:cap(r.arena)], r.block) // memmove: block may lie in arena
	r.arena = r.arena[:n]
	r.block = ""
	if n > 0 {
		r.block = unsafe.String(&r.arena[0], n)
	}
}

func newCSVLines(in *bufio.Reader, comma rune) *csvLines {
	r := &csvLines{in: in, comma: comma}
	if !(comma > 0 && comma < utf8.RuneSelf && comma != '"' && comma != '\r' && comma != '\n') {
		r.toSlow(nil) // only valid single-byte separators are split here
	}
	return r
}

// toSlow hands the input to a csv.Reader, starting with the line b
// already read.
func (r *csvLines) toSlow(b []byte) {
	var src io.Reader = r.in
	if len(b) > 0 {
		src = io.MultiReader(bytes.NewReader(bytes.Clone(b)), r.in)
	}
	r.slow = csv.NewReader(src)
	r.slow.Comma = r.comma
	r.slow.FieldsPerRecord = r.fields
	r.slow.ReuseRecord = r.reuse
	r.base = r.line
}

// Read returns the next record; with reuse (set after the first Read, as
// csv.Reader.ReuseRecord) the slice is the one the previous call returned.
func (r *csvLines) Read() ([]string, error) {
	if r.slow != nil {
		r.slow.ReuseRecord = r.reuse
		rec, err := r.slow.Read()
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			pe.StartLine += r.base
			pe.Line += r.base
		}
		if err == nil || errors.Is(err, csv.ErrFieldCount) {
			line, _ := r.slow.FieldPos(0)
			r.recLine = line + r.base
		}
		return rec, err
	}
	for {
		if r.block == "" {
			// Take every whole line buffered as one string, so that
			// fields cost one allocation a block, not one a line.
			buf, _ := r.in.Peek(r.in.Buffered())
			if end := bytes.LastIndexByte(buf, '\n'); end >= 0 {
				if r.recycling {
					at := len(r.arena)
					r.arena = append(r.arena, buf[:end+1]...)
					r.block = unsafe.String(&r.arena[at], end+1)
				} else {
					r.block = string(buf[:end+1])
				}
				r.in.Discard(end + 1)
			}
		}
		var s string // the line, without its \n
		if r.block != "" {
			end := strings.IndexByte(r.block, '\n')
			s, r.block = r.block[:end], r.block[end+1:]
			if strings.IndexByte(s, '"') >= 0 || strings.IndexByte(s, '\r') >= 0 {
				r.toSlow([]byte(s + "\n" + r.block))
				r.block = ""
				return r.Read()
			}
		} else {
			b, err := r.in.ReadSlice('\n')
			if err != nil && err != io.EOF || bytes.IndexByte(b, '"') >= 0 || bytes.IndexByte(b, '\r') >= 0 {
				r.toSlow(b)
				return r.Read()
			}
			if len(b) == 0 && err == io.EOF {
				return nil, io.EOF
			}
			s = string(bytes.TrimSuffix(b, []byte{'\n'}))
		}
		r.line++
		if len(s) == 0 {
			continue // csv.Reader skips empty lines
		}
		var rec []string // a new slice unless reused, as csv.Reader.ReuseRecord
		if r.reuse {
			rec = r.rec[:0]
		} else {
			rec = make([]string, 0, max(r.fields, 1))
		}
		sep := byte(r.comma)
		for {
			i := strings.IndexByte(s, sep)
			if i < 0 {
				rec = append(rec, s)
				break
			}
			rec = append(rec, s[:i])
			s = s[i+1:]
		}
		if r.reuse {
			r.rec = rec
		}
		r.recLine = r.line
		if r.fields == 0 {
			r.fields = len(rec)
		} else if len(rec) != r.fields {
			return rec, &csv.ParseError{StartLine: r.line, Line: r.line, Column: 1, Err: csv.ErrFieldCount}
		}
		return rec, nil
	}
}
