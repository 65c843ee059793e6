#include "geometry/shape.hpp"

#include <algorithm>
#include <cmath>

namespace pfdtd {

Vec3 Solid::normal(const Vec3& p) const {
  // Central differences of the signed distance; h small against any feature, large against
  // round-off of coordinates of order 1e3 um.
  const double h = 1e-6;
  Vec3 g;
  for (int a = 0; a < 3; ++a) {
    Vec3 lo = p, hi = p;
    lo[a] -= h;
    hi[a] += h;
    g[a] = signed_distance(hi) - signed_distance(lo);
  }
  const double n = norm(g);
  return n > 0 ? (1 / n) * g : Vec3{1, 0, 0};
}

double BoxSolid::signed_distance(const Vec3& p) const {
  // Distance to a box (Quilez's formulation): outside part plus (negative) inside part.
  Vec3 q;
  for (int a = 0; a < 3; ++a) q[a] = std::abs(p[a] - center_[a]) - 0.5 * size_[a];
  const Vec3 outside{std::max(q.x, 0.0), std::max(q.y, 0.0), std::max(q.z, 0.0)};
  return norm(outside) + std::min(std::max(q.x, std::max(q.y, q.z)), 0.0);
}

Bounds BoxSolid::bounds() const { return {center_ - 0.5 * size_, center_ + 0.5 * size_}; }

double CylinderSolid::signed_distance(const Vec3& p) const {
  const int u = (axis_ + 1) % 3, v = (axis_ + 2) % 3;
  const double du = p[u] - center_[u], dv = p[v] - center_[v];
  const double radial = std::sqrt(du * du + dv * dv) - radius_;
  const double along = std::abs(p[axis_] - center_[axis_]) - 0.5 * height_;
  const double out = std::hypot(std::max(radial, 0.0), std::max(along, 0.0));
  return out + std::min(std::max(radial, along), 0.0);
}

Bounds CylinderSolid::bounds() const {
  Vec3 half{radius_, radius_, radius_};
  half[axis_] = 0.5 * height_;
  return {center_ - half, center_ + half};
}

Shape make_box(int material, const Vec3& center, const Vec3& size) {
  return Shape{material, std::make_shared<BoxSolid>(center, size)};
}

Shape make_cylinder(int material, const Vec3& center, double radius, double height, int axis) {
  return Shape{material, std::make_shared<CylinderSolid>(center, radius, height, axis)};
}

int shape_at(const std::vector<Shape>& shapes, const Vec3& p) {
  for (int n = static_cast<int>(shapes.size()) - 1; n >= 0; --n)
    if (shapes[n].contains(p)) return n;
  return -1;
}

int material_at(const std::vector<Shape>& shapes, int background, const Vec3& p) {
  const int n = shape_at(shapes, p);
  return n < 0 ? background : shapes[n].material;
}

}  // namespace pfdtd
