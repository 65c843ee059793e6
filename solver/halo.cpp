#include "solver/halo.hpp"

#if __has_include(<mpi-ext.h>)
#include <mpi-ext.h>
#endif

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

namespace {
// Packs (GatherBox) or unpacks (ScatterBox) the two field components tangential to `axis`
// over `layer`, each to or from its half of `buffer`.
template <template <class> class Copy, class Real, class Buffer>
void copy_tangential(Real* const* F, const FieldPointers<Real>& f, int axis, const Box& layer, Buffer* buffer) {
  for (int c = 0; c < 2; ++c) {
    Copy<Real> k{F[(axis + 1 + c) % 3], {1, f.stride[1], f.stride[2]}, {layer.lo.i, layer.lo.j, layer.lo.k}, {},
                 buffer + c * layer.cells()};
    box_strides(layer, k.bs);
    parallel_for(layer, k);
  }
}
}  // namespace

template <class Real>
HaloExchange<Real>::HaloExchange(const Grid& g) : grid_(g), device_mpi_(mpi_takes_device_pointers()) {
  for (int a = 0; a < 3; ++a) {
    if (!remote(g.neighbour[a][0]) && !remote(g.neighbour[a][1])) continue;
    const std::size_t n = 2 * static_cast<std::size_t>(layer(a, 0, g.owned).cells());
    links_[a].send = DeviceBuffer<Real>(n);
    links_[a].recv = DeviceBuffer<Real>(n);
    if (!device_mpi_) {
      links_[a].host_send = PinnedBuffer<Real>(n);
      links_[a].host_recv = PinnedBuffer<Real>(n);
    }
  }
}

// One layer normal to `axis` at `index`, spanning `across` on the other axes.
template <class Real>
Box HaloExchange<Real>::layer(int axis, int index, const Box& across) const {
  Box b = across;
  b.lo[axis] = index;
  b.hi[axis] = index + 1;
  return b;
}

// E: our low layer down, the upper rank's low layer into our high ghost. H: our high layer
// up, the lower rank's high layer into our low ghost.
template <class Real>
typename HaloExchange<Real>::Transfer HaloExchange<Real>::transfer(int a, bool electric) const {
  const Box& o = grid_.owned;
  Transfer t;
  const int down = grid_.neighbour[a][0], up = grid_.neighbour[a][1];
  t.to = remote(electric ? down : up) ? (electric ? down : up) : -1;
  t.from = remote(electric ? up : down) ? (electric ? up : down) : -1;
  t.out = layer(a, electric ? o.lo[a] : o.hi[a] - 1, o);
  t.in = layer(a, electric ? o.hi[a] : o.lo[a] - 1, o);
  return t;
}

template <class Real>
HaloOrder HaloExchange<Real>::order(bool electric) const {
  HaloOrder r;
  r.core = grid_.owned;
  for (int a = 0; a < 3; ++a) {
    if (transfer(a, electric).to < 0 || r.core.extent(a) == 0) continue;
    const int at = electric ? r.core.lo[a] : r.core.hi[a] - 1;
    r.faces.push_back(layer(a, at, r.core));
    (electric ? r.core.lo[a] : r.core.hi[a]) += electric ? 1 : -1;
  }
  return r;
}

template <class Real>
long long HaloExchange<Real>::bytes_per_step() const {
  long long bytes = 0;
  for (bool electric : {false, true})
    for (int a = 0; a < 3; ++a)
      if (transfer(a, electric).to >= 0) bytes += 2 * transfer(a, electric).out.cells() * static_cast<long long>(sizeof(Real));
  return bytes;
}

template <class Real>
void HaloExchange<Real>::start(const FieldPointers<Real>& f, bool electric) {
  const MPI_Datatype type = sizeof(Real) == 4 ? MPI_FLOAT : MPI_DOUBLE;
  requests_.clear();
  for (int a = 0; a < 3; ++a) {
    const Transfer t = transfer(a, electric);
    Link& l = links_[a];
    const int n = static_cast<int>(2 * t.out.cells()), tag = 2 * a + (electric ? 1 : 0);
    if (t.from >= 0) {
      requests_.emplace_back();
      MPI_Irecv(device_mpi_ ? l.recv.data() : l.host_recv.data(), n, type, t.from, tag, grid_.comm.handle,
                &requests_.back());
    }
    if (t.to < 0) continue;
    copy_tangential<GatherBox>(electric ? f.E : f.H, f, a, t.out, l.send.data());
    device_synchronize();
    if (!device_mpi_) device::download(l.host_send.data(), l.send.data(), n * sizeof(Real));
    requests_.emplace_back();
    MPI_Isend(device_mpi_ ? l.send.data() : l.host_send.data(), n, type, t.to, tag, grid_.comm.handle,
              &requests_.back());
  }
}

template <class Real>
void HaloExchange<Real>::finish(const FieldPointers<Real>& f, bool electric) {
  if (!requests_.empty()) MPI_Waitall(static_cast<int>(requests_.size()), requests_.data(), MPI_STATUSES_IGNORE);
  requests_.clear();
  for (int a = 0; a < 3; ++a) {
    if (grid_.neighbour[a][0] == grid_.comm.rank) wrap_locally(f, electric, a);  // one rank holds a periodic axis
    const Transfer t = transfer(a, electric);
    if (t.from < 0) continue;
    Link& l = links_[a];
    if (!device_mpi_) device::upload(l.recv.data(), l.host_recv.data(), 2 * t.in.cells() * sizeof(Real));
    copy_tangential<ScatterBox>(electric ? f.E : f.H, f, a, t.in, l.recv.data());
  }
}

// The serial periodic wrap, over the whole allocated extent of the other axes: E's high
// ghost from the low layer, H's low ghost from the high one.
template <class Real>
void HaloExchange<Real>::wrap_locally(const FieldPointers<Real>& f, bool electric, int a) const {
  const int from = electric ? grid_.owned.lo[a] : grid_.owned.hi[a] - 1;
  const int to = electric ? grid_.owned.hi[a] : grid_.owned.lo[a] - 1;
  const std::ptrdiff_t shift = (to - from) * f.stride[a];
  for (int c = 0; c < 3; ++c)
    parallel_for(layer(a, from, grid_.allocated()),
                 WrapGhost<Real>{electric ? f.E[c] : f.H[c], {1, f.stride[1], f.stride[2]}, shift});
}

template class HaloExchange<float>;
template class HaloExchange<double>;

}  // namespace pfdtd
