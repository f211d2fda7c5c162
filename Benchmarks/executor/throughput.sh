#!/usr/bin/env bash
# Executor throughput: N trivial trials (/bin/true) through hpo's whole pipeline — store
# (every state transition committed), trial directories and logs, metric tailing, results.csv —
# against `xargs -P` with the same parallelism starting the same processes, in the same run.
#
#   Benchmarks/executor/throughput.sh [trials=2000] [parallel=2] [repeats=3] [hpo binary…]
#
# Without binaries it builds and measures this checkout's `hpo` (release); give several (e.g.
# main's and a branch's) to measure each in turn against the same xargs runs.
#
# Prints each timing and the ratio hpo/xargs (below 1: hpo is faster). The best of the
# repeats counts for each, as the machine is shared. /bin/true reports no metric, so every
# trial ends `no_metric`; --max-failures keeps the failure budget from stopping the sweep.
set -euo pipefail
cd "$(dirname "$0")/../.."

trials=${1:-2000}
parallel=${2:-2}
repeats=${3:-3}
shift 3 || true
binaries=("$@")
if [ ${#binaries[@]} -eq 0 ]; then
  swift build -c release --product hpo >/dev/null
  binaries=(.build/release/hpo)
fi
# BENCH_DIR picks the file system the runs are written to (default /tmp).
scratch=$(mktemp -d "${BENCH_DIR:-/tmp}/hpo-throughput-XXXXXX")
trap 'rm -rf "$scratch"' EXIT
# An empty workspace: each trial still gets its own (empty) copy of it, but the repository is
# not copied 2,000 times (workdir-cost.sh measures what copies of a real workspace cost).
mkdir "$scratch/workspace"

now() { date +%s.%N; }
# Repeats alternate the binaries, so that none pays alone for a file system slowed by the
# others' runs (ext4 slows inode allocation after many deletes: runs are deleted at the end).
best_xargs=""
declare -a best
for r in $(seq "$repeats"); do
  t0=$(now)
  seq "$trials" | xargs -P "$parallel" -n 1 /bin/true
  t1=$(now)
  x=$(awk "BEGIN { print $t1 - $t0 }")
  printf 'repeat %d: xargs -P%d %.3f s\n' "$r" "$parallel" "$x"
  best_xargs=$(awk "BEGIN { b = \"$best_xargs\"; print (b == \"\" || $x < b) ? $x : b }")
  for i in "${!binaries[@]}"; do
    hpo=${binaries[$i]}
    t1=$(now)
    "$hpo" search --strategy random --trials "$trials" --parallel "$parallel" --max-failures $((trials + 1)) \
      --allow-missing-metric --root "$scratch/runs-$i-$r" --name bench --workspace "$scratch/workspace" -- \
      /bin/true --x "uniform(0, 1)" >/dev/null 2>&1
    t2=$(now)
    rows=$(($(wc -l < "$scratch/runs-$i-$r/bench/results.csv") - 1))
    [ "$rows" -eq "$trials" ] || { echo "$hpo finished $rows of $trials trials" >&2; exit 1; }
    h=$(awk "BEGIN { print $t2 - $t1 }")
    printf 'repeat %d: %s %.3f s\n' "$r" "$hpo" "$h"
    best[$i]=$(awk "BEGIN { b = \"${best[$i]:-}\"; print (b == \"\" || $h < b) ? $h : b }")
  done
done
for i in "${!binaries[@]}"; do
  awk -v b="${binaries[$i]}" -v n="$trials" -v p="$parallel" -v r="$repeats" -v x="$best_xargs" -v h="${best[$i]}" 'BEGIN {
    printf "%s: %d trials, %d at a time (best of %d): xargs %.3f s (%.0f/s), hpo %.3f s (%.0f/s), hpo/xargs = %.2f\n",
           b, n, p, r, x, n / x, h, n / h, h / x }'
done
