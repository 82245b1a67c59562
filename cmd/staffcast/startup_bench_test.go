//go:build linux

package main

import (
	"bytes"
	"cmp"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// BenchmarkStartup measures what a staffcast process costs around a
// command that does almost no work (--help, one erlang row; help-lean is
// the lean build the README offers) against an empty Go program: CPU (user+sys, from the child's rusage) and page
// faults per process, and, from GODEBUG=inittrace=1, the package
// initialisation time, what it allocates and how many packages run an
// init. Figures are means over b.N processes; scripts/startup.sh gives the
// least of its runs and the comparison with scripts/testdata/erlangmin.
//
//	go test ./cmd/staffcast -run XXX -bench Startup -benchtime 50x
func BenchmarkStartup(b *testing.B) {
	dir := b.TempDir()
	bin := filepath.Join(dir, "staffcast")
	build(b, dir, bin, ".")
	lean := filepath.Join(dir, "staffcast-lean")
	build(b, dir, lean, ".", "-tags", leanTags, "-ldflags", "-s -w")
	empty := filepath.Join(dir, "empty")
	if err := os.WriteFile(empty+".go", []byte("package main\n\nfunc main() {}\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	build(b, dir, empty, empty+".go")
	for _, c := range []struct {
		name string
		args []string
	}{
		{"help", []string{bin, "--help"}},
		{"erlang", []string{bin, "erlang", "--volume", "100", "--interval", "30m", "--aht", "3m"}},
		{"help-lean", []string{lean, "--help"}},
		{"empty", []string{empty}},
	} {
		b.Run(c.name, func(b *testing.B) {
			var usec, faults int64
			for b.Loop() {
				cmd := exec.Command(c.args[0], c.args[1:]...)
				if out, err := cmd.CombinedOutput(); err != nil {
					b.Fatalf("%v: %v\n%s", c.args, err, out)
				}
				ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
				usec += (ru.Utime.Nano() + ru.Stime.Nano()) / 1000
				faults += ru.Minflt + ru.Majflt
			}
			b.ReportMetric(float64(usec)/1000/float64(b.N), "cpu-ms/op")
			b.ReportMetric(float64(faults)/float64(b.N), "faults/op")
			if c.name != "empty" {
				ms, kib, pkgs := initTrace(b, c.args)
				b.ReportMetric(ms, "init-ms")
				b.ReportMetric(kib, "init-KiB")
				b.ReportMetric(pkgs, "init-pkgs")
			}
		})
	}
}

// build builds the package or file src into bin and settles it as
// scripts/startup.sh does: the Go linker writes through a memory map,
// and a binary fresh from it cost staffcast 0.7-1.2 ms more per start
// than the same bytes read from disk, which is what a binary in use is.
// The lean build (flags given) is also built without cgo.
func build(b *testing.B, dir, bin, src string, flags ...string) {
	b.Helper()
	cmd := exec.Command("go", append(append([]string{"build", "-o", bin}, flags...), src)...)
	if len(flags) > 0 {
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("go build %s: %v\n%s", src, err, out)
	}
	data, err := os.ReadFile(bin)
	if err != nil {
		b.Fatal(err)
	}
	tmp := filepath.Join(dir, "settle")
	if err := os.WriteFile(tmp, data, 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(tmp, bin); err != nil {
		b.Fatal(err)
	}
	f, err := os.Open(bin)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	// Written back, dropped from the page cache and read once; without
	// fadvise (an error here) the copy alone is close.
	if f.Sync() == nil {
		const fadvDontNeed = 4 // POSIX_FADV_DONTNEED
		syscall.Syscall6(syscall.SYS_FADVISE64, f.Fd(), 0, 0, fadvDontNeed, 0, 0)
	}
	if _, err := io.Copy(io.Discard, f); err != nil {
		b.Fatal(err)
	}
}

// initTrace runs args under GODEBUG=inittrace=1 a few times and returns
// the median of the summed init time (ms), the KiB allocated by init
// functions and the number of packages with an init.
func initTrace(b *testing.B, args []string) (ms, kib, pkgs float64) {
	b.Helper()
	type run struct{ ms, kib, pkgs float64 }
	var runs []run
	for range 9 {
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			b.Fatalf("%v: %v", args, err)
		}
		var r run
		for line := range strings.Lines(stderr.String()) {
			// init pkg @0.1 ms, 0.02 ms clock, 1024 bytes, 3 allocs
			f := strings.Fields(line)
			if len(f) < 10 || f[0] != "init" {
				continue
			}
			clock, err1 := strconv.ParseFloat(f[4], 64)
			alloc, err2 := strconv.ParseFloat(f[7], 64)
			if err1 != nil || err2 != nil {
				b.Fatalf("inittrace line %q", line)
			}
			r.ms += clock
			r.kib += alloc / 1024
			r.pkgs++
		}
		if r.pkgs == 0 {
			b.Fatalf("%v: no inittrace lines on stderr", args)
		}
		runs = append(runs, r)
	}
	slices.SortFunc(runs, func(x, y run) int { return cmp.Compare(x.ms, y.ms) })
	m := runs[len(runs)/2]
	return m.ms, m.kib, m.pkgs
}
