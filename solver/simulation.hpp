// A simulation of one scene on one rank: owns the grid, fields, materials, PML, sources and
// monitors, and advances them. step() reads like the algorithm.
#pragma once
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "solver/cpml.hpp"
#include "solver/dispersion.hpp"
#include "solver/halo.hpp"
#include "solver/fields.hpp"
#include "solver/material_table.hpp"
#include "solver/mode_ports.hpp"
#include "solver/monitors.hpp"
#include "solver/output.hpp"
#include "solver/source_time.hpp"
#include "solver/state.hpp"

namespace pfdtd {

// Thrown when fields become non-finite or grow without bound; results so far are written.
struct DivergenceError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Progress {
  long long step = 0, total = 0;
  double elapsed = 0;  // wall seconds of stepping
  long long cells = 0;
};

// The grid of a scene: its Courant factor applies to the stable Courant number of the
// scene's dispersive materials (stable_courant) when that is below 1.
Grid grid_of(const Scene& scene);

// Memory a scene needs on the device, in bytes, for a precision of `real_bytes`.
double estimate_device_bytes(const Scene& scene, int real_bytes);

// On several ranks each owns a box of the grid (solver/decomposition.hpp); every method is
// then collective, and every rank returns the same gathered results.
template <class Real>
class Simulation {
 public:
  explicit Simulation(const Scene& scene, const Comm& comm = Comm::serial());

  void step();  // advance E and H by one time step dt
  // Steps to the end (or until the fields decay), writing through `out`. `progress` is
  // called after every step; returning false stops the run cleanly ("interrupted"), with
  // the results so far written.
  RunResults run(OutputSink* out, const std::function<bool(const Progress&)>& progress = {});

  // The run's whole state as arrays of the global grid, and its scalars (io/checkpoint.hpp).
  std::vector<StateArray> state() const;
  StateScalars scalars() const { return StateScalars{step_, max_energy_}; }
  // After the arrays of state() were filled from a checkpoint: continue from `s`.
  void restore(const StateScalars& s);

  const Grid& grid() const { return grid_; }
  const Fields<Real>& fields() const { return fields_; }
  long long steps_taken() const { return step_; }
  long long total_steps() const;
  double energy() const;
  const FluxMonitor<Real>& flux(const std::string& name) const;
  std::vector<ProbeSeries> probe_series() const;
  std::vector<FluxSpectrum> flux_spectra() const;
  std::vector<ModeSpectrum> mode_spectra() const;

 private:
  struct Source {
    Component component;
    Box box;
    double scale;  // -amplitude * d^(1 - point dims): current density per unit s(t), times d
    SourceTime time;
  };
  void update_h(const Box& region, double t);
  void update_e(const Box& region, double t);
  void inject(bool electric, double t, const Box& region);
  void record_monitors();
  bool sources_done() const;
  // Flux launched by the first plane source per frequency (empty without one).
  std::vector<std::complex<double>> launched_amplitude(const std::vector<double>& frequencies) const;
  std::vector<double> launched_power(const std::vector<double>& frequencies) const;

  Scene scene_;
  Grid grid_;
  Layout layout_;
  Fields<Real> fields_;
  DeviceBuffer<MaterialId> id_;
  DeviceBuffer<CellCoefficients<Real>> table_;
  DeviceBuffer<double> eps_of_entry_;
  bool lossy_ = false;  // any conductivity: the E update needs ca
  Cpml<Real> cpml_;
  std::unique_ptr<Dispersion<Real>> dispersion_;
  HaloExchange<Real> halo_;
  std::vector<Source> sources_;
  std::vector<PlaneSource<Real>> plane_sources_;  // mode sources, then beams
  std::vector<double> plane_source_flux_;         // flux of each one's profile
  std::vector<Mode> launched_modes_;              // of the mode sources, in order
  std::vector<Probe<Real>> probes_;
  std::vector<FluxMonitor<Real>> fluxes_;
  std::vector<DftFieldMonitor<Real>> dft_fields_;
  std::vector<ModeMonitor<Real>> mode_monitors_;
  std::vector<Snapshot<Real>> snapshots_;
  long long step_ = 0;
  double max_energy_ = 0;  // the decay criterion's running maximum
};

}  // namespace pfdtd
