#!/usr/bin/env bash
# The multi-objective benchmark in one command: hpo's bayes (one GP per objective, log EHVI), tpe (MOTPE) and
# random, and the peers (Optuna NSGA-II, TPE and GPSampler with two objectives) on ZDT1, ZDT2,
# DTLZ2 (d = 6) and an MLP on digits (validation error against the number of weights), 100
# sequential evaluations, same seeds; then the table of hypervolume against each problem's fixed
# reference point, written into the README between the <!-- multiobjective-table --> markers and
# into results/mo-table.md.
#
#   Benchmarks/multiobjective/run.sh                 # 10 seeds, 100 evaluations, the four problems
#   SEEDS=5 TASKS=zdt1,mlp-digits Benchmarks/multiobjective/run.sh
#   Benchmarks/multiobjective/run.sh --quick         # smoke run: 1 seed, 20 evaluations, zdt1
#
# Needs the toolchain, and python3 with optuna and scikit-learn (peers/setup.sh makes .venv-peers).
set -euo pipefail
cd "$(dirname "$0")/.."
seeds=${SEEDS:-10}
budget=${BUDGET:-100}
tasks=${TASKS:-all}
readme=../README.md
if [ "${1:-}" = "--quick" ]; then
  seeds=1 budget=20 tasks=zdt1 readme=
fi
started=$(date +%s)

echo "== building (release)"
swift build -c release --product hpo-bench >/dev/null
.venv-peers/bin/python -c "import optuna, sklearn" 2>/dev/null || peers/setup.sh

mkdir -p results
rm -f results/mo-hpo.jsonl results/mo-peers.jsonl
echo "== hpo ($seeds seeds, $budget evaluations)"
.build/release/hpo-bench multiobjective --tasks "$tasks" --seeds "$seeds" --budget "$budget" --jobs "$(nproc)" \
  --python .venv-peers/bin/python --out results/mo-hpo.jsonl
echo "== peers"
OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 .venv-peers/bin/python multiobjective/peers.py --tasks "$tasks" \
  --seeds "$seeds" --budget "$budget" --out results/mo-peers.jsonl

{
  echo "Made by \`Benchmarks/multiobjective/run.sh\` (SEEDS=$seeds, BUDGET=$budget) on" \
       "$(date -u +%Y-%m-%d) in $(( ($(date +%s) - started) / 60 )) minutes, $(nproc) cores," \
       "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')."
  echo
  python3 multiobjective/table.py results/mo-hpo.jsonl results/mo-peers.jsonl
} > results/mo-table.md
[ -n "$readme" ] && python3 multiobjective/table.py --readme "$readme" results/mo-table.md
cat results/mo-table.md
