#!/bin/sh
# Measures the peak memory (maximum resident set size) and wall time of a cold
# `gracelint ./...` (GRACELINT_CACHE=off: every package loaded, type-checked and
# analysed) beside `go vet ./...` with a warm build cache, in the same run, on the
# workloads of issues 3 and 10: golang.org/x/tools@v0.52.0 (216 packages) and
# github.com/benbjohnson/litestream@v0.5.18 (15 packages, the AWS, Azure and
# Google Cloud SDKs below them). Both come from the Go module proxy
# (bench/go-workload.sh). go vet runs once first to fill the build cache, so
# that it is measured warm, as it runs in a developer's checkout or a cached CI job.
# Usage: bench/go-memory.sh [WORKDIR]   (default /tmp/gracelint-bench)
# RUNS (default 3) sets the repeats of each measurement.
set -eu
work=${1:-/tmp/gracelint-bench}
repo=$(cd "$(dirname "$0")/.." && pwd)
bin="$work/gracelint"
(cd "$repo" && go build -o "$bin" ./cmd/gracelint)

# measure NAME CMD...: prints NAME, the wall seconds and the peak RSS of CMD; its
# output is dropped (exit 1 means findings).
measure() {
	name=$1
	shift
	/usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null 2>&1 || true
	# time writes "Command exited with non-zero status 1" first when it does.
	read -r secs kb <<-EOF
	$(tail -n 1 "$work/time")
	EOF
	printf '  %-22s %7s s %7d MB\n' "$name" "$secs" $((kb / 1024))
}

echo "$(go version), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for mod in golang.org/x/tools@v0.52.0 github.com/benbjohnson/litestream@v0.5.18; do
	dir=$("$repo/bench/go-workload.sh" "$work" "$mod")
	cd "$dir"
	echo "$mod ($(go list ./... | wc -l) packages)"
	go vet ./... >/dev/null 2>&1 || true # fill the build cache
	for i in $(seq "${RUNS:-3}"); do
		measure "go vet ./..." go vet ./...
		measure "gracelint ./... (cold)" env GRACELINT_CACHE=off "$bin" ./...
	done
done
