package main

import (
	"encoding/json"
	"io"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/staffcast/staffcast/"

// TestImportRules holds the packages to the dependency rules of the
// developers' guide, on what go list reports (direct and indirect
// imports): libraries never import the command line; staffing and
// forecast never import each other or data; data never imports the sample
// generator (package sample); the numeric packages import
// no flag, terminal or CLI library; clock imports only the standard
// library.
func TestImportRules(t *testing.T) {
	t.Parallel()
	cmd := exec.Command("go", "list", "-json=ImportPath,Deps", "./...")
	cmd.Dir = "../.."
	out, err := cmd.Output()
	if err != nil {
		t.Skipf("SKIP: go list: %v", err)
	}
	type pkg struct {
		ImportPath string
		Deps       []string
	}
	var pkgs []pkg
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p pkg
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	if len(pkgs) < 8 {
		t.Fatalf("go list found %d packages", len(pkgs))
	}
	under := func(path, dir string) bool {
		rel := strings.TrimPrefix(path, module)
		return rel == dir || strings.HasPrefix(rel, dir+"/")
	}
	numeric := []string{"staffing", "forecast", "clock", "simulate"}
	for _, p := range pkgs {
		rel := strings.TrimPrefix(p.ImportPath, module)
		isNumeric := false
		for _, d := range numeric {
			isNumeric = isNumeric || under(p.ImportPath, d)
		}
		for _, dep := range p.Deps {
			switch {
			case !under(p.ImportPath, "cmd") && under(dep, "cmd"):
				t.Errorf("%s imports the command line (%s)", rel, dep)
			case under(p.ImportPath, "staffing") && (under(dep, "forecast") || under(dep, "data") || under(dep, "plan")):
				t.Errorf("%s imports %s: staffing never imports forecast, data or plan", rel, dep)
			case under(p.ImportPath, "forecast") && (under(dep, "staffing") || under(dep, "data") || under(dep, "plan")):
				t.Errorf("%s imports %s: forecast never imports staffing, data or plan", rel, dep)
			case under(p.ImportPath, "data") && under(dep, "sample"):
				t.Errorf("%s imports %s: data reads and writes, the sample generator builds on it", rel, dep)
			case isNumeric && (dep == "flag" || dep == "os/signal" || strings.HasPrefix(dep, "github.com/urfave/cli") ||
				strings.HasPrefix(dep, "golang.org/x/term") || strings.HasPrefix(dep, "github.com/schollz/progressbar")):
				t.Errorf("%s imports %s: numeric packages know nothing of flags or terminals", rel, dep)
			case rel == "clock" && strings.Contains(strings.Split(dep, "/")[0], "."):
				t.Errorf("clock imports %s: it is a leaf on the standard library", dep)
			}
		}
	}
}
