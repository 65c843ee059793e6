// Index perturbations for modulators and tuners: free-carrier plasma dispersion in silicon,
// depletion of an abrupt PN junction, the Pockels effect in LiNbO3 and thermo-optic shifts;
// and the step from an index change to a perturbed Material. Formulas and sources:
// docs/materials.md.
//
// Units: carrier densities in cm^-3, absorption coefficients in 1/cm (power), lengths in um,
// voltages in V, electric fields in V/um, temperatures in K.
#pragma once
#include <array>
#include <string>

#include "materials/material.hpp"

namespace pfdtd {

// ---------------------------------------------------------------- free carriers in silicon
struct IndexChange {
  double delta_n = 0;             // change of the real index
  double delta_alpha_per_cm = 0;  // change of the power absorption coefficient (1/cm)
};

enum class PlasmaModel {
  // R. A. Soref, B. R. Bennett, IEEE J. Quantum Electron. 23, 123 (1987), at 1.55 and 1.3 um.
  soref_bennett,
  // M. Nedeljkovic, R. Soref, G. Z. Mashanovich, IEEE Photon. J. 3, 1171 (2011), Table at
  // 1.3 and 1.55 um.
  nedeljkovic,
};

// Index and absorption change of crystalline silicon holding electron density dn_cm3 and hole
// density dp_cm3 (>= 0) above intrinsic, at lambda_um. The coefficients are published at
// 1.55 um and 1.3 um; wavelengths within 0.05 um of 1.55 or 1.30/1.31 use that set,
// others throw std::out_of_range.
IndexChange silicon_plasma_dispersion(double dn_cm3, double dp_cm3, double lambda_um,
                                      PlasmaModel model = PlasmaModel::soref_bennett);

// Change when the free-carrier densities go from (n0, p0) to (n1, p1): the difference of
// silicon_plasma_dispersion at the two states (the fits are not linear in the densities).
IndexChange silicon_plasma_change(double n0_cm3, double p0_cm3, double n1_cm3, double p1_cm3,
                                  double lambda_um, PlasmaModel model = PlasmaModel::soref_bennett);

// ---------------------------------------------------------------- abrupt PN junction (Si)
// Intrinsic carrier density of silicon at 300 K: 1.00e10 cm^-3, A. B. Sproul and
// M. A. Green, J. Appl. Phys. 70, 846 (1991).
constexpr double kSiliconNi300K = 1.0e10;
// Static relative permittivity of silicon, S. M. Sze, K. K. Ng, "Physics of Semiconductor
// Devices", 3rd ed. (Wiley 2007), Appendix G.
constexpr double kSiliconStaticEpsilon = 11.7;

struct Depletion {
  double width_um = 0;  // total depletion width W = xp + xn
  double xp_um = 0;     // extent into the p side
  double xn_um = 0;     // extent into the n side
  double vbi = 0;       // built-in potential (V)
};

// Abrupt junction in the depletion approximation (Sze & Ng, ch. 2.2):
//   Vbi = kT/q ln(NA ND / ni^2),  W = sqrt(2 eps_s (Vbi + Vr) / q (1/NA + 1/ND)),
//   xp = W ND / (NA + ND),  xn = W NA / (NA + ND),
// with Vr the reverse bias (negative: forward, down to -Vbi). kT/q at temperature_k; ni is
// the caller's (default: silicon at 300 K).
Depletion abrupt_junction(double na_cm3, double nd_cm3, double reverse_bias_v, double temperature_k = 300,
                          double ni_cm3 = kSiliconNi300K, double eps_r = kSiliconStaticEpsilon);

// Free-carrier densities at x_um across a lateral abrupt junction (metallurgical junction at
// x = 0, p side at x < 0, n side at x > 0) under reverse bias v: zero inside the depletion
// region, NA holes on the p side and ND electrons on the n side outside it.
struct CarrierDensity {
  double n_cm3 = 0;  // electrons
  double p_cm3 = 0;  // holes
};
CarrierDensity junction_carriers(double na_cm3, double nd_cm3, double reverse_bias_v, double x_um);

// Change of the carrier densities at x_um when the bias goes from v_from to v_to (reverse,
// V): the region between the two depletion edges loses (or regains) its free carriers.
CarrierDensity junction_carrier_change(double na_cm3, double nd_cm3, double v_from, double v_to, double x_um);

// Index and absorption change of silicon at x_um for that bias step (plasma dispersion of
// the densities before and after).
IndexChange junction_index_change(double na_cm3, double nd_cm3, double v_from, double v_to, double x_um,
                                  double lambda_um, PlasmaModel model = PlasmaModel::soref_bennett);

// ---------------------------------------------------------------- Pockels effect, LiNbO3
// Clamped electro-optic coefficients of congruent LiNbO3 (pm/V): R. S. Weis and
// T. K. Gaylord, "Lithium niobate: summary of physical properties and crystal structure",
// Appl. Phys. A 37, 191 (1985).
constexpr double kLiNbO3R33 = 30.8;
constexpr double kLiNbO3R13 = 8.6;

struct PockelsShift {
  double delta_n_o = 0;  // ordinary index change
  double delta_n_e = 0;  // extraordinary index change
};

// Index changes for a field E_c (V/um) along the c axis: dn_e = -n_e^3 r33 E_c / 2,
// dn_o = -n_o^3 r13 E_c / 2 (r in m/V, E in V/m; 1 pm/V x 1 V/um = 1e-6). Fields across
// the c axis (r22, r51) are not modelled.
PockelsShift linbo3_pockels(double n_o, double n_e, double field_c_v_per_um, double r13_pm_per_v = kLiNbO3R13,
                            double r33_pm_per_v = kLiNbO3R33);

// ---------------------------------------------------------------- thermo-optic effect
// dn/dT (1/K) near 1.55 um and room temperature for "Si", "SiO2", "Si3N4", "InP"
// (sources in perturbations.cpp and docs/materials.md); std::invalid_argument otherwise.
double thermo_optic_coefficient(const std::string& name);

// ---------------------------------------------------------------- perturbed materials
// `base` with complex index n0 + dn + i dkappa instead of n0 along each axis at lambda_um,
// dkappa = dalpha lambda / (4 pi) (dalpha in 1/cm converted to 1/um): the permittivity
// change d_eps = (n0 + dn + i dkappa)^2 - n0^2 is added as a constant to epsilon (real
// part) and to the conductivity (imaginary part: sigma = Im(d_eps) omega). Exact at
// lambda_um; over a band the dispersion of the base model is kept and the shift is constant.
Material perturbed_material(const Material& base, const std::array<double, 3>& delta_n,
                            const std::array<double, 3>& delta_alpha_per_cm, double lambda_um);
Material perturbed_material(const Material& base, double delta_n, double delta_alpha_per_cm, double lambda_um);

// A LiNbO3 material (any orientation) under a field E_c along its c axis (axis c_axis).
Material linbo3_pockels_material(const Material& base, int c_axis, double field_c_v_per_um, double lambda_um);

// `base` heated by delta_t_k with the dn/dT of `name`.
Material thermo_optic_material(const Material& base, const std::string& name, double delta_t_k,
                               double lambda_um);

}  // namespace pfdtd
