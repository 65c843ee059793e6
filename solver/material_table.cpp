#include "solver/material_table.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <tuple>

#include "geometry/voxel.hpp"

namespace pfdtd {

namespace {

using ComponentKey = std::tuple<double, double, bool, int>;  // eps, sigma, pec, pole material
using EntryKey = std::array<ComponentKey, 3>;

// A tangential E component on a PEC face of the domain is held at zero.
bool on_pec_wall(const Scene& s, const Grid& g, int c, const int idx[3]) {
  for (int a = 0; a < 3; ++a) {
    if (a == c || idx[a] != 0) continue;
    // The low face carries the tangential E at index 0; the high face is the (zero) ghost.
    // PML faces end in a PEC wall as well, so both sides of the domain are alike.
    if (g.dims == 2 && a == 2) continue;
    // A mirror plane is PEC for odd fields and PMC (E_t free) for even ones.
    if (g.mirror[a] != 0) {
      if (g.mirror[a] < 0) return true;
      continue;
    }
    if (s.domain.boundary[a][0].kind != BoundaryKind::periodic) return true;
  }
  return false;
}

ComponentKey uniform(const Material& m, int index, int c) {
  if (m.pec) return {1.0, 0.0, true, -1};
  return {m.epsilon[c], m.conductivity[c], false, m.dispersive() ? index : -1};
}

// The coefficients one component sees at position p.
ComponentKey component_key(const Scene& s, const Grid& g, int c, const Vec3& p) {
  if (!s.smoothing) {
    const int m = material_at(s.shapes, s.background, p);
    return uniform(s.materials[m], m, c);
  }
  const Vec3 voxel{g.d, g.d, g.dims == 2 ? 0.0 : g.d};
  const VoxelInterface v = voxel_interface(s.shapes, s.background, p, voxel);
  const Material& in = s.materials[v.inside];
  if (!v.crossed) return uniform(in, v.inside, c);
  const Material& out = s.materials[v.outside];
  const int here = material_at(s.shapes, s.background, p);
  if (in.pec || out.pec) return uniform(s.materials[here], here, c);
  const double f = v.fill, ei = in.epsilon[c], eo = out.epsilon[c];
  const double mean = f * ei + (1 - f) * eo, mean_inverse = f / ei + (1 - f) / eo;
  const double nc2 = v.normal[c] * v.normal[c];
  const double eps = 1 / (nc2 * mean_inverse + (1 - nc2) / mean);
  const double sigma = f * in.conductivity[c] + (1 - f) * out.conductivity[c];
  return {eps, sigma, false, s.materials[here].dispersive() ? here : -1};
}

// The keys of one z plane, computed in parallel: evaluating the geometry (signed
// distances of every shape near every component) is the expensive part.
// Over the rank's owned cells of the plane, x fastest.
std::vector<EntryKey> plane_keys(const Scene& s, const Grid& g, int k) {
  const Box& o = g.owned;
  const int nx = o.extent(0), ny = o.extent(1);
  std::vector<EntryKey> keys(static_cast<std::size_t>(nx) * ny);
#pragma omp parallel for schedule(dynamic, 4)
  for (int j = o.lo.j; j < o.hi.j; ++j)
    for (int i = o.lo.i; i < o.hi.i; ++i) {
      const int idx[3] = {i, j, k};
      EntryKey& key = keys[static_cast<std::size_t>(j - o.lo.j) * nx + (i - o.lo.i)];
      for (int c = 0; c < 3; ++c)
        key[c] = on_pec_wall(s, g, c, idx) ? ComponentKey{1.0, 0.0, true, -1}
                                           : component_key(s, g, c, g.position(static_cast<Component>(c), i, j, k));
    }
  return keys;
}

}  // namespace

MaterialRaster rasterise(const Scene& s, const Grid& g, const Layout& layout) {
  MaterialRaster r;
  r.id.assign(layout.size(), 0);
  std::map<EntryKey, MaterialId> ids;
  const Box in = g.owned;
  Box disp{{in.hi.i, in.hi.j, in.hi.k}, {in.lo.i, in.lo.j, in.lo.k}};  // grows to cover dispersive cells
  for (int k = in.lo.k; k < in.hi.k; ++k) {
    const std::vector<EntryKey> keys = plane_keys(s, g, k);
    for (int j = in.lo.j; j < in.hi.j; ++j)
      for (int i = in.lo.i; i < in.hi.i; ++i) {
        const EntryKey& key = keys[static_cast<std::size_t>(j - in.lo.j) * in.extent(0) + (i - in.lo.i)];
        auto it = ids.find(key);
        if (it == ids.end()) {
          MaterialRaster::Entry e{};
          for (int c = 0; c < 3; ++c)
            std::tie(e.epsilon[c], e.conductivity[c], e.pec[c], e.pole_material[c]) = key[c];
          it = ids.emplace(key, static_cast<MaterialId>(r.entries.size())).first;
          r.entries.push_back(e);
        }
        r.id[layout.index(i, j, k)] = it->second;
        const MaterialRaster::Entry& e = r.entries[it->second];
        if (e.pole_material[0] >= 0 || e.pole_material[1] >= 0 || e.pole_material[2] >= 0) {
          const int idx[3] = {i, j, k};
          for (int a = 0; a < 3; ++a) {
            disp.lo[a] = std::min(disp.lo[a], idx[a]);
            disp.hi[a] = std::max(disp.hi[a], idx[a] + 1);
          }
        }
      }
  }
  r.dispersive = intersect(disp, in);
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
