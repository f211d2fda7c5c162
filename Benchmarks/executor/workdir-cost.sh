#!/usr/bin/env bash
# What each trial's own working directory costs: N trivial trials (/bin/true) with the
# default per-trial copy of the workspace snapshot (trials/<n>/work) against the same trials
# with --no-snapshot (all in place, nothing copied), for the repository's Examples/ and for
# a 100 MB workspace (500 source files of 4 KiB and two 49 MiB weight files).
#
#   Benchmarks/executor/workdir-cost.sh [trials=50] [repeats=3]
#
# Per trial it prints the extra wall time (the copies are made on a background queue ahead of
# each launch; with /bin/true nothing hides them, so this is their full cost) and the disk
# space the copies take: `du` of the copies, or on btrfs the bytes they do not share with the
# snapshot (`btrfs filesystem du`, exclusive). The runs of 1 trial are subtracted, which takes
# the snapshot itself (made once a run) out. BENCH_DIR picks the file system (default /tmp):
# try a btrfs or XFS (reflink=1) mount to see reflinks.
set -euo pipefail
cd "$(dirname "$0")/../.."

trials=${1:-50}
repeats=${2:-3}

swift build -c release --product hpo >/dev/null
hpo=$(pwd)/.build/release/hpo
examples=$(pwd)/Examples
scratch=$(mktemp -d "${BENCH_DIR:-/tmp}/hpo-workdir-XXXXXX")
trap 'rm -rf "$scratch"' EXIT

big=$scratch/big-workspace
mkdir -p "$big/src"
for i in $(seq 500); do head -c 4096 /dev/urandom > "$big/src/m$i.py"; done
head -c $((49 << 20)) /dev/urandom > "$big/weights-a.bin"
head -c $((49 << 20)) /dev/urandom > "$big/weights-b.bin"

now() { date +%s.%N; }

# Sets BEST to the seconds of the best of `repeats` runs of `n` trials over workspace $1 (with
# the flags that follow), and LAST_ROOT to the root of the last run, which is kept.
best_time() {
  local workspace=$1 n=$2; shift 2
  BEST=""
  for r in $(seq "$repeats"); do
    local root=$scratch/runs-$RANDOM$RANDOM
    local t0 t1
    t0=$(now)
    (cd "$workspace" && "$hpo" search --strategy random --trials "$n" --parallel 1 --max-failures $((n + 1)) \
      --root "$root" --name bench "$@" -- /bin/true --x "uniform(0, 1)" >/dev/null 2>&1)
    t1=$(now)
    LAST_ROOT=$root
    [ "$r" -lt "$repeats" ] && rm -rf "$root"
    BEST=$(awk "BEGIN { t = $t1 - $t0; b = \"$BEST\"; print (b == \"\" || t < b) ? t : b }")
  done
}

# Bytes the copies of the run in $1 take on disk.
copy_bytes() {
  local run=$1/bench
  if [ "$(stat -f -c %T "$run")" = "btrfs" ] && command -v btrfs >/dev/null; then
    btrfs filesystem du -s --raw "$run"/trials/*/work 2>/dev/null | awk 'NR > 1 { sum += $2 } END { print sum + 0 }'
  else
    du -s --block-size=1 "$run"/trials/*/work | awk '{ sum += $1 } END { print sum + 0 }'
  fi
}

for name in examples big; do
  workspace=$examples
  [ "$name" = big ] && workspace=$big
  size=$(du -s --block-size=1 "$workspace" | cut -f1)
  best_time "$workspace" "$trials" --snapshot-limit 1T; copy_n=$BEST
  bytes=$(copy_bytes "$LAST_ROOT")
  best_time "$workspace" 1 --snapshot-limit 1T; copy_1=$BEST
  best_time "$workspace" "$trials" --no-snapshot; place_n=$BEST
  best_time "$workspace" 1 --no-snapshot; place_1=$BEST
  rm -rf "$scratch"/runs-*
  awk -v name="$name" -v size="$size" -v n="$trials" -v cn="$copy_n" -v c1="$copy_1" -v pn="$place_n" -v p1="$place_1" \
      -v bytes="$bytes" 'BEGIN {
    copy = (cn - c1) / (n - 1) * 1000; place = (pn - p1) / (n - 1) * 1000
    printf "%s workspace (%.1f MiB): per trial %.2f ms with its own copy, %.2f ms in place (--no-snapshot): +%.2f ms (x%.2f); copies %.2f MiB a trial on disk\n",
           name, size / 1048576, copy, place, copy - place, copy / place, bytes / n / 1048576 }'
done
