// Writes a permittivity map (solver/permittivity_map.hpp) for checking a structure:
//   <dir>/permittivity.h5    /eps_<c>/real, /eps_<c>/imag (nz, ny, nx) per E component
//   <dir>/permittivity.hdf   the same as VTKHDF point arrays for ParaView
//   <dir>/eps-xy.png, eps-xz.png, eps-yz.png   Re(eps) cross-sections through `cut`
#pragma once
#include <string>
#include <vector>

#include "solver/permittivity_map.hpp"

namespace pfdtd {

// Returns the paths written.
std::vector<std::string> write_permittivity(const PermittivityMap& map, const std::string& dir, const Vec3& cut);

}  // namespace pfdtd
