#!/usr/bin/env bash
# The multi-fidelity benchmark in one command: hpo's methods (random, Bayes with each
# BayesStrategy.Options.MultiFidelity case, under ASHA and Hyperband) and the peers (Optuna TPE
# with the Hyperband and successive-halving pruners, Syne Tune's BOHB, SMAC3's multi-fidelity
# facade) on the four learning-curve tasks of multifidelity/tasks.py, same seeds and budgets;
# then the table of median regret at 10R, 30R and 100R, written into the README between the
# <!-- multifidelity-table --> markers and into results/mf-table.md.
#
#   Benchmarks/multifidelity/run.sh                 # 5 seeds, 100R, 4 workers, first rung at step 3
#   SEEDS=3 TASKS=branin-mf,mlp-digits Benchmarks/multifidelity/run.sh
#   HPO_METHODS=hpo-bayes-asha-off PEER_METHODS=optuna-tpe-sha Benchmarks/multifidelity/run.sh
#   Benchmarks/multifidelity/run.sh --quick         # smoke run: 1 seed, 10R, synthetic tasks
#
# Needs the toolchain, and python3 with venv and network for PyPI (peers/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
seeds=${SEEDS:-5}
budget=${BUDGET:-100}
checkpoints=${CHECKPOINTS:-10,30,100}
tasks=${TASKS:-all}
workers=${WORKERS:-4}
# The first rung (min_resource) of every method. 3 = R/27, three rungs (3, 9, 27) below R = 81:
# with 1, ASHA runs about 2,300 trials per 100R run, and hpo's GP, refitted on all of them
# for each suggestion, did not finish one Branin run in 10 minutes here.
min_resource=${MIN_RESOURCE:-3}
readme=../README.md
if [ "${1:-}" = "--quick" ]; then
  seeds=1 budget=10 checkpoints=3,10 tasks=branin-mf,hartmann6-mf readme=
fi
jobs=$(nproc)
started=$(date +%s)

echo "== building (release)"
swift build -c release --product hpo-bench >/dev/null
peers/setup.sh

mkdir -p results
rm -f results/mf-hpo.jsonl results/mf-peers.jsonl
common=(--tasks "$tasks" --seeds "$seeds" --workers "$workers" --budget "$budget" --checkpoints "$checkpoints"
        --min-resource "$min_resource" --jobs "$jobs")
echo "== hpo ($seeds seeds, ${budget}R, $workers workers)"
.build/release/hpo-bench multifidelity "${common[@]}" --methods "${HPO_METHODS:-all}" \
  --python .venv-peers/bin/python --out results/mf-hpo.jsonl
echo "== peers"
OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 .venv-peers/bin/python multifidelity/peers.py "${common[@]}" \
  --methods "${PEER_METHODS:-all}" --out results/mf-peers.jsonl

{
  echo "Made by \`Benchmarks/multifidelity/run.sh\` (SEEDS=$seeds, BUDGET=$budget, MIN_RESOURCE=$min_resource, WORKERS=$workers) on" \
       "$(date -u +%Y-%m-%d) in $(( ($(date +%s) - started) / 60 )) minutes, $(nproc) cores," \
       "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')."
  echo
  python3 multifidelity/table.py results/mf-hpo.jsonl results/mf-peers.jsonl
} > results/mf-table.md
[ -n "$readme" ] && python3 multifidelity/table.py --readme "$readme" results/mf-table.md
cat results/mf-table.md
