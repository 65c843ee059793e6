#include "solver/simulation.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <sstream>

#include "kernels/launch.hpp"
#include "solver/decomposition.hpp"
#include "solver/diagnostics.hpp"
#include "solver/flux_plane.hpp"
#include "solver/resonances.hpp"
#include "solver/symmetry.hpp"

namespace pfdtd {

namespace {

Layout layout_for(const Grid& g) { return Layout(g.allocated()); }

double background_epsilon(const Scene& s) { return s.materials.at(s.background).epsilon.max(); }

// Axes on which a source region has zero size: a point source is a dipole of moment
// `amplitude`, a plane source a sheet current of `amplitude` per unit length.
int collapsed_axes(const SourceSpec& s, const Grid& g) {
  int m = 0;
  for (int a = 0; a < (g.dims == 2 ? 2 : 3); ++a) m += s.size[a] == 0;
  return m;
}

// A Gaussian beam as the incident field of a plane source: E_t on the plane's layer and H_t
// on the layer upstream, each at its own Yee position, at the pulse's centre frequency.
GaussianBeamSpec placed_beam(const BeamSourceSpec& src, const Grid& g) {
  GaussianBeamSpec spec = src.beam;
  spec.axis = ModePlane::from_region(g, src.center, src.size).normal;
  spec.direction = src.direction;
  if (g.dims == 2) spec.invariant_axis = 2;
  return spec;
}

IncidentPlane beam_incident(const BeamSourceSpec& src, const Grid& g) {
  const GaussianBeamSpec spec = placed_beam(src, g);
  const ModePlane plane = ModePlane::from_region(g, src.center, src.size);
  const GaussianBeam beam(spec);
  IncidentPlane inc;
  inc.normal = plane.normal;
  inc.direction = src.direction;
  inc.box = plane.box;
  const int t1 = (plane.normal + 1) % 3, t2 = (plane.normal + 2) % 3;
  const int h_shift = src.direction > 0 ? -1 : 0;  // H_t at index k sits at k + 1/2
  const double f0 = src.time.frequency;
  for (int t = 0; t < 2; ++t) {
    inc.e[t].reserve(plane.box.cells());
    inc.h[t].reserve(plane.box.cells());
  }
  const Box& b = plane.box;
  for (int k = b.lo.k; k < b.hi.k; ++k)
    for (int j = b.lo.j; j < b.hi.j; ++j)
      for (int i = b.lo.i; i < b.hi.i; ++i) {
        int up[3] = {i, j, k};
        up[plane.normal] += h_shift;
        cplx E[3], H[3], unused[3];
        for (int t = 0; t < 2; ++t) {
          const int c = t == 0 ? t1 : t2;
          beam.fields(g.position(static_cast<Component>(c), i, j, k), f0, E, unused);
          beam.fields(g.position(static_cast<Component>(3 + c), up[0], up[1], up[2]), f0, unused, H);
          inc.e[t].push_back(E[c]);
          inc.h[t].push_back(H[c]);
        }
      }
  // The envelope crosses half a cell along the normal at the group velocity c / n.
  inc.h_advance = 0.5 * g.d * spec.index * std::abs(beam.propagation()[plane.normal]);
  return inc;
}

}  // namespace

Grid grid_of(const Scene& s) {
  const Grid g = Grid::from_domain(s.domain, s.run.courant);
  return Grid::from_domain(s.domain, s.run.courant * stable_courant(s, g.d, g.dims));
}

double estimate_device_bytes(const Scene& s, int real_bytes) {
  const Grid g = grid_of(s);
  const double cells = static_cast<double>(g.allocated().cells());
  double bytes = cells * (6.0 * real_bytes + sizeof(MaterialId));
  for (int a = 0; a < 3; ++a)
    for (const Boundary& b : s.domain.boundary[a])
      if (b.kind == BoundaryKind::pml && !(g.dims == 2 && a == 2))
        bytes += 4.0 * real_bytes * b.pml.cells * (g.cells() / g.n[a]);
  for (const FluxSpec& f : s.fluxes) {
    const double plane = g.cells() / static_cast<double>(g.n[0]) + g.cells() / static_cast<double>(g.n[2]);
    bytes += 6.0 * 16.0 * f.frequencies.size() * plane;  // generous: largest plane, 6 layers
  }
  for (const DftFieldSpec& f : s.dft_fields) bytes += dft_monitor_bytes(f, g);
  bytes += s.probes.size() * 6.0 * real_bytes * std::ceil(s.run.time / g.dt);
  // Polarisations: two time levels per pole and component, over at most the whole grid.
  std::size_t poles = 0;
  for (const Material& m : s.materials)
    for (const auto& axis : m.poles) poles = std::max(poles, axis.size());
  bytes += 2.0 * 3.0 * poles * real_bytes * g.cells();
  return bytes;
}

template <class Real>
Simulation<Real>::Simulation(const Scene& scene, const Comm& comm)
    : scene_(scene),
      grid_(decompose(grid_of(scene), scene, comm)),
      layout_(layout_for(grid_)),
      fields_(layout_),
      cpml_(scene, grid_, background_epsilon(scene)),
      halo_(grid_) {
  if (scene.run.courant <= 0 || scene.run.courant > 1)
    throw std::invalid_argument("courant factor must be in (0, 1]");
  const MaterialRaster raster = rasterise(scene, grid_, layout_);
  id_ = DeviceBuffer<MaterialId>(raster.id.size());
  id_.upload(raster.id);
  const std::vector<CellCoefficients<Real>> table = raster.coefficients<Real>(grid_.dt, grid_.d);
  table_ = DeviceBuffer<CellCoefficients<Real>>(table.size());
  table_.upload(table);
  for (const auto& e : raster.entries)
    for (int c = 0; c < 3; ++c) lossy_ = lossy_ || (e.conductivity[c] != 0 && !e.pec[c]);
  std::vector<double> eps;
  for (const auto& e : raster.entries) eps.insert(eps.end(), e.epsilon, e.epsilon + 3);
  eps_of_entry_ = DeviceBuffer<double>(eps.size());
  eps_of_entry_.upload(eps);
  dispersion_ = std::make_unique<Dispersion<Real>>(scene, raster, grid_.dt, grid_.comm);

  check_mirror_support(scene, grid_);
  for (const SourceSpec& spec : scene.sources) {
    const SourceSpec s = fold_source(spec, grid_);
    const Box b = intersect(grid_.region(s.component, s.center, s.size), grid_.owned);
    const double scale = -s.amplitude * std::pow(grid_.d, 1 - collapsed_axes(s, grid_));
    sources_.push_back(Source{s.component, b, scale, SourceTime(s.time)});
  }
  for (const ModeSourceSpec& s : scene.mode_sources) {
    const ModePlane plane = ModePlane::from_region(grid_, s.center, s.size);
    const std::vector<Mode> modes = pick_modes(scene, grid_, plane, s.time.frequency, s.choice, s.choice.mode + 1,
                                               "mode source '" + s.name + "'", true);
    plane_sources_.emplace_back(incident_of(modes.back(), grid_, s.direction), s.time);
    plane_source_flux_.push_back(1.0);  // modes are normalised to unit flux
    launched_modes_.push_back(modes.back());
  }
  for (const BeamSourceSpec& s : scene.beam_sources) {
    plane_sources_.emplace_back(beam_incident(s, grid_), s.time);
    plane_source_flux_.push_back(GaussianBeam(placed_beam(s, grid_)).power());
  }
  const long long n = total_steps();
  for (const ProbeSpec& p : scene.probes)
    for (Component c : p.components) probes_.emplace_back(p, c, grid_, layout_, n);
  for (const FluxSpec& f : scene.fluxes) {
    // Fibre and far-field analyses colocate E and H, so every component shares one box.
    if (f.fibre || f.far_field) fluxes_.emplace_back(f, grid_, flux_plane_normal(grid_, f), flux_plane_box(grid_, f));
    else fluxes_.emplace_back(f, grid_, layout_);
  }
  for (const DftFieldSpec& f : scene.dft_fields) dft_fields_.emplace_back(f, grid_);
  for (const SnapshotSpec& s : scene.snapshots) snapshots_.emplace_back(s, grid_);
  for (const ModeMonitorSpec& m : scene.mode_monitors) mode_monitors_.emplace_back(m, grid_);
}

template <class Real>
long long Simulation<Real>::total_steps() const {
  return static_cast<long long>(std::ceil(scene_.run.time / grid_.dt - 1e-9));
}

// One leapfrog step from E^n, H^{n-1/2} to E^{n+1}, H^{n+1/2} (t = n dt on entry). Each
// half step updates the layers the neighbours need first, then the rest while they travel.
template <class Real>
void Simulation<Real>::step() {
  const double t = step_ * grid_.dt;
  const FieldPointers<Real> f = fields_.pointers();
  const HaloOrder h = halo_.order(false);
  for (const Box& b : h.faces) update_h(b, t);
  halo_.start(f, false);
  update_h(h.core, t);
  halo_.finish(f, false);
  fill_mirror_ghosts(grid_, f);
  const HaloOrder e = halo_.order(true);
  for (const Box& b : e.faces) update_e(b, t + 0.5 * grid_.dt);
  halo_.start(f, true);
  update_e(e.core, t + 0.5 * grid_.dt);
  halo_.finish(f, true);
  dispersion_->advance();
  ++step_;
  record_monitors();
}

// H^{n+1/2} on the cells of `region`: the Yee update, the CPML correction, magnetic
// currents at t_n.
template <class Real>
void Simulation<Real>::update_h(const Box& region, double t) {
  const FieldPointers<Real> f = fields_.pointers();
  const Real dt_over_d = static_cast<Real>(grid_.dt / grid_.d);
  UpdateH<Real> k{f, {}, dt_over_d};
  for (int a = 0; a < 3; ++a) k.inv_kappa_h[a] = cpml_.inv_kappa_h()[a];
  parallel_for(region, k);
  cpml_.correct_h(f, dt_over_d, region);
  inject(false, t, region);
}

// E^{n+1} on the cells of `region`: polarisations, the Yee update, the CPML correction,
// electric currents at t_{n+1/2}.
template <class Real>
void Simulation<Real>::update_e(const Box& region, double t) {
  const FieldPointers<Real> f = fields_.pointers();
  const MaterialId* id = id_.data() + layout_.origin_offset;
  dispersion_->before_e(f, id, region);
  auto launch = [&](auto kernel) {
    kernel.f = f;
    kernel.id = id;
    kernel.table = table_.data();
    for (int a = 0; a < 3; ++a) kernel.inv_kappa_e[a] = cpml_.inv_kappa_e()[a];
    parallel_for(region, kernel);
  };
  if (lossy_) launch(UpdateE<Real, true>{});
  else launch(UpdateE<Real, false>{});
  cpml_.correct_e(f, id, table_.data(), region);
  dispersion_->after_e(f, id, table_.data(), static_cast<Real>(grid_.d / grid_.dt), region);
  inject(true, t, region);
}

template <class Real>
void Simulation<Real>::inject(bool electric, double t, const Box& region) {
  const FieldPointers<Real> f = fields_.pointers();
  for (const Source& s : sources_) {
    if (is_electric(s.component) != electric || s.box.empty()) continue;
    const double v = s.time(t);
    if (v == 0.0) continue;
    const int c = axis_of(s.component);
    InjectCurrent<Real> k{electric ? f.E[c] : f.H[c], {1, layout_.sy, layout_.sz}, nullptr, nullptr, c,
                          static_cast<Real>(s.scale * v)};
    if (electric) {
      k.id = id_.data() + layout_.origin_offset;
      k.table = table_.data();
    } else {
      k.value = static_cast<Real>(s.scale * v * grid_.dt / grid_.d);
    }
    parallel_for(intersect(s.box, region), k);
  }
  for (const PlaneSource<Real>& p : plane_sources_) {
    if (electric) p.inject_e(f, t, id_.data() + layout_.origin_offset, table_.data(), region);
    else p.inject_h(f, t, static_cast<Real>(grid_.dt / grid_.d), region);
  }
}

template <class Real>
void Simulation<Real>::record_monitors() {
  for (Probe<Real>& p : probes_) p.record(fields_, step_ - 1);
  const double te = step_ * grid_.dt, th = te - 0.5 * grid_.dt;
  for (FluxMonitor<Real>& m : fluxes_) m.accumulate(fields_, te, th, grid_.dt);
  for (DftFieldMonitor<Real>& m : dft_fields_) m.accumulate(fields_, te, th, grid_.dt);
  for (ModeMonitor<Real>& m : mode_monitors_) m.accumulate(fields_, te, th, grid_.dt);
}

template <class Real>
bool Simulation<Real>::sources_done() const {
  for (const Source& s : sources_)
    if (step_ * grid_.dt < s.time.end_time()) return false;
  for (const PlaneSource<Real>& p : plane_sources_)
    if (step_ * grid_.dt < p.time().end_time()) return false;
  return true;
}

template <class Real>
double Simulation<Real>::energy() const {
  return field_energy(fields_, grid_, id_.data(), eps_of_entry_.data());
}

template <class Real>
const FluxMonitor<Real>& Simulation<Real>::flux(const std::string& name) const {
  for (const auto& m : fluxes_)
    if (m.spec().name == name) return m;
  throw std::out_of_range("no flux monitor named '" + name + "'");
}

template <class Real>
std::vector<ProbeSeries> Simulation<Real>::probe_series() const {
  std::vector<ProbeSeries> out;
  for (const auto& p : probes_) out.push_back(p.series(grid_, step_));
  return out;
}

template <class Real>
std::vector<FluxSpectrum> Simulation<Real>::flux_spectra() const {
  std::vector<FluxSpectrum> out;
  for (const auto& m : fluxes_) {
    FluxSpectrum s;
    s.name = m.spec().name;
    s.frequencies = m.spec().frequencies;
    const FluxFields fields = m.fields();
    s.flux = fields.flux();
    if (!sources_.empty()) {
      const auto S = sources_.front().time.spectrum(s.frequencies, 0.5 * grid_.dt, grid_.dt, step_);
      for (const auto& v : S) s.source_power.push_back(std::norm(v));
    }
    if (m.spec().fibre || m.spec().far_field)
      analyse_flux_plane(m.spec(), plane_fields(fields, grid_, s.frequencies), launched_power(s.frequencies), s);
    out.push_back(std::move(s));
  }
  return out;
}

template <class Real>
std::vector<ModeSpectrum> Simulation<Real>::mode_spectra() const {
  std::vector<ModeSpectrum> out;
  for (const auto& m : mode_monitors_) {
    ModeSpectrum s = m.spectrum(scene_, grid_);
    s.input_amplitude = launched_amplitude(s.frequencies);
    for (const auto& a : s.input_amplitude) s.input_power.push_back(std::norm(a));
    out.push_back(std::move(s));
  }
  return out;
}

// The first plane source's incident amplitude on its own plane, |a|^2 = launched flux. A
// mode source injects the profile of its centre frequency; at any other frequency it
// launches the projection of that profile on the mode of that frequency.
template <class Real>
std::vector<std::complex<double>> Simulation<Real>::launched_amplitude(const std::vector<double>& frequencies) const {
  std::vector<std::complex<double>> a;
  if (plane_sources_.empty()) return a;
  const auto z = plane_sources_.front().incident_spectrum(frequencies, grid_.dt, step_);
  for (std::size_t f = 0; f < frequencies.size(); ++f) {
    a.push_back(z[f] * std::sqrt(plane_source_flux_.front()));
    if (launched_modes_.empty()) continue;
    const ModeSourceSpec& src = scene_.mode_sources.front();
    const Mode& launched = launched_modes_.front();
    const Mode at_f = pick_modes(scene_, grid_, launched.plane, frequencies[f], src.choice, src.choice.mode + 1,
                                 "mode source '" + src.name + "'").back();
    a.back() *= projection(launched, at_f, grid_);
  }
  return a;
}

template <class Real>
std::vector<double> Simulation<Real>::launched_power(const std::vector<double>& frequencies) const {
  std::vector<double> power;
  for (const auto& a : launched_amplitude(frequencies)) power.push_back(std::norm(a));
  return power;
}

template <class Real>
RunResults Simulation<Real>::run(OutputSink* out, const std::function<bool(const Progress&)>& progress) {
  using clock = std::chrono::steady_clock;
  const long long total = total_steps();
  const auto start = clock::now();
  const long long first_step = step_;  // after a restart, the checkpoint's
  RunResults res;
  auto finish = [&](const std::string& status) {
    device_synchronize();
    const double wall = std::chrono::duration<double>(clock::now() - start).count();
    RunSummary& s = res.summary;
    s.status = status;
    s.cells = grid_.cells();
    s.steps = step_;
    for (int a = 0; a < 3; ++a) s.n[a] = grid_.n[a];
    s.origin = grid_.origin;
    s.d = grid_.d;
    s.dt = grid_.dt;
    s.time = step_ * grid_.dt;
    s.wall_seconds = wall;
    s.mcells_per_second = wall > 0 ? grid_.cells() * static_cast<double>(step_ - first_step) / wall / 1e6 : 0;
    s.backend = device::backend_name();
    s.precision = sizeof(Real) == 4 ? "float32" : "float64";
    res.probes = probe_series();
    res.fluxes = flux_spectra();
    for (const auto& m : dft_fields_) res.dft_fields.push_back(m.data(grid_));
    res.modes = mode_spectra();
    res.resonances = probe_resonances(scene_, res.probes);
    if (out) out->results(res);
  };
  const int check = std::max(1, scene_.run.check_every);
  while (step_ < total) {
    step();
    if (out)
      for (const auto& snap : snapshots_)
        if (snap.due(step_)) snap.write(fields_, grid_, step_, *out);
    if (step_ % check == 0 || step_ == total) {
      const BadValue bad = find_bad_value(fields_, grid_, 1e18);
      if (bad.found) {
        std::ostringstream msg;
        msg << "diverged at step " << step_ << " (t = " << step_ * grid_.dt << " um/c): "
            << component_name(bad.component) << " = " << bad.value << " at cell (" << bad.cell.i << ", "
            << bad.cell.j << ", " << bad.cell.k << "); check the Courant factor, gain or PML settings";
        finish(msg.str());
        throw DivergenceError(msg.str());
      }
      if (scene_.run.decay_threshold > 0 && sources_done()) {
        const double w = energy();
        max_energy_ = std::max(max_energy_, w);
        if (w <= scene_.run.decay_threshold * max_energy_) break;
      }
    }
    const double elapsed = std::chrono::duration<double>(clock::now() - start).count();
    // Any rank asked to stop (a signal reaches them one by one): all stop at this step.
    if (progress && grid_.comm.any(!progress(Progress{step_, total, elapsed, grid_.cells()}))) {
      finish("interrupted at step " + std::to_string(step_));
      return res;
    }
  }
  finish("completed");
  return res;
}

template <class Real>
std::vector<StateArray> Simulation<Real>::state() const {
  std::vector<StateArray> out;
  for (int c = 0; c < 6; ++c) {
    const Component comp = static_cast<Component>(c);
    out.push_back(StateArray{std::string("fields/") + component_name(comp), grid_.interior(), grid_.owned, 1, 1,
                             sizeof(Real) == 4, fields_[comp].data(), grid_.allocated()});
  }
  cpml_.append_state(out);
  dispersion_->append_state(out);
  for (const auto& p : probes_) out.push_back(p.state());
  for (const auto& m : fluxes_) m.append_state(out, "flux/" + m.spec().name);
  for (const auto& m : dft_fields_) m.append_state(out, "dft_fields/" + m.spec().name);
  for (const auto& m : mode_monitors_) m.append_state(out, "mode_monitors/" + m.spec().name);
  return out;
}

template <class Real>
void Simulation<Real>::restore(const StateScalars& s) {
  step_ = s.step;
  max_energy_ = s.max_energy;
  dispersion_->restore_level(step_);
  halo_.exchange(fields_.pointers(), true);  // the ghosts the next H update reads
}

template class Simulation<float>;
template class Simulation<double>;

}  // namespace pfdtd
