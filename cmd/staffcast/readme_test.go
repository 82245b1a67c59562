package main

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// TestReadmeCommands runs every "go run ./cmd/staffcast ..." line of the
// README that needs no file of the user's and writes none, so that the
// documented commands (the main one above all) keep working.
func TestReadmeCommands(t *testing.T) {
	t.Parallel()
	f, err := os.Open("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	ran := 0
	for sc.Scan() {
		line := strings.TrimPrefix(strings.TrimSpace(sc.Text()), "$ ")
		args, ok := strings.CutPrefix(line, "go run ./cmd/staffcast ")
		if !ok || strings.HasSuffix(args, "\\") || usesFiles(args) {
			continue
		}
		ran++
		if _, stderr, code := run(t, "", strings.Fields(args)...); code != exitOK {
			t.Errorf("README command %q: exit %d\n%s", line, code, stderr)
		}
	}
	if ran == 0 {
		t.Error("found no runnable README command")
	}
}

// usesFiles reports whether a command line reads or writes a file named
// on it (the README's examples with the user's data).
func usesFiles(args string) bool {
	for _, f := range []string{"--in ", "--history ", "--demand ", "--out ", "--chart ", "--coverage-out ", "--events "} {
		if strings.Contains(args, f) {
			return true
		}
	}
	return false
}
