// Time profiles of sources. A Gaussian pulse
//   s(t) = sin(2 pi f0 (t - t0)) exp(-(t - t0)^2 / (2 w^2)),   w = 1 / (2 pi fwidth),
// has a spectrum whose magnitude falls as exp(-((f - f0)/fwidth)^2 / 2) around f0 (the sine
// carrier keeps its mean zero, so a point source leaves no static charge behind). A CW
// source is sin(2 pi f t) switched on by a raised-cosine ramp. `spectrum` is the discrete
// Fourier sum of exactly the samples the stepper applied, so dividing a monitor's spectrum
// by it removes the source's shape with no discretisation mismatch.
#pragma once
#include <complex>
#include <vector>

#include "solver/scene.hpp"

namespace pfdtd {

class SourceTime {
 public:
  explicit SourceTime(const TimeProfile& p);
  double operator()(double t) const;
  // The analytic signal z(t) with Re z = s(t) and (almost) no negative-frequency content:
  // i exp(-i 2 pi f0 (t - t0)) env(t). Plane sources multiply it by a complex amplitude per
  // cell; `advance` evaluates the envelope that much later (a group delay), not the carrier.
  std::complex<double> analytic(double t, double advance = 0) const;
  // sum_n z(t0 + n dt) exp(i 2 pi f (t0 + n dt)) dt over n < steps, for each frequency.
  std::vector<std::complex<double>> analytic_spectrum(const std::vector<double>& freqs, double t0,
                                                      double dt, long long steps) const;
  // Time after which the source is off for good (infinity for CW).
  double end_time() const;
  // sum_n s(t0 + n dt) exp(i 2 pi f (t0 + n dt)) dt over n < steps, for each frequency.
  std::vector<std::complex<double>> spectrum(const std::vector<double>& freqs, double t0,
                                             double dt, long long steps) const;

 private:
  double envelope(double t) const;  // 0 outside the pulse
  TimeProfile p_;
  double width_ = 0, peak_ = 0;
};

}  // namespace pfdtd
