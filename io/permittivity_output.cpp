#include "io/permittivity_output.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "io/hdf5_util.hpp"
#include "io/vtkhdf_image.hpp"
#include "io/png.hpp"

namespace pfdtd {

namespace {

using namespace h5;
const char* const kAxis = "xyz";

// One Re(eps) slice (mean over the three components) normal to `axis` at index `at`,
// drawn with `scale` pixels per cell, the second in-plane axis pointing up.
void write_slice(const PermittivityMap& m, int axis, int at, const std::string& path) {
  const int u = axis == 0 ? 1 : 0, v = axis == 2 ? 1 : 2;
  const int nu = m.grid.n[u], nv = m.grid.n[v];
  const int scale = std::max(1, 600 / std::max(nu, nv));
  std::vector<double> values;
  values.reserve(static_cast<std::size_t>(nu) * nv * scale * scale);
  for (int row = nv * scale - 1; row >= 0; --row)
    for (int col = 0; col < nu * scale; ++col) {
      int idx[3];
      idx[axis] = at;
      idx[u] = col / scale;
      idx[v] = row / scale;
      double mean = 0;
      for (int c = 0; c < 3; ++c) mean += m.at(c, idx[0], idx[1], idx[2]).real() / 3;
      values.push_back(mean);
    }
  double lo = 1e300, hi = -1e300;
  for (double x : values)
    if (std::isfinite(x)) lo = std::min(lo, x), hi = std::max(hi, x);  // PEC (-inf) drawn as the lowest colour
  write_png(path, nu * scale, nv * scale, colour_map(values, lo, hi));
}

}  // namespace

std::vector<std::string> write_permittivity(const PermittivityMap& m, const std::string& dir, const Vec3& cut) {
  std::filesystem::create_directories(dir);
  const Grid& g = m.grid;
  std::vector<std::string> written;
  // Split each component into real and imaginary parts once; both files use them.
  std::array<std::vector<double>, 6> parts;
  for (int c = 0; c < 3; ++c)
    for (const auto& e : m.eps[c]) parts[2 * c].push_back(e.real()), parts[2 * c + 1].push_back(e.imag());
  const std::vector<hsize_t> dims = {hsize_t(g.n[2]), hsize_t(g.n[1]), hsize_t(g.n[0])};
  const std::string h5 = dir + "/permittivity.h5";
  write_atomically(h5, [&](hid_t f) {
    attribute<double>(f, "wavelength_um", {m.wavelength_um});
    attribute<double>(f, "cell_size_um", {g.d});
    attribute<double>(f, "origin_um", {g.origin.x, g.origin.y, g.origin.z});
    attribute(f, "layout", std::string("(nz, ny, nx); eps_c is sampled at the Yee position of E_c"));
    for (int c = 0; c < 3; ++c) {
      Handle grp = group(f, std::string("eps_") + kAxis[c]);
      dataset(grp, "real", dims, parts[2 * c].data());
      dataset(grp, "imag", dims, parts[2 * c + 1].data());
    }
  });
  written.push_back(h5);
  std::array<std::vector<float>, 6> f32;
  std::vector<ImageArray> arrays;
  for (int p = 0; p < 6; ++p) {
    f32[p].assign(parts[p].begin(), parts[p].end());
    arrays.push_back({std::string("eps_") + kAxis[p / 2] + (p % 2 ? "_imag" : "_real"), f32[p].data(), nullptr});
  }
  const std::string vtk = dir + "/permittivity.hdf";
  const Vec3 centre = g.origin + Vec3{0.5 * g.d, 0.5 * g.d, 0.5 * g.d};
  write_vtkhdf_image(vtk, g.n, centre, g.d, arrays);
  written.push_back(vtk);
  for (int axis = 2; axis >= 0; --axis) {
    if (g.dims == 2 && axis != 2) continue;  // a z-invariant scene has one useful section
    const int at = std::clamp(static_cast<int>(std::floor((cut[axis] - g.origin[axis]) / g.d)), 0, g.n[axis] - 1);
    const std::string name = std::string("eps-") + kAxis[axis == 0 ? 1 : 0] + kAxis[axis == 2 ? 1 : 2] + ".png";
    write_slice(m, axis, at, dir + "/" + name);
    written.push_back(dir + "/" + name);
  }
  return written;
}

}  // namespace pfdtd
