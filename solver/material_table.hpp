// Rasterises the scene's materials onto the grid as one id per cell pointing into a small
// table of per-component update coefficients. The table keeps the bytes per E update low
// (2 bytes of id instead of 24 of coefficients) and admits per-component permittivities
// (smoothing, anisotropy) as further table entries without touching the kernels.
#pragma once
#include <vector>

#include "kernels/yee.hpp"
#include "solver/fields.hpp"
#include "solver/grid.hpp"
#include "solver/scene.hpp"

namespace pfdtd {

struct MaterialRaster {
  std::vector<MaterialId> id;  // over the Layout of the fields
  struct Entry {
    double epsilon[3];
    double conductivity[3];
    bool pec[3];
  };
  std::vector<Entry> entries;

  template <class Real>
  std::vector<CellCoefficients<Real>> coefficients(double dt, double d) const;
};

MaterialRaster rasterise(const Scene& scene, const Grid& grid, const Layout& layout);

}  // namespace pfdtd
