// Whole-grid reductions: field energy and the search for a diverging value. Both go
// through Thrust, which runs on CUDA in the CUDA build and on OpenMP in the CPU build.
#pragma once
#include "solver/fields.hpp"

namespace pfdtd {

struct BadValue {
  bool found = false;
  Component component = Component::Ex;
  Index3 cell;
  double value = 0;
};

// 1/2 sum (eps |E|^2 + |H|^2) dV over the interior; eps_of_entry holds 3 values per
// coefficient-table entry (device memory).
template <class Real>
double field_energy(const Fields<Real>& f, const Grid& g, const MaterialId* id, const double* eps_of_entry);

// The first value that is NaN, infinite or above `limit` in magnitude, if any.
template <class Real>
BadValue find_bad_value(const Fields<Real>& f, const Grid& g, double limit);

}  // namespace pfdtd
