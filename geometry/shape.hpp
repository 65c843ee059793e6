// Shapes: a solid (the region, as a signed distance) and the material that fills it.
// A point belongs to the LAST shape in scene order that contains it: later objects
// override earlier ones; points in no shape take the background material.
//
// Solids describe themselves by a signed distance (negative inside, zero on the surface),
// exact or at least exact in sign and accurate within a cell of the surface, so that the
// rasteriser can find interface cells, their fill fractions and normals (subpixel
// smoothing) for any solid, including ones added later, without knowing its kind.
#pragma once
#include <memory>
#include <vector>

#include "geometry/vec3.hpp"

namespace pfdtd {

class Solid {
 public:
  virtual ~Solid() = default;
  virtual double signed_distance(const Vec3& p) const = 0;
  // Outward unit normal of the surface near p; by default the gradient of the distance.
  virtual Vec3 normal(const Vec3& p) const;
  virtual Bounds bounds() const = 0;
};

struct Shape {
  int material = 0;  // index into the scene's materials
  std::shared_ptr<const Solid> solid;

  bool contains(const Vec3& p) const { return solid->signed_distance(p) <= 0; }
};

// A box of full edge lengths `size` (an edge of 1e30 or more is unbounded).
class BoxSolid : public Solid {
 public:
  BoxSolid(const Vec3& center, const Vec3& size) : center_(center), size_(size) {}
  double signed_distance(const Vec3& p) const override;
  Bounds bounds() const override;
  const Vec3& center() const { return center_; }
  const Vec3& size() const { return size_; }

 private:
  Vec3 center_, size_;
};

// A circular cylinder along an axis (0, 1, 2), of given radius and full height.
class CylinderSolid : public Solid {
 public:
  CylinderSolid(const Vec3& center, double radius, double height, int axis)
      : center_(center), radius_(radius), height_(height), axis_(axis) {}
  double signed_distance(const Vec3& p) const override;
  Bounds bounds() const override;
  const Vec3& center() const { return center_; }
  double radius() const { return radius_; }
  double height() const { return height_; }
  int axis() const { return axis_; }

 private:
  Vec3 center_;
  double radius_, height_;
  int axis_;
};

Shape make_box(int material, const Vec3& center, const Vec3& size);
Shape make_cylinder(int material, const Vec3& center, double radius, double height, int axis = 2);

// Index of the shape that decides the material at p (the last containing it), or -1.
int shape_at(const std::vector<Shape>& shapes, const Vec3& p);
// Material index at a point: the last shape containing it, else `background`.
int material_at(const std::vector<Shape>& shapes, int background, const Vec3& p);

}  // namespace pfdtd
