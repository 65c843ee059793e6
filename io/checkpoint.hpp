// Checkpoints: a run's state (solver/state.hpp) in one HDF5 file written collectively by all
// ranks through parallel HDF5, so it restarts on any number of ranks.
//   <dir>/checkpoint.h5        the latest complete checkpoint (written as a temporary and
//                              renamed, so a kill mid-write keeps the previous one)
// Layout: attributes step, max_energy, ranks (that wrote it), the scene text; one dataset per
// StateArray at its name: shape (outer, nz, ny, nx, inner) over its whole box, attribute
// first_index = whole.lo; float32 or float64 as the array.
#pragma once
#include <string>
#include <vector>

#include "solver/comm.hpp"
#include "solver/state.hpp"

namespace pfdtd {

std::string checkpoint_path(const std::string& dir);

// Collective. Downloads every rank's piece and writes it into its hyperslab.
void write_checkpoint(const std::string& dir, const Comm& comm, const StateScalars& scalars,
                      const std::vector<StateArray>& arrays, const std::string& scene_text);

// Collective. Fills every rank's piece of each array (uploading to `device`) from the
// checkpoint in `dir`, and returns its scalars. Throws std::runtime_error naming the file
// and the array when an array is missing or its whole box, outer, inner or precision
// differ (a checkpoint of another scene), or when `scene_text` differs from the stored one.
StateScalars read_checkpoint(const std::string& dir, const Comm& comm, const std::vector<StateArray>& arrays,
                             const std::string& scene_text);

bool checkpoint_exists(const std::string& dir);

}  // namespace pfdtd
