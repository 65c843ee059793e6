#include "materials/material.hpp"

#include <algorithm>

namespace pfdtd {

double Diagonal::max() const { return std::max(v[0], std::max(v[1], v[2])); }

std::complex<double> Pole::susceptibility(double w) const {
  const std::complex<double> i(0, 1);
  switch (kind) {
    case Kind::lorentz: return strength * omega0 * omega0 / (omega0 * omega0 - w * w - i * gamma * w);
    case Kind::drude: return -strength * strength / (w * w + i * gamma * w);
    case Kind::debye: return strength / (1.0 - i * w / gamma);
  }
  return 0;
}

std::complex<double> Material::permittivity(double w, int axis) const {
  const std::complex<double> i(0, 1);
  std::complex<double> eps = epsilon[axis] + i * conductivity[axis] / w;
  for (const Pole& p : poles[axis]) eps += p.susceptibility(w);
  return eps;
}

std::complex<double> Material::index(double lambda_um, int axis) const {
  return std::sqrt(permittivity(omega_of_wavelength(lambda_um), axis));
}

}  // namespace pfdtd
