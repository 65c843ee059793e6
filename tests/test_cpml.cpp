// Validation 2: CPML reflections, each measured against a reference run in a domain large
// enough that nothing returns from its boundary within the time window, so the difference
// of the two probe series is the PML's reflection alone.
#include <gtest/gtest.h>

#include <cstdio>

#include "scenes.hpp"
#include "solver/simulation.hpp"

using namespace pfdtd;
using namespace pfdtd::testing;

namespace {

// Energy of the difference of two series relative to the energy of the first, in dB.
double reflection_db(const ProbeSeries& test, const ProbeSeries& ref) {
  double diff = 0, sig = 0;
  for (std::size_t n = 0; n < ref.values.size(); ++n) {
    diff += std::pow(test.values[n] - ref.values[n], 2);
    sig += std::pow(ref.values[n], 2);
  }
  return 10 * std::log10(diff / sig);
}

}  // namespace

// A broadband plane-wave pulse (1.2-2.0 um) at normal incidence on a 12-cell CPML at 20
// cells per micrometre, probed 1 um in front of it. Issue target: at most -50 dB.
TEST(Cpml, PlaneWaveNormalIncidence) {
  const double res = 20, t_end = 24;
  auto run = [&](double length) {
    Scene s = plane_wave_line(length, res);
    s.domain.center = {0.5 * length - 3.0, 0, 0};  // the short domain spans [-3, 3]
    s.sources.push_back(plane_source(-1.0, 1 / 1.55, 0.2));
    s.probes.push_back(ProbeSpec{"p", {Component::Ey}, {1.8, 0, 0}});
    s.run.time = t_end;
    Simulation<double> sim(s);
    return sim.run(nullptr).probes.at(0);
  };
  const ProbeSeries test = run(6.0), ref = run(6.0 + t_end);  // the long domain ends t_end um further away
  const double db = reflection_db(test, ref);
  std::printf("CPML plane-wave reflection: %.1f dB\n", db);
  EXPECT_LT(db, -50.0);
}

// A point dipole in 2D (Ez, TM) 0.6 um from 12-cell CPMLs on all sides: waves hit the PML
// at all angles, including grazing ones. Issue target: at most -40 dB.
TEST(Cpml, PointDipole2D) {
  const double res = 20, t_end = 24;
  auto run = [&](double size) {
    Scene s;
    s.materials.push_back(Material{"vacuum", 1.0, 0.0});
    s.domain.dims = 2;
    s.domain.size = {size, size, 0};
    s.domain.resolution = res;
    SourceSpec src;
    src.component = Component::Ez;
    src.time.frequency = 1 / 1.55;
    src.time.fwidth = 0.2;
    s.sources.push_back(src);
    s.probes.push_back(ProbeSpec{"p", {Component::Ez}, {0.9, 0.4, 0}});
    s.run.time = t_end;
    Simulation<double> sim(s);
    return sim.run(nullptr).probes.at(0);
  };
  const ProbeSeries test = run(3.0), ref = run(3.0 + 2 * t_end);
  const double db = reflection_db(test, ref);
  std::printf("CPML point-dipole reflection: %.1f dB\n", db);
  EXPECT_LT(db, -40.0);
}
