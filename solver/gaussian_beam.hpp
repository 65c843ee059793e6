// A Gaussian beam (a fibre mode, a focused laser) as an analytic field, evaluated at points
// or sampled on a plane.
//
// Conventions: e^{-i omega t} phasors, c = eps0 = mu0 = 1, k = 2 pi n f; a beam travelling
// along k_hat varies as exp(i k s) with s = (p - focus) . k_hat (the mode solver's convention).
// In the beam's own frame (x along the polarisation e, y along k_hat x e, s along k_hat):
//   u(x, y, s) = A exp(i k s) exp(-rho^2 / (w0^2 q)) / q^{d/2},  q = 1 + i s / zR,
//   zR = k w0^2 / 2 = pi n w0^2 / lambda,  rho^2 = x^2 + y^2 (3D, d = 2) or the square of the
//   one transverse coordinate that is not invariant (2D, d = 1),
//   E = e u + k_hat (i / k) de.grad(u),   H = n [h u + k_hat (i / k) dh.grad(u)],  h = k_hat x e,
// the paraxial beam with its longitudinal components to first order in 1/(k w0), from
// div E = div H = 0 (Saleh & Teich, Fundamentals of Photonics, 2nd ed., sec. 3.1; Haus,
// Waves and Fields in Optoelectronics, 1984, ch. 5). The width |u| = exp(-rho^2/w^2) follows
// w(s) = w0 sqrt(1 + (s/zR)^2). Its power, Re integral (E x H*) . k_hat dA with no factor 1/2
// (the flux monitors' measure), is n A^2 pi w0^2 / 2 in 3D and n A^2 w0 sqrt(pi / 2) per um
// of the invariant axis in 2D.
#pragma once
#include <complex>

#include "geometry/vec3.hpp"
#include "solver/plane_fields.hpp"

namespace pfdtd {

using cplx = std::complex<double>;

struct GaussianBeamSpec {
  double waist = 5.2;  // w0: 1/e radius of |E| at the focus, um (SMF-28 at 1550 nm: MFD 10.4 um)
  Vec3 focus;          // um
  int axis = 2;        // the beam travels along `direction` * axis before it is tilted
  int direction = 1;   // +1 or -1
  // Tilt away from the axis by tilt_deg, in the plane of the axis and cos(a) u + sin(a) v,
  // a = tilt_azimuth_deg, u = (axis + 1) % 3, v = (axis + 2) % 3: a fibre 8 deg off the normal
  // of a grating whose lines run along v is tilt_deg = 8, tilt_azimuth_deg = 0.
  double tilt_deg = 0;
  double tilt_azimuth_deg = 0;
  // E along cos(p) u + sin(p) v (p = polarization_deg), projected normal to the tilted beam.
  double polarization_deg = 0;
  double index = 1;         // refractive index of the medium the beam travels in
  double amplitude = 1;     // A: |E| on the axis at the focus
  int invariant_axis = -1;  // >= 0: a 2D beam, uniform along this axis (z in a 2D run)
};

class GaussianBeam {
 public:
  explicit GaussianBeam(const GaussianBeamSpec& spec);  // throws std::invalid_argument

  // E and H phasors at p (um) and frequency (1/um).
  void fields(const Vec3& p, double frequency, cplx E[3], cplx H[3]) const;
  // The layout's plane (normal, origin, spacings, counts, frequencies) filled with this beam's
  // tangential fields.
  PlaneFields on_plane(PlaneFields layout) const;

  double power() const;  // see the header comment; per um of the invariant axis in 2D
  double rayleigh_range(double frequency) const;
  const Vec3& propagation() const { return k_hat_; }
  const GaussianBeamSpec& spec() const { return spec_; }

 private:
  GaussianBeamSpec spec_;
  Vec3 k_hat_, e_hat_, h_hat_;  // right-handed: e x h = k_hat
  Vec3 invariant_;              // unit vector of the invariant axis, zero in 3D
};

}  // namespace pfdtd
