// The small interface through which the solver hands results to a writer (io/ implements
// it with HDF5), so that no file format reaches the physics.
#pragma once
#include <complex>
#include <string>
#include <vector>

#include "kernels/box.hpp"
#include "solver/grid.hpp"

namespace pfdtd {

struct FieldBlock {
  std::string monitor;
  Component component = Component::Ex;
  long long step = 0;
  double time = 0;  // um/c
  Box box;          // grid indices
  Vec3 first;       // position of the first sample, um
  double spacing = 0;
  bool single_precision = true;
  std::vector<double> values;  // x fastest
};

struct ProbeSeries {
  std::string name;
  Component component = Component::Ex;
  Vec3 point;        // actual Yee position sampled, um
  double t0 = 0, dt = 0;  // sample n at t0 + n dt
  std::vector<double> values;
};

struct FluxSpectrum {
  std::string name;
  std::vector<double> frequencies;  // 1/um
  std::vector<double> flux;         // Re sum (E x H*) . n dA, in the source's units squared
  std::vector<double> source_power; // |S(f)|^2 of the first source's time profile
};

struct RunSummary {
  std::string status = "completed";  // or the reason the run stopped early
  long long cells = 0, steps = 0;
  int n[3] = {0, 0, 0};
  double d = 0, dt = 0, time = 0;
  double wall_seconds = 0, mcells_per_second = 0;
  std::string backend, precision;
};

struct RunResults {
  RunSummary summary;
  std::vector<ProbeSeries> probes;
  std::vector<FluxSpectrum> fluxes;
};

class OutputSink {
 public:
  virtual ~OutputSink() = default;
  virtual void snapshot(const FieldBlock& block) = 0;
  virtual void results(const RunResults& results) = 0;
};

}  // namespace pfdtd
