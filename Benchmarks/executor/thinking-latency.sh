#!/usr/bin/env bash
# Controller latency while the strategy thinks: a bayes sweep of a cheap 6-parameter function
# (about 0.07 s a trial) with a threshold rule that stops about half of the trials on their
# first line. Reports, per binary and `--parallel`: the time from the deciding metric write to
# the trial's SIGTERM (p50/p99/max, overall and by trials already run, n), the error of the
# recorded duration_s against the trial's own start and end (it includes Python's start-up,
# ~20-50 ms, before the trial's first clock read) and of the recorded end against the trial's
# last moment, and slot utilization (the trials' real seconds over parallel × the sweep's wall
# time). Cancel latency is cancel-latency.sh; utilization with 1 s trials, utilization.sh.
#
#   Benchmarks/executor/thinking-latency.sh [trials=300] [parallels=8] [hpo binary…]
#   Benchmarks/executor/thinking-latency.sh 1500 8,32      # the issue's size: ~1 h on 2 cores
#
# Without binaries it builds and measures this checkout's `hpo` (release); give two binaries
# (e.g. main's and this branch's) to compare them back to back on the same machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
trials=${1:-300}
parallel=${2:-8}
shift 2 || true
binaries=("$@")
if [ ${#binaries[@]} -eq 0 ]; then
  swift build -c release --product hpo >/dev/null
  binaries=(.build/release/hpo)
fi
scratch=$(mktemp -d /tmp/hpo-thinking-XXXXXX)
trap 'rm -rf "$scratch"' EXIT
# An empty workspace: not a copy of the repository per trial (deleting 1,500 of them took
# longer than the sweep).
mkdir "$scratch/workspace"
# TRIAL=sh runs the bash trial (a few ms of CPU to start) instead of Python's.
if [ "${TRIAL:-python}" = sh ]; then
  trial_command="bash $PWD/Benchmarks/executor/thinking_trial.sh"
else
  trial_command="python3 $PWD/Benchmarks/executor/thinking_trial.py"
fi

for parallel in ${parallel//,/ }; do
for binary in "${binaries[@]}"; do
  rm -rf "$scratch/runs" "$scratch/trials.txt"
  begin=$(date +%s.%N)
  "$binary" search --strategy bayes --trials "$trials" --parallel "$parallel" --seed 1 \
    --early-stopping threshold --bound 0.35 --root "$scratch/runs" --name thinking --workspace "$scratch/workspace" -- \
    $trial_command "$scratch/trials.txt" \
    --x1 "uniform(0, 1)" --x2 "uniform(0, 1)" --x3 "uniform(0, 1)" \
    --x4 "uniform(0, 1)" --x5 "uniform(0, 1)" --x6 "uniform(0, 1)" >/dev/null 2>&1 || true
  end=$(date +%s.%N)
  python3 - "$binary" "$scratch/trials.txt" "$scratch/runs/thinking/results.csv" "$scratch/runs/thinking/run.db" "$begin" "$end" "$parallel" <<'PY'
import csv, sqlite3, statistics, sys
binary, trials_file, results_file, database, begin, end, parallel = sys.argv[1:]
real, ends, latencies, by_trial = {}, {}, [], []
for line in open(trials_file):
    trial, start, stop, latency = line.split()
    real[trial] = float(stop) - float(start)
    ends[trial] = float(stop)
    if latency != "-":
        latencies.append(float(latency))
        by_trial.append((int(trial), float(latency)))
errors = []
for row in csv.DictReader(open(results_file)):
    if row["trial"] in real and row["duration_s"]:
        errors.append(float(row["duration_s"]) - real[row["trial"]])
# The recorded end against the trial's own last moment: the part of the error due to hpo.
late = [finished - ends[str(number)] for number, finished in
        sqlite3.connect(database).execute("SELECT number, finished_at FROM trial WHERE finished_at IS NOT NULL")
        if str(number) in ends]
def summary(values, unit=1.0, suffix="ms"):
    values = sorted(values)
    n = len(values)
    p = lambda q: values[min(n - 1, int(q * n))]
    return f"p50 {statistics.median(values) * unit:.1f} {suffix}, p99 {p(0.99) * unit:.1f} {suffix}, max {values[-1] * unit:.1f} {suffix}"
wall = float(end) - float(begin)
print(f"{binary}, --parallel {parallel}: {len(real)} trials in {wall:.1f} s, {len(latencies)} stopped")
print(f"  deciding write -> SIGTERM: {summary(latencies)}")
# By n, the trials already run when the stopped trial started (its number - 1): the
# strategy's work grows with n, the controller's reaction must not.
size = max(100, (len(real) // 3 + 99) // 100 * 100)
for low in range(0, len(real), size):
    chunk = [l for t, l in by_trial if low < t <= low + size]
    if chunk:
        print(f"    n {low}-{low + size - 1}: {summary(chunk)} ({len(chunk)} stopped)")
print(f"  recorded - real duration:  {summary(errors, 1000)}")
print(f"  recorded - real end:       {summary(late, 1000)}")
print(f"  slot utilization: {100 * sum(real.values()) / (int(parallel) * wall):.0f} %")
PY
done
done
