#!/usr/bin/env bash
# The benchmark suite in one command: hpo's strategies in process and end to end through the
# CLI, the peers (optuna TPE/GP/CMA-ES, scikit-optimize, hyperopt) on the same functions,
# seeds and budgets, speed per suggestion, then one markdown table; last, the multi-fidelity
# benchmark on learning curves (multifidelity/run.sh: MF_SEEDS seeds, 5 by default), then the
# multi-objective benchmark (multiobjective/run.sh: MO_SEEDS seeds, 10 by default).
#
#   Benchmarks/run-all.sh                 # 10 seeds (peers' GP methods dominate: hours on 2 cores)
#   SEEDS=3 CLI_SEEDS=3 Benchmarks/run-all.sh
#   HD_SEEDS=5 BATCH_SEEDS=5 Benchmarks/run-all.sh   # seeds of the slow high-dimensional GP runs and of
#                                                   # the batch-method comparison (5 by default)
#   Benchmarks/run-all.sh --quick         # smoke run: 1 seed, two functions, minutes
#
# Writes Benchmarks/results/*.jsonl (one line per run) and results/table.md, and prints the table.
# Needs: the toolchain and packages of scripts/setup.sh, python3 with venv, network for PyPI.
set -euo pipefail
cd "$(dirname "$0")"
seeds=${SEEDS:-10}
cli_seeds=${CLI_SEEDS:-3}
functions=all
speed_n=50,100,200,500,1000,2000,5000
peer_speed_n=50,100,200,500,1000
if [ "${1:-}" = "--quick" ]; then
  seeds=1 cli_seeds=1 functions=branin,hartmann6 speed_n=50,100 peer_speed_n=50,100
fi
jobs=$(nproc)

echo "== building (release)"
swift build -c release --package-path .. --product hpo >/dev/null
swift build -c release >/dev/null
peers/setup.sh

results=results
mkdir -p "$results"
rm -f "$results"/*.jsonl "$results"/table.md

echo "== hpo in process: quality ($seeds seeds) and speed"
.build/release/hpo-bench quality --functions "$functions" --seeds "$seeds" --jobs "$jobs" \
  --methods hpo-bayes,hpo-bayes-4slots,hpo-bayes-16slots,hpo-random,hpo-tpe --out "$results/hpo-quality.jsonl"
if [ "$functions" = all ]; then
  # d = 20-30, 200 evaluations each; bayes there takes minutes a run: HD_SEEDS of them.
  .build/release/hpo-bench quality --functions highdim --seeds "$seeds" --jobs "$jobs" --methods hpo-random \
    --out "$results/hpo-quality.jsonl"
  .build/release/hpo-bench quality --functions highdim --seeds "${HD_SEEDS:-5}" --jobs "$jobs" --methods hpo-bayes \
    --out "$results/hpo-quality.jsonl"
fi
echo "== batch methods at 4 and 16 slots (${BATCH_SEEDS:-5} seeds)"
.build/release/hpo-bench quality --functions "$functions" --seeds "${BATCH_SEEDS:-5}" --jobs "$jobs" --methods hpo-bayes \
  --out "$results/batch-methods.jsonl"
for batch in fantasies localPenalization thompsonSampling; do
  .build/release/hpo-bench quality --functions "$functions" --seeds "${BATCH_SEEDS:-5}" --jobs "$jobs" --batch "$batch" \
    --methods hpo-bayes-4slots,hpo-bayes-16slots --out "$results/batch-methods.jsonl"
done
.build/release/hpo-bench speed --n "$speed_n" --out "$results/hpo-speed.jsonl"

echo "== hpo end to end through the CLI ($cli_seeds seeds)"
python3 peers/run_cli.py --hpo ../.build/release/hpo --functions "$functions" --seeds "$cli_seeds" \
  --out "$results/cli-quality.jsonl"

echo "== peers ($seeds seeds) and optuna GPSampler speed"
(cd peers && ../.venv-peers/bin/python run_peers.py --functions "$functions" --seeds "$seeds" --jobs "$jobs" \
  --out "../$results/peers-quality.jsonl")
if [ "$functions" = all ]; then
  # optuna's GPSampler takes 7-20 minutes a run at 200 evaluations in d = 20-30: HD_SEEDS of them.
  (cd peers && ../.venv-peers/bin/python run_peers.py --functions highdim --methods optuna-tpe,optuna-cmaes \
    --seeds "$seeds" --jobs "$jobs" --out "../$results/peers-quality.jsonl")
  (cd peers && ../.venv-peers/bin/python run_peers.py --functions highdim --methods optuna-gp \
    --seeds "${HD_SEEDS:-5}" --jobs "$jobs" --out "../$results/peers-quality.jsonl")
fi
(cd peers && ../.venv-peers/bin/python run_peers.py --speed --n "$peer_speed_n" --out "../$results/peers-speed.jsonl")
# Outcome constraints: Gramacy's toy problem, hpo's CLI against optuna's GP and TPE with constraints_func.
(cd constraints && ../.venv-peers/bin/python run_constrained.py --hpo ../../.build/release/hpo --seeds "$seeds" \
  --out "../$results/constrained.jsonl" > "../$results/constrained.md")

{
  echo "Made by \`Benchmarks/run-all.sh\` (SEEDS=$seeds, CLI_SEEDS=$cli_seeds) on $(date -u +%Y-%m-%d), $(nproc) cores," \
       "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')."
  echo
  python3 peers/merge.py "$results"
} > "$results/table.md"
cat "$results/table.md"

echo "== multi-fidelity: learning curves (multifidelity/run.sh)"
SEEDS="${MF_SEEDS:-5}" multifidelity/run.sh ${1:-}

echo "== several objectives: ZDT1, ZDT2, DTLZ2, MLP on digits (multiobjective/run.sh)"
SEEDS="${MO_SEEDS:-10}" multiobjective/run.sh ${1:-}
