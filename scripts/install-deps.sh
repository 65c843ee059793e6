#!/usr/bin/env bash
# Installs every Debian 12 package pfdtd needs to build, test and plot. Idempotent: when all
# packages are present it returns without touching apt. Run as root (or with sudo).
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  libyaml-cpp-dev                     # scene files
  libhdf5-openmpi-dev hdf5-tools      # parallel HDF5 (+ h5dump)
  libopenmpi-dev openmpi-bin          # MPI
  libgtest-dev libgmock-dev           # tests
  python3-numpy python3-h5py python3-matplotlib   # analysis scripts, under /usr/bin/python3
  libgdsii-dev python3-gdspy          # GDSII layout import (gdspy writes the test layouts)
  libeigen3-dev libspectra-dev        # sparse eigenproblems of the mode solver
  libharminv-dev                      # harmonic inversion: resonances and Q
  paraview python3-paraview xvfb      # ParaView; pvpython (a Recommends only) under xvfb-run for the
                                      # paraview test. python3-paraview conflicts with libvtk9-dev,
                                      # which pfdtd does not use (it writes VTKHDF with HDF5 alone)
)
# Thrust/CUB come from the CUDA toolkit's CCCL when it is installed; Debian's older
# libthrust-dev is the fallback for machines without CUDA.
if [ ! -f /usr/local/cuda/include/cccl/thrust/version.h ]; then packages+=(libthrust-dev); fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
