#!/usr/bin/env bash
# The main job on a fresh Debian 12 machine: install dependencies, build, and run the
# bundled strip-waveguide example, then print its transmission spectrum.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh build -DPFDTD_TESTS=OFF
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-$(nproc)} OMP_PROC_BIND=${OMP_PROC_BIND:-true}
./build/apps/pfdtd check examples/strip_waveguide/scene.yaml
./build/apps/pfdtd run examples/strip_waveguide/scene.yaml
/usr/bin/python3 scripts/flux_table.py pfdtd-out/strip_waveguide/results.h5 near far
