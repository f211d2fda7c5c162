#!/usr/bin/env bash
# Width: many slots at once. A random sweep of trials that each sleep, `--parallel` wide, run
# with the descriptor soft limit a desktop Linux starts with (1024; hpo raises it to the hard
# limit itself). Prints how long until every slot was busy (the trials' own clocks), the peak
# concurrency, the slot use in steady state, hpo's own CPU time per trial by thousands of
# trials finished (flat: no per-trial cost grows with the run), its peak descriptors and
# inotify watches, and whatever hpo said on stderr (a fallback to polling says so there).
#
#   Benchmarks/executor/width.sh [trials=3000] [parallel=1000] [sleep=2] [hpo binary]
#   Benchmarks/executor/width.sh --quick     # 600 trials of 1 s, --parallel 200
#
# HPO_WIDTH_NOFILE sets the soft limit hpo starts with (default 1024; "keep" leaves it).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${1:-}" = "--quick" ]; then set -- 600 200 1 "${@:2}"; fi
trials=${1:-3000}
parallel=${2:-1000}
sleep=${3:-2}
hpo=${4:-}
if [ -z "$hpo" ]; then
  swift build -c release --product hpo >/dev/null
  hpo=.build/release/hpo
fi
export HPO_WIDTH_NOFILE=${HPO_WIDTH_NOFILE:-1024}
[ "$HPO_WIDTH_NOFILE" = keep ] || ulimit -Sn "$HPO_WIDTH_NOFILE"
scratch=$(mktemp -d /tmp/hpo-width-XXXXXX)
trap 'rm -rf "$scratch"' EXIT
python3 Benchmarks/executor/width.py "$hpo" "$scratch/runs" "$scratch/trials.txt" "$trials" "$parallel" "$sleep"
