// Validation 1 (geometry and materials): subpixel smoothing converges at second order where
// staircasing converges at first.
//
// A 1 um PEC cavity holds a 0.3 um slab of n = 3.48 off its centre; its lowest resonance is
// known exactly (transfer matrices below), so the error of the FDTD resonance can be
// measured at 20, 40 and 80 cells per um. The slab's edges sit at 0.3 of a cell past a grid
// node at every resolution (its position moves by less than a cell between resolutions and
// each run is compared with its own exact resonance), so the staircase error, a shift of the
// effective interface by a fixed fraction of d, is the same function of d at each step and
// its order is clean. Smoothing gives each boundary node the volume-weighted permittivity of
// its voxel (E is tangential: arithmetic mean).
#include <gtest/gtest.h>

#include <cstdio>

#include "scenes.hpp"
#include "solver/simulation.hpp"

using namespace pfdtd;
using namespace pfdtd::testing;

namespace {

constexpr double n_slab = 3.48, thickness = 0.3, cavity = 1.0;

// E(L) of the field started as sin(k x) at the left wall, through vacuum - slab - vacuum.
double field_at_wall(double f, double a) {
  const double k0 = 2 * pi * f;
  double e = 0, de = k0;  // E and dE/dx at x = 0
  const double layers[3][2] = {{a, 1.0}, {thickness, n_slab}, {cavity - a - thickness, 1.0}};
  for (const auto& layer : layers) {
    const double k = k0 * layer[1], t = layer[0];
    const double e1 = e * std::cos(k * t) + de / k * std::sin(k * t);
    de = -e * k * std::sin(k * t) + de * std::cos(k * t);
    e = e1;
  }
  return e;
}

// The lowest resonance: the first sign change of E(L) scanning up from low frequency,
// refined by bisection.
double exact_resonance(double a) {
  double lo = 0.02, hi = lo;
  while (field_at_wall(lo, a) * field_at_wall(hi + 0.01, a) > 0) hi += 0.01, lo = hi;
  hi += 0.01;
  for (int it = 0; it < 200; ++it) {
    const double mid = 0.5 * (lo + hi);
    (field_at_wall(lo, a) * field_at_wall(mid, a) <= 0 ? hi : lo) = mid;
  }
  return 0.5 * (lo + hi);
}

// Relative error of the FDTD resonance at `res` cells per um.
double resonance_error(double res, bool smoothing) {
  const double d = 1 / res;
  const double a = (std::floor(0.31 * res) + 0.3) * d;  // edge 0.3 of a cell past a node
  Scene s = plane_wave_line(cavity, res);
  s.domain.center = {0.5 * cavity, 0, 0};
  s.domain.boundary[0][0].kind = s.domain.boundary[0][1].kind = BoundaryKind::pec;
  s.smoothing = smoothing;
  s.materials.push_back(Material{"si", n_slab * n_slab});
  s.shapes.push_back(make_box(1, {a + 0.5 * thickness, 0, 0}, {thickness, 1e3, 1e3}));
  SourceSpec src = plane_source(0.87, 0.2, 0.1);
  s.sources.push_back(src);
  s.probes.push_back(ProbeSpec{"p", {Component::Ey}, {0.13, 0, 0}});
  s.run.time = 400;
  Simulation<double> sim(s);
  const ProbeSeries p = sim.run(nullptr).probes.at(0);
  const double exact = exact_resonance(a);
  const double found = peak_frequency(p, 0.97 * exact, 1.03 * exact);
  return std::abs(found / exact - 1);
}

// Least-squares slope of log(error) against log(1/resolution).
double order(const std::vector<double>& res, const std::vector<double>& err) {
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  const double n = static_cast<double>(res.size());
  for (std::size_t i = 0; i < res.size(); ++i) {
    const double x = std::log(1 / res[i]), y = std::log(err[i]);
    sx += x, sy += y, sxx += x * x, sxy += x * y;
  }
  return (n * sxy - sx * sy) / (n * sxx - sx * sx);
}

}  // namespace

TEST(Smoothing, SecondOrderAgainstFirstOrderStaircase) {
  const std::vector<double> res = {20, 40, 80};
  std::vector<double> smooth, stair;
  for (double r : res) {
    smooth.push_back(resonance_error(r, true));
    stair.push_back(resonance_error(r, false));
    std::printf("%3.0f cells/um: relative error smoothed %.2e, staircase %.2e\n", r, smooth.back(), stair.back());
  }
  const double p_smooth = order(res, smooth), p_stair = order(res, stair);
  std::printf("convergence order: smoothed %.2f, staircase %.2f\n", p_smooth, p_stair);
  EXPECT_GE(p_smooth, 1.8);
  EXPECT_LT(p_stair, 1.5);  // about 1 (the grid's own second-order error adds at coarse d)
  EXPECT_GT(p_stair, 0.7);
  EXPECT_LT(smooth.back(), stair.back());
}
