package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// completionScript writes "staffcast completion SHELL" to a temporary file.
func completionScript(t *testing.T, shell string) string {
	t.Helper()
	stdout, stderr, code := run(t, "", "completion", shell)
	if code != exitOK || stdout == "" {
		t.Fatalf("completion %s: exit %d, stderr:\n%s", shell, code, stderr)
	}
	path := filepath.Join(t.TempDir(), "staffcast."+shell)
	if err := os.WriteFile(path, []byte(stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// needShell skips (loudly) when a shell the test drives is not installed;
// .ci/run installs bash only, which every Linux machine has.
func needShell(t *testing.T, shell string) string {
	t.Helper()
	path, err := exec.LookPath(shell)
	if err != nil {
		t.Skipf("SKIP: %s not installed; its completion script is not exercised (apt-get install %s)", shell, shell)
	}
	return path
}

func shellOutput(t *testing.T, shell string, args ...string) string {
	t.Helper()
	out, err := exec.Command(needShell(t, shell), args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %q: %v\n%s", shell, args, err, out)
	}
	return string(out)
}

// TestCompletionBash drives the bash function the way readline does, with
// COMP_WORDS and COMP_CWORD set, and reads COMPREPLY.
func TestCompletionBash(t *testing.T) {
	t.Parallel()
	script := completionScript(t, "bash")
	for _, tc := range []struct {
		words string // the command line; the last word is the one completed
		want  string // COMPREPLY, space-separated
	}{
		{`staffcast sh`, "shifts"},
		{`staffcast s`, "staff shifts simulate sample"},
		{`staffcast --v`, "--version"},
		{`staffcast shifts --ea`, "--earliest"},
		{`staffcast shifts --c`, "--cbc-time --channel --chart --column --cost --coverage-out --cyclic"},
		{`staffcast sample --`, "--every --format --help --orders --out --volumes"},
		{`staffcast completion ""`, "bash zsh fish"},
		{`staffcast completion z`, "zsh"},
		{`staffcast shifts --in ""`, ""}, // readline's file names (-o default)
	} {
		fields := strings.Fields(tc.words)
		cmd := "source " + script + "; COMP_WORDS=(" + tc.words + "); COMP_CWORD=" + strconv.Itoa(len(fields)-1) + `; _staffcast; echo "${COMPREPLY[*]}"`
		if got := strings.TrimSpace(shellOutput(t, "bash", "-c", cmd)); got != tc.want {
			t.Errorf("bash completion of %q = %q, want %q", tc.words, got, tc.want)
		}
	}
	if got := shellOutput(t, "bash", "-c", "source "+script+"; complete -p staffcast"); !strings.Contains(got, "-F _staffcast staffcast") {
		t.Errorf("bash script does not register _staffcast: %s", got)
	}
}

// TestCompletionFish asks fish itself what it would offer (complete -C).
func TestCompletionFish(t *testing.T) {
	t.Parallel()
	script := completionScript(t, "fish")
	shellOutput(t, "fish", "-n", script)
	for _, tc := range []struct{ line, want string }{
		{"staffcast sh", "shifts\tturn agents required per interval into a shift table at least cost"},
		{"staffcast shifts --ea", "--earliest\tearliest shift start, local time"},
		{"staffcast completion ", "bash\nfish\nzsh"},
	} {
		got := strings.TrimSpace(shellOutput(t, "fish", "-c", "source "+script+"; complete -C '"+tc.line+"'"))
		if got != tc.want {
			t.Errorf("fish completion of %q = %q, want %q", tc.line, got, tc.want)
		}
	}
}

// TestCompletionZsh checks the syntax, then calls the completion function
// with zsh's completion helpers replaced by functions that print what they
// are given (driving zle itself needs a terminal).
func TestCompletionZsh(t *testing.T) {
	t.Parallel()
	script := completionScript(t, "zsh")
	shellOutput(t, "zsh", "-n", script)
	stubs := `compdef() { print "compdef $*"; }; _describe() { print -l -- "${(@P)2}"; }; _arguments() { print -l -- "$@"; }; source ` + script + `; `
	got := shellOutput(t, "zsh", "-fc", stubs+`words=(staffcast ""); CURRENT=2; _staffcast`)
	for _, want := range []string{"compdef _staffcast staffcast", "shifts:turn agents required", "completion:print a shell completion script", "--version[print the version]"} {
		if !strings.Contains(got, want) {
			t.Errorf("zsh, first word: no %q in\n%s", want, got)
		}
	}
	got = shellOutput(t, "zsh", "-fc", stubs+`words=(staffcast shifts --e); CURRENT=3; _staffcast`)
	for _, want := range []string{"--earliest[earliest shift start, local time]:value: ", "--in[requirements per interval", ":file:_files", "--cyclic[the input is one repeating week"} {
		if !strings.Contains(got, want) {
			t.Errorf("zsh, shifts flags: no %q in\n%s", want, got)
		}
	}
}

func TestCompletionBadShell(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"completion"}, {"completion", "tcsh"}, {"completion", "bash", "zsh"}} {
		if _, stderr, code := run(t, "", args...); code != exitUsage || !strings.Contains(stderr, "bash, zsh, fish") {
			t.Errorf("%q: exit %d, want %d naming the shells; stderr:\n%s", args, code, exitUsage, stderr)
		}
	}
}
