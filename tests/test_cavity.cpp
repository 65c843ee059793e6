// Validation 4: the lowest resonances of a PEC rectangular cavity, a x b x c, against the
// analytic frequencies of its TM_mnp modes corrected for Yee dispersion (Taflove and
// Hagness, 3rd ed., sec. 4.4): with k = (m pi / a, n pi / b, p pi / c),
//     (2/dt sin(omega dt / 2))^2 = sum_axes (2/d sin(k_axis d / 2))^2.
// The walls lie on grid planes, so this relation is exact for the discrete modes; the test
// finds the peaks of the windowed Fourier transform of a long probe record.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>

#include "scenes.hpp"
#include "solver/simulation.hpp"

using namespace pfdtd;
using namespace pfdtd::testing;


TEST(Cavity, PecBoxResonancesMatchYeeDispersion) {
  const double res = 20, size[3] = {1.0, 0.8, 0.6};
  Scene s;
  s.materials.push_back(Material{"vacuum", 1.0, 0.0});
  s.domain.size = {size[0], size[1], size[2]};
  s.domain.center = {0.5 * size[0], 0.5 * size[1], 0.5 * size[2]};
  s.domain.resolution = res;
  for (auto& ax : s.domain.boundary)
    for (auto& b : ax) b.kind = BoundaryKind::pec;
  SourceSpec src;
  src.component = Component::Ez;
  src.center = {0.23, 0.17, 0.21};
  src.time.frequency = 1.0;
  src.time.fwidth = 0.8;
  s.sources.push_back(src);
  s.probes.push_back(ProbeSpec{"p", {Component::Ez}, {0.61, 0.53, 0.37}});
  s.run.time = 1500;
  Simulation<double> sim(s);
  const ProbeSeries p = sim.run(nullptr).probes.at(0);

  // Expected TM_mnp (m, n >= 1, p >= 0: the modes with an Ez component), lowest three.
  const double d = sim.grid().d, dt = sim.grid().dt;
  std::vector<double> expected;
  for (int m = 1; m <= 3; ++m)
    for (int n = 1; n <= 3; ++n)
      for (int q = 0; q <= 2; ++q) {
        const int idx[3] = {m, n, q};
        double sum = 0;
        for (int a = 0; a < 3; ++a) sum += std::pow(2 / d * std::sin(idx[a] * pi / size[a] * d / 2), 2);
        expected.push_back(2 / dt * std::asin(dt / 2 * std::sqrt(sum)) / (2 * pi));
      }
  std::sort(expected.begin(), expected.end());
  for (int m = 0; m < 3; ++m) {
    const double f = expected[m];
    const double found = peak_frequency(p, f * 0.995, f * 1.005);
    std::printf("mode %d: expected %.7f, found %.7f, relative error %.1e\n", m, f, found, std::abs(found / f - 1));
    EXPECT_NEAR(found / f, 1.0, 1e-4);
  }
}
