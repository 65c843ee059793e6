// A half-open index box [lo, hi) of the Yee grid, the unit every kernel launch iterates over.
#pragma once
#include <cstddef>

#include "config.hpp"

namespace pfdtd {

struct Index3 {
  int i = 0, j = 0, k = 0;
  PFDTD_HD int operator[](int axis) const { return axis == 0 ? i : (axis == 1 ? j : k); }
  PFDTD_HD int& operator[](int axis) { return axis == 0 ? i : (axis == 1 ? j : k); }
};

struct Box {
  Index3 lo, hi;  // cells lo <= idx < hi on each axis

  long long cells() const {
    long long n = 1;
    for (int a = 0; a < 3; ++a) n *= (hi[a] > lo[a]) ? (hi[a] - lo[a]) : 0;
    return n;
  }
  bool empty() const { return cells() == 0; }
  int extent(int axis) const { return hi[axis] - lo[axis]; }
  bool contains(Index3 p) const {
    for (int a = 0; a < 3; ++a)
      if (p[a] < lo[a] || p[a] >= hi[a]) return false;
    return true;
  }
};

// Strides (1, nx, nx ny) of a contiguous array laid over box b, x fastest.
inline void box_strides(const Box& b, std::ptrdiff_t out[3]) {
  out[0] = 1;
  out[1] = b.extent(0);
  out[2] = out[1] * b.extent(1);
}

inline Box intersect(const Box& a, const Box& b) {
  Box r;
  for (int ax = 0; ax < 3; ++ax) {
    r.lo[ax] = a.lo[ax] > b.lo[ax] ? a.lo[ax] : b.lo[ax];
    r.hi[ax] = a.hi[ax] < b.hi[ax] ? a.hi[ax] : b.hi[ax];
    if (r.hi[ax] < r.lo[ax]) r.hi[ax] = r.lo[ax];
  }
  return r;
}

}  // namespace pfdtd
