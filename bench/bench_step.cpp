// Times the stepping of the built-in benchmark: bench_step [cells] [steps] [float64]
// Exits with status 3 and a "no CUDA device" message when the CUDA backend finds no GPU.
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "kernels/device_memory.hpp"
#include "solver/benchmark.hpp"

int main(int argc, char** argv) {
  if (pfdtd::device::count() == 0) {
    std::fprintf(stderr, "bench_step: no CUDA device found (backend %s): nothing to time\n",
                 pfdtd::device::backend_name());
    return 3;
  }
  const double cells = argc > 1 ? std::atof(argv[1]) : 1e7;
  const int steps = argc > 2 ? std::atoi(argv[2]) : 50;
  const bool dbl = argc > 3 && std::strcmp(argv[3], "float64") == 0;
  const pfdtd::BenchmarkResult r = pfdtd::run_benchmark(cells, steps, dbl);
  std::printf("%d x %d x %d cells, %lld steps, %s: %.3f s, %.1f Mcells/s\n", r.n[0], r.n[1], r.n[2], r.steps,
              r.precision.c_str(), r.seconds, r.mcells_per_second);
}
