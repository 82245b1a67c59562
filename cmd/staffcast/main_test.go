package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/urfave/cli/v2"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// run executes staffcast in-process with args and returns stdout, stderr
// and the exit code main would use (with main's "staffcast: " error line).
// A panic is reported as main reports it (exit 1), with the stack.
func run(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	defer func() {
		if r := recover(); r != nil {
			stdout, stderr, code = out.String(), errb.String()+fmt.Sprintf("staffcast: internal error, please report: %v\n%s", r, debug.Stack()), exitInternal
		}
	}()
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

// testApp is newApp on buffers with extra commands that tests need to
// reach main's machinery: one that panics, one that waits for Ctrl-C.
func testApp(stdout, stderr *bytes.Buffer, extra ...*cli.Command) *cli.App {
	app := newApp(strings.NewReader(""), stdout, stderr)
	app.Commands = append(app.Commands, extra...)
	return app
}

func panicCommand() *cli.Command {
	return &cli.Command{Name: "boom", Action: func(*cli.Context) error {
		counts(nil)["x"]++ // a real runtime panic: assignment to entry in nil map
		return nil
	}}
}

func counts(m map[string]int) map[string]int { return m }

// TestPanicIsInternalError: a panic anywhere under main exits 1 with one
// line asking for a report; the stack only under STAFFCAST_DEBUG=1.
func TestPanicIsInternalError(t *testing.T) {
	for _, debug := range []string{"", "1"} {
		t.Setenv("STAFFCAST_DEBUG", debug)
		var stdout, stderr bytes.Buffer
		code := runMain(testApp(&stdout, &stderr, panicCommand()), []string{"staffcast", "boom"})
		if code != exitInternal {
			t.Errorf("STAFFCAST_DEBUG=%q: exit %d, want %d", debug, code, exitInternal)
		}
		msg := stderr.String()
		if !strings.HasPrefix(msg, "staffcast: internal error, please report: assignment to entry in nil map") {
			t.Errorf("STAFFCAST_DEBUG=%q: stderr does not start with the internal-error line:\n%s", debug, msg)
		}
		hasStack := strings.Contains(msg, "goroutine ") && strings.Contains(msg, "panicCommand")
		if hasStack != (debug == "1") {
			t.Errorf("STAFFCAST_DEBUG=%q: stack shown %v:\n%s", debug, hasStack, msg)
		}
		if debug == "" && strings.Count(msg, "\n") != 1 {
			t.Errorf("without STAFFCAST_DEBUG the message is not one line:\n%s", msg)
		}
	}
}

// TestInterruptReachesCommand sends this process a real SIGINT while a
// command waits on its cli.Context: main's signal context must reach the
// command, and the run must end with 130 and write nothing.
func TestInterruptReachesCommand(t *testing.T) {
	started := make(chan struct{})
	wait := &cli.Command{Name: "wait", Action: func(c *cli.Context) error {
		close(started)
		select {
		case <-c.Context.Done():
			return fmt.Errorf("waiting: %w", c.Context.Err())
		case <-time.After(30 * time.Second):
			return errors.New("the command's context was not cancelled by SIGINT")
		}
	}}
	go func() {
		<-started
		syscall.Kill(os.Getpid(), syscall.SIGINT)
	}()
	var stdout, stderr bytes.Buffer
	code := runMain(testApp(&stdout, &stderr, wait), []string{"staffcast", "wait"})
	if code != exitInterrupted || stdout.Len() != 0 || stderr.Len() != 0 {
		t.Errorf("interrupted run: exit %d, want %d, with stdout %q and stderr %q (want both empty)", code, exitInterrupted, stdout.String(), stderr.String())
	}
	// Run without runMain (as the tests run commands), a cancelled context
	// still maps to 130.
	if code := exitCode(fmt.Errorf("x: %w", context.Canceled)); code != exitInterrupted {
		t.Errorf("exitCode(context.Canceled) = %d, want %d", code, exitInterrupted)
	}
}

func TestVersion(t *testing.T) {
	t.Parallel()
	stdout, stderr, code := run(t, "", "--version")
	if code != exitOK || !strings.HasPrefix(stdout, "staffcast version ") || !strings.Contains(stdout, runtime.Version()) {
		t.Errorf("--version: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	for _, tc := range []struct {
		bi   debug.BuildInfo
		want string
	}{
		{debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.2.0"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "977079d82d1655aa4a0e88c9132a743a03d4f72c"}, {Key: "vcs.time", Value: "2026-11-24T03:38:42Z"}, {Key: "vcs.modified", Value: "false"}}},
			"v1.2.0, revision 977079d82d1655aa4a0e88c9132a743a03d4f72c of 2026-11-24T03:38:42Z, go1.26.8"},
		{debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.0.0-20261124033842-977079d82d16+dirty"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "977079d82d1655aa4a0e88c9132a743a03d4f72c"}, {Key: "vcs.modified", Value: "true"}}},
			"v0.0.0-20261124033842-977079d82d16+dirty, revision 977079d82d1655aa4a0e88c9132a743a03d4f72c with local changes, go1.26.8"},
		{debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}}, "(devel), no VCS revision, go1.26.8"},
	} {
		if got := versionOf(&tc.bi); got != tc.want {
			t.Errorf("versionOf = %q, want %q", got, tc.want)
		}
	}
}

// A mistyped flag is named as typed, with the help to read.
func TestBadFlagMessage(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ args, want []string }{
		{[]string{"erlang", "--bogus"}, []string{"flag provided but not defined: --bogus", "see staffcast erlang --help"}},
		{[]string{"erlang", "--volume", "x"}, []string{`invalid value "x" for flag --volume`, "see staffcast erlang --help"}},
		{[]string{"--bogus"}, []string{"--bogus; see staffcast --help"}},
	} {
		_, stderr, code := run(t, "", tc.args...)
		if code != exitUsage {
			t.Errorf("%q: exit %d, want %d", tc.args, code, exitUsage)
		}
		for _, w := range tc.want {
			if !strings.Contains(stderr, w) {
				t.Errorf("%q: stderr %q does not say %q", tc.args, stderr, w)
			}
		}
	}
}
