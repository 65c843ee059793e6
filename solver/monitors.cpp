#include "solver/monitors.hpp"

#include <cmath>

#include "kernels/gather.hpp"
#include "kernels/launch.hpp"

namespace pfdtd {

namespace {
constexpr double two_pi = 6.283185307179586;

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
    : name_(spec.name), c_(c), samples_(max_steps) {
  cell_ = g.region(c, spec.point, Vec3{0, 0, 0}).lo;
  offset_ = l.index(cell_.i, cell_.j, cell_.k) - l.origin_offset;
  samples_.zero();
}

template <class Real>
void Probe<Real>::record(const Fields<Real>& f, long long step) {
  if (step >= static_cast<long long>(samples_.size())) return;
  const Box one{cell_, {cell_.i + 1, cell_.j + 1, cell_.k + 1}};
  parallel_for(one, RecordSample<Real>{origin_of(f, c_), offset_, samples_.data() + step});
}

template <class Real>
ProbeSeries Probe<Real>::series(const Grid& g, long long steps) const {
  ProbeSeries s;
  s.name = name_;
  s.component = c_;
  s.point = g.position(c_, cell_.i, cell_.j, cell_.k);
  // sample n is taken after step n+1: E at (n+1) dt, H at (n+1/2) dt
  s.t0 = is_electric(c_) ? g.dt : 0.5 * g.dt;
  s.dt = g.dt;
  const std::vector<Real> all = samples_.download();
  const long long n = std::min<long long>(steps, static_cast<long long>(all.size()));
  s.values.assign(all.begin(), all.begin() + n);
  return s;
}

// ---- flux planes ----

template <class Real>
FluxMonitor<Real>::FluxMonitor(const FluxSpec& spec, const Grid& g, const Layout&) : spec_(spec) {
  for (int a = 0; a < 3; ++a)
    if (spec.size[a] == 0 && !(g.dims == 2 && a == 2)) normal_ = a;
  const int N = normal_, t1 = (N + 1) % 3, t2 = (N + 2) % 3;
  area_ = 1;
  for (int a : {t1, t2}) area_ *= (g.dims == 2 && a == 2) ? 1.0 : g.d;
  const Box b1 = g.region(static_cast<Component>(t1), spec.center, spec.size);
  const Box b2 = g.region(static_cast<Component>(t2), spec.center, spec.size);
  auto two_layers = [&](Box b) {
    b.lo[N] -= 1;  // H_t at N-offsets -1/2 and +1/2 around the E plane
    return b;
  };
  const std::size_t nf = spec.frequencies.size();
  auto make = [&](int comp, Box b) {
    Dft d{static_cast<Component>(comp), b, DeviceBuffer<double>(2 * nf * b.cells())};
    d.acc.zero();
    return d;
  };
  dft_.push_back(make(t1, b1));
  dft_.push_back(make(t2, b2));
  dft_.push_back(make(3 + t1, two_layers(b2)));  // H_{N+1} pairs with E_{N+2}
  dft_.push_back(make(3 + t2, two_layers(b1)));  // H_{N+2} pairs with E_{N+1}
  phase_e_ = DeviceBuffer<double>(2 * nf);
  phase_h_ = DeviceBuffer<double>(2 * nf);
  host_phase_.resize(2 * nf);
}

template <class Real>
void FluxMonitor<Real>::launch(const Fields<Real>& f, Dft& d, const DeviceBuffer<double>& phase) {
  if (d.box.empty()) return;
  AccumulateDft<Real> k{origin_of(f, d.c), {1, f.layout.sy, f.layout.sz},
                        {d.box.lo.i, d.box.lo.j, d.box.lo.k}, {}, d.box.cells(),
                        static_cast<int>(spec_.frequencies.size()), phase.data(), d.acc.data()};
  box_strides(d.box, k.bs);
  parallel_for(d.box, k);
}

template <class Real>
void FluxMonitor<Real>::accumulate(const Fields<Real>& f, double te, double th, double dt) {
  auto phases = [&](double t, DeviceBuffer<double>& dev) {
    for (std::size_t n = 0; n < spec_.frequencies.size(); ++n) {
      const double w = two_pi * spec_.frequencies[n] * t;
      host_phase_[2 * n] = std::cos(w) * dt;
      host_phase_[2 * n + 1] = std::sin(w) * dt;
    }
    dev.upload(host_phase_);
  };
  phases(te, phase_e_);
  launch(f, dft_[0], phase_e_);
  launch(f, dft_[1], phase_e_);
  phases(th, phase_h_);
  launch(f, dft_[2], phase_h_);
  launch(f, dft_[3], phase_h_);
}

template <class Real>
FluxFields FluxMonitor<Real>::fields() const {
  FluxFields out;
  out.normal = normal_;
  out.nfreq = static_cast<int>(spec_.frequencies.size());
  out.area = area_ * spec_.direction;
  auto complexify = [](const std::vector<double>& v) {
    std::vector<std::complex<double>> c(v.size() / 2);
    for (std::size_t n = 0; n < c.size(); ++n) c[n] = {v[2 * n], v[2 * n + 1]};
    return c;
  };
  for (int t = 0; t < 2; ++t) {
    out.box_e[t] = dft_[t].box;
    out.e[t] = complexify(dft_[t].acc.download());
    out.h[t] = complexify(dft_[2 + t].acc.download());
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
  for (Component c : spec.components) boxes_.push_back(g.region(c, spec.center, spec.size));
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
    const std::vector<Real> v = f.download(c, b);
    block.values.assign(v.begin(), v.end());
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
