package data

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// WriteFileAtomic creates path by calling write on a temporary file in the
// same directory and renaming it over path only when write and the close
// succeed. A failed write leaves no file behind and an existing file at path
// untouched, so a half-written result never replaces a good one.
func WriteFileAtomic(path string, write func(w io.Writer) error) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return fmt.Errorf("data: create %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	// Hide Close: some writers (Parquet's) close what they are given, and
	// the file must stay open until it is synced and renamed.
	if err = write(struct{ io.Writer }{f}); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("data: write %s: %w", path, err)
	}
	// CreateTemp makes the file 0600; results are ordinary files.
	if err = os.Chmod(f.Name(), 0o644); err != nil {
		return fmt.Errorf("data: write %s: %w", path, err)
	}
	if err = os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("data: write %s: %w", path, err)
	}
	return nil
}
