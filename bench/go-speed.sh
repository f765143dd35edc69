#!/bin/sh
# Times `gracelint ./...` against `go vet ./...` on the Go workload of issue 3
# (golang.org/x/tools@v0.52.0, prepared by bench/go-workload.sh), side by side in
# one run, cold and warm:
#   cold: a fresh GOCACHE for both, and a fresh gracelint cache;
#   warm: the same caches again, already filled by the cold runs.
# Usage: bench/go-speed.sh [WORKDIR]   (default /tmp/gracelint-bench)
# Cold go vet compiles every dependency; on a shared 2-core machine it takes about
# a minute, so run this script sparingly. WARM_RUNS (default 3) sets the warm repeats.
set -eu
work=${1:-/tmp/gracelint-bench}
repo=$(cd "$(dirname "$0")/.." && pwd)
mod=$("$repo/bench/go-workload.sh" "$work")
bin="$work/gracelint"
(cd "$repo" && go build -o "$bin" ./cmd/gracelint)

# seconds CMD...: prints the wall-clock seconds CMD took; its output is dropped.
seconds() {
	/usr/bin/time -q -f %e -o "$work/time" "$@" >/dev/null 2>&1 || true # exit 1 means findings
	cat "$work/time"
}

cold_gocache=$(mktemp -d "$work/gocache-vet.XXXXXX")
cold_glgocache=$(mktemp -d "$work/gocache-gl.XXXXXX")
glcache=$(mktemp -d "$work/glcache.XXXXXX")
cd "$mod"
echo "workload: $mod ($(go list ./... | wc -l) packages), $(go version), $(nproc) cores"
echo "cold go vet:      $(GOCACHE=$cold_gocache seconds go vet ./...) s"
echo "cold gracelint:   $(GOCACHE=$cold_glgocache GRACELINT_CACHE=$glcache seconds "$bin" ./...) s"
for i in $(seq "${WARM_RUNS:-3}"); do
	echo "warm go vet:      $(GOCACHE=$cold_gocache seconds go vet ./...) s"
	echo "warm gracelint:   $(GOCACHE=$cold_glgocache GRACELINT_CACHE=$glcache seconds "$bin" ./...) s"
done
echo "no-cache gracelint (warm GOCACHE, GRACELINT_CACHE=off): $(GOCACHE=$cold_glgocache GRACELINT_CACHE=off seconds "$bin" ./...) s"
rm -rf "$cold_gocache" "$cold_glgocache" "$glcache"
