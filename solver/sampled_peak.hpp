// Sub-sample location of a sampled maximum, shared by the coupling and far-field analyses.
#pragma once
#include <algorithm>
#include <cmath>

namespace pfdtd {

// Offset in samples, within [-0.5, 0.5], of the vertex of the parabola through the logarithms
// of three positive samples at -1, 0, +1 around a maximum: exact for a Gaussian peak.
inline double log_parabola_peak(double before, double at, double after) {
  if (!(before > 0 && at > 0 && after > 0)) return 0.0;
  const double lb = std::log(before), la = std::log(at), lc = std::log(after);
  const double curvature = lb - 2 * la + lc;
  if (!(curvature < 0)) return 0.0;
  return std::clamp(0.5 * (lb - lc) / curvature, -0.5, 0.5);
}

}  // namespace pfdtd
