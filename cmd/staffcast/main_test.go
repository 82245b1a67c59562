package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// run executes staffcast in-process with args and returns stdout, stderr
// and the exit code main would use (with main's "staffcast: " error line).
func run(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	err := newApp(strings.NewReader(stdin), &out, &errb).Run(append([]string{"staffcast"}, args...))
	if err != nil {
		errb.WriteString("staffcast: " + err.Error() + "\n")
	}
	return out.String(), errb.String(), exitCode(err)
}

// golden compares got with testdata/NAME, where NAME is the test's name
// plus suffix. With -update it rewrites the file; on a mismatch it writes
// NAME.got beside it for review.
func golden(t *testing.T, suffix, got string) {
	t.Helper()
	name := filepath.Join("testdata", strings.ReplaceAll(t.Name(), "/", "_")+suffix)
	if *update {
		if err := os.WriteFile(name, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(name)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) && !sameWithinTolerance(got, string(want)) {
		os.WriteFile(name+".got", []byte(got), 0o644)
		t.Errorf("output differs from %s (got written to %s.got):\n%s", name, name, got)
	}
}

func TestUnknownCommandIsUsageError(t *testing.T) {
	t.Parallel()
	_, stderr, code := run(t, "", "frobnicate")
	if code != exitUsage {
		t.Errorf("exit code %d, want %d; stderr:\n%s", code, exitUsage, stderr)
	}
	if !strings.Contains(stderr, `unknown command "frobnicate"`) {
		t.Errorf("stderr does not name the command:\n%s", stderr)
	}
}

func TestHelp(t *testing.T) {
	t.Parallel()
	stdout, _, code := run(t, "", "--help")
	if code != exitOK || !strings.Contains(stdout, "staffcast") {
		t.Errorf("--help: code %d, stdout:\n%s", code, stdout)
	}
}

// TestEveryCommandHasHelpWithExample holds every command to the promise
// that --help works and shows at least one example invocation.
func TestEveryCommandHasHelpWithExample(t *testing.T) {
	t.Parallel()
	for _, cmd := range newApp(nil, nil, nil).Commands {
		if !strings.Contains(cmd.UsageText, "staffcast "+cmd.Name) {
			t.Errorf("command %s: UsageText has no example starting \"staffcast %s\"", cmd.Name, cmd.Name)
		}
		stdout, stderr, code := run(t, "", cmd.Name, "--help")
		if code != exitOK || !strings.Contains(stdout, "staffcast "+cmd.Name) {
			t.Errorf("staffcast %s --help: exit %d\nstdout:\n%s\nstderr:\n%s", cmd.Name, code, stdout, stderr)
		}
	}
}
