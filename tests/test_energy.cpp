// Validation 5: energy in a closed PEC box.
// Lossless: Yee's leapfrog conserves exactly the discrete energy
//     W^n = 1/2 sum (eps |E^n|^2 + H^{n-1/2} . H^{n+1/2}) dV
// (the naive sum with one H oscillates at O((w dt)^2)); after the source is off it must
// stay constant to 1e-5 over 10,000 steps in float64 (it does to round-off).
// Lossy: with a uniform conductivity sigma every mode decays as exp(-sigma t / (2 eps)) in
// amplitude, so W falls as exp(-sigma t / eps); the fitted rate must match within 1 %.
#include <gtest/gtest.h>

#include <cstdio>

#include "scenes.hpp"
#include "solver/simulation.hpp"

using namespace pfdtd;
using namespace pfdtd::testing;

namespace {

Scene pec_box(double eps, double sigma) {
  Scene s;
  s.materials.push_back(Material{"fill", eps, sigma});
  s.domain.size = {1.0, 0.8, 0.6};
  s.domain.resolution = 20;
  for (auto& ax : s.domain.boundary)
    for (auto& b : ax) b.kind = BoundaryKind::pec;
  SourceSpec src;
  src.component = Component::Ey;
  src.center = {0.13, 0.07, -0.09};
  src.time.frequency = 1.0;
  src.time.fwidth = 0.5;
  s.sources.push_back(src);
  s.run.time = 1e9;
  return s;
}

double dot(const std::vector<double>& a, const std::vector<double>& b) {
  double s = 0;
  for (std::size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
  return s;
}

// The conserved discrete energy at the current E^n: takes one more step to get H^{n+1/2}.
double discrete_energy(Simulation<double>& sim, double eps) {
  const Box in = sim.grid().interior();
  const auto& f = sim.fields();
  double we = 0, wh = 0;
  std::vector<double> h_before[3];
  for (int c = 0; c < 3; ++c) {
    const auto e = f.download(static_cast<Component>(c), in);
    we += eps * dot(e, e);
    h_before[c] = f.download(static_cast<Component>(3 + c), in);
  }
  sim.step();
  for (int c = 0; c < 3; ++c) wh += dot(h_before[c], f.download(static_cast<Component>(3 + c), in));
  const double dv = std::pow(sim.grid().d, 3);
  return 0.5 * (we + wh) * dv;
}

}  // namespace

TEST(Energy, LosslessPecBoxConservesDiscreteEnergy) {
  const double eps = 2.25;
  Simulation<double> sim(pec_box(eps, 0.0));
  while (sim.steps_taken() * sim.grid().dt < 10) sim.step();  // source is off after ~3.2
  const double w0 = discrete_energy(sim, eps);
  const long long n0 = sim.steps_taken();
  while (sim.steps_taken() < n0 + 10000) sim.step();
  const double w1 = discrete_energy(sim, eps);
  std::printf("energy over 10000 steps: %.15g -> %.15g, relative change %.1e\n", w0, w1, std::abs(w1 / w0 - 1));
  ASSERT_GT(w0, 0.0);
  EXPECT_NEAR(w1 / w0, 1.0, 1e-5);
}

TEST(Energy, ConductiveBoxDecaysAtAnalyticRate) {
  const double eps = 2.25, sigma = 0.06;  // sigma / (eps w) ~ 4e-3: weakly damped modes
  Simulation<double> sim(pec_box(eps, sigma));
  while (sim.steps_taken() * sim.grid().dt < 10) sim.step();
  // Least-squares slope of ln W over t, sampled across a decay of e^-4.
  const double t_span = 4 * eps / sigma, t0 = sim.steps_taken() * sim.grid().dt;
  double st = 0, sw = 0, stt = 0, stw = 0;
  int n = 0;
  while (sim.steps_taken() * sim.grid().dt < t0 + t_span) {
    const double t = sim.steps_taken() * sim.grid().dt, lw = std::log(discrete_energy(sim, eps));
    st += t, sw += lw, stt += t * t, stw += t * lw, ++n;
    for (int k = 0; k < 37; ++k) sim.step();
  }
  const double slope = (n * stw - st * sw) / (n * stt - st * st);
  const double expected = -sigma / eps;
  std::printf("decay rate %.6f, analytic %.6f, relative error %.1e\n", slope, expected, std::abs(slope / expected - 1));
  EXPECT_NEAR(slope / expected, 1.0, 1e-2);
}
