#!/usr/bin/env bash
# The thinking-latency trial of thinking_trial.py in bash, for `TRIAL=sh thinking-latency.sh`:
# the same function, steps, threshold and records, but a trial costs a few milliseconds of CPU
# to start instead of Python's tens (hundreds on a loaded 2-core machine), so that at
# `--parallel 32` the figures measure hpo's loop rather than a CPU saturated by interpreters.
# Times are bash's $EPOCHREALTIME (wall clock, microseconds); no process is spawned per step.
#
#   bash thinking_trial.sh OUT --x1 V1 … --x6 V6
started=$EPOCHREALTIME
out=$1
shift
trial=${HPO_TRIAL:-?}
xs=()
while [ $# -ge 2 ]; do xs+=("$2"); shift 2; done
# A shifted sphere: minimum 0 at (0.3, …, 0.3); about half of random points are above 0.35.
read -r value stopped < <(awk -v xs="${xs[*]}" 'BEGIN { n = split(xs, x, " "); s = 0
  for (i = 1; i <= n; i++) s += (x[i] - 0.3) ^ 2; printf "%.17g %d\n", s, (s > 0.35) }')
deciding=""
# A descriptor that never has data: `read -t` on it sleeps without spawning `sleep`.
exec {never}<> <(:)
record() { printf '%s %s %s %s\n' "$trial" "$started" "$EPOCHREALTIME" "$1" >> "$out"; }
on_term() {
  local arrived=$EPOCHREALTIME
  record "$(awk -v a="$arrived" -v d="$deciding" 'BEGIN { printf "%.3f", (a - d) * 1000 }')"
  exit 0
}
trap on_term TERM
for step in 1 2 3 4 5 6 7; do
  deciding=$EPOCHREALTIME
  printf '{"step": %d, "objective": %s}\n' "$step" "$value" >> "$HPO_METRICS_FILE"
  if [ "$stopped" = 1 ]; then
    # Stopped by the threshold rule on this line; `read -t` returns when the trap runs.
    while :; do read -r -t 60 -u "$never" _ || true; done
  fi
  read -r -t 0.01 -u "$never" _ || true
done
record "-"
exit 0
