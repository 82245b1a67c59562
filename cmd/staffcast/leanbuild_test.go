package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// leanTags is the build tag of the lean build the README documents as an
// option, CGO_ENABLED=0 go install -tags urfave_cli_no_docs: urfave/cli
// without its Markdown and man-page renderer (docs.go, which links
// md2man and blackfriday, whose init every process would pay), and no cgo
// (the net package, linked by thrift under arrow-go, otherwise makes the
// binary dynamic for its C resolver). scripts/startup.sh measures it.
const leanTags = "urfave_cli_no_docs"

// TestLeanBuild holds the lean build to what it promises: it compiles
// (staffcast never calls cli.App.ToMan or ToMarkdown) and links neither
// the man-page renderer nor cgo.
func TestLeanBuild(t *testing.T) {
	t.Parallel()
	env := append(os.Environ(), "CGO_ENABLED=0")
	list := exec.Command("go", "list", "-deps", "-tags", leanTags, ".")
	list.Env = env
	out, err := list.Output()
	if err != nil {
		t.Skipf("SKIP: go list: %v", err)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 100 {
		t.Fatalf("go list -deps found %d packages", len(deps))
	}
	for _, d := range deps {
		if strings.Contains(d, "blackfriday") || strings.Contains(d, "go-md2man") || d == "runtime/cgo" {
			t.Errorf("the lean build links %s", d)
		}
	}
	vet := exec.Command("go", "vet", "-tags", leanTags, ".")
	vet.Env = env
	if out, err := vet.CombinedOutput(); err != nil {
		t.Errorf("go vet -tags %s: %v\n%s", leanTags, err, out)
	}
}
