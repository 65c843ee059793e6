#include "io/hdf5_output.hpp"

#include <algorithm>
#include <complex>
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

// Complex values stored as h5py's complex128: a compound of two doubles named r and i;
// `annotate` then writes the dataset's attributes.
template <class Annotate>
void complex_dataset(hid_t parent, const std::string& name, const std::vector<hsize_t>& dims,
                     const std::vector<std::complex<double>>& v, Annotate annotate) {
  Handle type(H5Tcreate(H5T_COMPOUND, sizeof(std::complex<double>)), H5Tclose, "create complex type");
  check(H5Tinsert(type, "r", 0, H5T_NATIVE_DOUBLE), "build complex type");
  check(H5Tinsert(type, "i", sizeof(double), H5T_NATIVE_DOUBLE), "build complex type");
  Handle space(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr), H5Sclose,
               "create dataspace for " + name);
  Handle d(H5Dcreate2(parent, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Dclose,
           "create dataset " + name);
  check(H5Dwrite(d, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()), "write dataset " + name);
  annotate(static_cast<hid_t>(d));
}

std::vector<double> wavelengths(const std::vector<double>& frequencies) {
  std::vector<double> w;
  for (double f : frequencies) w.push_back(1 / f);
  return w;
}

// /dft/<monitor>/<Comp>: each component at its own Yee positions, (nf, nz, ny, nx).
void write_dft_fields(hid_t file, const std::vector<DftFieldData>& monitors) {
  Handle dft = group(file, "dft");
  for (const DftFieldData& m : monitors) {
    Handle g = group(dft, m.name);
    attribute(g, "frequency", m.frequencies);
    attribute(g, "wavelength_um", wavelengths(m.frequencies));
    for (const DftComponent& c : m.yee) {
      const Box& b = c.box;
      const std::vector<hsize_t> dims = {m.frequencies.size(), hsize_t(b.extent(2)), hsize_t(b.extent(1)),
                                         hsize_t(b.extent(0))};
      complex_dataset(g, component_name(c.component), dims, c.values, [&](hid_t d) {
        attribute(d, "units", std::string("sum_n F(t_n) exp(i 2 pi f t_n) dt: normalised field x um/c"));
        attribute<double>(d, "origin_um", {c.first.x, c.first.y, c.first.z});
        attribute<double>(d, "spacing_um", {m.spacing, m.spacing, m.spacing});
        attribute<long long>(d, "first_index", {b.lo.i, b.lo.j, b.lo.k});
        attribute(d, "frequency", m.frequencies);
        attribute(d, "wavelength_um", wavelengths(m.frequencies));
      });
    }
  }
}

// A point-array name per wavelength ("1.55um"), made unique if two round alike.
std::vector<std::string> wavelength_labels(const std::vector<double>& frequencies) {
  std::vector<std::string> labels;
  for (std::size_t n = 0; n < frequencies.size(); ++n) {
    char b[48];
    std::snprintf(b, sizeof b, "%.6gum", 1 / frequencies[n]);
    std::string label = b;
    if (std::count(labels.begin(), labels.end(), label)) label += " #" + std::to_string(n);
    labels.push_back(label);
  }
  return labels;
}

// <monitor>.dft.hdf: for ParaView, every component averaged to the cell centres, as
// magnitude and phase (radians) point arrays per wavelength.
void write_dft_view(const std::string& path, const DftFieldData& m) {
  const long long cells = m.cells.cells();
  const std::vector<std::string> labels = wavelength_labels(m.frequencies);
  std::vector<std::vector<double>> storage;
  storage.reserve(2 * m.frequencies.size() * m.yee.size());
  std::vector<ImageArray> arrays;
  for (std::size_t f = 0; f < m.frequencies.size(); ++f)
    for (std::size_t c = 0; c < m.yee.size(); ++c) {
      const std::complex<double>* v = m.centred[c].data() + f * cells;
      std::vector<double> magnitude(cells), phase(cells);
      for (long long q = 0; q < cells; ++q) magnitude[q] = std::abs(v[q]), phase[q] = std::arg(v[q]);
      const std::string comp = component_name(m.yee[c].component);
      storage.push_back(std::move(magnitude));
      arrays.push_back({"|" + comp + "| " + labels[f], nullptr, storage.back().data()});
      storage.push_back(std::move(phase));
      arrays.push_back({"phase " + comp + " " + labels[f], nullptr, storage.back().data()});
    }
  const int n[3] = {m.cells.extent(0), m.cells.extent(1), m.cells.extent(2)};
  write_vtkhdf_image(path, n, m.first_centre, m.spacing, arrays);
}
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

namespace {

void write_frequency_axis(hid_t g, const std::vector<double>& freqs) {
  std::vector<double> lambda, thz;
  for (double fr : freqs) {
    lambda.push_back(1 / fr);
    thz.push_back(fr * c_um_per_s / 1e12);
  }
  dataset(g, "frequency", freqs, "1/um (c/lambda with c = 1)");
  dataset(g, "frequency_thz", thz, "THz");
  dataset(g, "wavelength", lambda, "um");
}

void complex_dataset(hid_t g, const std::string& name, const std::vector<std::complex<double>>& v,
                     const std::string& units) {
  std::vector<double> re, im;
  for (const auto& c : v) {
    re.push_back(c.real());
    im.push_back(c.imag());
  }
  dataset(g, name + "_re", re, units);
  dataset(g, name + "_im", im, units);
}

// mode_monitors/<name>/mode<m>/{neff, forward, backward}_{re,im} and, with a plane
// source, transmission and reflection: |amplitude|^2 over the launched flux.
void write_mode_spectra(hid_t file, const std::vector<ModeSpectrum>& spectra) {
  Handle top = group(file, "mode_monitors");
  for (const ModeSpectrum& s : spectra) {
    Handle g = group(top, s.name);
    write_frequency_axis(g, s.frequencies);
    if (!s.input_power.empty()) dataset(g, "input_power", s.input_power, "flux launched by the first mode source");
    for (std::size_t m = 0; m < s.forward.size(); ++m) {
      Handle gm = group(g, "mode" + std::to_string(m));
      complex_dataset(gm, "neff", s.neff[m], "effective index");
      complex_dataset(gm, "forward", s.forward[m], "amplitude, |a|^2 = flux (normalised units)");
      complex_dataset(gm, "backward", s.backward[m], "amplitude, |a|^2 = flux (normalised units)");
      if (s.input_power.empty()) continue;
      std::vector<double> t, r;
      for (std::size_t f = 0; f < s.frequencies.size(); ++f) {
        t.push_back(std::norm(s.forward[m][f]) / s.input_power[f]);
        r.push_back(std::norm(s.backward[m][f]) / s.input_power[f]);
      }
      dataset(gm, "transmission", t, "forward flux in the mode / launched flux");
      dataset(gm, "reflection", r, "backward flux in the mode / launched flux");
    }
  }
}

}  // namespace

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
      write_frequency_axis(g, x.frequencies);
      dataset(g, "flux", x.flux, "Re sum (E x H*).n dA, normalised units");
      if (!x.source_power.empty()) dataset(g, "source_power", x.source_power, "|S(f)|^2 of the first source");
    }
    write_dft_fields(f, r.dft_fields);
    write_mode_spectra(f, r.modes);
  });
  for (const DftFieldData& m : r.dft_fields) write_dft_view(dir_ + "/" + m.name + ".dft.hdf", m);
}

}  // namespace pfdtd
