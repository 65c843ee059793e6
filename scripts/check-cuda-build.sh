#!/usr/bin/env bash
# Builds the CUDA backend (Release, sm_80 and sm_90, tests off) and checks what ptxas reports
# for every kernel: any spill store or spill load fails the check. Then runs the benchmark
# binaries, which must exit cleanly (0 on a GPU, or status 3 with "no CUDA device" without
# one) rather than crash.
#
# usage: scripts/check-cuda-build.sh [--no-build]   (from any directory)
#   --no-build: skip configure and build; re-check the log and binaries of the last build
# environment: PFDTD_CUDA_BUILD_DIR (default build-cuda, relative to the repository root),
#              PFDTD_CUDA_ARCHS (default "80;90"), JOBS (default 2), NVCC (path to nvcc)
# exit status: 0 passed or nvcc absent, 1 a check failed, 2 configure or build failed.
#
# The build is always a clean one (--clean-first): ptxas reports only what it compiles, so an
# incremental build would hide kernels. Ninja is used when present because it prints each
# command's output in one piece; with Make, parallel jobs could interleave ptxas lines.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 2
ROOT=$(pwd)

NVCC=${NVCC:-$(command -v nvcc || true)}
if [[ -z "$NVCC" && -x /usr/local/cuda/bin/nvcc ]]; then NVCC=/usr/local/cuda/bin/nvcc; fi
if [[ -z "$NVCC" || ! -x "$NVCC" ]]; then
  echo "nvcc not found: CUDA build skipped"
  exit 0
fi

BUILD=${PFDTD_CUDA_BUILD_DIR:-build-cuda}
ARCHS=${PFDTD_CUDA_ARCHS:-80;90}
JOBS=${JOBS:-2}
LOG="$BUILD/cuda-build.log"
REPORT="$BUILD/ptxas-report.txt"

# Keep the generator of an existing build directory (CMake refuses to change it).
gen_args=()
if [[ -f "$BUILD/CMakeCache.txt" ]]; then
  generator=$(sed -n 's/^CMAKE_GENERATOR:INTERNAL=//p' "$BUILD/CMakeCache.txt")
elif command -v ninja >/dev/null 2>&1; then
  generator=Ninja
  gen_args=(-G Ninja)
else
  generator="Unix Makefiles"
fi
native_args=()
[[ "$generator" == *Makefiles* ]] && native_args=(-- --output-sync=target)

NO_BUILD=0
case "${1:-}" in
  --no-build) NO_BUILD=1 ;;
  "") ;;
  *) echo "usage: $0 [--no-build]"; exit 2 ;;
esac

if [[ $NO_BUILD -eq 1 ]]; then
  [[ -f "$LOG" ]] || { echo "FAIL: --no-build but no $LOG from an earlier run"; exit 2; }
  echo "== no build: checking $LOG"
else
mkdir -p "$BUILD"
echo "== configure $BUILD ($generator, CUDA archs $ARCHS, nvcc $NVCC)"
if ! cmake -S "$ROOT" -B "$BUILD" "${gen_args[@]}" -DCMAKE_BUILD_TYPE=Release -DPFDTD_CUDA=ON \
     -DCMAKE_CUDA_COMPILER="$NVCC" -DCMAKE_CUDA_ARCHITECTURES="$ARCHS" -DPFDTD_TESTS=OFF \
     >"$BUILD/cuda-configure.log" 2>&1; then
  cat "$BUILD/cuda-configure.log"
  echo "FAIL: CMake configure of the CUDA build failed"
  exit 2
fi

echo "== build (-j$JOBS, clean first; full compiler output in $LOG)"
start=$(date +%s)
cmake --build "$BUILD" -j"$JOBS" --clean-first "${native_args[@]}" >"$LOG" 2>&1
rc=$?
elapsed=$(( $(date +%s) - start ))
if [[ $rc -ne 0 ]]; then
  grep -E -B2 -A6 'error|Error' "$LOG" | head -120
  echo "FAIL: CUDA build failed after ${elapsed}s (exit $rc); see $LOG"
  exit 2
fi
echo "build: ${elapsed}s"
warnings=$(grep -c -i 'warning' "$LOG" || true)
[[ "$warnings" -gt 0 ]] && echo "note: $warnings compiler warning lines in $LOG"
fi

# ---- ptxas -v report ----
# For each entry function ptxas (CUDA 12/13) prints, in this order:
#   ptxas info : Compiling entry function 'NAME' for 'sm_XX'
#   ptxas info : Function properties for NAME
#       S bytes stack frame, T bytes spill stores, U bytes spill loads
#   ptxas info : Used R registers, ...
# "Function properties" blocks also appear for non-inlined device functions; their spills count.
demangle=cat
command -v c++filt >/dev/null 2>&1 && demangle=c++filt
grep -E "ptxas|bytes stack frame" "$LOG" | awk '
  function flush() {
    if (cur != "") {
      if (!have_regs || !have_spill) incomplete++
      printf "K\t%s\t%s\t%s\t%s\t%s\t%s\n", arch, (have_regs ? regs : "?"), (have_spill ? stack : "?"),
             (have_spill ? st : "?"), (have_spill ? ld : "?"), cur
    }
    cur = ""; have_regs = 0; have_spill = 0
  }
  /Compiling entry function/ {
    flush()
    match($0, /function \047[^\047]+\047/); cur = substr($0, RSTART + 10, RLENGTH - 11)
    match($0, /for \047sm_[0-9a-z]+\047/); arch = substr($0, RSTART + 5, RLENGTH - 6)
    next
  }
  /Function properties for/ { props = $NF; next }
  /bytes stack frame/ {
    match($0, /[0-9]+ bytes stack frame/); s = substr($0, RSTART, RLENGTH) + 0
    match($0, /[0-9]+ bytes spill stores/); a = substr($0, RSTART, RLENGTH) + 0
    match($0, /[0-9]+ bytes spill loads/); b = substr($0, RSTART, RLENGTH) + 0
    if (cur != "" && props == cur) { stack = s; st = a; ld = b; have_spill = 1 }
    else if (a > 0 || b > 0) printf "F\t%s\t-\t%d\t%d\t%d\t%s\n", arch, s, a, b, props
    next
  }
  /Used [0-9]+ registers/ {
    match($0, /Used [0-9]+ registers/); regs = substr($0, RSTART + 5, RLENGTH - 15) + 0; have_regs = 1
    next
  }
  END { flush(); if (incomplete) printf "INCOMPLETE\t%d\n", incomplete }
' | $demangle >"$REPORT.raw"

kernels=$(grep -c '^K' "$REPORT.raw" || true)
incomplete=$(awk -F'\t' '$1 == "INCOMPLETE" { print $2 }' "$REPORT.raw")
read -r stores loads maxregs < <(awk -F'\t' '$1 == "K" || $1 == "F" { s += $5; l += $6 }
  $1 == "K" && $3 + 0 > m { m = $3 + 0 } END { print s + 0, l + 0, m + 0 }' "$REPORT.raw")

# A readable table: registers per kernel and architecture. parallel_for kernels are named by
# their functor; Thrust/CUB kernels by kernel, algorithm, pfdtd functor and offset type.
{
  printf "%-6s %5s %6s %7s %7s  %s\n" arch regs stack spill-st spill-ld kernel
  awk -F'\t' '$1 == "K" || $1 == "F" {
      name = $7
      if (name ~ /^void pfdtd::parallel_for_kernel</) {
        sub(/^void pfdtd::parallel_for_kernel</, "", name); sub(/>\(pfdtd::Box, .*$/, "", name)
      } else if (name ~ /^void cub::/) {
        k = name; sub(/<.*$/, "", k); sub(/^.*::/, "", k)
        op = (name ~ /__find_if/) ? "find_if" : ((name ~ /plus<double>/) ? "sum" : "")
        fn = ""
        if (match(name, /pfdtd::(\(anonymous namespace\)::)?[A-Za-z_]+<[a-z ]+>/)) {
          fn = substr(name, RSTART, RLENGTH); sub(/^pfdtd::(\(anonymous namespace\)::)?/, "", fn)
        } else if (op != "") fn = "second pass"
        off = (name ~ /unsigned long long/) ? "u64" : ((name ~ /unsigned int/) ? "u32" : "")
        name = "cub " k (op != "" ? " " op : "") (fn != "" ? " " fn : "") (off != "" ? " (" off " offsets)" : "")
      }
      printf "%-6s %5s %6s %7s %7s  %s%s\n", $2, $3, $4, $5, $6, ($1 == "F" ? "[device fn] " : ""), name
    }' "$REPORT.raw" | sort -k1,1 -k6
} >"$REPORT"

status=0
if [[ "$kernels" -eq 0 ]]; then
  echo "FAIL: no ptxas entry-function report in $LOG: is -Xptxas=-v on the CUDA compile line?"
  status=1
elif [[ -n "$incomplete" ]]; then
  echo "FAIL: $incomplete kernel compilations lack a register or spill line in the ptxas output ($LOG)"
  status=1
fi
if [[ "$stores" -ne 0 || "$loads" -ne 0 ]]; then
  echo "FAIL: register spills (details in $REPORT):"
  awk -F'\t' '($1 == "K" || $1 == "F") && ($5 + 0 > 0 || $6 + 0 > 0) {
      printf "  %s: %s bytes spill stores, %s bytes spill loads, %s registers: %s\n", $2, $5, $6, $3, $7 }' \
    "$REPORT.raw"
  status=1
fi
echo "ptxas: $kernels kernel compilations, $stores spill stores, $loads spill loads, max $maxregs registers" \
     "(per kernel: $REPORT)"
rm -f "$REPORT.raw"

# ---- run checks: a clean exit with or without a GPU ----
# ok: exit 0, or exit 3 with "no CUDA device" in the output. A crash (signal, abort on an
# uncaught exception) or any other status fails.
run_check() {
  local what=$1; shift
  local out rc
  out=$(timeout 300 "$@" 2>&1); rc=$?
  local first
  first=$(printf '%s\n' "$out" | grep -m1 -F 'no CUDA device' || printf '%s\n' "$out" | tail -n 1)
  if grep -qF 'no CUDA device' <<<"$out" && [[ $rc -eq 3 || $rc -eq 0 ]]; then
    echo "run: $what -> exit $rc, no GPU: $first"
  elif [[ $rc -eq 0 ]]; then
    echo "run: $what -> exit 0: $first"
  else
    printf '%s\n' "$out" | tail -n 20 | sed 's/^/  | /'
    if [[ $rc -eq 124 ]]; then
      echo "FAIL: $what timed out (300 s)"
    elif [[ $rc -gt 128 ]]; then
      echo "FAIL: $what crashed (exit $rc: signal $((rc - 128)))"
    elif grep -qF 'no CUDA device' <<<"$out"; then
      echo "FAIL: $what printed \"no CUDA device\" but exited $rc (expected 3)"
    else
      echo "FAIL: $what exited $rc without a \"no CUDA device\" message"
    fi
    status=1
  fi
}
run_check "bench_step 1e5 2" "$BUILD/bench/bench_step" 1e5 2
if [[ -x "$BUILD/apps/pfdtd" ]]; then
  run_check "pfdtd bench --cells 1e5 --steps 2" "$BUILD/apps/pfdtd" bench --cells 1e5 --steps 2
else
  echo "run: $BUILD/apps/pfdtd not built: app check skipped"
fi

[[ $status -eq 0 ]] && echo "CUDA build check passed" || echo "CUDA build check FAILED"
exit $status
