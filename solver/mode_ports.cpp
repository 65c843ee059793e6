#include "solver/mode_ports.hpp"

#include <cmath>
#include <stdexcept>

namespace pfdtd {

namespace {

constexpr double two_pi = 6.283185307179586;

bool polarisation_matches(const Mode& m, const std::string& pol) {
  if (pol.empty()) return true;
  return (pol == "te") == (m.te_fraction >= 0.5);
}

// Index into the mode's plane arrays of the cell at box offset (x, y, z) of a plane box.
std::size_t plane_index(const ModePlane& p, int x, int y, int z) {
  const int off[3] = {x, y, z};
  const int t1 = (p.normal + 1) % 3, t2 = (p.normal + 2) % 3;
  return static_cast<std::size_t>(off[t1]) + static_cast<std::size_t>(p.n1()) * off[t2];
}

std::complex<double> beta_of(const Mode& m) { return m.neff * (two_pi * m.frequency); }

}  // namespace

std::vector<Mode> pick_modes(const Scene& scene, const Grid& grid, const ModePlane& plane, double f,
                             const ModeChoice& choice, int count, const std::string& what, bool group_index) {
  ModeSolverOptions opt;
  opt.compute_group_index = group_index;
  opt.neff_guess = choice.neff_guess;
  opt.pml_cells = choice.pml_cells;
  opt.dt = grid.dt;
  // With a polarisation filter, solve for enough modes that `count` of that kind show up.
  opt.num_modes = choice.polarisation.empty() ? count : 2 * count + 2;
  std::vector<Mode> kept;
  for (Mode& m : solve_modes(scene, grid, plane, f, opt))
    if (polarisation_matches(m, choice.polarisation)) kept.push_back(std::move(m));
  if (static_cast<int>(kept.size()) < count)
    throw std::runtime_error(what + ": the cross-section has " + std::to_string(kept.size()) + " " +
                             (choice.polarisation.empty() ? "" : choice.polarisation + " ") +
                             "mode(s) near the guess at wavelength " + std::to_string(1 / f) + " um, " +
                             std::to_string(count) + " needed");
  kept.resize(count);
  return kept;
}

IncidentPlane incident_of(const Mode& mode, const Grid& grid, int direction) {
  const int N = mode.plane.normal, t1 = (N + 1) % 3, t2 = (N + 2) % 3;
  IncidentPlane inc;
  inc.normal = N;
  inc.direction = direction;
  inc.box = mode.plane.box;
  // The mode travelling along `direction` has the same E_t and H_t times the direction;
  // referenced to the plane, the upstream H layer lags by exp(-i beta d / 2).
  const std::complex<double> lag = std::exp(std::complex<double>(0, -0.5) * beta_of(mode) * grid.d);
  const double s = direction > 0 ? 1.0 : -1.0;
  const Box& b = inc.box;
  for (int t = 0; t < 2; ++t) {
    inc.e[t].resize(b.cells());
    inc.h[t].resize(b.cells());
  }
  std::size_t q = 0;
  for (int z = 0; z < b.extent(2); ++z)
    for (int y = 0; y < b.extent(1); ++y)
      for (int x = 0; x < b.extent(0); ++x, ++q) {
        const std::size_t m = plane_index(mode.plane, x, y, z);
        inc.e[0][q] = mode.field[t1][m];
        inc.e[1][q] = mode.field[t2][m];
        inc.h[0][q] = s * lag * mode.field[3 + t1][m];
        inc.h[1][q] = s * lag * mode.field[3 + t2][m];
      }
  // The pulse envelope reaches the upstream layer half a cell earlier: group delay.
  inc.h_advance = 0.5 * grid.d * mode.group_index;
  return inc;
}

namespace {

// The overlaps of a field (E_t on the plane, H_t averaged over the layers either side) with
// a mode whose H_t average is H_m c, c = cos(beta d / 2). A forward mode is (E_m, H_m c), a
// backward one (E_m, -H_m c); with
//   C1 = sum E x conj(H_m c),  C2 = sum conj(E_m) x H,  n = sum E_m x conj(H_m c),
// a field a (fwd) + b (bwd) gives C1 = (a + b) n and C2 = (a - b) conj(n). Components are
// (t1, t2) = (normal + 1, normal + 2); the cell area cancels.
struct Overlap {
  std::complex<double> C1 = 0, C2 = 0, n = 0;
  void add(const std::complex<double> e[2], const std::complex<double> h[2], const std::complex<double> me[2],
           const std::complex<double> mh[2]) {
    C1 += e[0] * std::conj(mh[1]) - e[1] * std::conj(mh[0]);
    C2 += std::conj(me[0]) * h[1] - std::conj(me[1]) * h[0];
    n += me[0] * std::conj(mh[1]) - me[1] * std::conj(mh[0]);
  }
  ModeAmplitude amplitudes() const {
    return ModeAmplitude{0.5 * (C1 / n + C2 / std::conj(n)), 0.5 * (C1 / n - C2 / std::conj(n))};
  }
};

// The mode's E_t and averaged H_t at one point of its plane.
void mode_at(const Mode& mode, std::size_t m, std::complex<double> c, std::complex<double> e[2],
             std::complex<double> h[2]) {
  const int t1 = (mode.plane.normal + 1) % 3, t2 = (mode.plane.normal + 2) % 3;
  e[0] = mode.field[t1][m];
  e[1] = mode.field[t2][m];
  h[0] = mode.field[3 + t1][m] * c;
  h[1] = mode.field[3 + t2][m] * c;
}

}  // namespace

ModeAmplitude decompose(const FluxFields& ff, int nf, const Mode& mode, const Grid& grid) {
  const int N = ff.normal;
  const std::complex<double> c = std::cos(0.5 * beta_of(mode) * grid.d);
  const Box& b = ff.box_e[0];
  const long long ne = b.cells(), nh = 2 * ne;
  // Strides of the two-layer H boxes (extent 2 along the normal).
  int ext[3] = {b.extent(0), b.extent(1), b.extent(2)};
  ext[N] += 1;
  const long long hs[3] = {1, ext[0], 1LL * ext[0] * ext[1]};
  Overlap o;
  long long q = 0;
  for (int z = 0; z < b.extent(2); ++z)
    for (int y = 0; y < b.extent(1); ++y)
      for (int x = 0; x < b.extent(0); ++x, ++q) {
        const long long lower = x + y * hs[1] + z * hs[2], upper = lower + hs[N];
        const std::complex<double> e[2] = {ff.e[0][nf * ne + q], ff.e[1][nf * ne + q]};
        std::complex<double> h[2];
        for (int t = 0; t < 2; ++t) h[t] = 0.5 * (ff.h[t][nf * nh + lower] + ff.h[t][nf * nh + upper]);
        std::complex<double> me[2], mh[2];
        mode_at(mode, plane_index(mode.plane, x, y, z), c, me, mh);
        o.add(e, h, me, mh);
      }
  return o.amplitudes();
}

std::complex<double> projection(const Mode& launched, const Mode& onto, const Grid& grid) {
  // The launched pattern's H on the layers either side, with the phase the pulse's group
  // delay gives it at this frequency, averages to H_launched cos(beta_onto d / 2).
  const std::complex<double> c = std::cos(0.5 * beta_of(onto) * grid.d);
  Overlap o;
  for (std::size_t m = 0; m < onto.field[0].size(); ++m) {
    std::complex<double> e[2], h[2], me[2], mh[2];
    mode_at(launched, m, c, e, h);
    mode_at(onto, m, c, me, mh);
    o.add(e, h, me, mh);
  }
  return o.amplitudes().plus;
}

template <class Real>
ModeMonitor<Real>::ModeMonitor(const ModeMonitorSpec& spec, const Grid& g)
    : spec_(spec),
      plane_(ModePlane::from_region(g, spec.center, spec.size)),
      dft_(FluxSpec{spec.name, spec.center, spec.size, spec.direction, spec.frequencies}, g, plane_.normal,
           plane_.box) {}

template <class Real>
ModeSpectrum ModeMonitor<Real>::spectrum(const Scene& scene, const Grid& g) const {
  ModeSpectrum out;
  out.name = spec_.name;
  out.frequencies = spec_.frequencies;
  const int nm = spec_.num_modes;
  out.neff.assign(nm, {});
  out.forward.assign(nm, {});
  out.backward.assign(nm, {});
  const FluxFields ff = dft_.fields();
  for (std::size_t f = 0; f < spec_.frequencies.size(); ++f) {
    const std::vector<Mode> modes =
        pick_modes(scene, g, plane_, spec_.frequencies[f], spec_.choice, nm, "mode monitor '" + spec_.name + "'");
    for (int m = 0; m < nm; ++m) {
      const ModeAmplitude a = decompose(ff, static_cast<int>(f), modes[m], g);
      out.neff[m].push_back(modes[m].neff);
      out.forward[m].push_back(spec_.direction > 0 ? a.plus : a.minus);
      out.backward[m].push_back(spec_.direction > 0 ? a.minus : a.plus);
    }
  }
  return out;
}

template class ModeMonitor<float>;
template class ModeMonitor<double>;

}  // namespace pfdtd
