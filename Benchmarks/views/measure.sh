#!/usr/bin/env bash
# The dashboard's and the report's weight at N trials (default 10,000): fills a run store
# directly (no process per trial), serves it with the dashboard and prints the run page's,
# /live's and the report's bytes and milliseconds (median of 5) and the report's SVG
# elements; then a trivial trial's bytes and inodes on disk (Benchmarks/views/trial-cost.sh).
#
#   Benchmarks/views/measure.sh [N]
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-10000}
swift build --build-tests >/dev/null
HPO_VIEWS_MEASURE=$n swift test --skip-build --filter ViewsMeasure 2>&1 | grep '^views:'
