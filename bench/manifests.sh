#!/bin/sh
# Issue 11's speed figures, measured in one run:
# 1. gracelint ./... over a tree holding the shared manifest corpus twice (452
#    compose and Kubernetes files) and the shared Dockerfile corpus;
# 2. gracelint ./... over the Dockerfile corpus alone, by this checkout's binary
#    and by the main branch's, alternately: the walk now also looks at YAML
#    files, which must not slow a Dockerfile-only walk by more than 10%.
# Usage: bench/manifests.sh [RUNS]   (default 5 of each)
set -eu
runs=${1:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
shared="$root/../shared/corpus"
[ -f "$shared/manifests/MANIFEST.tsv" ] || { echo "manifests.sh: no corpus at $shared" >&2; exit 1; }
out="$root/bench/out"
rm -rf "$out/main-src" "$out/tree"
mkdir -p "$out/main-src" "$out/tree"
go build -o "$out/gracelint" "$root/cmd/gracelint"
git -C "$root" archive main | tar -x -C "$out/main-src"
(cd "$out/main-src" && go build -o "$out/gracelint-main" ./cmd/gracelint)

cp -r "$shared/manifests" "$out/tree/a"
cp -r "$shared/manifests" "$out/tree/b"
cp -r "$shared/dockerfiles" "$out/tree/dockerfiles"
echo "tree: $(find "$out/tree" -name '*.y*ml' | wc -l) YAML files, $(find "$out/tree" -type f | wc -l) files"

# median prints the median wall and user+sys of the /usr/bin/time lines in $1.
median() {
	grep -E '^[0-9.]+ [0-9.]+ [0-9.]+$' "$1" | sort -n | awk -v what="$2" '
		{ wall[NR] = $1; cpu[NR] = $2 + $3 }
		END { m = int((NR + 1) / 2)
		      printf "%s, %d runs: median %.0f ms wall, %.0f ms user+sys\n", what, NR, wall[m] * 1000, cpu[m] * 1000 }'
	rm -f "$1"
}

cd "$out/tree"
i=0
while [ "$i" -lt "$runs" ]; do
	/usr/bin/time -f '%e %U %S' -a -o "$out/tree.time" "$out/gracelint" -format=json ./... > /dev/null 2>&1 || true
	i=$((i + 1))
done
median "$out/tree.time" "gracelint ./... over manifests x2 + Dockerfile corpus"

cd "$shared/dockerfiles"
i=0
while [ "$i" -lt "$runs" ]; do
	/usr/bin/time -f '%e %U %S' -a -o "$out/main.time" "$out/gracelint-main" -format=json ./... > /dev/null 2>&1 || true
	/usr/bin/time -f '%e %U %S' -a -o "$out/branch.time" "$out/gracelint" -format=json ./... > /dev/null 2>&1 || true
	i=$((i + 1))
done
median "$out/main.time" "main's gracelint ./... over the Dockerfile corpus"
median "$out/branch.time" "this gracelint ./... over the Dockerfile corpus"
rm -rf "$out/main-src" "$out/tree"
