// The dispersive part of the E update: polarisation arrays over the box of dispersive
// cells and per-entry pole coefficients (kernels/dispersion.hpp has the equations).
#pragma once
#include <vector>

#include "kernels/dispersion.hpp"
#include "solver/material_table.hpp"

namespace pfdtd {

template <class Real>
class Dispersion {
 public:
  Dispersion(const Scene& scene, const MaterialRaster& raster, double dt);
  bool any() const { return poles_ > 0; }
  // Around the bulk E update: `before` advances P with E^n, `after` applies the current.
  void before_e(const FieldPointers<Real>& f, const MaterialId* id);
  void after_e(const FieldPointers<Real>& f, const MaterialId* id, const CellCoefficients<Real>* table, Real d_over_dt);
  std::size_t bytes() const { return P_.bytes() + table_.bytes(); }

 private:
  PolarisationView<Real> view() const;
  Box box_;
  int poles_ = 0;
  int now_ = 0;
  DeviceBuffer<Real> P_;
  DeviceBuffer<PoleCoefficients<Real>> table_;
};

}  // namespace pfdtd
