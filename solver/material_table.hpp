// Rasterises the scene's materials onto the grid as one id per cell pointing into a table
// of per-component update coefficients. Bulk cells share a handful of entries; cells that
// an interface crosses get smoothed entries of their own (subpixel smoothing, below). The
// id costs 4 bytes per E update instead of the 24 of per-component coefficients, and
// per-component permittivities (smoothing, anisotropy) are further entries, not kernels.
//
// Subpixel smoothing (Farjadpour et al., Opt. Lett. 31, 2972 (2006); Kottke et al., Phys.
// Rev. E 77, 036611 (2008)): in a voxel of fill fraction f crossed by an interface of
// normal n, the effective inverse permittivity tensor is
//     eps_eff^-1 = P <eps^-1> + (1 - P) <eps>^-1,   P = n n^T,
// with <.> the volume average over the voxel. Our Yee update is diagonal, so component c
// takes the diagonal element n_c^2 <1/eps> + (1 - n_c^2) / <eps>; this is exact for
// interfaces normal to an axis and keeps second-order convergence (tests/test_smoothing).
// Conductivities average linearly; dispersion poles and PEC are not smoothed (the material
// at the component's own position applies).
#pragma once
#include <vector>

#include "kernels/yee.hpp"
#include "solver/fields.hpp"
#include "solver/grid.hpp"
#include "solver/scene.hpp"

namespace pfdtd {

struct MaterialRaster {
  struct Entry {
    double epsilon[3];       // effective permittivity at infinite frequency, per component
    double conductivity[3];  // normalised
    bool pec[3];
    int pole_material[3];    // material whose dispersion poles apply (-1: none)
  };
  std::vector<MaterialId> id;  // over the Layout of the fields
  std::vector<Entry> entries;
  Box dispersive;              // the cells holding a dispersive material (empty if none)

  template <class Real>
  std::vector<CellCoefficients<Real>> coefficients(double dt, double d) const;
};

MaterialRaster rasterise(const Scene& scene, const Grid& grid, const Layout& layout);

}  // namespace pfdtd
