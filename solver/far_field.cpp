#include "solver/far_field.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "solver/sampled_peak.hpp"

namespace pfdtd {
namespace {

constexpr double kPi = 3.14159265358979323846;
using cplx = std::complex<double>;
using Matrix = Eigen::MatrixXcd;

void check_spec(const FarFieldSpec& s) {
  auto fail = [](const std::string& what) { throw std::invalid_argument("far field: " + what); };
  if (!(s.index > 0)) fail("index " + std::to_string(s.index) + ", expected > 0");
  if (s.side != 1 && s.side != -1) fail("side " + std::to_string(s.side) + ", expected +1 or -1");
  if (s.samples < 3) fail(std::to_string(s.samples) + " samples per axis, expected at least 3");
  if (!(s.max_angle_deg > 0 && s.max_angle_deg <= 90))
    fail("max_angle_deg " + std::to_string(s.max_angle_deg) + ", expected in (0, 90]");
}

std::vector<double> linspace(double a, double b, int n) {
  std::vector<double> x(n);
  for (int i = 0; i < n; ++i) x[i] = a + (b - a) * i / (n - 1);
  return x;
}

// Direction cosines along a grid axis: uniform in sin(theta) in 3D, in theta along a line
// (where the grid is one-dimensional and dP/dtheta integrates without a 1/cos weight).
std::vector<double> direction_axis(int plane_samples, bool line, const FarFieldSpec& spec) {
  if (plane_samples == 1) return {0.0};
  const double max_angle = spec.max_angle_deg * kPi / 180;
  if (!line) return linspace(-std::sin(max_angle), std::sin(max_angle), spec.samples);
  std::vector<double> s = linspace(-max_angle, max_angle, spec.samples);
  for (double& x : s) x = std::sin(x);
  return s;
}

// Integration weight of each direction: d(theta) along a line, d(su) d(sv) / cos(theta) in 3D.
std::vector<double> direction_weights(const FarField& ff, const FarFieldSpec& spec) {
  std::vector<double> w(ff.su.size() * ff.sv.size(), 0.0);
  const double max_angle = spec.max_angle_deg * kPi / 180, h = 2 * std::sin(max_angle) / (spec.samples - 1);
  for (int iv = 0; iv < ff.nv; ++iv)
    for (int iu = 0; iu < ff.nu; ++iu) {
      const double s2 = ff.su[iu] * ff.su[iu] + ff.sv[iv] * ff.sv[iv];
      if (s2 >= 1) continue;
      const bool end = (ff.nu > 1 && (iu == 0 || iu == ff.nu - 1)) || (ff.nv > 1 && (iv == 0 || iv == ff.nv - 1));
      w[iu + ff.nu * iv] = ff.line ? 2 * max_angle / (spec.samples - 1) * (end ? 0.5 : 1.0) : h * h / std::sqrt(1 - s2);
    }
  return w;
}

// exp(-i k s_a x_j) for the direction cosines s_a and sample offsets x_j = j * spacing.
Matrix phases(const std::vector<double>& s, int samples, double spacing, double k) {
  Matrix p(s.size(), samples);
  for (std::size_t a = 0; a < s.size(); ++a)
    for (int j = 0; j < samples; ++j) p(a, j) = std::exp(cplx(0.0, -k * s[a] * j * spacing));
  return p;
}

// The plane-wave spectrum of one tangential component at one frequency on the direction grid.
Matrix spectrum(const std::vector<cplx>& component, const PlaneFields& plane, std::size_t f, const Matrix& pu,
                const Matrix& pv) {
  const Eigen::Map<const Matrix> samples(component.data() + f * plane.points(), plane.nu, plane.nv);
  return (pu * samples * pv.transpose()) * (plane.du * plane.dv);
}

// |c_p|^2 + |c_s|^2 of the header comment for one direction.
double polarisation_power(double su, double sv, cplx eu, cplx ev, cplx hu, cplx hv, double n, int side) {
  const double st = std::sqrt(su * su + sv * sv), cos_t = std::sqrt(std::max(0.0, 1 - st * st));
  const double ru = st > 0 ? su / st : 1.0, rv = st > 0 ? sv / st : 0.0;  // r; a = n x r = (-rv, ru)
  const cplx e_r = eu * ru + ev * rv, e_a = ev * ru - eu * rv;
  const cplx h_r = hu * ru + hv * rv, h_a = hv * ru - hu * rv;
  const cplx c_p = 0.5 * (n * e_r + double(side) * cos_t * h_a);
  const cplx c_s = 0.5 * (n * cos_t * e_a - double(side) * h_r);
  return std::norm(c_p) + std::norm(c_s);
}

}  // namespace

FarField far_field(const PlaneFields& plane, const FarFieldSpec& spec) {
  plane.validate("far field");
  check_spec(spec);
  FarField ff;
  ff.line = plane.invariant_axis() >= 0;
  ff.frequencies = plane.frequencies;
  ff.su = direction_axis(plane.nu, ff.line, spec);
  ff.sv = direction_axis(plane.nv, ff.line, spec);
  ff.nu = static_cast<int>(ff.su.size()), ff.nv = static_cast<int>(ff.sv.size());
  ff.weight = direction_weights(ff, spec);
  const std::size_t directions = ff.weight.size();
  ff.intensity.assign(directions * ff.frequencies.size(), 0.0);
  const std::vector<double> flux = plane.power();
  for (std::size_t f = 0; f < ff.frequencies.size(); ++f) {
    const double n = spec.index, k = 2 * kPi * n * ff.frequencies[f];
    const Matrix pu = phases(ff.su, plane.nu, plane.du, k), pv = phases(ff.sv, plane.nv, plane.dv, k);
    const Matrix eu = spectrum(plane.eu, plane, f, pu, pv), ev = spectrum(plane.ev, plane, f, pu, pv);
    const Matrix hu = spectrum(plane.hu, plane, f, pu, pv), hv = spectrum(plane.hv, plane, f, pu, pv);
    const double scale = ff.line ? k / (2 * kPi * n) : k * k / (4 * kPi * kPi * n);
    for (int iv = 0; iv < ff.nv; ++iv)
      for (int iu = 0; iu < ff.nu; ++iu) {
        if (ff.weight[iu + ff.nu * iv] == 0) continue;
        ff.intensity[f * directions + iu + ff.nu * iv] =
            scale * polarisation_power(ff.su[iu], ff.sv[iv], eu(iu, iv), ev(iu, iv), hu(iu, iv), hv(iu, iv), n,
                                       spec.side);
      }
    ff.plane_power.push_back(spec.side * flux[f]);
  }
  return ff;
}

double FarField::power(int f) const {
  double p = 0;
  for (std::size_t d = 0; d < weight.size(); ++d) p += intensity[f * weight.size() + d] * weight[d];
  return p;
}

FarFieldPeak FarField::peak(int f) const {
  const auto first = intensity.begin() + f * weight.size();
  const std::size_t best = std::max_element(first, first + weight.size()) - first;
  const int iu = best % nu, iv = best / nu;
  // Refine in the grid's uniform coordinate: sin(theta) in 3D, theta along a line.
  auto coordinate = [&](double s) { return line ? std::asin(s) : s; };
  auto refine = [&](const std::vector<double>& axis, int i, int stride) {
    if (i == 0 || i + 1 == static_cast<int>(axis.size())) return axis[i];
    const double shift = log_parabola_peak(first[best - stride], first[best], first[best + stride]);
    const double c = coordinate(axis[i]) + shift * (coordinate(axis[i + 1]) - coordinate(axis[i]));
    return line ? std::sin(c) : c;
  };
  const double su_peak = refine(su, iu, 1), sv_peak = refine(sv, iv, nu);
  const double st = std::min(1.0, std::hypot(su_peak, sv_peak));
  return {std::asin(st) * 180 / kPi, std::atan2(sv_peak, su_peak) * 180 / kPi, first[best]};
}

double FarField::cone_fraction(int f, double theta_deg, double phi_deg, double half_angle_deg) const {
  const double deg = kPi / 180, t = theta_deg * deg, p = phi_deg * deg;
  const double axis[3] = {std::sin(t) * std::cos(p), std::sin(t) * std::sin(p), std::cos(t)};
  const double cos_half = std::cos(half_angle_deg * deg);
  // Grid steps: of sin(theta) along u and v in 3D, of theta along a line.
  auto step = [&](const std::vector<double>& s) {
    if (s.size() < 2) return 0.0;
    return line ? std::asin(s[1]) - std::asin(s[0]) : s[1] - s[0];
  };
  const double hu = step(su), hv = step(sv);
  double inside = 0;
  for (int iv = 0; iv < nv; ++iv)
    for (int iu = 0; iu < nu; ++iu) {
      const std::size_t d = iu + static_cast<std::size_t>(nu) * iv;
      if (weight[d] == 0) continue;
      const double cos_t = std::sqrt(std::max(0.0, 1 - su[iu] * su[iu] - sv[iv] * sv[iv]));
      const double cos_to_axis = axis[0] * su[iu] + axis[1] * sv[iv] + axis[2] * cos_t;
      // Change of cos_to_axis across the sample's cell: a cell the rim cuts counts in
      // proportion, which makes the sum second order in the sampling rather than first.
      double across;
      if (line) {  // d/dtheta along the line, whose direction is r (u or v)
        const double sin_t = su[iu] + sv[iv], along_r = nu > 1 ? axis[0] : axis[1];
        across = std::abs(cos_t * along_r - sin_t * axis[2]) * (hu + hv);
      } else {
        const double slope = cos_t > 0 ? axis[2] / cos_t : 0.0;
        across = std::abs(axis[0] - slope * su[iu]) * hu + std::abs(axis[1] - slope * sv[iv]) * hv;
      }
      const double part = across > 0 ? std::clamp(0.5 + (cos_to_axis - cos_half) / across, 0.0, 1.0)
                                     : (cos_to_axis >= cos_half ? 1.0 : 0.0);
      inside += part * intensity[f * weight.size() + d] * weight[d];
    }
  return inside / plane_power[f];
}

}  // namespace pfdtd
