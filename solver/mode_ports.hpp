// Waveguide modes at the ports of a device: choosing a mode of a cross-section, turning it
// into the incident field of a one-way plane source, and decomposing the DFT fields on a
// plane into the forward and backward amplitudes of its modes (S-parameters).
#pragma once
#include <complex>
#include <string>
#include <vector>

#include "solver/mode_solver.hpp"
#include "solver/monitors.hpp"
#include "solver/output.hpp"
#include "solver/plane_source.hpp"

namespace pfdtd {

// Modes of the plane at frequency f, filtered by the choice's polarisation, highest index
// first; at least `count` of them or std::runtime_error naming the plane. The group index
// (two more solves) only when asked for.
std::vector<Mode> pick_modes(const Scene& scene, const Grid& grid, const ModePlane& plane, double f,
                             const ModeChoice& choice, int count, const std::string& what, bool group_index = false);

// A mode as the incident field of a plane source launched along `direction`: E_t on the
// plane and H_t of the mode travelling that way, half a cell upstream.
IncidentPlane incident_of(const Mode& mode, const Grid& grid, int direction);

// Amplitudes of a mode in DFT plane fields (FluxFields on the mode's plane, `nf`-th
// frequency): a (towards +normal) and b (towards -normal), in units whose square is flux.
struct ModeAmplitude {
  std::complex<double> plus, minus;
};
ModeAmplitude decompose(const FluxFields& fields, int nf, const Mode& mode, const Grid& grid);

// The amplitude in mode `onto` of a forward wave whose transverse pattern is the mode
// `launched` of the same plane (at another frequency): 1 when they are the same mode.
std::complex<double> projection(const Mode& launched, const Mode& onto, const Grid& grid);

template <class Real>
class ModeMonitor {
 public:
  ModeMonitor(const ModeMonitorSpec& spec, const Grid& g);
  void accumulate(const Fields<Real>& f, double te, double th, double dt) { dft_.accumulate(f, te, th, dt); }
  // Solves the plane's modes at every frequency and projects the DFT fields on them.
  ModeSpectrum spectrum(const Scene& scene, const Grid& g) const;
  const ModeMonitorSpec& spec() const { return spec_; }
  void append_state(std::vector<StateArray>& out, const std::string& prefix) const { dft_.append_state(out, prefix); }

 private:
  ModeMonitorSpec spec_;
  ModePlane plane_;
  FluxMonitor<Real> dft_;
};

}  // namespace pfdtd
