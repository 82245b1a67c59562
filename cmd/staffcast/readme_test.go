package main

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// TestReadmeCommands runs every "go run ./cmd/staffcast ..." line of the
// README that needs no input file, so the documented commands keep working.
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
		if !ok || strings.HasSuffix(args, "\\") || strings.Contains(args, "--in ") {
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
