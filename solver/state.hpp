// A run's state as named arrays over boxes of the global grid, for checkpoints: what a rank
// holds of each array, and where it sits in the whole. Written collectively as one dataset
// per array, so a checkpoint can be read back on any number of ranks.
#pragma once
#include <string>
#include <vector>

#include "kernels/box.hpp"

namespace pfdtd {

// The whole array is [outer][cell of `whole`][inner] (cells x fastest); this rank holds
// [outer][cell of `piece`][inner] at `device` (device memory). `piece` lies inside `whole`
// and may be empty (the rank holds none of it; `device` may then be null).
// Examples: a field component: outer = inner = 1; a running DFT: outer = frequencies,
// inner = 2 (re, im); a probe's samples: whole = piece = the probe's cell on its owner,
// outer = the number of steps.
// `stored`, when not empty, is the box the device array really covers (piece inside it):
// a field array holds the owned cells and a ghost layer; only the piece is checkpointed and
// only the piece is overwritten on reading.
struct StateArray {
  std::string name;  // path in the checkpoint file, e.g. "fields/Ex", "flux/trans/0"
  Box whole, piece;
  long long outer = 1;
  int inner = 1;
  bool single = false;  // float32, else float64
  void* device = nullptr;
  Box stored;  // empty: the device array covers exactly `piece`
};

// The scalars a run restarts from.
struct StateScalars {
  long long step = 0;
  double max_energy = 0;  // the decay criterion's running maximum
};

}  // namespace pfdtd
