#include "solver/flux_plane.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
#include <stdexcept>
#include <string>

namespace pfdtd {
namespace {

const char* const kAxisName[3] = {"x", "y", "z"};

bool invariant(const Grid& g, int axis) { return g.dims == 2 && axis == 2; }

// One staggered component of a flux plane: its DFT values over its box, [frequency][cell],
// x fastest, and along which axes it is averaged with its neighbour at index + 1.
struct Staggered {
  const std::vector<cplx>* values;
  Box box;
  bool pair[3];

  // The average at the cell centre `cell` (in-plane indices); the normal and invariant axes
  // start at the component's own box.
  cplx average(int f, Index3 cell, int normal, bool invariant_z) const {
    cell[normal] = box.lo[normal];
    if (invariant_z) cell[2] = box.lo[2];
    const long long n = box.cells();
    cplx sum = 0;
    int count = 0;
    for (int dz = 0; dz <= pair[2]; ++dz)
      for (int dy = 0; dy <= pair[1]; ++dy)
        for (int dx = 0; dx <= pair[0]; ++dx, ++count) {
          const long long q = (cell.i + dx - box.lo.i) +
                              box.extent(0) * ((cell.j + dy - box.lo.j) + 1LL * box.extent(1) * (cell.k + dz - box.lo.k));
          sum += (*values)[f * n + q];
        }
    return sum / static_cast<double>(count);
  }
};

// E_t1, E_t2, H_t1, H_t2 of the plane. H_{N+2-t} lives on box_e[t] widened by one layer
// below the E plane (FluxFields); it is averaged over those two layers.
std::vector<Staggered> staggered_parts(const FluxFields& flux, const Grid& g) {
  const int N = flux.normal;
  std::vector<Staggered> parts;
  auto add = [&](int axis, bool electric, const std::vector<cplx>& values, Box box) {
    const Component c = static_cast<Component>(electric ? axis : 3 + axis);
    Staggered s{&values, box, {false, false, false}};
    if (!electric) s.box.lo[N] -= 1;
    for (int a = 0; a < 3; ++a)
      s.pair[a] = a == N ? !electric : !invariant(g, a) && g.offset(c, a) == 0;
    if (values.size() != static_cast<std::size_t>(flux.nfreq * s.box.cells()))
      throw std::invalid_argument(std::string("flux plane fields: ") + component_name(c) + " holds " +
                                  std::to_string(values.size()) + " values, expected " +
                                  std::to_string(flux.nfreq * s.box.cells()) + " (frequencies x cells of its box)");
    parts.push_back(s);
  };
  for (int t = 0; t < 2; ++t) add((N + 1 + t) % 3, true, flux.e[t], flux.box_e[t]);
  for (int t = 0; t < 2; ++t) add((N + 1 + t) % 3, false, flux.h[t], flux.box_e[1 - t]);
  return parts;
}

// The number of cell centres, from index `first`, at which every part has its samples.
int common_centres(const std::vector<Staggered>& parts, int axis, int& first) {
  int lo = INT_MIN, hi = INT_MAX;
  for (const Staggered& s : parts) {
    lo = std::max(lo, s.box.lo[axis]);
    hi = std::min(hi, s.box.hi[axis] - static_cast<int>(s.pair[axis]));
  }
  first = lo;
  return hi - lo;
}

std::vector<double> centred_range(double centre, double half_range, int steps) {
  if (steps < 2 || half_range == 0) return {centre};
  std::vector<double> v(steps);
  for (int i = 0; i < steps; ++i) v[i] = centre - half_range + 2 * half_range * i / (steps - 1);
  return v;
}

int nearest_frequency(const std::vector<double>& freqs, double target) {
  if (!(target > 0)) target = 0.5 * (*std::min_element(freqs.begin(), freqs.end()) +
                                     *std::max_element(freqs.begin(), freqs.end()));
  int best = 0;
  for (int n = 1; n < static_cast<int>(freqs.size()); ++n)
    if (std::abs(freqs[n] - target) < std::abs(freqs[best] - target)) best = n;
  return best;
}

// Offsets along the plane's in-plane axes (none along a line's invariant one) and tilts
// around the fibre's own, at the monitor frequency nearest the one asked for.
AlignmentScanSpec alignment_scan(const FibreScanSpec& s, const PlaneFields& plane, const GaussianBeamSpec& fibre) {
  AlignmentScanSpec scan;
  scan.frequency_index = nearest_frequency(plane.frequencies, s.frequency);
  const int line_axis = plane.invariant_axis();
  if (line_axis != (plane.normal + 1) % 3) scan.offsets_u = centred_range(0, s.offset, s.offset_steps);
  if (line_axis != (plane.normal + 2) % 3) scan.offsets_v = centred_range(0, s.offset, s.offset_steps);
  scan.tilts_deg = centred_range(fibre.tilt_deg, s.tilt_deg, s.tilt_steps);
  return scan;
}

FibreResult fibre_result(const FibreSpec& spec, const PlaneFields& plane, const std::vector<double>& input_power) {
  FibreResult r;
  r.fibre = placed_fibre(spec, plane);
  const GaussianBeam fibre(r.fibre);
  r.coupling = couple_to_beam(plane, fibre, input_power);
  if (spec.scan) {
    const AlignmentScanSpec scan = alignment_scan(spec.scan_spec, plane, r.fibre);
    r.scanned = true;
    r.scan_frequency = plane.frequencies[scan.frequency_index];
    r.alignment = scan_alignment(plane, fibre, scan);
  }
  return r;
}

FarFieldResult far_field_result(const FarFieldSpec& spec, const PlaneFields& plane) {
  FarFieldResult r;
  r.spec = spec;
  r.normal = plane.normal;
  r.field = far_field(plane, spec);
  for (int f = 0; f < static_cast<int>(plane.frequencies.size()); ++f) {
    r.peaks.push_back(r.field.peak(f));
    r.power.push_back(r.field.power(f));
  }
  return r;
}

}  // namespace

int flux_plane_normal(const Grid& g, const FluxSpec& spec) {
  const int normal = g.plane_normal(spec.size);
  if (normal < 0)
    throw std::invalid_argument("flux '" + spec.name + "': expected exactly one axis of zero size (the plane's normal)");
  return normal;
}

Box flux_plane_box(const Grid& g, const FluxSpec& spec) {
  const int N = flux_plane_normal(g, spec);
  const Box b1 = g.domain_region(static_cast<Component>((N + 1) % 3), spec.center, spec.size);
  const Box b2 = g.domain_region(static_cast<Component>((N + 2) % 3), spec.center, spec.size);
  Box hull;
  for (int a = 0; a < 3; ++a) {
    hull.lo[a] = std::min(b1.lo[a], b2.lo[a]);
    hull.hi[a] = std::max(b1.hi[a], b2.hi[a]);
  }
  return hull;
}

PlaneFields plane_fields(const FluxFields& flux, const Grid& g, const std::vector<double>& frequencies) {
  if (static_cast<int>(frequencies.size()) != flux.nfreq)
    throw std::invalid_argument("flux plane fields: " + std::to_string(frequencies.size()) + " frequencies for " +
                                std::to_string(flux.nfreq) + " DFT frequencies, expected as many");
  const int N = flux.normal, t[2] = {(N + 1) % 3, (N + 2) % 3};
  const std::vector<Staggered> parts = staggered_parts(flux, g);
  Index3 first;
  int count[2];
  for (int s = 0; s < 2; ++s) {
    if (invariant(g, t[s])) {
      count[s] = 1;
      continue;
    }
    count[s] = common_centres(parts, t[s], first[t[s]]);
    if (count[s] < 2)
      throw std::invalid_argument(std::string("flux plane fields: ") + std::to_string(std::max(count[s], 0)) +
                                  " cell centres along " + kAxisName[t[s]] +
                                  " hold every tangential component, expected at least 2 (a wider plane)");
  }
  PlaneFields p;
  p.normal = N;
  p.frequencies = frequencies;
  p.nu = count[0];
  p.nv = count[1];
  p.du = invariant(g, t[0]) ? 1.0 : g.d;
  p.dv = invariant(g, t[1]) ? 1.0 : g.d;
  const Box& e1 = flux.box_e[0];
  p.origin = g.position(static_cast<Component>(t[0]), e1.lo.i, e1.lo.j, e1.lo.k);  // on the E plane
  for (int a : t)
    if (!invariant(g, a)) p.origin[a] = g.origin[a] + (first[a] + 0.5) * g.d;
  std::vector<cplx>* out[4] = {&p.eu, &p.ev, &p.hu, &p.hv};
  for (int f = 0; f < flux.nfreq; ++f)
    for (int iv = 0; iv < p.nv; ++iv)
      for (int iu = 0; iu < p.nu; ++iu) {
        Index3 cell = first;
        cell[t[0]] += iu;
        cell[t[1]] += iv;
        for (int c = 0; c < 4; ++c) out[c]->push_back(parts[c].average(f, cell, N, g.dims == 2));
      }
  return p;
}

GaussianBeamSpec placed_fibre(const FibreSpec& fibre, const PlaneFields& plane) {
  GaussianBeamSpec spec = fibre.beam;
  spec.axis = plane.normal;
  spec.invariant_axis = plane.invariant_axis();
  return spec;
}

void analyse_flux_plane(const FluxSpec& spec, const PlaneFields& plane, const std::vector<double>& input_power,
                        FluxSpectrum& out) {
  try {
    if (spec.fibre) out.fibre = fibre_result(*spec.fibre, plane, input_power);
    if (spec.far_field) out.far_field = far_field_result(*spec.far_field, plane);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument("flux '" + spec.name + "': " + e.what());
  }
}

}  // namespace pfdtd
