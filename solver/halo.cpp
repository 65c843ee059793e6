#include "solver/halo.hpp"

#include <mpi.h>
#if __has_include(<mpi-ext.h>)
#include <mpi-ext.h>
#endif

#include <algorithm>

#include "kernels/gather.hpp"
#include "kernels/launch.hpp"

namespace pfdtd {

// The CPU backend stages too, so that the tests run the path of a GPU without CUDA-aware MPI.
bool mpi_takes_device_pointers() {
#if defined(PFDTD_DEVICE_BACKEND_CUDA) && defined(MPIX_CUDA_AWARE_SUPPORT) && MPIX_CUDA_AWARE_SUPPORT
  return MPIX_Query_cuda_support() == 1;
#else
  return false;
#endif
}

template <class Real>
HaloExchange<Real>::HaloExchange(const Grid& g, const Layout& l) : grid_(g), layout_(l) {
  long long largest = 0;
  for (int a = 0; a < 3; ++a) largest = std::max(largest, layer(a, 0).cells());
  send_ = DeviceBuffer<Real>(2 * largest);
  recv_ = DeviceBuffer<Real>(2 * largest);
  device_mpi_ = mpi_takes_device_pointers();
  if (!device_mpi_) {
    host_send_.resize(2 * largest);
    host_recv_.resize(2 * largest);
  }
}

template <class Real>
Box HaloExchange<Real>::layer(int axis, int index) const {
  Box b = grid_.allocated();
  b.lo[axis] = index;
  b.hi[axis] = index + 1;
  return b;
}

template <class Real>
long long HaloExchange<Real>::bytes_per_step() const {
  long long bytes = 0;
  for (int a = 0; a < 3; ++a)
    for (int side = 0; side < 2; ++side) {
      const int nb = grid_.neighbour[a][side];
      if (nb >= 0 && nb != grid_.comm.rank) bytes += 2 * layer(a, 0).cells() * static_cast<long long>(sizeof(Real));
    }
  return bytes;
}

template <class Real>
void HaloExchange<Real>::exchange(const FieldPointers<Real>& f, bool electric) {
  for (int a = 0; a < 3; ++a) {
    const int down = grid_.neighbour[a][0], up = grid_.neighbour[a][1];
    if (down < 0 && up < 0) continue;
    if (down == grid_.comm.rank) wrap_locally(f, electric, a);  // this rank holds the whole axis
    else send_receive(f, electric, a);
  }
}

// The serial periodic wrap: E's high ghost from the low layer, H's low ghost from the high one.
template <class Real>
void HaloExchange<Real>::wrap_locally(const FieldPointers<Real>& f, bool electric, int a) const {
  const int from = electric ? grid_.owned.lo[a] : grid_.owned.hi[a] - 1;
  const int to = electric ? grid_.owned.hi[a] : grid_.owned.lo[a] - 1;
  const std::ptrdiff_t shift = (to - from) * f.stride[a];
  for (int c = 0; c < 3; ++c)
    if (c != a) parallel_for(layer(a, from), WrapGhost<Real>{electric ? f.E[c] : f.H[c], {1, f.stride[1], f.stride[2]}, shift});
}

// E: our low layer down, the upper rank's low layer into our high ghost. H: our high layer
// up, the lower rank's high layer into our low ghost. A wall side is MPI_PROC_NULL.
template <class Real>
void HaloExchange<Real>::send_receive(const FieldPointers<Real>& f, bool electric, int a) {
  const int down = grid_.neighbour[a][0], up = grid_.neighbour[a][1];
  const int to = electric ? down : up, from = electric ? up : down;
  const Box out = layer(a, electric ? grid_.owned.lo[a] : grid_.owned.hi[a] - 1);
  const Box in = layer(a, electric ? grid_.owned.hi[a] : grid_.owned.lo[a] - 1);
  const long long n = out.cells();
  const int t1 = (a + 1) % 3, t2 = (a + 2) % 3;
  Real* const* F = electric ? f.E : f.H;
  if (to >= 0)
    for (int t = 0; t < 2; ++t) {
      GatherBox<Real> g{F[t == 0 ? t1 : t2], {1, f.stride[1], f.stride[2]}, {out.lo.i, out.lo.j, out.lo.k}, {},
                        send_.data() + t * n};
      box_strides(out, g.bs);
      parallel_for(out, g);
    }
  device_synchronize();
  Real* send = send_.data();
  Real* recv = recv_.data();
  if (!device_mpi_) {
    if (to >= 0) device::download(host_send_.data(), send_.data(), 2 * n * sizeof(Real));
    send = host_send_.data();
    recv = host_recv_.data();
  }
  const MPI_Datatype type = sizeof(Real) == 4 ? MPI_FLOAT : MPI_DOUBLE;
  const int tag = 2 * a + (electric ? 1 : 0);
  MPI_Sendrecv(send, to >= 0 ? static_cast<int>(2 * n) : 0, type, to >= 0 ? to : MPI_PROC_NULL, tag, recv,
               from >= 0 ? static_cast<int>(2 * n) : 0, type, from >= 0 ? from : MPI_PROC_NULL, tag,
               grid_.comm.handle, MPI_STATUS_IGNORE);
  if (from < 0) return;
  if (!device_mpi_) device::upload(recv_.data(), host_recv_.data(), 2 * n * sizeof(Real));
  for (int t = 0; t < 2; ++t) {
    ScatterBox<Real> s{F[t == 0 ? t1 : t2], {1, f.stride[1], f.stride[2]}, {in.lo.i, in.lo.j, in.lo.k}, {},
                       recv_.data() + t * n};
    box_strides(in, s.bs);
    parallel_for(in, s);
  }
}

template class HaloExchange<float>;
template class HaloExchange<double>;

}  // namespace pfdtd
