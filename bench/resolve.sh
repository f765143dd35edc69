#!/bin/sh
# A run that reads base images from the local engine (-resolve=local): one
# Dockerfile per image named, each on a base no table knows. Cold: an empty
# cache, so each image is saved by the engine and its layers read; warm: the
# facts are cached, so each image costs one inspect call. -resolve=off is the
# peer: the table alone, no engine call.
# Usage: bench/resolve.sh [RUNS] IMAGE...   (images the engine has; default 5 runs)
set -eu
runs=${1:-5}
shift
[ "$#" -gt 0 ] || { echo "usage: bench/resolve.sh [RUNS] IMAGE..." >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/bench/out"
mkdir -p "$out"
go build -o "$out/gracelint" "$root/cmd/gracelint"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=0
for image in "$@"; do
	n=$((n + 1))
	printf 'FROM %s\nCMD app --flag\n' "$image" > "$work/$n.Dockerfile"
done
cd "$work"
time_run() { # label, the cache directory to use, the -resolve mode
	/usr/bin/time -f '%e %U %S' -o "$out/resolve.time" env GRACELINT_CACHE="$2" "$out/gracelint" -resolve="${3:-local}" ./*.Dockerfile > /dev/null || true
	grep -E '^[0-9.]+ [0-9.]+ [0-9.]+$' "$out/resolve.time" | awk -v l="$1" -v n="$n" '{ printf "%s, %d images: %.0f ms wall, %.0f ms user+sys\n", l, n, $1 * 1000, ($2 + $3) * 1000 }'
}
i=0
while [ "$i" -lt "$runs" ]; do
	rm -rf "$work/cache"
	time_run "cold cache" "$work/cache"
	time_run "warm cache" "$work/cache"
	time_run "-resolve=local, GRACELINT_CACHE=off" off
	time_run "-resolve=off (the table alone)" "$work/cache" off
	i=$((i + 1))
done
