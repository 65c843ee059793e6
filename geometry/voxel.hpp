// What a voxel of the grid sees of the geometry, for subpixel smoothing: whether an
// interface crosses it, the fill fraction of the material inside that interface, and the
// interface normal. Materials on either side are reported by index; averaging their
// permittivities is the solver's business.
#pragma once
#include <vector>

#include "geometry/shape.hpp"

namespace pfdtd {

struct VoxelInterface {
  bool crossed = false;  // false: the voxel is uniform, material `inside` everywhere
  int inside = 0;        // material of the shape whose surface crosses the voxel
  int outside = 0;       // material on the other side of that surface
  double fill = 1;       // volume fraction of `inside`
  Vec3 normal{1, 0, 0};  // outward unit normal of the surface
};

// The voxel centred at `c` with edge lengths `size` (an edge of 0: the geometry does not
// vary along that axis, as z in 2D). The surface of the topmost shape that crosses the
// voxel decides; it is treated as a plane within the voxel (exact for flat faces, O(d^2)
// for curved ones, which is what second-order smoothing needs).
VoxelInterface voxel_interface(const std::vector<Shape>& shapes, int background, const Vec3& c, const Vec3& size);

// Volume fraction of the box [-size/2, size/2] on the side n . u < offset of a plane with
// unit normal n (an axis with size 0 is ignored).
double plane_cut_fraction(const Vec3& n, double offset, const Vec3& size);

}  // namespace pfdtd
