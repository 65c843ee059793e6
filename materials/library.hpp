// Built-in material library: published refractive-index models (each with its source and
// range) and compact pole models fitted to them over the user's band, ready for the FDTD.
//
// reference_index(name, lambda) evaluates the cited formula or table itself; library_material
// fits epsilon_inf + Lorentz poles (metals: the published Drude-Lorentz terms, with only the
// terms the FDTD cannot take re-fitted) to it over [lambda_min, lambda_max] and reports the
// largest |n_model - n_ref| found on a dense grid of that band, and the largest errors of
// Re n and of k separately (Ge and InGaAs across their absorption edges are fitted for Re n
// first: k is then off by more). Sources, ranges, fit method and per-material errors:
// docs/materials.md.
//
// Units as in material.hpp: lengths in um, omega = 2 pi / lambda_um, exp(-i omega t), loss
// is Im(eps) > 0 and Im(n) > 0.
#pragma once
#include <complex>
#include <functional>
#include <string>
#include <vector>

#include "materials/material.hpp"

namespace pfdtd {

// Where the library's reference is valid and its FDTD model is validated, in vacuum
// wavelength (um), and the source it comes from. Where the source itself claims a wider
// range, `source` says so and why the library's range is narrower.
struct ValidityRange {
  double lambda_min_um = 0;
  double lambda_max_um = 0;
  std::string source;
};

// What a fit achieved: the largest complex |n_model - n_ref| over the fitted band (checked
// on a dense grid, not only the fit samples), where it occurs, the largest errors of the real
// index and of the extinction separately (on the same grid, all axes), and the number of
// dispersion terms (poles, Drude included) on the axis that has the most.
struct FitReport {
  double max_index_error = 0;  // largest |n_model - n_ref| (complex)
  double lambda_at_max = 0;    // where max_index_error occurs
  double max_n_error = 0;      // largest |Re n_model - Re n_ref|
  double max_k_error = 0;      // largest |Im n_model - Im n_ref|
  int poles = 0;
};

// Knobs of the pole fit. Poles are added one at a time until the weighted error
// max |dn + i k_weight dk| (dn, dk the errors of Re n and Im n; with k_weight = 1 it is
// max_index_error) is below tolerance or the pole budget is spent; the best model by that
// error is returned either way. k_weight < 1 favours the real index over the extinction:
// the fit residuals in Im n are scaled by it. Library entries whose k has an absorption edge
// that passive poles cannot follow (Ge, InGaAs) multiply it by their own weight (see
// docs/materials.md).
struct FitOptions {
  double tolerance = 1e-4;
  int max_poles_lossless = 4;
  int max_poles_lossy = 8;
  int samples = 80;       // fit samples, uniform in omega over the band
  double k_weight = 1.0;  // weight of the Im n residuals relative to Re n, in (0, 1]
  int minimax_rounds = 12;  // k_weight < 1 only: reweighting rounds towards the minimax fit
};

// FDTD constraint on every fitted Lorentz pole: omega0 <= 2 pi / 0.15 um (resonance at a
// wavelength >= 0.15 um), and, for infrared poles, omega0 >= 2 pi / 50 um.
constexpr double kMaxPoleOmega = 2 * 3.14159265358979323846 / 0.15;
constexpr double kMinPoleOmega = 2 * 3.14159265358979323846 / 50.0;

// Names library_material and reference_index know (InGaAsP also takes any
// "InGaAsP-Q<bandgap um>" with a band-gap wavelength between 0.92 and 1.65 um).
std::vector<std::string> library_names();

// Validity range of a library name; throws std::invalid_argument for an unknown name.
ValidityRange library_range(const std::string& name);

// The cited formula or table (cubic-spline interpolated) itself: complex n + i k along
// `axis` (0, 1, 2 = x, y, z; only uniaxial LiNbO3 entries differ between axes).
// Throws std::out_of_range outside library_range(name), std::invalid_argument for an
// unknown name (the message lists the known ones).
std::complex<double> reference_index(const std::string& name, double lambda_um, int axis = 0);

// A Material reproducing reference_index over [lambda_min_um, lambda_max_um], which must lie
// inside library_range(name) (std::out_of_range otherwise). The band may be a single
// wavelength (lambda_min == lambda_max): the model is then exact there.
Material library_material(const std::string& name, double lambda_min_um, double lambda_max_um,
                          FitReport* report = nullptr);
Material library_material(const std::string& name, double lambda_min_um, double lambda_max_um,
                          const FitOptions& options, FitReport* report = nullptr);

// In(1-x)Ga(x)As(y)P(1-y) lattice-matched to InP with band-gap wavelength bandgap_um
// (0.92 .. 1.65 um), fitted over the band (see docs/materials.md for the model), and its
// reference index. The name of the material is "InGaAsP-Q<bandgap_um>".
Material ingaasp(double bandgap_um, double lambda_min_um, double lambda_max_um,
                 FitReport* report = nullptr);
std::complex<double> ingaasp_index(double bandgap_um, double lambda_um);
// As fraction y and Ga fraction x of the lattice-matched alloy with that band gap.
double ingaasp_arsenic_fraction(double bandgap_um);
double ingaasp_gallium_fraction(double bandgap_um);

// Fits epsilon_inf + Lorentz poles to any complex index function over a band (lossless
// Sellmeier-type poles if Im n < 1e-7 everywhere in the band, damped poles otherwise),
// under the FDTD constraints above. Used by library_material; exposed for user data.
Material fit_index_model(const std::string& name,
                         const std::function<std::complex<double>(double lambda_um)>& index,
                         double lambda_min_um, double lambda_max_um, const FitOptions& options = {},
                         FitReport* report = nullptr);

// A uniaxial material whose ordinary axes are x, y and extraordinary axis z, turned so that
// its extraordinary axis is `extraordinary_axis` (0, 1, 2): epsilon, conductivity and poles
// of axes 2 and extraordinary_axis swap.
Material orient_uniaxial(const Material& ordinary_extraordinary, int extraordinary_axis);

// A gain medium of index `index` with power gain gain_per_cm (1/cm) for a plane wave at
// lambda_um, as a Lorentzian gain line centred there (full width `linewidth_um` in
// wavelength): a Lorentz pole of negative strength, whose Re chi vanishes at the centre, so
// that sqrt(eps) = n + i kappa exactly at lambda_um with kappa = -g lambda / (4 pi). Unlike
// a negative conductivity, a gain line does not amplify the zero-frequency field, which
// would grow in place without bound (derivation in docs/materials.md).
Material gain_material(double index, double gain_per_cm, double lambda_um, double linewidth_um = 0.1);

}  // namespace pfdtd
