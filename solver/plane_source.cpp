#include "solver/plane_source.hpp"

#include <stdexcept>

#include "kernels/launch.hpp"

namespace pfdtd {

namespace {

template <class Real>
void upload_scaled(const std::vector<std::complex<double>>& v, double factor, DeviceBuffer<Real>& re,
                   DeviceBuffer<Real>& im) {
  std::vector<Real> r(v.size()), i(v.size());
  for (std::size_t n = 0; n < v.size(); ++n) {
    r[n] = static_cast<Real>(factor * v[n].real());
    i[n] = static_cast<Real>(factor * v[n].imag());
  }
  re = DeviceBuffer<Real>(v.size());
  im = DeviceBuffer<Real>(v.size());
  re.upload(r);
  im.upload(i);
}

}  // namespace

template <class Real>
PlaneSource<Real>::PlaneSource(const IncidentPlane& inc, const TimeProfile& time)
    : time_(time), h_advance_(inc.h_advance) {
  const int N = inc.normal, t1 = (N + 1) % 3, t2 = (N + 2) % 3;
  const double s = inc.direction > 0 ? 1.0 : -1.0;
  const std::size_t cells = static_cast<std::size_t>(inc.box.cells());
  for (int t = 0; t < 2; ++t)
    if (inc.e[t].size() != cells || inc.h[t].size() != cells)
      throw std::invalid_argument("plane source: incident field arrays do not match the plane's cells");
  Box upstream = inc.box;  // H_t at index k sits at k + 1/2
  upstream.lo[N] += inc.direction > 0 ? -1 : 0;
  upstream.hi[N] = upstream.lo[N] + 1;
  // From curl H and curl E across the plane (signs for s = +1; s flips them all):
  //   E_t1 += cb H_inc_t2,  E_t2 -= cb H_inc_t1,  H_t1 -= dt/d E_inc_t2,  H_t2 += dt/d E_inc_t1.
  e_[0] = Sheet{t1, inc.box, {}, {}};
  e_[1] = Sheet{t2, inc.box, {}, {}};
  h_[0] = Sheet{t1, upstream, {}, {}};
  h_[1] = Sheet{t2, upstream, {}, {}};
  upload_scaled(inc.h[1], s, e_[0].ar, e_[0].ai);
  upload_scaled(inc.h[0], -s, e_[1].ar, e_[1].ai);
  upload_scaled(inc.e[1], -s, h_[0].ar, h_[0].ai);
  upload_scaled(inc.e[0], s, h_[1].ar, h_[1].ai);
}

template <class Real>
void PlaneSource<Real>::launch(const Sheet& s, Real* field, const FieldPointers<Real>& f, std::complex<double> z,
                               const MaterialId* id, const CellCoefficients<Real>* table, Real scale,
                               const Box& region) {
  InjectProfile<Real> k{field, {f.stride[0], f.stride[1], f.stride[2]}, {s.box.lo.i, s.box.lo.j, s.box.lo.k}, {},
                        s.ar.data(), s.ai.data(), id, table, s.component, scale,
                        static_cast<Real>(z.real()), static_cast<Real>(z.imag())};
  box_strides(s.box, k.bs);
  parallel_for(intersect(s.box, region), k);
}

template <class Real>
void PlaneSource<Real>::inject_h(const FieldPointers<Real>& f, double t, Real dt_over_d, const Box& region) const {
  const std::complex<double> z = time_.analytic(t);
  if (z == 0.0) return;
  for (const Sheet& s : h_) launch(s, f.H[s.component], f, z, nullptr, nullptr, dt_over_d, region);
}

template <class Real>
void PlaneSource<Real>::inject_e(const FieldPointers<Real>& f, double t, const MaterialId* id,
                                 const CellCoefficients<Real>* table, const Box& region) const {
  const std::complex<double> z = time_.analytic(t, h_advance_);
  if (z == 0.0) return;
  for (const Sheet& s : e_) launch(s, f.E[s.component], f, z, id, table, Real(1), region);
}

template <class Real>
std::vector<std::complex<double>> PlaneSource<Real>::incident_spectrum(const std::vector<double>& freqs, double dt,
                                                                       long long steps) const {
  std::vector<std::complex<double>> z = time_.analytic_spectrum(freqs, dt, dt, steps);
  for (auto& v : z) v *= 0.5;
  return z;
}

template class PlaneSource<float>;
template class PlaneSource<double>;

}  // namespace pfdtd
