// The dispersive part of the E update: polarisation arrays over the box of dispersive
// cells and per-entry pole coefficients (kernels/dispersion.hpp has the equations).
#pragma once
#include <vector>

#include "kernels/dispersion.hpp"
#include "solver/comm.hpp"
#include "solver/material_table.hpp"
#include "solver/state.hpp"

namespace pfdtd {

// The largest Courant number S = dt sqrt(dims) / d at which the explicit pole update stays
// stable with the scene's dispersive materials (1 when there are none). For one pole, a
// plane wave at the grid's highest wavenumber and P^{n+1} driven by E^n give the
// characteristic equation eps s^2 - (eps a + b + A) s + a b = 0 in s = 4 sin^2(w dt / 2),
// with a = w0^2 dt^2, A = d_eps a (Lorentz) or w_p^2 dt^2 (Drude), b = 4 S^2; its roots lie
// in [0, 4] iff 4 (eps - S^2) - a (eps - S^2) - A >= 0. With several poles we require it
// with the largest a and the sum of the A (conservative). eps is the smallest eps_inf a
// dispersive cell can have (smoothing may average it with any other material's).
double stable_courant(const Scene& scene, double d, int dims);

template <class Real>
class Dispersion {
 public:
  // `comm`: the ranks whose rasters together make the grid (for the checkpoint's whole box).
  Dispersion(const Scene& scene, const MaterialRaster& raster, double dt, const Comm& comm);
  bool any() const { return poles_ > 0; }
  // Around the bulk E update of the cells in `region`: `before` advances P with E^n, `after`
  // applies the current; `advance` then makes P^{n+1} the present level, once per step.
  void before_e(const FieldPointers<Real>& f, const MaterialId* id, const Box& region);
  void after_e(const FieldPointers<Real>& f, const MaterialId* id, const CellCoefficients<Real>* table, Real d_over_dt,
               const Box& region);
  void advance() { now_ = 1 - now_; }
  // The polarisations over the box of all ranks' dispersive cells, for checkpoints, and the
  // level that holds P^n after `step` steps (it alternates every step).
  void append_state(std::vector<StateArray>& out) const;
  void restore_level(long long step) { now_ = static_cast<int>(step % 2); }

 private:
  PolarisationView<Real> view() const;
  Box box_, whole_;
  int poles_ = 0, state_poles_ = 0;  // here; in the checkpoint (the scene's most)
  int now_ = 0;
  DeviceBuffer<Real> P_;
  DeviceBuffer<PoleCoefficients<Real>> table_;
};

}  // namespace pfdtd
