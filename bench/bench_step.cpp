// Times the stepping of the built-in benchmark: bench_step [cells] [steps] [float64]
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "solver/benchmark.hpp"

int main(int argc, char** argv) {
  const double cells = argc > 1 ? std::atof(argv[1]) : 1e7;
  const int steps = argc > 2 ? std::atoi(argv[2]) : 50;
  const bool dbl = argc > 3 && std::strcmp(argv[3], "float64") == 0;
  const pfdtd::BenchmarkResult r = pfdtd::run_benchmark(cells, steps, dbl);
  std::printf("%d x %d x %d cells, %lld steps, %s: %.3f s, %.1f Mcells/s\n", r.n[0], r.n[1], r.n[2], r.steps,
              r.precision.c_str(), r.seconds, r.mcells_per_second);
}
