#!/bin/sh
# Process time of a pre-commit run on a one-Dockerfile commit (issue 5: target
# under 20 ms): gracelint is started once per commit with the staged file name.
# Usage: bench/precommit.sh [RUNS]   (default 200; prints ms per run)
set -eu
runs=${1:-200}
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/bench/out"
mkdir -p "$out"
go build -o "$out/gracelint" "$root/cmd/gracelint"

# A repository with one Dockerfile that has findings, as a commit would stage it.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/.git"
printf 'FROM debian:12\nCOPY app /usr/local/bin/app\nCMD /usr/local/bin/app --port 8080\n' > "$work/Dockerfile"

# user+system CPU seconds of the children of one shell running the loop.
cd "$work"
/usr/bin/time -f '%U %S %e' -o "$out/precommit.time" sh -c '
	i=0
	while [ "$i" -lt "$1" ]; do
		"$2" Dockerfile >/dev/null || true
		i=$((i + 1))
	done' sh "$runs" "$out/gracelint"
read -r user sys wall < "$out/precommit.time"
awk -v u="$user" -v s="$sys" -v w="$wall" -v n="$runs" 'BEGIN {
	printf "gracelint Dockerfile, %d runs: %.1f ms process time (user+sys) per run, %.1f ms wall\n", n, (u + s) * 1000 / n, w * 1000 / n
}'
