package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// An example is one command line of a --help text or of the README, with
// the file its stdout is redirected to, if any.
type example struct {
	where  string // "shifts --help" or "README.md:155"
	line   string
	args   []string // after "staffcast"
	stdout string   // "> FILE"
}

// helpOrder is the order the --help examples run in: the files a command
// reads are written by the examples of a command before it, starting from
// what "staffcast sample" writes.
var helpOrder = []string{"sample", "aggregate", "validate", "convert", "forecast", "backtest", "erlang", "staff", "shifts", "simulate", "hours", "plan", "completion"}

// reportFixtures are the contact-system exports the convert examples read:
// files from another system that "staffcast sample" cannot write. They are
// copied from testdata under the names the examples use.
var reportFixtures = map[string]string{"genesys.csv": "genesys.csv", "queue_stats.txt": "teleopti.txt", "export.csv": "mapped_export.csv"}

// TestHelpExamples runs every example of every command's --help, in a
// directory that starts with nothing but the contact-system fixtures: the
// rest is written by the examples themselves, "staffcast sample" first.
// Each must exit 0.
func TestHelpExamples(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every --help example (about a minute)")
	}
	app := newApp(nil, nil, nil)
	byName := map[string][]example{}
	for _, cmd := range app.Commands {
		exs, err := parseExamples(cmd.Name+" --help", cmd.UsageText)
		if err != nil {
			t.Fatal(err)
		}
		if len(exs) == 0 {
			t.Errorf("%s --help has no example", cmd.Name)
		}
		byName[cmd.Name] = exs
	}
	if len(byName) != len(helpOrder) {
		t.Fatalf("helpOrder lists %d commands, the app has %d: add the new one where its input is written", len(helpOrder), len(byName))
	}
	var all []example
	for _, name := range helpOrder {
		exs, ok := byName[name]
		if !ok {
			t.Fatalf("helpOrder names %q, which is no command", name)
		}
		all = append(all, exs...)
	}
	runExamples(t, all)
}

// TestReadmeCommands runs every "go run ./cmd/staffcast ..." command of the
// README, in order, in a directory holding the files "staffcast sample"
// writes (and the contact-system fixtures), so that the documented commands
// keep working as written.
func TestReadmeCommands(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every README command (about a minute)")
	}
	exs, err := readmeExamples("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if len(exs) < 10 {
		t.Fatalf("found %d README commands; the parser has lost them", len(exs))
	}
	sample, err := parseExamples("sample --help", sampleCommand().UsageText)
	if err != nil {
		t.Fatal(err)
	}
	runExamples(t, append(sample, exs...))
}

// runExamples runs exs in order in a fresh directory (the working
// directory, so the tests that call it are not parallel).
func runExamples(t *testing.T, exs []example) {
	dir := t.TempDir()
	for name, fixture := range reportFixtures {
		b, err := os.ReadFile(filepath.Join("testdata", fixture))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	for _, ex := range exs {
		start := time.Now()
		stdout, stderr, code := run(t, "", ex.args...)
		t.Logf("%s: %.1fs: staffcast %s", ex.where, time.Since(start).Seconds(), strings.Join(ex.args, " "))
		if code != exitOK {
			t.Errorf("%s: %s\nexit %d; stderr:\n%s", ex.where, ex.line, code, stderr)
			continue
		}
		if ex.stdout != "" {
			if err := os.WriteFile(ex.stdout, []byte(stdout), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// parseExamples finds the example lines of a UsageText: those starting
// with "staffcast ", with a trailing backslash joining the next line.
func parseExamples(where, text string) ([]example, error) {
	var exs []example
	lines := strings.Split(text, "\n")
	for i := 0; i < len(lines); i++ {
		line := strings.TrimSpace(lines[i])
		rest, ok := strings.CutPrefix(line, "staffcast ")
		if !ok {
			continue
		}
		for strings.HasSuffix(rest, "\\") && i+1 < len(lines) {
			i++
			rest = strings.TrimSuffix(rest, "\\") + " " + strings.TrimSpace(lines[i])
		}
		ex, err := parseLine(where, rest)
		if err != nil {
			return nil, err
		}
		exs = append(exs, ex)
	}
	return exs, nil
}

// readmeExamples finds the README's "go run ./cmd/staffcast" commands (a
// "$ " prompt allowed), with their backslash continuations, and names each
// by its line.
func readmeExamples(path string) ([]example, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var exs []example
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimPrefix(strings.TrimSpace(sc.Text()), "$ ")
		rest, ok := strings.CutPrefix(line, "go run ./cmd/staffcast ")
		if !ok {
			continue
		}
		where := fmt.Sprintf("README.md:%d", n)
		for strings.HasSuffix(rest, "\\") && sc.Scan() {
			n++
			rest = strings.TrimSuffix(rest, "\\") + " " + strings.TrimSpace(sc.Text())
		}
		ex, err := parseLine(where, rest)
		if err != nil {
			return nil, err
		}
		exs = append(exs, ex)
	}
	return exs, sc.Err()
}

// parseLine splits a command line as a POSIX shell would for the few
// constructs examples use: single and double quotes, a "# comment" and a
// "> FILE" redirect of stdout.
func parseLine(where, line string) (example, error) {
	ex := example{where: where, line: "staffcast " + line}
	var words []string
	var cur strings.Builder
	inWord := false
	var quote rune
	flush := func() {
		if inWord {
			words = append(words, cur.String())
			cur.Reset()
			inWord = false
		}
	}
scan:
	for _, r := range line {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '"' || r == '\'':
			quote, inWord = r, true
		case r == ' ' || r == '\t':
			flush()
		case r == '#' && !inWord:
			break scan
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if quote != 0 {
		return ex, fmt.Errorf("%s: unterminated quote in %q", where, line)
	}
	flush()
	for i := 0; i < len(words); i++ {
		if words[i] == ">" {
			if i != len(words)-2 {
				return ex, fmt.Errorf("%s: want \"> FILE\" at the end of %q", where, line)
			}
			ex.stdout = words[i+1]
			words = words[:i]
			break
		}
		if strings.ContainsAny(words[i], "|<>;&$`") && !strings.Contains(words[i], "=") && !strings.HasPrefix(words[i-1], "--") {
			return ex, fmt.Errorf("%s: shell syntax %q the example runner does not handle", where, words[i])
		}
	}
	ex.args = words
	return ex, nil
}
