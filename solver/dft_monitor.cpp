#include "solver/dft_monitor.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "kernels/launch.hpp"
#include "solver/decomposition.hpp"

namespace pfdtd {

namespace {
constexpr double two_pi = 6.283185307179586;

// Axes along which cell centres are averaged from two layers: all but those one cell thick
// (a 2D grid's z, a periodic cross-section of one cell), along which nothing varies.
bool averaged_axis(const Grid& g, int axis) { return g.n[axis] > 1; }

// The box of component c that holds both layers around every cell centre of `cells`.
Box yee_box(const Grid& g, Component c, const Box& cells) {
  Box b = cells;
  for (int a = 0; a < 3; ++a)
    if (averaged_axis(g, a) && g.offset(c, a) == 0) b.hi[a] += 1;
  return b;
}

// Averages the samples around each cell centre: along an axis where c sits on cell corners
// (offset 0), the layers i and i+1; elsewhere it already sits at the centre.
std::vector<std::complex<double>> to_centres(const DftComponent& y, const Box& cells, int nfreq) {
  std::ptrdiff_t ys[3], cs[3];
  box_strides(y.box, ys);
  box_strides(cells, cs);
  std::vector<std::ptrdiff_t> corners{0};  // offsets of the samples averaged into one centre
  for (int a = 0; a < 3; ++a)
    if (y.box.extent(a) > cells.extent(a))
      for (std::size_t n = 0, m = corners.size(); n < m; ++n) corners.push_back(corners[n] + ys[a]);
  const long long ny = y.box.cells(), nc = cells.cells();
  std::vector<std::complex<double>> out(nfreq * nc);
  for (int f = 0; f < nfreq; ++f)
    for (int k = 0; k < cells.extent(2); ++k)
      for (int j = 0; j < cells.extent(1); ++j)
        for (int i = 0; i < cells.extent(0); ++i) {
          const std::complex<double>* at = y.values.data() + f * ny + i + j * ys[1] + k * ys[2];
          std::complex<double> sum = 0;
          for (std::ptrdiff_t o : corners) sum += at[o];
          out[f * nc + i + j * cs[1] + k * cs[2]] = sum / static_cast<double>(corners.size());
        }
  return out;
}
}  // namespace

// ---- phases ----

DftPhases::DftPhases(std::vector<double> frequencies)
    : frequencies_(std::move(frequencies)), host_(2 * frequencies_.size()), device_(2 * frequencies_.size()) {}

void DftPhases::set(double t, double dt) {
  for (std::size_t n = 0; n < frequencies_.size(); ++n) {
    const double w = two_pi * frequencies_[n] * t;
    host_[2 * n] = std::cos(w) * dt;
    host_[2 * n + 1] = std::sin(w) * dt;
  }
  device_.upload(host_);
}

// ---- one component over one box ----

template <class Real>
RunningDft<Real>::RunningDft(Component c, const Box& box, std::size_t nfreq, const Grid& g)
    : c_(c), box_(box), piece_(intersect(box, g.owned)), nfreq_(nfreq), comm_(g.comm),
      acc_(2 * nfreq * static_cast<std::size_t>(piece_.cells())) {
  acc_.zero();
}

template <class Real>
void RunningDft<Real>::add(const Fields<Real>& f, const DftPhases& phases) {
  if (piece_.empty()) return;
  AccumulateDft<Real> k{f[c_].data() + f.layout.origin_offset, {1, f.layout.sy, f.layout.sz},
                        {piece_.lo.i, piece_.lo.j, piece_.lo.k}, {}, piece_.cells(),
                        static_cast<int>(phases.count()), phases.device(), acc_.data()};
  box_strides(piece_, k.bs);
  parallel_for(piece_, k);
}

template <class Real>
std::vector<std::complex<double>> RunningDft<Real>::values() const {
  const std::vector<double> v = acc_.download();
  std::vector<std::complex<double>> c(v.size() / 2);
  for (std::size_t n = 0; n < c.size(); ++n) c[n] = {v[2 * n], v[2 * n + 1]};
  return assemble(comm_, box_, piece_, c, static_cast<long long>(nfreq_));
}

template <class Real>
StateArray RunningDft<Real>::state(const std::string& name) const {
  return StateArray{name, box_, piece_, static_cast<long long>(nfreq_), 2, false, acc_.data()};
}

// ---- dft_fields monitors ----

Box dft_cell_box(const Grid& g, const Vec3& center, const Vec3& size) {
  Box b;
  const double tol = 1e-9 * g.d;
  for (int a = 0; a < 3; ++a) {
    if (!averaged_axis(g, a)) {
      b.lo[a] = 0, b.hi[a] = 1;
      continue;
    }
    const double x0 = g.origin[a] + 0.5 * g.d;  // first cell centre
    if (size[a] == 0) {
      b.lo[a] = static_cast<int>(std::lround((center[a] - x0) / g.d));
      b.hi[a] = b.lo[a] + 1;
    } else {
      b.lo[a] = static_cast<int>(std::ceil((center[a] - 0.5 * size[a] - x0 - tol) / g.d));
      b.hi[a] = static_cast<int>(std::floor((center[a] + 0.5 * size[a] - x0 + tol) / g.d)) + 1;
    }
    b.hi[a] = std::min(b.hi[a], g.n[a] - 1);
  }
  return intersect(b, g.interior());
}

double dft_monitor_bytes(const DftFieldSpec& spec, const Grid& g) {
  const Box cells = dft_cell_box(g, spec.center, spec.size);
  double samples = 0;
  for (Component c : spec.components) samples += static_cast<double>(yee_box(g, c, cells).cells());
  return 16.0 * spec.frequencies.size() * samples;
}

template <class Real>
DftFieldMonitor<Real>::DftFieldMonitor(const DftFieldSpec& spec, const Grid& g)
    : spec_(spec), cells_(dft_cell_box(g, spec.center, spec.size)), phase_e_(spec.frequencies),
      phase_h_(spec.frequencies) {
  if (cells_.empty())
    throw std::invalid_argument("dft_fields '" + spec.name +
                                "': the region holds no cell centre of the grid away from its high faces; "
                                "move it inside the domain or widen it");
  for (Component c : spec.components) dft_.emplace_back(c, yee_box(g, c, cells_), spec.frequencies.size(), g);
}

template <class Real>
void accumulate_step(std::vector<RunningDft<Real>>& dfts, DftPhases& e, DftPhases& h, const Fields<Real>& f,
                     double te, double th, double dt) {
  e.set(te, dt);
  h.set(th, dt);
  for (RunningDft<Real>& d : dfts) d.add(f, is_electric(d.component()) ? e : h);
}
template void accumulate_step(std::vector<RunningDft<float>>&, DftPhases&, DftPhases&, const Fields<float>&, double,
                              double, double);
template void accumulate_step(std::vector<RunningDft<double>>&, DftPhases&, DftPhases&, const Fields<double>&, double,
                              double, double);

template <class Real>
void DftFieldMonitor<Real>::accumulate(const Fields<Real>& f, double te, double th, double dt) {
  accumulate_step(dft_, phase_e_, phase_h_, f, te, th, dt);
}

template <class Real>
DftFieldData DftFieldMonitor<Real>::data(const Grid& g) const {
  DftFieldData out;
  out.name = spec_.name;
  out.frequencies = spec_.frequencies;
  out.spacing = g.d;
  out.cells = cells_;
  out.first_centre = g.origin + g.d * Vec3{cells_.lo.i + 0.5, cells_.lo.j + 0.5, cells_.lo.k + 0.5};
  const int nfreq = static_cast<int>(spec_.frequencies.size());
  for (const RunningDft<Real>& d : dft_) {
    const Box& b = d.box();
    out.yee.push_back(DftComponent{d.component(), b, g.position(d.component(), b.lo.i, b.lo.j, b.lo.k), d.values()});
    out.centred.push_back(to_centres(out.yee.back(), cells_, nfreq));
  }
  return out;
}

template class RunningDft<float>;
template class RunningDft<double>;
template class DftFieldMonitor<float>;
template class DftFieldMonitor<double>;

}  // namespace pfdtd
