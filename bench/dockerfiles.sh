#!/bin/sh
# Issue 2's speed target: linting the whole Dockerfile corpus takes no longer than
# BuildKit's parser alone reading and parsing the same files in one thread.
# 1. times the built gracelint binary over every Dockerfile the corpus's
#    MANIFEST.tsv lists (explicit paths, so vendor/ and testdata/ ones count too);
# 2. runs the in-process pair of benchmarks, BenchmarkLintCorpus (gracelint's
#    per-file work on all cores) and BenchmarkBuildkitParse (parser.Parse +
#    instructions.Parse, one thread), in the same go test run.
# Usage: bench/dockerfiles.sh [RUNS]   (default 5 of each)
# FLAGS=... adds gracelint flags to the binary's runs (FLAGS=-resolve=off).
set -eu
runs=${1:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
corpus="$root/../shared/corpus/dockerfiles"
[ -f "$corpus/MANIFEST.tsv" ] || { echo "dockerfiles.sh: no corpus at $corpus" >&2; exit 1; }
out="$root/bench/out"
mkdir -p "$out"
go build -o "$out/gracelint" "$root/cmd/gracelint"

# MANIFEST.tsv: repo, commit, path, kind; owner/name is stored as owner__name.
awk -F '\t' -v dir="$corpus" '$4 == "dockerfile" { gsub("/", "__", $1); print dir "/" $1 "/" $3 }' \
	"$corpus/MANIFEST.tsv" > "$out/dockerfiles.list"
files=$(wc -l < "$out/dockerfiles.list")

cd "$corpus"
i=0
while [ "$i" -lt "$runs" ]; do
	/usr/bin/time -f '%e %U %S' -a -o "$out/dockerfiles.time" \
		xargs -a "$out/dockerfiles.list" -d '\n' "$out/gracelint" -format=json ${FLAGS:-} > /dev/null || true
	i=$((i + 1))
done
# /usr/bin/time also writes "Command exited with non-zero status 1" (findings): keep the figures.
grep -E '^[0-9.]+ [0-9.]+ [0-9.]+$' "$out/dockerfiles.time" | sort -n | awk -v n="$files" '
	{ wall[NR] = $1; cpu[NR] = $2 + $3 }
	END { m = int((NR + 1) / 2)
	      printf "gracelint binary over %d Dockerfiles, %d runs: median %.0f ms wall, %.0f ms user+sys (fastest %.0f ms wall)\n",
	             n, NR, wall[m] * 1000, cpu[m] * 1000, wall[1] * 1000 }'
rm -f "$out/dockerfiles.time"

# The two benchmarks alternate, so a burst of load from elsewhere hits both alike.
cd "$root/dockerlint" # the benchmarks find the corpus from the module root above
go test -c -o "$out/dockerlint.test" .
i=0
while [ "$i" -lt "$runs" ]; do
	"$out/dockerlint.test" -test.run '^$' -test.bench 'LintCorpus|BuildkitParse' -test.count 1 | grep '^Benchmark'
	i=$((i + 1))
done
