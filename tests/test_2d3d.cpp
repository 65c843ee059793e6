// Validation 6: a 2D run (dims: 2) equals a z-invariant 3D run with periodic z, for both
// polarisation families (Ez-Hx-Hy driven by Ez, Hz-Ex-Ey driven by Hz), with a dielectric
// cylinder and CPML on the x and y faces. A point source in 2D is a line current along z;
// in 3D the same line is a source spanning the periodic z extent. Both use the same dt.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>

#include "scenes.hpp"
#include "solver/simulation.hpp"

using namespace pfdtd;
using namespace pfdtd::testing;

namespace {

Scene scene(int dims, Component source) {
  Scene s;
  s.materials = {Material{"sio2", 2.085, 0.0}, Material{"si", 12.11, 0.0}};
  s.domain.dims = dims;
  s.domain.size = {3.0, 2.4, 0.2};
  s.domain.resolution = 20;
  for (auto& b : s.domain.boundary[2]) b.kind = BoundaryKind::periodic;
  s.shapes.push_back(make_cylinder(1, {0.4, 0.1, 0}, 0.35, 1e30));
  SourceSpec src;
  src.component = source;
  src.center = {-0.6, -0.2, 0};
  src.size = {0, 0, 1e3};  // spans z: a line, in 2D and 3D alike
  s.sources.push_back(src);
  const Component field = source;
  s.probes.push_back(ProbeSpec{"p", {field}, {0.9, 0.3, 0}});
  s.run.time = 15;
  // The same dt in both: the 2D Courant limit d/sqrt(2) is above the 3D one, d/sqrt(3).
  if (dims == 2) s.run.courant *= std::sqrt(2.0 / 3.0);
  return s;
}

void compare(Component source) {
  Simulation<double> two(scene(2, source)), three(scene(3, source));
  const auto a = two.run(nullptr).probes.at(0).values, b = three.run(nullptr).probes.at(0).values;
  ASSERT_EQ(a.size(), b.size());
  double peak = 0, diff = 0;
  for (std::size_t n = 0; n < a.size(); ++n) {
    peak = std::max(peak, std::abs(a[n]));
    diff = std::max(diff, std::abs(a[n] - b[n]));
  }
  std::printf("%s: 2D vs 3D largest difference %.1e of peak %.3e\n", component_name(source), diff / peak, peak);
  ASSERT_GT(peak, 0.0);
  EXPECT_LT(diff / peak, 1e-5);
}

}  // namespace

TEST(TwoD, TmFamilyMatchesPeriodic3D) { compare(Component::Ez); }
TEST(TwoD, TeFamilyMatchesPeriodic3D) { compare(Component::Hz); }
