// S-parameters of a multi-port device: one run per excited port and mode, each launching
// that mode into the device from its port (a one-way mode source of known power) while a
// mode monitor on every port, two cells inside, records what leaves. Amplitudes are moved
// to the port planes with each mode's discrete propagation constant, so
//   S_ij(f) = b_i(f) / a_j(f),  |S_ij|^2 the power fraction from port mode j into port mode i.
#pragma once
#include <complex>
#include <functional>
#include <string>
#include <vector>

#include "solver/output.hpp"
#include "solver/scene.hpp"
#include "solver/simulation.hpp"

namespace pfdtd {

struct SMatrix {
  std::vector<std::string> labels;  // one per port mode: "port" or "port:m" when a port has several
  std::vector<double> frequencies;  // 1/um
  std::vector<std::complex<double>> s;  // [f][i][j], i (out) and j (in) over labels; NaN: not excited
  std::complex<double> at(std::size_t f, std::size_t i, std::size_t j) const {
    return s[(f * labels.size() + i) * labels.size() + j];
  }
};

// One excitation: the scene with port `port`'s mode `mode` launched and every port monitored.
struct Excitation {
  std::string label;
  Scene scene;
};
std::vector<Excitation> excitations(const Scene& scene);

// Runs every excitation (each through `sink(label)`, which may return null) and assembles
// the matrix. `progress` as in Simulation::run; a false return stops and rethrows nothing:
// the matrix holds what was finished.
template <class Real>
SMatrix run_s_matrix(const Scene& scene, const std::function<OutputSink*(const std::string&)>& sink,
                     const std::function<bool(const Progress&)>& progress = {}, const Comm& comm = Comm::serial());

}  // namespace pfdtd
