#include "io/hdf5_output.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "io/hdf5_util.hpp"

namespace pfdtd {

namespace {
constexpr double c_um_per_s = 299792458e6;
namespace fs = std::filesystem;
using namespace h5;
}  // namespace

Hdf5Output::Hdf5Output(std::string directory, std::string scene_text)
    : dir_(std::move(directory)), scene_text_(std::move(scene_text)) {
  fs::create_directories(dir_);
}

void Hdf5Output::snapshot(const FieldBlock& b) {
  const std::string series = b.monitor + "-" + component_name(b.component);
  char step[32];
  std::snprintf(step, sizeof step, "%08lld", b.step);
  const std::string file = series + "-" + step + ".hdf";
  const int n[3] = {b.box.extent(0), b.box.extent(1), b.box.extent(2)};
  const std::string name = component_name(b.component);
  // Written in the run's precision; float32 fields were widened to double on the way here.
  const std::vector<float> f32(b.single_precision ? b.values.begin() : b.values.end(), b.values.end());
  const ImageArray array = b.single_precision ? ImageArray{name, f32.data(), nullptr}
                                              : ImageArray{name, nullptr, b.values.data()};
  write_vtkhdf_image(dir_ + "/" + file, n, b.first, b.spacing, {array}, b.time, b.step);
  series_[series].emplace_back(b.time, file);
  write_pvd(series);
}

void Hdf5Output::write_pvd(const std::string& series) {
  const std::string path = dir_ + "/" + series + ".pvd", tmp = path + ".tmp";
  {
    std::ofstream out(tmp);
    out << "<?xml version=\"1.0\"?>\n<VTKFile type=\"Collection\" version=\"0.1\">\n  <Collection>\n";
    for (const auto& [t, file] : series_[series])
      out << "    <DataSet timestep=\"" << t << "\" file=\"" << file << "\"/>\n";
    out << "  </Collection>\n</VTKFile>\n";
    if (!out) throw std::runtime_error("cannot write " + tmp);
  }
  fs::rename(tmp, path);
}

void Hdf5Output::results(const RunResults& r) {
  write_atomically(dir_ + "/results.h5", [&](hid_t f) {
    const RunSummary& s = r.summary;
    attribute(f, "producer", std::string("pfdtd"));
    attribute(f, "status", s.status);
    attribute(f, "scene", scene_text_.empty() ? std::string(" ") : scene_text_);
    attribute(f, "length_unit", std::string("um"));
    attribute(f, "time_unit", std::string("um/c (1 um/c = 3.33564 fs)"));
    Handle sum = group(f, "summary");
    attribute<long long>(sum, "grid_cells", {s.n[0], s.n[1], s.n[2]});
    attribute<long long>(sum, "steps", {s.steps});
    attribute<double>(sum, "cell_size_um", {s.d});
    attribute<double>(sum, "dt_um_per_c", {s.dt});
    attribute<double>(sum, "simulated_time_um_per_c", {s.time});
    attribute<double>(sum, "wall_seconds", {s.wall_seconds});
    attribute<double>(sum, "mcells_per_second", {s.mcells_per_second});
    attribute(sum, "backend", s.backend);
    attribute(sum, "precision", s.precision);

    Handle probes = group(f, "probes");
    for (const ProbeSeries& p : r.probes) {
      const std::string name = p.name + "-" + component_name(p.component);
      Handle g = group(probes, name);
      std::vector<double> t(p.values.size());
      for (std::size_t n = 0; n < t.size(); ++n) t[n] = p.t0 + n * p.dt;
      dataset(g, "time", t, "um/c");
      dataset(g, "values", p.values, "normalised field (eps0 = mu0 = c = 1)");
      attribute<double>(g, "position_um", {p.point.x, p.point.y, p.point.z});
    }
    Handle flux = group(f, "flux");
    for (const FluxSpectrum& x : r.fluxes) {
      Handle g = group(flux, x.name);
      std::vector<double> lambda, thz;
      for (double fr : x.frequencies) {
        lambda.push_back(1 / fr);
        thz.push_back(fr * c_um_per_s / 1e12);
      }
      dataset(g, "frequency", x.frequencies, "1/um (c/lambda with c = 1)");
      dataset(g, "frequency_thz", thz, "THz");
      dataset(g, "wavelength", lambda, "um");
      dataset(g, "flux", x.flux, "Re sum (E x H*).n dA, normalised units");
      if (!x.source_power.empty()) dataset(g, "source_power", x.source_power, "|S(f)|^2 of the first source");
    }
  });
}

}  // namespace pfdtd
