// Per-cell Yee updates, written once for every field component and both backends.
//
// Normalised units: eps0 = mu0 = c = 1, lengths in micrometres, time in um/c. Maxwell's
// curl equations with an electric current J and a magnetic current M,
//   dH/dt = -curl E - M,          eps dE/dt + sigma E = curl H - J,
// are advanced by the leapfrog of Yee (1966) on a uniform grid of spacing d:
//   H^{n+1/2} = H^{n-1/2} - (dt/d) curl_d E^n
//   E^{n+1}   = ca E^n + cb' curl_d H^{n+1/2},  ca = (1 - s)/(1 + s), cb' = (dt/(eps d))/(1 + s),
// with s = sigma dt / (2 eps), curl_d the difference curl (forward differences of E for H,
// backward differences of H for E). Component C of the curl is d_A F_B - d_B F_A with
// A = C+1, B = C+2 (mod 3), which is the only place the curl is written.
//
// Stretched coordinates (the CPML of Roden and Gedney, Microw. Opt. Tech. Lett. 27, 334
// (2000)) replace d_A by d_A / kappa_A + psi_A, where psi_A is a recursive convolution
// psi <- b psi + c d_A F kept only inside the PML slabs. The 1/kappa factor is applied here
// from a 1D table per axis (1 outside the PML); psi is added by the slab kernels below.
#pragma once
#include <cstddef>
#include <cstdint>

#include "config.hpp"

namespace pfdtd {

using MaterialId = std::uint32_t;  // bulk and smoothed interface cells: may exceed 65535

// Update coefficients of one coefficient-table entry: per component, because subpixel
// smoothing and anisotropy give each component its own permittivity in the same cell.
template <class Real>
struct CellCoefficients {
  Real ca[3];  // E decay factor (1 for lossless)
  Real cb[3];  // dt / (eps d) / (1 + s): multiplies an undivided difference of H
};

// Pointers to the six components, each at its element (0,0,0), sharing one layout.
template <class Real>
struct FieldPointers {
  Real* E[3];
  Real* H[3];
  std::ptrdiff_t stride[3];  // 1, sy, sz

  PFDTD_HD std::ptrdiff_t offset(int i, int j, int k) const {
    return i + j * stride[1] + k * stride[2];
  }
};

PFDTD_HD inline int axis_index(int axis, int i, int j, int k) {
  return axis == 0 ? i : (axis == 1 ? j : k);
}

// Stretched backward difference of H for E component C at offset p: (curl_d H)_C.
template <int C, class Real>
PFDTD_HD inline Real curl_h(const FieldPointers<Real>& f, const Real* const* inv_kappa_e,
                            std::ptrdiff_t p, int i, int j, int k) {
  constexpr int A = (C + 1) % 3, B = (C + 2) % 3;
  const Real* hb = f.H[B];
  const Real* ha = f.H[A];
  return inv_kappa_e[A][axis_index(A, i, j, k)] * (hb[p] - hb[p - f.stride[A]]) -
         inv_kappa_e[B][axis_index(B, i, j, k)] * (ha[p] - ha[p - f.stride[B]]);
}

// Stretched forward difference of E for H component C at offset p: (curl_d E)_C.
template <int C, class Real>
PFDTD_HD inline Real curl_e(const FieldPointers<Real>& f, const Real* const* inv_kappa_h,
                            std::ptrdiff_t p, int i, int j, int k) {
  constexpr int A = (C + 1) % 3, B = (C + 2) % 3;
  const Real* eb = f.E[B];
  const Real* ea = f.E[A];
  return inv_kappa_h[A][axis_index(A, i, j, k)] * (eb[p + f.stride[A]] - eb[p]) -
         inv_kappa_h[B][axis_index(B, i, j, k)] * (ea[p + f.stride[B]] - ea[p]);
}

template <class Real>
struct UpdateH {
  FieldPointers<Real> f;
  const Real* inv_kappa_h[3];
  Real dt_over_d;

  PFDTD_HD void operator()(int i, int j, int k) const {
    // All three curls before any store: the compiler cannot prove that H and E do not
    // alias, and would otherwise reload E after each store.
    const std::ptrdiff_t p = f.offset(i, j, k);
    const Real c0 = curl_e<0>(f, inv_kappa_h, p, i, j, k);
    const Real c1 = curl_e<1>(f, inv_kappa_h, p, i, j, k);
    const Real c2 = curl_e<2>(f, inv_kappa_h, p, i, j, k);
    f.H[0][p] -= dt_over_d * c0;
    f.H[1][p] -= dt_over_d * c1;
    f.H[2][p] -= dt_over_d * c2;
  }
};

// Lossy = false when every table entry has ca = 1 (no conductivity): the E update then
// looks up three coefficients per cell instead of six, which is what bounds it on CPUs.
// PEC entries have cb = 0 and keep E at its initial zero either way.
template <class Real, bool Lossy>
struct UpdateE {
  FieldPointers<Real> f;
  const Real* inv_kappa_e[3];
  const MaterialId* id;  // same layout as the fields
  const CellCoefficients<Real>* table;

  PFDTD_HD void operator()(int i, int j, int k) const {
    const std::ptrdiff_t p = f.offset(i, j, k);
    const CellCoefficients<Real>& m = table[id[p]];
    // All curls before any store (see UpdateH).
    const Real c0 = m.cb[0] * curl_h<0>(f, inv_kappa_e, p, i, j, k);
    const Real c1 = m.cb[1] * curl_h<1>(f, inv_kappa_e, p, i, j, k);
    const Real c2 = m.cb[2] * curl_h<2>(f, inv_kappa_e, p, i, j, k);
    if constexpr (Lossy) {
      f.E[0][p] = m.ca[0] * f.E[0][p] + c0;
      f.E[1][p] = m.ca[1] * f.E[1][p] + c1;
      f.E[2][p] = m.ca[2] * f.E[2][p] + c2;
    } else {
      f.E[0][p] += c0;
      f.E[1][p] += c1;
      f.E[2][p] += c2;
    }
  }
};

// One PML slab normal to axis A, for one field kind. It holds psi for the two components
// C1 = A+1 and C2 = A+2. From (curl F)_C = d_{C+1} F_{C+2} - d_{C+2} F_{C+1}, the terms
// with a derivative along A are  -d_A F_{C2}  in (curl F)_{C1}  and  +d_A F_{C1}  in
// (curl F)_{C2}.
template <class Real>
struct PmlSlab {
  std::ptrdiff_t ps[3];   // psi strides over the slab box (1, sy, sz)
  int lo[3];              // slab box origin
  Real* psi[2];           // for components axis+1 and axis+2
  const Real* b;          // recursion coefficients along the axis, global index
  const Real* c;

  PFDTD_HD std::ptrdiff_t local(int i, int j, int k) const {
    return (i - lo[0]) + (j - lo[1]) * ps[1] + (k - lo[2]) * ps[2];
  }
};

// E correction: E_C += cb_C * sign * psi_C, psi_C <- b psi_C + c (F_o(p) - F_o(p - s_A)).
// The axis is a template parameter so that strides and components are constants.
template <class Real, int A>
struct PmlCorrectE {
  FieldPointers<Real> f;
  PmlSlab<Real> s;
  const MaterialId* id;
  const CellCoefficients<Real>* table;

  PFDTD_HD void operator()(int i, int j, int k) const {
    constexpr int C1 = (A + 1) % 3, C2 = (A + 2) % 3;
    const std::ptrdiff_t p = f.offset(i, j, k), q = s.local(i, j, k), sa = f.stride[A];
    const int n = axis_index(A, i, j, k);
    const CellCoefficients<Real>& m = table[id[p]];
    // Loads first, then stores (no aliasing reloads): C1 = A+1 has -d_A H_{C2}, C2 = A+2
    // has +d_A H_{C1}.
    const Real d1 = f.H[C2][p] - f.H[C2][p - sa], d2 = f.H[C1][p] - f.H[C1][p - sa];
    const Real psi1 = s.b[n] * s.psi[0][q] + s.c[n] * d1;
    const Real psi2 = s.b[n] * s.psi[1][q] + s.c[n] * d2;
    const Real e1 = f.E[C1][p] - m.cb[C1] * psi1, e2 = f.E[C2][p] + m.cb[C2] * psi2;
    s.psi[0][q] = psi1;
    s.psi[1][q] = psi2;
    f.E[C1][p] = e1;
    f.E[C2][p] = e2;
  }
};

template <class Real, int A>
struct PmlCorrectH {
  FieldPointers<Real> f;
  PmlSlab<Real> s;
  Real dt_over_d;

  PFDTD_HD void operator()(int i, int j, int k) const {
    constexpr int C1 = (A + 1) % 3, C2 = (A + 2) % 3;
    const std::ptrdiff_t p = f.offset(i, j, k), q = s.local(i, j, k), sa = f.stride[A];
    const int n = axis_index(A, i, j, k);
    // H_C1 -= dt/d (-psi1), H_C2 -= dt/d psi2; loads first, then stores.
    const Real d1 = f.E[C2][p + sa] - f.E[C2][p], d2 = f.E[C1][p + sa] - f.E[C1][p];
    const Real psi1 = s.b[n] * s.psi[0][q] + s.c[n] * d1;
    const Real psi2 = s.b[n] * s.psi[1][q] + s.c[n] * d2;
    const Real h1 = f.H[C1][p] + dt_over_d * psi1, h2 = f.H[C2][p] - dt_over_d * psi2;
    s.psi[0][q] = psi1;
    s.psi[1][q] = psi2;
    f.H[C1][p] = h1;
    f.H[C2][p] = h2;
  }
};

// Periodic wrap of one field array across one axis: the ghost layer on one side takes the
// values of the last owned layer on the other side. E needs its high ghost (forward
// differences), H its low ghost (backward differences). `shift` is the offset from the
// source layer to the ghost layer, (to - from) * stride along the axis. A mirror plane
// (solver/symmetry.hpp) fills the ghost below it from the layer above with the component's
// mirror sign.
template <class Real>
struct WrapGhost {
  Real* F;
  std::ptrdiff_t stride[3];
  std::ptrdiff_t shift;
  Real sign = Real(1);

  PFDTD_HD void operator()(int i, int j, int k) const {
    const std::ptrdiff_t p = i + j * stride[1] + k * stride[2];
    F[p + shift] = sign * F[p];
  }
};

// A current source of one component over a box: F_C(p) += scale(p) * value, where the
// caller folds -cb (E) or -dt/d (H) and the current density into scale and value.
template <class Real>
struct InjectCurrent {
  Real* F;
  std::ptrdiff_t stride[3];
  const MaterialId* id;                 // null for magnetic currents
  const CellCoefficients<Real>* table;  // null for magnetic currents
  int component;
  Real value;  // -(current density) * d * s(t); multiplied by cb or dt/d

  PFDTD_HD void operator()(int i, int j, int k) const {
    const std::ptrdiff_t p = i + j * stride[1] + k * stride[2];
    const Real coef = id ? table[id[p]].cb[component] : Real(1);
    F[p] += coef * value;
  }
};

// An incident field on a plane, injected as equivalent surface currents (total-field /
// scattered-field plane): F_C(p) += coef(p) Re(a(q) z(t)) with a per-cell complex amplitude
// a = (ar, ai) over the plane's box and one complex signal value z = (zr, zi) per step.
// coef is cb of the cell for E (id and table set) and dt/d for H (id null).
template <class Real>
struct InjectProfile {
  Real* F;
  std::ptrdiff_t stride[3];
  int lo[3];
  std::ptrdiff_t bs[3];  // strides over the plane's box
  const Real* ar;
  const Real* ai;
  const MaterialId* id;
  const CellCoefficients<Real>* table;
  int component;
  Real scale, zr, zi;  // scale: dt/d for H, 1 for E

  PFDTD_HD void operator()(int i, int j, int k) const {
    const std::ptrdiff_t p = i + j * stride[1] + k * stride[2];
    const std::ptrdiff_t q = (i - lo[0]) + (j - lo[1]) * bs[1] + (k - lo[2]) * bs[2];
    const Real coef = id ? table[id[p]].cb[component] : scale;
    F[p] += coef * (ar[q] * zr - ai[q] * zi);
  }
};

// Running DFT of one field array over a box: acc[f][q] += F(p) * (cos, sin)(w_f t) for all
// monitor frequencies at once. Accumulators are double: a float sum over 1e5 steps would
// lose the accuracy the spectra need.
template <class Real>
struct AccumulateDft {
  const Real* F;
  std::ptrdiff_t stride[3];
  int lo[3];
  std::ptrdiff_t bs[3];  // strides over the monitor box
  std::ptrdiff_t box_cells;
  int nfreq;
  const double* phase;  // [2*nfreq]: cos, sin of w_f t times dt
  double* acc;          // [nfreq][box_cells][2]

  PFDTD_HD void operator()(int i, int j, int k) const {
    const double v = F[i + j * stride[1] + k * stride[2]];
    const std::ptrdiff_t q = (i - lo[0]) + (j - lo[1]) * bs[1] + (k - lo[2]) * bs[2];
    for (int n = 0; n < nfreq; ++n) {
      double* a = acc + 2 * (n * box_cells + q);
      a[0] += v * phase[2 * n];
      a[1] += v * phase[2 * n + 1];
    }
  }
};

// Copy one value of a field into a device time series (a probe), so probes cost no
// device-to-host transfer per step.
template <class Real>
struct RecordSample {
  const Real* F;
  std::ptrdiff_t p;
  Real* out;
  PFDTD_HD void operator()(int, int, int) const { *out = F[p]; }
};

}  // namespace pfdtd
