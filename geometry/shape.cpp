#include "geometry/shape.hpp"

#include <cmath>

namespace pfdtd {

bool Shape::contains(const Vec3& p) const {
  if (kind == Kind::box) {
    for (int a = 0; a < 3; ++a)
      if (std::abs(p[a] - center[a]) > 0.5 * size[a]) return false;
    return true;
  }
  const int u = (axis + 1) % 3, v = (axis + 2) % 3;
  if (std::abs(p[axis] - center[axis]) > 0.5 * height) return false;
  const double du = p[u] - center[u], dv = p[v] - center[v];
  return du * du + dv * dv <= radius * radius;
}

int material_at(const std::vector<Shape>& shapes, int background, const Vec3& p) {
  for (auto it = shapes.rbegin(); it != shapes.rend(); ++it)
    if (it->contains(p)) return it->material;
  return background;
}

}  // namespace pfdtd
