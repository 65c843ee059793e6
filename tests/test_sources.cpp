// Source normalisation. A uniform sheet of surface current K radiates a plane wave of
// amplitude |E| = K eta / 2 to each side (eta = 1 in vacuum), so the flux Re(E x H*) through a
// plane of area A on one side is A |K S(f)|^2 / 4, where S(f) is the Fourier transform of the
// time profile. Dividing the measured flux spectrum by the reported source_power must give
// A / 4 at every frequency: this is what makes "divide by the source spectrum" work. The
// magnetic sheet (M) is the dual and gives the same. The Yee grid's discrete impedance
// departs from 1 by about (k d)^2 / 8: 1.8e-3 at 52 cells per wavelength (1.3 um here).
#include <gtest/gtest.h>

#include <cstdio>

#include "scenes.hpp"
#include "solver/simulation.hpp"

using namespace pfdtd;
using namespace pfdtd::testing;

namespace {

void check_sheet(Component c) {
  const double res = 40;
  Scene s = plane_wave_line(8.0, res);
  s.sources.push_back(plane_source(-1.0, 1 / 1.5, 0.25, c));
  const std::vector<double> freqs = linspace(1 / 1.7, 1 / 1.3, 9);
  s.fluxes.push_back(FluxSpec{"t", {1.0, 0, 0}, {0, 1e3, 1e3}, +1, freqs});
  s.run.time = 30;
  Simulation<double> sim(s);
  const RunResults r = sim.run(nullptr);
  const FluxSpectrum& f = r.fluxes.at(0);
  const double area = sim.grid().d * sim.grid().d;
  double worst = 0;
  for (std::size_t n = 0; n < freqs.size(); ++n) {
    const double ratio = f.flux[n] / f.source_power[n] / (area / 4);
    worst = std::max(worst, std::abs(ratio - 1));
    EXPECT_NEAR(ratio, 1.0, 1e-2) << "lambda " << 1 / freqs[n];
  }
  std::printf("%s sheet: flux / (A |S|^2 / 4) within %.1e of 1 over 1.3-1.7 um\n", component_name(c), worst);
}

}  // namespace

TEST(Sources, ElectricSheetSpectrumNormalisation) { check_sheet(Component::Ey); }
TEST(Sources, MagneticSheetSpectrumNormalisation) { check_sheet(Component::Hz); }

// A CW sheet with its smooth turn-on settles to the steady amplitude |E| = K / 2.
TEST(Sources, ContinuousWaveReachesSteadyAmplitude) {
  Scene s = plane_wave_line(8.0, 40);
  SourceSpec src = plane_source(-1.0, 1 / 1.55, 0.0);
  src.time.kind = TimeProfile::Kind::cw;
  src.time.ramp = 5;
  s.sources.push_back(src);
  s.probes.push_back(ProbeSpec{"p", {Component::Ey}, {1.0, 0, 0}});
  s.run.time = 40;
  Simulation<double> sim(s);
  const ProbeSeries p = sim.run(nullptr).probes.at(0);
  double peak = 0;  // over the last 5 periods
  const std::size_t last = static_cast<std::size_t>(5 * 1.55 / p.dt);
  for (std::size_t n = p.values.size() - last; n < p.values.size(); ++n) peak = std::max(peak, std::abs(p.values[n]));
  std::printf("CW steady amplitude %.5f (expected 0.5)\n", peak);
  EXPECT_NEAR(peak, 0.5, 5e-3);
}
