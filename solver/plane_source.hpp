// An incident field launched from a plane in one direction: a total-field/scattered-field
// boundary (Taflove & Hagness, Computational Electrodynamics, 3rd ed., ch. 5), which is the
// same as a pair of equivalent surface currents J = n x H_inc, M = -n x E_inc placed on the
// Yee positions either side of the plane. Downstream of the plane the grid carries the
// incident field plus whatever the device scatters; upstream only the scattered field, so a
// launched waveguide mode or beam goes one way and its power is known without a
// normalisation run.
//
// Geometry along the normal N (direction s = +1 or -1): the E_t layer at index k0 is the
// first total-field layer; the H_t layer half a cell upstream (k0 - s/2) is the last
// scattered one. The E update of layer k0 needs H_inc there; the H update of the upstream
// layer needs E_inc of layer k0.
#pragma once
#include <array>
#include <complex>
#include <vector>

#include "kernels/device_memory.hpp"
#include "kernels/yee.hpp"
#include "solver/grid.hpp"
#include "solver/source_time.hpp"

namespace pfdtd {

// The incident field at the centre frequency on the plane's cells (box: extent 1 along
// `normal`, at the E_t layer k0), as e^{-i omega t} phasors, x fastest over the box.
struct IncidentPlane {
  int normal = 0;
  int direction = +1;
  Box box;
  std::array<std::vector<std::complex<double>>, 2> e;  // E_t1, E_t2 at their Yee positions on layer k0
  std::array<std::vector<std::complex<double>>, 2> h;  // H_t1, H_t2 at their Yee positions upstream
  double h_advance = 0;  // group delay from the upstream H layer to the E layer, um/c
};

template <class Real>
class PlaneSource {
 public:
  PlaneSource(const IncidentPlane& inc, const TimeProfile& time);
  // Corrections after the H update (E_inc at t) and after the E update (H_inc at t), on the
  // cells of the plane inside `region`.
  void inject_h(const FieldPointers<Real>& f, double t, Real dt_over_d, const Box& region) const;
  void inject_e(const FieldPointers<Real>& f, double t, const MaterialId* id, const CellCoefficients<Real>* table,
                const Box& region) const;
  // The incident E on the plane is Re(e z(t)); a DFT monitor that samples E at t = n dt,
  // n = 1..steps, sees e A(f) with A = Z(f) / 2 returned here, Z the DFT of z (the
  // negative-frequency part of a pulse of relative width < 0.3 is below 1e-20, left out).
  std::vector<std::complex<double>> incident_spectrum(const std::vector<double>& freqs, double dt,
                                                      long long steps) const;
  const SourceTime& time() const { return time_; }

 private:
  struct Sheet {
    int component = 0;  // axis of the corrected field
    Box box;
    DeviceBuffer<Real> ar, ai;
  };
  static void launch(const Sheet& s, Real* field, const FieldPointers<Real>& f, std::complex<double> z,
                     const MaterialId* id, const CellCoefficients<Real>* table, Real scale, const Box& region);
  SourceTime time_;
  double h_advance_ = 0;
  Sheet e_[2], h_[2];  // corrections of E_t1, E_t2 on layer k0 and of H_t1, H_t2 upstream
};

}  // namespace pfdtd
