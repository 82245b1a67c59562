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
//
// Renaming is right only for a regular file, so:
//   - a device or a FIFO (/dev/null, a named pipe) is written straight;
//   - a symbolic link is followed, and the file it names is replaced, so
//     the link stays a link;
//   - a file that is replaced keeps its permission bits (a new one gets 0644).
func WriteFileAtomic(path string, write func(w io.Writer) error) (err error) {
	// Stat follows links as the kernel does, /dev/stdout's to a pipe too.
	mode := os.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		if !fi.Mode().IsRegular() {
			return writeStraight(path, write)
		}
		mode = fi.Mode().Perm()
	}
	target, err := resolveLinks(path)
	if err != nil {
		return fmt.Errorf("data: write %s: %w", path, err)
	}
	dir, base := filepath.Split(target)
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
	if err = os.Chmod(f.Name(), mode); err != nil {
		return fmt.Errorf("data: write %s: %w", path, err)
	}
	if err = os.Rename(f.Name(), target); err != nil {
		return fmt.Errorf("data: write %s: %w", path, err)
	}
	return nil
}

// writeStraight writes to a device or FIFO, which cannot be replaced and
// holds no earlier result to protect.
func writeStraight(path string, write func(w io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("data: write %s: %w", path, err)
	}
	if err := write(struct{ io.Writer }{f}); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("data: write %s: %w", path, err)
	}
	return nil
}

// resolveLinks follows path while it is a symbolic link, and returns the
// path of what it finally names, which need not exist yet (a link to a
// file still to be written).
func resolveLinks(path string) (string, error) {
	for range 40 {
		fi, err := os.Lstat(path)
		if err != nil || fi.Mode()&os.ModeSymlink == 0 {
			return path, nil
		}
		dest, err := os.Readlink(path)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(dest) {
			dest = filepath.Join(filepath.Dir(path), dest)
		}
		path = dest
	}
	return "", fmt.Errorf("too many levels of symbolic links")
}

// SameFile reports whether paths a and b name the same file, through
// symbolic links, whether or not it exists yet.
func SameFile(a, b string) bool {
	ra, errA := resolveLinks(a)
	rb, errB := resolveLinks(b)
	if errA != nil || errB != nil {
		return false
	}
	fa, errA := os.Stat(ra)
	fb, errB := os.Stat(rb)
	if errA == nil && errB == nil {
		return os.SameFile(fa, fb)
	}
	aa, errA := filepath.Abs(ra)
	ab, errB := filepath.Abs(rb)
	return errA == nil && errB == nil && aa == ab
}
