// Array3: a plain, non-owning view of a 3D array with x contiguous, copied by value into
// kernels (like AMReX's Array4). Indices are relative to the owner's box origin, which may
// be negative (ghost layers), so a kernel writes F(i, j, k) in global grid indices.
#pragma once
#include <cstddef>

#include "box.hpp"

namespace pfdtd {

template <class T>
struct Array3 {
  T* origin = nullptr;  // address of element (0, 0, 0), possibly outside [data, data+n)
  std::ptrdiff_t sy = 0, sz = 0;

  PFDTD_HD std::ptrdiff_t offset(int i, int j, int k) const { return i + j * sy + k * sz; }
  PFDTD_HD T& operator()(int i, int j, int k) const { return origin[offset(i, j, k)]; }
  PFDTD_HD T& at(std::ptrdiff_t off) const { return origin[off]; }

  // The view of storage `data` that covers box `b` (b.lo maps to data[0]).
  static Array3 over(T* data, const Box& b) {
    Array3 v;
    v.sy = b.extent(0);
    v.sz = v.sy * b.extent(1);
    v.origin = data - (b.lo.i + b.lo.j * v.sy + b.lo.k * v.sz);
    return v;
  }
};

}  // namespace pfdtd
