#!/usr/bin/env bash
# The whole test suite on a fresh Debian 12 machine: install dependencies, build the CPU
# backend with poisoned device memory (a missing upload shows up as NaN), and run ctest.
# When nvcc is present, ctest also builds the CUDA backend and rejects register spills.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh build-test -DPFDTD_TESTS=ON -DPFDTD_POISON_DEVICE_MEMORY=ON
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-2} OMP_PROC_BIND=${OMP_PROC_BIND:-true}
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
cd build-test
ctest --output-on-failure --timeout 1500 -j1
