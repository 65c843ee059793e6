// Mode source and mode monitor (issue 4, validation 3): a mode launched one way from a plane
// into a straight SOI strip arrives with the power the source states, nothing goes back, and
// a taper conserves power. No normalisation run: the launched flux comes from the source.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "geometry/solids.hpp"
#include "scenes.hpp"
#include "solver/simulation.hpp"

namespace pfdtd {
namespace {

using testing::linspace;

constexpr double kSi = 3.48 * 3.48, kSiO2 = 1.444 * 1.444;

// A strip along x (0.5 x 0.22 um Si in SiO2, 1.55 um), at `res` cells per um, 4.4 um long,
// with PML on every face; a TE0 pulse covering 1.5-1.6 um launched along +x at x = -1.2.
Scene strip_scene(double res) {
  Scene s;
  s.materials = {Material{"oxide", kSiO2, 0.0}, Material{"si", kSi, 0.0}};
  s.domain.size = {4.4, 2.2, 1.8};
  s.domain.resolution = res;
  s.shapes.push_back(make_box(1, {0, 0, 0}, {1e3, 0.5, 0.22}));
  ModeSourceSpec src;
  src.name = "in";
  src.center = {-1.2, 0, 0};
  src.size = {0, 2.2, 1.8};
  src.time.frequency = 1 / 1.55;
  src.time.fwidth = 0.03;
  s.mode_sources.push_back(src);
  s.run.time = 110;
  return s;
}

ModeMonitorSpec mode_monitor(const std::string& name, double x, const std::vector<double>& freqs) {
  ModeMonitorSpec m;
  m.name = name;
  m.center = {x, 0, 0};
  m.size = {0, 2.2, 1.8};
  m.frequencies = freqs;
  return m;
}

std::vector<double> band() {
  std::vector<double> f;
  for (double lambda : linspace(1.5, 1.6, 6)) f.push_back(1 / lambda);
  return f;
}

TEST(ModeSource, StraightStripLaunchesUnitPowerOneWay) {
  Scene s = strip_scene(25);
  s.mode_monitors = {mode_monitor("ahead", 1.2, band()), mode_monitor("behind", -1.6, band())};
  Simulation<float> sim(s);
  const RunResults r = sim.run(nullptr);
  const ModeSpectrum& ahead = r.modes[0];
  const ModeSpectrum& behind = r.modes[1];
  for (std::size_t f = 0; f < ahead.frequencies.size(); ++f) {
    const double t = std::norm(ahead.forward[0][f]) / ahead.input_power[f];
    const double back = std::norm(behind.backward[0][f]) / behind.input_power[f];
    std::printf("lambda %.4f um: forward %.5f, backward %.1f dB, neff %.5f\n", 1 / ahead.frequencies[f], t,
                10 * std::log10(back), ahead.neff[0][f].real());
    // Forward: the 0.5 %. Backward: a one-way launch of an exact discrete mode; the
    // issue asks for -30 dB.
    EXPECT_NEAR(t, 1.0, 5e-3);
    EXPECT_LT(10 * std::log10(back), -30.0);
  }
}

// A linear taper from 0.5 to 0.8 um over 1.6 um between two straight strips: what the
// launched TE0 carries must come out, as TE0, reflection or radiation. Flux planes on the
// output and upstream of the source count it all; the output's TE0 amplitude shows the
// taper is adiabatic (nothing is hidden in radiation).
TEST(ModeSource, TaperConservesTheLaunchedPower) {
  Scene s = strip_scene(25);
  s.shapes.clear();
  const double h = 0.11;
  s.shapes.push_back(make_polygon_prism(1, {{-5, -0.25}, {-0.8, -0.25}, {0.8, -0.4}, {5, -0.4}, {5, 0.4}, {0.8, 0.4},
                                            {-0.8, 0.25}, {-5, 0.25}},
                                        -h, h));
  const std::vector<double> freqs = band();
  s.mode_monitors = {mode_monitor("out", 1.6, freqs), mode_monitor("back", -1.6, freqs)};
  s.fluxes = {FluxSpec{"out", {1.6, 0, 0}, {0, 2.2, 1.8}, +1, freqs}, FluxSpec{"back", {-1.6, 0, 0}, {0, 2.2, 1.8}, -1, freqs}};
  Simulation<float> sim(s);
  const RunResults r = sim.run(nullptr);
  for (std::size_t f = 0; f < freqs.size(); ++f) {
    const double in = r.modes[0].input_power[f];
    const double out = r.fluxes[0].flux[f] / in, back = r.fluxes[1].flux[f] / in;
    const double te0 = std::norm(r.modes[0].forward[0][f]) / in, refl = std::norm(r.modes[1].backward[0][f]) / in;
    std::printf("lambda %.4f um: out %.5f + back %.2e = %.5f; TE0 out %.5f, TE0 back %.2e\n", 1 / freqs[f], out, back,
                out + back, te0, refl);
    EXPECT_NEAR(out + back, 1.0, 1e-2);  // the 1 %
    EXPECT_GT(te0, 0.98);
    EXPECT_LE(te0, out + 1e-3);  // a mode never carries more than the plane's flux
  }
}

}  // namespace
}  // namespace pfdtd
