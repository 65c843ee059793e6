#include "solver/gaussian_beam.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace pfdtd {
namespace {

constexpr double kPi = 3.14159265358979323846;

Vec3 unit(int axis) {
  Vec3 e;
  e[axis] = 1;
  return e;
}

Vec3 cross(const Vec3& a, const Vec3& b) {
  return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}

void check_spec(const GaussianBeamSpec& s) {
  auto fail = [](const std::string& what) { throw std::invalid_argument("Gaussian beam: " + what); };
  if (!(s.waist > 0)) fail("waist " + std::to_string(s.waist) + " um, expected > 0");
  if (s.axis < 0 || s.axis > 2) fail("axis " + std::to_string(s.axis) + ", expected 0 (x), 1 (y) or 2 (z)");
  if (s.direction != 1 && s.direction != -1) fail("direction " + std::to_string(s.direction) + ", expected +1 or -1");
  if (!(std::abs(s.tilt_deg) < 90)) fail("tilt " + std::to_string(s.tilt_deg) + " deg, expected |tilt| < 90");
  if (!(s.index > 0)) fail("index " + std::to_string(s.index) + ", expected > 0");
  if (s.invariant_axis < -1 || s.invariant_axis > 2)
    fail("invariant axis " + std::to_string(s.invariant_axis) + ", expected -1 (3D), 0, 1 or 2");
}

}  // namespace

GaussianBeam::GaussianBeam(const GaussianBeamSpec& spec) : spec_(spec) {
  check_spec(spec);
  const double deg = kPi / 180, tilt = spec.tilt_deg * deg, azimuth = spec.tilt_azimuth_deg * deg;
  const Vec3 u = unit((spec.axis + 1) % 3), v = unit((spec.axis + 2) % 3);
  const Vec3 tilt_towards = std::cos(azimuth) * u + std::sin(azimuth) * v;
  k_hat_ = std::cos(tilt) * (double(spec.direction) * unit(spec.axis)) + std::sin(tilt) * tilt_towards;

  const double p = spec.polarization_deg * deg;
  const Vec3 requested = std::cos(p) * u + std::sin(p) * v;
  const Vec3 transverse = requested - dot(requested, k_hat_) * k_hat_;
  if (norm(transverse) < 1e-6)
    throw std::invalid_argument("Gaussian beam: polarisation " + std::to_string(spec.polarization_deg) +
                                " deg lies along the tilted beam; choose one across it");
  e_hat_ = (1 / norm(transverse)) * transverse;
  h_hat_ = cross(k_hat_, e_hat_);

  if (spec.invariant_axis >= 0) {
    invariant_ = unit(spec.invariant_axis);
    if (std::abs(dot(invariant_, k_hat_)) > 1e-9)
      throw std::invalid_argument("Gaussian beam: a 2D beam must travel across its invariant axis " +
                                  std::to_string(spec.invariant_axis) + " (tilt it in the other plane)");
  }
}

double GaussianBeam::rayleigh_range(double frequency) const {
  return kPi * spec_.index * frequency * spec_.waist * spec_.waist;
}

void GaussianBeam::fields(const Vec3& p, double frequency, cplx E[3], cplx H[3]) const {
  if (!(frequency > 0))
    throw std::invalid_argument("Gaussian beam: frequency " + std::to_string(frequency) + " 1/um, expected > 0");
  const Vec3 r = p - spec_.focus;
  const double s = dot(r, k_hat_);
  Vec3 across = r - s * k_hat_;
  across = across - dot(across, invariant_) * invariant_;  // no-op in 3D (invariant_ = 0)
  const double k = 2 * kPi * spec_.index * frequency, w0 = spec_.waist;
  const cplx q(1.0, s / rayleigh_range(frequency));
  const cplx gouy = spec_.invariant_axis >= 0 ? std::sqrt(q) : q;
  const cplx u = spec_.amplitude * std::exp(cplx(0.0, k * s) - dot(across, across) / (w0 * w0 * q)) / gouy;
  // (i/k) grad(u) = longitudinal * across * u: the first-order axial components.
  const cplx longitudinal = cplx(0.0, -2.0) / (k * w0 * w0 * q);
  const cplx e_axial = longitudinal * dot(e_hat_, across), h_axial = longitudinal * dot(h_hat_, across);
  for (int a = 0; a < 3; ++a) {
    E[a] = u * (e_hat_[a] + e_axial * k_hat_[a]);
    H[a] = spec_.index * u * (h_hat_[a] + h_axial * k_hat_[a]);
  }
}

PlaneFields GaussianBeam::on_plane(PlaneFields layout) const {
  const int line_axis = layout.nu * layout.nv > 0 ? layout.invariant_axis() : -1;
  if (line_axis >= 0 && line_axis != spec_.invariant_axis)
    throw std::invalid_argument("Gaussian beam: sampled on a line of a 2D run invariant along axis " +
                                std::to_string(line_axis) + " but the beam's invariant_axis is " +
                                std::to_string(spec_.invariant_axis));
  const std::size_t n = layout.points(), total = n * layout.frequencies.size();
  for (auto* c : {&layout.eu, &layout.ev, &layout.hu, &layout.hv}) c->assign(total, cplx());
  const int a = (layout.normal + 1) % 3, b = (layout.normal + 2) % 3;
  for (std::size_t f = 0; f < layout.frequencies.size(); ++f)
    for (int iv = 0; iv < layout.nv; ++iv)
      for (int iu = 0; iu < layout.nu; ++iu) {
        cplx E[3], H[3];
        fields(layout.position(iu, iv), layout.frequencies[f], E, H);
        const std::size_t q = f * n + iu + static_cast<std::size_t>(layout.nu) * iv;
        layout.eu[q] = E[a], layout.ev[q] = E[b], layout.hu[q] = H[a], layout.hv[q] = H[b];
      }
  layout.validate("Gaussian beam on a plane");
  return layout;
}

double GaussianBeam::power() const {
  const double a2 = spec_.amplitude * spec_.amplitude, w0 = spec_.waist;
  const double area = spec_.invariant_axis >= 0 ? w0 * std::sqrt(kPi / 2) : kPi * w0 * w0 / 2;
  return spec_.index * a2 * area;  // integral of |u|^2 = exp(-2 rho^2 / w0^2) at the focus
}

}  // namespace pfdtd
