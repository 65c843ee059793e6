#include "solver/s_matrix.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace pfdtd {

namespace {

constexpr double two_pi = 6.283185307179586;
constexpr int kMonitorInset = 2;  // cells from the port plane into the device

std::string label_of(const PortSpec& p, int m) { return p.modes > 1 ? p.name + ":" + std::to_string(m) : p.name; }

// The plane a port's monitor sits on: inside the device, clear of the source's own layers.
Vec3 monitor_center(const PortSpec& p, const Grid& g) {
  Vec3 c = p.center;
  const int axis = ModePlane::from_region(g, p.center, p.size).normal;
  c[axis] += kMonitorInset * g.d * p.direction;
  return c;
}

// A pulse whose spectrum keeps e^-1/2 of its peak amplitude at the band's edges.
TimeProfile covering(const SParameterSpec& sp) {
  if (sp.time.fwidth > 0) return sp.time;
  const auto [lo, hi] = std::minmax_element(sp.frequencies.begin(), sp.frequencies.end());
  TimeProfile t;
  t.frequency = 0.5 * (*lo + *hi);
  t.fwidth = std::max(0.5 * (*hi - *lo), 0.02 * t.frequency);
  return t;
}

bool excited(const SParameterSpec& sp, const std::string& name) {
  return sp.excite.empty() || std::count(sp.excite.begin(), sp.excite.end(), name);
}

}  // namespace

std::vector<Excitation> excitations(const Scene& scene) {
  if (scene.ports.empty()) throw std::invalid_argument(scene.source_file + ": S-parameters need ports");
  const Grid g = grid_of(scene);
  std::vector<Excitation> out;
  for (const PortSpec& in : scene.ports) {
    if (!excited(scene.s_parameters, in.name)) continue;
    for (int m = 0; m < in.modes; ++m) {
      Excitation e{label_of(in, m), scene};
      Scene& s = e.scene;
      s.sources.clear();
      s.mode_sources.clear();
      s.beam_sources.clear();
      ModeSourceSpec src{"port " + e.label, in.center, in.size, in.direction, in.choice, covering(scene.s_parameters)};
      src.choice.mode = m;
      s.mode_sources.push_back(src);
      // The ports' monitors first (run_s_matrix reads them by port index), then the scene's own.
      std::vector<ModeMonitorSpec> monitors;
      for (const PortSpec& p : scene.ports)
        monitors.push_back(ModeMonitorSpec{"port " + p.name, monitor_center(p, g), p.size, p.direction, p.modes,
                                           p.choice, scene.s_parameters.frequencies});
      s.mode_monitors.insert(s.mode_monitors.begin(), monitors.begin(), monitors.end());
      s.run.output_dir = scene.run.output_dir + "/excite-" + e.label;
      out.push_back(std::move(e));
    }
  }
  return out;
}

template <class Real>
SMatrix run_s_matrix(const Scene& scene, const std::function<OutputSink*(const std::string&)>& sink,
                     const std::function<bool(const Progress&)>& progress, const Comm& comm) {
  const Grid g = grid_of(scene);
  SMatrix M;
  M.frequencies = scene.s_parameters.frequencies;
  std::vector<int> first_row;  // row of each port's mode 0
  for (const PortSpec& p : scene.ports) {
    first_row.push_back(static_cast<int>(M.labels.size()));
    for (int m = 0; m < p.modes; ++m) M.labels.push_back(label_of(p, m));
  }
  const std::size_t n = M.labels.size(), nf = M.frequencies.size();
  M.s.assign(nf * n * n, std::complex<double>(std::numeric_limits<double>::quiet_NaN(), 0));
  for (const Excitation& e : excitations(scene)) {
    Simulation<Real> sim(e.scene, comm);
    const RunResults r = sim.run(sink ? sink(e.label) : nullptr, progress);
    if (r.summary.status != "completed") break;
    const std::size_t j = std::find(M.labels.begin(), M.labels.end(), e.label) - M.labels.begin();
    for (std::size_t p = 0; p < scene.ports.size(); ++p) {
      const PortSpec& port = scene.ports[p];
      const ModeSpectrum& ms = r.modes[p];
      // Cells between the port plane and its monitor: the outgoing wave crosses them.
      const ModePlane at = ModePlane::from_region(g, port.center, port.size);
      const ModePlane mon = ModePlane::from_region(g, monitor_center(port, g), port.size);
      const int inset = std::abs(mon.box.lo[at.normal] - at.box.lo[at.normal]);
      for (int m = 0; m < port.modes; ++m)
        for (std::size_t f = 0; f < nf; ++f) {
          const std::complex<double> beta = two_pi * M.frequencies[f] * ms.neff[m][f];
          const std::complex<double> at_port = ms.backward[m][f] * std::exp(std::complex<double>(0, 1) * beta * (inset * g.d));
          M.s[(f * n + first_row[p] + m) * n + j] = at_port / ms.input_amplitude[f];
        }
    }
  }
  return M;
}

template SMatrix run_s_matrix<float>(const Scene&, const std::function<OutputSink*(const std::string&)>&,
                                     const std::function<bool(const Progress&)>&, const Comm&);
template SMatrix run_s_matrix<double>(const Scene&, const std::function<OutputSink*(const std::string&)>&,
                                      const std::function<bool(const Progress&)>&, const Comm&);

}  // namespace pfdtd
