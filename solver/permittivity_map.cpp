#include "solver/permittivity_map.hpp"

#include <limits>

#include "solver/fields.hpp"
#include "solver/material_table.hpp"
#include "solver/simulation.hpp"

namespace pfdtd {

PermittivityMap permittivity_map(const Scene& scene, double wavelength_um) {
  const Grid g = grid_of(scene);
  return permittivity_map(scene, g, g.interior(), wavelength_um);
}

PermittivityMap permittivity_map(const Scene& scene, const Grid& grid, const Box& box, double wavelength_um) {
  PermittivityMap map;
  map.grid = grid;  // narrowed to the box: rasterisation is local to each cell's position
  for (int a = 0; a < 3; ++a) {
    map.grid.n[a] = box.extent(a);
    map.grid.origin[a] += box.lo[a] * grid.d;
    if (box.lo[a] != 0) map.grid.mirror[a] = 0;  // the mirror plane is index 0 of the whole grid only
  }
  // A serial grid of its own, whatever part of the run's grid this rank owns.
  map.grid.owned = map.grid.interior();
  map.grid.comm = Comm::serial();
  for (auto& side : map.grid.neighbour) side[0] = side[1] = -1;
  map.wavelength_um = wavelength_um;
  const Grid& g = map.grid;
  const Layout layout(g.allocated());
  // The PEC walls that terminate non-periodic faces are part of the method, not of the
  // structure: rasterise as if every face were periodic, so they do not show.
  Scene structure = scene;
  for (auto& axis : structure.domain.boundary)
    for (Boundary& b : axis) b.kind = BoundaryKind::periodic;
  const MaterialRaster r = rasterise(structure, g, layout);
  const double w = omega_of_wavelength(wavelength_um);
  const std::complex<double> i(0, 1);
  // Each table entry's permittivity once, then a lookup per cell.
  std::vector<std::array<std::complex<double>, 3>> entry_eps(r.entries.size());
  for (std::size_t n = 0; n < r.entries.size(); ++n)
    for (int c = 0; c < 3; ++c) {
      const MaterialRaster::Entry& e = r.entries[n];
      std::complex<double> eps = e.pec[c] ? std::complex<double>(-std::numeric_limits<double>::infinity(), 0) : e.epsilon[c] + i * e.conductivity[c] / w;
      if (e.pole_material[c] >= 0)
        for (const Pole& p : scene.materials[e.pole_material[c]].poles[c]) eps += p.susceptibility(w);
      entry_eps[n][c] = eps;
    }
  for (auto& v : map.eps) v.resize(g.cells());
  std::size_t q = 0;
  for (int k = 0; k < g.n[2]; ++k)
    for (int j = 0; j < g.n[1]; ++j)
      for (int ii = 0; ii < g.n[0]; ++ii, ++q)
        for (int c = 0; c < 3; ++c) map.eps[c][q] = entry_eps[r.id[layout.index(ii, j, k)]][c];
  return map;
}

}  // namespace pfdtd
