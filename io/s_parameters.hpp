// Writes an S-matrix (solver/s_matrix.hpp) for people and for circuit simulators:
//   <dir>/s_parameters.h5    complex S [frequency][out][in], port labels, frequency axes
//   <dir>/s_parameters.csv   wavelength, |S_ij|^2, phase per entry, one row per frequency
//   <dir>/<stem>.s<N>p       Touchstone 1.1 (real/imaginary, GHz, 50 ohm reference)
// Each file goes through a temporary name and a rename, so a crash leaves the old one intact.
#pragma once
#include <string>
#include <vector>

#include "solver/s_matrix.hpp"

namespace pfdtd {

// Returns the paths written.
std::vector<std::string> write_s_parameters(const SMatrix& m, const std::string& dir, const std::string& stem,
                                            const std::string& scene_text);

// The Touchstone text alone (for tests): frequencies ascending, entries not excited as 0.
std::string touchstone(const SMatrix& m, const std::string& comment);

}  // namespace pfdtd
