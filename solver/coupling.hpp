// Coupling of fields stored on a plane (DFT fields of a flux monitor, or analytic ones) into
// a Gaussian fibre mode, and the alignment tolerance of the fibre, without re-running.
//
// Normalisation (n = the plane's normal, dA = du dv; per um of the invariant axis in 2D):
//   overlap  c = (1/2) sum (E x Hm* + Em* x H) . n dA
//   mode     Nm = Re sum (Em x Hm*) . n dA   (the fibre mode's flux through the sampled plane)
//   coupled power |a|^2 = |c|^2 / |Nm|,   a = c / sqrt(|Nm|)
// For a field E = a Em, H = a Hm this gives back |a|^2 times the mode power, and a wave
// travelling against the mode contributes nothing (the two terms cancel), so reflections
// through the plane do not count. The mode is normalised over the plane's samples: a plane
// that cuts off part of the fibre mode overestimates the coupling, which `mode_captured`
// (sampled mode flux / analytic beam power) shows. Fluxes are measured along the fibre's
// direction (the sign of k_hat . n), like every efficiency below.
#pragma once
#include <vector>

#include "solver/gaussian_beam.hpp"
#include "solver/plane_fields.hpp"

namespace pfdtd {

struct CouplingSpectrum {
  std::vector<double> frequencies;
  std::vector<cplx> amplitude;          // a, sqrt of power
  std::vector<double> coupled_power;    // |a|^2
  std::vector<double> plane_power;      // the field's flux through the plane, along the fibre
  std::vector<double> efficiency;       // coupled_power / plane_power
  std::vector<double> efficiency_input; // coupled_power / input power (empty without input power)
  std::vector<double> mode_captured;    // Nm / fibre.power(): 1 when the plane holds the whole mode
};

// input_power: none, one value for every frequency, or one per frequency. A line of a 2D run
// couples into the fibre's 2D version (its invariant axis set to the line's).
CouplingSpectrum couple_to_beam(const PlaneFields& field, const GaussianBeam& fibre,
                                const std::vector<double>& input_power = {});

// Where the efficiency stays within 1 dB of the best one, walking away from the best point
// along one parameter with the others held: low and high crossings (linear in the parameter,
// found by bisection on the efficiency itself); NaN where the scan range ends first.
struct OneDbWindow {
  double low = 0, high = 0;
  double full_width() const { return high - low; }
};

struct AlignmentScanSpec {
  int frequency_index = 0;
  std::vector<double> offsets_u, offsets_v;  // fibre focus displacements along u and v, um
  std::vector<double> tilts_deg;             // fibre tilts (the fibre's azimuth kept), deg
};

struct AlignmentMap {
  std::vector<double> offsets_u, offsets_v, tilts_deg;  // the scan axes (empty -> {0} / nominal)
  std::vector<double> efficiency_uv;    // [iu + nu * iv] at the fibre's own tilt
  std::vector<double> efficiency_tilt;  // over tilts_deg at the best offset
  double best_u = 0, best_v = 0, best_tilt_deg = 0, best_efficiency = 0;
  OneDbWindow window_u, window_v, window_tilt;  // through the best point
};

// Efficiencies are relative to the plane's flux at the chosen frequency. The best point is
// refined between samples (a parabola through log-efficiencies: exact for Gaussian shapes).
AlignmentMap scan_alignment(const PlaneFields& field, const GaussianBeam& fibre, const AlignmentScanSpec& scan);

}  // namespace pfdtd
