#include "geometry/voxel.hpp"

#include <algorithm>
#include <cmath>

namespace pfdtd {

namespace {

// Fraction of the unit hypercube [0,1]^k below the plane sum n_i x_i = t, all n_i > 0:
// inclusion-exclusion over the corners, V = sum_v (-1)^|v| max(0, t - n.v)^k / (k! prod n_i).
double unit_cube_below(const double* n, int k, double t) {
  double sum = 0, prod = 1, fact = 1;
  for (int i = 0; i < k; ++i) prod *= n[i], fact *= (i + 1);
  for (int corner = 0; corner < (1 << k); ++corner) {
    double nv = 0;
    int bits = 0;
    for (int i = 0; i < k; ++i)
      if (corner & (1 << i)) nv += n[i], ++bits;
    const double r = std::max(0.0, t - nv);
    sum += ((bits & 1) ? -1.0 : 1.0) * std::pow(r, k);
  }
  return std::clamp(sum / (fact * prod), 0.0, 1.0);
}

// The material at p from shapes [0, top) only (those under shape `top`).
int material_below(const std::vector<Shape>& shapes, int top, int background, const Vec3& p) {
  for (int s = top - 1; s >= 0; --s)
    if (shapes[s].contains(p)) return shapes[s].material;
  return background;
}

}  // namespace

double plane_cut_fraction(const Vec3& n, double offset, const Vec3& size) {
  // Map the box to the unit cube: u_i = (x_i / size_i + 1/2); the plane becomes
  // sum (n_i size_i) u_i < offset + sum n_i size_i / 2. Reflect negative coefficients
  // (u -> 1 - u) and drop axes along which the plane does not vary.
  double a[3];
  int k = 0;
  double t = offset;
  for (int i = 0; i < 3; ++i) {
    const double ai = n[i] * size[i];
    t += 0.5 * ai;
    if (std::abs(ai) < 1e-12 * (size.x + size.y + size.z)) continue;
    if (ai < 0) t -= ai;  // u -> 1 - u
    a[k++] = std::abs(ai);
  }
  if (k == 0) return offset > 0 ? 1.0 : 0.0;
  return unit_cube_below(a, k, t);
}

VoxelInterface voxel_interface(const std::vector<Shape>& shapes, int background, const Vec3& c, const Vec3& size) {
  VoxelInterface v;
  const double reach = 0.5 * norm(size);  // half diagonal: beyond it no surface touches the voxel
  for (int s = static_cast<int>(shapes.size()) - 1; s >= 0; --s) {
    const double sd = shapes[s].solid->signed_distance(c);
    if (sd < -reach) {  // this shape covers the voxel: uniform
      v.inside = shapes[s].material;
      return v;
    }
    if (sd > reach) continue;  // far outside: look further down
    const Vec3 n = shapes[s].solid->normal(c);
    const double fill = plane_cut_fraction(n, -sd, size);
    // Material on the outside: what lies under this shape just beyond its surface.
    const int outside = material_below(shapes, s, background, c + (reach - sd) * n);
    if (fill >= 1 || fill <= 0 || outside == shapes[s].material) {
      v.inside = fill > 0 ? shapes[s].material : material_below(shapes, s, background, c);
      return v;
    }
    v.crossed = true;
    v.inside = shapes[s].material;
    v.outside = outside;
    v.fill = fill;
    v.normal = n;
    return v;
  }
  v.inside = background;
  return v;
}

}  // namespace pfdtd
