#include "solver/grid.hpp"

#include <algorithm>
#include <cmath>

namespace pfdtd {

Grid Grid::from_domain(const Domain& dom, double courant) {
  Grid g;
  g.dims = dom.dims;
  g.d = 1.0 / dom.resolution;
  for (int a = 0; a < 3; ++a) {
    g.n[a] = std::max(1, static_cast<int>(std::lround(dom.size[a] * dom.resolution)));
    g.origin[a] = dom.center[a] - 0.5 * g.n[a] * g.d;
  }
  if (g.dims == 2) {
    g.n[2] = 1;
    g.origin[2] = dom.center[2];
  }
  g.dt = courant * g.dt_limit();
  return g;
}

double Grid::dt_limit() const { return d / std::sqrt(static_cast<double>(dims)); }

double Grid::offset(Component c, int axis) const {
  const bool on_axis = axis_of(c) == axis;
  return (is_electric(c) == on_axis) ? 0.5 : 0.0;
}

Vec3 Grid::position(Component c, int i, int j, int k) const {
  const int idx[3] = {i, j, k};
  Vec3 p;
  for (int a = 0; a < 3; ++a) p[a] = origin[a] + (idx[a] + offset(c, a)) * d;
  return p;
}

Box Grid::region(Component c, const Vec3& center, const Vec3& size) const {
  Box b;
  const double tol = 1e-9 * d;
  for (int a = 0; a < 3; ++a) {
    const double x0 = origin[a] + offset(c, a) * d;
    if (dims == 2 && a == 2) {
      b.lo[a] = 0;
      b.hi[a] = 1;
      continue;
    }
    if (size[a] == 0) {
      const int i = static_cast<int>(std::lround((center[a] - x0) / d));
      b.lo[a] = i;
      b.hi[a] = i + 1;
    } else {
      b.lo[a] = static_cast<int>(std::ceil((center[a] - 0.5 * size[a] - x0 - tol) / d));
      b.hi[a] = static_cast<int>(std::floor((center[a] + 0.5 * size[a] - x0 + tol) / d)) + 1;
    }
  }
  return intersect(b, interior());
}

const char* component_name(Component c) {
  static const char* names[] = {"Ex", "Ey", "Ez", "Hx", "Hy", "Hz"};
  return names[static_cast<int>(c)];
}

}  // namespace pfdtd
