#!/usr/bin/env bash
# Configures and builds the CPU backend into build/ (or $1), passing further arguments to
# cmake. Used by the README's two commands.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build}
shift || true
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Release -DPFDTD_CUDA=OFF "$@" > "$dir.configure.log" 2>&1 \
  || { cat "$dir.configure.log"; exit 1; }
cmake --build "$dir" -j"$(nproc)"
