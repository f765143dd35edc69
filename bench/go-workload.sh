#!/bin/sh
# Prepares a Go benchmark workload: a module from the Go module proxy copied to a
# writable directory with its dependencies downloaded. By default the workload of
# issue 3, golang.org/x/tools@v0.52.0, in DIR/tools; with MODULE@VERSION, that
# module in DIR/NAME, NAME the last element of its path (issue 10's litestream:
# github.com/benbjohnson/litestream@v0.5.18, in DIR/litestream).
# Usage: bench/go-workload.sh [DIR [MODULE@VERSION]]   (DIR default /tmp/gracelint-bench; prints the module dir)
set -eu
dest=${1:-/tmp/gracelint-bench}
mod=${2:-golang.org/x/tools@v0.52.0}
name=${mod%@*}
name=${name##*/}
src=$(go mod download -json "$mod" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",*$/\1/p')
[ -n "$src" ] || { echo "go-workload: cannot download $mod" >&2; exit 1; }
if [ ! -f "$dest/$name/go.mod" ]; then
	mkdir -p "$dest"
	cp -R "$src" "$dest/$name"
	chmod -R u+w "$dest/$name" # the module cache is read-only
fi
(cd "$dest/$name" && go mod download)
echo "$dest/$name"
