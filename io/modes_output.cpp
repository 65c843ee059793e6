#include "io/modes_output.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "io/hdf5_util.hpp"
#include "io/png.hpp"

namespace pfdtd {

namespace {

using namespace h5;

const Component kAll[6] = {Component::Ex, Component::Ey, Component::Ez, Component::Hx, Component::Hy, Component::Hz};

// One value per wavelength of mode m.
template <class Get>
std::vector<double> per_frequency(const PlaneModes& p, std::size_t m, Get get) {
  std::vector<double> v;
  for (const std::vector<Mode>& at : p.modes) v.push_back(at.size() > m ? get(at[m]) : std::nan(""));
  return v;
}

std::size_t modes_found(const PlaneModes& p) {
  std::size_t n = 0;
  for (const std::vector<Mode>& at : p.modes) n = std::max(n, at.size());
  return n;
}

// Component c of mode m at every wavelength, (n_freq, n2, n1), split into re and im.
void write_component(hid_t g, const Grid& grid, const PlaneModes& p, std::size_t m, Component c, const ModePlane& plane) {
  const std::size_t cells = static_cast<std::size_t>(plane.n1()) * plane.n2();
  std::vector<double> re, im;
  for (const std::vector<Mode>& at : p.modes)
    for (std::size_t q = 0; q < cells; ++q) {
      const cplx v = at.size() > m ? at[m].field[static_cast<int>(c)][q] : cplx(std::nan(""), std::nan(""));
      re.push_back(v.real());
      im.push_back(v.imag());
    }
  const std::vector<hsize_t> dims = {p.modes.size(), hsize_t(plane.n2()), hsize_t(plane.n1())};
  const int t1 = (plane.normal + 1) % 3, t2 = (plane.normal + 2) % 3;
  const Vec3 first = grid.position(c, plane.box.lo.i, plane.box.lo.j, plane.box.lo.k);
  for (const auto& [suffix, data] : {std::pair{"_re", &re}, std::pair{"_im", &im}}) {
    const std::string name = std::string(component_name(c)) + suffix;
    dataset(g, name, dims, data->data(), "normalised: unit flux through the plane");
    Handle d(H5Dopen2(g, name.c_str(), H5P_DEFAULT), H5Dclose, "open dataset " + name);
    attribute<double>(d, "origin_um", {first.x, first.y, first.z});
    attribute<double>(d, "spacing_um", {grid.d});
    attribute<double>(d, "yee_offset_cells", {grid.offset(c, 0), grid.offset(c, 1), grid.offset(c, 2)});
    attribute(d, "axes", std::string("wavelength, ") + "xyz"[t2] + ", " + "xyz"[t1]);
  }
}

void write_mode(hid_t parent, const Grid& grid, const PlaneModes& p, std::size_t m, const ModePlane& plane) {
  Handle g = group(parent, std::to_string(m));
  dataset(g, "neff_re", per_frequency(p, m, [](const Mode& x) { return x.neff.real(); }), "effective index");
  dataset(g, "neff_im", per_frequency(p, m, [](const Mode& x) { return x.neff.imag(); }), "> 0: loss");
  dataset(g, "ng", per_frequency(p, m, [](const Mode& x) { return x.group_index; }), "group index");
  dataset(g, "loss_db_per_cm", per_frequency(p, m, [](const Mode& x) { return x.loss_db_per_cm; }), "dB/cm");
  dataset(g, "te_fraction", per_frequency(p, m, [](const Mode& x) { return x.te_fraction; }),
          "share of |E_t|^2 along the first in-plane axis");
  for (const auto& [region, box] : p.spec.regions)
    dataset(g, "confinement_" + region, per_frequency(p, m, [&](const Mode& x) {
              const auto it = x.confinement.find(region);
              return it == x.confinement.end() ? std::nan("") : it->second;
            }), "confinement factor");
  for (Component c : kAll) write_component(g, grid, p, m, c, plane);
}

// |E| (c < 0) or |E_c| of a mode, t1 to the right and t2 up, at least ~300 pixels wide.
void write_png_of(const Mode& mode, int c, const std::string& path) {
  const int n1 = mode.plane.n1(), n2 = mode.plane.n2();
  const int scale = std::max(1, 300 / std::max(n1, n2));
  const int height = std::max(n2 * scale, 24);  // a 2D run's plane is a line: draw it as a strip
  std::vector<double> values;
  for (int row = height - 1; row >= 0; --row)
    for (int col = 0; col < n1 * scale; ++col) {
      const std::size_t q = col / scale + static_cast<std::size_t>(n1) * std::min(n2 - 1, row / scale);
      double sum = 0;
      for (int k = 0; k < 3; ++k)
        if (c < 0 || k == c) sum += std::norm(mode.field[k][q]);
      values.push_back(std::sqrt(sum));
    }
  const double hi = *std::max_element(values.begin(), values.end());
  write_png(path, n1 * scale, height, colour_map(values, 0, hi > 0 ? hi : 1));
}

}  // namespace

std::vector<std::string> write_modes(const std::string& dir, const Grid& grid, const std::vector<PlaneModes>& planes,
                                     const std::string& scene_text) {
  std::filesystem::create_directories(dir);
  std::vector<std::string> paths = {dir + "/modes.h5"};
  write_atomically(paths[0], [&](hid_t f) {
    attribute(f, "producer", std::string("pfdtd modes"));
    text_attribute(f, "scene", scene_text);  // any length (a fixed-length one stops at 64 KiB)
    attribute(f, "length_unit", std::string("um"));
    Handle top = group(f, "modes");
    for (const PlaneModes& p : planes) {
      Handle g = group(top, p.spec.name);
      std::vector<double> lambda;
      for (double fr : p.frequencies) lambda.push_back(1 / fr);
      dataset(g, "frequency", p.frequencies, "1/um (c/lambda with c = 1)");
      dataset(g, "wavelength_um", lambda, "um");
      attribute<double>(g, "center_um", {p.spec.center.x, p.spec.center.y, p.spec.center.z});
      attribute<double>(g, "size_um", {p.spec.size.x, p.spec.size.y, p.spec.size.z});
      if (p.modes.empty() || p.modes[0].empty()) continue;
      const ModePlane& plane = p.modes[0][0].plane;
      attribute<long long>(g, "normal_axis", {plane.normal});
      for (std::size_t m = 0; m < modes_found(p); ++m) write_mode(g, grid, p, m, plane);
    }
  });
  for (const PlaneModes& p : planes) {
    const std::vector<Mode>& middle = p.modes.at(p.modes.size() / 2);
    for (std::size_t m = 0; m < middle.size(); ++m)
      for (int c = -1; c < 3; ++c) {
        const std::string label = c < 0 ? "E" : component_name(kAll[c]);
        paths.push_back(dir + "/" + p.spec.name + "-mode" + std::to_string(m) + "-" + label + ".png");
        write_png_of(middle[m], c, paths.back());
      }
  }
  return paths;
}

}  // namespace pfdtd
