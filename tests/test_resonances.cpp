// Resonances and Q by harmonic inversion (solver/resonances.hpp), and the analysis of a
// ring's transmission spectrum.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "geometry/solids.hpp"
#include "scenes.hpp"
#include "solver/resonances.hpp"
#include "solver/simulation.hpp"
#include "solver/source_time.hpp"

using namespace pfdtd;
using namespace pfdtd::testing;

namespace {

// ---------------------------------------------------------------------------------------
// (a) Harmonic inversion of a synthetic record

struct Term {
  double f, q, amplitude, phase;
};

// A real record sum_k A_k cos(2 pi f_k (t - t0) + phi_k) exp(-decay_k (t - t0)), sampled
// from t0 at dt.
ProbeSeries synthetic(const std::vector<Term>& terms, double t0, double dt, int n) {
  ProbeSeries s;
  s.name = "synthetic";
  s.t0 = t0;
  s.dt = dt;
  for (int i = 0; i < n; ++i) {
    double v = 0;
    for (const Term& k : terms) v += k.amplitude * std::cos(2 * pi * k.f * i * dt + k.phase) * std::exp(-pi * k.f / k.q * i * dt);
    s.values.push_back(v);
  }
  return s;
}

}  // namespace

// Noise-free data are a sum of exactly as many exponentials as the basis can hold, so filter
// diagonalisation recovers them to round-off: Mandelshtam and Taylor (J. Chem. Phys. 107,
// 6756, 1997) and harminv's own tests reach 1e-10 and better. 1e-8 on the complex frequency
// omega = 2 pi f - i decay and on the complex amplitude leaves room for the conditioning of
// the Q = 5000 term; an error in the frequency unit, the decay sign, the amplitude's factor
// 1/2 or its reference time t0 would show as an error of order 1.
TEST(Resonances, HarmonicInversionRecoversSyntheticTermsToRoundOff) {
  const std::vector<Term> terms = {{0.60, 200, 1.0, 0.3}, {0.65, 1000, 0.5, -1.1}, {0.71, 5000, 0.25, 2.0}};
  // A fourth, short-lived term (Q = 10) in the window: a source transient, to be dropped by
  // the Q > 50 test (MEEP's default).
  std::vector<Term> with_transient = terms;
  with_transient.push_back({0.68, 10, 2.0, 0.0});
  HarminvOptions o;
  o.fmin = 0.5;
  o.fmax = 0.8;
  const std::vector<Resonance> found = harmonic_inversion(synthetic(with_transient, 7.0, 0.05, 4000), o);
  ASSERT_EQ(found.size(), terms.size());
  for (std::size_t k = 0; k < terms.size(); ++k) {
    const Term& t = terms[k];
    const std::complex<double> omega(2 * pi * t.f, -pi * t.f / t.q);
    const std::complex<double> got(2 * pi * found[k].frequency, -found[k].decay);
    const std::complex<double> amplitude = std::polar(t.amplitude / 2, -t.phase);
    const double omega_error = std::abs(got / omega - 1.0), amplitude_error = std::abs(found[k].amplitude / amplitude - 1.0);
    std::printf("term %zu: f %.12f Q %.6f, |d omega|/|omega| %.1e, |d a|/|a| %.1e, harminv error %.1e\n", k,
                found[k].frequency, found[k].q, omega_error, amplitude_error, found[k].error);
    EXPECT_LT(omega_error, 1e-8);
    EXPECT_LT(amplitude_error, 1e-8);
    EXPECT_NEAR(found[k].q / t.q, 1.0, 1e-6);  // Q = Re omega / (2 Im omega): 1e-8 times Q at most
    EXPECT_DOUBLE_EQ(found[k].wavelength, 1 / found[k].frequency);
  }
}

TEST(Resonances, HarmonicInversionRejectsABadWindow) {
  const ProbeSeries s = synthetic({{0.6, 100, 1.0, 0.0}}, 0.0, 0.5, 200);  // Nyquist: 1 / um
  HarminvOptions o;
  o.fmin = 0.5;
  o.fmax = 1.5;
  EXPECT_THROW(harmonic_inversion(s, o), std::invalid_argument);
  o.fmax = 0.4;
  EXPECT_THROW(harmonic_inversion(s, o), std::invalid_argument);
}

// ---------------------------------------------------------------------------------------
// (c) Spectrum of an all-pass ring

namespace {

// Through-port transmission of an all-pass ring (Bogaerts et al., Laser Photonics Rev. 6,
// 47 (2012), eq. 1): T = (a^2 - 2 r a cos phi + r^2) / (1 - 2 a r cos phi + (r a)^2), with
// round-trip phase phi = 2 pi ng L f for a dispersion-free group index.
struct AllPassRing {
  double a, r, ng_length;  // round-trip amplitude, self-coupling, ng L in um
  double transmission(double f) const {
    const double c = std::cos(2 * pi * ng_length * f);
    return (a * a - 2 * r * a * c + r * r) / (1 - 2 * a * r * c + r * a * r * a);
  }
  // Bogaerts et al. eqs. 5-9: FSR = lambda^2 / (ng L), FWHM = (1 - ra) lambda^2 /
  // (pi ng L sqrt(ra)), Q = lambda / FWHM, extinction Tmax / Tmin at resonance.
  double fsr_wavelength(double lambda) const { return lambda * lambda / ng_length; }
  double q_loaded(double lambda) const { return pi * ng_length * std::sqrt(r * a) / (lambda * (1 - r * a)); }
  double extinction_db() const {
    const double t_min = std::pow((a - r) / (1 - r * a), 2), t_max = std::pow((a + r) / (1 + r * a), 2);
    return 10 * std::log10(t_max / t_min);
  }
};

}  // namespace

// The fit is exact for a Lorentzian; the all-pass dip is a Lorentzian in sin(phi / 2), not
// phi, and its baseline is 1 rather than the sampled maximum (a + r)^2 / (1 + ra)^2, which
// both differ by O((1 - ra)^2) = 4e-3 relative here; Bogaerts' expressions carry the same
// order of approximation. 1% covers both, as specified for this analysis, and a wrong
// definition (FWHM at half the transmission rather than half the depth, ER in amplitude
// rather than power, FSR in frequency mistaken for wavelength) misses it by far. Both a fine
// scan (about 20 samples per FWHM) and a coarse one (2 per FWHM) must meet it.
TEST(Resonances, AllPassRingSpectrumGivesBogaertsFsrExtinctionAndQ) {
  const AllPassRing ring{0.98, 0.96, 240.0};
  for (const int samples : {4001, 401}) {
    std::vector<double> lambda = linspace(1.53, 1.57, samples), t;
    for (double l : lambda) t.push_back(ring.transmission(1 / l));
    const RingSpectrum spectrum = analyze_ring_spectrum_wavelengths(lambda, t);
    // Resonances: ng L f = m, m from ceil(240 / 1.57) to floor(240 / 1.53).
    ASSERT_EQ(spectrum.dips.size(), 4u) << samples << " samples";
    double worst[3] = {0, 0, 0};  // relative error of FSR, ER (dB), Q
    for (std::size_t k = 0; k < spectrum.dips.size(); ++k) {
      const RingDip& d = spectrum.dips[k];
      EXPECT_NEAR(d.frequency * ring.ng_length, std::round(d.frequency * ring.ng_length), 1e-3);
      worst[1] = std::max(worst[1], std::abs(d.extinction_db / ring.extinction_db() - 1));
      worst[2] = std::max(worst[2], std::abs(d.q_loaded / ring.q_loaded(d.wavelength) - 1));
      if (k > 0) {
        const double mid = std::sqrt(d.wavelength * spectrum.dips[k - 1].wavelength);
        worst[0] = std::max(worst[0], std::abs(spectrum.fsr_wavelength[k - 1] / ring.fsr_wavelength(mid) - 1));
      }
    }
    std::printf("%d samples: relative errors FSR %.1e, ER %.1e (ER %.3f dB), Q %.1e (Q %.0f)\n", samples, worst[0],
                worst[1], spectrum.dips[0].extinction_db, worst[2], spectrum.dips[0].q_loaded);
    for (double e : worst) EXPECT_LT(e, 0.01);
  }
}

// ---------------------------------------------------------------------------------------
// (b) A 2D ring resonator run with the FDTD engine

namespace {

// A 2D ring of index 3.4 in air (outer radius 0.6 um, width 0.25 um) with a whispering-
// gallery mode near 1.47 um, excited by an Ez point pulse in its core and probed in the
// core one radian away. The pulse is narrow (fwidth 0.02/um) so that the neighbouring
// modes, 0.09/um away, get exp(-(0.09/0.02)^2/2) = 4e-5 of its amplitude. The ring is
// lossless: its Q, about 7400, is the radiation Q of the bend. Air gap 0.4 um and PML 0.3 um:
// moving them out to 0.6 and 0.4 um changed Q by 4e-4 in trials.
Resonance ring_resonance(double res) {
  Scene s;
  s.materials.push_back(Material{"air", 1.0, 0.0});
  s.materials.push_back(Material{"core", 3.4 * 3.4, 0.0});
  s.domain.dims = 2;
  const double r_out = 0.6, width = 0.25, gap = 0.4;
  const int pml_cells = static_cast<int>(std::ceil(0.3 * res));
  const double side = 2 * (r_out + gap) + 2.0 * pml_cells / res;
  s.domain.size = {side, side, 1 / res};
  s.domain.resolution = res;
  for (auto& axis : s.domain.boundary)
    for (auto& b : axis) b.pml.cells = pml_cells;
  for (auto& b : s.domain.boundary[2]) b.kind = BoundaryKind::periodic;
  s.shapes.push_back(make_ring(1, {0, 0, 0}, r_out - width, r_out, 1e30));
  const double r_mid = r_out - width / 2;
  SourceSpec src;
  src.component = Component::Ez;
  src.center = {r_mid, 0, 0};
  src.time.frequency = 0.68;
  src.time.fwidth = 0.02;  // on for 10 widths = 80 um/c
  s.sources.push_back(src);
  ProbeSpec probe{"core", {Component::Ez}, {r_mid * std::cos(1.0), r_mid * std::sin(1.0), 0}, {}};
  probe.resonances = ResonanceSpec{true, 0.65, 0.71, 50};
  s.probes.push_back(probe);
  s.run.time = 150;  // 70 um/c of free decay: 48 periods, Q / (pi f) = 1000 um/c decay time
  const std::vector<ProbeResonances> found = Simulation<float>(s).run(nullptr).resonances;
  EXPECT_EQ(found.size(), 1u);
  EXPECT_EQ(found.at(0).note, "");
  EXPECT_GE(found.at(0).t0, SourceTime(src.time).end_time());
  const std::vector<Resonance>& modes = found.at(0).resonances;
  EXPECT_FALSE(modes.empty());
  const auto strongest = std::max_element(modes.begin(), modes.end(), [](const Resonance& a, const Resonance& b) {
    return std::abs(a.amplitude) < std::abs(b.amplitude);
  });
  return strongest == modes.end() ? Resonance{} : *strongest;
}

}  // namespace

// The targets: the resonance frequency within 0.1% and Q within 5% of a run at
// twice the resolution. Yee dispersion moves the frequency as 1/res^2: 0.68007, 0.68107,
// 0.68143 at 40, 60, 80 cells/um in trials (lossless); 64 against 128 cells/um differed by
// 0.087%, too close to the target, so 72 against 144 (about 0.07% expected). The float32
// record is fitted to a harminv error of 1e-11, far below either tolerance.
TEST(Resonances, RingResonatorFrequencyAndQConvergeWithResolution) {
  const Resonance coarse = ring_resonance(72), fine = ring_resonance(144);
  std::printf("72 cells/um: lambda %.5f um, Q %.1f; 144 cells/um: lambda %.5f um, Q %.1f\n", coarse.wavelength,
              coarse.q, fine.wavelength, fine.q);
  std::printf("relative differences: frequency %.2e, Q %.2e\n", std::abs(coarse.frequency / fine.frequency - 1),
              std::abs(coarse.q / fine.q - 1));
  EXPECT_NEAR(fine.wavelength, 1.467, 0.02);  // the mode meant, not a neighbour 0.09/um away
  EXPECT_NEAR(fine.q, 7400, 1500);            // the radiation Q of this bend
  EXPECT_NEAR(coarse.frequency / fine.frequency, 1.0, 1e-3);
  EXPECT_NEAR(coarse.q / fine.q, 1.0, 0.05);
}

