// Checkpoints across MPI ranks (registered in tests/checkpoint.cmake, run under mpirun):
//   checkpoint_mpi write <dir> <axis>     every rank writes its slab (along x, y or z) of the
//                                         synthetic state (tests/checkpoint_state.hpp), the
//                                         field with a ghost layer as the solver's are
//   checkpoint_mpi read <dir> <axis>      every rank reads its slab, split along `axis` among
//                                         however many ranks run now, and checks it bitwise
//   checkpoint_mpi mismatch <dir> <axis>  a read asking for an array the file lacks must throw
//                                         the same error on every rank (no rank left waiting)
// Exit status: 0 passed, 1 failed, 2 bad usage.
#include <cstdio>
#include <stdexcept>
#include <string>

#include "io/checkpoint.hpp"
#include "tests/checkpoint_state.hpp"

using namespace pfdtd;
using pfdtd::synthetic::SyntheticState;

namespace {

const std::string kScene = "scene: synthetic\nrun: {steps: 1000}\n";
const StateScalars kScalars{1234, 0.625};

bool write(const std::string& dir, const Comm& comm, int axis) {
  const SyntheticState state(synthetic::slab(axis, comm.rank, comm.size), true, true);
  write_checkpoint(dir, comm, kScalars, state.arrays, kScene);
  return checkpoint_exists(dir);
}

bool read(const std::string& dir, const Comm& comm, int axis) {
  SyntheticState state(synthetic::slab(axis, comm.rank, comm.size), false, true);
  const StateScalars s = read_checkpoint(dir, comm, state.arrays, kScene);
  const long long bad = comm.sum(state.mismatches());
  const bool scalars_ok = s.step == kScalars.step && s.max_energy == kScalars.max_energy;
  if (comm.root()) std::printf("read on %d ranks: %lld values differ, scalars %s\n", comm.size, bad, scalars_ok ? "equal" : "DIFFER");
  return bad == 0 && comm.sum(scalars_ok ? 0LL : 1LL) == 0;
}

bool mismatch(const std::string& dir, const Comm& comm, int axis) {
  SyntheticState state(synthetic::slab(axis, comm.rank, comm.size), false);
  state.arrays.back().name = "probes/absent/Hz";
  bool named = false;
  try {
    read_checkpoint(dir, comm, state.arrays, kScene);
  } catch (const std::runtime_error& e) {
    named = std::string(e.what()).find("probes/absent/Hz") != std::string::npos;
  }
  const long long agreeing = comm.sum(named ? 1LL : 0LL);
  if (comm.root()) std::printf("missing array reported on %lld of %d ranks\n", agreeing, comm.size);
  return agreeing == comm.size;
}

}  // namespace

int main(int argc, char** argv) {
  const Comm comm = Comm::world();
  const std::string mode = argc == 4 ? argv[1] : "", axis_name = argc == 4 ? argv[3] : "";
  const int axis = axis_name == "x" ? 0 : axis_name == "y" ? 1 : axis_name == "z" ? 2 : -1;
  int status = 2;
  try {
    if (axis < 0) status = 2;
    else if (mode == "write") status = write(argv[2], comm, axis) ? 0 : 1;
    else if (mode == "read") status = read(argv[2], comm, axis) ? 0 : 1;
    else if (mode == "mismatch") status = mismatch(argv[2], comm, axis) ? 0 : 1;
    if (status == 2) std::fprintf(stderr, "usage: checkpoint_mpi write|read|mismatch <dir> x|y|z\n");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "rank %d: %s\n", comm.rank, e.what());
    status = 1;
  }
  MPI_Finalize();
  return status;
}
