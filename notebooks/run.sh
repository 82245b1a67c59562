#!/usr/bin/env bash
# Executes every notebook in notebooks/ headless with the GoNB kernel and fails
# when any cell fails. It installs what it needs when missing: Jupyter from
# Debian's packages (as root) and GoNB, goimports and gopls at pinned versions.
#
#   bash notebooks/run.sh            # execute into a temporary copy (CI)
#   bash notebooks/run.sh --update   # execute and write the outputs back into notebooks/
#   bash notebooks/run.sh NAME.ipynb # only these notebooks
#
# A cell that panics or exits non-zero inside GoNB is only reported as
# "exit status N" on stderr, and nbconvert's exit code passes it, so the
# executed outputs are scanned as well.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
export PATH="$PATH:$(go env GOPATH)/bin"
gobin=$(go env GOPATH)/bin

gonb_version=v0.11.1
gopls_version=v0.23.0
tools_version=v0.52.0 # golang.org/x/tools, for goimports
max_bytes=$((1024 * 1024))

update=false
notebooks=()
for a in "$@"; do
	case "$a" in
	--update) update=true ;;
	-h | --help)
		sed -n '2,12p' "$0"
		exit 0
		;;
	*) notebooks+=("$a") ;;
	esac
done
if [ ${#notebooks[@]} -eq 0 ]; then
	notebooks=(notebooks/*.ipynb)
fi

say() { echo "notebooks: $*" >&2; }

# Jupyter, from Debian's packages.
debs=(jupyter-notebook jupyter-nbconvert python3-nbconvert python3-nbclient python3-ipykernel)
if ! dpkg -s "${debs[@]}" >/dev/null 2>&1; then
	if [ "$(id -u)" != 0 ]; then
		say "Jupyter is missing: run as root, or: sudo apt-get install ${debs[*]}"
		exit 1
	fi
	say "installing ${debs[*]}"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${debs[@]}" >/dev/null
fi
# Debian's Jupyter runs on Debian's Python, whatever python3 is first on PATH.
py=/usr/bin/python3
nbconvert=/usr/bin/jupyter-nbconvert

# install_tool NAME MODULE VERSION PACKAGE builds PACKAGE of MODULE@VERSION
# into GOPATH/bin unless that exact version is there. It builds inside a
# throwaway module rather than with "go install pkg@version", which also asks
# the proxy for the module's version list (to check for deprecation) and
# fails where the proxy refuses the list.
install_tool() {
	local name=$1 module=$2 version=$3 pkg=$4
	if [ -x "$gobin/$name" ] && go version -m "$gobin/$name" 2>/dev/null | grep -qP "^\tmod\t\Q$module\E\t\Q$version\E\t"; then
		return
	fi
	say "building $name ($module@$version)"
	local tmp
	tmp=$(mktemp -d)
	printf 'module tool\n\ngo 1.25\n\nrequire %s %s\n' "$module" "$version" >"$tmp/go.mod"
	(cd "$tmp" && go build -mod=mod -o "$gobin/$name" "$pkg")
	rm -rf "$tmp"
}
mkdir -p "$gobin"
install_tool goimports golang.org/x/tools "$tools_version" golang.org/x/tools/cmd/goimports
install_tool gopls golang.org/x/tools/gopls "$gopls_version" golang.org/x/tools/gopls
install_tool gonb github.com/janpfeifer/gonb "$gonb_version" github.com/janpfeifer/gonb
# Registers the kernel in ~/.local/share/jupyter/kernels/gonb (cheap; idempotent).
gonb --install >/dev/null 2>&1 || {
	gonb --install
	exit 1
}

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
failed=0
for nb in "${notebooks[@]}"; do
	name=$(basename "$nb")
	say "executing $nb"
	t0=$(date +%s)
	# The kernel runs in the notebook's own directory (the notebooks find the
	# checkout as its parent); the executed copy is written to $out.
	if ! "$nbconvert" --to notebook --execute --ExecutePreprocessor.timeout=900 \
		--output-dir "$out" "$nb" >"$out/$name.log" 2>&1; then
		grep -v '^[IWE][0-9]\{4\} ' "$out/$name.log" | tail -n 30 >&2
		say "FAILED: $nb (nbconvert)"
		failed=1
		continue
	fi
	# Scan the outputs: error outputs, "exit status N" and panics on stderr,
	# cells left unexecuted; and keep the executed file under 1 MB.
	if ! "$py" - "$out/$name" "$nb" "$max_bytes" <<'EOF'; then
import json, os, re, sys
path, shown, max_bytes = sys.argv[1], sys.argv[2], int(sys.argv[3])
nb = json.load(open(path))
bad = re.compile(r"^(exit status [1-9][0-9]*|panic: .*|fatal error: .*)$", re.M)
problems = []
for i, cell in enumerate(nb["cells"], 1):
    if cell["cell_type"] != "code":
        continue
    src = "".join(cell["source"]).strip()
    if src and cell.get("execution_count") is None:
        problems.append(f"cell {i} was not executed")
    for o in cell.get("outputs", []):
        if o["output_type"] == "error":
            problems.append(f"cell {i}: {o.get('ename')}: {o.get('evalue')}")
        elif o["output_type"] == "stream" and o["name"] == "stderr":
            text = "".join(o["text"])
            if bad.search(text):
                problems.append(f"cell {i} failed:\n{text.strip()}")
size = os.path.getsize(path)
if size > max_bytes:
    problems.append(f"executed notebook is {size} bytes, over the limit of {max_bytes}")
for p in problems:
    print(f"{shown}: {p}", file=sys.stderr)
sys.exit(1 if problems else 0)
EOF
		say "FAILED: $nb"
		failed=1
		continue
	fi
	say "ok: $nb ($(($(date +%s) - t0)) s)"
	if $update; then
		# Drop the per-run execution timestamps so that an update that
		# changes nothing leaves the file unchanged.
		"$py" - "$out/$name" "$nb" <<'EOF'
import json, sys
nb = json.load(open(sys.argv[1]))
for cell in nb["cells"]:
    cell.get("metadata", {}).pop("execution", None)
with open(sys.argv[2], "w") as f:
    json.dump(nb, f, indent=1, ensure_ascii=False)
    f.write("\n")
EOF
		say "updated $nb"
	fi
done
if [ "$failed" != 0 ]; then
	say "some notebooks failed"
	exit 1
fi
say "all ${#notebooks[@]} notebooks ran"
