// Material models: a diagonal permittivity at infinite frequency, a diagonal electric
// conductivity (negative: gain), and per-axis dispersion poles (Lorentz, Drude, Debye),
// each evaluated here in the frequency domain. Time stepping of the poles (auxiliary
// differential equations) is the solver's business; materials know no dt.
//
// Units: normalised, eps0 = c = 1, lengths in um, so an angular frequency is in rad per
// (um/c), omega = 2 pi / lambda[um]. Convention: fields ~ exp(-i omega t), so loss is
// Im(eps) > 0.
#pragma once
#include <array>
#include <complex>
#include <string>
#include <utility>
#include <vector>

namespace pfdtd {

// Three values, one per axis; a single number means the same on every axis.
struct Diagonal {
  std::array<double, 3> v{0, 0, 0};
  Diagonal(double s = 0) : v{s, s, s} {}  // NOLINT: isotropic values convert implicitly
  Diagonal(double x, double y, double z) : v{x, y, z} {}
  double operator[](int a) const { return v[a]; }
  double& operator[](int a) { return v[a]; }
  bool isotropic() const { return v[0] == v[1] && v[1] == v[2]; }
  double max() const;
};

struct Pole {
  enum class Kind { lorentz, drude, debye } kind = Kind::lorentz;
  // lorentz:  chi = strength omega0^2 / (omega0^2 - omega^2 - i gamma omega)   (strength = delta eps)
  // drude:    chi = -strength^2 / (omega^2 + i gamma omega)                   (strength = plasma omega_p)
  // debye:    chi = strength / (1 - i omega / gamma)                          (strength = delta eps, gamma = 1/tau)
  double strength = 0;
  double omega0 = 0;
  double gamma = 0;

  std::complex<double> susceptibility(double omega) const;
};

struct Material {
  Material() = default;
  Material(std::string n, Diagonal eps, Diagonal sigma = 0.0) : name(std::move(n)), epsilon(eps), conductivity(sigma) {}

  std::string name;
  Diagonal epsilon = 1.0;       // relative permittivity at infinite frequency, per axis
  Diagonal conductivity = 0.0;  // normalised: sigma[S/m] * Z0 * 1um (negative: gain)
  bool pec = false;             // perfect electric conductor
  std::array<std::vector<Pole>, 3> poles;  // dispersion per axis

  bool dispersive() const { return !poles[0].empty() || !poles[1].empty() || !poles[2].empty(); }
  // Complex relative permittivity along `axis` at angular frequency omega.
  std::complex<double> permittivity(double omega, int axis) const;
  // Refractive index sqrt(eps) along `axis` at wavelength lambda (um), Im >= 0 for loss.
  std::complex<double> index(double lambda_um, int axis = 0) const;
};

// Conductivity in S/m to the solver's normalised units (eps0 = c = 1, length 1 um):
// sigma_n = sigma * Z0 * 1e-6 m, Z0 = 376.730313 ohm (CODATA 2018).
inline double conductivity_from_si(double sigma_s_per_m) { return sigma_s_per_m * 376.730313668e-6; }

// Angular frequency (rad per um/c) of a vacuum wavelength in um.
inline double omega_of_wavelength(double lambda_um) { return 2 * 3.14159265358979323846 / lambda_um; }

}  // namespace pfdtd
