// Dispersive media by auxiliary differential equations: each pole adds a polarisation P
// per E component, driven by E (Taflove and Hagness, 3rd ed., sec. 9.4, in our units):
//   Lorentz  P'' + gamma P' + w0^2 P = d_eps w0^2 E
//   Drude    P'' + gamma P'          = w_p^2 E
//   Debye    P'  + gamma P           = gamma d_eps E          (gamma = 1/tau)
// Central differences about t_n give P^{n+1} = c1 P^n + c2 P^{n-1} + c3 E^n (Debye: the exact
// exponential step with E held over dt). The polarisation current (P^{n+1} - P^n)/dt then
// enters Ampere's law: E^{n+1} = [bulk update] - cb d/dt (P^{n+1} - P^n), since
// cb d / dt = 1 / (eps_inf (1 + s)).
// P lives only on the box that holds dispersive cells, two time levels per pole, and the
// time levels swap roles each step (no copies).
#pragma once
#include <cstddef>

#include "yee.hpp"

namespace pfdtd {

constexpr int kMaxPoles = 8;  // per component and material (library metals use up to 6, Ge 8)

template <class Real>
struct PoleCoefficients {
  Real c1[3][kMaxPoles], c2[3][kMaxPoles], c3[3][kMaxPoles];
};

// P over the dispersive box: [level][pole][component][cell].
template <class Real>
struct PolarisationView {
  Real* P;
  int lo[3];
  std::ptrdiff_t ps[3];  // strides over the box
  std::ptrdiff_t cells;
  int poles;
  int now;  // level holding P^n; the other holds P^{n-1}, then P^{n+1}

  PFDTD_HD std::ptrdiff_t local(int i, int j, int k) const {
    return (i - lo[0]) + (j - lo[1]) * ps[1] + (k - lo[2]) * ps[2];
  }
  PFDTD_HD Real& at(int level, int pole, int c, std::ptrdiff_t q) const {
    return P[((level * poles + pole) * 3 + c) * cells + q];
  }
};

// Before the E update: P^{n+1} from P^n, P^{n-1} and E^n, written over P^{n-1}.
template <class Real>
struct UpdatePolarisation {
  FieldPointers<Real> f;
  PolarisationView<Real> v;
  const MaterialId* id;
  const PoleCoefficients<Real>* table;

  PFDTD_HD void operator()(int i, int j, int k) const {
    const std::ptrdiff_t p = f.offset(i, j, k), q = v.local(i, j, k);
    const PoleCoefficients<Real>& m = table[id[p]];
    const int next = 1 - v.now;
    for (int c = 0; c < 3; ++c) {
      const Real e = f.E[c][p];
      for (int n = 0; n < v.poles; ++n) {
        Real& older = v.at(next, n, c, q);
        older = m.c1[c][n] * v.at(v.now, n, c, q) + m.c2[c][n] * older + m.c3[c][n] * e;
      }
    }
  }
};

// After the E update: subtract the polarisation current of all poles.
template <class Real>
struct ApplyPolarisation {
  FieldPointers<Real> f;
  PolarisationView<Real> v;
  const MaterialId* id;
  const CellCoefficients<Real>* table;
  Real d_over_dt;

  PFDTD_HD void operator()(int i, int j, int k) const {
    const std::ptrdiff_t p = f.offset(i, j, k), q = v.local(i, j, k);
    const CellCoefficients<Real>& m = table[id[p]];
    const int next = 1 - v.now;
    for (int c = 0; c < 3; ++c) {
      Real dp = 0;
      for (int n = 0; n < v.poles; ++n) dp += v.at(next, n, c, q) - v.at(v.now, n, c, q);
      f.E[c][p] -= m.cb[c] * d_over_dt * dp;
    }
  }
};

}  // namespace pfdtd
