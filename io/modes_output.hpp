// Writes the output of `pfdtd modes` (layout in docs/output-format.md):
//   <dir>/modes.h5                             modes/<plane>/<mode index>: neff, ng, loss, TE
//                                              fraction, confinement and the six field
//                                              components per wavelength
//   <dir>/<plane>-mode<m>-{E,Ex,Ey,Ez}.png     |E| and |E_c| at the sweep's middle wavelength
#pragma once
#include <string>
#include <vector>

#include "solver/mode_solver.hpp"

namespace pfdtd {

// The modes of one plane: modes[k][m] is mode m (by decreasing Re neff) at frequency k.
struct PlaneModes {
  ModePlaneSpec spec;
  std::vector<double> frequencies;
  std::vector<std::vector<Mode>> modes;
};

// Returns the paths written.
std::vector<std::string> write_modes(const std::string& dir, const Grid& grid, const std::vector<PlaneModes>& planes,
                                     const std::string& scene_text);

}  // namespace pfdtd
