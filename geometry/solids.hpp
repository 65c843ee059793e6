// Solids beyond the box and cylinder of shape.hpp: sphere, ring (annulus, optionally an
// angular sector), polygon prism with a sidewall angle, translated copies and arrays, and a
// solid clipped by a plane. Each gives a signed distance (negative inside) that is exact or
// exact in sign and accurate near its surface, and bounds that contain it.
//
// Sidewall angles: `sidewall_deg` is the angle between the sidewall and the base plane, as
// etch recipes quote it: 90 is vertical; below 90 the solid narrows upwards by
// (z - z_ref) / tan(angle) on each side (etched silicon, 80-88 deg); above 90 it widens
// (undercut). The profile given (polygon, radii) is the one at z_ref, by default the base.
#pragma once
#include <memory>
#include <vector>

#include "geometry/shape.hpp"

namespace pfdtd {

struct Vec2 {
  double x = 0, y = 0;
};

// Default of `z_ref` below: the profile is given at the base z0.
constexpr double kZRefAtBase = -1e300;

// Plane geometry of simple polygons (either orientation; a repeated closing vertex is
// allowed but not needed).
double polygon_area(const std::vector<Vec2>& polygon);  // signed: > 0 counter-clockwise
bool polygon_contains(const std::vector<Vec2>& polygon, Vec2 p);  // crossing number (even-odd)
// Signed distance to the polygon's boundary, negative inside (even-odd rule).
double polygon_signed_distance(const std::vector<Vec2>& polygon, Vec2 p);

// Outline of a path of the given full width along a centre line (polyline), with mitred
// joins (a mitre longer than `miter_limit` half-widths is cut to that length, which keeps
// a sharp reversal finite) and straight ends, optionally extended along the end tangents.
// One width per vertex gives a tapered path. Counter-clockwise for a path heading +x.
std::vector<Vec2> path_outline(const std::vector<Vec2>& centre_line, const std::vector<double>& widths,
                               double extend_start = 0, double extend_end = 0, double miter_limit = 8);
std::vector<Vec2> path_outline(const std::vector<Vec2>& centre_line, double width, double extend_start = 0,
                               double extend_end = 0, double miter_limit = 8);

class SphereSolid : public Solid {
 public:
  SphereSolid(const Vec3& center, double radius);
  double signed_distance(const Vec3& p) const override;
  Vec3 normal(const Vec3& p) const override;
  Bounds bounds() const override;
  const Vec3& center() const { return center_; }
  double radius() const { return radius_; }

 private:
  Vec3 center_;
  double radius_;
};

// A ring about an axis along z: radii from inner_radius to outer_radius (at z_ref; inner 0
// gives a disk), from z0 to z1, optionally only the sector from start_deg counter-clockwise
// to stop_deg (angles of the xy plane from +x; stop - start >= 360 or equal angles: the
// whole ring). With a sidewall angle the inner and outer walls lean; the sector's end faces
// stay vertical planes through the axis. Exact distance: the ring is a solid of revolution
// (distance in the meridian plane) cut by a wedge (distance to the nearest end face).
class RingSolid : public Solid {
 public:
  RingSolid(const Vec3& center, double inner_radius, double outer_radius, double z0, double z1,
            double start_deg = 0, double stop_deg = 360, double sidewall_deg = 90, double z_ref = kZRefAtBase);
  double signed_distance(const Vec3& p) const override;
  Bounds bounds() const override;
  bool full() const { return full_; }
  double inner_radius() const { return ri_; }
  double outer_radius() const { return ro_; }

 private:
  double meridian_distance(double rho, double z, bool axis_is_boundary) const;

  Vec3 center_;  // x, y of the axis (z unused)
  double ri_, ro_, z0_, z1_, cot_;
  double a0_, span_;  // start angle and span in radians
  bool full_;
  std::vector<Vec2> section_;  // meridian (rho, z) polygon, counter-clockwise
};

// A simple polygon in the xy plane (any orientation) extruded from z0 to z1, its sides
// leaning by the sidewall angle from the polygon at z_ref (default z0). Signed distance:
// with u the 2D signed distance to the polygon, the solid is {z0 <= z <= z1,
// u + (z - z_ref) cot(angle) <= 0}, and the distance is the exact 2D distance to that set
// in the (u, z) plane: exact for vertical walls and wherever the nearest wall is flat; at a
// corner of the polygon the inset is the exact offset (sharp convex, rounded concave
// corners). Polygons of many vertices are searched in chunks of edges, each bounded by its
// chord and its largest deviation from it.
class PolygonPrism : public Solid {
 public:
  PolygonPrism(std::vector<Vec2> polygon, double z0, double z1, double sidewall_deg = 90,
               double z_ref = kZRefAtBase);
  double signed_distance(const Vec3& p) const override;
  Bounds bounds() const override;
  const std::vector<Vec2>& polygon() const { return poly_; }
  double z0() const { return z0_; }
  double z1() const { return z1_; }
  double sidewall_deg() const { return sidewall_deg_; }
  // 2D signed distance to the base polygon (the profile at z_ref).
  double polygon_distance(double x, double y) const;

 private:
  // An edge from a along e (to b), with 1/|e|^2 and dx/dy precomputed: no division per
  // query. b.y is kept exactly, so that a vertex on the crossing ray counts exactly once.
  struct Edge {
    Vec2 a, e;
    double by, inv_len2, dxdy;
    static Edge between(Vec2 from, Vec2 to);
    double distance2(Vec2 p) const;
    bool crosses(Vec2 p) const;  // the ray from p towards +x, half-open in y
  };
  struct Chunk {
    int first, last;  // edges [first, last)
    double xlo, xhi, ylo, yhi;
    Edge chord;  // first vertex to last
    double dev;  // largest distance of its edges from the chord
  };
  std::vector<Vec2> poly_;
  std::vector<Edge> edges_;
  std::vector<Chunk> chunks_;
  double z0_, z1_, z_ref_, sidewall_deg_, cot_, sin_;
  Bounds bounds_;
};

// A solid moved by an offset.
class TranslatedSolid : public Solid {
 public:
  TranslatedSolid(std::shared_ptr<const Solid> base, const Vec3& offset);
  double signed_distance(const Vec3& p) const override;
  Vec3 normal(const Vec3& p) const override;
  Bounds bounds() const override;

 private:
  std::shared_ptr<const Solid> base_;
  Vec3 offset_;
};

// Copies of one solid at a list of offsets (a union: the minimum of the copies' distances,
// exact outside and, for copies that do not overlap, inside). Copies whose bounds are
// farther than the best distance so far are skipped, so large arrays stay cheap.
class ArraySolid : public Solid {
 public:
  ArraySolid(std::shared_ptr<const Solid> base, std::vector<Vec3> offsets);
  // nx by ny copies at offsets (i pitch_x, j pitch_y, 0), i < nx, j < ny.
  ArraySolid(std::shared_ptr<const Solid> base, int nx, int ny, double pitch_x, double pitch_y);
  double signed_distance(const Vec3& p) const override;
  Vec3 normal(const Vec3& p) const override;
  Bounds bounds() const override;
  std::size_t count() const { return offsets_.size(); }

 private:
  int nearest(const Vec3& p, double* distance) const;
  std::shared_ptr<const Solid> base_;
  std::vector<Vec3> offsets_;
  Bounds base_bounds_, bounds_;
};

// The part of a solid on the side of a plane opposite to its normal: {(p - point).n <= 0}.
// Beyond the plane the distance combines the distance b to the plane with the base's
// distance a at p's foot on the plane, hypot(a, b) (or b over the cut face); inside, the
// larger of the two. Exact where the base does not vary along n near the plane (a
// waveguide or ridge cut square by a facet); the sign is exact always.
class ClippedSolid : public Solid {
 public:
  ClippedSolid(std::shared_ptr<const Solid> base, const Vec3& point, const Vec3& normal);
  double signed_distance(const Vec3& p) const override;
  Bounds bounds() const override;

 private:
  std::shared_ptr<const Solid> base_;
  Vec3 point_, normal_;
};

// Factories returning shapes.
Shape make_sphere(int material, const Vec3& center, double radius);
// A ring centred at `center` of full height `height` (z from center.z - height/2).
Shape make_ring(int material, const Vec3& center, double inner_radius, double outer_radius, double height,
                double start_deg = 0, double stop_deg = 360, double sidewall_deg = 90);
Shape make_polygon_prism(int material, std::vector<Vec2> polygon, double z0, double z1, double sidewall_deg = 90);
Shape make_translated(int material, std::shared_ptr<const Solid> base, const Vec3& offset);
Shape make_array(int material, std::shared_ptr<const Solid> base, int nx, int ny, double pitch_x, double pitch_y);
Shape make_array(int material, std::shared_ptr<const Solid> base, std::vector<Vec3> offsets);

}  // namespace pfdtd
