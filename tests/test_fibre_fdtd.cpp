// Fibre coupling and far field of FDTD flux planes, end to end: a 2D Gaussian beam launched
// in vacuum by a beam source, recorded by flux monitors whose scene entries ask for a fibre
// and a far field, converted to PlaneFields and analysed by Simulation::flux_spectra.
//
// References: a Gaussian beam of waist w0 widens as w(z) = w0 sqrt(1 + (z / zR)^2),
// zR = pi w0^2 / lambda, and diverges with the 1/e^2 intensity half-angle lambda / (pi w0)
// (Saleh & Teich, Fundamentals of Photonics, 2nd ed., 2007, eqs. 3.1-8 and 3.1-19); a fibre
// equal to the beam couples all of it, one displaced by d couples exp(-(d / w0)^2) and one
// tilted by theta exp(-(pi w0 theta / lambda)^2) (Marcuse, Bell Syst. Tech. J. 56, 703,
// 1977; the same in 2D, see solver/coupling.hpp's tests).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>

#include "io/scene_yaml.hpp"
#include "solver/flux_plane.hpp"
#include "solver/simulation.hpp"

namespace pfdtd {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kWaist = 2.0;      // um
constexpr double kSourceX = -4.2;   // the source plane, which is the beam's focus
constexpr double kLambda0 = 1.55;   // um, the pulse's centre

// A 10 x 19.2 um vacuum domain at 20 cells/um (31 per wavelength), PML 0.6 um, a beam with
// E along z launched along +x from x = -4.2; flux planes near the focus (z = 0.5 um) and one
// Rayleigh range downstream, 17.6 um wide (more than 3 w(zR) either side of the axis).
const char* kStraightScene = R"(
domain: {size: [10, 19.2, 0], resolution: 20, dims: 2}
sources:
  - {name: laser, beam: {waist: 2.0, polarization_deg: 90}, center: [-4.2, 0, 0], size: [0, 17.6, 0],
     gaussian: {wavelength: 1.55, bandwidth: 0.5}}
monitors:
  - flux: {name: near, center: [-3.7, 0, 0], size: [0, 17.6, 0], wavelengths: [1.5, 1.55, 1.6],
           fibre: {waist: 2.0, focus: [-4.2, 0], polarization_deg: 90}, far_field: {samples: 721}}
  - flux: {name: far, center: [3.9, 0, 0], size: [0, 17.6, 0], wavelengths: [1.5, 1.55, 1.6],
           fibre: {waist: 2.0, focus: [-4.2, 0], polarization_deg: 90,
                   scan: {offset: 3, offset_steps: 25, tilt: 10, tilt_steps: 21}}}
run: {time: 30}
)";

// The same beam tilted by 10 deg towards +y, its far field taken 0.7 um downstream.
const char* kTiltedScene = R"(
domain: {size: [5, 19.2, 0], resolution: 20, dims: 2}
sources:
  - {name: laser, beam: {waist: 2.0, polarization_deg: 90, tilt_deg: 10}, center: [-1.7, 0, 0],
     size: [0, 17.6, 0], gaussian: {wavelength: 1.55, bandwidth: 0.5}}
monitors:
  - flux: {name: out, center: [-1.0, 0, 0], size: [0, 17.6, 0], wavelengths: [1.55], far_field: {samples: 721}}
run: {time: 26}
)";

struct BeamRun {
  std::unique_ptr<Simulation<double>> sim;
  std::vector<FluxSpectrum> spectra;
  const FluxSpectrum& flux(const std::string& name) const {
    for (const FluxSpectrum& s : spectra)
      if (s.name == name) return s;
    throw std::out_of_range(name);
  }
};

BeamRun run_scene(const char* yaml) {
  BeamRun r;
  r.sim = std::make_unique<Simulation<double>>(parse_scene(yaml, "test.yaml"));
  r.sim->run(nullptr);
  r.spectra = r.sim->flux_spectra();
  return r;
}

// One run shared by the tests of the straight beam (about 10 s on one core).
const BeamRun& straight() {
  static const BeamRun r = run_scene(kStraightScene);
  return r;
}

PlaneFields plane_of(const BeamRun& r, const std::string& name) {
  const FluxMonitor<double>& m = r.sim->flux(name);
  return plane_fields(m.fields(), r.sim->grid(), m.spec().frequencies);
}

// 1/e radius of |E| from the second moment of |E|^2 across the line: for |E|^2 ~
// exp(-2 u^2 / w^2), <u^2> = w^2 / 4.
double second_moment_radius(const PlaneFields& p, int f) {
  double sum = 0, first = 0, second = 0;
  for (int iu = 0; iu < p.nu; ++iu) {
    const std::size_t q = f * p.points() + iu;
    const double intensity = std::norm(p.eu[q]) + std::norm(p.ev[q]);
    const double u = p.position(iu, 0)[(p.normal + 1) % 3];
    sum += intensity;
    first += intensity * u;
    second += intensity * u * u;
  }
  const double mean = first / sum;
  return 2 * std::sqrt(second / sum - mean * mean);
}

// Angle (deg) on either side of a line's far-field peak where dP/dtheta falls to peak / e^2,
// log-linear between samples, averaged over the two sides.
double e2_half_angle(const FarField& ff, int f) {
  const double* I = ff.intensity.data() + f * ff.nu;
  int peak = 0;
  for (int i = 1; i < ff.nu; ++i)
    if (I[i] > I[peak]) peak = i;
  const double level = std::log(I[peak]) - 2;
  double sum = 0;
  for (int step : {-1, +1}) {
    int i = peak;
    while (i + step >= 0 && i + step < ff.nu && std::log(I[i + step]) >= level) i += step;
    const double a = std::log(I[i]), b = std::log(I[i + step]);
    const double crossing = std::asin(ff.su[i]) + (std::asin(ff.su[i + step]) - std::asin(ff.su[i])) * (a - level) / (a - b);
    sum += std::abs(crossing - std::asin(ff.su[peak]));
  }
  return 0.5 * sum * 180 / kPi;
}

// The converted plane carries the flux the monitor measures, to second order in d. Both sum
// the same DFT samples, but plane_fields averages E_z and H_y over their two neighbours
// across the line before multiplying: sum avg(E) avg(H)* = sum E H* - (1/4) sum dE dH*, a
// relative change of -(d^2 / 4) <k_y^2> = -(d / 2 w0)^2 = -1.5625e-4 for a Gaussian beam,
// the same on every plane (the flux-weighted <k_y^2> = 1 / w0^2 is conserved as the beam
// spreads). Checked within 2 % of that figure, the size of the O(1 / (k w0)^2) terms by
// which the launched spectrum may differ from the paraxial beam's.
TEST(FibreFdtd, ConvertedPlaneCarriesTheMonitorFlux) {
  const double d = 0.05, predicted = -(d / (2 * kWaist)) * (d / (2 * kWaist));
  for (const char* name : {"near", "far"}) {
    const PlaneFields p = plane_of(straight(), name);
    const std::vector<double> converted = p.power(), measured = straight().flux(name).flux;
    for (std::size_t f = 0; f < measured.size(); ++f) {
      std::printf("%s, lambda %.3f um: converted plane flux / monitor flux - 1 = %.4e (predicted %.4e)\n", name,
                  1 / p.frequencies[f], converted[f] / measured[f] - 1, predicted);
      EXPECT_NEAR(converted[f] / measured[f] - 1, predicted, 0.02 * std::abs(predicted));
    }
  }
}

// Colocation on a 3D plane normal to z, on hand-made DFT samples of a plane wave
// exp(i k.r) at each component's Yee positions, with E_x's and E_y's boxes differing by a
// cell (as the general flux monitor makes them): the average of exp(i k.r) over two points
// d apart along a is cos(k_a d / 2) exp(i k.r) at their midpoint, so every sample must equal
// the wave at the cell centre on the E plane times cos(k_a d / 2) for each axis averaged
// (E_x: y; E_y: x; H_x: x, z; H_y: y, z) to round-off. A wrong neighbour shows as a phase
// error of k_a d = 0.3 rad.
TEST(FibreFdtd, PlaneFieldsColocateStaggeredSamples3D) {
  Grid g;
  g.n[0] = 20, g.n[1] = 20, g.n[2] = 10;
  g.d = 0.1;
  g.origin = {-1.0, -1.0, -0.5};
  const Vec3 k{3.0, -2.0, 1.5};
  const cplx amplitude[4] = {{1.0, 0.2}, {-0.4, 0.7}, {0.3, -0.9}, {0.8, 0.1}};  // Ex, Ey, Hx, Hy
  auto wave = [&](const Vec3& r, int c) { return amplitude[c] * std::exp(cplx(0, dot(k, r))); };
  FluxFields flux;
  flux.normal = 2;
  flux.nfreq = 1;
  flux.box_e[0] = Box{{2, 3, 5}, {11, 15, 6}};
  flux.box_e[1] = Box{{2, 3, 5}, {12, 14, 6}};
  auto sample = [&](Component comp, Box b, int c, std::vector<cplx>& out) {
    for (int kk = b.lo.k; kk < b.hi.k; ++kk)
      for (int j = b.lo.j; j < b.hi.j; ++j)
        for (int i = b.lo.i; i < b.hi.i; ++i) out.push_back(wave(g.position(comp, i, j, kk), c));
  };
  auto two_layers = [](Box b) {
    b.lo.k -= 1;
    return b;
  };
  sample(Component::Ex, flux.box_e[0], 0, flux.e[0]);
  sample(Component::Ey, flux.box_e[1], 1, flux.e[1]);
  sample(Component::Hx, two_layers(flux.box_e[1]), 2, flux.h[0]);
  sample(Component::Hy, two_layers(flux.box_e[0]), 3, flux.h[1]);
  const PlaneFields p = plane_fields(flux, g, {0.6});
  ASSERT_EQ(p.nu, 9);   // x: cells 2..10 hold E_x (own centres) and E_y, H_x (pairs up to 11)
  ASSERT_EQ(p.nv, 11);  // y: cells 3..13
  EXPECT_NEAR(p.origin.x, -1.0 + 2.5 * g.d, 1e-12);
  EXPECT_NEAR(p.origin.y, -1.0 + 3.5 * g.d, 1e-12);
  EXPECT_NEAR(p.origin.z, -0.5 + 5 * g.d, 1e-12);
  const double cx = std::cos(k.x * g.d / 2), cy = std::cos(k.y * g.d / 2), cz = std::cos(k.z * g.d / 2);
  const double factor[4] = {cy, cx, cx * cz, cy * cz};
  const std::vector<cplx>* values[4] = {&p.eu, &p.ev, &p.hu, &p.hv};
  double worst = 0;
  for (int iv = 0; iv < p.nv; ++iv)
    for (int iu = 0; iu < p.nu; ++iu)
      for (int c = 0; c < 4; ++c)
        worst = std::max(worst, std::abs((*values[c])[iu + p.nu * iv] - factor[c] * wave(p.position(iu, iv), c)));
  EXPECT_LT(worst, 1e-12);
}

// The issue's "waist and divergence of a freely propagating beam match the paraxial
// formulas within 2 %": w(z) near the focus and one Rayleigh range downstream, per frequency
// (the injected profile is the focus's at every frequency, so zR follows lambda). Known
// departures, all O(1 / (k w0)^2) = 1.5 %: the source's paraxial H_t equals E_t where a plane
// wave at angle theta has E_t cos(theta), so the one-way launch weights its angular spectrum
// by (1 + 1/cos theta) / 2 ~ 1 + sin^2(theta) / 4 and the launched waist is
// w0 (1 - 1 / (2 (k w0)^2)) = -0.76 % at 1.55 um; downstream the exact beam spreads faster
// than the paraxial one (slopes tan theta, not sin theta: +1.2 % at zR) and the grid's
// dispersion adds +0.3 %.
TEST(FibreFdtd, BeamWidthFollowsTheParaxialLaw) {
  for (const char* name : {"near", "far"}) {
    const PlaneFields p = plane_of(straight(), name);
    const double z = p.origin[p.normal] - kSourceX;
    for (std::size_t f = 0; f < p.frequencies.size(); ++f) {
      const double zr = kPi * kWaist * kWaist * p.frequencies[f];
      const double expected = kWaist * std::sqrt(1 + (z / zr) * (z / zr));
      const double w = second_moment_radius(p, static_cast<int>(f));
      std::printf("%s (z = %.3f um), lambda %.3f um: w = %.4f um, paraxial %.4f (error %+.2e)\n", name, z,
                  1 / p.frequencies[f], w, expected, w / expected - 1);
      EXPECT_NEAR(w / expected, 1.0, 0.02);
    }
  }
}

// Validation 5 of the issue: a fibre identical to the launched beam couples all of the
// plane's flux within 0.5 %, near the focus and one Rayleigh range away (a 0.76 % narrower
// waist alone costs 3e-5). Relative to the power the source is credited with (the analytic
// beam's, times the pulse spectrum) it is 0.995: the launched beam's -0.76 % waist carries
// that much less, as its amplitude on the axis is the same. Checked within 1 %.
TEST(FibreFdtd, IdenticalFibreCouplesEverything) {
  for (const char* name : {"near", "far"}) {
    const FibreResult& r = *straight().flux(name).fibre;
    for (std::size_t f = 0; f < r.coupling.frequencies.size(); ++f) {
      std::printf("%s, lambda %.3f um: efficiency %.5f (plane flux), %.5f (launched), mode captured %.6f\n", name,
                  1 / r.coupling.frequencies[f], r.coupling.efficiency[f], r.coupling.efficiency_input[f],
                  r.coupling.mode_captured[f]);
      EXPECT_NEAR(r.coupling.efficiency[f], 1.0, 0.005);
      EXPECT_NEAR(r.coupling.efficiency_input[f], 1.0, 0.01);
    }
  }
}

// The alignment scan over the FDTD plane one Rayleigh range from the focus: offsets of 1
// and 2 um couple exp(-(d / w0)^2) of the aligned efficiency within 1 %, the best placement
// is the nominal one, and the 1-dB full widths are 2 w0 sqrt(0.1 ln 10) = 1.9196 um in
// offset and 2 sqrt(0.1 ln 10) lambda / (pi w0) = 13.57 deg in tilt within 1 % (the tilt
// window follows the beam's angular width, which the launched waist, -0.76 %, widens by as
// much).
TEST(FibreFdtd, AlignmentScanMatchesGaussianOverlaps) {
  const FibreResult& r = *straight().flux("far").fibre;
  ASSERT_TRUE(r.scanned);
  const AlignmentMap& a = r.alignment;
  EXPECT_NEAR(r.scan_frequency, 1 / kLambda0, 1e-12);  // the middle of the three wavelengths
  ASSERT_EQ(a.offsets_u.size(), 25u);
  ASSERT_EQ(a.offsets_v.size(), 1u);  // none along the invariant z
  const double aligned = a.efficiency_uv[12];
  for (int i : {16, 20}) {  // offsets 1 and 2 um
    const double d = a.offsets_u[i], expected = std::exp(-(d / kWaist) * (d / kWaist));
    std::printf("offset %.2f um: efficiency ratio %.5f, exp(-(d/w0)^2) = %.5f (error %+.2e)\n", d,
                a.efficiency_uv[i] / aligned, expected, a.efficiency_uv[i] / aligned / expected - 1);
    EXPECT_NEAR(a.efficiency_uv[i] / aligned / expected, 1.0, 0.01);
  }
  const double root = std::sqrt(0.1 * std::log(10.0));
  const double width_u = 2 * kWaist * root, width_tilt = 2 * root * kLambda0 / (kPi * kWaist) * 180 / kPi;
  std::printf("best (%.4f um, %.4f deg), efficiency %.5f; 1-dB widths %.4f um (expected %.4f), %.3f deg (%.3f)\n",
              a.best_u, a.best_tilt_deg, a.best_efficiency, a.window_u.full_width(), width_u,
              a.window_tilt.full_width(), width_tilt);
  EXPECT_NEAR(a.best_u, 0.0, 0.01 * kWaist);
  EXPECT_NEAR(a.best_tilt_deg, 0.0, 0.05);
  EXPECT_NEAR(a.window_u.full_width() / width_u, 1.0, 0.01);
  EXPECT_NEAR(a.window_tilt.full_width() / width_tilt, 1.0, 0.01);
}

// The far field of the plane near the focus: the 1/e^2 half-angle of dP/dtheta is
// lambda / (pi w0) = 14.13 deg within 2 %: the exact intensity of this line source goes as
// cos^2(theta) exp(-(k w sin theta)^2 / 2), -0.5 % off the paraxial law at this angle, and
// the launched waist w is 0.76 % under w0 (+0.76 %). The far-field power equals the plane's
// flux within 1 % (Parseval; the grid spans +-90 deg in 0.25 deg steps).
TEST(FibreFdtd, FarFieldDivergenceMatchesTheWaist) {
  const FarFieldResult& r = *straight().flux("near").far_field;
  for (std::size_t f = 0; f < r.field.frequencies.size(); ++f) {
    const double lambda = 1 / r.field.frequencies[f];
    const double expected = lambda / (kPi * kWaist) * 180 / kPi, half = e2_half_angle(r.field, static_cast<int>(f));
    std::printf("lambda %.3f um: far-field 1/e^2 half-angle %.4f deg, paraxial %.4f (error %+.2e); "
                "power / plane flux - 1 = %.1e; peak %.4f deg\n", lambda, half, expected, half / expected - 1,
                r.power[f] / r.field.plane_power[f] - 1, r.peaks[f].theta_deg);
    EXPECT_NEAR(half / expected, 1.0, 0.02);
    EXPECT_NEAR(r.power[f] / r.field.plane_power[f], 1.0, 0.01);
    EXPECT_NEAR(r.peaks[f].theta_deg, 0.0, 0.05);
  }
}

// A beam launched 10 deg off the axis radiates its far field at 10 deg. The source imposes
// the beam's transverse phase k sin(10 deg) y, which the far-field transform reads back
// exactly; the FDTD grid's dispersion bends the beam inside the domain by (k_grid / k - 1)
// tan(theta) ~ 3e-4 rad at 31 cells per wavelength, so 0.05 deg.
TEST(FibreFdtd, TiltedBeamPeaksAtItsTilt) {
  const BeamRun r = run_scene(kTiltedScene);
  const FarFieldResult& ff = *r.flux("out").far_field;
  std::printf("tilted beam: far-field peak at %.4f deg, phi %.1f deg (expected 10 deg towards +y)\n",
              ff.peaks[0].theta_deg, ff.peaks[0].phi_deg);
  EXPECT_NEAR(ff.peaks[0].theta_deg, 10.0, 0.05);
  EXPECT_NEAR(ff.peaks[0].phi_deg, 0.0, 1e-9);
}

// Scene errors name the key and what was expected.
TEST(FibreFdtd, BadFibreAndFarFieldKeysAreRejected) {
  const std::string base = R"(
domain: {size: [4, 4, 0], resolution: 10, dims: 2}
monitors:
  - flux: {name: t, center: [0, 0, 0], size: [0, 3, 0], wavelengths: [1.55], )";
  auto error_of = [&](const std::string& extra) {
    try {
      parse_scene(base + extra + "}\n", "bad.yaml");
    } catch (const SceneError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  auto expect_error = [&](const std::string& extra, const std::string& part) {
    const std::string message = error_of(extra);
    EXPECT_NE(message.find(part), std::string::npos) << extra << " -> " << message;
  };
  expect_error("fibre: {waist: -1}", "a number > 0");
  expect_error("fibre: {waist: 5.2, direction: 2}", "+1 or -1");
  expect_error("fibre: {waist: 5.2, tilt_azimuth_deg: 90, tilt_deg: 8}", "within the xy plane");
  expect_error("fibre: {waist: 5.2, scan: {offset_steps: 0}}", "a whole number >= 1");
  expect_error("fibre: {waist: 5.2, scan: {wavelength: 1.3}}", "outside the monitor's band");
  expect_error("fibre: {waist: 5.2, tilt_deg: 85, scan: {tilt: 6}}", "below 90");
  expect_error("fibre: {waist: 5.2, scna: {}}", "did you mean");
  expect_error("far_field: {side: 0}", "+1 or -1");
  expect_error("far_field: {samples: 2}", "a whole number >= 3");
  expect_error("far_field: {max_angle_deg: 95}", "(0, 90]");
  EXPECT_EQ(error_of("fibre: {waist: 5.2, scan: {}}, far_field: {}"), "no error");
}

}  // namespace
}  // namespace pfdtd
