// `pfdtd sweep`: a geometry (or any numeric) sweep of a base scene as one MPI job split into
// rank groups, or one point per Slurm array task (docs/sweeps.md).
#pragma once
#include <string>
#include <vector>

namespace pfdtd {

// pfdtd sweep <sweep.yaml> [--resume] [--point i] [--quiet]; the arguments after "sweep".
// Returns 0 (every point has a record, done or failed), 1 (bad sweep file), 2 (usage) or
// 5 (stopped by a signal; --resume goes on).
int cmd_sweep(const std::vector<std::string>& args);

}  // namespace pfdtd
