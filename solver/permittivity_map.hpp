// The permittivity the solver will see, per Yee component, at one wavelength: what
// `pfdtd geometry` shows a designer before paying for a run. Built from the same raster
// as the run (smoothing, anisotropy, conductivity, dispersion poles evaluated at omega).
// A PEC material shows as -infinity.
#pragma once
#include <array>
#include <complex>
#include <vector>

#include "solver/grid.hpp"
#include "solver/scene.hpp"

namespace pfdtd {

struct PermittivityMap {
  Grid grid;
  double wavelength_um = 1.55;
  std::array<std::vector<std::complex<double>>, 3> eps;  // per E component, interior cells, x fastest

  std::complex<double> at(int component, int i, int j, int k) const {
    return eps[component][i + grid.n[0] * (j + static_cast<std::size_t>(grid.n[1]) * k)];
  }
};

PermittivityMap permittivity_map(const Scene& scene, double wavelength_um);
// The same for the cells of `box` of `grid` only (e.g. the cross-section of a mode solve, so
// a large 3D scene is not rasterised whole): the map's grid is that sub-box, its cell
// (0, 0, 0) being cell box.lo of `grid`.
PermittivityMap permittivity_map(const Scene& scene, const Grid& grid, const Box& box, double wavelength_um);

}  // namespace pfdtd
