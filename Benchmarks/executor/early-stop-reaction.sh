#!/usr/bin/env bash
# Early-stop reaction time: from the moment a trial writes a metric line that the rule stops
# (threshold, bound 0.5; the line says 1) to the moment its SIGTERM handler runs — an upper
# bound on "line written → SIGTERM sent", as it also counts the signal's delivery.
#
#   Benchmarks/executor/early-stop-reaction.sh [trials=200] [parallel=2]
set -euo pipefail
cd "$(dirname "$0")/../.."
trials=${1:-200}
parallel=${2:-2}

swift build -c release --product hpo >/dev/null
scratch=$(mktemp -d /tmp/hpo-reaction-XXXXXX)
trap 'rm -rf "$scratch"' EXIT

.build/release/hpo search --strategy random --trials "$trials" --parallel "$parallel" --early-stopping threshold \
  --bound 0.5 --root "$scratch/runs" --name reaction -- \
  python3 Benchmarks/executor/reaction_trial.py --x "uniform(0, 1)" "$scratch/reaction.txt" >/dev/null 2>&1 || true

python3 - "$scratch/reaction.txt" "$trials" <<'PY'
import statistics, sys
values = sorted(float(v) for v in open(sys.argv[1]))
n = len(values)
p = lambda q: values[min(n - 1, int(q * n))]
print(f"{n} of {sys.argv[2]} trials stopped; metric line written -> SIGTERM handled: "
      f"median {statistics.median(values) / 1000:.2f} ms, p99 {p(0.99) / 1000:.2f} ms, max {values[-1] / 1000:.2f} ms")
PY
