// Small scene builders and signal helpers shared by the physics tests.
#pragma once
#include <cmath>
#include <complex>
#include <memory>
#include <vector>

#include "solver/output.hpp"
#include "solver/scene.hpp"
#include "solver/simulation.hpp"

namespace pfdtd::testing {

constexpr double pi = 3.141592653589793;

// A quasi-1D scene: propagation along x, one cell across y and z with periodic walls, so a
// plane source is an exact plane wave. PML on both x faces.
inline Scene plane_wave_line(double length, double resolution) {
  Scene s;
  s.materials.push_back(Material{"vacuum", 1.0, 0.0});
  s.domain.size = {length, 1.0 / resolution, 1.0 / resolution};
  s.domain.resolution = resolution;
  for (int a = 1; a < 3; ++a)
    for (auto& b : s.domain.boundary[a]) b.kind = BoundaryKind::periodic;
  return s;
}

inline SourceSpec plane_source(double x, double f0, double fwidth, Component c = Component::Ey) {
  SourceSpec src;
  src.component = c;
  src.center = {x, 0, 0};
  src.size = {0, 1e3, 1e3};  // clipped to the domain: the whole cross-section
  src.time.frequency = f0;
  src.time.fwidth = fwidth;
  return src;
}

inline std::vector<double> linspace(double a, double b, int n) {
  std::vector<double> v(n);
  for (int i = 0; i < n; ++i) v[i] = a + (b - a) * i / (n - 1);
  return v;
}

// Reflectance of a half-space of `medium` (x > 0) on a 12 um vacuum line at `res` cells per
// um, at each frequency, by flux planes: the reflected field is the difference of the DFT
// fields of runs with and without the medium (the standard two-run normalisation), the
// incident power the reference run's flux. A pulse at 1.5 um (fwidth 0.25) from x = -3;
// planes at x = -4 (reflected) and -1 (incident).
template <class Real>
std::vector<double> half_space_reflectance(const Material& medium, double res, const std::vector<double>& freqs) {
  auto run = [&](bool with_medium) {
    Scene s = plane_wave_line(12.0, res);
    s.sources.push_back(plane_source(-3.0, 1 / 1.5, 0.25));
    s.fluxes = {FluxSpec{"r", {-4.0, 0, 0}, {0, 1e3, 1e3}, +1, freqs},
                FluxSpec{"i", {-1.0, 0, 0}, {0, 1e3, 1e3}, +1, freqs}};
    if (with_medium) {
      s.materials.push_back(medium);
      s.shapes.push_back(make_box(1, {3.0, 0, 0}, {6.0, 1e3, 1e3}));
    }
    s.run.time = 40;
    auto sim = std::make_unique<Simulation<Real>>(s);
    sim->run(nullptr);
    return sim;
  };
  const auto ref = run(false), dev = run(true);
  const std::vector<double> incident = ref->flux("i").fields().flux();
  const std::vector<double> reflected = (dev->flux("r").fields() - ref->flux("r").fields()).flux();
  std::vector<double> R(freqs.size());
  for (std::size_t n = 0; n < freqs.size(); ++n) R[n] = -reflected[n] / incident[n];
  return R;
}

// Discrete-time Fourier transform of a probe series at frequency f (1/um).
inline std::complex<double> dtft(const ProbeSeries& s, double f) {
  std::complex<double> sum = 0;
  for (std::size_t n = 0; n < s.values.size(); ++n)
    sum += s.values[n] * std::polar(1.0, 2 * pi * f * (s.t0 + n * s.dt));
  return sum * s.dt;
}

// |DTFT| of the Hann-windowed record: the largest of a scan of [lo, hi] at a quarter of the
// record's resolution 1/T, then refined by golden-section search within one bin of it.
inline double peak_frequency(const ProbeSeries& s, double lo, double hi) {
  ProbeSeries w = s;
  const std::size_t n = w.values.size();
  for (std::size_t i = 0; i < n; ++i) w.values[i] *= 0.5 - 0.5 * std::cos(2 * pi * i / (n - 1));
  auto mag = [&](double f) { return std::abs(dtft(w, f)); };
  const double bin = 1 / (n * s.dt);
  double best = lo, best_mag = mag(lo);
  for (double f = lo; f <= hi; f += bin / 4)
    if (const double m = mag(f); m > best_mag) best = f, best_mag = m;
  const double g = 0.5 * (std::sqrt(5.0) - 1);
  double a = best - bin, b = best + bin;
  for (int it = 0; it < 80; ++it) {
    const double x1 = b - g * (b - a), x2 = a + g * (b - a);
    (mag(x1) > mag(x2) ? b : a) = (mag(x1) > mag(x2) ? x2 : x1);
  }
  return 0.5 * (a + b);
}

}  // namespace pfdtd::testing
