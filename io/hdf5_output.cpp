#include "io/hdf5_output.hpp"

#include <hdf5.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace pfdtd {

namespace {

namespace fs = std::filesystem;

// RAII for HDF5 identifiers.
class Handle {
 public:
  Handle(hid_t id, herr_t (*close)(hid_t), const std::string& what) : id_(id), close_(close) {
    if (id < 0) throw std::runtime_error("HDF5: cannot " + what);
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() { close_(id_); }
  operator hid_t() const { return id_; }

 private:
  hid_t id_;
  herr_t (*close_)(hid_t);
};

void check(herr_t status, const std::string& what) {
  if (status < 0) throw std::runtime_error("HDF5: cannot " + what);
}

Handle group(hid_t parent, const std::string& name) {
  return Handle(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose,
                "create group " + name);
}

template <class T>
hid_t h5type();
template <>
hid_t h5type<double>() { return H5T_NATIVE_DOUBLE; }
template <>
hid_t h5type<float>() { return H5T_NATIVE_FLOAT; }
template <>
hid_t h5type<long long>() { return H5T_NATIVE_LLONG; }

template <class T>
void attribute(hid_t obj, const std::string& name, const std::vector<T>& v) {
  const hsize_t n = v.size();
  Handle space(H5Screate_simple(1, &n, nullptr), H5Sclose, "create dataspace");
  Handle a(H5Acreate2(obj, name.c_str(), h5type<T>(), space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
           "create attribute " + name);
  check(H5Awrite(a, h5type<T>(), v.data()), "write attribute " + name);
}

// Fixed-length ASCII string attribute (what VTK's reader expects for "Type").
void attribute(hid_t obj, const std::string& name, const std::string& s) {
  Handle type(H5Tcopy(H5T_C_S1), H5Tclose, "copy string type");
  check(H5Tset_size(type, s.empty() ? 1 : s.size()), "size string type");
  check(H5Tset_strpad(type, H5T_STR_NULLPAD), "pad string type");
  Handle space(H5Screate(H5S_SCALAR), H5Sclose, "create scalar dataspace");
  Handle a(H5Acreate2(obj, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
           "create attribute " + name);
  check(H5Awrite(a, type, s.data()), "write attribute " + name);
}

template <class T>
void dataset(hid_t parent, const std::string& name, const std::vector<hsize_t>& dims, const T* data,
             const std::string& units = "") {
  Handle space(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr), H5Sclose,
               "create dataspace for " + name);
  Handle d(H5Dcreate2(parent, name.c_str(), h5type<T>(), space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
           H5Dclose, "create dataset " + name);
  check(H5Dwrite(d, h5type<T>(), H5S_ALL, H5S_ALL, H5P_DEFAULT, data), "write dataset " + name);
  if (!units.empty()) attribute(d, "units", units);
}

template <class T>
void dataset(hid_t parent, const std::string& name, const std::vector<T>& v, const std::string& units = "") {
  dataset(parent, name, {v.size()}, v.data(), units);
}

// Creates `path` through a temporary file that is renamed only once `fill` succeeded.
template <class Fill>
void write_atomically(const std::string& path, Fill fill) {
  const std::string tmp = path + ".tmp";
  try {
    Handle file(H5Fcreate(tmp.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose, "create " + tmp);
    fill(static_cast<hid_t>(file));
    check(H5Fflush(file, H5F_SCOPE_GLOBAL), "flush " + tmp);
  } catch (...) {
    std::error_code ignored;  // e.g. a full disk: drop the partial file, keep the old one
    fs::remove(tmp, ignored);
    throw;
  }
  fs::rename(tmp, path);
}

constexpr double c_um_per_s = 299792458e6;

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
  write_atomically(dir_ + "/" + file, [&](hid_t f) {
    Handle vtk = group(f, "VTKHDF");
    attribute<long long>(vtk, "Version", {1, 0});
    attribute(vtk, "Type", std::string("ImageData"));
    const int nx = b.box.extent(0), ny = b.box.extent(1), nz = b.box.extent(2);
    attribute<long long>(vtk, "WholeExtent", {0, nx - 1, 0, ny - 1, 0, nz - 1});
    attribute<double>(vtk, "Origin", {b.first.x, b.first.y, b.first.z});
    attribute<double>(vtk, "Spacing", {b.spacing, b.spacing, b.spacing});
    attribute<double>(vtk, "Direction", {1, 0, 0, 0, 1, 0, 0, 0, 1});
    attribute<double>(vtk, "Time", {b.time});
    attribute<long long>(vtk, "Step", {b.step});
    Handle points = group(vtk, "PointData");
    const std::vector<hsize_t> dims = {hsize_t(nz), hsize_t(ny), hsize_t(nx)};  // VTK: x fastest
    const std::string name = component_name(b.component);
    if (b.single_precision) {
      const std::vector<float> v(b.values.begin(), b.values.end());
      dataset(points, name, dims, v.data());
    } else {
      dataset(points, name, dims, b.values.data());
    }
  });
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
