#!/bin/sh
# Times golangci-lint with the gracelint plugin (only the gracelint linter enabled,
# docs/CI.md's .golangci.yml) against `gracelint ./...` on the Go workload of
# issue 3 (golang.org/x/tools@v0.52.0, prepared by bench/go-workload.sh), side by
# side in one run: cold (fresh result caches) and warm (the same caches again).
# Both use the user's GOCACHE as it is.
# Usage: bench/golangci-speed.sh CUSTOM_GCL [WORKDIR]   (default /tmp/gracelint-bench)
# CUSTOM_GCL is the binary `golangci-lint custom` builds, or the one
# `GRACELINT_GOLANGCI=require go test ./golangci` keeps in the user cache
# directory (gracelint-golangci-lint/KEY/custom-gcl). WARM_RUNS (default 3).
set -eu
gcl=$(realpath "$1")
work=${2:-/tmp/gracelint-bench}
repo=$(cd "$(dirname "$0")/.." && pwd)
mod=$("$repo/bench/go-workload.sh" "$work")
bin="$work/gracelint"
(cd "$repo" && go build -o "$bin" ./cmd/gracelint)
cfg="$work/golangci.yml"
sed -n '/^# .golangci.yml$/,/^```$/p' "$repo/docs/CI.md" | sed '$d' >"$cfg"

# measure NAME CMD...: prints CMD's wall-clock and CPU seconds and the number of
# GL2xx findings in its output.
measure() {
	name=$1
	shift
	/usr/bin/time -q -f '%e %U %S' -o "$work/time" "$@" >"$work/out" 2>&1 || true # exit 1 means findings
	read -r wall user sys <"$work/time"
	printf '%-22s %6s s wall, %6.2f s cpu, %s findings\n' "$name" "$wall" "$(awk "BEGIN{print $user + $sys}")" "$(grep -c '(GL2[0-9][0-9] ' "$work/out" || true)"
}

gclcache=$(mktemp -d "$work/golangci-cache.XXXXXX")
glcache=$(mktemp -d "$work/glcache.XXXXXX")
cd "$mod"
echo "workload: $mod ($(go list ./... | wc -l) packages), $(go version), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
measure "cold golangci-lint:" env GOLANGCI_LINT_CACHE="$gclcache" "$gcl" run --allow-parallel-runners -c "$cfg" ./...
measure "cold gracelint:" env GRACELINT_CACHE="$glcache" "$bin" ./...
for i in $(seq "${WARM_RUNS:-3}"); do
	measure "warm golangci-lint:" env GOLANGCI_LINT_CACHE="$gclcache" "$gcl" run --allow-parallel-runners -c "$cfg" ./...
	measure "warm gracelint:" env GRACELINT_CACHE="$glcache" "$bin" ./...
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$gclcache" "$glcache"
