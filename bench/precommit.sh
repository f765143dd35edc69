#!/bin/sh
# Process time of a pre-commit run on a one-Dockerfile commit (issue 5: target
# under 20 ms): gracelint is started once per commit with the staged file name.
# Usage: bench/precommit.sh [RUNS]   (default 200; prints ms per run)
# BASE=image sets the Dockerfile's FROM (default debian:12, which the table
# knows; a name it does not know makes -resolve=local look for an engine), and
# FLAGS=... adds gracelint flags (FLAGS=-resolve=off: the table alone).
set -eu
runs=${1:-200}
base=${BASE:-debian:12}
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/bench/out"
mkdir -p "$out"
go build -o "$out/gracelint" "$root/cmd/gracelint"

# A repository with one Dockerfile that has findings, as a commit would stage it.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/.git"
printf 'FROM %s\nCOPY app /usr/local/bin/app\nCMD /usr/local/bin/app --port 8080\n' "$base" > "$work/Dockerfile"

# user+system CPU seconds of the children of one shell running the loop.
cd "$work"
/usr/bin/time -f '%U %S %e' -o "$out/precommit.time" sh -c '
	i=0
	while [ "$i" -lt "$1" ]; do
		"$2" $3 Dockerfile >/dev/null || true
		i=$((i + 1))
	done' sh "$runs" "$out/gracelint" "${FLAGS:-}"
read -r user sys wall < "$out/precommit.time"
awk -v u="$user" -v s="$sys" -v w="$wall" -v n="$runs" 'BEGIN {
	printf "gracelint Dockerfile, %d runs: %.1f ms process time (user+sys) per run, %.1f ms wall\n", n, (u + s) * 1000 / n, w * 1000 / n
}'
