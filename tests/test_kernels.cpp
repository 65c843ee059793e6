// Smoke-level checks of the kernel layer and a plane wave in vacuum.
#include <gtest/gtest.h>

#include "solver/simulation.hpp"

using namespace pfdtd;

TEST(Kernels, PulseRunsAndStaysFinite) {
  Scene s;
  s.materials.push_back(Material{"vacuum", 1.0, 0.0});
  s.domain.size = {4, 2, 2};
  s.domain.resolution = 10;
  SourceSpec src;
  src.component = Component::Ez;
  s.sources.push_back(src);
  s.run.time = 10;
  Simulation<float> sim(s);
  for (int n = 0; n < 100; ++n) sim.step();
  const double w = sim.energy();
  EXPECT_GT(w, 0.0);
  EXPECT_TRUE(std::isfinite(w));
}
