// Running discrete Fourier transforms of field components on the device:
//   F(f) = sum_n F(t_n) exp(i 2 pi f t_n) dt,
// accumulated once per step with the AccumulateDft kernel. RunningDft (one component over
// one box) is the building block of flux planes (solver/monitors.hpp) and of dft_fields
// monitors (below), which keep whole regions of the frequency-domain field.
#pragma once
#include <complex>
#include <vector>

#include "kernels/device_memory.hpp"
#include "solver/fields.hpp"
#include "solver/output.hpp"
#include "solver/state.hpp"

namespace pfdtd {

// The weights cos(2 pi f t) dt, sin(2 pi f t) dt of one time sample for each frequency,
// uploaded to the device for the kernel.
class DftPhases {
 public:
  explicit DftPhases(std::vector<double> frequencies);
  void set(double t, double dt);
  const double* device() const { return device_.data(); }
  std::size_t count() const { return frequencies_.size(); }

 private:
  std::vector<double> frequencies_, host_;
  DeviceBuffer<double> device_;
};

// The running DFT of one component over a box, [frequency][cell] complex on the device.
// Each rank accumulates the part of the box it owns.
template <class Real>
class RunningDft {
 public:
  RunningDft(Component c, const Box& box, std::size_t nfreq, const Grid& g);
  void add(const Fields<Real>& f, const DftPhases& phases);
  Component component() const { return c_; }
  const Box& box() const { return box_; }
  // Over the whole box, gathered from all ranks (collective), [frequency][cell].
  std::vector<std::complex<double>> values() const;
  StateArray state(const std::string& name) const;  // the accumulator, for checkpoints

 private:
  Component c_;
  Box box_, piece_;
  std::size_t nfreq_;
  Comm comm_;
  DeviceBuffer<double> acc_;  // [frequency][cell of piece_][re, im]
};

// One full step into every running DFT of a monitor: E sampled at te, H at th (their own
// times in the leapfrog), with the phase tables of each.
template <class Real>
void accumulate_step(std::vector<RunningDft<Real>>& dfts, DftPhases& e, DftPhases& h, const Fields<Real>& f,
                     double te, double th, double dt);

// A dft_fields monitor. Over the cells whose centres lie in the region, each component is
// accumulated at its Yee positions on a box one sample wider on every axis where it sits on
// the cell corners' layer, so that it can be averaged to the cell centres afterwards.
template <class Real>
class DftFieldMonitor {
 public:
  DftFieldMonitor(const DftFieldSpec& spec, const Grid& g);
  // After a full step: E at time te, H at time th.
  void accumulate(const Fields<Real>& f, double te, double th, double dt);
  DftFieldData data(const Grid& g) const;  // collective
  const DftFieldSpec& spec() const { return spec_; }
  void append_state(std::vector<StateArray>& out, const std::string& prefix) const {
    for (const RunningDft<Real>& d : dft_) out.push_back(d.state(prefix + "/" + component_name(d.component())));
  }

 private:
  DftFieldSpec spec_;
  Box cells_;
  std::vector<RunningDft<Real>> dft_;  // in the order of spec_.components
  DftPhases phase_e_, phase_h_;
};

// Cells whose centres lie in the region (a zero size picks the nearest layer), kept one
// cell inside the interior's high end on every axis more than one cell long, so that every
// component has both neighbours of each centre inside the grid.
Box dft_cell_box(const Grid& g, const Vec3& center, const Vec3& size);

// Bytes a dft_fields monitor accumulates on the device.
double dft_monitor_bytes(const DftFieldSpec& spec, const Grid& g);

}  // namespace pfdtd
