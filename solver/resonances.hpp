// Resonances of a recorded signal and of a transmission spectrum.
//
// * harmonic_inversion: the decaying sinusoids of a probe's time series by filter
//   diagonalisation (Mandelshtam and Taylor, J. Chem. Phys. 107, 6756 (1997)) through
//   libharminv, with the spurious ones dropped as MEEP's Harminv drops them.
// * analyze_ring_spectrum: the dips of a ring's through-port (or drop-port complement)
//   transmission: resonance wavelengths, FSR, extinction ratio and loaded Q.
#pragma once
#include <limits>
#include <vector>

#include "solver/output.hpp"
#include "solver/scene.hpp"

namespace pfdtd {

// A Resonance (solver/output.hpp) is one term a exp(-i omega (t - t0)) of the signal,
// omega = 2 pi frequency - i decay (harminv's convention). A real record
// A cos(2 pi f (t - t0) + phi) exp(-decay (t - t0)) is two such terms, at +f and -f; the one
// reported (f > 0) has amplitude (A / 2) exp(-i phi).

// Which terms count as resonances. The thresholds are MEEP's defaults (meep.Harminv,
// src/bands.cpp): a term is spurious (a fit of round-off or noise) if its error estimate
// exceeds max_error or max_relative_error times the smallest error found, or its |amplitude|
// is below min_amplitude or min_relative_amplitude times the largest; the fit is repeated
// without the spurious terms until none is dropped. Of the rest, those in [fmin, fmax] with
// |Q| > min_q are reported (shorter-lived terms are the source's transient). Unlike MEEP,
// harminv's window is [-fmax, fmax] and short-lived terms stay in the refit, so that the
// mirror terms of a real record and its transients are fitted rather than leaking into the
// resonances (resonances.cpp).
struct HarminvOptions {
  double fmin = 0, fmax = 0;      // window, 1/um
  int max_terms = 200;            // basis functions at most (MEEP: 100 over [fmin, fmax])
  double spectral_density = 1.1;  // basis functions per 1/T over [-fmax, fmax] (T: record length)
  double min_q = 50;
  double max_error = 0.01;
  double max_relative_error = std::numeric_limits<double>::infinity();
  double min_amplitude = 0;
  double min_relative_amplitude = 0;
};

// The resonances of `series` in [fmin, fmax], by increasing frequency. Throws
// std::invalid_argument for a bad window or a record too short to fit.
std::vector<Resonance> harmonic_inversion(const ProbeSeries& series, const HarminvOptions& options);

// The resonances of every probe series whose ProbeSpec asks for them (scene.probes[].
// resonances), from the record after the last source has ended (MEEP's after_sources). A
// record that cannot be analysed (too short, a CW source) gets a note instead of a throw, so
// that the run's other results are still written.
std::vector<ProbeResonances> probe_resonances(const Scene& scene, const std::vector<ProbeSeries>& series);

// ---------------------------------------------------------------------------------------

struct RingDip {
  double frequency = 0;      // 1/um, centre of the fitted Lorentzian
  double wavelength = 0;     // um, 1 / frequency
  double transmission = 0;   // at the centre (fit), clamped to the smallest sample if <= 0
  double baseline = 0;       // off-resonance transmission: the larger neighbouring maximum
  double extinction_db = 0;  // 10 log10(baseline / transmission)
  double fwhm = 0;           // full width at half depth, 1/um
  double fwhm_wavelength = 0;  // the same in um, fwhm * wavelength^2
  double q_loaded = 0;       // frequency / fwhm
};

struct RingSpectrum {
  std::vector<RingDip> dips;  // by increasing frequency
  // Spacing of neighbouring dips (dips.size() - 1 entries), in 1/um and in um.
  std::vector<double> fsr, fsr_wavelength;
};

struct RingAnalysisOptions {
  double min_extinction_db = 1.0;  // shallower dips (ripple, noise) are not resonances
};

// Dips of a transmission spectrum sampled at `frequencies` (1/um, any order) with values
// `transmission`. Each dip is fitted with a Lorentzian T = B - A / (1 + ((f - f0) / g)^2),
// B the off-resonance baseline: 1 / (B - T) is then a parabola in f, fitted by linear least
// squares to the samples above half depth (at least the 3 nearest the minimum), which gives
// f0, A and the FWHM 2 g without iteration and to within sampling for a coarse scan.
RingSpectrum analyze_ring_spectrum(const std::vector<double>& frequencies, const std::vector<double>& transmission,
                                   const RingAnalysisOptions& options = {});
// The same for samples given by wavelength (um).
RingSpectrum analyze_ring_spectrum_wavelengths(const std::vector<double>& wavelengths,
                                               const std::vector<double>& transmission,
                                               const RingAnalysisOptions& options = {});

}  // namespace pfdtd
