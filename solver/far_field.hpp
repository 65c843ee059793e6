// Far field of the fields stored on a plane, radiated into a homogeneous half-space of index n
// (the plane-wave spectrum form of the equivalence principle).
//
// With F~(kt) = sum F(r) exp(-i kt . r) dA over the samples (the 2D Fourier transform of each
// tangential component; a 1D one along a line of a 2D run), each propagating kt, |kt| < k =
// 2 pi n f, is a plane wave along k_hat = (sin t cos p, sin t sin p, s cos t) in (u, v, n)
// coordinates, s = +1 or -1 the side radiated into. Its two polarisations (E in the plane of
// incidence, p, and across it, s) are picked out of E~ and H~ together with the same overlap
// as fibre coupling, so a wave running back towards the plane does not count:
//   c_p = (n E~_r + s cos t H~_a) / 2,   c_s = (n cos t E~_a - s H~_r) / 2,
// r = kt / |kt| in the plane, a = n x r. The power per unit solid angle (3D) or per radian of
// angle (2D, per um of the invariant axis) is, with the flux monitors' measure (no 1/2),
//   dP/dOmega = k^2 (|c_p|^2 + |c_s|^2) / (4 pi^2 n),   dP/dtheta = k (|c_p|^2 + |c_s|^2) / (2 pi n).
// Directions are sampled on a uniform grid of direction cosines (k_u/k, k_v/k) in 3D, which
// makes the transform separable (two matrix products), and uniformly in the signed angle from
// the normal along the line in 2D.
#pragma once
#include <vector>

#include "solver/plane_fields.hpp"

namespace pfdtd {

struct FarFieldSpec {
  double index = 1;      // of the half-space radiated into
  int side = 1;          // +1: towards +normal, -1: towards -normal
  int samples = 201;     // per direction axis
  double max_angle_deg = 90;  // the grid spans directions up to this angle from the normal
};

struct FarFieldPeak {
  double theta_deg = 0;  // from the outward normal
  double phi_deg = 0;    // azimuth, from u towards v
  double intensity = 0;  // at the sampled maximum
};

struct FarField {
  bool line = false;  // 2D: intensity is dP/dtheta
  int nu = 0, nv = 0;  // direction grid; one of them 1 for a line
  std::vector<double> frequencies;
  std::vector<double> su, sv;          // direction cosines of the grid axes (sin theta along a line)
  std::vector<double> intensity;       // [f * nu * nv + iu + nu * iv]: dP/dOmega or dP/dtheta
  std::vector<double> weight;          // [iu + nu * iv]: solid angle (or angle) of each sample
  std::vector<double> plane_power;     // the plane's flux towards `side`

  double power(int f) const;  // integral over the grid
  FarFieldPeak peak(int f) const;
  // Power in the cone of half-angle `half_angle_deg` around (theta, phi), over the plane's flux.
  double cone_fraction(int f, double theta_deg, double phi_deg, double half_angle_deg) const;
};

FarField far_field(const PlaneFields& plane, const FarFieldSpec& spec);

}  // namespace pfdtd
