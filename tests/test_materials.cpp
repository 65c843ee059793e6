// Material library and index perturbations: the references against published values, the
// fitted FDTD models against their references, and the perturbation formulas against values
// computed by hand from the cited equations.
#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <cstdio>
#include <tuple>
#include <utility>
#include <stdexcept>
#include <string>
#include <vector>

#include "materials/library.hpp"
#include "materials/perturbations.hpp"

namespace pfdtd {
namespace {

using cd = std::complex<double>;
constexpr double kPi = 3.14159265358979323846;

// The band of the telecom tests (O to U band) clipped to the material's range. Every
// library range covers 1.26-1.68 um except where the cited source does not reach 1.26 um
// (InGaAsP-Q1.25 and -Q1.3: the MSO model holds only below the gap, from Eg - 30 meV, i.e.
// from 1.289 and 1.342 um) and InGaAs, which ends at 1.65 um: Adachi's model has its E0
// edge (0.75 eV, 1.653 um) unbroadened, a square-root branch point where Re n has infinite
// slope. A Lorentz pole of damping g smooths such a point over g / w0 in relative
// frequency, leaving |dn| ~ (A E0^-1.5 / 2n) sqrt(g / w0) = (1.85 / 7.1) sqrt(1e-3) = 8e-3
// at the smallest damping the fit allows (1e-3 w0), so 1.653-1.68 um is not modelled (the
// best 8-pole fit over 1.26-1.68 um is 4.4e-3 off in n there). This clip is a limit of the
// pole model, not of the source: docs/materials.md says so.
bool telecom_band(const std::string& name, double* lo, double* hi) {
  const ValidityRange r = library_range(name);
  *lo = std::max(1.26, r.lambda_min_um);
  *hi = std::min(1.68, r.lambda_max_um);
  return *hi > *lo;
}

// Largest |n_model - n_ref| on `n` points uniform in wavelength, all three axes.
double model_error(const std::string& name, const Material& m, double lo, double hi, int n = 500) {
  double worst = 0;
  for (int i = 0; i <= n; ++i) {
    const double l = lo + (hi - lo) * i / n;
    for (int a = 0; a < 3; ++a) worst = std::max(worst, std::abs(m.index(l, a) - reference_index(name, l, a)));
  }
  return worst;
}

// Largest |Re n_model - Re n_ref| (first) and |Im n_model - Im n_ref| (second), as above.
std::pair<double, double> model_nk_error(const std::string& name, const Material& m, double lo, double hi,
                                         int n = 500) {
  double wn = 0, wk = 0;
  for (int i = 0; i <= n; ++i) {
    const double l = lo + (hi - lo) * i / n;
    for (int a = 0; a < 3; ++a) {
      const cd d = m.index(l, a) - reference_index(name, l, a);
      wn = std::max(wn, std::abs(d.real()));
      wk = std::max(wk, std::abs(d.imag()));
    }
  }
  return {wn, wk};
}

// Materials whose k has an absorption edge in the telecom band that passive poles cannot
// follow: fitted for Re n first, with the extinction error bounded by (what the fit achieves
// over 1.26-1.68 um clipped to the range, plus a margin; docs/materials.md):
//   Ge (direct gap, 1.55 um): max |dk| 2.98e-2; InGaAs (E0 edge, 1.653 um): 1.69e-2.
double edge_k_bound(const std::string& name) {
  if (name == "Ge") return 3.3e-2;
  if (name == "InGaAs") return 1.9e-2;
  return 0;
}

// The FDTD constraints on a model: epsilon_inf >= 1, passive poles, Lorentz resonances at
// wavelengths >= 0.15 um.
void expect_fdtd_ready(const Material& m, const std::string& what) {
  for (int a = 0; a < 3; ++a) {
    EXPECT_GE(m.epsilon[a], 1.0) << what;
    EXPECT_GE(m.conductivity[a], 0.0) << what;
    for (const Pole& p : m.poles[a]) {
      EXPECT_GE(p.gamma, 0.0) << what;
      if (p.kind == Pole::Kind::lorentz) {
        EXPECT_GE(p.strength, 0.0) << what;
        EXPECT_LE(p.omega0, kMaxPoleOmega * (1 + 1e-12)) << what;
        EXPECT_GT(p.omega0, 0.0) << what;
      } else {
        EXPECT_GT(p.strength, 0.0) << what;
      }
    }
  }
}

// ------------------------------------------------------------------ references vs. literature

TEST(MaterialReference, SpotValuesAgainstPublishedOnes) {
  EXPECT_NEAR(reference_index("Si", 1.55).real(), 3.4757, 1e-4);       // Li 1980, 293 K table
  EXPECT_NEAR(reference_index("SiO2", 1.55).real(), 1.4440, 1e-4);     // Malitson 1965
  EXPECT_NEAR(reference_index("Si3N4", 1.55).real(), 1.996, 1e-3);     // Luke et al. 2015
  EXPECT_NEAR(reference_index("InP", 1.55).real(), 3.165, 5e-3);       // Pettit & Turner 1965
  EXPECT_NEAR(reference_index("LiNbO3-o", 1.55).real(), 2.211, 1e-3);  // Zelmon et al. 1997
  EXPECT_NEAR(reference_index("LiNbO3-e", 1.55).real(), 2.138, 1e-3);
  for (const char* n : {"Si", "SiO2", "Si3N4", "InP", "LiNbO3-o"}) EXPECT_EQ(reference_index(n, 1.55).imag(), 0.0);
  // Ge: the table's own node (Nunley et al. 2016, 1.305 um).
  EXPECT_NEAR(reference_index("Ge", 1.305).real(), 4.279, 1e-9);
  EXPECT_NEAR(reference_index("Ge", 1.305).imag(), 0.08699, 1e-9);
}

TEST(MaterialReference, SiliconTableIsInterpolatedSmoothly) {
  // Between table nodes the spline stays between the neighbours.
  const double n = reference_index("Si", 1.575).real();
  EXPECT_LT(n, 3.4757);
  EXPECT_GT(n, 3.4719);
}

TEST(MaterialReference, GoldIsRakicLorentzDrude) {
  // Rakic et al. 1998, Table 1, evaluated by hand at 1.55 um (0.79990 eV):
  // eps = -93.0676 + 11.1103 i.
  const cd n = reference_index("Au", 1.55);
  const cd eps = n * n;
  EXPECT_NEAR(eps.real(), -93.06759, 1e-3);
  EXPECT_NEAR(eps.imag(), 11.11028, 1e-3);
  // Johnson & Christy (1972) give about -115 + 11i there; the LD fit of Rakic et al. is 19%
  // less negative in Re(eps) at 1.55 um (it fits several data sets from 0.2 to 5 eV).
  EXPECT_NEAR(eps.real(), -115.0, 0.25 * 115.0);
  EXPECT_NEAR(eps.imag(), 11.0, 0.1 * 11.0);
}

TEST(MaterialReference, CopperAndAluminiumAreMetals) {
  for (const char* m : {"Cu", "Al"}) {
    const cd eps = std::pow(reference_index(m, 1.55), 2);
    EXPECT_LT(eps.real(), -50.0) << m;
    EXPECT_GT(eps.imag(), 0.0) << m;
  }
}

TEST(MaterialReference, InGaAsPModel) {
  // Q1.3: In(0.72)Ga(0.28)As(0.61)P(0.39), the usual composition of 1.3 um quaternary.
  EXPECT_NEAR(ingaasp_arsenic_fraction(1.3), 0.61, 0.01);
  EXPECT_NEAR(ingaasp_gallium_fraction(1.3), 0.28, 0.01);
  // Index rises with the As fraction; Q1.3 at 1.55 um is about 3.39.
  const double q11 = reference_index("InGaAsP-Q1.1", 1.55).real();
  const double q125 = reference_index("InGaAsP-Q1.25", 1.55).real();
  const double q13 = reference_index("InGaAsP-Q1.3", 1.55).real();
  EXPECT_LT(q11, q125);
  EXPECT_LT(q125, q13);
  EXPECT_NEAR(q13, 3.39, 0.01);
  // The y -> 0 end of the MSO model is InP: it agrees with the Pettit & Turner Sellmeier.
  EXPECT_NEAR(ingaasp_index(0.92, 1.55).real(), reference_index("InP", 1.55).real(), 0.01);
  // Any gap wavelength in range has a name.
  EXPECT_NEAR(ingaasp_index(1.2, 1.55).real(), reference_index("InGaAsP-Q1.2", 1.55).real(), 1e-12);
  EXPECT_THROW(ingaasp_index(1.8, 1.55), std::out_of_range);
  // Above the gap the model is not valid.
  EXPECT_THROW(reference_index("InGaAsP-Q1.3", 1.31), std::out_of_range);
}

TEST(MaterialReference, InGaAsAdachiModel) {
  // Adachi 1989 MDF for In0.53Ga0.47As at 1.55 um (values of an independent evaluation of the
  // same equations): n = 3.53052, k = 0.07722, i.e. alpha = 4 pi k / lambda = 6.26e3 /cm
  // (measured values are 6e3-8e3 /cm).
  const cd n = reference_index("InGaAs", 1.55);
  EXPECT_NEAR(n.real(), 3.53052, 1e-4);
  EXPECT_NEAR(n.imag(), 0.07722, 1e-4);
  const double alpha_per_cm = 4 * kPi * n.imag() / 1.55 * 1e4;
  EXPECT_GT(alpha_per_cm, 5e3);
  EXPECT_LT(alpha_per_cm, 9e3);
}

TEST(MaterialReference, ErrorsNameTheProblem) {
  try {
    reference_index("Si", 0.5);
    FAIL() << "no exception";
  } catch (const std::out_of_range& e) {
    const std::string w = e.what();
    EXPECT_NE(w.find("Si"), std::string::npos);
    EXPECT_NE(w.find("validity range"), std::string::npos);
  }
  try {
    reference_index("Unobtainium", 1.55);
    FAIL() << "no exception";
  } catch (const std::invalid_argument& e) {
    const std::string w = e.what();
    EXPECT_NE(w.find("Unobtainium"), std::string::npos);
    for (const char* n : {"Si3N4", "LiNbO3-z-cut", "InGaAsP-Q1.3", "Au"}) EXPECT_NE(w.find(n), std::string::npos) << n;
  }
  EXPECT_THROW(library_material("Ge", 1.6, 1.75), std::out_of_range);
  EXPECT_THROW(library_range("nothing"), std::invalid_argument);
  EXPECT_THROW(reference_index("Si", 1.55, 3), std::invalid_argument);
}

TEST(MaterialReference, EveryNameHasASourceAndRange) {
  for (const std::string& n : library_names()) {
    const ValidityRange r = library_range(n);
    EXPECT_LT(r.lambda_min_um, r.lambda_max_um) << n;
    EXPECT_FALSE(r.source.empty()) << n;
    EXPECT_NO_THROW(reference_index(n, 0.5 * (r.lambda_min_um + r.lambda_max_um))) << n;
  }
}

// ------------------------------------------------------------------ fitted models

// Test (6): every library material's FDTD model reproduces its reference's real index
// within 1e-3 over 1.26-1.68 um (clipped to its range, see telecom_band), checked on 501
// points of the band on all axes; the complex index too, except across the absorption edges
// of Ge and InGaAs, where the extinction error is bounded and printed instead.
TEST(MaterialFit, TelecomBandWithin1e3) {
  for (const std::string& n : library_names()) {
    double lo, hi;
    ASSERT_TRUE(telecom_band(n, &lo, &hi)) << n;
    EXPECT_LE(lo, n.rfind("InGaAsP-Q", 0) == 0 ? 1.35 : 1.26) << n;
    EXPECT_GE(hi, n == "InGaAs" ? 1.65 : 1.68) << n;
    FitReport rep;
    const Material m = library_material(n, lo, hi, &rep);
    const double err = model_error(n, m, lo, hi);
    const auto [nerr, kerr] = model_nk_error(n, m, lo, hi);
    EXPECT_LT(nerr, 1e-3) << n << " " << lo << "-" << hi;
    EXPECT_LT(rep.max_n_error, 1e-3) << n;
    EXPECT_NEAR(rep.max_n_error, nerr, std::max(0.2 * nerr, 1e-9)) << n;  // the report tells the truth
    EXPECT_NEAR(rep.max_k_error, kerr, std::max(0.2 * kerr, 1e-9)) << n;
    EXPECT_LE(rep.max_n_error, rep.max_index_error + 1e-15) << n;
    EXPECT_LE(rep.max_k_error, rep.max_index_error + 1e-15) << n;
    EXPECT_NEAR(rep.max_index_error, err, std::max(0.2 * err, 1e-9)) << n;
    if (edge_k_bound(n) > 0) {
      EXPECT_LT(rep.max_k_error, edge_k_bound(n)) << n;
      std::printf("[ info     ] %s %.3g-%.3g um: %d poles, max |dn| %.2e, max |dk| %.2e, max |dn + i dk| %.2e at %.4g um\n",
                  n.c_str(), lo, hi, rep.poles, nerr, kerr, err, rep.lambda_at_max);
    } else {
      EXPECT_LT(err, 1e-3) << n << " " << lo << "-" << hi;
      EXPECT_LT(rep.max_index_error, 1e-3) << n;
    }
    EXPECT_GE(rep.lambda_at_max, lo) << n;
    EXPECT_LE(rep.lambda_at_max, hi) << n;
    EXPECT_GE(rep.poles, 1) << n;
    expect_fdtd_ready(m, n);
    EXPECT_EQ(m.name, n);
  }
}

// ... and wherever else it claims validity: the range in bands of at most an octave (Re n
// everywhere, complex n away from the Ge and InGaAs edges). Ge claims 1e-3 in n over any band
// within 1.10-1.48 um and any within 1.26-1.68 um, not over 1.10-1.68 um in one fit (2.1e-3
// in n there, which the report says: see GeAcrossTheDirectGap).
TEST(MaterialFit, WholeRangeInOctavesWithin1e3) {
  for (const std::string& n : library_names()) {
    const ValidityRange r = library_range(n);
    std::vector<std::pair<double, double>> bands;
    if (n == "Ge") {
      bands = {{1.10, 1.48}, {1.26, 1.68}};
    } else {
      const int k = std::max(1, static_cast<int>(std::ceil(std::log2(r.lambda_max_um / r.lambda_min_um) - 1e-9)));
      const double q = std::pow(r.lambda_max_um / r.lambda_min_um, 1.0 / k);
      for (int i = 0; i < k; ++i) {
        const double lo = r.lambda_min_um * std::pow(q, i);
        bands.push_back({lo, std::min(r.lambda_max_um, lo * q)});
      }
    }
    for (const auto& [lo, hi] : bands) {
      FitReport rep;
      const Material m = library_material(n, lo, hi, &rep);
      const auto [nerr, kerr] = model_nk_error(n, m, lo, hi, 300);
      EXPECT_LT(nerr, 1e-3) << n << " " << lo << "-" << hi;
      const bool edge = edge_k_bound(n) > 0 && hi > 1.49;  // the band reaches an absorption edge
      if (edge)
        EXPECT_LT(kerr, edge_k_bound(n)) << n << " " << lo << "-" << hi;
      else
        EXPECT_LT(model_error(n, m, lo, hi, 300), 1e-3) << n << " " << lo << "-" << hi;
      expect_fdtd_ready(m, n);
    }
  }
}

TEST(MaterialFit, GeAcrossTheDirectGap) {
  // Inside the edge (1.5-1.6 um, k from 0.054 to 0.0019): n within 1e-3, k bounded.
  FitReport rep;
  Material m = library_material("Ge", 1.5, 1.6, &rep);
  auto [nerr, kerr] = model_nk_error("Ge", m, 1.5, 1.6);
  EXPECT_LT(nerr, 1e-3);
  EXPECT_LT(rep.max_n_error, 1e-3);
  EXPECT_LT(kerr, edge_k_bound("Ge"));
  EXPECT_LE(rep.poles, 8);
  expect_fdtd_ready(m, "Ge");
  // Away from the edge the complex index is followed as before (1.10-1.48 um: 6.1e-4).
  m = library_material("Ge", 1.10, 1.48, &rep);
  EXPECT_LT(rep.max_index_error, 1e-3);
  EXPECT_LT(model_error("Ge", m, 1.10, 1.48), 1e-3);
  // One fit over the whole range 1.10-1.68 um is not within 1e-3 in n; the report says so.
  m = library_material("Ge", 1.10, 1.68, &rep);
  std::tie(nerr, kerr) = model_nk_error("Ge", m, 1.10, 1.68);
  EXPECT_NEAR(rep.max_n_error, nerr, 0.2 * nerr);
  EXPECT_NEAR(rep.max_k_error, kerr, 0.2 * kerr);
  std::printf("[ info     ] Ge 1.10-1.68 um in one fit: max |dn| %.2e, max |dk| %.2e\n", nerr, kerr);
  // A single wavelength at the edge: fitted in complex n over +-0.05% (k changes by 1.6e-3
  // across that), within the fit tolerance (1e-4) on the band and 8e-6 at its centre.
  m = library_material("Ge", 1.55, 1.55, &rep);
  EXPECT_LT(rep.max_index_error, 1e-4);
  EXPECT_LT(std::abs(m.index(1.55) - reference_index("Ge", 1.55)), 2e-5);
  // Beyond the range: refused.
  EXPECT_THROW(library_material("Ge", 1.6, 1.75), std::out_of_range);
}

TEST(MaterialFit, LosslessDielectricsAreCompact) {
  // Sellmeier-type references over the telecom band: at most two lossless poles.
  for (const char* n : {"Si", "SiO2", "Si3N4", "InP", "LiNbO3-o", "InGaAsP-Q1.3"}) {
    double lo, hi;
    ASSERT_TRUE(telecom_band(n, &lo, &hi));
    FitReport rep;
    const Material m = library_material(n, lo, hi, &rep);
    EXPECT_LE(rep.poles, 3) << n;
    EXPECT_LT(rep.max_index_error, 1e-4) << n;
    for (const Pole& p : m.poles[0]) EXPECT_EQ(p.gamma, 0.0) << n;
  }
}

TEST(MaterialFit, MetalsKeepTheirPublishedTerms) {
  // Al: every Rakic term is FDTD-ready, so the model is the published one exactly.
  FitReport rep;
  const Material al = library_material("Al", 1.26, 1.68, &rep);
  EXPECT_LT(rep.max_index_error, 1e-12);
  EXPECT_EQ(al.epsilon[0], 1.0);
  ASSERT_EQ(al.poles[0].size(), 5u);
  EXPECT_EQ(al.poles[0][0].kind, Pole::Kind::drude);
  // Drude plasma frequency sqrt(f0) wp = sqrt(0.523) 14.98 eV in rad/(um/c).
  EXPECT_NEAR(al.poles[0][0].strength, std::sqrt(0.523) * 14.98 / 0.1973269804, 1e-6);
  // Au: the 13.32 eV term (0.093 um) is replaced; the model still matches to 1e-4.
  const Material au = library_material("Au", 1.26, 1.68, &rep);
  EXPECT_LT(rep.max_index_error, 1e-4);
  expect_fdtd_ready(au, "Au");
}

TEST(MaterialFit, UniaxialLithiumNiobate) {
  FitReport rep;
  const Material z = library_material("LiNbO3-z-cut", 1.5, 1.6, &rep);
  const Material x = library_material("LiNbO3-x-cut", 1.5, 1.6, &rep);
  const double no = reference_index("LiNbO3-o", 1.55).real(), ne = reference_index("LiNbO3-e", 1.55).real();
  EXPECT_NEAR(z.index(1.55, 0).real(), no, 1e-4);
  EXPECT_NEAR(z.index(1.55, 1).real(), no, 1e-4);
  EXPECT_NEAR(z.index(1.55, 2).real(), ne, 1e-4);
  EXPECT_NEAR(x.index(1.55, 0).real(), ne, 1e-4);
  EXPECT_NEAR(x.index(1.55, 2).real(), no, 1e-4);
  EXPECT_NEAR(reference_index("LiNbO3-x-cut", 1.55, 0).real(), ne, 1e-12);
  // Turning the z-cut model gives the x-cut one.
  const Material t = orient_uniaxial(z, 0);
  for (int a = 0; a < 3; ++a) EXPECT_NEAR(std::abs(t.index(1.52, a) - x.index(1.52, a)), 0.0, 1e-12) << a;
}

TEST(MaterialFit, NamedQuaternaryAndSingleWavelength) {
  FitReport rep;
  const Material q = ingaasp(1.3, 1.5, 1.6, &rep);
  EXPECT_EQ(q.name, "InGaAsP-Q1.3");
  EXPECT_LT(rep.max_index_error, 1e-4);
  EXPECT_NEAR(q.index(1.55).real(), reference_index("InGaAsP-Q1.3", 1.55).real(), 1e-4);
  // A one-wavelength band is exact there (lossy and lossless).
  for (const char* n : {"Si", "InGaAs", "Au"}) {
    const Material m = library_material(n, 1.55, 1.55, &rep);
    EXPECT_LT(std::abs(m.index(1.55) - reference_index(n, 1.55)), 1e-6) << n;
  }
}

TEST(MaterialFit, UserDataFit) {
  // A lossy Lorentz medium the fitter must recover to its tolerance.
  const auto f = [](double l) {
    const double w = 2 * kPi / l;
    return std::sqrt(cd(2.0, 0) + 3.0 * 25.0 / cd(25.0 - w * w, -0.5 * w));
  };
  FitReport rep;
  const Material m = fit_index_model("user", f, 1.0, 2.0, FitOptions{}, &rep);
  EXPECT_LT(rep.max_index_error, 1e-4);
  expect_fdtd_ready(m, "user");
}

// ------------------------------------------------------------------ gain

TEST(GainMaterial, PowerGainMatchesWithin1e6) {
  for (double g : {10.0, 100.0, 2000.0}) {
    const double n = 3.4, lambda = 1.55;
    const Material m = gain_material(n, g, lambda);
    const cd idx = m.index(lambda);
    EXPECT_NEAR(idx.real(), n, 1e-12 * n);
    // Power ~ exp(-2 Im(k) z) with k = n omega: gain = -2 Im(n) omega (1/um) -> 1/cm.
    const double gain_per_cm = -2 * idx.imag() * omega_of_wavelength(lambda) * 1e4;
    EXPECT_NEAR(gain_per_cm, g, 1e-6 * g);
    // A gain line, not a conductivity: nothing at zero frequency (stable runs), and the
    // gain falls to half at +-linewidth/2 (0.05 um) from the centre.
    EXPECT_EQ(m.conductivity[0], 0.0);
    const double half = -2 * m.index(lambda + 0.05).imag() * omega_of_wavelength(lambda + 0.05) * 1e4;
    EXPECT_NEAR(half / g, 0.5, 0.05);
  }
}

// ------------------------------------------------------------------ perturbations

TEST(PlasmaDispersion, SorefBennettValues) {
  // dN = dP = 1e18 cm^-3: 1.55 um: dn = -(8.8e-22 1e18 + 8.5e-18 (1e18)^0.8) = -3.01510e-3,
  // dalpha = 8.5 + 6.0 = 14.5 /cm; 1.31 um: dn = -(6.2e-4 + 6.0e-18 (1e18)^0.8) = -2.12713e-3,
  // dalpha = 6.0 + 4.0 = 10.0 /cm.
  IndexChange c = silicon_plasma_dispersion(1e18, 1e18, 1.55);
  EXPECT_NEAR(c.delta_n, -3.015103e-3, 1e-9);
  EXPECT_NEAR(c.delta_alpha_per_cm, 14.5, 1e-9);
  c = silicon_plasma_dispersion(1e18, 1e18, 1.31);
  EXPECT_NEAR(c.delta_n, -2.127132e-3, 1e-9);
  EXPECT_NEAR(c.delta_alpha_per_cm, 10.0, 1e-9);
  // Electrons alone are linear.
  EXPECT_NEAR(silicon_plasma_dispersion(1e17, 0, 1.55).delta_n, -8.8e-5, 1e-12);
}

TEST(PlasmaDispersion, NedeljkovicValues) {
  // 1.55 um: dn = -(5.40e-22 N^1.011 + 1.53e-18 P^0.838) = -2.70840e-3,
  // dalpha = 8.88e-21 N^1.167 + 5.84e-20 P^1.109 = 14.3543 /cm at N = P = 1e18;
  // 1.3 um: -1.91778e-3 and 8.68814 /cm.
  IndexChange c = silicon_plasma_dispersion(1e18, 1e18, 1.55, PlasmaModel::nedeljkovic);
  EXPECT_NEAR(c.delta_n, -2.708395e-3, 1e-8);
  EXPECT_NEAR(c.delta_alpha_per_cm, 14.35426, 1e-4);
  c = silicon_plasma_dispersion(1e18, 1e18, 1.30, PlasmaModel::nedeljkovic);
  EXPECT_NEAR(c.delta_n, -1.917783e-3, 1e-8);
  EXPECT_NEAR(c.delta_alpha_per_cm, 8.688145, 1e-4);
  EXPECT_THROW(silicon_plasma_dispersion(1e18, 0, 2.0), std::out_of_range);
  EXPECT_THROW(silicon_plasma_dispersion(-1, 0, 1.55), std::invalid_argument);
}

TEST(Depletion, AbruptJunctionWidth) {
  // NA = ND = 1e18 cm^-3, 300 K, ni = 1e10 cm^-3, eps = 11.7: kT/q = 25.852 mV,
  // Vbi = kT/q ln(1e36/1e20) = 0.95242 V, W = sqrt(2 eps (Vbi + Vr)/q (2e-18)):
  // 0 V: 0.049631 um, 2 V reverse: 0.087384 um; symmetric, xp = xn = W/2.
  Depletion d = abrupt_junction(1e18, 1e18, 0.0);
  EXPECT_NEAR(d.vbi, 0.952423, 1e-5);
  EXPECT_NEAR(d.width_um, 0.0496315, 1e-6);
  EXPECT_NEAR(d.xp_um, d.width_um / 2, 1e-12);
  d = abrupt_junction(1e18, 1e18, 2.0);
  EXPECT_NEAR(d.width_um, 0.0873839, 1e-6);
  // Asymmetric: NA = 1e18, ND = 5e17 at 1 V: the lighter side takes 2/3 of W.
  d = abrupt_junction(1e18, 5e17, 1.0);
  EXPECT_NEAR(d.vbi, 0.934504, 1e-5);
  EXPECT_NEAR(d.width_um, 0.0866308, 1e-6);
  EXPECT_NEAR(d.xn_um, 2 * d.xp_um, 1e-12);
  EXPECT_THROW(abrupt_junction(1e18, 1e18, -1.0), std::out_of_range);
}

TEST(Depletion, CarrierChangeProfile) {
  // From 0 to 2 V: holes leave -0.0437 < x < -0.0248 um, electrons 0.0248 < x < 0.0437 um.
  const double na = 1e18, nd = 1e18;
  CarrierDensity c = junction_carrier_change(na, nd, 0.0, 2.0, -0.03);
  EXPECT_EQ(c.p_cm3, -na);
  EXPECT_EQ(c.n_cm3, 0.0);
  c = junction_carrier_change(na, nd, 0.0, 2.0, 0.03);
  EXPECT_EQ(c.n_cm3, -nd);
  EXPECT_EQ(c.p_cm3, 0.0);
  for (double x : {-0.1, -0.01, 0.0, 0.01, 0.1}) {
    c = junction_carrier_change(na, nd, 0.0, 2.0, x);
    EXPECT_EQ(c.n_cm3, 0.0) << x;
    EXPECT_EQ(c.p_cm3, 0.0) << x;
  }
  // The index there rises by the removed holes' share: +8.5e-18 (1e18)^0.8 = +2.13510e-3,
  // and the loss drops by 6.0 /cm (Soref & Bennett, 1.55 um).
  const IndexChange ic = junction_index_change(na, nd, 0.0, 2.0, -0.03, 1.55);
  EXPECT_NEAR(ic.delta_n, 8.5e-18 * std::pow(1e18, 0.8), 1e-12);
  EXPECT_NEAR(ic.delta_alpha_per_cm, -6.0, 1e-9);
}

TEST(Pockels, LithiumNiobateShifts) {
  // E = 1 V/um along c at 1.55 um: dn_e = -n_e^3 r33 E / 2 = -1.50410e-4,
  // dn_o = -n_o^3 r13 E / 2 = -4.64836e-5 (n from Zelmon, r from Weis & Gaylord).
  const double no = reference_index("LiNbO3-o", 1.55).real(), ne = reference_index("LiNbO3-e", 1.55).real();
  const PockelsShift s = linbo3_pockels(no, ne, 1.0);
  EXPECT_NEAR(s.delta_n_e, -1.504096e-4, 1e-9);
  EXPECT_NEAR(s.delta_n_o, -4.648364e-5, 1e-9);
  // Applied to the z-cut model: the index along z changes by dn_e, across it by dn_o (of the
  // model's own n_e, n_o, which are within the fit error of Zelmon's).
  const Material z = library_material("LiNbO3-z-cut", 1.5, 1.6);
  const Material zp = linbo3_pockels_material(z, 2, 1.0, 1.55);
  const PockelsShift sm = linbo3_pockels(z.index(1.55, 0).real(), z.index(1.55, 2).real(), 1.0);
  EXPECT_NEAR(sm.delta_n_e, s.delta_n_e, 1e-4 * std::abs(s.delta_n_e));
  EXPECT_NEAR((zp.index(1.55, 2) - z.index(1.55, 2)).real(), sm.delta_n_e, 1e-9 * std::abs(sm.delta_n_e));
  EXPECT_NEAR((zp.index(1.55, 0) - z.index(1.55, 0)).real(), sm.delta_n_o, 1e-9 * std::abs(sm.delta_n_o));
  EXPECT_NEAR((zp.index(1.55, 1) - z.index(1.55, 1)).real(), sm.delta_n_o, 1e-9 * std::abs(sm.delta_n_o));
  EXPECT_NEAR(zp.index(1.55, 2).imag(), 0.0, 1e-15);
}

TEST(ThermoOptic, ShiftsFromPublishedCoefficients) {
  EXPECT_DOUBLE_EQ(thermo_optic_coefficient("Si"), 1.86e-4);
  EXPECT_DOUBLE_EQ(thermo_optic_coefficient("SiO2"), 0.95e-5);
  EXPECT_DOUBLE_EQ(thermo_optic_coefficient("Si3N4"), 2.45e-5);
  EXPECT_DOUBLE_EQ(thermo_optic_coefficient("InP"), 2.0e-4);
  EXPECT_THROW(thermo_optic_coefficient("Unobtainium"), std::invalid_argument);
  // Si heated by 10 K: dn = 1.86e-3 at 1.55 um.
  const Material si = library_material("Si", 1.5, 1.6);
  const Material hot = thermo_optic_material(si, "Si", 10.0, 1.55);
  EXPECT_NEAR((hot.index(1.55) - si.index(1.55)).real(), 1.86e-3, 1e-9);
  EXPECT_NEAR(hot.index(1.55).imag(), 0.0, 1e-15);
}

TEST(PerturbedMaterial, AbsorptionBecomesConductivity) {
  // dalpha = 10 /cm on silicon at 1.55 um: Im n = dalpha lambda / (4 pi) = 1.23342e-4, and the
  // power attenuation 2 Im(n) omega gives back 10 /cm.
  const Material si = library_material("Si", 1.5, 1.6);
  const Material lossy = perturbed_material(si, -1e-3, 10.0, 1.55);
  const cd n1 = lossy.index(1.55);
  EXPECT_NEAR(n1.real() - si.index(1.55).real(), -1e-3, 1e-12);
  EXPECT_NEAR(n1.imag(), 10.0 * 1e-4 * 1.55 / (4 * kPi), 1e-12);
  EXPECT_NEAR(2 * n1.imag() * omega_of_wavelength(1.55) * 1e4, 10.0, 1e-9);
  EXPECT_GT(lossy.conductivity[0], 0.0);
}

}  // namespace
}  // namespace pfdtd
