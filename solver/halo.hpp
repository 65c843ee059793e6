// The ghost-layer exchange between ranks, which replaces the periodic wrap of a serial run:
// after the H update each rank's high face layer of tangential H goes to the low ghost of
// the rank above (backward differences of the E update), after the E update its low face
// layer of tangential E to the high ghost of the rank below (forward differences of the H
// update). A periodic axis held by one rank wraps locally. Axes go one after another, each
// over the whole allocated extent of the others, as the serial wrap does.
//
// Transfers are staged through host memory unless the MPI library is CUDA-aware (Open MPI's
// MPIX_Query_cuda_support), in which case device buffers go to MPI directly. Per split face
// and step: 2 components x 2 half steps x face cells x sizeof(Real) each way.
#pragma once
#include <vector>

#include "kernels/device_memory.hpp"
#include "kernels/yee.hpp"
#include "solver/fields.hpp"

namespace pfdtd {

template <class Real>
class HaloExchange {
 public:
  HaloExchange(const Grid& g, const Layout& l);
  void after_h(const FieldPointers<Real>& f) { exchange(f, false); }
  void after_e(const FieldPointers<Real>& f) { exchange(f, true); }
  // Bytes this rank sends per step (both half steps), for docs/scaling.md's figures.
  long long bytes_per_step() const;

 private:
  void exchange(const FieldPointers<Real>& f, bool electric);
  void wrap_locally(const FieldPointers<Real>& f, bool electric, int axis) const;
  void send_receive(const FieldPointers<Real>& f, bool electric, int axis);
  Box layer(int axis, int index) const;  // one layer across the allocated extent

  Grid grid_;
  Layout layout_;
  DeviceBuffer<Real> send_, recv_;
  std::vector<Real> host_send_, host_recv_;
  bool device_mpi_ = false;
};

// Whether MPI can read and write device memory itself (a CUDA-aware MPI).
bool mpi_takes_device_pointers();

}  // namespace pfdtd
