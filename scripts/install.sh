#!/usr/bin/env bash
# Puts `hpo` on PATH: builds it in release mode and copies the binary to PREFIX/bin/hpo.
#
#   scripts/install.sh                    # ~/.local/bin/hpo
#   sudo scripts/install.sh --prefix /usr/local
#   scripts/install.sh --binary .build/debug/hpo --prefix /tmp/x   # install a binary already built
#
# The binary finds the Swift runtime of the toolchain that built it (its RUNPATH names the
# toolchain's lib/swift/linux), so keep that toolchain installed where it is.
set -euo pipefail

usage() {
  echo "usage: scripts/install.sh [--prefix DIR] [--binary FILE]" >&2
  echo "  --prefix DIR   install as DIR/bin/hpo (default: \$HOME/.local)" >&2
  echo "  --binary FILE  install this binary instead of building one (swift build -c release)" >&2
}

prefix="${HOME}/.local"
binary=""
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] || { usage; exit 2; }; prefix="$2"; shift 2 ;;
    --binary) [ $# -ge 2 ] || { usage; exit 2; }; binary="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "install.sh: unknown argument '$1'" >&2; usage; exit 2 ;;
  esac
done

cd "$(dirname "$0")/.."
if [ -z "$binary" ]; then
  echo "install.sh: building hpo (swift build -c release --product hpo)"
  swift build -c release --product hpo
  binary="$(swift build -c release --show-bin-path)/hpo"
fi
if [ ! -x "$binary" ]; then
  echo "install.sh: $binary is not an executable; build it first (swift build -c release)" >&2
  exit 2
fi

mkdir -p "$prefix/bin"
# A temporary file and a rename: an hpo running from the old binary keeps its copy.
install -m 755 "$binary" "$prefix/bin/.hpo.new"
mv -f "$prefix/bin/.hpo.new" "$prefix/bin/hpo"
"$prefix/bin/hpo" --help >/dev/null
echo "install.sh: installed $prefix/bin/hpo"

case ":${PATH}:" in
  *":$prefix/bin:"*) ;;
  *) echo "install.sh: $prefix/bin is not on PATH; add it, e.g. echo 'export PATH=\"$prefix/bin:\$PATH\"' >> ~/.bashrc" ;;
esac
