#include "solver/benchmark.hpp"

#include <chrono>
#include <cmath>

#include "kernels/launch.hpp"
#include "solver/simulation.hpp"

namespace pfdtd {

Scene benchmark_scene(double cells, double resolution) {
  Scene s;
  s.materials = {Material{"sio2", 1.444 * 1.444, 0.0}, Material{"si", 3.48 * 3.48, 0.0}};
  s.background = 0;
  // Box of aspect 2:1:1 along the guide holding about `cells` cells at this resolution.
  const double side = std::cbrt(cells / 2.0) / resolution;
  s.domain.size = {2 * side, side, side};
  s.domain.resolution = resolution;
  s.shapes.push_back(make_box(1, {0, 0, 0}, {1e30, 0.5, 0.22}));
  SourceSpec src;
  src.component = Component::Ey;
  src.center = {-0.5 * side, 0, 0};
  s.sources.push_back(src);
  s.run.time = 1e9;
  return s;
}

BenchmarkResult run_benchmark(double cells, int steps, bool double_precision) {
  const Scene scene = benchmark_scene(cells);
  auto time_it = [&](auto& sim) {
    for (int n = 0; n < 5; ++n) sim.step();  // warm up caches and threads
    device_synchronize();
    const auto t0 = std::chrono::steady_clock::now();
    for (int n = 0; n < steps; ++n) sim.step();
    device_synchronize();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  };
  BenchmarkResult r;
  const Grid g = Grid::from_domain(scene.domain, scene.run.courant);
  if (double_precision) {
    Simulation<double> sim(scene);
    r.seconds = time_it(sim);
  } else {
    Simulation<float> sim(scene);
    r.seconds = time_it(sim);
  }
  for (int a = 0; a < 3; ++a) r.n[a] = g.n[a];
  r.cells = g.cells();
  r.steps = steps;
  r.mcells_per_second = r.cells * static_cast<double>(steps) / r.seconds / 1e6;
  r.precision = double_precision ? "float64" : "float32";
  return r;
}

}  // namespace pfdtd
