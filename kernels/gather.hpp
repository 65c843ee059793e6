// Packs the values of one array over a box into a contiguous buffer (x fastest), so output
// and halo transfers move only the cells they need.
#pragma once
#include <cstddef>

#include "config.hpp"

namespace pfdtd {

template <class Real>
struct GatherBox {
  const Real* F;  // element (0,0,0)
  std::ptrdiff_t stride[3];
  int lo[3];
  std::ptrdiff_t bs[3];  // strides over the box
  Real* out;

  PFDTD_HD void operator()(int i, int j, int k) const {
    out[(i - lo[0]) + (j - lo[1]) * bs[1] + (k - lo[2]) * bs[2]] = F[i + j * stride[1] + k * stride[2]];
  }
};

// The inverse: unpacks a contiguous buffer (x fastest over the box) into an array's box.
template <class Real>
struct ScatterBox {
  Real* F;  // element (0,0,0)
  std::ptrdiff_t stride[3];
  int lo[3];
  std::ptrdiff_t bs[3];
  const Real* in;

  PFDTD_HD void operator()(int i, int j, int k) const {
    F[i + j * stride[1] + k * stride[2]] = in[(i - lo[0]) + (j - lo[1]) * bs[1] + (k - lo[2]) * bs[2]];
  }
};

}  // namespace pfdtd
