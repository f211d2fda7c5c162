#!/usr/bin/env bash
# Installs what hpo needs on Debian/Ubuntu beyond the Swift toolchain:
# LAPACK and BLAS for the Gaussian process (OpenBLAS, LAPACKE), SQLite for the run store,
# pkg-config to find them.
# Idempotent: quick when everything is already there.
set -euo pipefail

packages=(libopenblas-dev liblapacke-dev libsqlite3-dev pkg-config python3)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "setup: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

command -v swift >/dev/null || { echo "setup: the Swift toolchain (swift.org, 6.0 or later) is not on PATH" >&2; exit 1; }
echo "setup: ok"
