// Material models known to the core engine: isotropic, constant permittivity with an
// electric conductivity. Dispersive, anisotropic and library materials extend this type.
#pragma once
#include <string>

namespace pfdtd {

struct Material {
  std::string name;
  double epsilon = 1.0;       // relative permittivity
  double conductivity = 0.0;  // normalised: sigma[S/m] * Z0 * 1um, see units_from_si
  bool pec = false;           // perfect electric conductor
};

// Conductivity in S/m to the solver's normalised units (eps0 = c = 1, length 1 um):
// sigma_n = sigma * Z0 * 1e-6 m, Z0 = 376.730313 ohm (CODATA 2018).
inline double conductivity_from_si(double sigma_s_per_m) { return sigma_s_per_m * 376.730313668e-6; }

}  // namespace pfdtd
