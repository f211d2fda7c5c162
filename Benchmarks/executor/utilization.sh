#!/usr/bin/env bash
# Slot utilization with short trials: a sweep of trials that each sleep SECONDS (a shell
# script, no interpreter start-up), `--parallel` wide. Each trial appends its own start and end;
# utilization is the trials' busy seconds over parallel × the time, counted over the trials
# after the first SKIP (n ≥ SKIP: where a Bayesian suggestion is slowest), from the first of
# them starting to the last ending, and over the whole sweep.
#
#   Benchmarks/executor/utilization.sh [trials=1100] [parallel=8] [seconds=1] [strategy=bayes] [skip=1000] [hpo binary]
#   Benchmarks/executor/utilization.sh 300 8 1 random 0      # quick: the executor alone
set -euo pipefail
cd "$(dirname "$0")/../.."
trials=${1:-1100}
parallel=${2:-8}
seconds=${3:-1}
strategy=${4:-bayes}
skip=${5:-1000}
hpo=${6:-}
if [ -z "$hpo" ]; then
  swift build -c release --product hpo >/dev/null
  hpo=.build/release/hpo
fi
scratch=$(mktemp -d /tmp/hpo-utilization-XXXXXX)
trap 'rm -rf "$scratch"' EXIT
mkdir "$scratch/workspace"
begin=$(date +%s.%N)
"$hpo" search --strategy "$strategy" --trials "$trials" --parallel "$parallel" --seed 1 --root "$scratch/runs" \
  --name utilization --workspace "$scratch/workspace" -- /bin/sh "$PWD/Benchmarks/executor/width_trial.sh" "$scratch/trials.txt" \
  "$seconds" --x1 "uniform(0, 1)" --x2 "uniform(0, 1)" --x3 "uniform(0, 1)" --x4 "uniform(0, 1)" \
  --x5 "uniform(0, 1)" --x6 "uniform(0, 1)" >/dev/null 2>&1 || true
end=$(date +%s.%N)
python3 - "$scratch/trials.txt" "$begin" "$end" "$trials" "$parallel" "$seconds" "$strategy" "$skip" <<'PY'
import sys
path, begin, end, trials, parallel, seconds, strategy, skip = sys.argv[1:]
begin, end, parallel, skip = float(begin), float(end), int(parallel), int(skip)
spans = {}
for line in open(path):
    trial, start, stop = line.split()
    spans[int(trial)] = (float(start), float(stop))
def use(selected, t0, t1):
    busy = sum(max(0.0, min(e, t1) - max(s, t0)) for s, e in selected)
    return 100 * busy / (parallel * (t1 - t0))
late = [span for number, span in spans.items() if number > skip]
print(f"{len(spans)} of {trials} trials of {seconds} s, {strategy}, --parallel {parallel}, wall {end - begin:.1f} s")
print(f"| slot use, n > {skip} | slot use, whole sweep | trials a second, n > {skip} |")
print("| --- | --- | --- |")
if late:
    t0, t1 = min(s for s, _ in late), max(e for _, e in late)
    print(f"| {use(late, t0, t1):.1f} % | {use(spans.values(), begin, end):.1f} % | {len(late) / (t1 - t0):.2f} |")
else:
    print(f"| - | {use(spans.values(), begin, end):.1f} % | - |")
PY
