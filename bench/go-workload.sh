#!/bin/sh
# Prepares the Go benchmark workload of issue 3: the module golang.org/x/tools@v0.52.0
# copied to a writable directory with its dependencies downloaded.
# Usage: bench/go-workload.sh [DIR]   (default /tmp/gracelint-bench; prints the module dir)
set -eu
dest=${1:-/tmp/gracelint-bench}
mod=golang.org/x/tools@v0.52.0
src=$(go mod download -json "$mod" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",*$/\1/p')
[ -n "$src" ] || { echo "go-workload: cannot download $mod" >&2; exit 1; }
if [ ! -f "$dest/tools/go.mod" ]; then
	mkdir -p "$dest"
	cp -R "$src" "$dest/tools"
	chmod -R u+w "$dest/tools" # the module cache is read-only
fi
(cd "$dest/tools" && go mod download)
echo "$dest/tools"
