package main

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestReadmePlanFigures holds the README's main-job text to what
// `staffcast plan` prints: every line the Opening hours section quotes is
// a line of the output, and every figure of the Quick start's answer is
// in it.
func TestReadmePlanFigures(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := run(t, "", "plan")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := map[string]bool{}
	for _, l := range strings.Split(stdout, "\n") {
		lines[strings.TrimSpace(l)] = true
	}
	text := string(readme)
	_, section, ok := strings.Cut(text, "### Opening hours")
	_, after, ok1 := strings.Cut(section, "```text\n")
	quoted, _, ok2 := strings.Cut(after, "```")
	ok = ok && ok1
	if !ok || !ok2 || strings.TrimSpace(quoted) == "" {
		t.Fatal("README: no quoted plan output in the Opening hours section")
	}
	for _, l := range strings.Split(strings.TrimSpace(quoted), "\n") {
		if !lines[strings.TrimSpace(l)] {
			t.Errorf("README quotes a line plan does not print:\n%s", l)
		}
	}
	_, answer, ok := strings.Cut(text, "On the sample the answer")
	answer, _, ok2 = strings.Cut(answer, "\n\n")
	if !ok || !ok2 {
		t.Fatal("README: no Quick start answer")
	}
	figures := regexp.MustCompile(`\d+\.\d%|\d+ agent-hours`).FindAllString(answer, -1)
	if len(figures) < 5 {
		t.Fatalf("README Quick start answer has %d figures: %q", len(figures), answer)
	}
	for _, f := range figures {
		n := strings.TrimSuffix(f, " agent-hours")
		if !strings.Contains(stdout, n) {
			t.Errorf("README Quick start says %s; plan does not print %s", f, n)
		}
	}
}
