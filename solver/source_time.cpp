#include "solver/source_time.hpp"

#include <cmath>
#include <limits>

namespace pfdtd {

namespace {
constexpr double two_pi = 6.283185307179586;
}

SourceTime::SourceTime(const TimeProfile& p) : p_(p) {
  width_ = 1.0 / (two_pi * p.fwidth);
  peak_ = p.offset * width_;
}

double SourceTime::envelope(double t) const {
  if (p_.kind == TimeProfile::Kind::gaussian) {
    const double tau = t - peak_;
    if (std::abs(tau) > peak_) return 0.0;
    return std::exp(-tau * tau / (2 * width_ * width_));
  }
  if (t <= 0) return 0.0;
  const double ramp_time = p_.ramp / p_.frequency;
  return t >= ramp_time ? 1.0 : 0.5 * (1 - std::cos(M_PI * t / ramp_time));
}

double SourceTime::operator()(double t) const {
  const double carrier_t0 = p_.kind == TimeProfile::Kind::gaussian ? peak_ : 0.0;
  const double e = envelope(t);
  return e == 0.0 ? 0.0 : e * std::sin(two_pi * p_.frequency * (t - carrier_t0));
}

std::complex<double> SourceTime::analytic(double t, double advance) const {
  const double carrier_t0 = p_.kind == TimeProfile::Kind::gaussian ? peak_ : 0.0;
  const double e = envelope(t + advance);
  if (e == 0.0) return 0.0;
  return std::complex<double>(0, e) * std::polar(1.0, -two_pi * p_.frequency * (t - carrier_t0));
}

double SourceTime::end_time() const {
  return p_.kind == TimeProfile::Kind::gaussian ? 2 * peak_ : std::numeric_limits<double>::infinity();
}

std::vector<std::complex<double>> SourceTime::spectrum(const std::vector<double>& freqs, double t0,
                                                       double dt, long long steps) const {
  std::vector<std::complex<double>> out(freqs.size());
  for (long long n = 0; n < steps; ++n) {
    const double t = t0 + n * dt;
    const double s = (*this)(t);
    if (s == 0.0) continue;
    for (std::size_t f = 0; f < freqs.size(); ++f)
      out[f] += s * dt * std::polar(1.0, two_pi * freqs[f] * t);
  }
  return out;
}

std::vector<std::complex<double>> SourceTime::analytic_spectrum(const std::vector<double>& freqs, double t0,
                                                                double dt, long long steps) const {
  std::vector<std::complex<double>> out(freqs.size());
  for (long long n = 0; n < steps; ++n) {
    const double t = t0 + n * dt;
    const std::complex<double> z = analytic(t);
    if (z == 0.0) continue;
    for (std::size_t f = 0; f < freqs.size(); ++f) out[f] += z * dt * std::polar(1.0, two_pi * freqs[f] * t);
  }
  return out;
}

}  // namespace pfdtd
