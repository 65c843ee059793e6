// The six field arrays of one rank, in device memory, sharing one layout with one ghost layer.
#pragma once
#include <array>
#include <vector>

#include "kernels/box.hpp"
#include "kernels/device_memory.hpp"
#include "kernels/yee.hpp"
#include "solver/grid.hpp"

namespace pfdtd {

// Layout of every per-cell array (fields, material ids): the allocated box, x contiguous.
struct Layout {
  Box alloc;
  std::ptrdiff_t sy = 0, sz = 0, origin_offset = 0;

  explicit Layout(const Box& b = Box{})
      : alloc(b), sy(b.extent(0)), sz(std::ptrdiff_t(b.extent(0)) * b.extent(1)),
        origin_offset(-(b.lo.i + b.lo.j * sy + b.lo.k * sz)) {}
  std::size_t size() const { return static_cast<std::size_t>(alloc.cells()); }
  std::ptrdiff_t index(int i, int j, int k) const { return origin_offset + i + j * sy + k * sz; }
};

template <class Real>
struct Fields {
  Layout layout;
  std::array<DeviceBuffer<Real>, 3> E, H;

  explicit Fields(const Layout& l) : layout(l) {
    for (int c = 0; c < 3; ++c) {
      E[c] = DeviceBuffer<Real>(l.size());
      H[c] = DeviceBuffer<Real>(l.size());
      E[c].zero();
      H[c].zero();
    }
  }
  DeviceBuffer<Real>& operator[](Component c) {
    return is_electric(c) ? E[axis_of(c)] : H[axis_of(c)];
  }
  const DeviceBuffer<Real>& operator[](Component c) const {
    return is_electric(c) ? E[axis_of(c)] : H[axis_of(c)];
  }
  FieldPointers<Real> pointers() const {
    FieldPointers<Real> f;
    for (int c = 0; c < 3; ++c) {
      f.E[c] = E[c].data() + layout.origin_offset;
      f.H[c] = H[c].data() + layout.origin_offset;
    }
    f.stride[0] = 1;
    f.stride[1] = layout.sy;
    f.stride[2] = layout.sz;
    return f;
  }
  // The values of one component over a box, downloaded to the host (x fastest).
  std::vector<Real> download(Component c, const Box& b) const;
};

}  // namespace pfdtd
