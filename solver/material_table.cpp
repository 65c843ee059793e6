#include "solver/material_table.hpp"

#include <map>
#include <stdexcept>
#include <tuple>

#include "geometry/shape.hpp"

namespace pfdtd {

namespace {

// A tangential E component on a PEC face of the domain is held at zero.
bool on_pec_wall(const Scene& s, const Grid& g, int c, const int idx[3]) {
  for (int a = 0; a < 3; ++a) {
    if (a == c || idx[a] != 0) continue;
    // The low face carries the tangential E at index 0; the high face is the (zero) ghost.
    // PML faces end in a PEC wall as well, so both sides of the domain are alike.
    if (g.dims == 2 && a == 2) continue;
    if (s.domain.boundary[a][0].kind != BoundaryKind::periodic) return true;
  }
  return false;
}

}  // namespace

MaterialRaster rasterise(const Scene& s, const Grid& g, const Layout& layout) {
  MaterialRaster r;
  r.id.assign(layout.size(), 0);
  std::map<std::tuple<int, int, int>, MaterialId> key_to_id;
  const Box in = g.interior();
  for (int k = in.lo.k; k < in.hi.k; ++k)
    for (int j = in.lo.j; j < in.hi.j; ++j)
      for (int i = in.lo.i; i < in.hi.i; ++i) {
        const int idx[3] = {i, j, k};
        int m[3];
        for (int c = 0; c < 3; ++c) {
          const Component comp = static_cast<Component>(c);
          m[c] = on_pec_wall(s, g, c, idx)
                     ? -1
                     : material_at(s.shapes, s.background, g.position(comp, i, j, k));
          if (m[c] >= 0 && s.materials[m[c]].pec) m[c] = -1;
        }
        const auto key = std::make_tuple(m[0], m[1], m[2]);
        auto it = key_to_id.find(key);
        if (it == key_to_id.end()) {
          if (r.entries.size() >= 65535) throw std::runtime_error("more than 65535 material combinations");
          MaterialRaster::Entry e{};
          for (int c = 0; c < 3; ++c) {
            e.pec[c] = m[c] < 0;
            e.epsilon[c] = e.pec[c] ? 1.0 : s.materials[m[c]].epsilon[c];
            e.conductivity[c] = e.pec[c] ? 0.0 : s.materials[m[c]].conductivity[c];
          }
          it = key_to_id.emplace(key, static_cast<MaterialId>(r.entries.size())).first;
          r.entries.push_back(e);
        }
        r.id[layout.index(i, j, k)] = it->second;
      }
  return r;
}

template <class Real>
std::vector<CellCoefficients<Real>> MaterialRaster::coefficients(double dt, double d) const {
  std::vector<CellCoefficients<Real>> t(entries.size());
  for (std::size_t n = 0; n < entries.size(); ++n)
    for (int c = 0; c < 3; ++c) {
      const Entry& e = entries[n];
      const double s = e.conductivity[c] * dt / (2 * e.epsilon[c]);
      // PEC: cb = 0 freezes E at zero; ca = 1 keeps it so in the lossless E update too.
      t[n].ca[c] = static_cast<Real>(e.pec[c] ? 1.0 : (1 - s) / (1 + s));
      t[n].cb[c] = static_cast<Real>(e.pec[c] ? 0.0 : dt / (e.epsilon[c] * d) / (1 + s));
    }
  return t;
}

template std::vector<CellCoefficients<float>> MaterialRaster::coefficients<float>(double, double) const;
template std::vector<CellCoefficients<double>> MaterialRaster::coefficients<double>(double, double) const;

}  // namespace pfdtd
