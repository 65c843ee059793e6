// Small RAII and convenience layer over the HDF5 C API, shared by the writers in io/.
#pragma once
#include <hdf5.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include "geometry/vec3.hpp"

namespace pfdtd::h5 {


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

inline void check(herr_t status, const std::string& what) {
  if (status < 0) throw std::runtime_error("HDF5: cannot " + what);
}

inline Handle group(hid_t parent, const std::string& name) {
  return Handle(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose,
                "create group " + name);
}

template <class T>
hid_t h5type();
template <>
inline hid_t h5type<double>() { return H5T_NATIVE_DOUBLE; }
template <>
inline hid_t h5type<float>() { return H5T_NATIVE_FLOAT; }
template <>
inline hid_t h5type<long long>() { return H5T_NATIVE_LLONG; }

template <class T>
void attribute(hid_t obj, const std::string& name, const std::vector<T>& v) {
  const hsize_t n = v.size();
  Handle space(H5Screate_simple(1, &n, nullptr), H5Sclose, "create dataspace");
  Handle a(H5Acreate2(obj, name.c_str(), h5type<T>(), space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
           "create attribute " + name);
  check(H5Awrite(a, h5type<T>(), v.data()), "write attribute " + name);
}

// Fixed-length ASCII string attribute (what VTK's reader expects for "Type").
inline void attribute(hid_t obj, const std::string& name, const std::string& s) {
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
    std::filesystem::remove(tmp, ignored);
    throw;
  }
  std::filesystem::rename(tmp, path);
}



// One VTKHDF ImageData file (VTK's HDF5 format, read natively by ParaView 5.11) holding
// point arrays of n[0] x n[1] x n[2] samples, x fastest, stored (nz, ny, nx).
struct ImageArray {
  std::string name;
  const float* f32 = nullptr;   // one of the two
  const double* f64 = nullptr;
};
inline void write_vtkhdf_image(const std::string& path, const int n[3], const Vec3& origin, double spacing,
                               const std::vector<ImageArray>& arrays, double time = 0, long long step = 0) {
  write_atomically(path, [&](hid_t f) {
    Handle vtk = group(f, "VTKHDF");
    attribute<long long>(vtk, "Version", {1, 0});
    attribute(vtk, "Type", std::string("ImageData"));  // fixed-length ASCII, as VTK requires
    attribute<long long>(vtk, "WholeExtent", {0, n[0] - 1, 0, n[1] - 1, 0, n[2] - 1});
    attribute<double>(vtk, "Origin", {origin.x, origin.y, origin.z});
    attribute<double>(vtk, "Spacing", {spacing, spacing, spacing});
    attribute<double>(vtk, "Direction", {1, 0, 0, 0, 1, 0, 0, 0, 1});
    attribute<double>(vtk, "Time", {time});
    attribute<long long>(vtk, "Step", {step});
    Handle points = group(vtk, "PointData");
    const std::vector<hsize_t> dims = {hsize_t(n[2]), hsize_t(n[1]), hsize_t(n[0])};
    for (const ImageArray& a : arrays) {
      if (a.f32) dataset(points, a.name, dims, a.f32);
      else dataset(points, a.name, dims, a.f64);
    }
  });
}

}  // namespace pfdtd::h5
