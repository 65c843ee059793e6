#include "solver/diagnostics.hpp"

#include <thrust/execution_policy.h>
#include <thrust/find.h>
#include <thrust/iterator/counting_iterator.h>
#include <thrust/transform_reduce.h>

#include <functional>

namespace pfdtd {

namespace {

// Maps a linear index over the rank's owned box to its cell and the cell's offset from
// element (0,0,0).
struct InteriorCell {
  Index3 lo;
  int nx, ny;
  std::ptrdiff_t sy, sz;
  PFDTD_HD Index3 index(long long q) const {
    const long long r = q / nx;
    return {lo.i + static_cast<int>(q % nx), lo.j + static_cast<int>(r % ny), lo.k + static_cast<int>(r / ny)};
  }
  PFDTD_HD std::ptrdiff_t operator()(long long q) const {
    const Index3 c = index(q);
    return c.i + c.j * sy + c.k * sz;
  }
};

template <class Real>
struct CellEnergy {
  FieldPointers<Real> f;
  InteriorCell cell;
  const MaterialId* id;
  const double* eps;
  bool mirrored[3];  // axes with a mirror plane at index 0 (solver/symmetry.hpp)

  // The whole domain's energy from the kept part: each cell stands for itself and its
  // images, except that components on a mirror plane (E_t, H_normal at index 0) are
  // their own image.
  PFDTD_HD double images(bool electric, int c, const Index3& at) const {
    double n = 1;
    for (int a = 0; a < 3; ++a)
      if (mirrored[a]) n *= (at[a] == 0 && electric != (a == c)) ? 1.0 : 2.0;
    return n;
  }
  PFDTD_HD double operator()(long long q) const {
    const Index3 at = cell.index(q);
    const std::ptrdiff_t p = cell(q);
    const double* e = eps + 3 * id[p];
    double w = 0;
    for (int c = 0; c < 3; ++c) {
      const double ev = f.E[c][p], hv = f.H[c][p];
      w += images(true, c, at) * e[c] * ev * ev + images(false, c, at) * hv * hv;
    }
    return 0.5 * w;
  }
};

template <class Real>
struct IsBad {
  const Real* F;
  InteriorCell cell;
  double limit;
  PFDTD_HD bool operator()(long long q) const {
    const double v = F[cell(q)];
    return !(v < limit && v > -limit);  // true for NaN too
  }
};

InteriorCell interior_of(const Grid& g, const Layout& l) {
  return {g.owned.lo, g.owned.extent(0), g.owned.extent(1), l.sy, l.sz};
}

// The first rank that found a bad value tells the others, so all stop with one message.
BadValue agree(const Grid& g, BadValue bad) {
  if (!g.comm.parallel()) return bad;
  int first = bad.found ? g.comm.rank : g.comm.size;
  MPI_Allreduce(MPI_IN_PLACE, &first, 1, MPI_INT, MPI_MIN, g.comm.handle);
  if (first == g.comm.size) return bad;
  double packed[5] = {static_cast<double>(bad.component), double(bad.cell.i), double(bad.cell.j), double(bad.cell.k),
                      bad.value};
  MPI_Bcast(packed, 5, MPI_DOUBLE, first, g.comm.handle);
  bad.found = true;
  bad.component = static_cast<Component>(static_cast<int>(packed[0]));
  bad.cell = {static_cast<int>(packed[1]), static_cast<int>(packed[2]), static_cast<int>(packed[3])};
  bad.value = packed[4];
  return bad;
}

}  // namespace

template <class Real>
double field_energy(const Fields<Real>& f, const Grid& g, const MaterialId* id, const double* eps) {
  const CellEnergy<Real> op{f.pointers(), interior_of(g, f.layout), id + f.layout.origin_offset, eps,
                            {g.mirror[0] != 0, g.mirror[1] != 0, g.mirror[2] != 0}};
  const double sum = thrust::transform_reduce(thrust::device, thrust::counting_iterator<long long>(0),
                                              thrust::counting_iterator<long long>(g.owned.cells()), op, 0.0,
                                              thrust::plus<double>());
  const double dv = g.d * g.d * (g.dims == 2 ? 1.0 : g.d);
  return g.comm.sum(sum) * dv;
}

// This rank's first non-finite or huge value, by component then cell.
template <class Real>
BadValue find_bad_value_here(const Fields<Real>& f, const Grid& g, double limit) {
  BadValue bad;
  const InteriorCell cell = interior_of(g, f.layout);
  const FieldPointers<Real> p = f.pointers();
  for (int c = 0; c < 6; ++c) {
    const Real* F = c < 3 ? p.E[c] : p.H[c - 3];
    const auto first = thrust::counting_iterator<long long>(0), last = first + g.owned.cells();
    const auto hit = thrust::find_if(thrust::device, first, last, IsBad<Real>{F, cell, limit});
    if (hit == last) continue;
    const long long q = *hit;
    bad.found = true;
    bad.component = static_cast<Component>(c);
    bad.cell = cell.index(q);
    const Box one{bad.cell, {bad.cell.i + 1, bad.cell.j + 1, bad.cell.k + 1}};
    bad.value = static_cast<double>(f.download(bad.component, one)[0]);
    return bad;
  }
  return bad;
}

template <class Real>
BadValue find_bad_value(const Fields<Real>& f, const Grid& g, double limit) {
  return agree(g, find_bad_value_here(f, g, limit));
}

template double field_energy<float>(const Fields<float>&, const Grid&, const MaterialId*, const double*);
template double field_energy<double>(const Fields<double>&, const Grid&, const MaterialId*, const double*);
template BadValue find_bad_value<float>(const Fields<float>&, const Grid&, double);
template BadValue find_bad_value<double>(const Fields<double>&, const Grid&, double);

}  // namespace pfdtd
