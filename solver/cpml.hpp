// Convolutional PML (Roden and Gedney 2000) with polynomial grading of sigma and kappa and
// a linearly graded CFS alpha (Berenger; Gedney's "Introduction to the FDTD method", ch. 11).
// 1D profile tables per axis live on the device for the whole grid; psi arrays exist only
// inside the PML slabs, one per face and field kind, for the two tangential components.
#pragma once
#include <array>
#include <vector>

#include "kernels/device_memory.hpp"
#include "kernels/yee.hpp"
#include "solver/fields.hpp"
#include "solver/grid.hpp"
#include "solver/scene.hpp"
#include "solver/state.hpp"

namespace pfdtd {

template <class Real>
class Cpml {
 public:
  Cpml(const Scene& scene, const Grid& grid, double background_epsilon);

  // Inverse stretching 1/kappa along each axis, at E and at H positions.
  const Real* const* inv_kappa_e() const { return ik_e_ptr_.data(); }
  const Real* const* inv_kappa_h() const { return ik_h_ptr_.data(); }

  // On the slab cells inside `region`.
  void correct_h(const FieldPointers<Real>& f, Real dt_over_d, const Box& region);
  void correct_e(const FieldPointers<Real>& f, const MaterialId* id, const CellCoefficients<Real>* table,
                 const Box& region);
  void append_state(std::vector<StateArray>& out) const;  // the psi arrays, for checkpoints

 private:
  struct Profile {  // per axis, index -1..n stored at [0..n+1]
    DeviceBuffer<Real> inv_kappa, b, c;
  };
  struct Slab {
    Box whole, box;  // the face's slab and this rank's part of it
    int axis;
    std::array<DeviceBuffer<Real>, 2> psi_e, psi_h;
  };
  PmlSlab<Real> view(Slab& s, bool electric) const;

  std::array<Profile, 3> e_, h_;
  std::array<const Real*, 3> ik_e_ptr_{}, ik_h_ptr_{};
  std::vector<Slab> slabs_;
};

}  // namespace pfdtd
