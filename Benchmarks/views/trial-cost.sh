#!/usr/bin/env bash
# What a trivial trial costs on disk: N trials (default 50) of a command that appends one
# 37-byte metric line and exits, then the bytes (du, allocated blocks) and inodes
# (find | wc -l) of runs/<run>/trials/, per trial.
#
#   Benchmarks/views/trial-cost.sh [N]
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-50}
swift build --product hpo >/dev/null
hpo=$(swift build --show-bin-path)/hpo
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
"$hpo" search --strategy grid --metric loss --name cost --root runs --no-snapshot --parallel 4 -- \
  sh -c 'echo "{\"step\": 1, \"loss\": 0.5, \"n\": $1}" >> "$HPO_METRICS_FILE"' --n "range(1000, $((1000 + n)))" >/dev/null
bytes=$(du -s --block-size=1 runs/cost/trials | cut -f1)
inodes=$(find runs/cost/trials -mindepth 1 | wc -l)
echo "trial-cost: $n trials: $((bytes / n)) bytes and $(echo "scale=1; $inodes / $n" | bc) inodes a trial (du -s, find | wc -l of runs/cost/trials)"
