// Index perturbations: free carriers in silicon, abrupt-junction depletion, Pockels effect in
// LiNbO3, thermo-optic coefficients, and perturbed Materials. Sources at each formula.
#include "materials/perturbations.hpp"

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace pfdtd {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kQ = 1.602176634e-19;     // C (exact, SI 2019)
constexpr double kBoltzmann = 1.380649e-23;  // J/K (exact, SI 2019)
constexpr double kEps0Fcm = 8.8541878128e-14;  // F/cm (CODATA 2018)

std::string fmt(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.4g", v);
  return b;
}

// dn = -(a N^b + c P^d), dalpha = e N^f + g P^h (N, P in cm^-3, dalpha in 1/cm).
struct PlasmaCoefficients {
  double a, b, c, d, e, f, g, h;
};

PlasmaCoefficients coefficients(PlasmaModel model, double lambda_um) {
  const bool c_band = std::abs(lambda_um - 1.55) <= 0.05;
  const bool o_band = std::abs(lambda_um - 1.305) <= 0.055;  // 1.30/1.31 um +- 0.05
  if (!c_band && !o_band)
    throw std::out_of_range("silicon plasma dispersion: coefficients are published at 1.55 and 1.3 um only; " +
                            fmt(lambda_um) + " um is more than 0.05 um away from both");
  if (model == PlasmaModel::soref_bennett) {
    // Soref & Bennett (1987), empirical fits of their Kramers-Kronig results: 1.55 um: dn = -(8.8e-22 dN + 8.5e-18 dP^0.8), da = 8.5e-18 dN + 6.0e-18 dP;
    // 1.3 um: dn = -(6.2e-22 dN + 6.0e-18 dP^0.8), da = 6.0e-18 dN + 4.0e-18 dP.
    if (c_band) return {8.8e-22, 1.0, 8.5e-18, 0.8, 8.5e-18, 1.0, 6.0e-18, 1.0};
    return {6.2e-22, 1.0, 6.0e-18, 0.8, 6.0e-18, 1.0, 4.0e-18, 1.0};
  }
  // Nedeljkovic, Soref & Mashanovich (2011), Table of fit coefficients:
  // dn = -(p dN^q + r dP^s), da = a dN^b + c dP^d;
  // 1.55 um: p = 5.40e-22, q = 1.011, r = 1.53e-18, s = 0.838,
  //          a = 8.88e-21, b = 1.167, c = 5.84e-20, d = 1.109;
  // 1.3 um:  p = 2.98e-22, q = 1.016, r = 1.25e-18, s = 0.835,
  //          a = 3.48e-22, b = 1.229, c = 1.02e-19, d = 1.089.
  if (c_band) return {5.40e-22, 1.011, 1.53e-18, 0.838, 8.88e-21, 1.167, 5.84e-20, 1.109};
  return {2.98e-22, 1.016, 1.25e-18, 0.835, 3.48e-22, 1.229, 1.02e-19, 1.089};
}

double pw(double x, double e) { return x > 0 ? std::pow(x, e) : 0.0; }

}  // namespace

IndexChange silicon_plasma_dispersion(double dn_cm3, double dp_cm3, double lambda_um, PlasmaModel model) {
  if (!(dn_cm3 >= 0) || !(dp_cm3 >= 0))
    throw std::invalid_argument("silicon plasma dispersion: carrier densities must be >= 0 (got " + fmt(dn_cm3) +
                                ", " + fmt(dp_cm3) + " cm^-3); use silicon_plasma_change for removals");
  const PlasmaCoefficients k = coefficients(model, lambda_um);
  IndexChange r;
  r.delta_n = -(k.a * pw(dn_cm3, k.b) + k.c * pw(dp_cm3, k.d));
  r.delta_alpha_per_cm = k.e * pw(dn_cm3, k.f) + k.g * pw(dp_cm3, k.h);
  return r;
}

IndexChange silicon_plasma_change(double n0, double p0, double n1, double p1, double lambda_um, PlasmaModel model) {
  const IndexChange a = silicon_plasma_dispersion(n0, p0, lambda_um, model);
  const IndexChange b = silicon_plasma_dispersion(n1, p1, lambda_um, model);
  return {b.delta_n - a.delta_n, b.delta_alpha_per_cm - a.delta_alpha_per_cm};
}

Depletion abrupt_junction(double na, double nd, double vr, double temperature_k, double ni, double eps_r) {
  if (!(na > 0) || !(nd > 0) || !(ni > 0) || !(temperature_k > 0) || !(eps_r > 0))
    throw std::invalid_argument("abrupt_junction: NA, ND, ni, temperature and permittivity must be > 0");
  Depletion d;
  d.vbi = kBoltzmann * temperature_k / kQ * std::log(na * nd / (ni * ni));
  if (!(d.vbi + vr > 0))
    throw std::out_of_range("abrupt_junction: forward bias " + fmt(-vr) + " V reaches the built-in potential " +
                            fmt(d.vbi) + " V (depletion approximation invalid)");
  const double w_cm = std::sqrt(2 * eps_r * kEps0Fcm * (d.vbi + vr) / kQ * (1 / na + 1 / nd));
  d.width_um = w_cm * 1e4;
  d.xp_um = d.width_um * nd / (na + nd);
  d.xn_um = d.width_um * na / (na + nd);
  return d;
}

CarrierDensity junction_carriers(double na, double nd, double vr, double x_um) {
  const Depletion d = abrupt_junction(na, nd, vr);
  CarrierDensity c;
  if (x_um < -d.xp_um) c.p_cm3 = na;
  if (x_um > d.xn_um) c.n_cm3 = nd;
  return c;
}

CarrierDensity junction_carrier_change(double na, double nd, double v_from, double v_to, double x_um) {
  const CarrierDensity a = junction_carriers(na, nd, v_from, x_um);
  const CarrierDensity b = junction_carriers(na, nd, v_to, x_um);
  return {b.n_cm3 - a.n_cm3, b.p_cm3 - a.p_cm3};
}

IndexChange junction_index_change(double na, double nd, double v_from, double v_to, double x_um, double lambda_um,
                                  PlasmaModel model) {
  const CarrierDensity a = junction_carriers(na, nd, v_from, x_um);
  const CarrierDensity b = junction_carriers(na, nd, v_to, x_um);
  return silicon_plasma_change(a.n_cm3, a.p_cm3, b.n_cm3, b.p_cm3, lambda_um, model);
}

PockelsShift linbo3_pockels(double n_o, double n_e, double field, double r13, double r33) {
  PockelsShift s;
  s.delta_n_e = -0.5 * n_e * n_e * n_e * r33 * field * 1e-6;
  s.delta_n_o = -0.5 * n_o * n_o * n_o * r13 * field * 1e-6;
  return s;
}

double thermo_optic_coefficient(const std::string& name) {
  // Si: 1.86e-4 /K at 1.55 um, 295 K: J. Komma, C. Schwarz, G. Hofmann, D. Heinert,
  //   R. Nawrodt, Appl. Phys. Lett. 101, 041905 (2012).
  if (name == "Si") return 1.86e-4;
  // SiO2 (PECVD oxide): (0.95 +- 0.10)e-5 /K and Si3N4 (stoichiometric LPCVD):
  //   (2.45 +- 0.09)e-5 /K at 1550 nm, A. Arbabi and L. L. Goddard, Opt. Lett. 38, 3878 (2013).
  //   (Bulk fused silica is lower, 0.82-0.85e-5 /K at 1.55 um: G. Rego, Sensors 23, 6023 (2023).)
  if (name == "SiO2") return 0.95e-5;
  if (name == "Si3N4") return 2.45e-5;
  // InP: 2.0e-4 /K at 1.523 um, 300 K: F. G. Della Corte, G. Cocorullo, M. Iodice,
  //   I. Rendina, P. M. Sarro, Appl. Phys. Lett. 77, 1614 (2000).
  if (name == "InP") return 2.0e-4;
  throw std::invalid_argument("thermo_optic_coefficient: no dn/dT for '" + name + "'; known: Si, SiO2, Si3N4, InP");
}

Material perturbed_material(const Material& base, const std::array<double, 3>& dn,
                            const std::array<double, 3>& dalpha_per_cm, double lambda_um) {
  if (!(lambda_um > 0)) throw std::invalid_argument("perturbed_material: wavelength must be > 0");
  Material m = base;
  const double w = omega_of_wavelength(lambda_um);
  for (int a = 0; a < 3; ++a) {
    const std::complex<double> n0 = base.index(lambda_um, a);
    const double dkappa = dalpha_per_cm[a] * 1e-4 * lambda_um / (4 * kPi);
    const std::complex<double> n1 = n0 + std::complex<double>(dn[a], dkappa);
    const std::complex<double> de = n1 * n1 - n0 * n0;
    m.epsilon[a] += de.real();
    m.conductivity[a] += de.imag() * w;
  }
  return m;
}

Material perturbed_material(const Material& base, double dn, double dalpha_per_cm, double lambda_um) {
  return perturbed_material(base, {dn, dn, dn}, {dalpha_per_cm, dalpha_per_cm, dalpha_per_cm}, lambda_um);
}

Material linbo3_pockels_material(const Material& base, int c_axis, double field, double lambda_um) {
  if (c_axis < 0 || c_axis > 2) throw std::invalid_argument("linbo3_pockels_material: c_axis must be 0, 1 or 2");
  const int o_axis = (c_axis + 1) % 3;
  const PockelsShift s =
      linbo3_pockels(base.index(lambda_um, o_axis).real(), base.index(lambda_um, c_axis).real(), field);
  std::array<double, 3> dn{s.delta_n_o, s.delta_n_o, s.delta_n_o};
  dn[c_axis] = s.delta_n_e;
  return perturbed_material(base, dn, {0, 0, 0}, lambda_um);
}

Material thermo_optic_material(const Material& base, const std::string& name, double delta_t_k, double lambda_um) {
  return perturbed_material(base, thermo_optic_coefficient(name) * delta_t_k, 0.0, lambda_um);
}

}  // namespace pfdtd
