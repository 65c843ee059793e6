// Frequency-domain tangential fields on a plane, colocated on a uniform 2D grid of sample
// points: what fibre coupling, far-field projection and beam overlaps work on. Monitors
// produce them from their DFTs; analytic beams produce them from formulas.
#pragma once
#include <complex>
#include <string>
#include <vector>

#include "geometry/vec3.hpp"

namespace pfdtd {

struct PlaneFields {
  int normal = 2;     // axis normal to the plane; u = (normal+1)%3, v = (normal+2)%3
  Vec3 origin;        // position of sample (0, 0), um
  double du = 0, dv = 0;  // sample spacing, um (dv = 1 per um of z for a line in a 2D run)
  int nu = 0, nv = 0;
  std::vector<double> frequencies;  // 1/um
  // [f * nu * nv + iu + nu * iv], e^{-i omega t} phasors (c = 1, so |E| and |H| are alike)
  std::vector<std::complex<double>> eu, ev, hu, hv;

  std::size_t points() const { return static_cast<std::size_t>(nu) * nv; }
  Vec3 position(int iu, int iv) const;
  // Flux through the plane along +normal per frequency, Re sum (E x H*) . n dA, the same
  // measure as FluxFields::flux (no factor 1/2: DFT amplitudes, not CW phasors).
  std::vector<double> power() const;
  // A plane with one sample along u (or v) is a line of a z-invariant 2D run: that axis
  // (global index) is invariant and its spacing must be 1 (power per um). -1 for a 3D plane.
  int invariant_axis() const;
  // Throws std::invalid_argument naming `who` when sizes, spacings or the axis are inconsistent.
  void validate(const std::string& who) const;
};

}  // namespace pfdtd
