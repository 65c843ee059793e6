#include "solver/symmetry.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
#include <complex>
#include <stdexcept>
#include <string>

#include "kernels/launch.hpp"

namespace pfdtd {

namespace {

// The kept index mirroring index i along `axis`. A half-cell component (E_a, H_t) of index
// i sits at (i + 1/2) d from the plane, so its image is -1 - i; one on the plane's layers
// (E_t, H_a) sits at i d, its image is -i.
int image_index(const Grid& g, Component c, int axis, int i) {
  if (i >= 0) return i;
  return g.offset(c, axis) > 0 ? -1 - i : -i;
}

std::string phase_name(int phase) { return phase > 0 ? "even" : "odd"; }

}  // namespace

int mirror_sign(Component c, int axis, int phase) {
  const bool normal = axis_of(c) == axis;
  return (is_electric(c) == normal) ? -phase : phase;
}

FoldedCell fold(const Grid& g, Component c, Index3 cell) {
  FoldedCell out{cell, 1};
  for (int a = 0; a < 3; ++a) {
    if (g.mirror[a] == 0 || cell[a] >= 0) continue;
    out.cell[a] = image_index(g, c, a, cell[a]);
    out.sign *= mirror_sign(c, a, g.mirror[a]);
  }
  return out;
}

Box fold_box(const Grid& g, Component c, const Box& box) {
  if (box.empty()) return box;
  Box out = box;
  for (int a = 0; a < 3; ++a) {
    if (g.mirror[a] == 0) continue;
    int lo = INT_MAX, hi = INT_MIN;
    for (int i = box.lo[a]; i < box.hi[a]; ++i) {
      const int m = image_index(g, c, a, i);
      lo = std::min(lo, m);
      hi = std::max(hi, m + 1);
    }
    out.lo[a] = lo;
    out.hi[a] = hi;
  }
  return out;
}

template <class T>
std::vector<T> unfold(const Grid& g, Component c, const Box& box, const std::vector<T>& kept) {
  const Box src = fold_box(g, c, box);
  std::ptrdiff_t s[3];
  box_strides(src, s);
  std::vector<std::ptrdiff_t> from;  // per cell of box: its image's place in a block of kept
  std::vector<int> sign;
  for (int k = box.lo.k; k < box.hi.k; ++k)
    for (int j = box.lo.j; j < box.hi.j; ++j)
      for (int i = box.lo.i; i < box.hi.i; ++i) {
        const FoldedCell f = fold(g, c, {i, j, k});
        from.push_back((f.cell.i - src.lo.i) + (f.cell.j - src.lo.j) * s[1] + (f.cell.k - src.lo.k) * s[2]);
        sign.push_back(f.sign);
      }
  const std::size_t block = static_cast<std::size_t>(src.cells());
  const std::size_t blocks = block ? kept.size() / block : 0;
  std::vector<T> out;
  out.reserve(blocks * from.size());
  for (std::size_t b = 0; b < blocks; ++b)
    for (std::size_t q = 0; q < from.size(); ++q)
      out.push_back(static_cast<T>(static_cast<double>(sign[q])) * kept[b * block + from[q]]);
  return out;
}

SourceSpec fold_source(const SourceSpec& s, const Grid& g) {
  SourceSpec out = s;
  const std::string what = "source '" + s.name + "' (" + component_name(s.component) + ")";
  for (int a = 0; a < 3; ++a) {
    const int phase = g.mirror[a];
    if (phase == 0) continue;
    const std::string ax(1, "xyz"[a]);
    const double plane = g.origin[a];
    if (std::abs(s.center[a] - plane) > 1e-6 * g.d)
      throw std::invalid_argument(what + " is centred at " + ax + " = " + std::to_string(s.center[a]) +
                                  " um, off the " + ax + " mirror plane at " + std::to_string(plane) +
                                  " um: with a mirror symmetry every source must be centred on the plane "
                                  "(or remove the symmetry on " + ax + ")");
    if (mirror_sign(s.component, a, phase) < 0)
      throw std::invalid_argument(what + " centred on the " + ax + " mirror plane makes fields " +
                                  phase_name(-phase) + " about it (phase " + (phase < 0 ? "+1" : "-1") +
                                  "), but the domain's symmetry on " + ax + " is " + phase_name(phase) +
                                  ": use symmetry " + ax + ": " + phase_name(-phase) + ", or another component");
    if (s.size[a] == 0 && g.offset(s.component, a) > 0) {
      out.center[a] = plane + 0.5 * g.d;
      out.amplitude *= 0.5;
    }
  }
  return out;
}

void check_mirror_support(const Scene& s, const Grid& g) {
  if (g.mirror[0] == 0 && g.mirror[1] == 0 && g.mirror[2] == 0) return;
  auto refuse = [](const std::string& what, const std::string& name) {
    throw std::invalid_argument(what + " '" + name + "' with a mirror symmetry: not supported yet; "
                                "remove the domain's symmetry or the " + what);
  };
  if (!s.mode_sources.empty()) refuse("mode source", s.mode_sources.front().name);
  if (!s.mode_monitors.empty()) refuse("mode monitor", s.mode_monitors.front().name);
  if (!s.dft_fields.empty()) refuse("dft field monitor", s.dft_fields.front().name);
}

template <class Real>
void fill_mirror_ghosts(const Grid& g, const FieldPointers<Real>& f) {
  for (int a = 0; a < 3; ++a) {
    if (g.mirror[a] == 0 || g.owned.lo[a] != 0) continue;  // the plane is on another rank
    Box layer = g.allocated();
    layer.lo[a] = 0;
    layer.hi[a] = 1;
    for (int t : {(a + 1) % 3, (a + 2) % 3}) {
      const Real sign = static_cast<Real>(mirror_sign(static_cast<Component>(3 + t), a, g.mirror[a]));
      parallel_for(layer, WrapGhost<Real>{f.H[t], {1, f.stride[1], f.stride[2]}, -f.stride[a], sign});
    }
  }
}

template std::vector<float> unfold(const Grid&, Component, const Box&, const std::vector<float>&);
template std::vector<double> unfold(const Grid&, Component, const Box&, const std::vector<double>&);
template std::vector<std::complex<double>> unfold(const Grid&, Component, const Box&,
                                                  const std::vector<std::complex<double>>&);
template void fill_mirror_ghosts<float>(const Grid&, const FieldPointers<float>&);
template void fill_mirror_ghosts<double>(const Grid&, const FieldPointers<double>&);

}  // namespace pfdtd
