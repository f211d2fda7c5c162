#!/usr/bin/env bash
# Installs what hpo needs on Debian/Ubuntu beyond the Swift toolchain:
# LAPACK and BLAS for the Gaussian process (OpenBLAS, LAPACKE), SQLite for the run store,
# pkg-config to find them.
# Idempotent: quick when everything is already there.
set -euo pipefail

packages=(libopenblas-dev liblapacke-dev libsqlite3-dev pkg-config python3)

sudo_cmd=""
[ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The example training script uses scikit-learn (its digits data set ships with it).
if ! python3 -c "import sklearn" 2>/dev/null; then
  echo "setup: installing scikit-learn for the examples"
  python3 -m pip install --quiet --disable-pip-version-check scikit-learn 2>/dev/null \
    || python3 -m pip install --quiet --disable-pip-version-check --user scikit-learn 2>/dev/null \
    || { $sudo_cmd apt-get install -y -qq python3-sklearn >/dev/null; }
fi

command -v swift >/dev/null || { echo "setup: the Swift toolchain (swift.org, 6.1 or later) is not on PATH" >&2; exit 1; }
echo "setup: ok"
