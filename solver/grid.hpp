// The Yee grid: cell counts, spacing, time step, and where each field component lives.
// Cell (i, j, k) spans origin + [i, i+1) d on x (likewise y, z). E_c sits on the middle of
// the cell edge along c, H_c on the middle of the face normal to c:
//   E_x (i+1/2, j, k)   H_x (i, j+1/2, k+1/2)   (and cyclic).
// Arrays carry one ghost layer on every side: E's high ghost feeds forward differences,
// H's low ghost backward ones; ghosts hold periodic copies, or zero (a PEC wall).
#pragma once
#include <string>

#include "kernels/box.hpp"
#include "solver/comm.hpp"
#include "solver/scene.hpp"

namespace pfdtd {

struct Grid {
  int n[3] = {1, 1, 1};
  int dims = 3;
  double d = 0.05;   // cell size, um
  double dt = 0.02;  // time step, um/c
  Vec3 origin;       // corner of cell (0,0,0)
  // Mirror phase per axis (Domain::mirror). A mirrored axis keeps only the half of the
  // domain above its centre plane, which is the integer plane of index 0; the removed half
  // has indices -n..-1 in this grid's numbering (solver/symmetry.hpp).
  int mirror[3] = {0, 0, 0};
  bool periodic[3] = {false, false, false};  // a 2D grid's z is periodic
  // This rank's part of the grid (solver/decomposition.hpp): the cells it owns and updates,
  // in the global indices every box uses, the ranks sharing the grid, and the rank across
  // each face of `owned` (-1: none, the domain's wall). A serial grid owns the interior.
  Box owned;
  Comm comm;
  int neighbour[3][2] = {{-1, -1}, {-1, -1}, {-1, -1}};

  static Grid from_domain(const Domain& dom, double courant);

  long long cells() const { return 1LL * n[0] * n[1] * n[2]; }
  Box interior() const { return Box{{0, 0, 0}, {n[0], n[1], n[2]}}; }
  // The owned cells and one ghost layer around them: the extent of this rank's arrays.
  Box allocated() const {
    return Box{{owned.lo.i - 1, owned.lo.j - 1, owned.lo.k - 1}, {owned.hi.i + 1, owned.hi.j + 1, owned.hi.k + 1}};
  }
  // The Courant limit of dt for this spacing and dimensionality: d / sqrt(dims).
  double dt_limit() const;

  // Position of component c at index (i, j, k), in um.
  Vec3 position(Component c, int i, int j, int k) const;
  double offset(Component c, int axis) const;  // 0 or 1/2 cell
  // Cells whose component-c positions lie in the region (a zero size picks the nearest
  // layer on that axis), clipped to the interior. Empty if the region misses the grid.
  Box region(Component c, const Vec3& center, const Vec3& size) const;
  // The normal of a plane region: its one axis of zero size among the grid's active axes
  // (z is inactive in 2D); -1 when there is not exactly one.
  int plane_normal(const Vec3& size) const;
  // The whole domain in this grid's indices: the interior and, below each mirror plane,
  // the removed half it stands for.
  Box domain_box() const;
  // region() clipped to domain_box() instead of the interior: for monitors that unfold
  // the removed half from the kept one.
  Box domain_region(Component c, const Vec3& center, const Vec3& size) const;

 private:
  Box unclipped_region(Component c, const Vec3& center, const Vec3& size) const;
  void keep_upper_half(int axis, const Domain& dom);  // for a mirror on `axis`
};

}  // namespace pfdtd
