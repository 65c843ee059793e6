#include "solver/grid.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

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
  for (int a = 0; a < 3; ++a) {
    g.periodic[a] = dom.boundary[a][0].kind == BoundaryKind::periodic || (g.dims == 2 && a == 2);
    g.keep_upper_half(a, dom);
  }
  g.dt = courant * g.dt_limit();
  g.owned = g.interior();
  return g;
}

// A mirror plane through the centre must be an integer (tangential E) plane of the full grid,
// so that the kept half has exactly the full run's cells: the count must be even.
void Grid::keep_upper_half(int axis, const Domain& dom) {
  const int phase = dom.mirror[axis];
  if (phase == 0) return;
  const std::string name(1, "xyz"[axis]);
  if (phase != 1 && phase != -1)
    throw std::invalid_argument("symmetry on " + name + ": phase " + std::to_string(phase) + ", expected +1 (even) or -1 (odd)");
  if (dims == 2 && axis == 2) throw std::invalid_argument("symmetry on z in a 2D domain: a 2D domain has no z extent");
  if (dom.boundary[axis][0].kind == BoundaryKind::periodic || dom.boundary[axis][1].kind == BoundaryKind::periodic)
    throw std::invalid_argument("symmetry on " + name + " with a periodic " + name + " boundary: a mirror needs pml or pec faces on " + name);
  if (n[axis] % 2 != 0)
    throw std::invalid_argument("symmetry on " + name + ": the domain has " + std::to_string(n[axis]) + " cells on " + name +
                                ", an even count is needed to put the mirror plane on a cell face; change size." + name +
                                " by one cell (" + std::to_string(d) + " um)");
  n[axis] /= 2;
  origin[axis] = dom.center[axis];
  mirror[axis] = phase;
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

int Grid::plane_normal(const Vec3& size) const {
  int normal = -1, zeros = 0;
  for (int a = 0; a < (dims == 2 ? 2 : 3); ++a)
    if (size[a] == 0) normal = a, ++zeros;
  return zeros == 1 ? normal : -1;
}

Box Grid::region(Component c, const Vec3& center, const Vec3& size) const {
  return intersect(unclipped_region(c, center, size), interior());
}

Box Grid::domain_box() const {
  Box b = interior();
  for (int a = 0; a < 3; ++a)
    if (mirror[a] != 0) b.lo[a] = -n[a];
  return b;
}

Box Grid::domain_region(Component c, const Vec3& center, const Vec3& size) const {
  return intersect(unclipped_region(c, center, size), domain_box());
}

Box Grid::unclipped_region(Component c, const Vec3& center, const Vec3& size) const {
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
      // Ties (a point half-way between two layers, as on a mirror plane for a half-cell
      // component) go to the upper layer, whatever the round-off: the kept side of a mirror.
      const int i = static_cast<int>(std::floor((center[a] - x0) / d + 0.5 + 1e-9));
      b.lo[a] = i;
      b.hi[a] = i + 1;
    } else {
      b.lo[a] = static_cast<int>(std::ceil((center[a] - 0.5 * size[a] - x0 - tol) / d));
      b.hi[a] = static_cast<int>(std::floor((center[a] + 0.5 * size[a] - x0 + tol) / d)) + 1;
    }
  }
  return b;
}

const char* component_name(Component c) {
  static const char* names[] = {"Ex", "Ey", "Ez", "Hx", "Hy", "Hz"};
  return names[static_cast<int>(c)];
}

}  // namespace pfdtd
