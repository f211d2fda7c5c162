#!/usr/bin/env bash
# Makes Benchmarks/.venv-peers with the pinned peers of requirements.txt (once; torch makes it
# a few GB). Ignored by git and by hpo's workspace snapshot (.gitignore).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv-peers/bin/python ] || ! .venv-peers/bin/python -c "import optuna, skopt, hyperopt, torch, cmaes, sklearn, smac, syne_tune" 2>/dev/null; then
  echo "== making Benchmarks/.venv-peers (pinned peers from peers/requirements.txt)"
  python3 -m venv .venv-peers
  .venv-peers/bin/pip install -q -r peers/requirements.txt
fi
