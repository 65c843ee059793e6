// Gaussian beams, fibre coupling with alignment tolerances, and far-field projection, each
// against the analytic Gaussian-beam results:
//  * waist growth w(z) = w0 sqrt(1 + (z/zR)^2), zR = pi n w0^2 / lambda, and the far-field
//    1/e^2 half-angle lambda / (pi n w0): Saleh & Teich, Fundamentals of Photonics (2nd ed.,
//    2007), eqs. 3.1-8, 3.1-11 and 3.1-19;
//  * coupling between Gaussian beams at a common waist: offset d gives exp(-(d/w0)^2), tilt
//    theta gives exp(-(pi n w0 theta / lambda)^2) and unequal waists (2 w1 w2 / (w1^2 + w2^2))^2
//    (one factor per transverse dimension): Marcuse, Bell Syst. Tech. J. 56, 703 (1977),
//    eqs. 9-11; the 1-dB full width of exp(-(x/a)^2) is 2 a sqrt(0.1 ln 10).
// The beams here are analytic, so the errors are those of sampling and of the paraxial model
// (second order in 1/(k w0)), not of a time-domain run.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "scenes.hpp"
#include "solver/coupling.hpp"
#include "solver/far_field.hpp"
#include "solver/gaussian_beam.hpp"

using namespace pfdtd;
using pfdtd::testing::linspace;

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kLambda = 1.55, kFreq = 1 / kLambda;
const double kOneDb = std::sqrt(0.1 * std::log(10.0));  // exp(-x^2) = -1 dB at x = kOneDb

// A square plane (or a line of a 2D run when `line`) centred on `center`, normal to `normal`.
PlaneFields layout(int normal, Vec3 center, double half_width, double spacing, std::vector<double> freqs,
                   bool line = false) {
  PlaneFields p;
  p.normal = normal;
  const int n = 2 * static_cast<int>(std::lround(half_width / spacing)) + 1;
  p.nu = n, p.nv = line ? 1 : n;
  p.du = spacing, p.dv = line ? 1 : spacing;
  p.origin = center;
  p.origin[(normal + 1) % 3] -= half_width;
  if (!line) p.origin[(normal + 2) % 3] -= half_width;
  p.frequencies = std::move(freqs);
  return p;
}

GaussianBeamSpec fibre_spec(double waist, double index) {
  GaussianBeamSpec s;
  s.waist = waist, s.index = index;
  return s;
}

// A line of a z-invariant 2D run along the in-plane axis that is not z, normal to x or y.
PlaneFields z_invariant_line(int normal, double half_width, double spacing) {
  PlaneFields p = layout(normal, {}, half_width, spacing, {kFreq}, true);
  if ((normal + 2) % 3 == 2) return p;  // already a line along u with v = z
  std::swap(p.nu, p.nv), std::swap(p.du, p.dv);
  p.origin = {};
  p.origin[(normal + 2) % 3] = -half_width;
  return p;
}

// The beam sampled on `where`, made 2D along the line's invariant axis when `where` is a line.
PlaneFields sampled(GaussianBeamSpec beam, const PlaneFields& where) {
  beam.invariant_axis = where.invariant_axis();
  return GaussianBeam(beam).on_plane(where);
}

double efficiency(const PlaneFields& field, const GaussianBeamSpec& fibre) {
  return couple_to_beam(field, GaussianBeam(fibre)).efficiency[0];
}

}  // namespace

// |E|^2 across the beam, along h = k x e (where the axial E vanishes), has second moment
// w^2 / 4 (3D) for exp(-2 rho^2 / w^2); sampled over +-4 w at w/40 the moment is exact to
// 1e-6, so the 1 % budget is all paraxial-model error (none is expected: w(z) is exact in it).
TEST(GaussianBeam, WidthFollowsWaistLaw) {
  for (int invariant : {-1, 0}) {
    GaussianBeamSpec s = fibre_spec(2.5, 1.444);
    s.focus = {1, 2, 3}, s.tilt_deg = 10, s.tilt_azimuth_deg = 30, s.polarization_deg = 90;
    if (invariant == 0) s.axis = 1, s.tilt_azimuth_deg = 0;  // a 2D beam in the y-z plane, tilted towards z
    const GaussianBeam beam(s);
    const Vec3 k = beam.propagation();
    cplx E[3], H[3];
    beam.fields(s.focus, kFreq, E, H);
    const Vec3 e{E[0].real(), E[1].real(), E[2].real()};
    EXPECT_NEAR(norm(e), s.amplitude, 1e-12);
    const Vec3 h{k.y * e.z - k.z * e.y, k.z * e.x - k.x * e.z, k.x * e.y - k.y * e.x};
    const Vec3 across = h;  // in 2D e is the invariant axis (polarisation along x)
    const double zr = kPi * s.index * s.waist * s.waist / kLambda;
    ASSERT_NEAR(beam.rayleigh_range(kFreq), zr, 1e-12 * zr);
    for (double z : {0.0, 0.7 * zr, 2.0 * zr}) {
      const double w = s.waist * std::sqrt(1 + z * z / (zr * zr));
      double moment = 0, total = 0;
      for (double x : linspace(-4 * w, 4 * w, 321)) {
        beam.fields(s.focus + z * k + x * across, kFreq, E, H);
        const double i = std::norm(E[0]) + std::norm(E[1]) + std::norm(E[2]);
        moment += x * x * i, total += i;
      }
      const double measured = 2 * std::sqrt(moment / total);
      std::printf("%s beam: w(%.1f um) = %.4f um, expected %.4f (error %.1e)\n", invariant >= 0 ? "2D" : "3D", z,
                  measured, w, measured / w - 1);
      EXPECT_NEAR(measured / w, 1.0, 0.01);
    }
  }
}

// The first-order axial components make curl E = i omega H and curl H = -i omega n^2 E hold
// up to the neglected second-order terms, O(1/(k w0)^2) = 1.1e-3 for w0 = 5.2 um, n = 1.444
// at 1.55 um, times a polynomial in rho/w that stays below ~4 within 2 w; central differences
// with a 1 nm step add ~(k h)^2 = 4e-11. Bound: 0.5 % of the on-axis |E| and |H| (a wrong
// axial term would leave a first-order residual, 1/(k w0) = 3 %).
TEST(GaussianBeam, SolvesMaxwellToSecondOrder) {
  GaussianBeamSpec s = fibre_spec(5.2, 1.444);
  s.tilt_deg = 12, s.tilt_azimuth_deg = 20, s.polarization_deg = 35;
  const GaussianBeam beam(s);
  const double omega = 2 * kPi * kFreq, n = s.index, step = 1e-3;
  auto curl = [&](const Vec3& p, bool of_h, cplx out[3]) {
    cplx d[3][3];  // d[a][c] = d F_c / d x_a
    for (int a = 0; a < 3; ++a) {
      Vec3 dp;
      dp[a] = step;
      cplx Ep[3], Hp[3], Em[3], Hm[3];
      beam.fields(p + dp, kFreq, Ep, Hp);
      beam.fields(p - dp, kFreq, Em, Hm);
      for (int c = 0; c < 3; ++c) d[a][c] = ((of_h ? Hp[c] - Hm[c] : Ep[c] - Em[c])) / (2 * step);
    }
    for (int c = 0; c < 3; ++c) out[c] = d[(c + 1) % 3][(c + 2) % 3] - d[(c + 2) % 3][(c + 1) % 3];
  };
  double worst = 0;
  for (const Vec3& p : {Vec3{3, -4, 20}, Vec3{-6, 2, -40}, Vec3{8, 5, 70}, Vec3{1, 1, 0}}) {
    cplx E[3], H[3], curl_e[3], curl_h[3];
    beam.fields(p, kFreq, E, H);
    curl(p, false, curl_e);
    curl(p, true, curl_h);
    for (int c = 0; c < 3; ++c) {
      worst = std::max(worst, std::abs(curl_e[c] - cplx(0, omega) * H[c]) / (omega * n));
      worst = std::max(worst, std::abs(curl_h[c] + cplx(0, omega * n * n) * E[c]) / (omega * n * n));
    }
  }
  std::printf("Maxwell residual of the beam: %.2e of the peak field\n", worst);
  EXPECT_LT(worst, 5e-3);
}

// Flux of the sampled beam against its analytic power: through a plane normal to the beam the
// Gaussian sums (spacing w0/20) are exact to 1e-10; through a plane the beam crosses at 12 deg
// the first-order axial fields carry the flux to O(1/(k w0)^2) ~ 1e-3 at worst: bound 0.5 %
// (measured: 1e-14).
TEST(GaussianBeam, PowerMatchesSampledFlux) {
  GaussianBeamSpec s = fibre_spec(5.2, 1.444);
  s.focus = {0, 0, -15};
  const double normal_flux = GaussianBeam(s).on_plane(layout(2, {0, 0, 10}, 26, 0.26, {kFreq})).power()[0];
  s.tilt_deg = 12;
  const double tilted_flux = GaussianBeam(s).on_plane(layout(2, {0, 0, 10}, 30, 0.26, {kFreq})).power()[0];
  const double p = GaussianBeam(s).power();
  std::printf("beam power %.6f; flux normal %.2e, tilted 12 deg %.2e relative error\n", p, normal_flux / p - 1,
              tilted_flux / p - 1);
  EXPECT_NEAR(normal_flux / p, 1.0, 1e-6);
  EXPECT_NEAR(tilted_flux / p, 1.0, 5e-3);
}

// A sampled beam, 20 um past its focus and tilted by 8 deg, coupled into the identical fibre
// mode: efficiency 1 (the overlap and normalisation are exact algebra on the samples, so any
// error is a mistake); against the analytic input power, the sampled flux (0.5 %, see above).
TEST(Coupling, IdenticalBeamCouplesFully) {
  for (bool line : {false, true}) {
    GaussianBeamSpec s = fibre_spec(5.2, 1.0);
    s.focus = {0, 0, -20}, s.tilt_deg = 8, s.polarization_deg = 90;
    if (line) s.invariant_axis = 1;
    const GaussianBeam beam(s);
    const PlaneFields field = beam.on_plane(layout(2, {}, 24, 0.25, {1 / 1.6, 1 / 1.55, 1 / 1.5}, line));
    const CouplingSpectrum c = couple_to_beam(field, beam, {beam.power()});
    for (std::size_t f = 0; f < 3; ++f) {
      std::printf("%s identical beams at %.3f um: efficiency 1 - %.1e, vs input power 1 - %.1e\n",
                  line ? "2D" : "3D", 1 / c.frequencies[f], 1 - c.efficiency[f], 1 - c.efficiency_input[f]);
      EXPECT_NEAR(c.efficiency[f], 1.0, 5e-3);
      EXPECT_NEAR(c.efficiency_input[f], 1.0, 5e-3);
      EXPECT_NEAR(c.mode_captured[f], 1.0, 5e-3);
    }
  }
}

// Marcuse (1977): identical beams with a common waist on the plane. Offsets along v (3D) or
// along the line (2D), tilts towards u; Gaussian sums at w0/20 are exact, so the 1 %
// budget covers the paraxial model's O(theta^2) differences (sin vs theta, 1/cos stretch).
TEST(Coupling, OffsetAndTiltLossFollowMarcuse) {
  const double w0 = 5.2, n = 1.444;
  for (bool line : {false, true}) {
    const PlaneFields field = sampled(fibre_spec(w0, n), layout(2, {}, 26, 0.26, {kFreq}, line));
    for (double d : {0.5 * w0, 1.0 * w0, 1.5 * w0}) {
      GaussianBeamSpec fibre = fibre_spec(w0, n);
      fibre.focus[line ? 0 : 1] = d;
      const double eta = efficiency(field, fibre), expected = std::exp(-d * d / (w0 * w0));
      std::printf("%s offset %.1f um: %.5f, expected %.5f\n", line ? "2D" : "3D", d, eta, expected);
      EXPECT_NEAR(eta / expected, 1.0, 0.01);
    }
    for (double deg : {1.0, 2.0, 3.0}) {
      GaussianBeamSpec fibre = fibre_spec(w0, n);
      fibre.tilt_deg = deg;
      const double x = kPi * n * w0 * deg * kPi / 180 / kLambda;
      const double eta = efficiency(field, fibre), expected = std::exp(-x * x);
      std::printf("%s tilt %.0f deg: %.5f, expected %.5f\n", line ? "2D" : "3D", deg, eta, expected);
      EXPECT_NEAR(eta / expected, 1.0, 0.01);
    }
  }
}

// Unequal waists at a common focus: (2 w1 w2 / (w1^2 + w2^2))^(D-1), exact for sampled
// Gaussians (the axial components carry no normal flux at the waist); bound 0.5 %.
TEST(Coupling, MismatchedWaists) {
  const double w1 = 5.2, w2 = 3.1;
  for (bool line : {false, true}) {
    const PlaneFields field = sampled(fibre_spec(w1, 1.0), layout(2, {}, 26, 0.2, {kFreq}, line));
    const double per_dimension = 2 * w1 * w2 / (w1 * w1 + w2 * w2);
    const double expected = line ? per_dimension : per_dimension * per_dimension;
    const double eta = efficiency(field, fibre_spec(w2, 1.0));
    std::printf("%s waists %.1f / %.1f um: %.6f, expected %.6f\n", line ? "2D" : "3D", w1, w2, eta, expected);
    EXPECT_NEAR(eta / expected, 1.0, 5e-3);
  }
}

// The field is a beam displaced by (0.8, -0.5) um and tilted by 1.5 deg from the nominal
// fibre; the scan must find that placement and the 1-dB full widths 2 w0 sqrt(0.1 ln 10) in
// offset and 2 sqrt(0.1 ln 10) lambda / (pi n w0) in angle (Marcuse's factors; within 1 %).
TEST(Coupling, AlignmentScanFindsBestPlacementAndOneDbWidths) {
  const double w0 = 5.2, n = 1.444;
  GaussianBeamSpec source = fibre_spec(w0, n);
  source.focus = {0.8, -0.5, 0}, source.tilt_deg = 1.5;
  const PlaneFields field = GaussianBeam(source).on_plane(layout(2, {}, 18, 0.4, {kFreq}));
  AlignmentScanSpec scan;
  scan.offsets_u = linspace(-5, 5, 21), scan.offsets_v = linspace(-5, 5, 21), scan.tilts_deg = linspace(-5, 5, 21);
  const AlignmentMap m = scan_alignment(field, GaussianBeam(fibre_spec(w0, n)), scan);
  const double offset_width = 2 * w0 * kOneDb, tilt_width = 2 * kOneDb * kLambda / (kPi * n * w0) * 180 / kPi;
  std::printf("best (%.4f, %.4f) um, %.4f deg, efficiency %.6f\n", m.best_u, m.best_v, m.best_tilt_deg,
              m.best_efficiency);
  std::printf("1-dB full widths: u %.4f, v %.4f um (expected %.4f), tilt %.4f deg (expected %.4f)\n",
              m.window_u.full_width(), m.window_v.full_width(), offset_width, m.window_tilt.full_width(), tilt_width);
  EXPECT_NEAR(m.best_u, 0.8, 0.01);
  EXPECT_NEAR(m.best_v, -0.5, 0.01);
  EXPECT_NEAR(m.best_tilt_deg, 1.5, 0.01);
  EXPECT_NEAR(m.best_efficiency, 1.0, 1e-3);
  EXPECT_NEAR(m.window_u.full_width() / offset_width, 1.0, 0.01);
  EXPECT_NEAR(m.window_v.full_width() / offset_width, 1.0, 0.01);
  EXPECT_NEAR(m.window_tilt.full_width() / tilt_width, 1.0, 0.01);
  EXPECT_NEAR(0.5 * (m.window_u.low + m.window_u.high), 0.8, 0.01);
  EXPECT_EQ(m.efficiency_uv.size(), 21u * 21u);
}

TEST(Coupling, RejectsBadInput) {
  PlaneFields field = layout(2, {}, 5, 0.5, {kFreq});
  EXPECT_THROW(couple_to_beam(field, GaussianBeam(fibre_spec(5.2, 1))), std::invalid_argument);  // no samples
  GaussianBeamSpec sideways = fibre_spec(5.2, 1);
  sideways.axis = 0;
  field = GaussianBeam(fibre_spec(5.2, 1)).on_plane(field);
  EXPECT_THROW(couple_to_beam(field, GaussianBeam(sideways)), std::invalid_argument);
  EXPECT_THROW(GaussianBeam(fibre_spec(-1, 1)), std::invalid_argument);
}

namespace {

// Angle (deg) from the normal where the intensity, walking from the grid centre (a beam at
// normal incidence peaks there) along u or v, falls to peak / e^2: log-linear interpolation
// between samples, whose error for a Gaussian is h^2 / (8 s0^2) ~ 1e-3 at the >= 10 samples
// per half-width used here.
double e2_half_angle(const FarField& ff, bool along_u) {
  const int n = along_u ? ff.nu : ff.nv, stride = along_u ? 1 : ff.nu;
  const std::vector<double>& s = along_u ? ff.su : ff.sv;
  const int centre = ff.nu / 2 + ff.nu * (ff.nv / 2);
  const double level = std::log(ff.intensity[centre] * std::exp(-2.0));
  for (int j = 0; n / 2 + j + 1 < n; ++j) {
    const double a = std::log(ff.intensity[centre + j * stride]), b = std::log(ff.intensity[centre + (j + 1) * stride]);
    const int at = n / 2 + j;
    if (b < level) return std::asin(s[at] + (s[at + 1] - s[at]) * (a - level) / (a - b)) * 180 / kPi;
  }
  return NAN;
}

}  // namespace

// Far field of a Gaussian aperture field at its waist (w0 = 3 um in oxide, n = 1.444, so
// lambda / (pi n w0) = 6.5 deg): the 1/e^2 half-angle within 2 % (the paraxial law holds to
// O(theta0^2) ~ 1 %), the far-field power against the plane flux within 1 % (Parseval: they
// differ only by the paraxial field's O(theta0^4) mismatch and the 1/cos quadrature), and the
// cone within theta0 holds 1 - e^-2 of it within 0.2 % (the k-space power is Gaussian to
// O(theta0^4) ~ 3e-4; the rim's cells count in part, so the grid's error is second order).
TEST(FarField, GaussianApertureDivergenceAndPower) {
  const double w0 = 3, n = 1.444, theta0 = kLambda / (kPi * n * w0);
  const PlaneFields plane = sampled(fibre_spec(w0, n), layout(2, {}, 4 * w0, 0.2, {kFreq}));
  FarFieldSpec spec;
  spec.index = n, spec.samples = 401;
  const FarField ff = far_field(plane, spec);
  const double expected_deg = theta0 * 180 / kPi;
  for (bool along_u : {true, false}) {
    const double half = e2_half_angle(ff, along_u);
    std::printf("3D far field 1/e^2 half-angle along %c: %.4f deg, expected %.4f (error %.1e)\n",
                along_u ? 'u' : 'v', half, expected_deg, half / expected_deg - 1);
    EXPECT_NEAR(half / expected_deg, 1.0, 0.02);
  }
  const double cone = ff.cone_fraction(0, 0, 0, std::asin(theta0) * 180 / kPi), cone_expected = 1 - std::exp(-2.0);
  std::printf("3D far-field power / plane flux - 1 = %.1e; cone fraction %.5f, expected %.5f\n",
              ff.power(0) / ff.plane_power[0] - 1, cone, cone_expected);
  EXPECT_NEAR(ff.power(0) / ff.plane_power[0], 1.0, 0.01);
  EXPECT_NEAR(cone / cone_expected, 1.0, 2e-3);
}

// A beam tilted by 10 deg (towards u, then towards v) peaks at 10 deg within the sampling
// (0.3 deg here), at the right azimuth; emission towards -normal is found on the -1 side.
TEST(FarField, TiltedBeamPeaksAtItsAngle) {
  const double step_deg = 0.005 / std::cos(10 * kPi / 180) * 180 / kPi;
  for (double azimuth : {0.0, 90.0}) {
    GaussianBeamSpec s = fibre_spec(3, 1.0);
    s.tilt_deg = 10, s.tilt_azimuth_deg = azimuth, s.direction = azimuth > 0 ? -1 : 1;
    FarFieldSpec spec;
    spec.samples = 401, spec.side = s.direction;
    const FarField ff = far_field(sampled(s, layout(2, {}, 13, 0.2, {kFreq})), spec);
    const FarFieldPeak peak = ff.peak(0);
    std::printf("tilt 10 deg, azimuth %.0f, side %+d: peak at theta %.3f deg, phi %.3f deg (sampling %.2f deg)\n",
                azimuth, s.direction, peak.theta_deg, peak.phi_deg, step_deg);
    EXPECT_NEAR(peak.theta_deg, 10, step_deg);
    EXPECT_NEAR(peak.phi_deg, azimuth, 0.5);
    EXPECT_NEAR(ff.power(0) / ff.plane_power[0], 1.0, 0.01);
  }
}

// The 2D version on a line normal to y of a z-invariant run (E along z): dP/dtheta has the
// same 1/e^2 half-angle lambda / (pi n w0) (2 %), integrates to the line's flux (1 %), holds
// erf(sqrt 2) of it within theta0 (0.2 %, as in 3D), and a 10 deg tilt peaks at 10 deg
// (within one 0.25 deg sample).
TEST(FarField, LineOfA2DRun) {
  const double w0 = 3, n = 1.444, theta0 = kLambda / (kPi * n * w0);
  GaussianBeamSpec s = fibre_spec(w0, n);
  s.axis = 1, s.tilt_azimuth_deg = 90;  // u = z, v = x: tilts towards x
  FarFieldSpec spec;
  spec.index = n, spec.samples = 721;
  const PlaneFields line = z_invariant_line(1, 4 * w0, 0.1);
  const FarField ff = far_field(sampled(s, line), spec);
  ASSERT_TRUE(ff.line);
  const double half = e2_half_angle(ff, false), expected_deg = theta0 * 180 / kPi;
  const double cone = ff.cone_fraction(0, 0, 0, std::asin(theta0) * 180 / kPi), cone_expected = std::erf(std::sqrt(2.0));
  std::printf("2D far field: 1/e^2 half-angle %.4f deg, expected %.4f (error %.1e); power / flux - 1 = %.1e; "
              "cone %.5f, expected %.5f\n", half, expected_deg, half / expected_deg - 1,
              ff.power(0) / ff.plane_power[0] - 1, cone, cone_expected);
  EXPECT_NEAR(half / expected_deg, 1.0, 0.02);
  EXPECT_NEAR(ff.power(0) / ff.plane_power[0], 1.0, 0.01);
  EXPECT_NEAR(cone / cone_expected, 1.0, 2e-3);

  s.tilt_deg = 10;
  const FarFieldPeak peak = far_field(sampled(s, line), spec).peak(0);
  std::printf("2D tilt 10 deg: peak at theta %.3f deg, phi %.1f deg\n", peak.theta_deg, peak.phi_deg);
  EXPECT_NEAR(peak.theta_deg, 10, 0.25);
  EXPECT_NEAR(peak.phi_deg, 90, 1e-9);
}
