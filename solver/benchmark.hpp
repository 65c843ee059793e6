// The built-in 3D benchmark: a silicon strip waveguide (0.5 x 0.22 um, n = 3.48) in oxide
// (n = 1.444), CPML on all six faces, a dipole source, about `cells` cells. It times the
// stepping alone (no monitors, no output).
#pragma once
#include <string>

#include "solver/scene.hpp"

namespace pfdtd {

Scene benchmark_scene(double cells, double resolution = 40);

struct BenchmarkResult {
  int n[3] = {0, 0, 0};
  long long cells = 0, steps = 0;
  double seconds = 0, mcells_per_second = 0;
  std::string precision;
};

BenchmarkResult run_benchmark(double cells, int steps, bool double_precision);

}  // namespace pfdtd
