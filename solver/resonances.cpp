#include "solver/resonances.hpp"

#include <harminv.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <numeric>
#include <stdexcept>
#include <string>

#include "solver/source_time.hpp"

namespace pfdtd {

namespace {

// ---------------------------------------------------------------------------------------
// Harmonic inversion

using HarminvHandle = std::unique_ptr<harminv_data_struct, decltype(&harminv_data_destroy)>;

// The acceptance tests of HarminvOptions, in harminv's units (frequencies in cycles per
// sample). `is_fit` tells spurious terms (large error, tiny amplitude: fits of round-off),
// which are dropped from the refit, from the terms reported, which must besides lie in
// [fmin, fmax] and live long enough. A short-lived term (the source's transient) or a mirror
// term at -f is signal, so it stays in the refit, else its share of the record would leak
// into the terms that remain. harminv calls `callback` with k = -1 first (take the set's
// smallest error and largest amplitude), then once per term k >= 0, then with k = -2.
struct TermFilter {
  const HarminvOptions& options;
  double fmin, fmax;  // cycles per sample
  double min_error = 0, max_amplitude = 0;

  static double amplitude(harminv_data d, int k) {
    harminv_complex a;
    harminv_get_amplitude(&a, d, k);
    return std::abs(a);
  }

  void take_extremes(harminv_data d) {
    min_error = HUGE_VAL, max_amplitude = 0;
    for (int k = 0; k < harminv_get_num_freqs(d); ++k) {
      min_error = std::min(min_error, harminv_get_freq_error(d, k));
      max_amplitude = std::max(max_amplitude, amplitude(d, k));
    }
  }

  bool is_fit(harminv_data d, int k) const {
    const double error = harminv_get_freq_error(d, k), a = amplitude(d, k);
    return error <= options.max_error && error <= options.max_relative_error * min_error &&
           a >= options.min_amplitude && a >= options.min_relative_amplitude * max_amplitude;
  }

  bool is_reported(harminv_data d, int k) const {
    const double f = harminv_get_freq(d, k);
    return is_fit(d, k) && f >= fmin && f <= fmax && std::abs(harminv_get_Q(d, k)) > options.min_q;
  }

  static int callback(harminv_data d, int k, void* self) {
    auto* filter = static_cast<TermFilter*>(self);
    if (k == -1) filter->take_extremes(d);
    return k >= 0 && filter->is_fit(d, k);
  }
};

void check_window(const ProbeSeries& s, const HarminvOptions& o) {
  const auto fail = [&](const std::string& what) {
    throw std::invalid_argument("harmonic inversion of probe '" + s.name + "': " + what);
  };
  if (!(s.dt > 0)) fail("the time step is " + std::to_string(s.dt) + "; expected dt > 0");
  if (s.values.size() < 8) fail(std::to_string(s.values.size()) + " samples; expected at least 8");
  const double nyquist = 0.5 / s.dt;
  if (!(o.fmin >= 0 && o.fmin < o.fmax && o.fmax <= nyquist))
    fail("window [" + std::to_string(o.fmin) + ", " + std::to_string(o.fmax) + "] 1/um; expected 0 <= fmin < fmax <= " +
         std::to_string(nyquist) + " (the Nyquist frequency of the record)");
  if (o.max_terms < 2) fail("max_terms " + std::to_string(o.max_terms) + "; expected at least 2");
}

// A real record holds each term at +f and at -f. harminv fits only what its window holds,
// and terms outside it leak into the fit (relative errors near 1e-6 for a record of 200
// periods). The window is therefore [-fmax, fmax]: every term below fmax is fitted with its
// mirror image, and the result is then cut to [fmin, fmax]. Its basis holds
// spectral_density functions per 1/T of that window, within max_terms.
int basis_size(const ProbeSeries& s, const HarminvOptions& o) {
  const double n = static_cast<double>(s.values.size());
  const double resolved = 2 * o.fmax * s.dt * n * o.spectral_density;
  return static_cast<int>(std::clamp(std::min(n, resolved), 2.0, static_cast<double>(o.max_terms)));
}

Resonance term(harminv_data d, int k, double dt) {
  Resonance r;
  r.frequency = harminv_get_freq(d, k) / dt;
  r.wavelength = 1 / r.frequency;
  r.decay = harminv_get_decay(d, k) / dt;
  r.q = harminv_get_Q(d, k);
  harminv_complex a;
  harminv_get_amplitude(&a, d, k);
  r.amplitude = a;
  r.error = harminv_get_freq_error(d, k);
  return r;
}

}  // namespace

std::vector<Resonance> harmonic_inversion(const ProbeSeries& s, const HarminvOptions& o) {
  check_window(s, o);
  const std::vector<harminv_complex> signal(s.values.begin(), s.values.end());
  HarminvHandle hd(harminv_data_create(static_cast<int>(signal.size()), signal.data(), -o.fmax * s.dt, o.fmax * s.dt,
                                       basis_size(s, o)),
                   &harminv_data_destroy);
  if (!hd) throw std::runtime_error("harmonic inversion of probe '" + s.name + "': harminv could not start");
  TermFilter filter{o, o.fmin * s.dt, o.fmax * s.dt};
  harminv_solve(hd.get());
  // Refit without the spurious terms while that removes some (MEEP's loop).
  for (int before = harminv_get_num_freqs(hd.get()), after = -1; after < before;) {
    before = harminv_get_num_freqs(hd.get());
    harminv_solve_again(hd.get(), &TermFilter::callback, &filter);
    after = harminv_get_num_freqs(hd.get());
  }
  filter.take_extremes(hd.get());
  std::vector<Resonance> out;
  for (int k = 0; k < harminv_get_num_freqs(hd.get()); ++k)
    if (filter.is_reported(hd.get(), k)) out.push_back(term(hd.get(), k, s.dt));
  std::sort(out.begin(), out.end(), [](const Resonance& a, const Resonance& b) { return a.frequency < b.frequency; });
  return out;
}

namespace {

// When the last source (point, plane, mode or beam) has ended for good; infinite with a CW one.
double sources_end(const Scene& scene) {
  double end = 0;
  const auto later = [&](const TimeProfile& t) { end = std::max(end, SourceTime(t).end_time()); };
  for (const SourceSpec& src : scene.sources) later(src.time);
  for (const ModeSourceSpec& src : scene.mode_sources) later(src.time);
  for (const BeamSourceSpec& src : scene.beam_sources) later(src.time);
  return end;
}

const ProbeSpec* spec_of(const Scene& scene, const std::string& name) {
  for (const ProbeSpec& p : scene.probes)
    if (p.name == name) return &p;
  return nullptr;
}

ProbeResonances analyse(const ProbeSeries& series, const ResonanceSpec& spec, double t_start) {
  ProbeResonances out{series.name, series.component, spec.fmin, spec.fmax, t_start, {}, ""};
  if (!std::isfinite(t_start)) {
    out.note = "a CW source never ends: no free decay to analyse";
    return out;
  }
  ProbeSeries tail = series;
  const double skip = std::ceil((t_start - series.t0) / series.dt);
  const std::size_t first = skip > 0 ? static_cast<std::size_t>(skip) : 0;
  tail.values.erase(tail.values.begin(), tail.values.begin() + std::min(first, tail.values.size()));
  tail.t0 = series.t0 + first * series.dt;
  out.t0 = tail.t0;
  HarminvOptions options;
  options.fmin = spec.fmin;
  options.fmax = spec.fmax;
  options.min_q = spec.min_q;
  try {
    out.resonances = harmonic_inversion(tail, options);
  } catch (const std::exception& e) {
    out.note = e.what();
  }
  return out;
}

}  // namespace

std::vector<ProbeResonances> probe_resonances(const Scene& scene, const std::vector<ProbeSeries>& series) {
  const double t_start = sources_end(scene);
  std::vector<ProbeResonances> out;
  for (const ProbeSeries& s : series)
    if (const ProbeSpec* spec = spec_of(scene, s.name); spec && spec->resonances.enabled)
      out.push_back(analyse(s, spec->resonances, t_start));
  return out;
}

// ---------------------------------------------------------------------------------------
// Ring spectra

namespace {

struct Samples {
  std::vector<double> f, t;  // by increasing frequency
};

Samples sorted_samples(const std::vector<double>& freqs, const std::vector<double>& trans) {
  if (freqs.size() != trans.size())
    throw std::invalid_argument("ring spectrum: " + std::to_string(freqs.size()) + " frequencies but " +
                                std::to_string(trans.size()) + " transmission values; expected as many of each");
  std::vector<std::size_t> order(freqs.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return freqs[a] < freqs[b]; });
  Samples s;
  for (std::size_t i : order) {
    if (!(freqs[i] > 0) || !std::isfinite(trans[i]))
      throw std::invalid_argument("ring spectrum: sample " + std::to_string(i) + " has frequency " +
                                  std::to_string(freqs[i]) + " and transmission " + std::to_string(trans[i]) +
                                  "; expected a frequency > 0 and a finite transmission");
    s.f.push_back(freqs[i]);
    s.t.push_back(trans[i]);
  }
  return s;
}

// The highest sample reached walking from the minimum i in direction `step` before the
// spectrum falls below T[i] again (or ends): the dip's rim on that side.
double rim(const Samples& s, std::size_t i, int step) {
  double top = s.t[i];
  for (long j = static_cast<long>(i) + step; j >= 0 && j < static_cast<long>(s.t.size()) && s.t[j] >= s.t[i]; j += step)
    top = std::max(top, s.t[j]);
  return top;
}

// Samples [lo, hi] around the minimum i at least half as deep as the dip, or the three
// nearest i if fewer; false when the half-depth span reaches an end of the spectrum.
bool fit_span(const Samples& s, std::size_t i, double half_level, std::size_t& lo, std::size_t& hi) {
  lo = hi = i;
  while (lo > 0 && s.t[lo - 1] <= half_level) --lo;
  while (hi + 1 < s.t.size() && s.t[hi + 1] <= half_level) ++hi;
  if (lo == 0 || hi + 1 == s.t.size()) return false;
  if (hi - lo < 2) lo = std::min(lo, i - 1), hi = std::max(hi, i + 1);
  return true;
}

// Least-squares parabola c0 + c1 u + c2 u^2 through (u, y), by the 3x3 normal equations.
bool fit_parabola(const std::vector<double>& u, const std::vector<double>& y, double c[3]) {
  double m[3][4] = {};
  for (std::size_t k = 0; k < u.size(); ++k) {
    const double p[3] = {1, u[k], u[k] * u[k]};
    for (int r = 0; r < 3; ++r) {
      for (int col = 0; col < 3; ++col) m[r][col] += p[r] * p[col];
      m[r][3] += p[r] * y[k];
    }
  }
  for (int piv = 0; piv < 3; ++piv) {  // Gauss-Jordan with partial pivoting
    int best = piv;
    for (int r = piv + 1; r < 3; ++r)
      if (std::abs(m[r][piv]) > std::abs(m[best][piv])) best = r;
    std::swap(m[piv], m[best]);
    if (m[piv][piv] == 0) return false;
    for (int r = 0; r < 3; ++r)
      if (r != piv) {
        const double ratio = m[r][piv] / m[piv][piv];
        for (int col = piv; col < 4; ++col) m[r][col] -= ratio * m[piv][col];
      }
  }
  for (int r = 0; r < 3; ++r) c[r] = m[r][3] / m[r][r];
  return true;
}

// The Lorentzian through the dip at minimum i below `baseline`; false if it is not one.
bool fit_dip(const Samples& s, std::size_t i, double baseline, RingDip& dip) {
  std::size_t lo = 0, hi = 0;
  if (!fit_span(s, i, 0.5 * (baseline + s.t[i]), lo, hi)) return false;
  const double scale = s.f[hi] - s.f[lo];  // u in units of the span, for conditioning
  std::vector<double> u, y;
  for (std::size_t k = lo; k <= hi; ++k) {
    u.push_back((s.f[k] - s.f[i]) / scale);
    y.push_back(1 / (baseline - s.t[k]));
  }
  double c[3];
  if (!fit_parabola(u, y, c) || !(c[2] > 0)) return false;
  const double y_min = c[0] - c[1] * c[1] / (4 * c[2]);
  if (!(y_min > 0)) return false;
  const double depth = 1 / y_min;
  double smallest = *std::min_element(s.t.begin() + lo, s.t.begin() + hi + 1);
  dip.frequency = s.f[i] - c[1] / (2 * c[2]) * scale;
  dip.wavelength = 1 / dip.frequency;
  dip.baseline = baseline;
  dip.transmission = baseline - depth > 0 ? baseline - depth : smallest;
  dip.extinction_db = 10 * std::log10(baseline / dip.transmission);
  dip.fwhm = 2 * std::sqrt(y_min / c[2]) * scale;
  dip.fwhm_wavelength = dip.fwhm * dip.wavelength * dip.wavelength;
  dip.q_loaded = dip.frequency / dip.fwhm;
  return true;
}

}  // namespace

RingSpectrum analyze_ring_spectrum(const std::vector<double>& frequencies, const std::vector<double>& transmission,
                                   const RingAnalysisOptions& options) {
  const Samples s = sorted_samples(frequencies, transmission);
  RingSpectrum out;
  for (std::size_t i = 1; i + 1 < s.t.size(); ++i) {
    if (!(s.t[i] <= s.t[i - 1] && s.t[i] < s.t[i + 1])) continue;
    // Prominence: a dip counts if it is deep below both rims; the higher rim is the
    // off-resonance level its extinction is measured from.
    const double left = rim(s, i, -1), right = rim(s, i, +1);
    const double shallow_db = 10 * std::log10(std::min(left, right) / std::max(s.t[i], 1e-300));
    RingDip dip;
    if (shallow_db >= options.min_extinction_db && fit_dip(s, i, std::max(left, right), dip)) out.dips.push_back(dip);
  }
  for (std::size_t k = 1; k < out.dips.size(); ++k) {
    out.fsr.push_back(out.dips[k].frequency - out.dips[k - 1].frequency);
    out.fsr_wavelength.push_back(out.dips[k - 1].wavelength - out.dips[k].wavelength);
  }
  return out;
}

RingSpectrum analyze_ring_spectrum_wavelengths(const std::vector<double>& wavelengths,
                                               const std::vector<double>& transmission,
                                               const RingAnalysisOptions& options) {
  std::vector<double> freqs;
  for (std::size_t i = 0; i < wavelengths.size(); ++i) {
    if (!(wavelengths[i] > 0))
      throw std::invalid_argument("ring spectrum: sample " + std::to_string(i) + " has wavelength " +
                                  std::to_string(wavelengths[i]) + " um; expected a wavelength > 0");
    freqs.push_back(1 / wavelengths[i]);
  }
  return analyze_ring_spectrum(freqs, transmission, options);
}

}  // namespace pfdtd
