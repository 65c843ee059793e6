// The ghost-layer exchange between ranks, which replaces the periodic wrap of a serial run:
// after the H update each rank's high face layer of tangential H goes to the low ghost of
// the rank above (backward differences of the E update), after the E update its low face
// layer of tangential E to the high ghost of the rank below (forward differences of the H
// update). A periodic axis held by one rank wraps locally.
//
// The exchange overlaps the update: a half step first updates the face layers that are
// sent (`order().faces`), `start` posts their transfers, the core is updated meanwhile, and
// `finish` waits and fills the ghosts. Every cell's update reads only the other field, so
// the order changes no result.
//
// Transfers are staged through pinned host memory unless the MPI library is CUDA-aware (Open MPI's
// MPIX_Query_cuda_support), in which case device buffers go to MPI directly. Per split face
// and step: 2 components x 2 half steps x face cells x sizeof(Real) each way.
#pragma once
#include <mpi.h>

#include <vector>

#include "kernels/device_memory.hpp"
#include "kernels/yee.hpp"
#include "solver/fields.hpp"

namespace pfdtd {

// The owned cells of a half step split in two: the face layers it sends, and the rest.
struct HaloOrder {
  std::vector<Box> faces;
  Box core;
};

template <class Real>
class HaloExchange {
 public:
  explicit HaloExchange(const Grid& g);
  HaloOrder order(bool electric) const;
  void start(const FieldPointers<Real>& f, bool electric);   // once the faces are updated
  void finish(const FieldPointers<Real>& f, bool electric);  // once the core is updated
  // Both at once, for a state changed outside a step (a restart).
  void exchange(const FieldPointers<Real>& f, bool electric) {
    start(f, electric);
    finish(f, electric);
  }
  // Bytes this rank sends per step (both half steps), for docs/scaling.md's figures.
  long long bytes_per_step() const;

 private:
  struct Link {  // the buffers of the transfers across one axis (two components each way)
    DeviceBuffer<Real> send, recv;
    PinnedBuffer<Real> host_send, host_recv;  // staging, when MPI takes no device pointers
  };
  struct Transfer {  // one half step's transfer across `axis`
    int to = -1, from = -1;  // ranks; -1: none
    Box out, in;             // the layer sent, the ghost layer received
  };
  Transfer transfer(int axis, bool electric) const;
  bool remote(int rank) const { return rank >= 0 && rank != grid_.comm.rank; }
  Box layer(int axis, int index, const Box& across) const;
  void wrap_locally(const FieldPointers<Real>& f, bool electric, int axis) const;

  Grid grid_;
  bool device_mpi_ = false;
  Link links_[3];
  std::vector<MPI_Request> requests_;
};

// Whether MPI can read and write device memory itself (a CUDA-aware MPI).
bool mpi_takes_device_pointers();

}  // namespace pfdtd
