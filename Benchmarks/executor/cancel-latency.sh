#!/usr/bin/env bash
# Cancel latency: a bayes sweep (6 parameters) whose trials run until stopped, `--parallel` wide.
# Measures, from the start of `hpo cancel` (its own start-up included: what a user waits for):
# to one trial's SIGTERM handler (`hpo cancel RUN TRIAL`, one at a time, the sweep kept full;
# also from the moment the request was stored, the controller's share), and to hpo's exit
# (`hpo cancel RUN`: every trial stopped and recorded), p50 / p99 / max.
#
#   Benchmarks/executor/cancel-latency.sh [parallel=8,32] [trial cancels=50] [run cancels=3] [hpo binary]
set -euo pipefail
cd "$(dirname "$0")/../.."
parallels=${1:-8,32}
trial_cancels=${2:-50}
run_cancels=${3:-3}
hpo=${4:-}
if [ -z "$hpo" ]; then
  swift build -c release --product hpo >/dev/null
  hpo=.build/release/hpo
fi
echo "| | hpo cancel RUN TRIAL -> its SIGTERM, p50 / p99 / max | of which request stored -> SIGTERM | hpo cancel RUN -> hpo exits, p50 / p99 / max |"
echo "| --- | --- | --- | --- |"
for parallel in ${parallels//,/ }; do
  scratch=$(mktemp -d /tmp/hpo-cancel-XXXXXX)
  mkdir "$scratch/workspace"
  python3 Benchmarks/executor/cancel-latency.py "$hpo" "$scratch" "$parallel" "$trial_cancels" "$run_cancels" || true
  rm -rf "$scratch"
done
