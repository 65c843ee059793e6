// Monitors: point probes (a time series per component, kept on the device), field snapshots
// (downloaded every N steps), and flux planes (running DFTs of the tangential fields).
#pragma once
#include <complex>
#include <string>
#include <vector>

#include "kernels/device_memory.hpp"
#include "solver/dft_monitor.hpp"
#include "solver/fields.hpp"
#include "solver/output.hpp"
#include "solver/state.hpp"

namespace pfdtd {

template <class Real>
class Probe {
 public:
  Probe(const ProbeSpec& spec, Component c, const Grid& g, const Layout& l, long long max_steps);
  void record(const Fields<Real>& f, long long step);
  ProbeSeries series(const Grid& g, long long steps) const;  // collective
  StateArray state() const;  // the samples, for checkpoints

 private:
  Box cell_box() const { return Box{cell_, {cell_.i + 1, cell_.j + 1, cell_.k + 1}}; }
  std::string name_;
  Component c_;
  Index3 at_;    // the cell asked for, in whole-domain indices (Grid::domain_box)
  Index3 cell_;  // where it is kept, with sign_ (solver/symmetry.hpp)
  int sign_ = 1;
  bool owner_ = true;  // this rank owns cell_ and records it
  long long max_steps_ = 0;
  Comm comm_;
  std::ptrdiff_t offset_;
  DeviceBuffer<Real> samples_;  // on the owner only
};

// Tangential DFT fields of a flux plane normal to `normal`, on the host: E_{N+1}, E_{N+2}
// on the plane, H_{N+1}, H_{N+2} on the two layers either side (averaged in `flux`).
struct FluxFields {
  int normal = 0;
  int nfreq = 0;
  Box box_e[2];  // E_{N+1}, E_{N+2}; H_{N+2-t} lives on box_e[t] widened by one layer below
  std::vector<std::complex<double>> e[2], h[2];  // [freq][cell of its box]
  double area = 0;  // area of one cell face of the plane, um^2 (per um of z in 2D)

  FluxFields operator-(const FluxFields& other) const;
  std::vector<double> flux() const;  // Re sum (E x H*) . n dA per frequency
};

template <class Real>
class FluxMonitor {
 public:
  FluxMonitor(const FluxSpec& spec, const Grid& g, const Layout& l);
  // On the cells of one plane (extent 1 along `normal`) for every tangential component, so
  // the DFT fields line up with a mode solved on the same plane.
  FluxMonitor(const FluxSpec& spec, const Grid& g, int normal, const Box& plane);
  // Accumulate after a full step: E at time te, H at time th.
  void accumulate(const Fields<Real>& f, double te, double th, double dt);
  FluxFields fields() const;  // collective
  const FluxSpec& spec() const { return spec_; }
  void append_state(std::vector<StateArray>& out, const std::string& prefix) const;

 private:
  void allocate(const Box& e1, const Box& e2);
  FluxSpec spec_;
  Grid grid_;
  int normal_ = 0;
  double area_ = 0;
  std::vector<RunningDft<Real>> dft_;  // E_{N+1}, E_{N+2}, H_{N+1}, H_{N+2}
  std::vector<Box> boxes_;  // theirs over the whole domain, unfolded by fields()
  DftPhases phase_e_, phase_h_;
};

template <class Real>
class Snapshot {
 public:
  Snapshot(const SnapshotSpec& spec, const Grid& g);
  bool due(long long step) const { return step % spec_.every == 0; }
  void write(const Fields<Real>& f, const Grid& g, long long step, OutputSink& out) const;

 private:
  SnapshotSpec spec_;
  std::vector<Box> boxes_;  // over the whole domain: unfolded from the kept half
};

}  // namespace pfdtd
