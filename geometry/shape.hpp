// Shapes of the core engine: boxes and cylinders (layered slabs are boxes spanning the
// domain). A point belongs to the last shape in scene order that contains it: later
// objects override earlier ones.
#pragma once
#include <vector>

namespace pfdtd {

struct Vec3 {
  double x = 0, y = 0, z = 0;
  double operator[](int a) const { return a == 0 ? x : (a == 1 ? y : z); }
  double& operator[](int a) { return a == 0 ? x : (a == 1 ? y : z); }
};

struct Shape {
  enum class Kind { box, cylinder } kind = Kind::box;
  int material = 0;  // index into the scene's materials
  Vec3 center;
  Vec3 size;          // box: full edge lengths (may be huge: "infinite")
  double radius = 0;  // cylinder
  double height = 0;  // cylinder, along axis
  int axis = 2;       // cylinder axis

  bool contains(const Vec3& p) const;
};

// Material index at a point: the last shape containing it, else `background`.
int material_at(const std::vector<Shape>& shapes, int background, const Vec3& p);

}  // namespace pfdtd
