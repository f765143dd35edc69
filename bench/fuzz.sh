#!/bin/sh
# Runs every Go fuzz target of the module, one after the other, each for
# DURATION (a -fuzztime: 30s, 10m, or 1000000x for a number of executions).
# The targets are found with go test -list, so a new Fuzz* function anywhere in
# the module is run without editing this script. Every target runs; the script
# exits 1 if any failed. A failing input is kept in its package's
# testdata/fuzz/FuzzX, from where go test replays it on every run.
# Usage: bench/fuzz.sh [DURATION] [go test flags, e.g. -parallel=1]   (default 30s)
set -eu
duration=${1:-30s}
[ $# -gt 0 ] && shift
cd "$(dirname "$0")/.."

# go test -list prints a package's matching test names, then "ok  PKG TIME". A
# package that does not build must fail the run, not drop its targets.
list=$(go test -list '^Fuzz' ./...) || {
	echo "$list" >&2
	echo "fuzz.sh: go test -list failed" >&2
	exit 1
}
targets=$(echo "$list" | awk '
	/^Fuzz/ { names = names " " $1; next }
	/^ok/ { n = split(names, t, " "); for (i = 1; i <= n; i++) print $2, t[i]; names = "" }')
[ -n "$targets" ] || { echo "fuzz.sh: no fuzz targets found" >&2; exit 1; }

failed=
while read -r pkg target; do
	echo "fuzz.sh: $pkg $target for $duration"
	# -timeout 0: go test's default of 10 minutes would end a long run.
	if ! go test -run '^$' -fuzz "^$target\$" -fuzztime "$duration" -timeout 0 "$@" "$pkg" </dev/null; then
		echo "fuzz.sh: FAIL $pkg $target" >&2
		failed="$failed $pkg.$target"
	fi
done <<EOT
$targets
EOT
if [ -n "$failed" ]; then
	echo "fuzz.sh: failed:$failed" >&2
	exit 1
fi
