#include "solver/plane_fields.hpp"

#include <stdexcept>

namespace pfdtd {

Vec3 PlaneFields::position(int iu, int iv) const {
  Vec3 p = origin;
  p[(normal + 1) % 3] += iu * du;
  p[(normal + 2) % 3] += iv * dv;
  return p;
}

std::vector<double> PlaneFields::power() const {
  const std::size_t n = points();
  std::vector<double> flux(frequencies.size(), 0.0);
  for (std::size_t f = 0; f < flux.size(); ++f) {
    double sum = 0;
    for (std::size_t q = f * n; q < (f + 1) * n; ++q)  // (E x H*) . n with n = u x v
      sum += std::real(eu[q] * std::conj(hv[q]) - ev[q] * std::conj(hu[q]));
    flux[f] = sum * du * dv;
  }
  return flux;
}

int PlaneFields::invariant_axis() const {
  if (nv == 1 && nu > 1) return (normal + 2) % 3;
  if (nu == 1 && nv > 1) return (normal + 1) % 3;
  return -1;
}

void PlaneFields::validate(const std::string& who) const {
  auto fail = [&](const std::string& what) { throw std::invalid_argument(who + ": plane fields " + what); };
  if (normal < 0 || normal > 2) fail("have normal axis " + std::to_string(normal) + ", expected 0, 1 or 2");
  if (nu < 1 || nv < 1 || (nu == 1 && nv == 1))
    fail("have " + std::to_string(nu) + " x " + std::to_string(nv) + " samples, expected at least a line of 2");
  if (!(du > 0) || !(dv > 0)) fail("have spacings du = " + std::to_string(du) + ", dv = " + std::to_string(dv) +
                                   " um, expected positive values");
  if (frequencies.empty()) fail("have no frequencies");
  for (double f : frequencies)
    if (!(f > 0)) fail("have frequency " + std::to_string(f) + " 1/um, expected > 0");
  const std::size_t n = points() * frequencies.size();
  if (eu.size() != n || ev.size() != n || hu.size() != n || hv.size() != n)
    fail("hold " + std::to_string(eu.size()) + "/" + std::to_string(ev.size()) + "/" + std::to_string(hu.size()) +
         "/" + std::to_string(hv.size()) + " values of eu/ev/hu/hv, expected " + std::to_string(n) +
         " (frequencies x nu x nv)");
  const double invariant_spacing = nv == 1 ? dv : (nu == 1 ? du : 1.0);
  if (invariant_axis() >= 0 && invariant_spacing != 1.0)
    fail("form a line of a 2D run but the invariant spacing is " + std::to_string(invariant_spacing) +
         ", expected 1 (power per um of the invariant axis)");
}

}  // namespace pfdtd
