#include "solver/monitors.hpp"

#include <cmath>

#include "kernels/gather.hpp"
#include "kernels/launch.hpp"
#include "solver/decomposition.hpp"
#include "solver/flux_plane.hpp"
#include "solver/symmetry.hpp"

namespace pfdtd {

namespace {
template <class Real>
const Real* origin_of(const Fields<Real>& f, Component c) {
  return f[c].data() + f.layout.origin_offset;
}
}  // namespace

template <class Real>
std::vector<Real> Fields<Real>::download(Component c, const Box& b) const {
  DeviceBuffer<Real> packed(b.cells());
  GatherBox<Real> g{origin_of(*this, c), {1, layout.sy, layout.sz}, {b.lo.i, b.lo.j, b.lo.k}, {}, packed.data()};
  box_strides(b, g.bs);
  parallel_for(b, g);
  device_synchronize();
  return packed.download();
}
template struct Fields<float>;
template struct Fields<double>;

// ---- probes ----

template <class Real>
Probe<Real>::Probe(const ProbeSpec& spec, Component c, const Grid& g, const Layout& l, long long max_steps)
    : name_(spec.name), c_(c), max_steps_(max_steps), comm_(g.comm) {
  // A point below a mirror plane reads its image in the kept half (solver/symmetry.hpp).
  at_ = g.domain_region(c, spec.point, Vec3{0, 0, 0}).lo;
  const FoldedCell kept = fold(g, c, at_);
  cell_ = kept.cell;
  sign_ = kept.sign;
  // A point on the high face of a periodic axis is the same sample as the low face's.
  for (int a = 0; a < 3; ++a)
    if (g.periodic[a] && cell_[a] == g.n[a]) cell_[a] = 0;
  owner_ = g.owned.contains(cell_);
  offset_ = l.index(cell_.i, cell_.j, cell_.k) - l.origin_offset;
  if (!owner_) return;
  samples_ = DeviceBuffer<Real>(max_steps);
  samples_.zero();
}

template <class Real>
void Probe<Real>::record(const Fields<Real>& f, long long step) {
  if (!owner_ || step >= max_steps_) return;
  parallel_for(cell_box(), RecordSample<Real>{origin_of(f, c_), offset_, samples_.data() + step});
}

template <class Real>
StateArray Probe<Real>::state() const {
  return StateArray{"probes/" + name_ + "-" + component_name(c_), cell_box(), owner_ ? cell_box() : Box{}, max_steps_,
                    1, sizeof(Real) == 4, samples_.data()};
}

template <class Real>
ProbeSeries Probe<Real>::series(const Grid& g, long long steps) const {
  ProbeSeries s;
  s.name = name_;
  s.component = c_;
  s.point = g.position(c_, at_.i, at_.j, at_.k);
  // sample n is taken after step n+1: E at (n+1) dt, H at (n+1/2) dt
  s.t0 = is_electric(c_) ? g.dt : 0.5 * g.dt;
  s.dt = g.dt;
  const std::vector<Real> all = assemble(comm_, cell_box(), owner_ ? cell_box() : Box{}, samples_.download(), max_steps_);
  const long long n = std::min<long long>(steps, static_cast<long long>(all.size()));
  for (long long i = 0; i < n; ++i) s.values.push_back(sign_ * static_cast<double>(all[i]));
  return s;
}

// ---- flux planes ----

namespace {
double plane_cell_area(const Grid& g, int normal) {
  double area = 1;
  for (int a : {(normal + 1) % 3, (normal + 2) % 3}) area *= (g.dims == 2 && a == 2) ? 1.0 : g.d;
  return area;
}
}  // namespace

template <class Real>
FluxMonitor<Real>::FluxMonitor(const FluxSpec& spec, const Grid& g, const Layout&)
    : spec_(spec), grid_(g), phase_e_(spec.frequencies), phase_h_(spec.frequencies) {
  normal_ = flux_plane_normal(g, spec);
  area_ = plane_cell_area(g, normal_);
  const int t1 = (normal_ + 1) % 3, t2 = (normal_ + 2) % 3;
  allocate(g.domain_region(static_cast<Component>(t1), spec.center, spec.size),
           g.domain_region(static_cast<Component>(t2), spec.center, spec.size));
}

template <class Real>
FluxMonitor<Real>::FluxMonitor(const FluxSpec& spec, const Grid& g, int normal, const Box& plane)
    : spec_(spec), grid_(g), normal_(normal), area_(plane_cell_area(g, normal)), phase_e_(spec.frequencies),
      phase_h_(spec.frequencies) {
  allocate(plane, plane);
}

template <class Real>
void FluxMonitor<Real>::allocate(const Box& b1, const Box& b2) {
  const int N = normal_, t1 = (N + 1) % 3, t2 = (N + 2) % 3;
  auto two_layers = [&](Box b) {
    b.lo[N] -= 1;  // H_t at N-offsets -1/2 and +1/2 around the E plane
    return b;
  };
  const std::size_t nf = spec_.frequencies.size();
  // Boxes are over the whole domain; each DFT runs over the kept cells they fold onto.
  auto add = [&](int c, const Box& b) {
    boxes_.push_back(b);
    dft_.emplace_back(static_cast<Component>(c), fold_box(grid_, static_cast<Component>(c), b), nf, grid_);
  };
  add(t1, b1);
  add(t2, b2);
  add(3 + t1, two_layers(b2));  // H_{N+1} pairs with E_{N+2}
  add(3 + t2, two_layers(b1));  // H_{N+2} pairs with E_{N+1}
}

template <class Real>
void FluxMonitor<Real>::accumulate(const Fields<Real>& f, double te, double th, double dt) {
  accumulate_step(dft_, phase_e_, phase_h_, f, te, th, dt);
}

template <class Real>
void FluxMonitor<Real>::append_state(std::vector<StateArray>& out, const std::string& prefix) const {
  for (std::size_t n = 0; n < dft_.size(); ++n) out.push_back(dft_[n].state(prefix + "/" + component_name(dft_[n].component())));
}

template <class Real>
FluxFields FluxMonitor<Real>::fields() const {
  FluxFields out;
  out.normal = normal_;
  out.nfreq = static_cast<int>(spec_.frequencies.size());
  out.area = area_ * spec_.direction;
  for (int t = 0; t < 2; ++t) {
    out.box_e[t] = boxes_[t];
    out.e[t] = unfold(grid_, dft_[t].component(), boxes_[t], dft_[t].values());
    out.h[t] = unfold(grid_, dft_[2 + t].component(), boxes_[2 + t], dft_[2 + t].values());
  }
  return out;
}

FluxFields FluxFields::operator-(const FluxFields& o) const {
  FluxFields r = *this;
  for (int t = 0; t < 2; ++t) {
    for (std::size_t n = 0; n < r.e[t].size(); ++n) r.e[t][n] -= o.e[t][n];
    for (std::size_t n = 0; n < r.h[t].size(); ++n) r.h[t][n] -= o.h[t][n];
  }
  return r;
}

std::vector<double> FluxFields::flux() const {
  // S_N = E_{N+1} H_{N+2}* - E_{N+2} H_{N+1}*. E_{N+1} shares its transverse position with
  // H_{N+2} (and E_{N+2} with H_{N+1}); H sits half a cell either side of the E plane along
  // N and is averaged over its two layers.
  std::vector<double> s(nfreq, 0.0);
  for (int t = 0; t < 2; ++t) {
    const Box& be = box_e[t];
    const long long ne = be.cells(), nh = 2 * ne;
    int ext[3] = {be.extent(0), be.extent(1), be.extent(2)};
    int hext[3] = {ext[0], ext[1], ext[2]};
    hext[normal] += 1;
    const long long hstep[3] = {1, hext[0], 1LL * hext[0] * hext[1]};
    const std::vector<std::complex<double>>& hv = h[1 - t];
    const double sign = t == 0 ? 1.0 : -1.0;
    for (int f = 0; f < nfreq; ++f) {
      double sum = 0;
      long long q = 0;
      for (int z = 0; z < ext[2]; ++z)
        for (int y = 0; y < ext[1]; ++y)
          for (int x = 0; x < ext[0]; ++x, ++q) {
            const long long lower = x + y * hstep[1] + z * hstep[2];
            const long long upper = lower + hstep[normal];
            const std::complex<double> hav = 0.5 * (hv[f * nh + lower] + hv[f * nh + upper]);
            sum += std::real(e[t][f * ne + q] * std::conj(hav));
          }
      s[f] += sign * sum * area;
    }
  }
  return s;
}

// ---- snapshots ----

template <class Real>
Snapshot<Real>::Snapshot(const SnapshotSpec& spec, const Grid& g) : spec_(spec) {
  for (Component c : spec.components) boxes_.push_back(g.domain_region(c, spec.center, spec.size));
}

template <class Real>
void Snapshot<Real>::write(const Fields<Real>& f, const Grid& g, long long step, OutputSink& out) const {
  for (std::size_t n = 0; n < boxes_.size(); ++n) {
    const Component c = spec_.components[n];
    const Box& b = boxes_[n];
    if (b.empty()) continue;
    FieldBlock block;
    block.monitor = spec_.name;
    block.component = c;
    block.step = step;
    block.time = step * g.dt - (is_electric(c) ? 0.0 : 0.5 * g.dt);
    block.box = b;
    block.first = g.position(c, b.lo.i, b.lo.j, b.lo.k);
    block.spacing = g.d;
    block.single_precision = sizeof(Real) == 4;
    if (mirrored(g)) {
      // The image half lies on other ranks' cells: gather the kept box, unfold on the root.
      const Box kept = fold_box(g, c, b), mine = intersect(kept, g.owned);
      const std::vector<Real> v = unfold(g, c, b, assemble(g.comm, kept, mine, f.download(c, mine)));
      block.piece = g.comm.root() ? b : Box{};
      if (g.comm.root()) block.values.assign(v.begin(), v.end());
    } else {
      block.piece = intersect(b, g.owned);
      const std::vector<Real> v = f.download(c, block.piece);
      block.values.assign(v.begin(), v.end());
    }
    out.snapshot(block);
  }
}

template class Snapshot<float>;
template class Snapshot<double>;
template class Probe<float>;
template class Probe<double>;
template class FluxMonitor<float>;
template class FluxMonitor<double>;

}  // namespace pfdtd
