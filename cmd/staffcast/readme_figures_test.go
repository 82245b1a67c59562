package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// readme returns the README as one string, with each line's leading
// spaces and its line break collapsed into one space, so that a sentence
// or an excerpt reads the same wherever the README wraps it.
func readme(t *testing.T) (raw, flat string) {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	raw = string(b)
	return raw, regexp.MustCompile(`\s*\n\s*`).ReplaceAllString(raw, " ")
}

// TestReadmeFigures checks output the README quotes against what the
// program prints now: the example error message, and every "$ go run"
// block that shows its output (the Erlang calculator). The plan figures
// have their own test (TestReadmePlanFigures).
func TestReadmeFigures(t *testing.T) {
	t.Parallel()
	raw, flat := readme(t)
	// The plan JSON excerpt: each part between "..." elisions appears, in
	// order, in plan's compact JSON.
	ex := regexp.MustCompile("`--format json` gives `([^`]+)`").FindStringSubmatch(flat)
	if ex == nil {
		t.Error("README: the plan JSON excerpt is gone")
	} else {
		js, stderr, code := run(t, "", "plan", "--format", "json")
		if code != exitOK {
			t.Fatalf("plan --format json: exit %d\n%s", code, stderr)
		}
		var compact bytes.Buffer
		if err := json.Compact(&compact, []byte(js)); err != nil {
			t.Fatal(err)
		}
		if !inOrder(compact.String(), strings.Split(strings.ReplaceAll(ex[1], " ", ""), "...")) {
			t.Errorf("README's plan JSON excerpt %s is not what plan --format json prints:\n%.800s", ex[1], compact.String())
		}
	}

	// The example error message: a bad month at line 412 of an order log.
	em := regexp.MustCompile("`(orders\\.csv:412: [^`]+)`").FindStringSubmatch(flat)
	if em == nil {
		t.Error("README: the example error message (orders.csv:412: ...) is gone")
	} else {
		var log strings.Builder
		log.WriteString("order_id,created_at,amount\n")
		for i := 2; i < 412; i++ {
			fmt.Fprintf(&log, "%d,2024-11-01T10:%02d:00+01:00,100\n", i, i%60)
		}
		log.WriteString("412,2024-13-01,100\n")
		path := filepath.Join(t.TempDir(), "orders.csv")
		if err := os.WriteFile(path, []byte(log.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		_, stderr, code := run(t, "", "aggregate", "--in", path, "--tz", "Europe/Stockholm")
		if code != exitInput || !inOrder(stderr, strings.Split(em[1], "...")) {
			t.Errorf("README shows the error %s; aggregate exits %d with\n%s", em[1], code, stderr)
		}
	}

	// "$ go run" blocks with their output.
	blocks := regexp.MustCompile("(?s)```sh\n\\$ go run ./cmd/staffcast ([^\n]+)\n(.*?)```").FindAllStringSubmatch(raw, -1)
	if len(blocks) == 0 {
		t.Error("README shows no command with its output")
	}
	for _, b := range blocks {
		ex, err := parseLine("README.md", b[1])
		if err != nil {
			t.Fatal(err)
		}
		got, stderr, code := run(t, "", ex.args...)
		if code != exitOK {
			t.Errorf("README: staffcast %s: exit %d\n%s", b[1], code, stderr)
			continue
		}
		if !sameOutput(b[2], got) {
			t.Errorf("README shows for staffcast %s:\n%s\nthe program prints:\n%s", b[1], b[2], got)
		}
	}
}

// inOrder reports whether every part occurs in s, one after another (the
// parts of an excerpt between its "..." elisions).
func inOrder(s string, parts []string) bool {
	for _, p := range parts {
		i := strings.Index(s, p)
		if i < 0 {
			return false
		}
		s = s[i+len(p):]
	}
	return true
}

// sameOutput compares README output with the program's: JSON by value,
// numbers within 1e-9 relative (the last digits of a float may differ
// between machines, as fused multiply-add does on arm64); text exactly.
func sameOutput(want, got string) bool {
	var w, g any
	if json.Unmarshal([]byte(want), &w) != nil || json.Unmarshal([]byte(got), &g) != nil {
		return strings.TrimSpace(want) == strings.TrimSpace(got)
	}
	return sameJSON(w, g)
}

func sameJSON(w, g any) bool {
	switch w := w.(type) {
	case float64:
		g, ok := g.(float64)
		return ok && math.Abs(w-g) <= 1e-9*math.Max(1, math.Abs(w))
	case map[string]any:
		g, ok := g.(map[string]any)
		if !ok || len(g) != len(w) {
			return false
		}
		for k, v := range w {
			if !sameJSON(v, g[k]) {
				return false
			}
		}
		return true
	case []any:
		g, ok := g.([]any)
		if !ok || len(g) != len(w) {
			return false
		}
		for i := range w {
			if !sameJSON(w[i], g[i]) {
				return false
			}
		}
		return true
	default:
		return w == g
	}
}
