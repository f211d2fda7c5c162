#!/bin/sh
# A trial for the width benchmark: sleeps, reports its objective, and appends its own start
# and end (wall clock) to OUT, so the benchmark sees when each slot was really busy.
#
#   width_trial.sh OUT SECONDS --x V
start=$(date +%s.%N)
sleep "$2"
echo "{\"objective\": $4}" >> "$HPO_METRICS_FILE"
echo "$HPO_TRIAL $start $(date +%s.%N)" >> "$1"
