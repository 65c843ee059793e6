// Validation 3: numerical dispersion. A plane-wave pulse along x is probed at two points a
// distance L apart; the phase of the ratio of their Fourier transforms is k L, from which
// the phase velocity omega / k follows. Yee's scheme has the exact discrete dispersion
// relation (Taflove and Hagness, "Computational Electrodynamics", 3rd ed., eq. 4.12)
//     sin(omega dt / 2) / dt = sin(k d / 2) / d        (c = 1, propagation along an axis)
// which differs from omega = k by ~(k d)^2 / 24: 1.6e-2 at 10 and 4e-3 at 20 cells per
// wavelength, so a 1e-4 match can only come from modelling the grid, not the continuum.
#include <gtest/gtest.h>

#include <cstdio>

#include "scenes.hpp"
#include "solver/simulation.hpp"

using namespace pfdtd;
using namespace pfdtd::testing;

namespace {

void check_phase_velocity(double cells_per_wavelength) {
  const double lambda = 1.55, f = 1 / lambda, res = cells_per_wavelength / lambda, L = 10 * lambda;
  Scene s = plane_wave_line(L + 8.0, res);
  s.domain.center = {0.5 * L, 0, 0};
  s.sources.push_back(plane_source(-2.0, f, 0.15 * f));
  s.probes.push_back(ProbeSpec{"a", {Component::Ey}, {0, 0, 0}});
  s.probes.push_back(ProbeSpec{"b", {Component::Ey}, {L, 0, 0}});
  s.run.time = L + 40;  // the pulse passes both probes and leaves through the PML
  Simulation<double> sim(s);
  const RunResults r = sim.run(nullptr);
  const ProbeSeries& a = r.probes[0];
  const ProbeSeries& b = r.probes[1];
  const double dist = b.point.x - a.point.x;

  const double w = 2 * pi * f, d = sim.grid().d, dt = sim.grid().dt;
  const double k_yee = 2 / d * std::asin(d / dt * std::sin(w * dt / 2));
  // b(t) = a(t - dist/v), so B = A exp(i k dist) with our exp(+i w t) transform; the phase
  // is unwrapped to the branch nearest the vacuum value w * dist.
  const double wrapped = std::arg(dtft(b, f) / dtft(a, f));
  const double turns = std::round((w * dist - wrapped) / (2 * pi));
  const double k_measured = (wrapped + 2 * pi * turns) / dist;

  const double v_yee = w / k_yee, v_measured = w / k_measured;
  std::printf("%g cells/wavelength: v = %.7f, Yee %.7f (continuum 1), relative error %.1e\n",
              cells_per_wavelength, v_measured, v_yee, std::abs(v_measured / v_yee - 1));
  EXPECT_NEAR(v_measured / v_yee, 1.0, 1e-4);
  EXPECT_GT(std::abs(v_yee - 1), 10 * std::abs(v_measured / v_yee - 1));  // the grid, not the continuum
}

}  // namespace

TEST(Dispersion, TenCellsPerWavelength) { check_phase_velocity(10); }
TEST(Dispersion, TwentyCellsPerWavelength) { check_phase_velocity(20); }
