// Validation 1: normal-incidence reflectance at an n = 1 / n = 3.48 interface, measured with
// flux planes, against Fresnel's R = ((n1 - n2) / (n1 + n2))^2 = 0.306449.
//
// The reflected field is isolated by subtracting the DFT fields of a reference run without
// the interface (the standard two-run normalisation); the incident power is the flux of
// the reference run. Discretisation error: the Yee grid's wave impedance differs from the
// continuum by O((k d)^2); at 60 cells per wavelength in silicon at 1.3 um the measured
// error is 0.16 %, inside the 0.5 % the issue asks for, while 30 cells would not be.
#include <gtest/gtest.h>

#include <cstdio>

#include "scenes.hpp"
#include "solver/simulation.hpp"

using namespace pfdtd;
using namespace pfdtd::testing;

namespace {

template <class Real>
void check_fresnel() {
  const double n2 = 3.48, res = 160;  // 160 cells/um: 60 cells per wavelength in Si at 1.3 um
  const std::vector<double> freqs = linspace(1 / 1.7, 1 / 1.3, 21);
  const std::vector<double> measured = half_space_reflectance<Real>(Material{"si", n2 * n2}, res, freqs);
  const double R = std::pow((1 - n2) / (1 + n2), 2);
  double worst = 0;
  for (std::size_t f = 0; f < freqs.size(); ++f) {
    const double r = measured[f];
    worst = std::max(worst, std::abs(r / R - 1));
    EXPECT_NEAR(r / R, 1.0, 5e-3) << "lambda = " << 1 / freqs[f] << " um, R = " << r;
  }
  std::printf("Fresnel R = %.6f: largest relative error over 1.3-1.7 um %.2e\n", R, worst);
}

}  // namespace

TEST(Fresnel, Float32) { check_fresnel<float>(); }
TEST(Fresnel, Float64) { check_fresnel<double>(); }
