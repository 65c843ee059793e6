#include "solver/coupling.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "solver/sampled_peak.hpp"

namespace pfdtd {
namespace {

struct Overlap {
  cplx c;            // (1/2) sum (E x Hm* + Em* x H) . n dA
  double mode_flux;  // Re sum (Em x Hm*) . n dA
};

// (X x Y) . n for tangential (u, v) parts, n = u x v.
cplx normal_cross(cplx xu, cplx xv, cplx yu, cplx yv) { return xu * yv - xv * yu; }

Overlap overlap(const PlaneFields& field, std::size_t f, const GaussianBeam& mode) {
  const int a = (field.normal + 1) % 3, b = (field.normal + 2) % 3;
  const std::size_t n = field.points();
  cplx c = 0;
  double flux = 0;
  for (int iv = 0; iv < field.nv; ++iv)
    for (int iu = 0; iu < field.nu; ++iu) {
      cplx Em[3], Hm[3];
      mode.fields(field.position(iu, iv), field.frequencies[f], Em, Hm);
      const std::size_t q = f * n + iu + static_cast<std::size_t>(field.nu) * iv;
      c += normal_cross(field.eu[q], field.ev[q], std::conj(Hm[a]), std::conj(Hm[b])) +
           normal_cross(std::conj(Em[a]), std::conj(Em[b]), field.hu[q], field.hv[q]);
      flux += std::real(normal_cross(Em[a], Em[b], std::conj(Hm[a]), std::conj(Hm[b])));
    }
  const double dA = field.du * field.dv;
  return {0.5 * c * dA, flux * dA};
}

// The fibre in the plane's dimensionality: 3D for a plane, 2D along the line's invariant axis.
GaussianBeamSpec matched_spec(const PlaneFields& field, const GaussianBeam& fibre) {
  GaussianBeamSpec s = fibre.spec();
  s.invariant_axis = field.invariant_axis();
  return s;
}

// +1 when the fibre mode crosses the plane towards +normal, -1 towards -normal.
double fibre_side(const PlaneFields& field, const GaussianBeam& fibre) {
  const double along = fibre.propagation()[field.normal];
  if (std::abs(along) < 1e-6)
    throw std::invalid_argument("fibre coupling: the fibre travels parallel to the plane (normal axis " +
                                std::to_string(field.normal) + ")");
  return along > 0 ? 1.0 : -1.0;
}

double coupled_power(const Overlap& o) { return std::norm(o.c) / std::abs(o.mode_flux); }

}  // namespace

CouplingSpectrum couple_to_beam(const PlaneFields& field, const GaussianBeam& fibre,
                                const std::vector<double>& input_power) {
  field.validate("fibre coupling");
  const std::size_t nf = field.frequencies.size();
  if (input_power.size() > 1 && input_power.size() != nf)
    throw std::invalid_argument("fibre coupling: " + std::to_string(input_power.size()) +
                                " input powers for " + std::to_string(nf) + " frequencies, expected 1 or " +
                                std::to_string(nf));
  const GaussianBeam mode(matched_spec(field, fibre));
  const double side = fibre_side(field, mode);
  const std::vector<double> flux = field.power();
  CouplingSpectrum out;
  out.frequencies = field.frequencies;
  for (std::size_t f = 0; f < nf; ++f) {
    const Overlap o = overlap(field, f, mode);
    const double p = coupled_power(o);
    out.amplitude.push_back(o.c / std::sqrt(std::abs(o.mode_flux)));
    out.coupled_power.push_back(p);
    out.plane_power.push_back(side * flux[f]);
    out.efficiency.push_back(p / (side * flux[f]));
    out.mode_captured.push_back(std::abs(o.mode_flux) / mode.power());
    if (!input_power.empty()) out.efficiency_input.push_back(p / input_power[input_power.size() == 1 ? 0 : f]);
  }
  return out;
}

namespace {

// Efficiency of one fibre placement, relative to the plane's flux at one frequency.
class Placement {
 public:
  Placement(const PlaneFields& field, const GaussianBeam& fibre, std::size_t f)
      : field_(field), spec_(matched_spec(field, fibre)), f_(f) {
    plane_power_ = fibre_side(field, fibre) * field.power()[f];
  }
  double efficiency(double offset_u, double offset_v, double tilt_deg) const {
    GaussianBeamSpec s = spec_;
    s.focus[(field_.normal + 1) % 3] += offset_u;
    s.focus[(field_.normal + 2) % 3] += offset_v;
    s.tilt_deg = tilt_deg;
    return coupled_power(overlap(field_, f_, GaussianBeam(s))) / plane_power_;
  }

 private:
  const PlaneFields& field_;
  GaussianBeamSpec spec_;
  std::size_t f_;
  double plane_power_ = 0;
};

void check_axis(const std::vector<double>& axis, const char* name) {
  for (std::size_t i = 1; i < axis.size(); ++i)
    if (!(axis[i] > axis[i - 1]))
      throw std::invalid_argument(std::string("fibre alignment scan: ") + name + " must increase, but entry " +
                                  std::to_string(i) + " is " + std::to_string(axis[i]) + " after " +
                                  std::to_string(axis[i - 1]));
}

// The sampled maximum of `values` over `axis`, moved between samples by a log-parabola.
template <class Values>
double refined_peak(const std::vector<double>& axis, const Values& values) {
  const std::size_t i = std::max_element(values.begin(), values.end()) - values.begin();
  if (i == 0 || i + 1 == axis.size()) return axis[i];
  const double shift = log_parabola_peak(values[i - 1], values[i], values[i + 1]);
  return axis[i] + shift * (shift < 0 ? axis[i] - axis[i - 1] : axis[i + 1] - axis[i]);
}

// Where f drops below `level` between a (above) and b (below).
template <class F>
double crossing(const F& f, double a, double b, double level) {
  for (int it = 0; it < 60 && std::abs(b - a) > 1e-10 * (1 + std::abs(a)); ++it) {
    const double m = 0.5 * (a + b);
    (f(m) >= level ? a : b) = m;
  }
  return 0.5 * (a + b);
}

// Walks from `best` over the scan samples beyond it, in direction `step` (+1 or -1), to the
// first one below `level`, then bisects.
template <class F>
double window_edge(const F& f, const std::vector<double>& axis, double best, double level, int step) {
  double inside = best;
  for (std::size_t n = 0; n < axis.size(); ++n) {
    const double x = axis[step > 0 ? n : axis.size() - 1 - n];
    if ((x - best) * step <= 0) continue;
    if (f(x) < level) return crossing(f, inside, x, level);
    inside = x;
  }
  return std::numeric_limits<double>::quiet_NaN();
}

template <class F>
OneDbWindow one_db_window(const F& f, const std::vector<double>& axis, double best, double best_efficiency) {
  const double level = best_efficiency * std::pow(10.0, -0.1);
  return {window_edge(f, axis, best, level, -1), window_edge(f, axis, best, level, +1)};
}

}  // namespace

AlignmentMap scan_alignment(const PlaneFields& field, const GaussianBeam& fibre, const AlignmentScanSpec& scan) {
  field.validate("fibre alignment scan");
  if (scan.frequency_index < 0 || scan.frequency_index >= static_cast<int>(field.frequencies.size()))
    throw std::invalid_argument("fibre alignment scan: frequency index " + std::to_string(scan.frequency_index) +
                                ", expected 0.." + std::to_string(field.frequencies.size() - 1));
  AlignmentMap m;
  m.offsets_u = scan.offsets_u.empty() ? std::vector<double>{0.0} : scan.offsets_u;
  m.offsets_v = scan.offsets_v.empty() ? std::vector<double>{0.0} : scan.offsets_v;
  m.tilts_deg = scan.tilts_deg.empty() ? std::vector<double>{fibre.spec().tilt_deg} : scan.tilts_deg;
  check_axis(m.offsets_u, "offsets_u");
  check_axis(m.offsets_v, "offsets_v");
  check_axis(m.tilts_deg, "tilts_deg");
  const Placement placement(field, fibre, scan.frequency_index);
  const std::size_t nu = m.offsets_u.size(), nv = m.offsets_v.size();

  const double nominal_tilt = fibre.spec().tilt_deg;
  for (double v : m.offsets_v)
    for (double u : m.offsets_u) m.efficiency_uv.push_back(placement.efficiency(u, v, nominal_tilt));
  const std::size_t best = std::max_element(m.efficiency_uv.begin(), m.efficiency_uv.end()) - m.efficiency_uv.begin();
  std::vector<double> row(m.efficiency_uv.begin() + (best / nu) * nu, m.efficiency_uv.begin() + (best / nu + 1) * nu);
  std::vector<double> column;
  for (std::size_t iv = 0; iv < nv; ++iv) column.push_back(m.efficiency_uv[best % nu + iv * nu]);
  m.best_u = refined_peak(m.offsets_u, row);
  m.best_v = refined_peak(m.offsets_v, column);

  for (double t : m.tilts_deg) m.efficiency_tilt.push_back(placement.efficiency(m.best_u, m.best_v, t));
  m.best_tilt_deg = refined_peak(m.tilts_deg, m.efficiency_tilt);
  m.best_efficiency = placement.efficiency(m.best_u, m.best_v, m.best_tilt_deg);

  auto along_u = [&](double u) { return placement.efficiency(u, m.best_v, m.best_tilt_deg); };
  auto along_v = [&](double v) { return placement.efficiency(m.best_u, v, m.best_tilt_deg); };
  auto along_tilt = [&](double t) { return placement.efficiency(m.best_u, m.best_v, t); };
  m.window_u = one_db_window(along_u, m.offsets_u, m.best_u, m.best_efficiency);
  m.window_v = one_db_window(along_v, m.offsets_v, m.best_v, m.best_efficiency);
  m.window_tilt = one_db_window(along_tilt, m.tilts_deg, m.best_tilt_deg, m.best_efficiency);
  return m;
}

}  // namespace pfdtd
