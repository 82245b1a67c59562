package data

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Format is a file format for tables.
type Format int

const (
	CSV     Format = iota // comma- or semicolon-separated text with a header line
	JSON                  // an array of objects, one per row
	Parquet               // Apache Parquet
	Arrow                 // Apache Arrow IPC file (Feather v2)
)

var formatNames = [...]string{"csv", "json", "parquet", "arrow"}

func (f Format) String() string {
	if f >= 0 && int(f) < len(formatNames) {
		return formatNames[f]
	}
	return fmt.Sprintf("Format(%d)", int(f))
}

// ParseFormat reads a format name: csv, json, parquet or arrow (also ipc,
// feather).
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimPrefix(s, ".")) {
	case "csv", "txt":
		return CSV, nil
	case "json":
		return JSON, nil
	case "parquet", "pq":
		return Parquet, nil
	case "arrow", "ipc", "feather":
		return Arrow, nil
	}
	return 0, fmt.Errorf("data: unknown format %q: want csv, json, parquet or arrow", s)
}

// FormatFromPath returns the format a file name's extension names.
func FormatFromPath(path string) (Format, error) {
	ext := filepath.Ext(path)
	if ext == "" {
		return 0, fmt.Errorf("data: %s has no extension to tell its format: want .csv, .json, .parquet or .arrow", path)
	}
	f, err := ParseFormat(ext)
	if err != nil {
		return 0, fmt.Errorf("data: %s: unknown extension %q: want .csv, .json, .parquet or .arrow", path, ext)
	}
	return f, nil
}

// openFile opens path and returns it with the format its extension names.
func openFile(path string) (*os.File, Format, error) {
	f, err := FormatFromPath(path)
	if err != nil {
		return nil, 0, err
	}
	r, err := os.Open(path)
	return r, f, err
}

// detectComma picks the CSV separator from the header line: a semicolon
// when it has more semicolons than commas (Nordic spreadsheet exports),
// else a comma.
func detectComma(br *bufio.Reader) rune {
	head, _ := br.Peek(4096)
	if line, _, _ := bytes.Cut(head, []byte("\n")); bytes.Count(line, []byte(";")) > bytes.Count(line, []byte(",")) {
		return ';'
	}
	return ','
}
