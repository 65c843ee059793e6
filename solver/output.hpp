// The small interface through which the solver hands results to a writer (io/ implements
// it with HDF5), so that no file format reaches the physics.
#pragma once
#include <complex>
#include <optional>
#include <string>
#include <vector>

#include "kernels/box.hpp"
#include "solver/coupling.hpp"
#include "solver/far_field.hpp"
#include "solver/grid.hpp"

namespace pfdtd {

struct FieldBlock {
  std::string monitor;
  Component component = Component::Ex;
  long long step = 0;
  double time = 0;  // um/c
  Box box;          // grid indices of the whole block
  Box piece;        // the part this rank holds (may be empty); `values` cover it
  Vec3 first;       // position of the first sample of `box`, um
  double spacing = 0;
  bool single_precision = true;
  std::vector<double> values;  // over `piece`, x fastest
};

struct ProbeSeries {
  std::string name;
  Component component = Component::Ex;
  Vec3 point;        // actual Yee position sampled, um
  double t0 = 0, dt = 0;  // sample n at t0 + n dt
  std::vector<double> values;
};

// One decaying term a exp(-i omega (t - t0)) of a probe's record, omega = 2 pi frequency -
// i decay (solver/resonances.hpp).
struct Resonance {
  double frequency = 0;   // 1/um
  double wavelength = 0;  // um
  double decay = 0;       // 1/(um/c): the amplitude decays as exp(-decay t)
  double q = 0;           // pi frequency / decay; negative for a growing term
  std::complex<double> amplitude;  // at the record's first sample, t0
  double error = 0;       // harminv's estimate of the relative frequency error
};

struct ProbeResonances {
  std::string probe;  // the probe's name
  Component component = Component::Ex;
  double fmin = 0, fmax = 0;  // window, 1/um
  double t0 = 0;              // start of the analysed record (the sources' end), um/c
  std::vector<Resonance> resonances;  // by increasing frequency
  std::string note;                   // why none could be computed, else empty
};

// Fibre coupling of a flux plane (solver/coupling.hpp) and, when asked, its alignment map.
struct FibreResult {
  GaussianBeamSpec fibre;    // as placed: axis, direction and invariant axis filled in
  CouplingSpectrum coupling; // efficiency_input is filled when a plane source launched power
  bool scanned = false;
  double scan_frequency = 0; // 1/um, the monitor frequency the map is taken at
  AlignmentMap alignment;
};

// Far field of a flux plane (solver/far_field.hpp) with its peak and total power per frequency.
struct FarFieldResult {
  FarFieldSpec spec;
  int normal = 0;  // of the plane: u = (normal + 1) % 3, v = (normal + 2) % 3
  FarField field;
  std::vector<FarFieldPeak> peaks;
  std::vector<double> power;  // integral over the direction grid, same units as FluxSpectrum::flux
};

struct FluxSpectrum {
  std::string name;
  std::vector<double> frequencies;  // 1/um
  std::vector<double> flux;         // Re sum (E x H*) . n dA, in the source's units squared
  std::vector<double> source_power; // |S(f)|^2 of the first source's time profile
  std::optional<FibreResult> fibre;
  std::optional<FarFieldResult> far_field;
};

// One component of a dft_fields monitor at its own Yee positions: the running DFT
// sum_n F(t_n) exp(i 2 pi f t_n) dt over the box, [frequency][cell], x fastest.
struct DftComponent {
  Component component = Component::Ex;
  Box box;     // grid indices
  Vec3 first;  // Yee position of the first sample, um
  std::vector<std::complex<double>> values;
};

struct DftFieldData {
  std::string name;
  std::vector<double> frequencies;  // 1/um
  double spacing = 0;               // um
  std::vector<DftComponent> yee;    // as accumulated
  // The same components averaged to the cell centres of `cells` (for ParaView), in the
  // order of `yee`, each [frequency][cell].
  Box cells;
  Vec3 first_centre;  // centre of the first cell, um
  std::vector<std::vector<std::complex<double>>> centred;
};

// Modes of a plane per frequency: forward and backward amplitudes, normalised so that
// |a|^2 is the flux the mode carries (in the units of FluxSpectrum::flux).
struct ModeSpectrum {
  std::string name;
  std::vector<double> frequencies;  // 1/um
  std::vector<std::vector<std::complex<double>>> neff, forward, backward;  // [mode][frequency]
  std::vector<double> input_power;  // flux launched by the first plane source (empty: none)
  std::vector<std::complex<double>> input_amplitude;  // its amplitude on its own plane, |.|^2 = input_power
};

struct RunSummary {
  std::string status = "completed";  // or the reason the run stopped early
  long long cells = 0, steps = 0;
  int n[3] = {0, 0, 0};
  Vec3 origin;  // corner of cell (0,0,0), um
  double d = 0, dt = 0, time = 0;
  double wall_seconds = 0, mcells_per_second = 0;
  std::string backend, precision;
};

struct RunResults {
  RunSummary summary;
  std::vector<ProbeSeries> probes;
  std::vector<FluxSpectrum> fluxes;
  std::vector<DftFieldData> dft_fields;
  std::vector<ModeSpectrum> modes;
  std::vector<ProbeResonances> resonances;
};

// Every rank of a run calls each method in the same order (a parallel writer is collective);
// `results` holds the same gathered data on every rank.
class OutputSink {
 public:
  virtual ~OutputSink() = default;
  virtual void snapshot(const FieldBlock& block) = 0;  // any component over any box
  virtual void results(const RunResults& results) = 0;
};

}  // namespace pfdtd
